"""Scheduling service: sessions between mentors and mentees, in each participant's time zone."""

"""Scheduling service: keeps the people sessions can be booked for, with their time zones."""

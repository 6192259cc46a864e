"""Matching service: keeps a profile index from profile events and recommends mentors to mentees."""

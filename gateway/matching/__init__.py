"""Mentor recommendations computed by the matching service."""

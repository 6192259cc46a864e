"""Notification service: contact details from profile events and each person's in-app inbox."""

"""Event contracts shared by every service: the only code services have in common besides the runtime."""

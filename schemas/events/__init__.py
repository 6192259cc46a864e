"""Pydantic models of every event payload, one module per producing service."""

"""Operational tooling: topic creation and the local embedded stack."""

"""Contracts of the services' internal HTTP APIs, shared by each service and the gateway."""

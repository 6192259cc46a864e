"""GraphQL gateway: one authenticated entry point that composes the services' internal HTTP APIs."""

"""The whole network on one machine: embedded Postgres and broker, every service as a process."""

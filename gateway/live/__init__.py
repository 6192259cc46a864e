"""Live notifications: one Kafka consumer per process fanning events out to local subscribers."""

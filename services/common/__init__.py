"""Runtime shared by every service: settings, database, events, outbox, inbox consumer, HTTP shell."""

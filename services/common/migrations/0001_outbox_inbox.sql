-- Transactional outbox: rows written in the same transaction as the state change they announce.
CREATE TABLE outbox (
    id             bigserial PRIMARY KEY,
    topic          text        NOT NULL,
    partition_key  text        NOT NULL,
    event_id       text        NOT NULL,
    event_type     text        NOT NULL,
    source         text        NOT NULL,
    subject        text,
    dataschema     text,
    correlation_id text,
    occurred_at    timestamptz NOT NULL,
    payload        bytea       NOT NULL
);

-- Wake the relay once per writing statement instead of polling.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_' || current_schema(), '');
    RETURN NULL;
END $$;

CREATE TRIGGER outbox_written AFTER INSERT ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Inbox: ids of events whose effect is committed, per consumer, so redelivery has no second effect.
CREATE TABLE inbox (
    consumer     text        NOT NULL,
    source       text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, source, event_id)
);
CREATE INDEX inbox_processed_at ON inbox (processed_at);

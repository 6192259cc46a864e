-- Who can be notified, from profile.profiles.v1 (tombstoned on erasure).
CREATE TABLE contacts (
    profile_id   uuid PRIMARY KEY,
    version      integer NOT NULL,
    erased       boolean NOT NULL DEFAULT false,
    display_name text,
    email        text
);

CREATE TABLE notifications (
    id           uuid PRIMARY KEY,
    recipient_id uuid        NOT NULL,
    kind         text        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    read_at      timestamptz
);
CREATE INDEX notifications_inbox ON notifications (recipient_id, created_at DESC);

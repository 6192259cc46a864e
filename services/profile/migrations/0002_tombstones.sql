-- What is kept of an erased person: their id and last version, nothing personal. A person who
-- joins again continues from that version, so every read model accepts the new profile.
CREATE TABLE profile_tombstones (
    id         uuid PRIMARY KEY,
    version    integer     NOT NULL,
    erased_at  timestamptz NOT NULL DEFAULT now()
);

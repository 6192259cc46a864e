-- People sessions can be booked for, with the time zone their calendar is shown in.
CREATE TABLE participants (
    profile_id   uuid PRIMARY KEY,
    version      integer NOT NULL,
    erased       boolean NOT NULL DEFAULT false,
    display_name text,
    timezone     text
);

-- Runs once, when the postgres container initialises an empty data volume.
-- One login role per service, each owning the schema named after its service.
-- Passwords are read from the container environment (psql \getenv); an unset one
-- leaves ":'var'" unexpanded and the script fails instead of creating a blank password.
\set ON_ERROR_STOP on

\getenv profile_password PROFILE_DB_PASSWORD
\getenv matching_password MATCHING_DB_PASSWORD
\getenv scheduling_password SCHEDULING_DB_PASSWORD
\getenv notification_password NOTIFICATION_DB_PASSWORD

REVOKE ALL ON DATABASE mentornet FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- CREATE on the database is granted only so that a migration's `CREATE SCHEMA IF NOT EXISTS`
-- succeeds (Postgres checks that privilege before noticing the schema exists). Isolation
-- still holds: no role has any privilege in another service's schema.

CREATE ROLE mentornet_profile LOGIN PASSWORD :'profile_password';
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE mentornet TO mentornet_profile;
CREATE SCHEMA profile AUTHORIZATION mentornet_profile;
ALTER ROLE mentornet_profile SET search_path = profile;

CREATE ROLE mentornet_matching LOGIN PASSWORD :'matching_password';
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE mentornet TO mentornet_matching;
CREATE SCHEMA matching AUTHORIZATION mentornet_matching;
ALTER ROLE mentornet_matching SET search_path = matching;

CREATE ROLE mentornet_scheduling LOGIN PASSWORD :'scheduling_password';
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE mentornet TO mentornet_scheduling;
CREATE SCHEMA scheduling AUTHORIZATION mentornet_scheduling;
ALTER ROLE mentornet_scheduling SET search_path = scheduling;

CREATE ROLE mentornet_notification LOGIN PASSWORD :'notification_password';
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE mentornet TO mentornet_notification;
CREATE SCHEMA notification AUTHORIZATION mentornet_notification;
ALTER ROLE mentornet_notification SET search_path = notification;

CREATE TABLE profiles (
    id              uuid PRIMARY KEY,
    version         integer     NOT NULL DEFAULT 1,
    org_id          uuid,
    role            text        NOT NULL CHECK (role IN ('mentor', 'mentee', 'both')),
    display_name    text        NOT NULL,
    email           text        NOT NULL,
    headline        text        NOT NULL DEFAULT '',
    field           text        NOT NULL,
    skills          text[]      NOT NULL DEFAULT '{}',
    goals           text[]      NOT NULL DEFAULT '{}',
    seniority_years integer     NOT NULL CHECK (seniority_years BETWEEN 0 AND 70),
    languages       text[]      NOT NULL,
    timezone        text        NOT NULL,
    capacity        integer     NOT NULL DEFAULT 0 CHECK (capacity BETWEEN 0 AND 50),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX profiles_email ON profiles (lower(email));
CREATE INDEX profiles_org ON profiles (org_id) WHERE org_id IS NOT NULL;

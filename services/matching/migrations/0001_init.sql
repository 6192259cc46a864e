-- Read model of profiles, built from profile.profiles.v1; erased people stay as tombstones so a
-- late, older event cannot bring them back.
CREATE TABLE candidates (
    profile_id      uuid PRIMARY KEY,
    version         integer  NOT NULL,
    erased          boolean  NOT NULL DEFAULT false,
    org_id          uuid,
    role            text     NOT NULL DEFAULT 'mentee',
    field           text     NOT NULL DEFAULT '',
    skills          text[]   NOT NULL DEFAULT '{}',
    goals           text[]   NOT NULL DEFAULT '{}',
    seniority_years integer  NOT NULL DEFAULT 0,
    languages       text[]   NOT NULL DEFAULT '{}',
    timezone        text     NOT NULL DEFAULT 'UTC',
    capacity        integer  NOT NULL DEFAULT 0
);
CREATE INDEX candidates_mentors_languages ON candidates USING gin (languages)
    WHERE NOT erased AND role IN ('mentor', 'both') AND capacity > 0;

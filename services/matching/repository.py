"""SQL for the candidate index (asyncpg) returning domain objects."""
from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

import asyncpg

from schemas.events.profile import ProfileErased, ProfileSnapshot, newest_per_profile
from services.matching.domain import Candidate

_UPSERT = """
INSERT INTO candidates (profile_id, version, org_id, role, field, skills, goals, seniority_years,
                        languages, timezone, capacity)
SELECT profile_id, version, org_id, role, field, skills::text[], goals::text[], seniority_years,
       languages::text[], timezone, capacity
FROM unnest($1::uuid[], $2::int[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::int[], $9::text[], $10::text[], $11::int[])
    AS t(profile_id, version, org_id, role, field, skills, goals, seniority_years, languages, timezone, capacity)
ON CONFLICT (profile_id) DO UPDATE SET
    version = EXCLUDED.version, org_id = EXCLUDED.org_id, role = EXCLUDED.role, field = EXCLUDED.field,
    skills = EXCLUDED.skills, goals = EXCLUDED.goals, seniority_years = EXCLUDED.seniority_years,
    languages = EXCLUDED.languages, timezone = EXCLUDED.timezone, capacity = EXCLUDED.capacity, erased = false
WHERE candidates.version < EXCLUDED.version
RETURNING profile_id
"""


def _text_array(values: list[str]) -> str:
    """Postgres array literal: nested arrays of differing length can't go through unnest directly."""
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


async def upsert_snapshots(conn: asyncpg.Connection, snapshots: Sequence[ProfileSnapshot]) -> set[UUID]:
    """Apply the newest snapshot per profile; returns ids whose stored state changed."""
    rows = newest_per_profile(snapshots)
    result = await conn.fetch(
        _UPSERT,
        [s.profile_id for s in rows], [s.version for s in rows], [s.org_id for s in rows],
        [s.role for s in rows], [s.field.lower() for s in rows], [_text_array(s.skills) for s in rows],
        [_text_array(s.goals) for s in rows], [s.seniority_years for s in rows],
        [_text_array(s.languages) for s in rows], [s.timezone for s in rows], [s.capacity for s in rows],
    )
    return {r["profile_id"] for r in result}


async def erase(conn: asyncpg.Connection, events: Sequence[ProfileErased]) -> None:
    await conn.execute(
        """INSERT INTO candidates (profile_id, version, erased)
           SELECT * FROM unnest($1::uuid[], $2::int[], $3::bool[])
           ON CONFLICT (profile_id) DO UPDATE SET erased = true, version = EXCLUDED.version,
               skills = '{}', goals = '{}', languages = '{}', org_id = NULL
           WHERE candidates.version <= EXCLUDED.version""",
        [e.profile_id for e in events], [e.version for e in events], [True] * len(events),
    )


def _candidate(row: asyncpg.Record) -> Candidate:
    return Candidate(
        profile_id=row["profile_id"], role=row["role"], field=row["field"], skills=frozenset(row["skills"]),
        goals=frozenset(row["goals"]), seniority_years=row["seniority_years"],
        languages=frozenset(row["languages"]), timezone=row["timezone"], capacity=row["capacity"],
    )


async def get(conn: asyncpg.Connection | asyncpg.Pool, profile_id: UUID) -> Candidate | None:
    row = await conn.fetchrow("SELECT * FROM candidates WHERE profile_id = $1 AND NOT erased", profile_id)
    return _candidate(row) if row else None


async def get_many(conn: asyncpg.Connection, ids: Sequence[UUID]) -> list[Candidate]:
    rows = await conn.fetch("SELECT * FROM candidates WHERE profile_id = ANY($1::uuid[]) AND NOT erased", list(ids))
    return [_candidate(r) for r in rows]


async def candidate_mentors(conn: asyncpg.Connection | asyncpg.Pool, mentee: Candidate,
                            limit: int) -> list[Candidate]:
    """Mentors with free capacity who share a language, those sharing topics or the field first.

    Bounded, so scoring stays cheap however many mentors there are; nobody without a shared
    language can be recommended at all.
    """
    rows = await conn.fetch(
        """SELECT * FROM candidates
           WHERE NOT erased AND role IN ('mentor', 'both') AND capacity > 0 AND languages && $1::text[]
             AND profile_id <> $4
           ORDER BY (skills && $2::text[]) DESC, (field = $3) DESC, profile_id
           LIMIT $5""",
        list(mentee.languages), list(mentee.topics), mentee.field, mentee.profile_id, limit,
    )
    return [_candidate(r) for r in rows]

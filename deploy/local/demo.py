"""A small demo network, so a newcomer sees recommendations and notifications at once."""
from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

NAMESPACE = uuid.UUID("6f1c2f4e-8a53-4c39-9a5e-2b7d0c1e9f10")

FIELDS = {
    "software engineering": ["python", "distributed systems", "system design", "kubernetes", "go",
                             "testing", "career growth", "technical leadership", "public speaking"],
    "data science": ["python", "machine learning", "statistics", "sql", "experiment design",
                     "data visualisation", "career growth", "stakeholder management"],
    "product management": ["roadmapping", "user research", "stakeholder management", "prioritisation",
                           "metrics", "career growth", "negotiation", "public speaking"],
    "ux design": ["user research", "prototyping", "figma", "accessibility", "design systems",
                  "portfolio review", "career growth"],
    "finance": ["financial modelling", "valuation", "excel", "risk management", "negotiation",
                "career growth", "leadership"],
}
PEOPLE = [
    # name, role, field index, seniority, languages, timezone
    ("Amara Okafor", "mentor", 0, 16, ["en"], "Africa/Lagos"),
    ("Lukas Weber", "mentor", 0, 12, ["de", "en"], "Europe/Berlin"),
    ("Priya Raman", "mentor", 1, 11, ["en", "hi"], "Asia/Kolkata"),
    ("Sofia Martínez", "mentor", 2, 14, ["es", "en"], "Europe/Madrid"),
    ("Chen Wei", "mentor", 0, 20, ["en"], "Asia/Singapore"),
    ("Hannah Schmidt", "mentor", 3, 9, ["de", "en"], "Europe/Vienna"),
    ("Marcus Johnson", "mentor", 4, 18, ["en"], "America/New_York"),
    ("Beatriz Costa", "both", 1, 8, ["pt", "en"], "America/Sao_Paulo"),
    ("Yuki Tanaka", "mentor", 3, 13, ["en"], "Asia/Tokyo"),
    ("Olivia Brown", "mentor", 2, 10, ["en", "fr"], "Europe/London"),
    ("Rahul Mehta", "both", 0, 7, ["en", "hi"], "Asia/Kolkata"),
    ("Claire Dubois", "mentor", 4, 15, ["fr", "en"], "Europe/Paris"),
    ("Noah Williams", "mentee", 0, 1, ["en"], "America/Chicago"),
    ("Fatima Zahra", "mentee", 1, 2, ["fr", "en"], "Africa/Casablanca"),
    ("Jonas Becker", "mentee", 0, 3, ["de"], "Europe/Berlin"),
    ("Ana Lima", "mentee", 1, 1, ["pt"], "America/Sao_Paulo"),
    ("Emily Davis", "mentee", 2, 2, ["en"], "America/Los_Angeles"),
    ("Mateo García", "mentee", 2, 4, ["es"], "America/Mexico_City"),
    ("Aisha Bello", "mentee", 0, 0, ["en"], "Africa/Lagos"),
    ("Tom Fischer", "mentee", 3, 2, ["de", "en"], "Europe/Zurich"),
    ("Meera Iyer", "mentee", 1, 3, ["en", "hi"], "Asia/Kolkata"),
    ("Lucas Moreau", "mentee", 4, 1, ["fr"], "Europe/Paris"),
    ("Grace Kim", "mentee", 3, 1, ["en"], "Asia/Seoul"),
    ("Daniel Novak", "mentee", 0, 5, ["en"], "Europe/Prague"),
    ("Zara Ahmed", "mentee", 4, 2, ["en"], "Europe/London"),
    ("Kofi Mensah", "mentee", 1, 0, ["en"], "Africa/Accra"),
    ("Isabel Rossi", "mentee", 2, 3, ["en", "es"], "Europe/Rome"),
    ("Ethan Clark", "mentee", 0, 2, ["en"], "America/Toronto"),
    ("Lea Hoffmann", "mentee", 3, 4, ["de"], "Europe/Berlin"),
    ("Sami Virtanen", "mentee", 0, 3, ["en"], "Europe/Helsinki"),
    ("Nia Thompson", "mentee", 4, 1, ["en"], "America/New_York"),
    ("Arjun Nair", "mentee", 1, 2, ["en"], "Asia/Dubai"),
]


@dataclass(frozen=True)
class DemoPerson:
    id: uuid.UUID
    input: dict


def demo_people(seed: int = 7) -> list[DemoPerson]:
    """Deterministic people (same ids every run) in the shape of the GraphQL ProfileInput."""
    rng = random.Random(seed)
    people = []
    fields = list(FIELDS)
    for name, role, field_index, seniority, languages, zone in PEOPLE:
        field = fields[field_index]
        topics = FIELDS[field]
        mentoring = role in ("mentor", "both")
        skills = rng.sample(topics, k=min(len(topics), 5 if mentoring else 3))
        goals = [] if role == "mentor" else rng.sample([t for t in topics if t not in skills], k=2)
        first = name.split()[0].lower()
        people.append(DemoPerson(uuid.uuid5(NAMESPACE, name), {
            "role": role.upper(),
            "displayName": name,
            "email": f"{first}.{uuid.uuid5(NAMESPACE, name).hex[:6]}@demo.mentornet.dev",
            "headline": f"{'Senior ' if seniority >= 10 else ''}{field.title()} professional",
            "field": field,
            "skills": skills,
            "goals": goals,
            "seniorityYears": seniority,
            "languages": languages,
            "timezone": zone,
            "capacity": 3 if mentoring else 0,
        }))
    return people

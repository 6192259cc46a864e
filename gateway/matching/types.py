"""GraphQL shape of a mentor recommendation."""
import strawberry

from gateway.profiles.types import PublicProfile


@strawberry.type(description="A mentor suggested for the viewer.")
class Recommendation:
    mentor: PublicProfile
    score: float = strawberry.field(description="Match quality from 0 (poor) to 1 (excellent).")
    reasons: list[str] = strawberry.field(description="Why this mentor fits, in plain words.")

"""The committed SDL is what clients build against; it must match the schema the gateway serves."""
from gateway.export_schema import SDL_FILE, current_sdl


def test_committed_sdl_matches_live_schema() -> None:
    assert SDL_FILE.read_text(encoding="utf-8") == current_sdl(), (
        "schemas/graphql/schema.graphql is stale: run `python -m gateway.export_schema` and commit the result"
    )

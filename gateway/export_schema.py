"""`python -m gateway.export_schema`: write the SDL clients build against to schemas/graphql/schema.graphql."""
import sys
from pathlib import Path

from gateway.schema import schema

SDL_FILE = Path(__file__).resolve().parent.parent / "schemas" / "graphql" / "schema.graphql"


def current_sdl() -> str:
    return schema.as_str().rstrip("\n") + "\n"


def main() -> int:
    SDL_FILE.parent.mkdir(parents=True, exist_ok=True)
    SDL_FILE.write_text(current_sdl(), encoding="utf-8")
    print(f"wrote {SDL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Mint a viewer token for local development: `python -m gateway.auth.devtoken <subject-uuid>`."""
import argparse
import os
import sys
from pathlib import Path
from uuid import UUID

from gateway.auth.tokens import DEFAULT_AUDIENCE, DEFAULT_ISSUER, mint_token

LAUNCHER_SECRET_FILE = Path(".run") / "jwt_secret"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m gateway.auth.devtoken", description=__doc__)
    parser.add_argument("subject", type=UUID, help="profile id of the viewer (token `sub`)")
    parser.add_argument("--org", type=UUID, default=None, help="organisation id (token `org`)")
    parser.add_argument("--roles", default="", help="comma-separated roles, e.g. mentor,admin")
    parser.add_argument("--ttl", type=int, default=86400, help="lifetime in seconds (default 86400)")
    return parser.parse_args(argv)


def _local_setup_allowed() -> bool:
    """Only a dev environment or a machine where the local launcher ran may mint tokens."""
    return os.environ.get("MENTORNET_ENV") == "dev" or LAUNCHER_SECRET_FILE.is_file()


def _signing_secret() -> str | None:
    secret = os.environ.get("JWT_SECRET")
    if secret:
        return secret
    if LAUNCHER_SECRET_FILE.is_file():
        return LAUNCHER_SECRET_FILE.read_text(encoding="utf-8").strip() or None
    return None


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if not _local_setup_allowed():
        print("refusing to mint: set MENTORNET_ENV=dev or run the local launcher first", file=sys.stderr)
        return 2
    secret = _signing_secret()
    if secret is None:
        print(f"no signing secret: set JWT_SECRET or create {LAUNCHER_SECRET_FILE}", file=sys.stderr)
        return 2
    roles = [role.strip() for role in args.roles.split(",") if role.strip()]
    print(
        mint_token(
            secret,
            args.subject,
            org=args.org,
            roles=roles,
            ttl_seconds=args.ttl,
            issuer=os.environ.get("JWT_ISSUER", DEFAULT_ISSUER),
            audience=os.environ.get("JWT_AUDIENCE", DEFAULT_AUDIENCE),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Internal HTTP API of the scheduling service, called by the gateway."""
from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.routing import Route

from services.common.http import handle_errors, parse_ids
from services.common.runtime import Runtime
from services.scheduling import repository


def routes(rt: Runtime) -> list[Route]:
    @handle_errors
    async def participants(request: Request) -> dict:
        ids = parse_ids(request.query_params.get("ids"))
        found = await repository.get_many(rt.pool, ids) if ids else []
        now = datetime.now(UTC)
        return {"participants": [
            {"profile_id": str(p.profile_id), "display_name": p.display_name, "timezone": p.timezone,
             "local_time": p.local_time(now).isoformat()}
            for p in found
        ]}

    return [Route("/participants", participants, methods=["GET"])]

"""Internal HTTP API of the profile service, called by the gateway."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from schemas.api.profile import ErasedProfile, ProfileBatch, SavedProfile
from services.common.http import handle_errors, invalid, not_found, parse_ids, parse_uuid, read_json
from services.common.logs import correlation_id_var
from services.common.runtime import Runtime
from services.profile import repository, service
from services.profile.domain import InvalidProfile, parse_profile_input


def routes(rt: Runtime) -> list[Route]:
    @handle_errors
    async def put_profile(request: Request) -> dict:
        profile_id = parse_uuid(request.path_params["profile_id"], "id")
        try:
            data = parse_profile_input(await read_json(request))
            profile, created = await service.save_profile(
                rt.pool, rt.outbox, profile_id, data, correlation_id_var.get())
        except InvalidProfile as exc:
            raise invalid(str(exc), exc.field) from None
        return SavedProfile(profile=profile, created=created).model_dump(mode="json")

    @handle_errors
    async def get_profiles(request: Request) -> dict:
        ids = parse_ids(request.query_params.get("ids"))
        profiles = await repository.get_many(rt.pool, ids) if ids else []
        return ProfileBatch(profiles=profiles).model_dump(mode="json")

    @handle_errors
    async def delete_profile(request: Request) -> dict:
        profile_id = parse_uuid(request.path_params["profile_id"], "id")
        if not await service.erase_profile(rt.pool, rt.outbox, profile_id, correlation_id_var.get()):
            raise not_found("no profile with this id")
        return ErasedProfile(erased=True).model_dump(mode="json")

    return [
        Route("/profiles/{profile_id}", put_profile, methods=["PUT"]),
        Route("/profiles/{profile_id}", delete_profile, methods=["DELETE"]),
        Route("/profiles", get_profiles, methods=["GET"]),
    ]

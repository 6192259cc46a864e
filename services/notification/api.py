"""Internal HTTP API of the notification service, called by the gateway."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from schemas.api.notification import MarkedNotification, NotificationList
from services.common.http import handle_errors, not_found, parse_limit, parse_uuid, read_json
from services.common.runtime import Runtime
from services.notification.service import Notifications


def routes(rt: Runtime) -> list[Route]:
    @handle_errors
    async def list_notifications(request: Request) -> dict:
        recipient_id = parse_uuid(request.query_params.get("recipient_id"), "recipient_id")
        limit = parse_limit(request.query_params.get("limit"), default=20, maximum=100)
        unread_only = request.query_params.get("unread_only", "false").lower() == "true"
        found = await Notifications.inbox(rt.pool, recipient_id, limit, unread_only)
        return NotificationList(notifications=found).model_dump(mode="json")

    @handle_errors
    async def mark_read(request: Request) -> dict:
        notification_id = parse_uuid(request.path_params["notification_id"], "id")
        recipient_id = parse_uuid((await read_json(request)).get("recipient_id"), "recipient_id")
        note = await Notifications.mark_read(rt.pool, notification_id, recipient_id)
        if note is None:
            raise not_found("no such notification in this inbox")
        return MarkedNotification(notification=note).model_dump(mode="json")

    return [
        Route("/notifications", list_notifications, methods=["GET"]),
        Route("/notifications/{notification_id}/read", mark_read, methods=["POST"]),
    ]

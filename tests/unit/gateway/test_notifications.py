"""Inbox: listing and marking read always act for the viewer, and foreign ids are simply not found."""
import json
from uuid import UUID, uuid4

import respx

from tests.unit.gateway.conftest import NOTIFICATION_URL, GraphQL, error_codes, notification_json

MARK_READ = "mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }"


async def test_inbox_lists_the_viewers_notifications(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    first, second = uuid4(), uuid4()
    route = upstream.get(f"{NOTIFICATION_URL}/notifications").respond(
        200, json={"notifications": [notification_json(first, viewer_id), notification_json(second, viewer_id)]}
    )

    answer = await graphql("{ notifications(limit: 2, unreadOnly: true) { id kind title readAt } }")

    assert [n["id"] for n in answer["data"]["notifications"]] == [str(first), str(second)]
    params = route.calls.last.request.url.params
    assert (params["recipient_id"], params["limit"], params["unread_only"]) == (str(viewer_id), "2", "true")


async def test_mark_read_sends_the_viewer_as_recipient(
    graphql: GraphQL, upstream: respx.MockRouter, viewer_id: UUID
) -> None:
    notification_id = uuid4()
    read = notification_json(notification_id, viewer_id, read_at="2025-01-03T00:00:00+00:00")
    route = upstream.post(f"{NOTIFICATION_URL}/notifications/{notification_id}/read").respond(
        200, json={"notification": read}
    )

    answer = await graphql(MARK_READ, {"id": str(notification_id)})

    assert answer["data"]["markNotificationRead"] == {"id": str(notification_id), "readAt": "2025-01-03T00:00:00+00:00"}
    assert json.loads(route.calls.last.request.content) == {"recipient_id": str(viewer_id)}


async def test_mark_read_of_unknown_or_foreign_notification_is_not_found(
    graphql: GraphQL, upstream: respx.MockRouter
) -> None:
    notification_id = uuid4()
    upstream.post(f"{NOTIFICATION_URL}/notifications/{notification_id}/read").respond(
        404, json={"error": {"code": "NOT_FOUND", "message": "no such notification in this inbox"}}
    )

    answer = await graphql(MARK_READ, {"id": str(notification_id)})

    assert answer["data"] is None
    assert error_codes(answer) == ["NOT_FOUND"]

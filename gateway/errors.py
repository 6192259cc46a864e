"""GraphQL errors the gateway means to show clients, each tagged with a stable `extensions.code`."""
from enum import StrEnum

from graphql import GraphQLError


class ErrorCode(StrEnum):
    """Machine-readable reasons clients can branch on."""

    UNAUTHENTICATED = "UNAUTHENTICATED"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"


class GatewayError(GraphQLError):
    """An expected failure explained to the client; error masking lets it through unchanged."""

    def __init__(self, message: str, code: ErrorCode, **extensions: object) -> None:
        super().__init__(message, extensions={"code": code.value, **extensions})
        self.code = code


def unauthenticated(message: str) -> GatewayError:
    return GatewayError(message, ErrorCode.UNAUTHENTICATED)


def bad_user_input(message: str, field: str | None) -> GatewayError:
    return GatewayError(message, ErrorCode.BAD_USER_INPUT, field=field)


def not_found(message: str) -> GatewayError:
    return GatewayError(message, ErrorCode.NOT_FOUND)


def service_unavailable(upstream: str) -> GatewayError:
    return GatewayError(
        f"The {upstream} service is unavailable; please try again later.", ErrorCode.SERVICE_UNAVAILABLE
    )


def is_unexpected(error: GraphQLError) -> bool:
    """True when a resolver crashed with a plain exception, whose message may carry internals."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


def camel_case(snake: str) -> str:
    """Translate an upstream snake_case field name into the GraphQL input name clients sent."""
    head, *rest = snake.split("_")
    return head + "".join(part.capitalize() for part in rest)

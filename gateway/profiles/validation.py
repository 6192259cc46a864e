"""Checks a profile draft at the gateway so obvious mistakes never cost a service call."""

from pydantic import ValidationError

from gateway.errors import GatewayError, bad_user_input, camel_case
from schemas.api.profile import ProfileInput


def validate_draft(values: dict[str, object]) -> ProfileInput:
    """Build a draft or raise BAD_USER_INPUT naming the first offending GraphQL input field."""
    try:
        return ProfileInput.model_validate(values)
    except ValidationError as error:
        raise _as_user_input_error(error) from None


def _as_user_input_error(error: ValidationError) -> GatewayError:
    first = error.errors(include_url=False, include_input=False)[0]
    location = first["loc"]
    field = camel_case(str(location[0])) if location else None
    message = str(first["msg"]).removeprefix("Value error, ")
    return bad_user_input(f"{field}: {message}" if field else message, field)

"""Checks on resolver arguments, reported as BAD_USER_INPUT naming the argument."""
from uuid import UUID

import strawberry

from gateway.errors import bad_user_input


def parse_id(value: strawberry.ID, argument: str) -> UUID:
    """IDs are UUIDs; anything else is the client's mistake, reported on the argument's name."""
    try:
        return UUID(str(value))
    except ValueError:
        raise bad_user_input(f"{argument}: must be a UUID", argument) from None


def check_range(value: int, argument: str, lowest: int, highest: int) -> int:
    """Reject numeric arguments outside what the services accept, naming the argument."""
    if not lowest <= value <= highest:
        raise bad_user_input(f"{argument}: must be between {lowest} and {highest}", argument)
    return value

"""The time zone names the network accepts, the same on every host (zone data comes from `tzdata`)."""
from functools import cache
from zoneinfo import available_timezones


@cache
def iana_zones() -> frozenset[str]:
    """IANA zone names; aliases of the host's own clock are not zones."""
    return frozenset(available_timezones()) - {"localtime", "posixrules", "Factory"}


def check_zone(name: str) -> str:
    if name not in iana_zones():
        raise ValueError(f"unknown IANA time zone {name!r}; use a name such as 'Europe/Berlin'")
    return name

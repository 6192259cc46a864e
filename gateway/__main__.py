"""`python -m gateway`: validate settings from the environment, then serve with uvicorn."""
import sys

import uvicorn
from pydantic import ValidationError

from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.common.logs import configure_logging


def main() -> int:
    try:
        settings = GatewaySettings()
    except ValidationError as error:
        print(f"gateway: invalid configuration\n{error}", file=sys.stderr)
        return 2
    configure_logging("gateway", settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.gateway_host,
        port=settings.gateway_port,
        log_level=settings.log_level.lower(),
        log_config=None,
        access_log=False,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m services.scheduling` starts the scheduling service."""
from services.common.runtime import run_service
from services.scheduling.app import definition
from services.scheduling.settings import SchedulingSettings

run_service(definition, SchedulingSettings())

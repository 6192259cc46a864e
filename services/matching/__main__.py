"""`python -m services.matching` starts the matching service."""
from services.common.runtime import run_service
from services.matching.app import definition
from services.matching.settings import MatchingSettings

run_service(definition, MatchingSettings())

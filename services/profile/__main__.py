"""`python -m services.profile` starts the profile service."""
from services.common.runtime import run_service
from services.profile.app import definition
from services.profile.settings import ProfileSettings

run_service(definition, ProfileSettings())

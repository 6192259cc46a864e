"""`python -m services.notification` starts the notification service."""
from services.common.runtime import run_service
from services.notification.app import definition
from services.notification.settings import NotificationSettings

run_service(definition, NotificationSettings())

"""Prometheus metrics of the runtime; names are shared with deploy/ alerts and dashboards."""
from prometheus_client import Counter, Gauge, Histogram

EVENTS_CONSUMED = Counter(
    "mentornet_events_consumed", "Events read by a consumer, by outcome.",
    ["service", "topic", "type", "outcome"],
)
CONSUME_BATCH_SECONDS = Histogram(
    "mentornet_consume_batch_seconds", "Time to make one fetched batch durable.",
    ["service", "topic"], buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
EVENT_LAG_SECONDS = Histogram(
    "mentornet_event_lag_seconds", "From the event's time to its effect being committed.",
    ["service", "topic"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)
DEAD_LETTERS = Counter(
    "mentornet_dead_letters", "Messages sent to a dead-letter topic.", ["service", "topic", "reason"],
)
CONSUMER_RETRIES = Counter(
    "mentornet_consumer_retries", "Attempts repeated after a failed batch or event.", ["service", "topic"],
)
OUTBOX_PUBLISHED = Counter(
    "mentornet_outbox_published", "Outbox rows published to Kafka.", ["service", "topic"],
)
OUTBOX_PENDING = Gauge("mentornet_outbox_pending", "Outbox rows not yet published.", ["service"])
OUTBOX_OLDEST_PENDING_SECONDS = Gauge(
    "mentornet_outbox_oldest_pending_seconds", "Age of the oldest unpublished outbox row.", ["service"],
)
HTTP_REQUESTS = Counter(
    "mentornet_http_requests", "Internal HTTP requests served.", ["service", "route", "status"],
)
HTTP_REQUEST_SECONDS = Histogram(
    "mentornet_http_request_seconds", "Internal HTTP request duration.", ["service", "route"],
)
CONSUMER_PARTITIONS = Gauge(
    "mentornet_consumer_assigned_partitions", "Partitions this consumer-group member owns now.",
    ["service", "group"],
)

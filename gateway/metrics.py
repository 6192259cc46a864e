"""Prometheus collectors of the gateway, registered once per process."""
from prometheus_client import Counter, Gauge, Histogram

GRAPHQL_OPERATIONS = Counter(
    "mentornet_graphql_operations_total",
    "GraphQL operations handled, by type and outcome (success, error).",
    ["operation_type", "outcome"],
)
GRAPHQL_OPERATION_SECONDS = Histogram(
    "mentornet_graphql_operation_seconds",
    "Time to answer a GraphQL query or mutation.",
    ["operation_type"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
LIVE_SUBSCRIBERS = Gauge(
    "mentornet_live_subscribers",
    "Live notification subscriptions open in this process.",
)
LIVE_EVENTS_SKIPPED = Counter(
    "mentornet_live_events_skipped_total",
    "Notification events not delivered to anyone, by reason (invalid, dropped_slow_subscriber).",
    ["reason"],
)
UPSTREAM_REQUESTS = Counter(
    "mentornet_upstream_requests_total",
    "Calls to internal service APIs, by upstream and HTTP status ('error' when no response arrived).",
    ["upstream", "status"],
)

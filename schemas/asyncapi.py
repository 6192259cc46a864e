"""AsyncAPI 3 document of every topic and event, for partners producing and consuming over Kafka.

`python -m schemas.asyncapi` writes `schemas/asyncapi.json` (FastStream builds it from the same
pydantic contracts the services use); `--check` fails when the committed file is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI

from schemas.registry import CONTRACTS

DOCUMENT = Path(__file__).parent / "asyncapi.json"
ENVELOPE = (
    "CloudEvents 1.0 in Kafka binary mode: attributes in headers ce_specversion, ce_id, ce_source, "
    "ce_type={type}, ce_time, ce_subject, ce_dataschema={dataschema}, ce_correlationid; "
    "content-type application/json; the record key is the aggregate id."
)


def build() -> dict:
    broker = KafkaBroker("kafka:9092", description="The network's Kafka cluster")
    for contract in CONTRACTS.values():
        broker.publisher(
            contract.topic,
            title=contract.type,
            description=f"{(contract.model.__doc__ or '').strip()} "
                        + ENVELOPE.format(type=contract.type, dataschema=contract.dataschema),
            schema=contract.model,
        )
    spec = AsyncAPI(broker, title="mentornet events", version="1",
                    description="Topics and CloudEvents of the mentornet network.", schema_version="3.0.0")
    return spec.to_specification().to_jsonable()


def render() -> str:
    return json.dumps(build(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if not DOCUMENT.exists() or DOCUMENT.read_text() != render():
            print(f"{DOCUMENT} is stale: run python -m schemas.asyncapi", file=sys.stderr)
            return 1
        return 0
    DOCUMENT.write_text(render())
    print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

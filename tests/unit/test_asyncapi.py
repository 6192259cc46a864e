"""The AsyncAPI document partners build against stays true to the contracts."""
import json

from schemas import asyncapi
from schemas.registry import CONTRACTS


def test_committed_document_matches_the_contracts():
    assert asyncapi.DOCUMENT.read_text() == asyncapi.render(), "run: python -m schemas.asyncapi"


def test_every_event_type_is_documented_on_its_topic():
    document = json.loads(asyncapi.DOCUMENT.read_text())
    addresses = {name: channel["address"] for name, channel in document["channels"].items()}
    for contract in CONTRACTS.values():
        assert addresses.get(contract.type) == contract.topic
        assert contract.model.__name__ in document["components"]["schemas"]

"""Event contracts stay readable across versions, match their committed schemas, and validate payloads."""
import ast
import json
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from schemas import registry
from schemas.compat import breaking_changes
from schemas.events.profile import ProfileCreated
from schemas.generate import SCHEMA_DIR, check_schemas, display, main, render, schema_for, write_schemas
from schemas.registry import CONTRACTS, Contract

REPO_ROOT = Path(__file__).resolve().parents[2]
TOPICS_FILE = REPO_ROOT / "deploy" / "kafka" / "topics.toml"
ALL_CONTRACTS = pytest.mark.parametrize("contract", CONTRACTS.values(), ids=CONTRACTS.keys())

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NULL = {"type": "null"}


def obj(properties: dict, required: tuple[str, ...] = ()) -> dict:
    """An object schema shaped like pydantic's output for a model."""
    return {"type": "object", "properties": properties, "required": list(required)}


def field(schema: dict) -> dict:
    """A model with a single optional field `a` of the given schema."""
    return obj({"a": schema})


# --- committed schemas ------------------------------------------------------------------------------------------


@ALL_CONTRACTS
def test_committed_schema_still_reads_and_is_read_by_the_current_model(contract: Contract):
    path = SCHEMA_DIR / contract.schema_file
    assert path.exists(), f"{path.name} is missing: run `python -m schemas.generate`"
    changes = breaking_changes(json.loads(path.read_text(encoding="utf-8")), schema_for(contract))
    assert changes == [], (
        f"{contract.model.__name__} is no longer compatible with {path.name}:\n  "
        + "\n  ".join(changes)
        + "\nUndo the change, or publish it as a new version (Contract.version + 1 on a new `*.v2` topic)."
    )


@ALL_CONTRACTS
def test_committed_schema_is_what_the_generator_writes(contract: Contract):
    path = SCHEMA_DIR / contract.schema_file
    assert path.exists(), f"{path.name} is missing: run `python -m schemas.generate`"
    if breaking_changes(json.loads(path.read_text(encoding="utf-8")), schema_for(contract)):
        pytest.skip("the change is breaking, so regenerating is not the fix; see the compatibility test")
    assert path.read_text(encoding="utf-8") == render(schema_for(contract)), (
        f"{path.name} is out of date: run `python -m schemas.generate` and commit the result"
    )


def test_ci_check_passes_on_the_committed_schemas():
    assert main(["--check"]) == 0


# --- generator --------------------------------------------------------------------------------------------------


def test_generator_writes_every_contract_and_deletes_nothing_else(tmp_path: Path):
    unrelated = tmp_path / "mentornet.retired.v1.json"
    unrelated.write_text("{}\n")

    written, refused = write_schemas(tmp_path)

    assert refused == []
    assert sorted(p.name for p in written) == sorted(c.schema_file for c in CONTRACTS.values())
    assert unrelated.read_text() == "{}\n"
    assert check_schemas(tmp_path) == []
    assert write_schemas(tmp_path) == ([], [])


def test_generated_schema_names_its_contract():
    contract = CONTRACTS["mentornet.profile.created"]
    schema = schema_for(contract)
    assert schema["$id"] == contract.dataschema
    assert schema["title"] == contract.type
    assert schema["x-topic"] == contract.topic


def test_check_reports_missing_files(tmp_path: Path):
    problems = check_schemas(tmp_path)
    assert len(problems) == len(CONTRACTS)
    assert all("missing" in problem and "python -m schemas.generate" in problem for problem in problems)


def test_compatible_drift_is_reported_and_regenerated(tmp_path: Path):
    write_schemas(tmp_path)
    path = tmp_path / CONTRACTS["mentornet.profile.erased"].schema_file
    schema = json.loads(path.read_text())
    path.write_text(render(schema | {"description": "An older wording."}))

    assert check_schemas(tmp_path) == [f"{display(path)}: out of date; run `python -m schemas.generate`"]
    written, refused = write_schemas(tmp_path)
    assert (written, refused) == ([path], [])
    assert check_schemas(tmp_path) == []


def test_breaking_drift_is_reported_and_never_overwritten(tmp_path: Path):
    write_schemas(tmp_path)
    path = tmp_path / CONTRACTS["mentornet.profile.erased"].schema_file
    schema = json.loads(path.read_text())
    schema["properties"]["reason"] = STRING
    schema["required"].append("reason")
    committed = render(schema)
    path.write_text(committed)

    [problem] = check_schemas(tmp_path)
    assert "breaking change" in problem and "$.reason: required property removed" in problem
    written, [refusal] = write_schemas(tmp_path)
    assert path not in written and "$.reason: required property removed" in refusal
    assert path.read_text() == committed


# --- breaking_changes: rules ------------------------------------------------------------------------------------


BREAKING = {
    "required property removed": (
        obj({"a": STRING, "b": STRING}, ("a", "b")),
        obj({"a": STRING}, ("a",)),
        "$.b: required property removed",
    ),
    "new required property": (
        obj({"a": STRING}, ("a",)),
        obj({"a": STRING, "b": STRING}, ("a", "b")),
        "$.b: new required property without a default",
    ),
    "optional made required": (
        obj({"a": STRING, "b": STRING}, ("a",)),
        obj({"a": STRING, "b": STRING}, ("a", "b")),
        "$.b: optional property made required",
    ),
    "type changed": (
        field(STRING),
        field(INTEGER),
        "$.a: type changed from string to integer, rejecting string",
    ),
    "number narrowed to integer": (
        field({"type": "number"}),
        field(INTEGER),
        "$.a: type changed from number to integer, rejecting number",
    ),
    "nullable made not nullable": (
        field({"anyOf": [{"type": "string", "format": "uuid"}, NULL], "default": None}),
        field({"type": "string", "format": "uuid"}),
        "$.a: type changed from null | string to string, rejecting null",
    ),
    "enum value removed": (
        field({"enum": ["mentor", "mentee", "both"], "type": "string"}),
        field({"enum": ["mentor", "mentee"], "type": "string"}),
        '$.a: enum values removed: "both"',
    ),
    "const changed": (
        field({"const": "v1", "type": "string"}),
        field({"const": "v2", "type": "string"}),
        '$.a: enum values removed: "v1"',
    ),
    "enum put on an open field": (
        field(STRING),
        field({"enum": ["mentor", "mentee"], "type": "string"}),
        '$.a: restricted to the values "mentor", "mentee"',
    ),
    "maxLength lowered": (
        field({"type": "string", "maxLength": 120}),
        field({"type": "string", "maxLength": 100}),
        "$.a: maxLength lowered from 120 to 100",
    ),
    "maxLength added": (field(STRING), field({"type": "string", "maxLength": 100}), "$.a: maxLength 100 added"),
    "minLength raised": (
        field({"type": "string", "minLength": 0}),
        field({"type": "string", "minLength": 1}),
        "$.a: minLength raised from 0 to 1",
    ),
    "maximum lowered": (
        field({"type": "number", "maximum": 1}),
        field({"type": "number", "maximum": 0.5}),
        "$.a: maximum lowered from 1 to 0.5",
    ),
    "exclusiveMaximum added": (
        field({"type": "number"}),
        field({"type": "number", "exclusiveMaximum": 1}),
        "$.a: exclusiveMaximum 1 added",
    ),
    "minimum raised": (
        field({"type": "integer", "minimum": 0}),
        field({"type": "integer", "minimum": 1}),
        "$.a: minimum raised from 0 to 1",
    ),
    "maxItems lowered": (
        field({"type": "array", "items": STRING, "maxItems": 50}),
        field({"type": "array", "items": STRING, "maxItems": 20}),
        "$.a: maxItems lowered from 50 to 20",
    ),
    "minItems added": (
        field({"type": "array", "items": STRING}),
        field({"type": "array", "items": STRING, "minItems": 1}),
        "$.a: minItems 1 added",
    ),
    "pattern added": (
        field(STRING),
        field({"type": "string", "pattern": "^[a-z]{2}$"}),
        '$.a: pattern "^[a-z]{2}$" added',
    ),
    "format added": (field(STRING), field({"type": "string", "format": "email"}), '$.a: format "email" added'),
    "format changed": (
        field({"type": "string", "format": "date-time"}),
        field({"type": "string", "format": "date"}),
        '$.a: format changed from "date-time" to "date"',
    ),
    "uniqueItems added": (
        field({"type": "array", "items": STRING}),
        field({"type": "array", "items": STRING, "uniqueItems": True}),
        "$.a: uniqueItems true added",
    ),
    "array items narrowed": (
        field({"type": "array", "items": STRING}),
        field({"type": "array", "items": INTEGER}),
        "$.a[*]: type changed from string to integer, rejecting string",
    ),
    "mapping values narrowed": (
        field({"type": "object", "additionalProperties": {"type": "number"}}),
        field({"type": "object", "additionalProperties": INTEGER}),
        "$.a.*: type changed from number to integer, rejecting number",
    ),
    "unknown fields forbidden": (
        obj({"a": STRING}),
        obj({"a": STRING}) | {"additionalProperties": False},
        "$: additional properties now forbidden",
    ),
    "topic changed": (
        obj({}) | {"x-topic": "profile.profiles.v1"},
        obj({}) | {"x-topic": "profile.people.v1"},
        "$: topic changed from profile.profiles.v1 to profile.people.v1; "
        "consumers of profile.profiles.v1 would stop receiving it",
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), BREAKING.values(), ids=BREAKING.keys())
def test_breaking_change_is_reported_with_its_path(old: dict, new: dict, message: str):
    assert breaking_changes(old, new) == [message]


def _mentors(score: dict, definition: str = "RecommendedMentor") -> dict:
    """A recommendations-like schema whose array items point into `$defs`."""
    mentor = obj({"mentor_id": {"type": "string", "format": "uuid"}, "score": score}, ("mentor_id", "score"))
    mentors = {"type": "array", "items": {"$ref": f"#/$defs/{definition}"}, "maxItems": 50}
    return obj({"mentors": mentors}, ("mentors",)) | {"$defs": {definition: mentor}}


def test_change_inside_a_definition_is_reported_at_the_data_path():
    old = _mentors({"type": "number", "minimum": 0, "maximum": 1})
    new = _mentors({"type": "number", "minimum": 0, "maximum": 0.5})
    assert breaking_changes(old, new) == ["$.mentors[*].score: maximum lowered from 1 to 0.5"]


def test_change_inside_an_optional_model_is_reported():
    address = obj({"city": STRING, "zip": STRING}, ("city", "zip"))
    old = field({"anyOf": [{"$ref": "#/$defs/Address"}, NULL]}) | {"$defs": {"Address": address}}
    new = field({"anyOf": [{"$ref": "#/$defs/Address"}, NULL]}) | {"$defs": {"Address": obj({"city": STRING})}}
    assert breaking_changes(old, new) == ["$.a.zip: required property removed"]


def test_recursive_models_are_compared_once():
    def tree(name: dict) -> dict:
        node = obj({"name": name, "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}}, ("name",))
        return {"$defs": {"Node": node}, "$ref": "#/$defs/Node"}

    assert breaking_changes(tree(STRING), tree({"type": "string", "maxLength": 5})) == ["$.name: maxLength 5 added"]


def test_every_broken_rule_is_reported():
    old = obj({"a": STRING, "b": {"type": "integer", "maximum": 10}}, ("a",))
    new = obj({"b": {"type": "integer", "maximum": 5}, "c": STRING}, ("b", "c"))
    assert breaking_changes(old, new) == [
        "$.a: required property removed",
        "$.b: maximum lowered from 10 to 5",
        "$.b: optional property made required",
        "$.c: new required property without a default",
    ]


def test_pydantic_optional_field_made_required_is_caught():
    class Before(BaseModel):
        nickname: str | None = None

    class After(BaseModel):
        nickname: str

    assert breaking_changes(Before.model_json_schema(), After.model_json_schema()) == [
        "$.nickname: optional property made required",
        "$.nickname: type changed from null | string to string, rejecting null",
    ]


def test_new_required_field_on_a_real_contract_is_caught():
    class WithPronouns(ProfileCreated):
        pronouns: str

    contract = CONTRACTS["mentornet.profile.created"]
    changed = Contract(contract.type, contract.topic, WithPronouns)
    assert breaking_changes(schema_for(contract), schema_for(changed)) == [
        "$.pronouns: new required property without a default"
    ]


# --- breaking_changes: allowed changes --------------------------------------------------------------------------


ALLOWED = {
    "optional property added": (obj({"a": STRING}, ("a",)), obj({"a": STRING, "b": STRING}, ("a",))),
    "optional property removed": (obj({"a": STRING, "b": STRING}, ("a",)), obj({"a": STRING}, ("a",))),
    "required property made optional": (obj({"a": STRING}, ("a",)), obj({"a": STRING | {"default": ""}})),
    "maxLength raised": (field({"type": "string", "maxLength": 100}), field({"type": "string", "maxLength": 120})),
    "minLength lowered": (field({"type": "string", "minLength": 2}), field({"type": "string", "minLength": 1})),
    "maximum removed": (field({"type": "integer", "maximum": 70}), field(INTEGER)),
    "minimum lowered": (field({"type": "integer", "minimum": 1}), field({"type": "integer", "minimum": 0})),
    "maxItems raised": (
        field({"type": "array", "items": STRING, "maxItems": 10}),
        field({"type": "array", "items": STRING, "maxItems": 50}),
    ),
    "minItems removed": (field({"type": "array", "items": STRING, "minItems": 1}), field({"type": "array"})),
    "pattern removed": (field({"type": "string", "pattern": "^[a-z]+$"}), field(STRING)),
    "format removed": (field({"type": "string", "format": "email"}), field(STRING)),
    "enum value added": (
        field({"enum": ["mentor", "mentee"], "type": "string"}),
        field({"enum": ["mentor", "mentee", "both"], "type": "string"}),
    ),
    "const widened to enum": (field({"const": "a", "type": "string"}), field({"enum": ["a", "b"], "type": "string"})),
    "enum lifted": (field({"enum": ["a"], "type": "string"}), field(STRING)),
    "integer widened to number": (field(INTEGER), field({"type": "number"})),
    "made nullable": (field(STRING), field({"anyOf": [STRING, NULL], "default": None})),
    "description and title changed": (
        obj({"a": STRING | {"title": "A"}}) | {"description": "Old.", "title": "Old"},
        obj({"a": STRING | {"title": "Alpha", "description": "New."}}) | {"description": "New.", "title": "New"},
    ),
    "definition renamed": (
        _mentors({"type": "number", "maximum": 1}, "Mentor"),
        _mentors({"type": "number", "maximum": 1}, "RecommendedMentor"),
    ),
    "default changed": (field(STRING | {"default": ""}), field(STRING | {"default": "n/a"})),
}


@pytest.mark.parametrize(("old", "new"), ALLOWED.values(), ids=ALLOWED.keys())
def test_compatible_change_is_allowed(old: dict, new: dict):
    assert breaking_changes(old, new) == []


@ALL_CONTRACTS
def test_schema_is_compatible_with_itself(contract: Contract):
    assert breaking_changes(schema_for(contract), schema_for(contract)) == []


# --- registry ---------------------------------------------------------------------------------------------------


def test_contract_types_are_unique():
    declared = [
        node
        for node in ast.walk(ast.parse(Path(registry.__file__).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Contract"
    ]
    assert len(declared) == len(CONTRACTS), "two contracts in schemas/registry.py declare the same type"
    assert all(key == contract.type for key, contract in CONTRACTS.items())
    assert len({c.schema_file for c in CONTRACTS.values()}) == len(CONTRACTS)


@ALL_CONTRACTS
def test_topic_is_declared_in_kafka_config(contract: Contract):
    topics = tomllib.loads(TOPICS_FILE.read_text(encoding="utf-8"))["topics"]
    assert contract.topic in topics, f"{contract.topic} is not declared in {TOPICS_FILE.relative_to(REPO_ROOT)}"


# --- payloads ---------------------------------------------------------------------------------------------------

PROFILE = {
    "profile_id": "7d0c2f4e-5a51-4a8e-9d57-1f0b8a3b6c21",
    "version": 3,
    "org_id": None,
    "role": "mentor",
    "display_name": "Ada Lovelace",
    "email": "ada@example.org",
    "headline": "Analytical engines",
    "field": "software engineering",
    "skills": ["python", "mathematics"],
    "goals": [],
    "seniority_years": 12,
    "languages": ["en", "fr"],
    "timezone": "Europe/London",
    "capacity": 3,
    "updated_at": "2025-11-27T06:42:00Z",
}

SAMPLES = {
    "mentornet.profile.created": PROFILE,
    "mentornet.profile.updated": PROFILE | {"version": 4, "headline": "Poetical science"},
    "mentornet.profile.erased": {
        "profile_id": "7d0c2f4e-5a51-4a8e-9d57-1f0b8a3b6c21",
        "version": 5,
        "erased_at": "2025-11-27T07:00:00+01:00",
    },
    "mentornet.matching.recommendations_refreshed": {
        "mentee_id": "0b7e9a8c-3f1d-4c2a-8e6b-5d4c3b2a1f00",
        "mentors": [{"mentor_id": "7d0c2f4e-5a51-4a8e-9d57-1f0b8a3b6c21", "score": 0.87}],
        "generated_at": "2025-11-27T06:45:00Z",
    },
    "mentornet.notification.created": {
        "notification_id": "4f3e2d1c-0b9a-4876-9543-210fedcba987",
        "recipient_id": "0b7e9a8c-3f1d-4c2a-8e6b-5d4c3b2a1f00",
        "kind": "recommendations.ready",
        "title": "New mentors for you",
        "body": "",
        "created_at": "2025-11-27T06:46:00Z",
    },
}

INVALID = {
    "bad email": ("mentornet.profile.created", {"email": "ada-at-example"}, "email"),
    "unknown role": ("mentornet.profile.updated", {"role": "sponsor"}, "role"),
    "no language": ("mentornet.profile.updated", {"languages": []}, "languages"),
    "version zero": ("mentornet.profile.erased", {"version": 0}, "version"),
    "score above one": (
        "mentornet.matching.recommendations_refreshed",
        {"mentors": [{"mentor_id": "7d0c2f4e-5a51-4a8e-9d57-1f0b8a3b6c21", "score": 1.5}]},
        "mentors.0.score",
    ),
    "blank title": ("mentornet.notification.created", {"title": "   "}, "title"),
}


@ALL_CONTRACTS
def test_sample_payload_round_trips(contract: Contract):
    assert contract.type in SAMPLES, f"add a sample payload for {contract.type}"
    event = contract.model.model_validate(SAMPLES[contract.type])
    assert contract.model.model_validate_json(event.model_dump_json()) == event


@ALL_CONTRACTS
def test_missing_required_field_is_named(contract: Contract):
    for name in contract.model.model_json_schema()["required"]:
        payload = {key: value for key, value in SAMPLES[contract.type].items() if key != name}
        with pytest.raises(ValidationError, match=rf"(?m)^{name}\n\s+Field required"):
            contract.model.model_validate(payload)


@pytest.mark.parametrize(("event_type", "change", "location"), INVALID.values(), ids=INVALID.keys())
def test_invalid_value_is_rejected_naming_the_field(event_type: str, change: dict, location: str):
    model = CONTRACTS[event_type].model
    with pytest.raises(ValidationError, match=rf"(?m)^{location}\n"):
        model.model_validate_json(json.dumps(SAMPLES[event_type] | change))

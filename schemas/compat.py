"""Finds the differences between two JSON Schemas of one event that would break its readers.

Events outlive deployments: consumers on a new schema replay events written under the old one,
and consumers still on the old schema read events from upgraded producers. The rules cover the
shapes pydantic emits: `$defs`/`$ref`, `anyOf` with null for optionals, arrays with `items`,
`enum`/`const` from Literal, string/number/array limits and `format`/`pattern`.
"""
import json
from dataclasses import dataclass, replace
from typing import NamedTuple

__all__ = ["breaking_changes"]

ANY = "any"
UPPER_LIMITS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
LOWER_LIMITS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
RESTRICTIONS = ("pattern", "format", "uniqueItems")


class Variant(NamedTuple):
    """One alternative of a schema node with its `$ref` resolved; `ref` names the definition it came from."""

    schema: dict
    ref: str | None = None


@dataclass(frozen=True)
class Walk:
    """What comparing two nodes needs besides the nodes: the roots `$ref`s point into, and the refs being expanded."""

    old_root: dict
    new_root: dict
    expanding: frozenset[tuple[str | None, str | None]] = frozenset()


def breaking_changes(old: dict, new: dict) -> list[str]:
    """Every incompatible change from `old` to `new`, one '<json path>: <what changed>' line each."""
    return [*topic_changes(old, new), *compare(old, new, "$", Walk(old, new))]


def compare(old: dict, new: dict, path: str, walk: Walk) -> list[str]:
    """Changes to the values accepted at `path`, whichever `anyOf` alternative they match."""
    old_variants, new_variants = variants(old, walk.old_root), variants(new, walk.new_root)
    problems = [*type_changes(old_variants, new_variants, path), *enum_changes(old_variants, new_variants, path)]
    for old_variant, new_variant in matching_variants(old_variants, new_variants):
        problems += compare_variants(old_variant, new_variant, path, walk)
    return problems


def compare_variants(old: Variant, new: Variant, path: str, walk: Walk) -> list[str]:
    """Changes between two alternatives of the same type; stops where a recursive model repeats itself."""
    refs = (old.ref, new.ref)
    if refs in walk.expanding:
        return []
    if old.ref or new.ref:
        walk = replace(walk, expanding=walk.expanding | {refs})
    return [
        *limit_changes(old.schema, new.schema, path),
        *restriction_changes(old.schema, new.schema, path),
        *property_changes(old.schema, new.schema, path, walk),
        *item_changes(old.schema, new.schema, path, walk),
    ]


def topic_changes(old: dict, new: dict) -> list[str]:
    """Moving an event to another topic leaves the consumers of the old one without it."""
    old_topic, new_topic = old.get("x-topic"), new.get("x-topic")
    if old_topic and new_topic and old_topic != new_topic:
        return [f"$: topic changed from {old_topic} to {new_topic}; consumers of {old_topic} would stop receiving it"]
    return []


def type_changes(old: list[Variant], new: list[Variant], path: str) -> list[str]:
    """A value of a type the old schema accepted must still be accepted, null included."""
    old_types, new_types = accepted_types(old), accepted_types(new)
    rejected = sorted(t for t in old_types if not accepts(new_types, t))
    if not rejected:
        return []
    return [
        f"{path}: type changed from {' | '.join(sorted(old_types))} to {' | '.join(sorted(new_types))}, "
        f"rejecting {' and '.join(rejected)}"
    ]


def enum_changes(old: list[Variant], new: list[Variant], path: str) -> list[str]:
    """Every value of an old enum or const must stay allowed; a new enum on an open field restricts it."""
    old_values, new_values = enumerated_values(old), enumerated_values(new)
    if not new_values:
        return []
    if old_values is None:
        return [f"{path}: restricted to the values {format_values(new_values)}"]
    removed = [value for value in old_values if value not in new_values]
    return [f"{path}: enum values removed: {format_values(removed)}"] if removed else []


def limit_changes(old: dict, new: dict, path: str) -> list[str]:
    """Lowered maxima and raised minima reject values that used to be valid."""
    problems = []
    for keyword in UPPER_LIMITS:
        if keyword in new and (keyword not in old or new[keyword] < old[keyword]):
            problems.append(tightened(path, keyword, old.get(keyword), new[keyword], "lowered"))
    for keyword in LOWER_LIMITS:
        if keyword in new and (keyword not in old or new[keyword] > old[keyword]):
            problems.append(tightened(path, keyword, old.get(keyword), new[keyword], "raised"))
    return problems


def restriction_changes(old: dict, new: dict, path: str) -> list[str]:
    """A new or different pattern, format or uniqueness rule may reject values that used to be valid."""
    problems = []
    for keyword in RESTRICTIONS:
        if keyword in new and new[keyword] is not False and old.get(keyword) != new[keyword]:
            problems.append(tightened(path, keyword, old.get(keyword), new[keyword], "changed"))
    return problems


def property_changes(old: dict, new: dict, path: str, walk: Walk) -> list[str]:
    """Readers on either version must find the fields they require, with values they accept."""
    old_properties, new_properties = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = old.get("required", []), new.get("required", [])
    problems = [f"{path}.{name}: required property removed" for name in old_required if name not in new_properties]
    for name in new_required:
        if name not in old_properties:
            problems.append(f"{path}.{name}: new required property without a default")
        elif name not in old_required:
            problems.append(f"{path}.{name}: optional property made required")
    for name in old_properties.keys() & new_properties.keys():
        problems += compare(old_properties[name], new_properties[name], f"{path}.{name}", walk)
    return sorted(problems) + additional_property_changes(old, new, path, walk)


def additional_property_changes(old: dict, new: dict, path: str, walk: Walk) -> list[str]:
    """Forbidding unknown fields, or narrowing the values of a mapping, rejects events that used to be valid."""
    old_extra, new_extra = old.get("additionalProperties", True), new.get("additionalProperties", True)
    if new_extra is False and old_extra is not False:
        return [f"{path}: additional properties now forbidden"]
    if isinstance(new_extra, dict):
        return compare(old_extra if isinstance(old_extra, dict) else {}, new_extra, f"{path}.*", walk)
    return []


def item_changes(old: dict, new: dict, path: str, walk: Walk) -> list[str]:
    """Array elements follow the same rules as the array itself."""
    if "items" not in old and "items" not in new and "prefixItems" not in new:
        return []
    problems = compare(old.get("items", {}), new.get("items", {}), f"{path}[*]", walk)
    pairs = zip(old.get("prefixItems", []), new.get("prefixItems", []), strict=False)
    for index, (old_item, new_item) in enumerate(pairs):
        problems += compare(old_item, new_item, f"{path}[{index}]", walk)
    return problems


def variants(node: dict, root: dict, ref: str | None = None) -> list[Variant]:
    """The alternatives a node accepts, with `anyOf`/`oneOf` flattened and `$ref`/single `allOf` resolved."""
    if "$ref" in node:
        return variants(definition(root, node["$ref"]), root, node["$ref"])
    if len(node.get("allOf", [])) == 1:
        return variants(node["allOf"][0], root, ref)
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        return [variant for alternative in alternatives for variant in variants(alternative, root)]
    return [Variant(node, ref)]


def definition(root: dict, ref: str) -> dict:
    """The schema a local `$ref` JSON pointer such as `#/$defs/Name` points to."""
    node = root
    for part in ref.removeprefix("#").strip("/").split("/"):
        if part:
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def accepted_types(node_variants: list[Variant]) -> set[str]:
    """The JSON types a node accepts; `any` when some alternative puts no type restriction."""
    return {json_type for variant in node_variants for json_type in declared_types(variant.schema)}


def declared_types(schema: dict) -> set[str]:
    """The JSON types one alternative accepts, inferred from its enum or const when it declares none."""
    declared = schema.get("type")
    if declared:
        return {declared} if isinstance(declared, str) else set(declared)
    values = listed_values(schema)
    if values is not None:
        return {type_of_value(value) for value in values}
    return {"object"} if "properties" in schema else {ANY}


def accepts(types: set[str], json_type: str) -> bool:
    """Whether a node of `types` accepts every value of `json_type` (a number field accepts integers)."""
    return ANY in types or json_type in types or (json_type == "integer" and "number" in types)


def matching_variants(old: list[Variant], new: list[Variant]) -> list[tuple[Variant, Variant]]:
    """Pairs each old alternative with the new one that would accept its values, preferring the same model."""
    pairs = []
    for old_variant in old:
        old_types = declared_types(old_variant.schema)
        candidates = [v for v in new if any(accepts(declared_types(v.schema), t) for t in old_types)]
        same_title = [v for v in candidates if v.schema.get("title") == old_variant.schema.get("title")]
        if candidates:
            pairs.append((old_variant, (same_title or candidates)[0]))
    return pairs


def enumerated_values(node_variants: list[Variant]) -> list | None:
    """The only non-null values a node accepts, or None when some alternative is open-ended."""
    values = []
    for variant in node_variants:
        listed = listed_values(variant.schema)
        if listed is None and declared_types(variant.schema) != {"null"}:
            return None
        values += listed or []
    return values


def listed_values(schema: dict) -> list | None:
    """The values an `enum` or `const` allows, None when there is neither."""
    if "const" in schema:
        return [schema["const"]]
    return schema.get("enum")


def type_of_value(value: object) -> str:
    """The JSON type name of a value from an enum or const."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return {float: "number", str: "string", list: "array", dict: "object"}[type(value)]


def tightened(path: str, keyword: str, old: object, new: object, verb: str) -> str:
    """Message for a constraint that now rejects values the old schema accepted."""
    if old is None:
        return f"{path}: {keyword} {json.dumps(new)} added"
    return f"{path}: {keyword} {verb} from {json.dumps(old)} to {json.dumps(new)}"


def format_values(values: list) -> str:
    """Enum values as they appear in JSON."""
    return ", ".join(json.dumps(value) for value in values)

"""Writes the committed JSON Schema of every event contract, and checks them in CI.

    python -m schemas.generate          write schemas/json/<type>.v<version>.json for every contract
    python -m schemas.generate --check  fail when a file is missing, out of date, or the contract broke it
"""
import argparse
import json
import os
import sys
from pathlib import Path

from schemas.compat import breaking_changes
from schemas.registry import CONTRACTS, Contract

SCHEMA_DIR = Path(__file__).resolve().parent / "json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
REGENERATE = "run `python -m schemas.generate`"
NEW_VERSION = "keep this file and publish the change as a new version (Contract.version + 1, on a new `*.v2` topic)"


def schema_for(contract: Contract) -> dict:
    """The JSON Schema that payloads of this contract are validated against, named by its `dataschema`."""
    schema = contract.model.model_json_schema(mode="validation")
    return schema | {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": contract.dataschema,
        "title": contract.type,
        "x-topic": contract.topic,
    }


def render(schema: dict) -> str:
    """Byte-stable text, so regenerating an unchanged contract leaves the working tree clean."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def committed_breaking_changes(contract: Contract, path: Path) -> list[str]:
    """What the current model breaks relative to the committed file; nothing when there is no file yet."""
    if not path.exists():
        return []
    return breaking_changes(json.loads(path.read_text(encoding="utf-8")), schema_for(contract))


def write_schemas(directory: Path = SCHEMA_DIR) -> tuple[list[Path], list[str]]:
    """Regenerate every contract's file, refusing to overwrite one that consumers could no longer read."""
    directory.mkdir(parents=True, exist_ok=True)
    written, refused = [], []
    for contract in CONTRACTS.values():
        path = directory / contract.schema_file
        if breaking := committed_breaking_changes(contract, path):
            refused.append(breaking_report(path, breaking))
            continue
        text = render(schema_for(contract))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written, refused


def check_schemas(directory: Path = SCHEMA_DIR) -> list[str]:
    """Every way the committed files disagree with the contracts, for CI."""
    problems = []
    for contract in CONTRACTS.values():
        path = directory / contract.schema_file
        if not path.exists():
            problems.append(f"{display(path)}: missing; {REGENERATE}")
        elif breaking := committed_breaking_changes(contract, path):
            problems.append(breaking_report(path, breaking))
        elif path.read_text(encoding="utf-8") != render(schema_for(contract)):
            problems.append(f"{display(path)}: out of date; {REGENERATE}")
    return problems


def breaking_report(path: Path, changes: list[str]) -> str:
    """Explains why a file may not be regenerated in place."""
    lines = [f"{display(path)}: breaking change; {NEW_VERSION}:", *(f"  {change}" for change in changes)]
    return "\n".join(lines)


def display(path: Path) -> str:
    """A path as short as possible for messages."""
    return os.path.relpath(path)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; exits 1 when anything needs attention."""
    parser = argparse.ArgumentParser(prog="python -m schemas.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the committed files, write nothing")
    if parser.parse_args(argv).check:
        problems = check_schemas()
    else:
        written, problems = write_schemas()
        for path in written:
            print(f"wrote {display(path)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

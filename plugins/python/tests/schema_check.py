"""A small JSON Schema subset check (no jsonschema package offline): names, required, types, enums."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "contracts" / "schema"
TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "object": dict,
         "array": list, "null": type(None)}


@lru_cache(maxsize=None)
def schema(message_type: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{message_type}.schema.json").read_text())


def _fits(value: Any, rule: dict[str, Any]) -> bool:
    if "enum" in rule and value not in rule["enum"]:
        return False
    kinds = rule.get("type")
    if kinds is None:
        return True
    kinds = [kinds] if isinstance(kinds, str) else kinds
    return any(isinstance(value, TYPES[k]) and not (isinstance(value, bool) and k in ("integer", "number"))
               for k in kinds)


def problems(message_type: str, document: dict[str, Any]) -> list[str]:
    """What makes ``document`` not match ``<message_type>.schema.json``; empty when it matches."""
    rules = schema(message_type)
    properties = rules["properties"]
    found = [f"missing {name}" for name in rules.get("required", []) if name not in document]
    found += [f"unknown {name}" for name in document if name not in properties]
    found += [f"{name}={document[name]!r} is not {properties[name]}" for name in document
              if name in properties and not _fits(document[name], properties[name])]
    return found

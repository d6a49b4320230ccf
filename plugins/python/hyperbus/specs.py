"""A study spec from what a user has at hand: a YAML or JSON file, a dict, or YAML/JSON text."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Mapping, Union

from .errors import SpecError

SpecLike = Union[str, "os.PathLike[str]", Mapping[str, Any]]


def read_spec(spec: SpecLike) -> dict[str, Any]:
    """The spec as a JSON object (the same fields as a spec file); the host checks the fields themselves."""
    if isinstance(spec, Mapping):
        document: Any = dict(spec)
    else:
        text = str(spec)
        path = Path(text)
        looks_like_file = "\n" not in text and path.suffix.lower() in (".yaml", ".yml", ".json")
        is_path = isinstance(spec, os.PathLike) or looks_like_file
        if is_path:
            if not path.is_file():
                raise SpecError([f"spec: file '{text}' does not exist"])
            text = path.read_text(encoding="utf-8")
        document = _parse(text)
    if not isinstance(document, dict):
        raise SpecError(["spec: must be a mapping of fields (study, trainer, space, ...)"])
    if not isinstance(document.get("study"), str) or not document["study"]:
        raise SpecError(["study: is required (the study's name)"])
    try:
        json.dumps(document, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise SpecError([f"spec: is not representable as JSON ({error})"]) from None
    return document


def _parse(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    try:
        import yaml
    except ImportError:
        raise SpecError(["spec: YAML needs PyYAML (pip install pyyaml, or apt-get install python3-yaml);"
                         " pass a dict or JSON instead"]) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SpecError([f"spec: malformed YAML: {error}"]) from None

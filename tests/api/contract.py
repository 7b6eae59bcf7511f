"""The committed OpenAPI contract (docs/openapi.yml) as a checker of real responses:
is the status documented for the operation, and does the body match its schema?"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

COMMITTED = Path(__file__).parents[2] / "docs" / "openapi.yml"


def as_json_schema(node: Any) -> Any:
    """OpenAPI 3.0's schema dialect as JSON Schema: `nullable` becomes a null option, and
    references point into the same document."""
    if isinstance(node, list):
        return [as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: as_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@cache
def contract() -> dict:
    return yaml.safe_load(COMMITTED.read_text())


@cache
def components() -> dict:
    return as_json_schema(contract()["components"])


def template_of(path: str) -> str:
    """The documented path that a concrete path (ids filled in) belongs to: the one with
    the fewest placeholders, so /stages/progress/ is not taken for /stages/{id}/."""
    matching = [
        template
        for template in contract()["paths"]
        if re.match("^" + re.sub(r"\\\{[^/]+\\\}", "[^/]+", re.escape(template)) + "$", path)
    ]
    assert matching, f"{path} is not in the contract"
    return min(matching, key=lambda template: template.count("{"))


def problems(method: str, path: str, status: int, body: Any) -> list[str]:
    """What is wrong with this response by the committed contract (empty if nothing)."""
    operation = contract()["paths"][template_of(path)][method.lower()]
    documented = operation["responses"].get(str(status))
    if documented is None:
        return [f"{method} {path}: status {status} is not documented ({sorted(operation['responses'])})"]
    schema = documented.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return [] if body in (None, b"", "") else [f"{method} {path} {status}: a body where none is documented"]
    validator = Draft202012Validator({**as_json_schema(schema), "components": components()}, format_checker=FormatChecker())
    return [f"{method} {path} {status}: {error.json_path}: {error.message}" for error in validator.iter_errors(body)]


def body_of(response) -> Any:
    """The response's JSON body, or None when it has none."""
    return response.json() if response.content and response["Content-Type"].startswith("application/json") else None

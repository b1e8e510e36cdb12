"""The JSON Schema of scene-script files, built from the command table (for editors' YAML plugins)."""

from __future__ import annotations

from typing import Any

from vn.easing import EASINGS
from vn.script.commands import COMMANDS, DIALOGUE, OPTION_FIELDS, Field

_DURATION = {"oneOf": [{"type": "number", "minimum": 0},
                       {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?|\.\d+)\s*(ms|s|sec|secs|seconds)?\s*$"}]}
_EXPR = {"type": ["string", "number", "boolean"]}


def field_schema(f: Field) -> dict[str, Any]:
    t = f.type
    if t == "duration":
        s: dict[str, Any] = dict(_DURATION)
    elif t == "ease":
        s = {"enum": list(EASINGS)}
    elif t == "color":
        s = {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}
    elif t == "number":
        s = {"type": "number"}
        if f.limits:
            s["minimum"], s["maximum"] = f.limits
    elif t == "bool":
        s = {"type": "boolean"}
    elif t == "enum":
        s = {"enum": list(f.choices)}
    elif t == "expr":
        s = dict(_EXPR)
    elif t == "steps":
        s = {"type": "array", "items": {"$ref": "#/$defs/step"}}
    elif t == "options":
        s = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/option"}}
    elif t == "setmap":
        s = {"type": "object", "minProperties": 1, "additionalProperties": _EXPR}
    else:
        s = {"type": "string"}
    s["description"] = f.doc
    if f.default is not None:
        s["default"] = f.default
    return s


def json_schema() -> dict[str, Any]:
    variants: list[dict[str, Any]] = [{"type": "string", "description": "narration, or a bare word: "
                                       + ", ".join(c.name for c in COMMANDS if c.bare)}]
    for cmd in COMMANDS:
        props: dict[str, Any] = {}
        if cmd.main is not None:
            main = field_schema(cmd.main)
            if cmd.bare:
                main = {"anyOf": [main, {"type": "null"}], "description": main["description"]}
            props[cmd.name] = main
        else:
            props[cmd.name] = {"type": "null"}
        for f in cmd.fields:
            props[f.name] = field_schema(f)
        variants.append({"type": "object", "description": cmd.doc, "required": [cmd.name],
                         "properties": props, "additionalProperties": False})
    variants.append({"type": "object", "description": DIALOGUE.doc, "minProperties": 1,
                     "properties": {f.name: field_schema(f) for f in DIALOGUE.fields},
                     "additionalProperties": {"type": "string"}})
    option = {"oneOf": [
        {"type": "object", "required": ["text", "do"],
         "properties": {f.name: field_schema(f) for f in OPTION_FIELDS}, "additionalProperties": False},
        {"type": "object", "minProperties": 1, "maxProperties": 1,
         "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/step"}}},
    ]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "vn scene script",
        "description": "A file of scripts/: label names mapped to lists of steps.",
        "type": "object",
        "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
        "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/step"}},
        "$defs": {"step": {"anyOf": variants}, "option": option},
    }

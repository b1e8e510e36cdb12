"""JSON Schemas for editors' YAML plugins, built from the command table.

`json_schema()` is the generic schema of a scene-script file: any key could be a character, so
it cannot flag `- shwo: mira`. `json_schema(game)` knows one game — its characters, labels,
stages, marks, looks, presets, audio files and easings become enums — so an editor flags a
misspelt command, character, label or mark as the author types. `manifest_schema(game)` covers
`scripts/game.yaml`.

Dialect: JSON Schema draft-07, the newest draft the Red Hat YAML language server (VS Code's YAML
extension, and the editors that embed it) validates in full; later drafts are only partly
supported there (redhat-developer/yaml-language-server#856).

How YAML becomes the JSON instance: the language server reads YAML 1.2 (core schema), where only
`true`/`false` (any case) are booleans; the engine's loader reads plain scalars its own way
(see vn.script.loader). The schema accepts what both readings of a valid script give, and says
so where a value could be read two ways: text fields take strings, numbers and booleans
(the engine shows any non-null scalar as text), expressions the same; names are strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vn.easing import EASINGS
from vn.script.commands import COMMANDS, DIALOGUE, OPTION_FIELDS, Command, Field

DRAFT = "http://json-schema.org/draft-07/schema#"

_DURATION = {"oneOf": [{"type": "number", "minimum": 0, "maximum": 3600},
                       {"type": "string", "pattern": r"^\s*(\d+(\.\d+)?|\.\d+)\s*(ms|s|sec|secs|seconds)?\s*$"}]}
_EXPR = {"type": ["string", "number", "boolean"]}
_TEXT = {"type": ["string", "number", "boolean"]}
_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
_NOTHING = {"not": {}}  # no value is valid (e.g. a music step in a game with no audio files)


@dataclass(frozen=True)
class GameNames:
    """The names one game defines, for the game's own schema. Sorted lists of strings."""

    characters: dict[str, str | None] = field(default_factory=dict)  # id -> sprite (None: voice only)
    looks: dict[str, list[str]] = field(default_factory=dict)  # sprite -> its looks
    labels: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    presets: list[str] = field(default_factory=list)
    audio: list[str] = field(default_factory=list)
    title: str = ""

    @classmethod
    def of(cls, program, catalog=None) -> GameNames:
        """From a compiled `vn.script.program.Program` and the `vn.script.catalog.Catalog` it
        was checked against (None: no asset names known, so those fields stay free text)."""
        chars = {cid: c.sprite for cid, c in program.characters.items()}
        looks: dict[str, list[str]] = {}
        stages: list[str] = []
        marks: list[str] = []
        presets: list[str] = []
        audio: list[str] = []
        if catalog is not None:
            looks = {s: sorted(v) for s, v in catalog.looks.items()}
            stages = sorted(catalog.stages or {})
            marks = sorted(catalog.all_marks())
            presets = sorted(catalog.presets or ())
            audio = sorted(catalog.audio or ())
        return cls(chars, looks, sorted(program.labels), stages, marks, presets, audio, program.title)


def _enum(names: list[str], what: str) -> dict[str, Any]:
    if not names:
        return dict(_NOTHING, description=f"this game has no {what}")
    return {"enum": list(names)}


def _regex_escape(word: str) -> str:
    """Escape for an ECMA-262 regex with the 'u' flag (editors compile patterns so): only syntax
    characters may be escaped there."""
    return re.sub(r"([\\^$.*+?()\[\]{}|/])", r"\\\1", word)


def _alternation(words: list[str]) -> str:
    return "(" + "|".join(_regex_escape(w) for w in words) + ")"


def field_schema(f: Field, names: GameNames | None = None) -> dict[str, Any]:
    """The schema of one field's value. With `names`, name-typed fields become enums."""
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
    elif t == "text":
        s = dict(_TEXT)
    elif t == "steps":
        s = {"type": ["array", "null"], "items": {"$ref": "#/definitions/step"}}
    elif t == "options":
        s = {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/option"}}
    elif t == "setmap":
        s = {"type": "object", "minProperties": 1, "additionalProperties": _EXPR,
             "propertyNames": {"pattern": _NAME, "not": {"anyOf": [
                 {"pattern": "^__"}, {"enum": ["true", "false", "and", "or", "not"]}]}}}
    elif t == "id":
        s = {"type": "string", "pattern": r"^[A-Za-z0-9_.:-]{1,120}$"}
    elif names is not None and t == "label":
        s = _enum(names.labels, "labels")
    elif names is not None and t == "stage":
        s = _enum(names.stages, "stages (assets/stages/*.tmx)")
    elif names is not None and t == "preset":
        s = _enum(names.presets, "light presets (assets/lighting.yaml)")
    elif names is not None and t == "audio":
        s = _enum(names.audio, "audio files (assets/audio/)")
    elif names is not None and t == "mark":
        s = _enum(names.marks, "marks")
    elif names is not None and t == "look":
        s = _enum(sorted({look for v in names.looks.values() for look in v}), "looks")
    elif names is not None and t == "char":
        s = _enum(sorted(c for c, sprite in names.characters.items() if sprite), "characters with sprites")
    elif t == "label":
        s = {"type": "string", "pattern": r"^\s*[A-Za-z_][A-Za-z0-9_]*\s*$"}
    elif t == "light":
        preset = _enum(names.presets, "light presets (assets/lighting.yaml)") if names is not None \
            else {"type": "string", "minLength": 1}
        s = {"anyOf": [preset, {"type": "object", "required": ["time"], "additionalProperties": False,
                                "properties": {"time": {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$",
                                                        "description": "24-hour clock time"}}}]}
    elif t == "camera":
        mark = _enum(names.marks, "marks") if names is not None else {"type": "string", "minLength": 1}
        s = {"anyOf": [mark, {"type": "object", "minProperties": 1, "additionalProperties": False,
                              "properties": {"x": {"type": "number", "description": "map px"},
                                             "y": {"type": "number", "description": "map px"},
                                             "zoom": {"type": "number", "minimum": 0.05, "maximum": 20,
                                                      "description": "logical px per map px"}}}]}
    else:
        s = {"type": "string", "minLength": 1}
    s["description"] = f.doc
    if f.default is not None:
        s["default"] = f.default
    return s


def _who_pattern(cmd: Command, names: GameNames) -> dict[str, Any] | None:
    """`show: WHO [LOOK] [at MARK]`, `move: WHO [to MARK]`, `hide: WHO` as a regex of this game's
    names (words split on whitespace, as the compiler reads them)."""
    who = sorted(c for c, sprite in names.characters.items() if sprite)
    if not who:
        return None
    marks = _alternation(names.marks) if names.marks else None
    if cmd.name == "show":
        parts = []
        for c in who:
            looks = names.looks.get(names.characters[c] or "", [])
            parts.append(_regex_escape(c) + (rf"(\s+{_alternation(looks)})?" if looks else ""))
        head = "(" + "|".join(parts) + ")"
        tail = rf"(\s+at\s+{marks})?" if marks else ""
    elif cmd.name == "move":
        head, tail = _alternation(who), (rf"(\s+to\s+{marks})?" if marks else "")
    else:
        head, tail = _alternation(who), ""
    return {"type": "string", "pattern": rf"^\s*{head}{tail}\s*$"}


def _markdown(cmd: Command) -> str:
    return f"{cmd.doc}\n\n```yaml\n{cmd.example}\n```" if cmd.example else cmd.doc


def _command_variant(cmd: Command, names: GameNames | None) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if cmd.main is not None:
        main = field_schema(cmd.main, names)
        if names is not None and cmd.name in ("show", "move", "hide"):
            pattern = _who_pattern(cmd, names)
            main = dict(pattern or _NOTHING, description=cmd.short or cmd.main.doc)
        if cmd.bare:
            main = {"anyOf": [main, {"type": "null"}], "description": main["description"]}
        props[cmd.name] = main
    else:
        props[cmd.name] = {"type": "null", "description": f"write the bare word: - {cmd.name}"}
    for f in cmd.fields:
        props[f.name] = field_schema(f, names)
    # move's `to` may come in the short form instead (`move: zack to door`)
    required = [cmd.name] + [f.name for f in cmd.fields if f.required and (cmd.name, f.name) != ("move", "to")]
    return {"type": "object", "title": cmd.name, "description": cmd.doc, "markdownDescription": _markdown(cmd),
            "required": required, "properties": props, "additionalProperties": False}


def _dialogue_variants(names: GameNames | None) -> list[dict[str, Any]]:
    doc, example = DIALOGUE.doc, _markdown(DIALOGUE)
    fields = {f.name: f for f in DIALOGUE.fields}
    if names is None:  # any key may be a character
        return [{"type": "object", "description": doc, "markdownDescription": example, "minProperties": 1,
                 "properties": {n: field_schema(f) for n, f in fields.items()},
                 # a command's name is never a character (game.yaml refuses it)
                 "propertyNames": {"pattern": _NAME, "not": {"enum": [c.name for c in COMMANDS]}},
                 "additionalProperties": dict(_TEXT)}]
    out = []
    for cid, sprite in sorted(names.characters.items()):
        props: dict[str, Any] = {cid: dict(_TEXT, description=f"{cid}'s line")}
        props["id"] = field_schema(fields["id"])
        if sprite:
            props["look"] = dict(_enum(names.looks.get(sprite, []), f"looks for {cid}"),
                                 description=f"change {cid}'s look with this line")
        out.append({"type": "object", "title": cid, "description": f"{cid} says a line. {doc}",
                    "markdownDescription": example, "required": [cid], "properties": props,
                    "additionalProperties": False})
    return out


def json_schema(names: GameNames | None = None) -> dict[str, Any]:
    """The schema of a file of `scripts/` (label names mapped to lists of steps).

    `names`: one game's names (`GameNames.of(program, catalog)`); None gives the generic schema.
    """
    needs_value = sorted(c.name for c in COMMANDS if not c.bare)
    bare = ", ".join(c.name for c in COMMANDS if c.bare)
    variants: list[dict[str, Any]] = [
        {"type": "string", "title": "narration", "minLength": 1, "pattern": r"\S",
         "not": {"enum": needs_value},
         "description": f"narration: text with no speaker; or a bare word: {bare}"}]
    variants += [_command_variant(cmd, names) for cmd in COMMANDS]
    variants += _dialogue_variants(names)
    option_fields = {f.name: field_schema(f, names) for f in OPTION_FIELDS}
    option_fields["do"]["type"] = ["array", "null"]
    option = {"anyOf": [
        {"type": "object", "title": "option (long form)", "required": ["text"],
         "properties": option_fields, "additionalProperties": False},
        {"type": "object", "title": "option", "description": "Option text: [steps]",
         "minProperties": 1, "maxProperties": 1,
         "propertyNames": {"not": {"enum": ["text", "do"]}},
         "additionalProperties": {"type": ["array", "null"], "items": {"$ref": "#/definitions/step"}}},
    ]}
    title = f"vn scene script: {names.title}" if names is not None and names.title else "vn scene script"
    return {
        "$schema": DRAFT,
        "title": title,
        "description": "A file of scripts/: label names mapped to lists of steps.",
        "type": "object",
        "propertyNames": {"pattern": _NAME},
        "additionalProperties": {"type": ["array", "null"], "items": {"$ref": "#/definitions/step"}},
        "definitions": {"step": {"anyOf": variants}, "option": option},
    }


def manifest_schema(names: GameNames | None = None, mod: bool = False) -> dict[str, Any]:
    """The schema of `scripts/game.yaml` (vn.script.manifest reads it); with `mod`, of a layered
    mod's `scripts/mod.yaml` (every key optional, no `size`)."""
    sprite = {"type": "string", "pattern": _NAME, "description": "assets/sprites/NAME.yaml; absent: voice only"}
    start: dict[str, Any] = {"type": "string", "pattern": _NAME, "description": "the label the game starts at"}
    if names is not None and names.labels:
        start = dict(_enum(names.labels, "labels"), description=start["description"])
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": "vn game manifest (scripts/game.yaml)",
        "type": "object",
        "required": ["start"],
        "additionalProperties": False,
        "properties": {
            "title": dict(_TEXT, description="the game's title"),
            "start": start,
            "size": {"type": "array", "items": {"type": "integer", "minimum": 64, "maximum": 16384},
                     "minItems": 2, "maxItems": 2, "description": "[width, height] in logical px"},
            "characters": {
                "type": "object",
                "propertyNames": {"pattern": _NAME, "not": {"enum": [c.name for c in COMMANDS]}},
                "additionalProperties": {"type": "object", "additionalProperties": False, "properties": {
                    "name": dict(_TEXT, description="the name shown over their lines"),
                    "color": {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
                              "description": "the colour of the name (quote it: \"#8fb8ff\")"},
                    "sprite": sprite}},
                "description": "character ids mapped to {name, color, sprite}"},
            "variables": {"type": "object", "propertyNames": {"pattern": _NAME},
                          "additionalProperties": {"type": ["string", "number", "boolean"]},
                          "description": "variables and their starting values"},
            "content_note": {
                "oneOf": [
                    {"type": "object", "additionalProperties": False, "required": ["text"], "properties": {
                        "title": dict(_TEXT, description="the note's heading (default: Content note)"),
                        "text": {"oneOf": [dict(_TEXT), {"type": "array", "minItems": 1, "items": _TEXT}],
                                 "description": "its paragraphs, one per item (plain text)"}}},
                    {"const": False}, {"type": "null"}],
                "description": "shown with Continue and Quit before a new game begins; false: none"},
        },
    }
    if mod:
        schema["title"] = "vn mod manifest (scripts/mod.yaml): what a layered mod changes"
        del schema["required"]
        del schema["properties"]["size"]
    return schema

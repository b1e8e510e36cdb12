"""Generate the command reference of docs/script-format.md from the command table.

`python -m vn.script.reference docs/script-format.md` rewrites the part of the file between
the `commands:begin` and `commands:end` markers; a test fails when the file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vn.easing import EASINGS
from vn.script.commands import COMMANDS, DIALOGUE, OPTION_FIELDS, Command, Field
from vn.script.expressions import FUNCTIONS

BEGIN = "<!-- commands:begin (generated from vn/script/commands.py: do not edit by hand) -->"
END = "<!-- commands:end -->"

_TYPES = {
    "text": "text (tags and [variables] allowed)", "label": "label name", "char": "character id",
    "mark": "mark of the stage", "look": "look of the character's sprite", "preset": "lighting preset",
    "stage": "stage name", "duration": "duration (`2s`, `500ms`, seconds)", "ease": "easing name",
    "color": "colour `\"#rrggbb\"`", "number": "number", "bool": "true/false", "enum": "one of",
    "expr": "expression", "steps": "list of steps", "options": "list of options",
    "setmap": "mapping VAR: EXPR", "audio": "file under assets/audio/", "id": "id", "word": "text",
}


def _type(f: Field) -> str:
    t = _TYPES.get(f.type, f.type)
    if f.type == "enum":
        t = "one of " + ", ".join(f"`{c}`" for c in f.choices)
    if f.limits:
        t += f" ({f.limits[0]:g} to {f.limits[1]:g})"
    return t


def _fields(fields: tuple[Field, ...]) -> list[str]:
    if not fields:
        return []
    out = ["", "| field | type | default | meaning |", "|---|---|---|---|"]
    for f in fields:
        default = "" if f.default is None else f"`{f.default}`"
        req = " (required)" if f.required else ""
        out.append(f"| `{f.name}` | {_type(f)} | {default} | {f.doc}{req} |")
    return out


def _command(c: Command) -> list[str]:
    if c.main is None:
        form = f"`- {c.name}`"
    else:
        form = f"`- {c.name}: {c.short or 'VALUE'}`" + ("" if c.short else f", VALUE: {_type(c.main)}")
        if c.bare:
            form += f"; or the bare word `- {c.name}`"
    lines = [f"### `{c.name}`", "", c.doc, "", f"Form: {form}"]
    lines += _fields(c.fields)
    if c.example:
        lines += ["", "```yaml", c.example, "```"]
    return lines + [""]


def reference_markdown() -> str:
    out = [BEGIN, "", "## Commands", ""]
    out += ["### Dialogue: `- CHARACTER: text`", "", DIALOGUE.doc, ""]
    out += _fields(DIALOGUE.fields) + ["", "```yaml", DIALOGUE.example, "```", ""]
    for c in COMMANDS:
        out += _command(c)
    out += ["### Choice options", "", "An option is `- Option text:` with its steps below, or a mapping:"]
    out += _fields(OPTION_FIELDS) + [""]
    out += ["## Easing names", "", ", ".join(f"`{e}`" for e in EASINGS), ""]
    out += ["## Expression functions", ""] + [f"- `{doc.split(':')[0]}`" + (f": {doc.split(':', 1)[1].strip()}"
                                                                           if ":" in doc else "")
                                              for _, (_, _, doc) in FUNCTIONS.items()]
    out += ["", END]
    return "\n".join(out)


def update(path: Path) -> bool:
    """Rewrite the generated part of `path`; return True when it changed."""
    text = path.read_text("utf-8")
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < 0:
        raise SystemExit(f"{path}: markers not found")
    new = text[:start] + reference_markdown() + text[end + len(END):]
    if new != text:
        path.write_text(new, "utf-8")
        return True
    return False


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/script-format.md")
    print(f"{target}: {'updated' if update(target) else 'up to date'}")

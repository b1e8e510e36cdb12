"""Read `scripts/game.yaml`: the title, start label, size, characters, declared variables and
the content note."""

from __future__ import annotations

import re

from vn.script import values
from vn.script.commands import BY_NAME
from vn.script.compiler import Manifest
from vn.script.diagnostics import Diagnostic, did_you_mean, error
from vn.script.loader import Node, source_text
from vn.script.program import Character, ContentNote, Where

_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
KEYS = ("title", "start", "size", "characters", "variables", "content_note")
CHAR_KEYS = ("name", "color", "sprite")
NOTE_KEYS = ("title", "text")
NOTE_TITLE = "Content note"
NOTE_MAX_CHARS = 1400  # what one screen shows readably at the largest text size


def read_manifest(path: str, root: Node | None) -> tuple[Manifest, list[Diagnostic]]:
    m = Manifest()
    diags: list[Diagnostic] = []

    def err(node: Node, message: str, hint: str | None = None) -> None:
        diags.append(error(path, node.line, node.col, message, hint))

    if root is None:
        diags.append(error(path, 1, 1, "game.yaml is empty", "it needs at least 'start:' and 'characters:'"))
        return m, diags
    if root.kind != "map":
        err(root, f"game.yaml must be a mapping; found {root.describe()}", "e.g. title: …, start: …, characters: …")
        return m, diags
    for k, v in root.pairs:
        key = k.text if k.kind == "scalar" else str(k.value)
        if key not in KEYS:
            err(k, f"unknown setting '{key}' in game.yaml", did_you_mean(key, KEYS) or f"settings: {', '.join(KEYS)}")
        elif key == "title":
            if source_text(v) is not None:
                m.title = source_text(v) or ""
            else:
                err(v, "'title' must be text")
        elif key == "start":
            if v.is_str() and _ID.match(v.value):
                m.start = v.value
                m.start_where = Where(path, v.line, v.col)
            else:
                err(v, f"'start' must be a label name; found {v.describe()}",
                    v.not_text_hint() if v.kind == "scalar" and v.text and not v.is_str() else None)
        elif key == "size":
            size = _size(v)
            if size is None:
                err(v, "'size' must be two whole numbers, [width, height]", "e.g. size: [1920, 1080]")
            else:
                m.size = size
        elif key == "characters":
            _characters(path, v, m, err)
        elif key == "content_note":
            m.content_note_set = True
            m.content_note = _content_note(v, err)
        elif key == "variables":
            if v.kind != "map":
                err(v, "'variables' maps names to starting values", "e.g. variables: {trust: 0, stayed: false}")
                continue
            for vk, vv in v.pairs:
                name = vk.text if vk.kind == "scalar" else str(vk.value)
                if not isinstance(vk.value, str) or not _ID.match(name) or name.startswith("__"):
                    err(vk, values.not_a_name(vk, "a valid variable name"),
                        vk.not_text_hint() if vk.kind == "scalar" and not vk.quoted
                        and isinstance(vk.value, (bool, type(None))) else None)
                elif vv.kind != "scalar" or vv.value is None:
                    err(vv, f"'{name}' needs a starting value: true, false, a number or text")
                else:
                    try:
                        if isinstance(vv.value, (int, float)) and not isinstance(vv.value, bool):
                            values.finite_number(vv)
                    except values.ValueError_ as exc:
                        err(vv, exc.message, exc.hint)
                        continue
                    m.variables[name] = vv.value
    if m.start_where is None and root.get("start") is None:
        err(root, "game.yaml has no 'start:' label", "e.g. start: opening")
    return m, diags


def _size(v: Node) -> tuple[int, int] | None:
    if v.kind != "seq" or len(v.items) != 2:
        return None
    nums = [i.value for i in v.items]
    if not all(isinstance(n, int) and not isinstance(n, bool) and 64 <= n <= 16384 for n in nums):
        return None
    return nums[0], nums[1]


def _characters(path: str, v: Node, m: Manifest, err) -> None:
    if v.kind != "map":
        err(v, "'characters' maps ids to {name, color, sprite}", "e.g. zack: {name: Zack, color: \"#8fb8ff\"}")
        return
    for ck, cv in v.pairs:
        cid = ck.text if ck.kind == "scalar" else str(ck.value)
        if not isinstance(ck.value, str) or not _ID.match(cid):
            err(ck, values.not_a_name(ck, "a valid character id"),
                ck.not_text_hint() if ck.kind == "scalar" and isinstance(ck.value, (bool, type(None)))
                else "ids are letters, digits and '_'")
            continue
        if cid in BY_NAME:
            err(ck, f"'{cid}' is a command and cannot be a character id", "choose another id")
            continue
        if cv.kind != "map":
            err(cv, f"character '{cid}' must be a mapping", "e.g. {name: Zack, color: \"#8fb8ff\", sprite: zack}")
            continue
        name, color, sprite = cid.capitalize(), None, None
        for fk, fv in cv.pairs:
            field = fk.text if fk.kind == "scalar" else str(fk.value)
            if field not in CHAR_KEYS:
                err(fk, f"unknown character field '{field}'", did_you_mean(field, CHAR_KEYS) or "fields: name, color, sprite")
            elif field == "name":
                if source_text(fv) is not None:
                    name = source_text(fv) or name
                else:
                    err(fv, "'name' must be text")
            elif field == "color":
                try:
                    color = values.color(fv)
                except values.ValueError_ as exc:
                    err(fv, exc.message, exc.hint)
            elif field == "sprite":
                if fv.is_str() and _ID.match(fv.value):
                    sprite = fv.value
                elif not (fv.kind == "scalar" and fv.value is None):
                    err(fv, "'sprite' must be a sprite name (assets/sprites/NAME.yaml)")
        m.characters[cid] = Character(cid, name, color, sprite)


def _content_note(v: Node, err) -> ContentNote | None:
    """`content_note: {title: T, text: [paragraphs]}` (or `text: one paragraph`); `false` or
    nothing: no note."""
    if v.kind == "scalar" and (v.value is None or v.value is False):
        return None
    example = "e.g. content_note: {title: Content note, text: [This story contains …]}"
    if v.kind != "map":
        err(v, f"'content_note' must be a mapping with 'text:' (or false for none); found {v.describe()}", example)
        return None
    title, paragraphs, text_node = NOTE_TITLE, [], None
    for k, fv in v.pairs:
        field = k.text if k.kind == "scalar" else str(k.value)
        if field not in NOTE_KEYS:
            err(k, f"unknown content note field '{field}'", did_you_mean(field, NOTE_KEYS) or "fields: title, text")
        elif field == "title":
            words = source_text(fv)
            if words is None or not words.strip():
                err(fv, "the content note's 'title' must be text", "e.g. title: Content note")
            else:
                title = words.strip()
        else:
            text_node = fv
            items = fv.items if fv.kind == "seq" else [fv]
            for item in items:
                words = source_text(item)
                if words is None or not words.strip():
                    err(item, f"each paragraph of the content note must be text; found {item.describe()}",
                        "one paragraph per '- ' line; quote a paragraph that starts with a special character")
                else:
                    paragraphs.append(" ".join(words.split()))
    if text_node is None:
        err(v, "the content note has no 'text:'", "text: [one paragraph per line, …]")
        return None
    if not paragraphs:
        err(text_node, "the content note's 'text' is empty", "write at least one paragraph, or content_note: false")
        return None
    length = sum(len(p) for p in paragraphs)
    if length > NOTE_MAX_CHARS:
        err(text_node, f"the content note is {length} characters; at most {NOTE_MAX_CHARS} fit one screen",
            "say what the story contains in a few short paragraphs")
        return None
    return ContentNote(title, tuple(paragraphs))

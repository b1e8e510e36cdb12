"""String tables: a game's lines and choice options in another language.

`translations/LANG.yaml` in the game folder maps each line's or option's stable id (see
vn.lineids) to the source text it was made from and the translation:

    language: fr
    lines:
      sunset.1a2b3c4d:
        source: The sun had started down behind the glass.
        text: Le soleil avait commencé à descendre derrière la vitre.

The game's content note (`content_note:` in game.yaml, `vn.ui.contentnote`) is in the same
table: `content_note.title` is its heading, `content_note.1`, `content_note.2`, … its
paragraphs. They are plain text (no markup), and a translation is shown only while its `source`
is still the note's words (whitespace aside): a note that warns a reader must never show an
older translation of what it used to say. `vn check` reports such an entry as out of date.

An empty or absent `text` falls back to the source. Translations use the same markup as scripts
({i}…{/i}, [variable]); a translation that does not parse, or names a variable its source does
not, is reported and the source is shown instead. `vn check` reports, per language, the lines
with no translation (missing) and the entries whose id no longer exists (stale: the line was
rewritten or removed).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from vn.script.diagnostics import Diagnostic, error, warning
from vn.script.loader import Node, load_yaml, source_text
from vn.script.markup import MarkupError, Template, parse_markup
from vn.script.program import ContentNote, Program

FOLDER = "translations"


@dataclass
class Table:
    language: str
    path: str
    entries: dict[str, tuple[str, str, Node]] = field(default_factory=dict)  # id -> (source, text, node)


NOTE = "content_note"  # the label column of the content note's entries


def note_entries(note: ContentNote | None) -> list[tuple[str, str]]:
    """(id, source text) of the content note's heading and paragraphs, in order."""
    if note is None:
        return []
    return [(f"{NOTE}.title", note.title)] + [(f"{NOTE}.{n}", text) for n, text in enumerate(note.paragraphs, 1)]


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def translatable(program: Program) -> list[tuple[str, str, str]]:
    """(id, label, source text) of the content note's parts (label `content_note`), then of
    every line and choice option, in script order."""
    out: list[tuple[str, str, str]] = [(i, NOTE, text) for i, text in note_entries(program.content_note)]
    for name, label in program.labels.items():
        for ins in label.code:
            if ins.op == "line":
                out.append((ins.id, name, ins.args["text"].plain_source()))
            elif ins.op == "menu":
                out += [(o.id, name, o.text.plain_source()) for o in ins.args["options"]]
    return out


def read_table(path: Path, shown: str) -> tuple[Table | None, list[Diagnostic]]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [error(shown, 1, 1, f"cannot read the translation: {exc}", "save it as UTF-8 text")]
    root, diags = load_yaml(text, shown)
    if root is None:
        return None, diags
    if root.kind != "map" or root.get("lines") is None or root.get("lines").kind not in ("map", "scalar"):
        return None, diags + [error(shown, root.line, root.col, "a translation maps 'lines' to entries",
                                    "create it with: vn translate GAME --init LANG")]
    lang = root.get("language")
    table = Table(source_text(lang) or path.stem if lang is not None else path.stem, shown)
    lines = root.get("lines")
    for k, v in lines.pairs if lines.kind == "map" else []:
        if v.kind != "map":
            diags.append(warning(shown, v.line, v.col, f"entry '{k.value}' should hold source: and text:", None))
            continue
        src, txt = v.get("source"), v.get("text")
        source = (source_text(src) or "") if src is not None else ""  # as written: `No` stays "No"
        translated = (source_text(txt) or "") if txt is not None else ""
        table.entries[k.text if k.kind == "scalar" else str(k.value)] = (source, translated, txt or v)
    return table, diags


def tables(game) -> dict[str, Path]:
    """LANG -> translations/LANG.yaml of the game (upper layers win)."""
    return {Path(n).stem: p for n, p in game.listing(FOLDER, (".yaml", ".yml")).items()}


def check_tables(game, program: Program) -> list[Diagnostic]:
    """Missing and stale entries of every table of the game (warnings)."""
    from vn.game import display

    out: list[Diagnostic] = []
    found = sorted(tables(game).items())
    if not found:  # most games: nothing to compare, and no label's instructions need making
        return out
    items = translatable(program)
    ids = {i for i, _, _ in items}
    note = dict(note_entries(program.content_note))
    for lang, path in found:
        table, diags = read_table(path, display(path))
        out += diags
        if table is None:
            continue
        for ident, (source, _, node) in table.entries.items():
            if ident not in ids:
                out.append(warning(table.path, node.line, node.col,
                                   f"stale translation: line '{ident}' is gone (rewritten or removed)",
                                   f"its source was: {source[:60]!r}; translate the new line, then delete this "
                                   f"entry (vn translate --update {lang} adds it)"))
            elif ident in note and table.entries[ident][1].strip() and not _same_words(source, note[ident]):
                out.append(warning(table.path, node.line, node.col,
                                   f"out-of-date translation: the content note's '{ident}' has changed since "
                                   "it was translated; the original is shown",
                                   f"translate the new words and copy them into `source` (now: {note[ident][:60]!r})"))
        missing = [i for i, _, _ in items if not table.entries.get(i, ("", "", None))[1].strip()]
        if missing:
            first = missing[0]
            out.append(warning(table.path, 1, 1, f"untranslated lines in '{lang}': {len(missing)} of {len(items)}",
                               f"the first is '{first}'; `vn translate --update {lang}` adds entries for new lines"))
    return out


def apply_table(program: Program, table: Table) -> list[Diagnostic]:
    """Replace the text of each translated line and option, and of the content note's parts
    whose source is still the note's words, in `program` (in place)."""
    diags: list[Diagnostic] = []
    note = program.content_note
    if note is not None:
        words = []
        for ident, source in note_entries(note):
            entry = table.entries.get(ident)
            use = entry is not None and entry[1].strip() and _same_words(entry[0], source)
            words.append(entry[1].strip() if use else source)
        program.content_note = ContentNote(words[0], tuple(words[1:]))
    parsed: dict[str, Template] = {}
    for ident, (_, text, node) in table.entries.items():
        if not text.strip() or ident not in program.index and not _is_option(program, ident):
            continue
        try:
            parsed[ident] = parse_markup(text)
        except MarkupError as exc:
            diags.append(warning(table.path, node.line, node.col, f"translation of '{ident}': {exc.message}",
                                 exc.hint or "the source text is shown instead"))
    for label in program.labels.values():
        new_code = []
        for ins in label.code:
            if ins.op == "line" and ins.id in parsed:
                tpl = _checked(parsed[ins.id], ins.args["text"], ins.id, table, diags)
                ins = dataclasses.replace(ins, args={**ins.args, "text": tpl})
            elif ins.op == "menu" and any(o.id in parsed for o in ins.args["options"]):
                options = tuple(dataclasses.replace(o, text=_checked(parsed[o.id], o.text, o.id, table, diags))
                                if o.id in parsed else o for o in ins.args["options"])
                ins = dataclasses.replace(ins, args={**ins.args, "options": options})
            new_code.append(ins)
        label.code[:] = new_code
    return diags


def _is_option(program: Program, ident: str) -> bool:
    return any(o.id == ident for lab in program.labels.values() for ins in lab.code if ins.op == "menu"
               for o in ins.args["options"])


def _checked(tpl: Template, source: Template, ident: str, table: Table, diags: list[Diagnostic]) -> Template:
    extra = set(tpl.variables) - set(source.variables)
    if extra:
        node = table.entries[ident][2]
        diags.append(warning(table.path, node.line, node.col,
                             f"translation of '{ident}' names [{', '.join(sorted(extra))}], which its source does not",
                             "use only the source's variables; the source text is shown instead"))
        return source
    return tpl


def table_text(program: Program, language: str, title: str, old: Table | None = None) -> str:
    """A table of every line and option (keeping the translations in `old`), as YAML."""
    import yaml

    lines: dict[str, dict[str, str]] = {}
    for ident, label, source in translatable(program):
        text = old.entries[ident][1] if old is not None and ident in old.entries else ""
        if label == NOTE and text.strip() and not _same_words(old.entries[ident][0], source):
            # the note changed: its old translation stays under its old source (vn check says so)
            source = old.entries[ident][0]
        lines[ident] = {"source": source, "text": text}
    if old is not None:  # stale translations stay (at the end) for vn check to report and reuse
        for ident, (source, text, _) in old.entries.items():
            if ident not in lines and text.strip():
                lines[ident] = {"source": source, "text": text}
    header = (f"# Translation of \"{title}\" into '{language}' (made by vn translate).\n"
              "# For each line id: `source` is the original words (keep it: vn check compares it),\n"
              "# `text` is the translation, in the scripts' markup ({i}...{/i}, [variable]).\n"
              "# An empty text shows the original. Play it with: vn play --lang " + language + "\n")
    body = yaml.safe_dump({"language": language, "lines": lines}, allow_unicode=True, sort_keys=False, width=1000)
    return header + body

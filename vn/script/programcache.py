"""A cache of compiled programs on disk, so a big script is compiled once, not at every start.

An entry is keyed by a hash of everything the compiler reads — the engine's own version and
source (`ENGINE`), the manifest and every script file (path and text), and the asset catalog
the names are checked against — so an edited script, a new engine or a changed asset folder
never gets an old program. The entry is JSON, never pickle: decoding builds only the program's
own plain types (instructions, templates, options, tuples, numbers and texts), so a file
planted in the cache folder cannot run code. Each file carries a format name, a version, the
engine it was written by, its key and a SHA-256 of its payload; anything that does not match —
stale, truncated, corrupt or foreign — is ignored (the program is compiled and the entry
rewritten). Entries are written atomically and the folder keeps the few most recent.

Imports no pygame and reads no clock: the caller chooses the folder (`vn.cachedir`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import count, repeat
from pathlib import Path
from typing import Any

import vn
from vn.script.catalog import Catalog
from vn.script.collector import collector_paused
from vn.script.diagnostics import Diagnostic
from vn.script.markup import PLAIN, MarkupError, PausePart, Template, TextPart, VarPart, parse_markup
from vn.script.program import (
    Character,
    ContentNote,
    Instr,
    Label,
    Option,
    Program,
    Uses,
    Where,
    index_of,
    uses_in,
)

FORMAT = "vn-compiled-program"
VERSION = 2  # 2: the program's `Uses` in the metadata; a compile that found errors kept too
_INT, _STR = {int}, {str}
KEEP = 6  # entries kept in the folder (the most recently written)


def _engine_fingerprint() -> str:
    """The engine's version and a hash of the compiler's own source: a change to either makes
    every older entry foreign (a developer's edit to the compiler needs no version bump)."""
    h = hashlib.sha256(vn.__version__.encode())
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")) + [here.parent / "easing.py"]:
        try:
            h.update(path.name.encode() + b"\0" + path.read_bytes())
        except OSError:
            h.update(path.name.encode() + b"\0?")
    return f"{vn.__version__}+{h.hexdigest()[:16]}"


ENGINE = _engine_fingerprint()


class CacheFormatError(ValueError):
    """An entry that is not a program this engine wrote (the caller ignores it)."""


# --------------------------------------------------------------------------- key

def cache_key(manifest: tuple[str, str], files: Sequence[tuple[str, str]], catalog: Catalog | None,
              engine: str = ENGINE) -> str:
    """Hex SHA-256 of the engine and every input of `compile_game`."""
    h = hashlib.sha256()

    def part(text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)

    part(engine)
    for path, text in (manifest, *files):
        part(path)
        part(text)
    part(_catalog_text(catalog))
    return h.hexdigest()


def _catalog_text(catalog: Catalog | None) -> str:
    if catalog is None:
        return "none"

    def names(value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, dict):
            return {k: sorted(v) for k, v in sorted(value.items())}
        return sorted(value)

    # everything the compiler reads from it: the diagnostics of a hit must be a fresh compile's
    drawable = None if catalog.drawable is None else catalog.drawable_key
    return json.dumps([names(catalog.stages), names(catalog.presets), names(catalog.looks),
                       names(catalog.audio), sorted(catalog.audio_problems.items()), drawable], sort_keys=True)


def cacheable(catalog: Catalog | None) -> bool:
    """Can a program compiled with `catalog` be cached? Not when the catalog answers which
    characters the fonts draw without saying from what (`drawable_key`)."""
    return catalog is None or catalog.drawable is None or catalog.drawable_key is not None


# --------------------------------------------------------------------------- codec
# A value is JSON as is when it is a text, number, bool or None; anything else is a list whose
# first item names its type. Dict keys are texts. Positions share a table of paths. The file is
# a header line, a line of metadata, then one JSON chunk per label and one for the id index:
# chunks are only decoded when the program first reads them (`Deferred`). A label's chunk
# stands alone — its rows are [op, args, line, col, id, ordinal], all in its label's file — so
# the process that compiled a label can encode it (`label_chunk`: a worker process,
# `vn.script.parallel`) and the entry is then written without touching its instructions.


def _json(value: Any) -> bytes:
    # ASCII JSON (other characters as \\u escapes): the C encoder's quickest path; json.loads
    # reads it back to the same text, lone surrogates included
    return json.dumps(value, separators=(",", ":")).encode("ascii")


def label_chunk(code: Sequence[Instr], path: str) -> bytes:
    """A label's instructions as the entry's chunk of them (`path`: the label's file, where
    every instruction of it is); raises CacheFormatError for a value the codec does not know."""
    rows = []
    for i in code:
        w = i.where
        if w.path != path:
            raise CacheFormatError("an instruction outside its label's file")
        rows.append([i.op, _enc_args(i.op, i.args), w.line, w.col, i.id, i.ordinal])
    return _json(rows)


def code_from_chunk(data: bytes | str, path: str) -> list[Instr]:
    """The instructions of a label's chunk (`label_chunk`), in the file `path`; raises
    CacheFormatError (or TypeError, ValueError, …) on anything malformed."""
    code = []
    with collector_paused():  # (thousands of objects and no cycles: see collector.py)
        where = Where  # a whole game's worth when `vn check --fix-ids` reads every label: kept tight
        for op, args, line, col, ident, ordinal in json.loads(data):
            if type(op) is not str or type(ident) is not str or type(line) is not int \
                    or type(col) is not int or type(ordinal) is not int:
                raise CacheFormatError("an instruction")
            code.append(Instr(op, _dec_args(op, args), where(path, line, col), ident, ordinal))
    return code

def encode(program: Program | None, diags: Sequence[Diagnostic]) -> tuple[dict[str, Any], list[bytes]]:
    """The program and its diagnostics as (metadata, chunks); raises CacheFormatError for a value
    the codec does not know (the program is then simply not cached). A compile that found
    errors has no program: its entry holds the diagnostics alone (`"program": false`), so a
    broken game is checked again at a warm check's cost."""
    diagnostics = [[d.path, d.line, d.col, d.severity, d.message, d.hint] for d in diags]
    if program is None:
        return {"program": False, "diagnostics": diagnostics}, []
    paths: dict[str, int] = {}

    def path(p: str) -> int:
        n = paths.get(p)
        if n is None:
            n = paths[p] = len(paths)
        return n

    def where(w: Where) -> list[Any]:
        return [path(w.path), w.line, w.col]

    chunks: list[bytes] = []
    labels = []
    for lab in program.labels.values():
        # a label compiled in a worker process and not read since (`vn.script.parallel`) has its
        # chunk already, encoded there, without its instructions made here
        pending = (lab.__dict__.get("_deferred") or {}).get("code")
        done = getattr(pending, "chunk", None)
        chunks.append(done if done is not None else label_chunk(lab.code, lab.where.path))
        labels.append([lab.name, where(lab.where), len(chunks) - 1])
    chunks.append(_index_chunk(program))
    index = len(chunks) - 1
    # where each label's top-level steps begin, for every label in one chunk: a number a line,
    # which in the metadata was the most of what a warm start read
    chunks.append(_json_list(_pending_json(lab, "steps") or _json(lab.steps) for lab in program.labels.values()))
    steps = len(chunks) - 1
    uses = program.uses  # (a compiled program sums it now: without making a worker's labels)
    meta = {
        "program": True,
        "title": program.title, "start": program.start, "size": list(program.size),
        "characters": [[c.id, c.name, c.color, c.sprite] for c in program.characters.values()],
        "variables": _enc(program.variables),
        "content_note": (None if program.content_note is None
                         else [program.content_note.title, list(program.content_note.paragraphs)]),
        "labels": labels,
        "index": index,
        "steps": steps,
        "uses": [uses.lines, sorted(uses.stages), sorted(uses.presets), sorted(uses.audio)],
        "diagnostics": diagnostics,
        "paths": list(paths),
    }
    return meta, chunks


def _json_list(items: Iterable[bytes]) -> bytes:
    """`_json` of a list, from the `_json` of each item (what json.dumps writes, byte for byte)."""
    return b"[" + b",".join(items) + b"]"


def _pending_json(label: Label, field: str) -> bytes | None:
    """The JSON of a label's `field` ("steps" or "ids") as the worker process that compiled it
    sent it, while nothing here has read it (`vn.script.parallel`); else None."""
    pending = label.__dict__.get("_deferred") or {}
    if field == "steps" and "steps" not in pending:
        return None
    return getattr(pending.get("code"), f"{field}_json", None)


def _index_chunk(program: Program) -> bytes:
    """The id index as [label, [id of pc 0, id of pc 1, …]] for each label in order: what
    `index_of` makes of the labels (a fresh compile's index, not made yet, is made of them
    now without making a worker's labels: their ids came with them)."""
    if "index" in (program.__dict__.get("_deferred") or {}):
        rows = []
        for name, label in program.labels.items():
            ids = _pending_json(label, "ids")
            rows.append(b"[" + _json(name) + b"," + ids + b"]" if ids is not None
                        else _json([name, [i.id for i in label.code]]))
        return _json_list(rows)
    out: list[list[Any]] = []
    last = None
    for ident, (name, pc) in program.index.items():  # made (and maybe renamed by an id lock)
        if name != last:
            out.append([name, []])
            last = name
        if pc != len(out[-1][1]):
            raise CacheFormatError("an id index that is not each label's ids in order")
        out[-1][1].append(ident)
    return _json(out)


def _enc_args(op: str, args: dict[str, Any]) -> Any:
    if op == "line" and len(args) == 3:  # most instructions: [speaker, text, look]
        return [args["speaker"], _enc_text(args["text"]), args["look"]]
    return _enc(args)


def _enc_text(text: Template) -> Any:
    """A line's text: the bare string of one plain run (most lines); else the markup it was
    parsed from (["R", source]: a third of a big script's lines have tags, and a short text
    costs a fraction of their runs to write and to store); else what `_enc` makes of it (["M",
    no_wait, run, …]) without its dispatch — `_dec_text` reads each back."""
    parts = text.parts
    if len(parts) == 1 and type(parts[0]) is TextPart and parts[0].style == PLAIN and not text.no_wait:
        return parts[0].text
    source = text.__dict__.get("_source")
    if source is not None:
        return ["R", source]
    runs: list[Any] = ["M", text.no_wait]
    for p in parts:
        kind = type(p)
        if kind is TextPart:
            runs.append(["X", p.text, *p.style])
        elif kind is VarPart:
            runs.append(["V", p.name, *p.style])
        elif kind is PausePart:
            runs.append(["P", p.seconds])
        else:
            raise CacheFormatError(f"a run of type {kind.__name__}")
    return runs


def _dec_args(op: str, v: Any) -> dict[str, Any]:
    if op == "line" and isinstance(v, list) and len(v) == 3:
        speaker, text, look = v
        if not (speaker is None or isinstance(speaker, str)) or not (look is None or isinstance(look, str)):
            raise CacheFormatError("a line's speaker or look")
        return {"speaker": speaker, "text": _dec_text(text), "look": look}
    args = _dec(v)
    if not isinstance(args, dict):
        raise CacheFormatError("instruction arguments")
    return args


def _dec_text(v: Any) -> Template:
    """A line's text: the bare string of one plain run, else ["M", no_wait, run, …] (what
    `_dec` reads too, without its dispatch: a third of a big script's lines have tags)."""
    if isinstance(v, str):
        return Template((TextPart(v, PLAIN),))
    if type(v) is list and len(v) == 2 and v[0] == "R" and type(v[1]) is str:
        try:
            return parse_markup(v[1])  # the markup it was compiled from: checked then, parsed the same now
        except MarkupError as exc:
            raise CacheFormatError("a line's markup") from exc
    if type(v) is not list or len(v) < 2 or v[0] != "M":
        raise CacheFormatError("a line's text")
    runs: list[TextPart | VarPart | PausePart] = []
    for run in v[2:]:
        tag = run[0] if type(run) is list and run else None
        if tag == "X":
            runs.append(TextPart(_str(run[1]), _style(run[2:6])))
        elif tag == "V":
            runs.append(VarPart(_str(run[1]), _style(run[2:6])))
        elif tag == "P":
            runs.append(PausePart(run[1]))
        else:
            raise CacheFormatError("a run of a line's text")
    return Template(tuple(runs), bool(v[1]))


def _enc(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, dict):
        out: list[Any] = ["D"]
        for k, x in v.items():
            if not isinstance(k, str):
                raise CacheFormatError(f"a mapping key of type {type(k).__name__}")
            out.append(k)
            out.append(_enc(x))
        return out
    if isinstance(v, tuple):
        return ["T", *(_enc(x) for x in v)]
    if isinstance(v, list):
        return ["L", *(_enc(x) for x in v)]
    if isinstance(v, Template):
        if not v.no_wait and len(v.parts) == 1 and isinstance(v.parts[0], TextPart) \
                and v.parts[0].style == PLAIN:
            return ["S", v.parts[0].text]  # most text: one plain run
        return ["M", v.no_wait, *(_enc(p) for p in v.parts)]
    if isinstance(v, TextPart):
        return ["X", v.text, *v.style]
    if isinstance(v, VarPart):
        return ["V", v.name, *v.style]
    if isinstance(v, PausePart):
        return ["P", v.seconds]
    if isinstance(v, Option):
        return ["O", _enc(v.text), _enc(v.cond), v.target, v.id]
    raise CacheFormatError(f"a value of type {type(v).__name__}")


def decode(meta: Any, chunk: Callable[[int], bytes]) -> tuple[Program | None, list[Diagnostic]]:
    """The inverse of `encode`: `chunk(n)` returns the bytes of chunk n. Labels' code and
    the index are decoded when first read. Raises CacheFormatError (or TypeError, ValueError,
    KeyError, IndexError, which the caller treats the same) on anything malformed found now."""
    if not isinstance(meta, dict) or meta.get("program") not in (True, False):
        raise CacheFormatError("metadata")
    diags = [Diagnostic(_str(p), _int(line), _int(col), sev, _str(msg), hint)
             for p, line, col, sev, msg, hint in meta["diagnostics"]]
    if any(d.severity not in ("error", "warning") or not (d.hint is None or isinstance(d.hint, str))
           for d in diags):
        raise CacheFormatError("a diagnostic")
    if meta["program"] is False:
        if not any(d.severity == "error" for d in diags):
            raise CacheFormatError("no program, and no error to say why")
        return None, diags
    paths = [_str(p) for p in meta["paths"]]

    def where(p: int, line: int, col: int) -> Where:
        return Where(paths[p], _int(line), _int(col))

    def code_of(n: int, path: str) -> Callable[[], list[Instr]]:
        return lambda: code_from_chunk(chunk(n), path)

    steps_chunk = _int(meta["steps"])
    every_steps: list[list[int]] = []  # every label's, read at once when a first label's are read

    def steps_of(i: int) -> Callable[[], list[int]]:
        def load() -> list[int]:
            if not every_steps:
                found = json.loads(chunk(steps_chunk))
                if type(found) is not list or len(found) != len(labels) or not all(
                        type(one) is list and set(map(type, one)) <= _INT for one in found):
                    raise CacheFormatError("label steps")
                every_steps.extend(found)
            return every_steps[i]

        return load

    labels: dict[str, Label] = {}
    for i, (name, lw, n) in enumerate(meta["labels"]):
        if type(n) is not int:
            raise CacheFormatError("a label's chunk")
        lab = Label(_str(name), where(*lw))
        lab.defer("code", code_of(n, lab.where.path))
        lab.defer("steps", steps_of(i))
        labels[lab.name] = lab
    program = Program(
        title=_str(meta["title"]), start=_str(meta["start"]),
        size=(_int(meta["size"][0]), _int(meta["size"][1])),
        characters={_str(c[0]): Character(_str(c[0]), _str(c[1]), c[2], c[3]) for c in meta["characters"]},
        variables=_dec(meta["variables"]),
        labels=labels,
        content_note=_note(meta.get("content_note")),
    )
    index = meta["index"]
    def index_of() -> dict[str, tuple[str, int]]:
        out: dict[str, tuple[str, int]] = {}
        with collector_paused():
            for name, ids in json.loads(chunk(index)):
                if type(name) is not str or type(ids) is not list or not set(map(type, ids)) <= _STR:
                    raise CacheFormatError("the id index")
                out.update(zip(ids, zip(repeat(name), count()), strict=False))
        return out

    program.defer("index", index_of)
    if not isinstance(program.variables, dict):
        raise CacheFormatError("variables")
    lines, stages, presets, audio = meta["uses"]
    program.uses = Uses(_int(lines), _names(stages), _names(presets), _names(audio))
    return program, diags


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise CacheFormatError("expected a text")
    return v


def _names(v: Any) -> frozenset[str]:
    if not isinstance(v, list):
        raise CacheFormatError("expected a list of names")
    return frozenset(_str(n) for n in v)


def _note(v: Any) -> ContentNote | None:
    if v is None:
        return None
    if not isinstance(v, list) or len(v) != 2 or not isinstance(v[1], list):
        raise CacheFormatError("content note")
    return ContentNote(_str(v[0]), tuple(_str(p) for p in v[1]))


def _int(v: Any) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise CacheFormatError("expected an integer")
    return v


def _style(s: list[Any]) -> tuple[bool, bool, str | None, int]:
    style = (s[0] is True, s[1] is True, s[2], s[3])
    if style == PLAIN:
        return PLAIN
    if not (style[2] is None or isinstance(style[2], str)) or type(style[3]) is not int:
        raise CacheFormatError("a text style")
    return style


def _dec(v: Any) -> Any:
    if not isinstance(v, list):
        if isinstance(v, dict):
            raise CacheFormatError("a bare mapping")
        return v
    tag = v[0]
    if tag == "S":
        return Template((TextPart(_str(v[1]), PLAIN),))
    if tag == "D":
        return {_str(v[i]): _dec(v[i + 1]) for i in range(1, len(v), 2)}
    if tag == "T":
        return tuple(_dec(x) for x in v[1:])
    if tag == "L":
        return [_dec(x) for x in v[1:]]
    if tag == "M":
        return Template(tuple(_dec(x) for x in v[2:]), bool(v[1]))
    if tag == "X":
        return TextPart(_str(v[1]), _style(v[2:6]))
    if tag == "V":
        return VarPart(_str(v[1]), _style(v[2:6]))
    if tag == "P":
        return PausePart(v[1])
    if tag == "O":
        return Option(_dec(v[1]), _dec(v[2]), _int(v[3]), _str(v[4]))
    raise CacheFormatError(f"unknown value tag {tag!r}")


# --------------------------------------------------------------------------- files

class ProgramCache:
    """Compiled programs in `folder`, one file per key."""

    def __init__(self, folder: Path, engine: str = ENGINE) -> None:
        self.folder = Path(folder)
        self.engine = engine

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> tuple[Program | None, list[Diagnostic]] | None:
        """The cached program and diagnostics — (None, diagnostics) for a compile that found
        errors — or None when there is no entry this engine can trust (missing, foreign, stale
        or damaged: the reason does not matter to the caller).
        The whole file is checked against its SHA-256 before anything is decoded."""
        try:
            raw = self.path(key).read_bytes()
        except OSError:
            return None
        try:
            head_end = raw.index(b"\n")
            header = json.loads(raw[:head_end])
            if (not isinstance(header, dict) or header.get("format") != FORMAT
                    or header.get("version") != VERSION or header.get("engine") != self.engine
                    or header.get("key") != key
                    or header.get("sha256") != hashlib.sha256(memoryview(raw)[head_end + 1:]).hexdigest()):
                return None
            meta_end = raw.index(b"\n", head_end + 1)
            meta = json.loads(raw[head_end + 1:meta_end])
            spans = header["chunks"]
            base = meta_end + 1

            def chunk(n: int) -> bytes:
                start, end = spans[n]
                return raw[base + start:base + end]

            return decode(meta, chunk)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            return None  # CacheFormatError is a ValueError

    def put(self, key: str, program: Program | None, diags: Sequence[Diagnostic]) -> bool:
        """Write an entry atomically; False (and nothing written) when it cannot be. Within
        `entries_written_later()`, remember it to write then (True)."""
        if _later.on:
            _later.remember(self, key, program, diags)
            return True
        return self.write(key, program, diags)

    def write(self, key: str, program: Program | None, diags: Sequence[Diagnostic]) -> bool:
        """Write an entry now, atomically; False (and nothing written) when it cannot be."""
        try:
            meta, chunks = encode(program, diags)
            body = [_json(meta), b"\n", *chunks]
        except (CacheFormatError, ValueError, RecursionError):
            return False
        spans, at = [], 0
        for c in chunks:
            spans.append([at, at + len(c)])
            at += len(c)
        digest = hashlib.sha256()
        for part in body:
            digest.update(part)
        header = json.dumps({"format": FORMAT, "version": VERSION, "engine": self.engine, "key": key,
                             "sha256": digest.hexdigest(), "chunks": spans}).encode()
        from vn.atomicfile import atomic_write  # (here: a start that reads its entry writes nothing)

        try:
            atomic_write(self.path(key), b"".join([header, b"\n", *body]), durable=False)
            self._prune()
        except OSError:
            return False
        return True

    def _prune(self) -> None:
        entries = []
        for p in self.folder.glob("*.json"):
            try:
                entries.append((p.stat().st_mtime, p))
            except OSError:
                pass
        for _, p in sorted(entries, reverse=True)[KEEP:]:
            p.unlink(missing_ok=True)


# --------------------------------------------------------------------------- writing later
# Encoding and writing an entry costs about a fifth of a cold compile. A front end whose user
# waits for the program (`vn play`: the title; `vn check`: the report) has entries written
# after that, with `write_pending()`: in a thread once the first frame is up, after the report,
# at the latest when it leaves `entries_written_later()`. Elsewhere `put` writes at once.

class _Later:
    """The entries this process will write later (one per cache folder: a newer compile of the
    same folder replaces an older one still waiting)."""

    def __init__(self) -> None:
        self.on = False
        self.lock = threading.Lock()
        self.entries: dict[Path, tuple[ProgramCache, str, Program | None, list[Diagnostic]]] = {}

    def remember(self, cache: ProgramCache, key: str, program: Program | None,
                 diags: Sequence[Diagnostic]) -> None:
        entry = (cache, key, None if program is None else _snapshot(program), list(diags))
        with self.lock:
            self.entries[cache.folder] = entry

    def take(self) -> list[tuple[ProgramCache, str, Program | None, list[Diagnostic]]]:
        with self.lock:
            entries, self.entries = list(self.entries.values()), {}
        return entries


_later = _Later()


@contextmanager
def entries_written_later() -> Iterator[None]:
    """Within: `ProgramCache.put` remembers entries instead of writing them; `write_pending()`
    writes them (the front end calls it once its user no longer waits), and leaving writes
    whatever is still waiting."""
    was = _later.on
    _later.on = True
    try:
        yield
    finally:
        _later.on = was
        write_pending()


def write_pending() -> int:
    """Write the entries `put` remembered; how many were written. Safe to call at any time and
    from any thread (each entry is written once)."""
    with collector_paused():
        return sum(cache.write(key, program, diags) for cache, key, program, diags in _later.take())


def pending() -> bool:
    """Are entries waiting to be written?"""
    return bool(_later.entries)


def _snapshot(program: Program) -> Program:
    """What the entry of `program` must hold, kept apart from what its caller does next: the id
    lock and a translation replace instructions in the labels' lists and the id index (they
    are not inputs of the key). Instructions, templates and options are immutable, so copying
    the containers is enough (a few milliseconds at 100,000 lines)."""
    labels = {name: _label_copy(lab) for name, lab in program.labels.items()}
    copy = Program(program.title, program.start, program.size, dict(program.characters),
                   dict(program.variables), labels, {}, program.content_note)
    pending = program.__dict__.get("_deferred") or {}
    if "index" in pending:  # not made yet: made of the copy's own labels
        copy.defer("index", lambda: index_of(labels))
    else:
        copy.index = dict(program.index)
    if "uses" in pending:  # likewise (no lock or translation changes it: `Uses`)
        copy.defer("uses", lambda: uses_in(labels))
    else:
        copy.uses = program.uses
    return copy


def _label_copy(lab: Label) -> Label:
    """A label with its own lists; instructions not yet made (a label compiled in a worker
    process, or read from an entry) are made for the copy when it is read, not now."""
    pending = lab.__dict__.get("_deferred") or {}
    if "code" not in pending:
        return Label(lab.name, lab.where, list(lab.code), list(lab.steps))
    copy = Label(lab.name, lab.where, [], [])
    if "steps" in pending:  # (a worker's: read when first asked for, a list of the copy's own)
        copy.defer("steps", pending["steps"])
    else:
        copy.steps = list(lab.steps)
    copy.defer("code", pending["code"])
    return copy

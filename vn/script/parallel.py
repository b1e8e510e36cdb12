"""Compiling a big game's scripts in more than one process at once.

Compiling is CPU work in Python (~25 µs a line on the 2-core reference machine), and a
100,000-line mod is too much of it for one core to check in under 2 s. On Linux, with more
than one core, enough script to pay for it (`MIN_CHARS`) and no other thread running (a start
compiles before its first frame; a hot reload, with its file watcher running, compiles alone),
`add_files` cuts the scripts into contiguous parts in file order — whole files, and a big file
cut where a top-level label begins — compiles the first part itself and each other part in a
worker process forked from this one (the manifest, the catalog and the compiler are in memory
already: nothing is imported, started or read again), and takes the workers' labels,
diagnostics and bookkeeping back in file order through a pipe of its own, as plain values
(`marshal`: texts, numbers, tuples; never pickle, nothing read from a shared place). A worker's
labels come with what the whole-program checks and the id index need of them (`analysis.Flow`,
the ids); their instructions are made when first read, as for a program read from the cache.

The result is exactly the one-process result — the same program and the same diagnostics in
the same order — because what a part's compile depends on outside the part is checked before
the parts are joined: a label or a line id given in two parts, a repeated top-level key or the
node limit across the cut of one file, too many labels in all, and a cut part that is not
clean YAML (`loader.load_clean`: its error would have to be reported the careful way, for the
whole file). When any of them is met, or a worker fails, the parts are dropped and everything
is compiled in this process, which then reports as usual.

Imports no pygame and reads no clock.
"""

from __future__ import annotations

import marshal
import os
import re
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vn.script.analysis import LabelFlow, flow
from vn.script.collector import collector_paused
from vn.script.compiler import Compiler
from vn.script.diagnostics import Diagnostic
from vn.script.limits import MAX_FILE_CHARS, MAX_LABELS, MAX_NODES
from vn.script.loader import load_clean, load_yaml
from vn.script.markup import PLAIN, PausePart, Template, TextPart, VarPart
from vn.script.program import Instr, Label, Uses, Where, uses_of
from vn.script.programcache import _dec_args, _enc_args

MIN_CHARS = 300_000  # below this much script (~6,000 lines) one process is as quick (measured);
# a further worker for each further half of it (a smaller part costs more to send than it saves)
MAX_WORKERS = 4  # processes in all, this one included (it joins every part, one after another)
FIRST_SHARE = 1.5  # this process's part, relative to a worker's (a worker also encodes its part; measured)

# A line where a top-level label begins: a cut there starts the next part with a whole label.
_LABEL_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:[ \t]*(?:#[^\n]*)?\r?$", re.MULTILINE)


@dataclass
class _Unit:
    """A file, or the part of one from a cut (`first_line` counts from 1)."""

    path: str
    text: str
    first_line: int = 1
    cut: bool = False  # a part of a cut file: loaded clean or not at all


@dataclass
class _Part:
    """What compiling a run of units added to a fresh Compiler: the parts are joined in order."""

    labels: list[Label] = field(default_factory=list)
    diags: list[Diagnostic] = field(default_factory=list)
    ids: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    var_reads: list[tuple[str, Where]] = field(default_factory=list)
    var_sets: dict[str, Where] = field(default_factory=dict)
    label_refs: list[tuple[str, Where]] = field(default_factory=list)
    incomplete: bool = False
    flows: dict[str, LabelFlow] = field(default_factory=dict)  # of labels whose code is made later
    # for each cut file: the node count of each of its parts and their top-level keys
    cuts: list[tuple[str, int, list[tuple]]] = field(default_factory=list)


def workers_available() -> int:
    """How many processes may compile at once here: the cores this process may run on (Linux
    only: elsewhere forking a process that may hold a window is not safe), at most MAX_WORKERS."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except OSError:
        return 1
    return max(1, min(cores, MAX_WORKERS))


def add_files(comp: Compiler, files: Sequence[tuple[str, str]], workers: int | None = None) -> None:
    """Read and compile `files` ((path, text) pairs) into `comp`, in `workers` processes at
    once (None: `workers_available()`) when the scripts are big enough to pay for it; the
    same result as `add_file` for each file in turn (`_add_serially`)."""
    workers = workers_available() if workers is None else workers
    if threading.active_count() > 1:  # a fork copies only this thread: locks others hold stay held
        workers = 1
    total = sum(len(t) for _, t in files)
    # each part at least half of MIN_CHARS: a smaller one costs more to send than it saves
    workers = min(workers, max(2, 2 * total // max(MIN_CHARS, 1)))
    runs = _plan(files, workers) if workers > 1 and total >= MIN_CHARS else None
    try:
        if runs is not None and _add_in_parts(comp, runs):
            return
    except OSError:  # no process or pipe to be had: `comp` is untouched until the parts join
        pass
    _add_serially(comp, files)


def _add_serially(comp: Compiler, files: Sequence[tuple[str, str]]) -> None:
    for path, text in files:
        root, fdiags = load_yaml(text, path)
        comp.diags.extend(fdiags)
        if root is None and fdiags:
            comp.incomplete = True
        comp.add_file(path, root)


# --------------------------------------------------------------------------- cutting

def _plan(files: Sequence[tuple[str, str]], workers: int) -> list[list[_Unit]] | None:
    """The files as `workers` runs of units of about equal size (this process's run
    FIRST_SHARE times a worker's), cut only between files or at a top-level label of a file that can be cut; None when that
    makes fewer than two runs."""
    total = sum(len(t) for _, t in files)
    weights = [FIRST_SHARE] + [1.0] * (workers - 1)
    targets, acc = [], 0.0
    for w in weights[:-1]:
        acc += w
        targets.append(total * acc / sum(weights))
    # each boundary as (file index, offset in that file); the parts lie between them
    bounds: list[tuple[int, int]] = [(0, 0)]
    start = 0  # where file i begins in the whole
    i = 0
    for target in targets:
        while i < len(files) and start + len(files[i][1]) <= target:
            start += len(files[i][1])
            i += 1
        if i >= len(files):
            break
        text = files[i][1]
        at = _cut_near(text, int(target - start))
        bound = (i, at) if at is not None else ((i, 0) if target - start < len(text) / 2 else (i + 1, 0))
        if bound > bounds[-1]:
            bounds.append(bound)
    bounds.append((len(files), 0))
    runs: list[list[_Unit]] = []
    for (fi, fo), (li, lo) in zip(bounds, bounds[1:], strict=False):
        run: list[_Unit] = []
        for k in range(fi, min(li + 1, len(files))):
            path, text = files[k]
            begin = fo if k == fi else 0
            end = lo if k == li else len(text)
            if begin >= end:
                continue
            if begin == 0 and end == len(text):
                run.append(_Unit(path, text))
            else:
                run.append(_Unit(path, text[begin:end], text.count("\n", 0, begin) + 1, cut=True))
        if run:
            runs.append(run)
    return runs if len(runs) > 1 else None


def _cut_near(text: str, at: int) -> int | None:
    """Where to cut `text` at about `at`: the start of the first top-level label line from
    there (or the last before it), never the file's first label; None when the file cannot be
    cut safely — anything that could make a part read differently alone than within the whole:
    a line break other than LF or CRLF (they count lines), a document marker or directive on a
    line after the first, a byte-order mark or NUL inside, or a file past the size limit (all
    of them reported, or read, the careful way)."""
    if len(text) > MAX_FILE_CHARS or "\x00" in text or "\ufeff" in text[1:]:
        return None
    if "\x85" in text or "\u2028" in text or "\u2029" in text or text.count("\r") != text.count("\r\n"):
        return None
    if "\n---" in text or "\n..." in text or "\n%" in text:
        return None
    first = _LABEL_LINE.search(text)
    if first is None:
        return None
    after = _LABEL_LINE.search(text, max(at, first.end()))
    if after is not None:
        return after.start()
    before = None
    for found in _LABEL_LINE.finditer(text, first.end()):
        if found.start() >= at:
            break
        before = found.start()
    return before


# --------------------------------------------------------------------------- the parts

def _add_in_parts(comp: Compiler, runs: list[list[_Unit]]) -> bool:
    """Compile runs[0] here and each other run in a forked worker; join the parts into `comp`
    in order. False (and `comp` untouched) when the parts cannot make the one-process result."""
    workers: list[int] = []  # pids not yet waited for
    pipes: list[int] = []  # the read end of each worker's pipe, in run order
    try:
        for run in runs[1:]:
            read_end, write_end = os.pipe()
            pipes.append(read_end)
            pid = -1
            try:
                pid = os.fork()
            finally:
                if pid != 0:  # here (or no worker was made): only the worker writes
                    os.close(write_end)
            if pid == 0:  # the worker: never returns
                os.close(read_end)
                _work(comp, run, write_end)
            workers.append(pid)
        mine = Compiler(comp.manifest, comp.catalog)
        loaded = _load(runs[0])
        # every worker says whether its cut parts were clean before anyone compiles
        if loaded is None or not all(_read_exactly(fd, 1) == b"Y" for fd in pipes):
            return False
        parts = [_compiled(mine, runs[0], loaded)]
        for fd in pipes:
            try:
                parts.append(_decode(marshal.loads(_read_all(fd))))
            except (ValueError, TypeError, KeyError, IndexError, EOFError):
                return False
        while workers:
            if os.waitpid(workers.pop(0), 0)[1] != 0:
                return False
        if not _joinable(parts):
            return False
        for part in parts:
            _join(comp, part)
        return True
    finally:
        for pid in workers:  # left early: stop the workers still running, by their pid
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            os.waitpid(pid, 0)
        for fd in pipes:
            os.close(fd)


def _work(comp: Compiler, run: list[_Unit], fd: int) -> None:
    """A worker process: load its run, say whether it could ("Y"/"N"), compile it and write
    its part; then leave at once (no cleanup of the parent's state, no atexit handlers)."""
    status = 1
    try:
        loaded = _load(run)
        _write(fd, b"N" if loaded is None else b"Y")
        if loaded is not None:
            part = _compiled(Compiler(comp.manifest, comp.catalog), run, loaded)
            _write(fd, marshal.dumps(_encode(part), 2))  # 2: no shared references, quicker
            status = 0
    except BaseException:  # noqa: BLE001 - the parent sees a failed worker and compiles alone
        pass
    finally:
        os._exit(status)


_Loaded = tuple[Any, int, list[Diagnostic]]  # a unit's tree, its node count, reading's diagnostics


def _load(run: list[_Unit]) -> list[_Loaded] | None:
    """Each unit's tree; None when a cut part is not clean (a whole file is read as
    `_add_serially` reads it, reporting what it finds)."""
    out: list[_Loaded] = []
    for unit in run:
        if unit.cut:
            built = load_clean(unit.text, unit.first_line)
            if built is None or built[0].kind != "map" or built[0].col != 1:
                return None  # a cut part must be a mapping of labels from column 1
            out.append((built[0], built[1], []))
        else:
            root, fdiags = load_yaml(unit.text, unit.path)
            out.append((root, 0, fdiags))
    return out


def _compiled(comp: Compiler, run: list[_Unit], loaded: list[_Loaded]) -> _Part:
    """Compile the loaded run into `comp` (fresh) as `_add_serially` would; what it added."""
    part = _Part()
    for unit, (root, count, fdiags) in zip(run, loaded, strict=True):
        if unit.cut:
            part.cuts.append((unit.path, count, [_key(k) for k, _ in root.pairs]))
        comp.diags.extend(fdiags)
        if root is None and fdiags:
            comp.incomplete = True
        comp.add_file(unit.path, root)
    part.labels = list(comp.labels.values())
    part.diags = comp.diags
    part.ids, part.var_reads, part.var_sets, part.label_refs = comp.ids, comp.var_reads, comp.var_sets, comp.label_refs
    part.incomplete = comp.incomplete
    return part


def _key(node: Any) -> tuple:
    """A top-level key as the careful loader compares keys for repeats (`loader._mapping_keys`)."""
    v = node.value
    return ("v", type(v).__name__, v) if v == v else ("t", node.text)


def _joinable(parts: list[_Part]) -> bool:
    """Would one process have made the same from these parts in order? Nothing a part's compile
    reads from another may be given twice."""
    names: set[str] = set()
    ids: set[str] = set()
    keys: dict[str, set[tuple]] = {}
    nodes: dict[str, int] = {}
    for part in parts:
        for path, count, file_keys in part.cuts:
            seen = keys.setdefault(path, set())
            if path in nodes:
                count -= 1  # each part has a root mapping; the whole file has one
            nodes[path] = nodes.get(path, 0) + count
            if nodes[path] > MAX_NODES or not seen.isdisjoint(file_keys):
                return False
            seen.update(file_keys)
        part_names = {lab.name for lab in part.labels}
        if not names.isdisjoint(part_names) or not ids.isdisjoint(part.ids):
            return False
        names |= part_names
        ids.update(part.ids)
    return len(names) <= MAX_LABELS


def _join(comp: Compiler, part: _Part) -> None:
    comp.diags.extend(part.diags)
    for lab in part.labels:
        comp.labels[lab.name] = lab
    comp.ids.update(part.ids)
    comp.var_reads.extend(part.var_reads)
    for name, where in part.var_sets.items():
        comp.var_sets.setdefault(name, where)
    comp.label_refs.extend(part.label_refs)
    comp.incomplete = comp.incomplete or part.incomplete
    comp.flows.update(part.flows)


# --------------------------------------------------------------------------- through the pipe
# A part as plain values for `marshal`. An instruction is (op, args, line, col, id, ordinal) in
# its label's file; a line's args are (speaker, text, look) with a one-run plain text as the
# bare string (most lines) and any other text as its runs (`_text_out`); any other
# instruction's args are the compiled-program cache's encoding (`programcache._enc_args`),
# which knows every value.

def _encode(part: _Part) -> dict[str, Any]:
    labels = []
    for lab in part.labels:
        rows = []
        for ins in lab.code:
            args = ins.args
            if ins.op == "line" and len(args) == 3:
                wire: Any = (args["speaker"], _text_out(args["text"]), args["look"])
            else:
                wire = _enc_args(ins.op, args)
            w = ins.where
            rows.append((ins.op, wire, w.line, w.col, ins.id, ins.ordinal))
        w = lab.where
        moves = flow(lab.code)[1]  # the instructions that show nothing: a few in a hundred
        used = uses_of(lab.code)  # what `Program.uses` sums, so no one makes these to know it
        labels.append((lab.name, w.path, w.line, w.col, lab.steps, rows, moves,
                       (used.lines, sorted(used.stages), sorted(used.presets), sorted(used.audio))))

    def where(w: Where) -> tuple[str, int, int]:
        return (w.path, w.line, w.col)

    return {
        "labels": labels,
        "diags": [(d.path, d.line, d.col, d.severity, d.message, d.hint) for d in part.diags],
        "ids": part.ids,
        "var_reads": [(name, *where(w)) for name, w in part.var_reads],
        "var_sets": [(name, *where(w)) for name, w in part.var_sets.items()],
        "label_refs": [(name, *where(w)) for name, w in part.label_refs],
        "incomplete": part.incomplete,
        "cuts": part.cuts,
    }


def _text_out(tpl: Template) -> Any:
    """A line's text for the pipe: the bare string for one plain run (most lines), else
    (no_wait, run, …) with each run (0, text, style), (1, variable, style) or (2, seconds)."""
    parts = tpl.parts
    if len(parts) == 1 and parts[0].__class__ is TextPart and parts[0].style == PLAIN and not tpl.no_wait:
        return parts[0].text
    runs: list[Any] = [tpl.no_wait]
    for p in parts:
        if p.__class__ is TextPart:
            runs.append((0, p.text, p.style))
        elif p.__class__ is VarPart:
            runs.append((1, p.name, p.style))
        else:
            runs.append((2, p.seconds))
    return tuple(runs)


def _text_in(wire: Any) -> Template:
    if wire.__class__ is str:
        tpl = Template((TextPart(wire, PLAIN),))
        tpl.__dict__["_plain"] = wire  # as Template.plain leaves it
        return tpl
    runs = []
    for run in wire[1:]:
        kind = run[0]
        runs.append(TextPart(run[1], run[2]) if kind == 0 else VarPart(run[1], run[2]) if kind == 1
                    else PausePart(run[1]))
    return Template(tuple(runs), wire[0])


def _decode(data: dict[str, Any]) -> _Part:
    """A worker's part: its labels' instructions are made when first read (`Label.code` is
    deferred, as for a program read from the cache); what the checks and the id index need of
    them comes with them."""
    part = _Part()
    for name, path, line, col, steps, rows, moves, used in data["labels"]:
        label = Label(name, Where(path, line, col), [], steps)
        code = _code_of(rows, path)
        code.uses = Uses(used[0], frozenset(used[1]), frozenset(used[2]), frozenset(used[3]))
        label.defer("code", code)
        part.labels.append(label)
        part.flows[name] = (len(rows), moves)
    part.diags = [Diagnostic(*d) for d in data["diags"]]
    part.ids = data["ids"]
    part.var_reads = [(name, Where(p, line, col)) for name, p, line, col in data["var_reads"]]
    part.var_sets = {name: Where(p, line, col) for name, p, line, col in data["var_sets"]}
    part.label_refs = [(name, Where(p, line, col)) for name, p, line, col in data["label_refs"]]
    part.incomplete = data["incomplete"]
    part.cuts = data["cuts"]
    return part


def _code_of(rows: list[tuple], path: str) -> _WorkerCode:
    return _WorkerCode(rows, path)


class _WorkerCode:
    """A worker label's instructions, made when first read (`Label.defer`); their ids and the
    compiled-program cache's rows of them without making them (`ids`, `cache_rows`)."""

    def __init__(self, rows: list[tuple], path: str) -> None:
        self.rows, self.path = rows, path
        self.uses: Uses | None = None  # what they use (`Program.uses`), as the worker summed it

    def __call__(self) -> list[Instr]:
        code = []
        path = self.path
        with collector_paused():  # (thousands of objects and no cycles: see collector.py)
            for op, wire, line, col, ident, ordinal in self.rows:
                if op == "line" and wire.__class__ is tuple:
                    args = {"speaker": wire[0], "text": _text_in(wire[1]), "look": wire[2]}
                else:
                    args = _dec_args(op, wire)
                code.append(Instr(op, args, Where(path, line, col), ident, ordinal))
        return code

    def ids(self) -> list[str]:
        """The id of each instruction (`program.index_of`), without making them."""
        return [row[4] for row in self.rows]

    def cache_rows(self, path_number: int) -> list[list[Any]]:
        """What `programcache.encode` writes of these instructions, their file being its path
        number `path_number`: a line's text as `programcache._enc_text` has it, anything else
        as it came (`_enc_args`)."""
        return [[op, [wire[0], _cache_text(wire[1]), wire[2]] if op == "line" and wire.__class__ is tuple else wire,
                 path_number, line, col, ident, ordinal]
                for op, wire, line, col, ident, ordinal in self.rows]


def _cache_text(wire: Any) -> Any:
    if wire.__class__ is str:
        return wire
    runs: list[Any] = ["M", wire[0]]
    for run in wire[1:]:
        kind = run[0]
        runs.append(["X", run[1], *run[2]] if kind == 0 else ["V", run[1], *run[2]] if kind == 1 else ["P", run[1]])
    return runs


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, n: int) -> bytes:
    out = b""
    while len(out) < n:
        got = os.read(fd, n - len(out))
        if not got:
            break
        out += got
    return out


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        got = os.read(fd, 1 << 20)
        if not got:
            return b"".join(chunks)
        chunks.append(got)

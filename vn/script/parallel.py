"""Compiling a big game's scripts in more than one process at once.

Compiling is CPU work in Python (~25 µs a line on the 2-core reference machine), and a
100,000-line mod is too much of it for one core to check in under 2 s. On Linux, with more
than one core, enough script to pay for it (`MIN_CHARS`) and no other thread running (a start
compiles before its first frame; a hot reload, with its file watcher running, compiles alone),
`add_files` cuts the scripts into contiguous parts in file order — whole files, and a big file
cut where a top-level label begins — compiles each part in a worker process forked from this
one (the manifest, the catalog and the compiler are in memory already: nothing is imported,
started or read again), and takes the workers' labels, diagnostics and bookkeeping back in
file order, each through a pipe of its own, as plain values (`marshal`: texts, numbers,
tuples, bytes; never pickle, nothing read from a shared place). A label's instructions come as
the compiled-program cache's JSON chunk of them, encoded by the worker that compiled them, with
what the whole-program checks, the id index and `Program.uses` need of them (`analysis.Flow`,
the ids, what they use); they are made when first read, as for a program read from the cache,
and the cache entry is written from the chunks as they came.

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

import json
import marshal
import os
import re
import selectors
import signal
import sys
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from vn.script.analysis import LabelFlow, flow
from vn.script.compiler import Compiler
from vn.script.diagnostics import Diagnostic
from vn.script.limits import MAX_FILE_CHARS, MAX_LABELS, MAX_NODES
from vn.script.loader import load_clean, load_yaml
from vn.script.program import Instr, Label, Uses, Where, uses_of
from vn.script.programcache import _json, code_from_chunk, label_chunk

MIN_CHARS = 300_000  # below this much script (~6,000 lines) one process is as quick (measured);
# a further worker for each further half of it (a smaller part costs more to send than it saves)
MAX_WORKERS = 4  # worker processes at most (this one only joins their parts, one after another)

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
    ids: Collection[str] = field(default_factory=set)  # the ids it gave (where: only while compiling)
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
    """The files as `workers` runs of units of about equal size, cut only between files or at a
    top-level label of a file that can be cut; None when that makes fewer than two runs. Size
    is lines, not characters: compiling costs by the step, and a file of long comments or
    prose (the bundled game's, under a mod) has fewer steps in as many characters."""
    sizes = [t.count("\n") + 1 for _, t in files]
    total = sum(sizes)
    targets = [total * k / workers for k in range(1, workers)]
    # each boundary as (file index, offset in that file); the parts lie between them
    bounds: list[tuple[int, int]] = [(0, 0)]
    start = 0  # the lines before file i
    i = 0
    for target in targets:
        while i < len(files) and start + sizes[i] <= target:
            start += sizes[i]
            i += 1
        if i >= len(files):
            break
        text = files[i][1]
        share = (target - start) / sizes[i]  # of this file, by lines; its characters alike
        at = _cut_near(text, int(share * len(text)))
        bound = (i, at) if at is not None else ((i, 0) if share < 0.5 else (i + 1, 0))
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
    """Compile each run in a forked worker; join the parts into `comp` in order. False (and
    `comp` untouched) when the parts cannot make the one-process result.

    This process compiles none itself: a worker also encodes its labels for the pipe and the
    cache entry (`_encode`), so with every part in a worker nothing of a big game is encoded
    here, on the way to the report or after it (`programcache.encode` writes their chunks as
    they came), and the parts are as long as each other."""
    workers: list[int] = []  # pids not yet waited for
    pipes: list[int] = []  # the read end of each worker's pipe, in run order
    try:
        for run in runs:
            read_end, write_end = os.pipe()
            pipes.append(read_end)
            pid = -1
            try:
                pid = os.fork()
            finally:
                if pid != 0:  # here (or no worker was made): only the worker writes
                    os.close(write_end)
            if pid == 0:  # the worker: never returns
                for fd in pipes:
                    os.close(fd)
                _work(comp, run, write_end)
            workers.append(pid)
        # every worker says whether its cut parts were clean before anyone compiles
        if not all(_read_exactly(fd, 1) == b"Y" for fd in pipes):
            return False
        parts = []
        for data in _read_all(pipes):
            try:
                parts.append(_decode(marshal.loads(data)))
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
    # (`comp.ids` says where each id was given, for the compile's own checks: that is over,
    # and `_joinable` has checked no id is given in two parts)
    comp.var_reads.extend(part.var_reads)
    for name, where in part.var_sets.items():
        comp.var_sets.setdefault(name, where)
    comp.label_refs.extend(part.label_refs)
    comp.incomplete = comp.incomplete or part.incomplete
    comp.flows.update(part.flows)


# --------------------------------------------------------------------------- through the pipe
# A part as plain values for `marshal`. A label's instructions travel as the compiled-program
# cache's chunk of them (`programcache.label_chunk`, JSON), encoded by the worker that compiled
# them: the parent makes them from it when first read (`code_from_chunk`, as for a program from
# the cache) and writes it into the cache entry as it is, so no instruction of a big game is
# encoded twice or made in the parent at all by `vn check`. Beside it come what the
# whole-program checks, the id index and `Program.uses` read of the label.

def _encode(part: _Part) -> dict[str, Any]:
    labels = []
    for lab in part.labels:
        w = lab.where
        moves = flow(lab.code)[1]  # the instructions that show nothing: a few in a hundred
        used = uses_of(lab.code)  # what `Program.uses` sums, so no one makes these to know it
        ids = [i.id for i in lab.code]
        # the steps and ids as the cache entry writes them (one text each, not a number or a
        # text a line to send and read back)
        labels.append((lab.name, w.path, w.line, w.col, _json(lab.steps), label_chunk(lab.code, w.path),
                       len(ids), _json(ids), moves,
                       (used.lines, sorted(used.stages), sorted(used.presets), sorted(used.audio))))

    def where(w: Where) -> tuple[str, int, int]:
        return (w.path, w.line, w.col)

    return {
        "labels": labels,
        "diags": [(d.path, d.line, d.col, d.severity, d.message, d.hint) for d in part.diags],
        "ids": list(part.ids),  # the names alone (a tenth of the time to read back)
        "var_reads": [(name, *where(w)) for name, w in part.var_reads],
        "var_sets": [(name, *where(w)) for name, w in part.var_sets.items()],
        "label_refs": [(name, *where(w)) for name, w in part.label_refs],
        "incomplete": part.incomplete,
        "cuts": part.cuts,
    }


def _decode(data: dict[str, Any]) -> _Part:
    """A worker's part: its labels' instructions are made when first read (`Label.code` is
    deferred, as for a program read from the cache); what the checks, the id index and
    `Program.uses` need of them comes with them."""
    part = _Part()
    for name, path, line, col, steps, chunk, count, ids, moves, used in data["labels"]:
        label = Label(name, Where(path, line, col))
        code = _WorkerCode(chunk, path, ids, steps,
                           Uses(used[0], frozenset(used[1]), frozenset(used[2]), frozenset(used[3])))
        label.defer("code", code)
        label.defer("steps", code.steps)
        part.labels.append(label)
        part.flows[name] = (count, moves)
    part.diags = [Diagnostic(*d) for d in data["diags"]]
    part.ids = set(data["ids"])
    part.var_reads = [(name, Where(p, line, col)) for name, p, line, col in data["var_reads"]]
    part.var_sets = {name: Where(p, line, col) for name, p, line, col in data["var_sets"]}
    part.label_refs = [(name, Where(p, line, col)) for name, p, line, col in data["label_refs"]]
    part.incomplete = data["incomplete"]
    part.cuts = data["cuts"]
    return part


class _WorkerCode:
    """A worker label's instructions, made when first read (`Label.defer`) from the cache chunk
    the worker encoded (`chunk`, written into the cache entry as it is); their ids, the label's
    steps and what they use (`Program.uses`) without making them. The ids and steps came as
    the JSON the cache entry writes of them (`ids_json`, `steps_json`)."""

    def __init__(self, chunk: bytes, path: str, ids_json: bytes, steps_json: bytes, uses: Uses) -> None:
        self.chunk, self.path, self.ids_json, self.steps_json, self.uses = chunk, path, ids_json, steps_json, uses

    def __call__(self) -> list[Instr]:
        return code_from_chunk(self.chunk, self.path)

    def ids(self) -> list[str]:
        """The id of each instruction (`program.index_of`), without making them."""
        return json.loads(self.ids_json)

    def steps(self) -> list[int]:
        """Where the label's top-level steps begin (`Label.steps`, when first read)."""
        return json.loads(self.steps_json)


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


def _read_all(fds: list[int]) -> list[bytes]:
    """Everything each pipe brings until its end, read as it comes from any of them (a worker
    whose pipe is full waits for it to be read: each may write at once)."""
    got: dict[int, list[bytes]] = {fd: [] for fd in fds}
    with selectors.DefaultSelector() as sel:
        for fd in fds:
            sel.register(fd, selectors.EVENT_READ)
        open_fds = len(fds)
        while open_fds:
            for key, _ in sel.select():
                data = os.read(key.fd, 1 << 20)
                if data:
                    got[key.fd].append(data)
                else:
                    sel.unregister(key.fd)
                    open_fds -= 1
    return [b"".join(got[fd]) for fd in fds]

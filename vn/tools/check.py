"""`vn check`: every problem in a game's scripts, stages and assets, compiler-style.

`--format text|json|sarif`: SARIF 2.1.0 is what code hosts and editors' problem panes read
(OASIS SARIF 2.1.0, https://docs.oasis-open.org/sarif/sarif/v2.1.0/). `--watch` checks again
whenever a file of the game changes (and refreshes the game's editor schemas in .vscode/ when
it has them). `--fix-ids` writes the id lock (vn.lineids) so lines keep their ids across edits.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
from pathlib import Path

from vn.tools.args import game_arg

POLL = 0.5  # seconds between scans of the game's files in --watch


def add_arguments(p: argparse.ArgumentParser) -> None:
    game_arg(p)
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("--watch", action="store_true", help="check again whenever a file of the game changes")
    p.add_argument("--fix-ids", action="store_true",
                   help="write scripts/ids.lock: lines keep their ids (and translations) across edits")


def rule_id(d) -> str:
    """A stable rule name from a message: quoted names left out ('unknown label 'x'' -> unknown-label)."""
    words = re.sub(r"'[^']*'|\"[^\"]*\"|\d+(\.\d+)?", " ", d.message.split(":")[0]).lower()
    slug = "-".join(re.findall(r"[a-z]+", words)[:6])
    return slug or d.severity


def sarif(diags, root: Path) -> dict:
    """The diagnostics as one SARIF 2.1.0 run; paths relative to `root` under %SRCROOT%."""
    from vn import __version__

    rules: dict[str, dict] = {}
    results = []
    base = root.resolve()
    for d in diags:
        rid = rule_id(d)
        rules.setdefault(rid, {"id": rid, "shortDescription": {"text": re.sub(r"'[^']*'", "'…'", d.message)}})
        path = Path(d.path)
        try:
            uri = path.resolve().relative_to(base).as_posix()
            location = {"uri": uri, "uriBaseId": "%SRCROOT%"}
        except ValueError:
            location = {"uri": path.resolve().as_uri()}
        region = {}
        if d.line > 0:
            region["startLine"] = d.line
            if d.col > 0:
                region["startColumn"] = d.col
        physical: dict = {"artifactLocation": location}
        if region:
            physical["region"] = region
        text = d.message + (f" (hint: {d.hint})" if d.hint else "")
        results.append({"ruleId": rid, "level": d.severity, "message": {"text": text},
                        "locations": [{"physicalLocation": physical}]})
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "vn check", "version": __version__,
                                "rules": list(rules.values())}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": base.as_uri() + "/"}},
            "results": results,
        }],
    }


def report(game, fmt: str, out=None) -> int:
    """Print the game's diagnostics; the exit status (1 when any is an error)."""
    out = out or sys.stdout
    from vn.script.diagnostics import format_all, sort_key

    diags = sorted(game.diagnostics, key=sort_key)
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    if fmt == "json":
        print(format_all(diags, "json"), file=out)
    elif fmt == "sarif":
        print(json.dumps(sarif(diags, game.root), indent=2), file=out)
    else:
        if diags:
            print(format_all(diags), file=out)
        lines = game.program.line_count if game.program else 0
        labels = len(game.program.labels) if game.program else 0
        summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        if game.program:
            summary += f" ({labels} labels, {lines} lines)"
        print(summary, file=out)
    return 1 if errors else 0


def watch(folder: Path | None, fmt: str, polls: int | None = None, out=None) -> int:
    """Check, then check again after each change, until interrupted (or after `polls` scans)."""
    out = out or sys.stdout
    from vn.game import layers_for
    from vn.watch import FolderWatch

    watcher = FolderWatch(layers_for(folder))
    status = _check_once(folder, fmt, out)
    n = 0
    while polls is None or n < polls:
        time.sleep(POLL)
        n += 1
        changed = watcher.changed()
        if changed:
            if fmt == "text":
                stamp = time.strftime("%H:%M:%S")
                print(f"\n== {stamp}: {len(changed)} file{'s' if len(changed) != 1 else ''} changed "
                      f"({Path(changed[0]).name}{', …' if len(changed) > 1 else ''}) ==", file=out)
            status = _check_once(folder, fmt, out)
            if folder is not None and (folder / ".vscode" / "vn.schema.json").is_file():
                _refresh_schemas(folder)
                watcher.changed()  # our own writes are not edits
    return status


def _check_once(folder: Path | None, fmt: str, out) -> int:
    from vn.game import load_game
    from vn.script.programcache import write_pending

    status = report(load_game(folder, check_audio=True), fmt, out)
    out.flush()
    write_pending()  # the compiled program's cache entry, once the report is out
    return status


def _refresh_schemas(folder: Path) -> None:
    from vn.tools.schema import write_schemas

    try:
        write_schemas(folder)
    except OSError as exc:
        print(f"vn check: could not refresh the editor schemas: {exc}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from vn.script.collector import collector_paused
    from vn.script.programcache import entries_written_later

    with entries_written_later():  # the report first, the compiled program's cache entry after it
        if args.watch:  # a long run: the cycle collector works as usual
            return _run(args)
        # one check, then the process ends: the imports and the asset catalog make many objects
        # and few cycles, and the collector's passes over them were a sixth of a warm check
        with collector_paused():
            status = _run(args)
    gc.freeze()  # nor does the interpreter's last collection at exit need to walk them all
    return status


def _run(args: argparse.Namespace) -> int:
    from vn.game import load_game, lock_path

    if args.watch:
        try:
            return watch(args.game, args.format)
        except KeyboardInterrupt:
            return 0
    game = load_game(args.game, check_audio=True)
    if args.fix_ids and game.program is not None:
        from vn.lineids import write_lock

        try:
            write_lock(game.program, lock_path(game))
            print(f"wrote {lock_path(game)}", file=sys.stderr)
        except OSError as exc:
            print(f"vn check: cannot write the id lock: {exc}", file=sys.stderr)
            return 1
    return report(game, args.format)

"""`vn translate [GAME] --init LANG | --update LANG`: string tables for translators.

`--init` writes `translations/LANG.yaml` with every line and choice option of the game, keyed by
its stable id, with the source words and an empty translation; `--update` adds entries for new
lines and keeps every translation made so far (stale ones stay, for `vn check` to report).
Both first write the id lock (`scripts/ids.lock`, vn.lineids), so from then on a typo fixed in
a script keeps its line's id — and its translation.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    from vn.tools.args import game_arg

    game_arg(p)
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--init", metavar="LANG", help="start a translation (e.g. fr, pt_BR)")
    group.add_argument("--update", metavar="LANG", help="add entries for new lines; keep every translation")


def translate(game_dir: Path | None, lang: str, init: bool) -> tuple[Path, int]:
    """Write the lock and the table; returns (the table's path, its entry count).
    Raises ValueError (bad language, game errors, table exists/missing) or OSError."""
    import re

    from vn.atomicfile import atomic_write_text
    from vn.game import load_game, lock_path
    from vn.lineids import write_lock
    from vn.translation import FOLDER, read_table, table_text, translatable

    if not re.match(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$", lang):
        raise ValueError(f"'{lang}' is not a language code like fr, de or pt_BR")
    game = load_game(game_dir)
    if game.program is None:
        raise ValueError("the game has errors: run vn check")
    target = game.root / FOLDER / f"{lang}.yaml"
    old = None
    if init and target.exists():
        raise ValueError(f"{target} already exists (use --update {lang})")
    if not init:
        if not target.exists():
            raise ValueError(f"{target} does not exist (use --init {lang})")
        old, _ = read_table(target, str(target))
        if old is None:
            raise ValueError(f"{target} cannot be read: run vn check")
    write_lock(game.program, lock_path(game))
    text = table_text(game.program, lang, game.program.title, old)
    atomic_write_text(target, text)
    return target, len(translatable(game.program))


def run(args: argparse.Namespace) -> int:
    lang = args.init or args.update
    try:
        path, n = translate(args.game, lang, bool(args.init))
    except ValueError as exc:
        print(f"vn translate: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"vn translate: cannot write: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({n} lines and options) and the id lock; play it with --lang {lang}")
    return 0

"""Argument types and helpers shared by the `vn` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def game_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("game", nargs="?", type=Path, default=None,
                   help="a game folder (scripts/ + assets/), or a mod folder; default: the bundled game")


def size(text: str) -> tuple[int, int]:
    """'WxH' -> (W, H) in px; each side 16 to 16384."""
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x720") from None
    if not (16 <= w <= 16384 and 16 <= h <= 16384):
        raise argparse.ArgumentTypeError(f"'{text}' is out of range")
    return w, h


def choices(text: str) -> list[int]:
    """'1,2,1' -> [1, 2, 1]: option numbers, counted from 1."""
    try:
        out = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of option numbers like 1,2,1") from None
    if any(n < 1 for n in out):
        raise argparse.ArgumentTypeError("option numbers start at 1")
    return out


def load_or_report(game: Path | None, out=sys.stderr):
    """Load the game; when it cannot start, print its diagnostics to `out` (program is None)."""
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    loaded = load_game(game)
    if loaded.program is None:
        print(format_all(loaded.diagnostics), file=out)
        errors = sum(1 for d in loaded.diagnostics if d.severity == "error")
        print(f"{errors} error{'s' if errors != 1 else ''}: the game cannot start", file=out)
    return loaded

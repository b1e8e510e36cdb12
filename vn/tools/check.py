"""`vn check`: every problem in a game's scripts, stages and assets, compiler-style."""

from __future__ import annotations

import argparse

from vn.tools.args import game_arg


def add_arguments(p: argparse.ArgumentParser) -> None:
    game_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    game = load_game(args.game, check_audio=True)
    diags = game.diagnostics
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    if args.format == "json":
        print(format_all(diags, "json"))
    else:
        if diags:
            print(format_all(diags))
        lines = game.program.line_count if game.program else 0
        labels = len(game.program.labels) if game.program else 0
        summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        if game.program:
            summary += f" ({labels} labels, {lines} lines)"
        print(summary)
    return 1 if errors else 0

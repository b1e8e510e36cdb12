"""`vn play`: play a game in a window."""

from __future__ import annotations

import argparse

from vn.tools.args import game_arg, size


def add_arguments(p: argparse.ArgumentParser) -> None:
    game_arg(p)
    p.add_argument("--label", help="start at this label")
    p.add_argument("--size", type=size, help="window size, e.g. 1280x720")
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--lang", help="play in this language: translations/LANG.yaml (made by vn translate)")


def run(args: argparse.Namespace) -> int:
    from vn.app import play

    return play(args.game, label=args.label, size=args.size, fullscreen=args.fullscreen, lang=args.lang)

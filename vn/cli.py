"""The `vn` command: a thin dispatcher. Each verb lives in its own module of `vn.tools`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from vn import __version__

# verb -> (module, one-line help). The module is imported only when its verb runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("vn.tools.play", "play a game in a window"),
    "check": ("vn.tools.check", "check scripts, stages and assets; exit 1 on any error"),
    "autoplay": ("vn.tools.autoplay", "play headless and print the transcript"),
    "render": ("vn.tools.render", "render the frame a player sees at a moment of the story"),
    "schema": ("vn.tools.schema", "write the JSON Schema of scene scripts (of one game, with its names)"),
    "new": ("vn.tools.new", "create a small working mod that teaches by example"),
    "graph": ("vn.tools.graph", "draw the story as a graph: labels, choices, jumps, endings (svg, png, dot, md)"),
    "storyboard": ("vn.tools.storyboard", "a contact sheet: one thumbnail per line along a path, speaker and words under each"),
    "translate": ("vn.tools.translate", "start or update a translation: a string table keyed by stable line ids"),
    "bench": ("vn.tools.bench", "measure frame times, idle cost, start-up and load time (JSON)"),
    "build": ("vn.tools.build", "build a standalone game for players without Python (PyInstaller)"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `only`, just that verb's module is imported for its arguments."""
    parser = argparse.ArgumentParser(prog="vn", description="A visual novel engine, and The Only Promise.")
    parser.add_argument("--version", action="version", version=f"vn {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for verb, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(verb, help=help_text, description=help_text)
        if only is None or verb == only:
            importlib.import_module(module).add_arguments(p)
    return parser


def _text_streams_never_fail() -> None:
    """Under a non-UTF-8 locale (LANG=C on a bare server) printing a transcript with an em dash
    would raise UnicodeEncodeError. Redirected output is written as UTF-8; a terminal that
    cannot show a character gets a replacement mark instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding == "utf8" or not hasattr(stream, "reconfigure"):
            continue
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    _text_streams_never_fail()
    argv = list(sys.argv[1:] if argv is None else argv)
    verb = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(verb if verb in COMMANDS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(importlib.import_module(COMMANDS[args.command][0]).run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

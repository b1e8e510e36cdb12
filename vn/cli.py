"""The `vn` command: parses arguments and calls one engine function per command."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from vn import __version__


def _game_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("game", nargs="?", type=Path, default=None,
                   help="a game folder (scripts/ + assets/), or a mod folder; default: the bundled game")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x720") from None
    if not (16 <= w <= 16384 and 16 <= h <= 16384):
        raise argparse.ArgumentTypeError(f"'{text}' is out of range")
    return w, h


def _choices(text: str) -> list[int]:
    try:
        out = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of option numbers like 1,2,1") from None
    if any(n < 1 for n in out):
        raise argparse.ArgumentTypeError("option numbers start at 1")
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vn", description="A visual novel engine, and The Only Promise.")
    parser.add_argument("--version", action="version", version=f"vn {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("play", help="play a game in a window")
    _game_arg(p)
    p.add_argument("--label", help="start at this label")
    p.add_argument("--size", type=_size, help="window size, e.g. 1280x720")
    p.add_argument("--fullscreen", action="store_true")

    p = sub.add_parser("check", help="check scripts, stages and assets; exit 1 on any error")
    _game_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("autoplay", help="play headless and print the transcript")
    _game_arg(p)
    p.add_argument("--choose", type=_choices, default=None, help="option numbers to pick, e.g. 1,2")
    p.add_argument("--seed", type=int, default=None, help="pick the remaining options at random with this seed")
    p.add_argument("--all-paths", action="store_true", help="play every path through the choices")
    p.add_argument("--label", help="start at this label")
    p.add_argument("--max-paths", type=int, default=1000, help="stop --all-paths after this many paths")

    p = sub.add_parser("render", help="render the frame a player sees at a moment of the story")
    _game_arg(p)
    p.add_argument("--at", required=True, help="LABEL or LABEL:N (top-level step N, from 1)")
    p.add_argument("--t", type=float, default=0.0, help="seconds after that step began")
    p.add_argument("--size", type=_size, default=(1920, 1080))
    p.add_argument("--choose", type=_choices, default=None, help="option numbers on the way there")
    p.add_argument("-o", "--output", type=Path, required=True)

    sub.add_parser("schema", help="print the JSON Schema of scene scripts")

    p = sub.add_parser("bench", help="measure frame times, idle cost, start-up and load time (JSON)")
    _game_arg(p)
    p.add_argument("--quick", action="store_true", help="fewer frames (for smoke tests)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(globals()[f"cmd_{args.command}"](args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _load(game: Path | None, out=sys.stderr):
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    loaded = load_game(game)
    if loaded.program is None:
        print(format_all(loaded.diagnostics), file=out)
        errors = sum(1 for d in loaded.diagnostics if d.severity == "error")
        print(f"{errors} error{'s' if errors != 1 else ''}: the game cannot start", file=out)
    return loaded


def cmd_check(args: argparse.Namespace) -> int:
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    game = load_game(args.game)
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


def cmd_autoplay(args: argparse.Namespace) -> int:
    from vn.autoplay import all_paths, run_path

    game = _load(args.game)
    if game.program is None:
        return 1
    program = game.program
    if args.label and args.label not in program.labels:
        print(f"vn autoplay: no label '{args.label}'", file=sys.stderr)
        return 1
    if not args.all_paths:
        result = run_path(program, args.choose, args.seed, args.label)
        for line in result.lines:
            print(line)
        if result.error:
            print(f"error: {result.error}", file=sys.stderr)
            return 1
        return 0
    failed = 0
    count = 0
    for count, result in enumerate(all_paths(program, args.label, args.max_paths), 1):
        print(f"== path {count}: choices {','.join(map(str, result.choices)) or '(none)'} ==")
        for line in result.lines:
            print(line)
        if result.error:
            failed += 1
            print(f"== error: {result.error} ==")
        else:
            print(f"== end ({result.ending}) ==")
        print()
    if count >= args.max_paths:
        print(f"vn autoplay: stopped after {args.max_paths} paths (--max-paths)", file=sys.stderr)
    print(f"{count} paths, {failed} with errors", file=sys.stderr)
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from vn.script.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    from vn.app import play

    return play(args.game, label=args.label, size=args.size, fullscreen=args.fullscreen)


def cmd_render(args: argparse.Namespace) -> int:
    from vn.frames import render_frame

    return render_frame(args.game, args.at, args.t, args.size, args.output, args.choose)


def cmd_bench(args: argparse.Namespace) -> int:
    from vn.bench import run_bench

    print(json.dumps(run_bench(args.game, quick=args.quick), indent=2))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

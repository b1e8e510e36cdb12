"""The entry point of a game built with `vn build`: the game's own executable.

With no arguments it plays the game baked into the build (the bundled game of the frozen
package, `vn/_bundled`) in a window. It also keeps the headless verbs, for players' bug reports
and for testing a build where it will run:

    GAME [MOD] [--fullscreen] [--size WxH] [--label L]   play (a mod folder is layered on top)
    GAME --autoplay [--choose 1,2] [--seed N] [--all-paths]
    GAME --render LABEL[:N] [--t S] [--size WxH] [--choose 1,2] -o frame.png
    GAME --check
    GAME --version

Each mode is the `vn` verb of the same name (`vn.tools.*`), with the built game as its GAME.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# mode flag -> (verb module, the flag that takes the mode flag's value in the verb, help)
MODES: dict[str, tuple[str, str | None, str]] = {
    "--autoplay": ("vn.tools.autoplay", None, "play headless and print the transcript"),
    "--render": ("vn.tools.render", "--at", "render the frame at LABEL[:N] to a PNG (-o FILE)"),
    "--check": ("vn.tools.check", None, "check the game's scripts and assets"),
}
PLAY = "vn.tools.play"


def program_name() -> str:
    return Path(sys.argv[0]).stem or "game"


def translate(argv: Sequence[str]) -> tuple[str, list[str]]:
    """(verb module, its arguments) for the executable's command line: `--render X` becomes
    `render --at X`, `--autoplay` becomes `autoplay`, anything else is `play`'s."""
    argv = list(argv)
    for flag, (module, takes, _) in MODES.items():
        for i, arg in enumerate(argv):
            if arg == flag or (takes and arg.startswith(flag + "=")):
                rest = argv[:i] + argv[i + 1:]
                if takes:
                    value = arg.partition("=")[2] if "=" in arg else None
                    if value is None:
                        if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                            raise SystemExit(f"{program_name()}: {flag} needs a value, e.g. {flag} sunset:3 -o frame.png")
                        value = argv[i + 1]
                        rest = argv[:i] + argv[i + 2:]
                    rest = [takes, value, *rest]
                return module, rest
    return PLAY, argv


def _usage() -> str:
    name = program_name()
    modes = "\n".join(f"  {name} {flag:<10} {text}" for flag, (_, _, text) in MODES.items())
    return (f"usage: {name} [MOD] [--fullscreen] [--size WxH] [--label LABEL]\n"
            f"  play the game (a MOD folder is layered over it)\n\n{modes}\n"
            f"  {name} --version\n\n"
            f"`{name} --render --help` and the like list each mode's options.")


def _streams() -> None:
    """A windowed build has no console on Windows (sys.stdout is None): print to the console
    of the shell that started it if there is one, else nowhere."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    if sys.platform == "win32":
        try:
            import ctypes

            if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
                sys.stdout = sys.stdout or open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
                sys.stderr = sys.stderr or open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115
        except (OSError, AttributeError):
            pass
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def sound_check(game_dir: Path | None) -> int:
    """Decode every sound file of the game with the mixer, as the window will (through SDL's
    dummy audio driver: this checks the codecs in the build, not the sound device). Prints one
    line per file that fails and a summary; 1 when any fails."""
    from vn.game import Game, layers_for

    game = Game(layers_for(game_dir))
    files = sorted({p.relative_to(layer / "assets" / "audio").as_posix()
                    for layer in game.layers for p in (layer / "assets" / "audio").rglob("*")
                    if p.is_file() and p.suffix.lower() in (".ogg", ".opus", ".wav", ".mp3", ".flac")})
    if not files:
        return 0
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    import pygame

    try:
        pygame.mixer.init(44100, -16, 2, 1024)
    except pygame.error as exc:
        print(f"sound: the mixer does not start ({exc})")
        return 1
    failed = 0
    for rel in files:
        path = game.find(f"assets/audio/{rel}")
        try:
            pygame.mixer.Sound(str(path))
        except (pygame.error, OSError, TypeError) as exc:
            failed += 1
            print(f"assets/audio/{rel}: error: this build cannot decode it ({exc})")
    pygame.mixer.quit()
    print(f"sound: {len(files) - failed} of {len(files)} files decode")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    _streams()
    from vn.cli import _text_streams_never_fail

    _text_streams_never_fail()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in (["-h"], ["--help"]):
        print(_usage())
        return 0
    if argv == ["--version"]:
        from vn import __version__

        print(f"{program_name()} (vn {__version__})")
        return 0
    module_name, rest = translate(argv)
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog=program_name(), description=(module.__doc__ or "").split("\n")[0])
    module.add_arguments(parser)
    args = parser.parse_args(rest)
    try:
        code = int(module.run(args) or 0)
        if module_name == "vn.tools.check" and args.format == "text":
            code = max(code, sound_check(args.game))
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

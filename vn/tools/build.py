"""`vn build`: a standalone game for players without Python, made with PyInstaller.

The build holds the engine (the `vn` package without its developer verbs), its dependencies
(pygame-ce with SDL and the mixer's codecs, PyYAML, pytmx, platformdirs), the Python runtime,
and the game's scripts and assets baked in as the frozen package's bundled game
(`vn/_bundled`, which `vn.game.bundled_root` finds). A mod is flattened over the bundled game
first: its files win, the base files it replaces are left out. Nothing else goes in: no tests,
no tools, no art sources, no editor files.

The executable is `vn.standalone`: it plays the game, and keeps headless modes
(`--autoplay`, `--render`, `--check`) for testing a build where it runs.

PyInstaller builds for the system it runs on: Windows builds are made on Windows, macOS builds
on macOS (see docs/distribution.md). PyInstaller is the optional `build` extra
(`pip install .[build]`); players never need it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from vn.tools.args import game_arg

# the verbs a built game keeps (vn.standalone's modes); vn.cli imports verbs by name, so
# PyInstaller cannot see them without being told
KEPT_VERBS = ("vn.tools.play", "vn.tools.autoplay", "vn.tools.render", "vn.tools.check")

# modules PyInstaller would pull in that a game never uses (measured on Linux: without these the
# folder is ~8 MB smaller). Only what is big or plainly a developer's: a module the engine starts
# to use must come off this list (tests/test_build.py plays, renders and checks the built game).
EXCLUDED_MODULES = (
    # developer tools and their dependencies
    "vn.tools.build", "vn.tools.bench", "vn.tools.schema", "PyInstaller", "PIL", "pytest", "_pytest",
    "hypothesis", "ruff", "pip", "setuptools", "pkg_resources", "distutils", "_distutils_hack",
    # optional imports of pygame that we do not use
    "numpy", "OpenGL", "pygame.examples", "pygame.tests", "pygame.docs", "pygame._sdl2.controller_old",
    # the standard library's networking, GUI, test and database parts
    "tkinter", "_tkinter", "unittest", "doctest", "pydoc", "pydoc_data", "lib2to3", "sqlite3", "_sqlite3",
    "xmlrpc", "ftplib", "http", "urllib.request", "curses", "_curses", "readline",
    # the big ones: OpenSSL (libcrypto + libssl, ~5 MB; hashlib falls back to its built-in
    # sha1/sha256/md5) and libmpdec (~1.6 MB; statistics and fractions import decimal)
    "ssl", "_ssl", "_hashlib", "decimal", "_decimal", "_pydecimal", "statistics", "fractions",
)

# the folders of a game that a build carries (translations: vn.translation's translations/LANG.yaml)
GAME_FOLDERS = ("scripts", "assets", "translations")

# files in a game's folders that are not the game: editor state, art sources, code
SKIPPED_SUFFIXES = {
    ".tiled-session", ".tiled-project", ".psd", ".xcf", ".kra", ".ora", ".blend", ".blend1", ".aup3",
    ".sfk", ".clip", ".afphoto", ".afdesign", ".ai", ".sai", ".py", ".pyc", ".pyo", ".sh", ".bat",
    ".cmd", ".ps1", ".exe", ".dll", ".so", ".dylib", ".bak", ".tmp", ".swp", ".orig", ".rej",
}
SKIPPED_NAMES = {"Thumbs.db", "desktop.ini", "__pycache__", "node_modules"}

# PyInstaller's log lines that start each of its phases -> what the progress display says
PYINSTALLER_PHASES = (
    ("Analyzing ", "Analysing the engine's imports"),
    ("Looking for dynamic libraries", "Collecting libraries (SDL, codecs, Python)"),
    ("Building PYZ", "Packing Python modules"),
    ("Building PKG", "Writing the executable"),
    ("Building EXE", "Writing the executable"),
    ("Building COLLECT", "Copying the game folder"),
    ("Building BUNDLE", "Making the app bundle"),
)


class BuildError(Exception):
    """A build that cannot go on; the message says why and what to do."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    game_arg(p)
    p.add_argument("-o", "--output", type=Path, default=Path("dist"), metavar="DIR",
                   help="where the build goes (default: dist); DIR/NAME/ is replaced")
    p.add_argument("--onefile", action="store_true",
                   help="one executable file instead of a folder; it unpacks itself into a temporary "
                        "folder on every start, so it starts slower than the folder build")
    p.add_argument("--name", help="the executable's name (default: from the title, e.g. TheOnlyPromise)")
    p.add_argument("--archive", action="store_true",
                   help="also pack the build for download: NAME-linux-x86_64.tar.gz on Linux, "
                        "NAME-windows-AMD64.zip on Windows, NAME-macos-arm64.zip on macOS")
    p.add_argument("--title", help="the built game's title: its window title, and the name of its folders "
                                   "of saves and settings (default: the game's title; for a mod layered "
                                   "over the bundled game, its mod.yaml's title, else the base title "
                                   "and the mod folder's name)")


def run(args: argparse.Namespace) -> int:
    progress = Progress()
    try:
        result = build(args.game, args.output, onefile=args.onefile, name=args.name, title=args.title,
                       progress=progress)
    except BuildError as exc:
        progress.fail()
        print(f"vn build: {exc}", file=sys.stderr)
        return 1
    print()
    print(f"Built {result.title!r}: {result.path}  ({result.size / 1e6:.0f} MB, {result.seconds:.0f} s)")
    print(f"  run it: {result.executable}")
    if args.archive:
        archive = make_archive(result.path)
        print(f"  download: {archive}  ({archive.stat().st_size / 1e6:.0f} MB)")
    elif not args.onefile:
        print("  ship it: pack the whole folder (or build with --archive); players unpack it anywhere "
              "and run the executable")
    return 0


@dataclass
class BuildResult:
    title: str
    path: Path  # the folder (or the one file) to ship
    executable: Path
    size: int  # bytes on disk
    seconds: float
    skipped: list[str] = field(default_factory=list)


def build(game_dir: Path | None, output: Path, *, onefile: bool = False, name: str | None = None,
          title: str | None = None, progress: Progress | None = None) -> BuildResult:
    """Check, gather and freeze a game into `output`/NAME (a folder, or one file with `onefile`).

    `title` replaces the game's title in the build (a layered mod gets "<base title> — <mod
    folder>" by default, so its saves never mix with the base game's); `name` is the executable's
    name (default: `executable_name(title)`). Raises BuildError (with the diagnostics) when the
    game has errors, PyInstaller is missing, or PyInstaller or the built game fails."""
    progress = progress or Progress(quiet=True)
    started = time.perf_counter()
    progress.phase("Checking scripts and assets")
    game = check_game(game_dir, quiet=True)
    if game.diagnostics:  # warnings only (errors refused the build)
        from vn.script.diagnostics import format_all

        progress.note(format_all(game.diagnostics))
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError("PyInstaller is not installed: pip install 'vn[build]' "
                         "(or, in a checkout, pip install '.[build]')") from None
    if title is None and len(game.layers) > 1 and "title" not in mod_manifest(game):
        title = f"{game.program.title} — {game.root.name}"  # a layered mod without a title of its own
    title = " ".join((title or game.program.title).split()) or "Untitled"
    exe_name = name or executable_name(title)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._ -]*", exe_name):
        raise BuildError(f"'{exe_name}' cannot be an executable's name: use letters, digits, '.', '_', '-'")

    with tempfile.TemporaryDirectory(prefix="vn-build-") as tmp:
        work = Path(tmp)
        progress.phase("Gathering the game's files")
        staged = work / "game"
        restaged, skipped, dropped = gather(game, staged, title)
        if dropped:
            progress.note(f"    left out {len(dropped)} files of the base game the mod does not use "
                          f"({', '.join(dropped[:4])}{', …' if len(dropped) > 4 else ''})")

        progress.phase("Making the icon")
        icon_png = staged / "assets" / "icon.png"
        if not icon_png.is_file():
            make_icon(restaged, icon_png)
        icons = icon_files(icon_png, work / "icon")

        launcher = work / "launcher.py"
        launcher.write_text("import sys\nfrom vn.standalone import main\nsys.exit(main())\n", "utf-8")
        dist = work / "dist"
        command = pyinstaller_command(launcher, staged, exe_name, work, dist, onefile, icons)
        run_pyinstaller(command, work / "pyinstaller.log", progress)

        built = dist / (exe_name if not onefile else executable_file(exe_name))
        if sys.platform == "darwin" and (dist / f"{exe_name}.app").exists():
            built = dist / f"{exe_name}.app"
        if not onefile and built.is_dir():
            write_player_readme(built, title, exe_name)
        output.mkdir(parents=True, exist_ok=True)
        target = output / built.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
        shutil.move(str(built), str(target))

    executable = find_executable(target, exe_name)
    progress.phase("Trying the built game")
    try_build(executable)
    progress.done()
    return BuildResult(title, target, executable, disk_size(target), time.perf_counter() - started, skipped)


# ------------------------------------------------------------------------------ checking
def check_game(game_dir: Path | None, quiet: bool = False):
    """The loaded game; BuildError with every diagnostic when it has errors (warnings printed
    unless `quiet`)."""
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    game = load_game(game_dir)
    errors = [d for d in game.diagnostics if d.severity == "error"]
    if errors or game.program is None:
        text = format_all(game.diagnostics)
        n = len(errors) or 1
        raise BuildError(f"the game has {n} error{'s' if n != 1 else ''}; the build is refused "
                         f"(`vn check` lists the same):\n{text}")
    if game.diagnostics and not quiet:
        print(format_all(game.diagnostics))
    return game


def executable_name(title: str) -> str:
    """The title as an executable's name: "The Only Promise" -> "TheOnlyPromise" (letters and
    digits of each word, capitalised as written); "Game" when nothing usable is left."""
    words = re.findall(r"[A-Za-z0-9]+", title)
    name = "".join(w[:1].upper() + w[1:] for w in words)[:48]
    return name or "Game"


def executable_file(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


def find_executable(target: Path, name: str) -> Path:
    if target.is_file():
        return target
    if target.suffix == ".app":
        return target / "Contents" / "MacOS" / name
    return target / executable_file(name)


# ------------------------------------------------------------------------------ gathering
def gather(game, staged: Path, title: str):
    """The game as one standalone game in `staged`: layers flattened (`stage_game`), the manifest
    made standalone with `title` (`write_manifest`), and for a layered mod the base files it does
    not use left out (`prune_unused_base_files`). Returns (the gathered game loaded, files
    skipped, base files left out). BuildError if the gathered game has errors."""

    def stage() -> tuple[object, list[str]]:
        if staged.exists():
            shutil.rmtree(staged)
        skipped = stage_game(game, staged)
        if title != game.program.title or (staged / "scripts" / "mod.yaml").is_file():
            write_manifest(staged / "scripts", title)
        return check_game(staged, quiet=True), skipped

    gathered, skipped = stage()
    dropped: list[str] = []
    if len(game.layers) > 1:
        dropped = prune_unused_base_files(gathered, staged, origins(game), game.root)
        if dropped:
            try:
                gathered = check_game(staged, quiet=True)
            except BuildError:  # leaving files out broke something: keep every base file
                (gathered, skipped), dropped = stage(), []
    if gathered.program.title != title:
        raise BuildError(f"the gathered game's title is {gathered.program.title!r}, not {title!r}")
    return gathered, skipped, dropped


def stage_game(game, dest: Path) -> list[str]:
    """Copy the game's scripts/, assets/ and translations/ into `dest`, layers flattened (upper layers win), as
    one standalone game. Returns the files left out (editor files, art sources, code)."""
    skipped: list[str] = []
    chosen: dict[str, Path] = {}
    for layer in game.layers:
        for folder in GAME_FOLDERS:
            root = layer / folder
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                rel = path.relative_to(layer)
                if any(part in SKIPPED_NAMES or part.startswith(".") for part in rel.parts):
                    continue
                if not path.is_file():
                    continue
                if path.suffix.lower() in SKIPPED_SUFFIXES or path.name.endswith("~"):
                    skipped.append(rel.as_posix())
                    continue
                chosen[rel.as_posix()] = path  # a later (upper) layer replaces the file
    if "scripts/game.yaml" not in chosen and "scripts/game.yml" not in chosen:
        raise BuildError("the game has no scripts/game.yaml")
    for rel, src in chosen.items():
        out = dest / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, out)
    return skipped


def _manifest_data(path: Path) -> dict:
    """A manifest's values as the engine reads them (YAML 1.2 core schema); {} when absent."""
    from vn.script.loader import compose_checked, resolve_node

    if not path.is_file():
        return {}
    root, _ = compose_checked(path.read_text("utf-8-sig"), str(path))
    data = resolve_node(root) if root is not None else None
    return data if isinstance(data, dict) else {}


def mod_manifest(game) -> dict:
    """The layered mod's own `scripts/mod.yaml` as data ({} for a standalone game)."""
    return _manifest_data(game.root / "scripts" / "mod.yaml") if len(game.layers) > 1 else {}


def write_manifest(scripts: Path, title: str) -> None:
    """Make the gathered game's `game.yaml` a standalone manifest: the base game's, with the mod's
    `mod.yaml` applied as `vn.game` applies it (its title and start replace the game's, its
    characters and variables are added, the mod's winning a clash) and `title` set. Written as
    JSON (a YAML 1.2 document the engine reads as written); mod.yaml is then removed."""
    import json

    merged = _manifest_data(scripts / "game.yaml")
    mod = scripts / "mod.yaml"
    for key, value in _manifest_data(mod).items():
        if key in ("characters", "variables") and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    merged["title"] = title
    mod.unlink(missing_ok=True)
    (scripts / "game.yaml").write_text(
        "# The manifest of a game built by `vn build` (the game's game.yaml, with its mod.yaml applied)\n"
        + json.dumps(merged, ensure_ascii=False, indent=2) + "\n", "utf-8")


def origins(game) -> dict[str, Path]:
    """Relative path in the flattened game -> the layer folder it comes from (upper layers win)."""
    out: dict[str, Path] = {}
    for layer in game.layers:
        for folder in GAME_FOLDERS:
            root = layer / folder
            if root.is_dir():
                for path in root.rglob("*"):
                    if path.is_file():
                        out[path.relative_to(layer).as_posix()] = layer
    return out


_UNUSED = re.compile(r"^(label|stage|sprite|audio file) '([^']+)' (is never reached|is never shown|"
                     r"belongs to no character|is never played)$")


def prune_unused_base_files(staged_game, staged: Path, origin: dict[str, Path], mod_root: Path) -> list[str]:
    """Remove from the gathered game the base game's files that a layered mod does not use: script
    files whose every label is unreached from the mod's start, stages never shown, sprites of no
    character, audio never played (each with the folder of art named after it). The mod's own
    files all stay. Returns the removed paths (relative to the game)."""
    unused: dict[str, set[str]] = {"label": set(), "stage": set(), "sprite": set(), "audio file": set()}
    for d in staged_game.diagnostics:
        m = _UNUSED.match(d.message)
        if m and d.severity == "warning":
            unused[m.group(1)].add(m.group(2))
    mod_root = mod_root.resolve()

    def from_base(rel: str) -> bool:
        layer = origin.get(rel)
        return layer is not None and layer.resolve() != mod_root

    drop: list[str] = []
    for path in sorted((staged / "scripts").glob("*.y*ml")):
        rel = path.relative_to(staged).as_posix()
        labels = set(_manifest_data(path)) if path.name not in ("game.yaml", "game.yml") else set()
        if labels and labels <= unused["label"] and from_base(rel):
            drop.append(rel)
    for kind, folder, suffixes in (("stage", "assets/stages", (".tmx",)), ("sprite", "assets/sprites", (".yaml", ".yml"))):
        for name in sorted(unused[kind]):
            for suffix in suffixes:
                rel = f"{folder}/{name}{suffix}"
                if (staged / rel).is_file() and from_base(rel):
                    drop.append(rel)
                    art = staged / folder / name
                    if art.is_dir():
                        drop += [p.relative_to(staged).as_posix() for p in sorted(art.rglob("*"))
                                 if p.is_file() and from_base(p.relative_to(staged).as_posix())]
    for name in sorted(unused["audio file"]):
        rel = f"assets/audio/{name}"
        if (staged / rel).is_file() and from_base(rel):
            drop.append(rel)
    # art shared with what stays (a tileset another stage names) is kept
    kept_text = "\n".join(p.read_text("utf-8", errors="replace") for p in staged.rglob("*")
                          if p.suffix.lower() in (".tmx", ".tsx", ".yaml", ".yml") and p.is_file()
                          and p.relative_to(staged).as_posix() not in drop)
    drop = [rel for rel in drop if rel.endswith((".tmx", ".yaml", ".yml")) or Path(rel).name not in kept_text]
    for rel in drop:
        (staged / rel).unlink()
    for folder in sorted({(staged / rel).parent for rel in drop}, key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return drop


# ------------------------------------------------------------------------------ the icon
def icon_moment(program) -> tuple[str, int]:
    """(label, pc of a top-level step) of the first line spoken on a stage with someone on it,
    along the first path: the picture the icon is cut from. Falls back to the start."""
    from vn.story import Choice, End, Line, Story, StoryError

    story = Story(program)
    fallback = (program.start, program.labels[program.start].steps[0] if program.labels[program.start].steps else 0)
    try:
        for _ in range(20_000):
            event = story.step()
            if isinstance(event, End):
                break
            if isinstance(event, Choice):
                story.choose(0)
            elif isinstance(event, Line):
                st = story.state
                steps = program.labels[st.label].steps
                if st.stage.get("stage") and st.stage.get("sprites") and st.pc in steps:
                    return st.label, st.pc
    except StoryError:
        pass
    return fallback


def make_icon(game, out: Path, size: int = 512) -> None:
    """Render the game's picture at `icon_moment` (without the text box) and cut a square from it:
    the middle of the frame, where the stage's subject stands. Written as a PNG of size x size."""
    import pygame

    from vn.screen import Screen, headless_surface
    from vn.tools.render import find_path, play_to

    label, pc = icon_moment(game.program)
    frame_size = (size * 16 // 9, size)
    screen = Screen(game, frame_size)
    session = screen.new_session()
    try:
        when = play_to(session, label, pc, find_path(game.program, label, pc), 2.0)
    except Exception:  # noqa: BLE001 — an icon is never worth a failed build: the first frame will do
        session, when = screen.new_session(), 0.0
    frame = headless_surface(frame_size)
    screen.draw(frame, session, when, ui=False)
    x = (frame_size[0] - size) // 2
    icon = frame.subsurface((x, 0, size, size)).copy()
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(icon, str(out))


def icon_files(png: Path, dest: Path) -> Path:
    """The icon in the format the platform's executables take: .ico (Windows: 16 to 256 px),
    .icns (macOS), the PNG itself elsewhere (Linux executables carry no icon; the window's
    icon comes from assets/icon.png at run time)."""
    from PIL import Image

    dest.mkdir(parents=True, exist_ok=True)
    image = Image.open(png).convert("RGBA")
    if sys.platform == "win32":
        out = dest / "icon.ico"
        image.save(out, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
        return out
    if sys.platform == "darwin":
        out = dest / "icon.icns"
        image.resize((1024, 1024), Image.LANCZOS).save(out)
        return out
    return png


# ------------------------------------------------------------------------------ PyInstaller
def pyinstaller_command(launcher: Path, staged: Path, name: str, work: Path, dist: Path,
                        onefile: bool, icon: Path) -> list[str]:
    sep = os.pathsep  # PyInstaller's SRC:DEST separator is ';' on Windows
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "INFO",
           "--name", name, "--onefile" if onefile else "--onedir", "--windowed",
           "--distpath", str(dist), "--workpath", str(work / "build"), "--specpath", str(work),
           "--icon", str(icon),
           *(arg for folder in GAME_FOLDERS if (staged / folder).is_dir()
             for arg in ("--add-data", f"{staged / folder}{sep}vn/_bundled/{folder}"))]
    for module in KEPT_VERBS:
        cmd += ["--hidden-import", module]
    for module in EXCLUDED_MODULES:
        cmd += ["--exclude-module", module]
    if sys.platform.startswith("linux"):
        cmd.append("--strip")  # debug symbols: libpython alone drops from 22 MB to ~5 MB
    if sys.platform == "darwin":
        cmd += ["--osx-bundle-identifier", f"org.vn.{name.lower()}"]
    cmd.append(str(launcher))
    return cmd


def run_pyinstaller(command: list[str], log: Path, progress: Progress) -> None:
    """Run PyInstaller, showing its phases; BuildError with the end of its log if it fails."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env.pop("PYTHONPATH", None)
    lines: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", errors="replace", env=env) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            message = line.split(" ", 2)[-1] if " INFO: " in line or " WARNING: " in line else line
            for start, phase in PYINSTALLER_PHASES:
                if message.startswith(start):
                    progress.phase(phase)
                    break
            else:
                progress.tick()
        code = proc.wait()
    if code != 0:
        tail = "\n".join(lines[-25:])
        keep = Path(tempfile.gettempdir()) / "vn-build-pyinstaller.log"
        keep.write_text("\n".join(lines) + "\n", "utf-8")
        raise BuildError(f"PyInstaller failed (exit {code}); the end of its log:\n{tail}\n(whole log: {keep})")


def write_player_readme(folder: Path, title: str, exe_name: str) -> None:
    """README.txt beside the executable: how to play, where saves go, the command line."""
    exe = executable_file(exe_name)
    text = f"""{title}
{"=" * len(title)}

To play, run {exe} in this folder (double-click it). Keep the whole folder
together: the game needs the files in _internal/ beside it.

Saves and settings are kept in your user folders, one folder per game: on
Linux under ~/.local/share/vn/ and ~/.config/vn/, on Windows under
%LOCALAPPDATA%\\vn\\, on macOS under ~/Library/Application Support/vn/.
Screenshots (S or F12) go to your Pictures folder.

Keys: click, Space or Enter to advance; Esc or right click for the menu;
F11 or Alt+Enter for fullscreen; F1 lists every key.

From a terminal:
  {exe} --fullscreen              play in fullscreen
  {exe} --autoplay                print the story's text (first choices)
  {exe} --render LABEL:N -o f.png save a picture of a moment of the story
  {exe} --check                   check the game's files (for bug reports)

Made with vn, a visual novel engine.
"""
    (folder / "README.txt").write_text(text, "utf-8")


def try_build(executable: Path) -> None:
    """Start the built game headless: it must load and check its own files (`--check`)."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    try:
        out = subprocess.run([str(executable), "--check"], capture_output=True, text=True, env=env, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"the built game does not start: {exc}") from None
    if out.returncode != 0:
        raise BuildError(f"the built game does not pass its own check (exit {out.returncode}):\n"
                         f"{(out.stdout + out.stderr).strip()}")


def make_archive(built: Path) -> Path:
    """Pack a build for download beside it: a .tar.gz on Linux (keeps the executable bit and
    the symlinks to libraries), a .zip on Windows, a .zip made by `ditto` on macOS (keeps the
    app bundle's symlinks and signatures)."""
    import platform

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    base = built.parent / f"{built.stem}-{system}-{platform.machine() or 'unknown'}"
    if sys.platform == "darwin":
        out = base.with_name(base.name + ".zip")
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(built), str(out)], check=True)
        return out
    fmt = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), fmt, root_dir=built.parent, base_dir=built.name))


def disk_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# ------------------------------------------------------------------------------ progress
class Progress:
    """Phases of the build, one line each, with their time. On a terminal the current line also
    shows the time so far while PyInstaller works."""

    def __init__(self, quiet: bool = False, out=None) -> None:
        self.out = out or sys.stdout
        self.quiet = quiet
        self.tty = hasattr(self.out, "isatty") and self.out.isatty()
        self.current: str | None = None
        self.since = 0.0
        self.count = 0
        self._last_draw = 0.0

    def phase(self, name: str) -> None:
        if name == self.current:
            return
        self._end()
        self.count += 1
        self.current = name
        self.since = time.perf_counter()
        self._draw(final=False)

    def note(self, text: str) -> None:
        """Print `text` under the current phase's line (a terminal's ticking line is ended first)."""
        if self.quiet:
            print(text)
            return
        if self.tty and self.current is not None:
            self.out.write("\n")
        self.out.write(text + "\n")
        self.out.flush()

    def tick(self) -> None:
        now = time.perf_counter()
        if self.tty and not self.quiet and self.current and now - self._last_draw > 0.2:
            self._draw(final=False)

    def done(self) -> None:
        self._end()
        self.current = None

    def fail(self) -> None:
        if self.current is not None and not self.quiet:
            if self.tty:
                self.out.write("\n")
            self.out.flush()
        self.current = None

    def _end(self) -> None:
        if self.current is not None:
            self._draw(final=True)

    def _draw(self, final: bool) -> None:
        if self.quiet:
            return
        self._last_draw = time.perf_counter()
        seconds = self._last_draw - self.since
        text = f"[{self.count}] {self.current}"
        if self.tty:
            end = "\n" if final else ""
            self.out.write(f"\r\x1b[K{text} … {seconds:.1f} s{end}")
        elif final:
            self.out.write(f"    done in {seconds:.1f} s\n")
        else:
            self.out.write(f"{text} …\n")
        self.out.flush()

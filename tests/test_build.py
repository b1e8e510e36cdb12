"""`vn build`: the bundled game and a layered mod, built with PyInstaller, moved to another folder
and run in a clean environment (`env -i` with only PATH, HOME and SDL's dummy drivers): played to
an ending, a frame rendered and compared with the same frame rendered from source, the window
started, the folder's contents checked. Slow (two PyInstaller builds): marked `slow`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pygame
import pytest

from vn.cli import main
from vn.game import load_game
from vn.tools.build import executable_file, executable_name

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).resolve().parent / "golden"
FRAME = ("sunset:8", "1.5", "640x360")  # the living room at sunset, both men on stage, a line typing


def _have_pyinstaller() -> str | None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return "PyInstaller is not installed (pip install '.[build]')"
    if not sys.platform.startswith("linux"):
        return "the build test runs on Linux"
    return None


needs_pyinstaller = pytest.mark.skipif(_have_pyinstaller() is not None, reason=_have_pyinstaller() or "")


def clean_run(exe: Path, *args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the built game with nothing of this machine's environment but PATH and a fresh HOME."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(["env", "-i", *(f"{k}={v}" for k, v in env.items()), str(exe), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=home)


def build_and_move(tmp: Path, *args: str) -> tuple[Path, str]:
    """Build into tmp/out, then move the folder to tmp/elsewhere/ under another name, as a player
    unpacking it would; with --archive among `args`, unpack the archive there instead.
    Returns (the folder the player has, the build's output)."""
    out = tmp / "out"
    printed = StringIO()
    with redirect_stdout(printed):
        code = main(["build", *args, "-o", str(out)])
    assert code == 0, printed.getvalue()
    [built] = [p for p in out.iterdir() if p.is_dir()]
    moved = tmp / "elsewhere" / "unpacked game"
    moved.parent.mkdir(parents=True)
    if "--archive" in args:
        [archive] = out.glob("*-linux-*.tar.gz")
        assert f"download: {archive}" in printed.getvalue()
        with tarfile.open(archive) as tar:
            assert all(m.name.split("/")[0] == built.name for m in tar.getmembers())
            tar.extractall(moved.parent, filter="tar")
        (moved.parent / built.name).rename(moved)
    else:
        shutil.move(str(built), str(moved))
    shutil.rmtree(out)
    return moved, printed.getvalue()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    if _have_pyinstaller():
        pytest.skip(_have_pyinstaller())
    tmp = tmp_path_factory.mktemp("build")
    folder, printed = build_and_move(tmp)
    home = tmp / "home"
    home.mkdir()
    return folder, printed, home


def golden(name: str) -> tuple[list[str], str]:
    lines = (GOLDEN / f"{name}.transcript").read_text("utf-8").splitlines()
    return lines[1:], lines[0].removeprefix("# choose:").strip()


def region_means(surf: pygame.Surface, grid=(4, 3)) -> list[tuple[float, float, float]]:
    """Mean (r, g, b) of each cell of a grid over the frame."""
    w, h = surf.get_size()
    out = []
    for gy in range(grid[1]):
        for gx in range(grid[0]):
            x0, x1 = gx * w // grid[0], (gx + 1) * w // grid[0]
            y0, y1 = gy * h // grid[1], (gy + 1) * h // grid[1]
            n = r = g = b = 0
            for y in range(y0, y1, 3):
                for x in range(x0, x1, 3):
                    c = surf.get_at((x, y))
                    r, g, b, n = r + c.r, g + c.g, b + c.b, n + 1
            out.append((r / n, g / n, b / n))
    return out


@needs_pyinstaller
def test_the_build_holds_the_game_and_nothing_else(bundled):
    folder, printed, _ = bundled
    name = executable_name("The Only Promise")
    assert name == "TheOnlyPromise"
    exe = folder / executable_file(name)
    assert exe.is_file() and os.access(exe, os.X_OK)
    assert (folder / "README.txt").read_text("utf-8").startswith("The Only Promise")
    internal = folder / "_internal"
    game = internal / "vn" / "_bundled"
    assert (game / "scripts" / "game.yaml").is_file()
    assert (game / "assets" / "stages" / "living_room.tmx").is_file()
    assert (game / "assets" / "fonts" / "Lato-OFL.txt").is_file()  # font licences travel with fonts
    icon = pygame.image.load(str(game / "assets" / "icon.png"))
    assert icon.get_size() == (512, 512)
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("tests", "tools", "PyInstaller", "PIL", "numpy", "tkinter", "_pytest", "hypothesis",
                     "libcrypto.so.3", "libssl.so.3"):
        assert unwanted not in names, unwanted
    assert not [p for p in names if p.startswith("_tkinter") or p.startswith("_ssl")]
    # the mixer's codecs for OGG are there (SDL_mixer links them)
    assert any(n.startswith("libvorbisfile") for n in names) and any(n.startswith("libogg") for n in names)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 80e6, f"the folder is {size / 1e6:.0f} MB"
    # the progress display named PyInstaller's phases
    for phase in ("Checking scripts and assets", "Analysing the engine's imports", "Trying the built game"):
        assert phase in printed


@needs_pyinstaller
def test_the_moved_build_plays_to_an_ending_in_a_clean_environment(bundled):
    folder, _, home = bundled
    exe = folder / executable_file("TheOnlyPromise")
    expected, choose = golden("stay_2-1-1")
    out = clean_run(exe, "--autoplay", "--choose", choose, home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == expected
    check = clean_run(exe, "--check", home=home)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors" in check.stdout
    sound_files = list((folder / "_internal" / "vn" / "_bundled" / "assets").glob("audio/**/*.ogg"))
    if sound_files:  # the game's music and sounds all decode in the build (the mixer's codecs)
        assert f"sound: {len(sound_files)} of {len(sound_files)} files decode" in check.stdout, check.stdout


@needs_pyinstaller
def test_a_frame_of_the_build_matches_the_frame_from_source(bundled, tmp_path):
    folder, _, home = bundled
    exe = folder / executable_file("TheOnlyPromise")
    at, t, size = FRAME
    built_png = home / "built.png"
    out = clean_run(exe, "--render", at, "--t", t, "--size", size, "-o", str(built_png), home=home)
    assert out.returncode == 0, out.stderr
    source_png = tmp_path / "source.png"
    assert main(["render", "--at", at, "--t", t, "--size", size, "-o", str(source_png)]) == 0
    built, source = pygame.image.load(str(built_png)), pygame.image.load(str(source_png))
    assert built.get_size() == source.get_size() == (640, 360)
    b, s = region_means(built), region_means(source)
    for cell, (bb, ss) in enumerate(zip(b, s, strict=True)):
        assert all(abs(x - y) <= 1.0 for x, y in zip(bb, ss, strict=True)), (cell, bb, ss)
    # and it is the room at sunset, not a blank frame: warm, with light and dark regions
    lumas = [0.2126 * r + 0.7152 * g + 0.0722 * bl for r, g, bl in b]
    assert max(lumas) - min(lumas) > 20
    assert sum(r for r, _, _ in b) > sum(bl for _, _, bl in b)


@needs_pyinstaller
def test_the_build_opens_its_window_and_keeps_running(bundled):
    """Played with no arguments it opens its (dummy) window and sits in its loop, no traceback."""
    folder, _, home = bundled
    exe = folder / executable_file("TheOnlyPromise")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    proc = subprocess.Popen(["env", "-i", *(f"{k}={v}" for k, v in env.items()), str(exe)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=home)
    try:
        time.sleep(4.0)
        assert proc.poll() is None, proc.communicate()[1]
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err


@needs_pyinstaller
def test_a_mod_made_with_vn_new_builds_and_plays(tmp_path):
    mod = tmp_path / "smallmod"
    with redirect_stdout(StringIO()):
        assert main(["new", str(mod)]) == 0
    (mod / "assets" / "portrait.psd").write_bytes(b"8BPS not for players")  # an art source
    (mod / "scripts" / ".mod.tiled-session").write_text("{}", "utf-8")
    # an OGG Vorbis file (pygame-ce's wheel ships one): the build must carry the mixer's codecs
    ogg = Path(pygame.__file__).parent / "examples" / "data" / "house_lo.ogg"
    if ogg.is_file():
        (mod / "assets" / "audio").mkdir(exist_ok=True)
        shutil.copy(ogg, mod / "assets" / "audio" / "mod_theme.ogg")
    title = load_game(mod).program.title
    folder, printed = build_and_move(tmp_path, str(mod), "--archive")  # downloaded and unpacked
    exe = folder / executable_file(executable_name(title))
    assert exe.is_file(), sorted(p.name for p in folder.iterdir())
    game = folder / "_internal" / "vn" / "_bundled"
    assert (game / "scripts" / "my_scene.yaml").is_file()
    assert (game / "assets" / "stages" / "living_room.tmx").is_file()  # the base files it uses
    assert not (game / "scripts" / "01_sunset.yaml").exists()  # base scripts it never reaches
    assert not (game / "scripts" / "mod.yaml").exists()
    for left_out in ("assets/portrait.psd", "README.md", ".vscode", "scripts/.mod.tiled-session"):
        assert not (game / left_out).exists()
    home = tmp_path / "home"
    home.mkdir()
    for choose in ("1", "2"):
        source = StringIO()
        with redirect_stdout(source):
            assert main(["autoplay", str(mod), "--choose", choose]) == 0
        out = clean_run(exe, "--autoplay", "--choose", choose, home=home)
        assert out.returncode == 0, out.stderr
        assert out.stdout.splitlines() == source.getvalue().splitlines()
        assert len(out.stdout.splitlines()) > 3
    check = clean_run(exe, "--check", home=home)
    assert check.returncode == 0, check.stdout + check.stderr
    if ogg.is_file():  # every sound file of the game decodes in the build, the mod's OGG too
        [summary] = [line for line in check.stdout.splitlines() if line.startswith("sound:")]
        decoded, _, total = summary.removeprefix("sound: ").removesuffix(" files decode").partition(" of ")
        assert decoded == total and int(total) >= 1, summary

"""`vn build` without PyInstaller: what goes into a build (a mod flattened over the bundled game,
the base files it does not use left out, editor files and art sources skipped), the refusal of a
game with errors, the icon, names, and the built executable's command line."""

from __future__ import annotations

import textwrap
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pygame
import pytest

from vn.cli import main
from vn.game import load_game
from vn.standalone import MODES, PLAY, translate
from vn.tools.build import BuildError, build, executable_name, gather, icon_files, make_icon
from vn.userdirs import folder_name, game_dir

MOD_SCENE = """\
# A tiny layered mod: it replaces the content note and brings a scene of its own.
content_note:
  - card: A small mod
  - This line was written by the mod.
  - jump: mod_scene

mod_scene:
  - stage: living_room
  - light: sunset
  - show: zack hurt at wall
  - zack: The mod has its own scene.
  - jump: sunset
"""


def small_mod(root: Path) -> Path:
    mod = root / "a small mod"
    (mod / "scripts").mkdir(parents=True)
    (mod / "scripts" / "00_content_note.yaml").write_text(textwrap.dedent(MOD_SCENE), "utf-8")
    (mod / "scripts" / "mod.yaml").write_text("start: content_note\n", "utf-8")
    (mod / "scripts" / ".mod.tiled-session").write_text("{}", "utf-8")
    (mod / "assets").mkdir()
    (mod / "assets" / "portrait.psd").write_bytes(b"8BPS not for players")
    (mod / "assets" / "generate.py").write_text("print('art generator')\n", "utf-8")
    (mod / "notes.txt").write_text("the modder's notes", "utf-8")
    (mod / "translations").mkdir()
    (mod / "translations" / "fr.yaml").write_text("language: fr\nlines: {}\n", "utf-8")
    return mod


def test_a_layered_mod_is_gathered_as_one_standalone_game(tmp_path):
    mod = small_mod(tmp_path)
    game = load_game(mod)
    title = "The Only Promise — a small mod"
    gathered, skipped, dropped = gather(game, tmp_path / "staged", title)
    staged = tmp_path / "staged"
    assert "written by the mod" in (staged / "scripts" / "00_content_note.yaml").read_text("utf-8")
    assert (staged / "scripts" / "01_sunset.yaml").is_file()  # the base story it goes on into
    assert (staged / "scripts" / "game.yaml").is_file() and gathered.layers == [staged.resolve()]
    assert (staged / "translations" / "fr.yaml").is_file()  # a translation travels with the game
    assert sorted(skipped) == ["assets/generate.py", "assets/portrait.psd"]
    assert not (staged / "notes.txt").exists() and not (staged / "scripts" / ".mod.tiled-session").exists()
    assert dropped == []  # it reaches the whole base story
    assert gathered.program.title == title
    assert [d for d in gathered.diagnostics if d.severity == "error"] == []
    # the gathered game plays as the mod does
    printed, gathered_out = StringIO(), StringIO()
    with redirect_stdout(printed):
        assert main(["autoplay", str(mod), "--choose", "2,1,1"]) == 0
    with redirect_stdout(gathered_out):
        assert main(["autoplay", str(staged), "--choose", "2,1,1"]) == 0
    assert printed.getvalue() == gathered_out.getvalue()
    assert printed.getvalue().startswith("This line was written by the mod.\nZack: The mod has its own scene.\n")


def test_a_vn_new_mod_is_gathered_with_its_manifest_and_without_base_files_it_never_uses(tmp_path):
    mod = tmp_path / "roofmod"
    with redirect_stdout(StringIO()):
        assert main(["new", str(mod)]) == 0
    game = load_game(mod)
    gathered, _, dropped = gather(game, tmp_path / "staged", game.program.title)
    staged = tmp_path / "staged"
    assert not (staged / "scripts" / "mod.yaml").exists()
    assert gathered.program.start == game.program.start  # mod.yaml's start, title, characters
    assert gathered.program.title == game.program.title
    assert set(gathered.program.characters) == set(game.program.characters)
    assert "scripts/01_sunset.yaml" in dropped and not (staged / "scripts" / "01_sunset.yaml").exists()
    assert (staged / "assets" / "stages" / "living_room.tmx").is_file()  # it shows the base stage
    assert all(not rel.startswith("assets/stages/rooftop") for rel in dropped)  # its own files stay


def test_a_game_with_errors_is_refused_with_its_diagnostics(tmp_path):
    mod = tmp_path / "broken"
    (mod / "scripts").mkdir(parents=True)
    (mod / "scripts" / "00_content_note.yaml").write_text("content_note:\n  - shwo: zack\n", "utf-8")
    with pytest.raises(BuildError) as err:
        build(mod, tmp_path / "out")
    text = str(err.value)
    assert "the build is refused" in text
    assert "00_content_note.yaml:2:5: error:" in text and "show" in text
    assert not (tmp_path / "out").exists()


def test_the_icon_is_cut_from_the_games_art(tmp_path):
    game = load_game(None)
    png = tmp_path / "icon.png"
    make_icon(game, png, size=128)
    icon = pygame.image.load(str(png))
    assert icon.get_size() == (128, 128)
    # a frame of the room at sunset with someone in it, not a black card: warm and varied
    pixels = [icon.get_at((x, y)) for x in range(0, 128, 8) for y in range(0, 128, 8)]
    lumas = [0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b for c in pixels]
    assert max(lumas) - min(lumas) > 60
    assert sum(c.r for c in pixels) > sum(c.b for c in pixels)


def test_icon_files_for_windows_and_macos(tmp_path, monkeypatch):
    pytest.importorskip("PIL", reason="Pillow is the build extra's (pip install '.[build]')")
    from PIL import Image

    png = tmp_path / "icon.png"
    pygame.image.save(pygame.Surface((512, 512)), str(png))
    monkeypatch.setattr("sys.platform", "win32")
    ico = icon_files(png, tmp_path / "win")
    assert ico.suffix == ".ico"
    sizes = Image.open(ico).info["sizes"]
    assert (16, 16) in sizes and (256, 256) in sizes
    monkeypatch.setattr("sys.platform", "darwin")
    icns = icon_files(png, tmp_path / "mac")
    assert icns.suffix == ".icns" and icns.read_bytes()[:4] == b"icns"


def test_names_from_titles():
    assert executable_name("The Only Promise") == "TheOnlyPromise"
    assert executable_name("The Only Promise — my_mod") == "TheOnlyPromiseMyMod"
    assert executable_name("???") == "Game"
    assert folder_name("The Only Promise") == "The Only Promise"
    assert folder_name('Zack: Day 2/3 "after"') == "Zack Day 2 3 after"
    assert folder_name("CON") == "CON game" and folder_name("   ") == "Untitled game"
    a, b = game_dir("config", "The Only Promise"), game_dir("config", "The Only Promise — my_mod")
    assert a != b and a.parent == b.parent


def test_the_built_executables_command_line():
    assert translate([]) == (PLAY, [])
    assert translate(["--fullscreen"]) == (PLAY, ["--fullscreen"])
    assert translate(["--autoplay", "--choose", "1,2"]) == (MODES["--autoplay"][0], ["--choose", "1,2"])
    assert translate(["--render", "sunset:3", "-o", "f.png"]) == (MODES["--render"][0],
                                                                   ["--at", "sunset:3", "-o", "f.png"])
    assert translate(["--render=dawn", "-o", "f.png"]) == (MODES["--render"][0], ["--at", "dawn", "-o", "f.png"])
    assert translate(["--check"]) == (MODES["--check"][0], [])
    with pytest.raises(SystemExit, match="--render needs a value"):
        translate(["--render", "-o", "f.png"])


def test_a_standalone_game_is_gathered_alone_and_can_be_retitled(tmp_path):
    game_dir = tmp_path / "standalone"
    with redirect_stdout(StringIO()):
        assert main(["new", str(game_dir), "--standalone"]) == 0
    game = load_game(game_dir)
    assert game.layers == [game_dir.resolve()]
    gathered, _, dropped = gather(game, tmp_path / "staged", "A Retitled Game: Two")
    staged = tmp_path / "staged"
    assert dropped == []
    mine = {p.relative_to(game_dir).as_posix() for p in game_dir.rglob("*")
            if p.is_file() and p.parts[len(game_dir.parts)] in ("scripts", "assets")}
    staged_files = {p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file()}
    assert staged_files == mine  # its own files, none of the bundled game's
    assert gathered.program.title == "A Retitled Game: Two"  # the window's title, the saves' folder
    assert gathered.program.start == game.program.start
    assert executable_name(gathered.program.title) == "ARetitledGameTwo"

"""The title's first frame kept on disk (vn.firstframe): shown at the next start exactly as the
title drew it, and never when anything it was made from changed or the file is not whole."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from tests.ui.app_helpers import make_player, write_game
from vn import firstframe


@pytest.fixture
def game(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("VN_CACHE_DIR", str(tmp_path / "cache"))
    return write_game(tmp_path / "game")


def age(game_dir: Path, seconds: float = 3600.0) -> None:
    """Date every file of the game `seconds` back: what a game installed a while ago looks like
    (a file written moments before the frame was kept is always hashed: `RACY_NS`)."""
    for p in game_dir.rglob("*"):
        t = p.stat().st_mtime_ns - int(seconds * 1e9)
        os.utime(p, ns=(t, t))


def first_start(game_dir: Path) -> tuple[firstframe.FirstFrame, bytes]:
    """A start: the kept frame is shown if valid, then the title draws its first frame, which
    is kept when it was not (or differed)."""
    kept = firstframe.for_game(game_dir, None, False, None)
    assert kept is not None
    kept.show(pygame)
    player = make_player(game_dir)
    player.first_frame = kept
    player.tick(0.05)
    assert kept.path.is_file()
    return kept, pygame.image.tobytes(player.canvas, "RGB")


def shown(game_dir: Path) -> bytes | None:
    """What the next start shows before loading anything: the window's pixels, or None."""
    kept = firstframe.for_game(game_dir, None, False, None)
    surface = pygame.display.get_surface()
    if surface is not None:
        surface.fill((1, 2, 3))
    if not kept.show(pygame):
        return None
    return pygame.image.tobytes(pygame.display.get_surface(), "RGB")


def test_the_next_start_shows_the_titles_first_frame_pixel_for_pixel(game: Path) -> None:
    _, title = first_start(game)
    assert len(set(title)) > 10  # a picture (the wash's gradient), not an empty window
    assert shown(game) == title


def test_the_kept_frame_is_not_rewritten_when_the_title_draws_the_same(game: Path) -> None:
    age(game)
    kept, _ = first_start(game)
    before = kept.path.stat().st_mtime_ns
    again = firstframe.for_game(game, None, False, None)
    assert again.show(pygame)
    player = make_player(game)
    player.first_frame = again
    player.tick(0.05)
    assert kept.path.stat().st_mtime_ns == before


def test_an_edited_script_is_never_shown_from_the_old_frame(game: Path) -> None:
    first_start(game)
    story = game / "scripts" / "story.yaml"
    st = story.stat()
    text = story.read_text("utf-8")
    story.write_text(text.replace("Line A.", "Line Z."), "utf-8")  # same size
    os.utime(story, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same time, moments after
    assert shown(game) is None


def test_an_edit_of_an_old_file_that_keeps_its_size_is_found_by_its_hash(game: Path) -> None:
    age(game)
    first_start(game)
    story = game / "scripts" / "story.yaml"
    story.write_text(story.read_text("utf-8").replace("Line A.", "Line Z."), "utf-8")
    assert shown(game) is None


def test_a_file_added_removed_or_grown_makes_the_frame_stale(game: Path) -> None:
    first_start(game)
    extra = game / "assets" / "lighting.yaml"
    extra.write_text("presets: {}\n", "utf-8")
    assert shown(game) is None
    first_start(game)
    assert shown(game) is not None
    extra.unlink()
    assert shown(game) is None
    first_start(game)
    story = game / "scripts" / "story.yaml"
    story.write_text(story.read_text("utf-8") + "\n", "utf-8")
    assert shown(game) is None


def test_a_touched_file_with_the_same_content_still_shows_and_is_rewritten(game: Path) -> None:
    age(game)
    _, title = first_start(game)
    story = game / "scripts" / "story.yaml"
    later = story.stat().st_mtime_ns + 5_000_000_000
    os.utime(story, ns=(later, later))
    kept = firstframe.for_game(game, None, False, None)
    assert kept.show(pygame)
    assert kept.stale  # new times: written again after the title's first frame


def test_the_settings_file_and_the_engine_source_are_inputs(game: Path, tmp_path: Path, monkeypatch) -> None:
    kept, _ = first_start(game)
    head = json.loads(kept.path.read_bytes().split(b"\n", 1)[0])
    settings = Path(head["extra"][0])
    assert settings.name == "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("{}", "utf-8")  # absent when kept, present now
    assert shown(game) is None
    settings.unlink()
    assert shown(game) is not None
    engine = tmp_path / "engine"
    engine.mkdir()
    (engine / "mod.py").write_text("x = 1\n", "utf-8")
    monkeypatch.setattr(firstframe, "ENGINE_ROOT", engine)  # another engine's source
    assert shown(game) is None


@pytest.mark.parametrize("damage", ["pixel", "truncated", "garbage", "header", "foreign"])
def test_a_corrupt_or_foreign_entry_is_ignored_and_rewritten(game: Path, damage: str) -> None:
    kept, title = first_start(game)
    data = bytearray(kept.path.read_bytes())
    head, pixels = bytes(data).split(b"\n", 1)
    if damage == "pixel":
        data[-100] ^= 0xFF
    elif damage == "truncated":
        data = data[: len(data) - 1000]
    elif damage == "garbage":
        data = bytearray(os.urandom(5000))
    elif damage == "header":
        data = bytearray(b'{"format": "vn-first-frame", "version": 1, "size": [1, 1]}\n' + pixels)
    else:
        other = json.loads(head)
        other["format"] = "something-else"
        data = bytearray(json.dumps(other).encode() + b"\n" + pixels)
    kept.path.write_bytes(bytes(data))
    assert shown(game) is None
    again = firstframe.for_game(game, None, False, None)
    player = make_player(game)
    player.first_frame = again
    player.tick(0.05)
    assert shown(game) == title


def test_nothing_is_kept_when_caching_is_off(game: Path, monkeypatch) -> None:
    monkeypatch.setenv("VN_CACHE_DIR", "off")
    assert firstframe.for_game(game, None, False, None) is None


def test_only_the_titles_very_first_frame_is_kept(game: Path) -> None:
    kept = firstframe.for_game(game, None, False, None)
    player = make_player(game, label="start")  # straight into the story: no title
    player.first_frame = kept
    player.tick(0.05)
    assert not kept.path.exists()

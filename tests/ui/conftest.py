"""UI test fixtures: one text renderer for the session (fonts load once)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from vn.render.text import TextRenderer  # noqa: E402


@pytest.fixture(scope="session")
def renderer() -> TextRenderer:
    pygame.font.init()
    return TextRenderer()


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """Fresh settings and saves folders for one test; returns the test's tmp_path."""
    monkeypatch.setenv("VN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("VN_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def small(dirs):
    """The small game of `app_helpers.write_game`, written into the test's folder."""
    from app_helpers import write_game

    return write_game(dirs / "game")


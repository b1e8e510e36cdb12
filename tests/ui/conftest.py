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

"""Shared fixtures for the scene-model tests: a tiny game folder made for them, and the
bundled game when its art is present."""

from __future__ import annotations

from pathlib import Path

from vn.story.events import Direction, SourcePos

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_GAME = FIXTURES / "game"
ROOT = Path(__file__).resolve().parents[2]
BUNDLED_STAGE = ROOT / "assets" / "stages" / "living_room.tmx"
POS = SourcePos("test.yaml", 1, 1)


def direction(command: str, **args: object) -> Direction:
    return Direction("test", command, args, POS)


class NoAssets:
    """A game with no stages, sprites or presets: for tests of the story and session alone."""

    size = (1920, 1080)

    def stage(self, name):
        return None

    def sprite_name(self, who):
        return None

    def sprite(self, name):
        return None

    def preset(self, name):
        return None

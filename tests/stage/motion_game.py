"""A copy of the scene-model fixture game made to live: its city lights are points that twinkle,
its sunbeam carries dust, and its figure breathes and has a pulsing eye glow."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.stage.helpers import FIXTURE_GAME

LIGHTS = (  # 4x4 px windows every 24 px across the strip the fixture's city lights fill
    '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">'
    + "".join(f'<rect x="{x}" y="{y}" width="4" height="4" fill="#ffcc66"/>'
              for x in range(48, 1240, 24) for y in range(664, 780, 24))
    + "</svg>")

# where the city lights are (logical px): the only place a twinkle may change the picture
LIGHTS_AREA = (40, 656, 1212, 130)


def make_motion_game(root: Path, twinkle: str = '<property name="twinkle" type="float" value="0.6"/>',
                     dust: str = '<property name="dust" type="float" value="3"/>',
                     breathing: str = "breathing: {amount: 0.02, period: 4}",
                     pulse: str = ", pulse: {amount: 0.6, period: 2}") -> Path:
    """The fixture game under `root` with the motion properties given (each may be '' for
    none, or something broken for the checker's tests); returns the game folder."""
    game = root / "game"
    shutil.copytree(FIXTURE_GAME, game)
    stage = game / "assets" / "stages" / "room.tmx"
    (game / "assets" / "stages" / "room" / "lights.svg").write_text(LIGHTS, "utf-8")
    text = stage.read_text("utf-8")
    text = text.replace('<property name="light" value="emissive"/>',
                        '<property name="light" value="emissive"/>\n   ' + twinkle, 1)
    text = text.replace('<property name="softness" type="float" value="16"/>',
                        '<property name="softness" type="float" value="16"/>\n    ' + dust, 1)
    stage.write_text(text, "utf-8")
    sprite = game / "assets" / "sprites" / "fig.yaml"
    text = sprite.read_text("utf-8")
    text = text.replace("eyes_glow: {image: fig/eyes_glow.svg, light: emissive}",
                        "eyes_glow: {image: fig/eyes_glow.svg, light: emissive" + pulse + "}")
    sprite.write_text(text + breathing + "\n", "utf-8")
    return game

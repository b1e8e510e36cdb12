"""Key-beat images (CGs) up close, session 6: light that moves inside them, and faces drawn with
their features (issue 13 point 2).

- Under the light each image is shown with, something of its light lives on the stage clock
  (dust glinting in a sun shaft, sparks over the fire, the city's lights twinkling below the
  embrace): two motion times give different frames, and only where that light is.
- The scripts move the light while cg_promise (the sun comes up between them) and cg_embrace
  (the dusk goes out of the sky) are shown: a light tween follows the `stage:` step in their blocks.
- cg_promise's faces are drawn: an eye (a dark almond in the face) under a lid that catches the
  light; cg_door's Zack stands against a wall lighter than he is.
"""

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from tests.render.pixels import changed
from tests.render.test_cg_figures import FULL, STAGES, layout_of, silhouette  # noqa: E402
from tests.stage.helpers import ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402


def shown(name: str, preset: str) -> Scene:
    scene = Scene(GameAssets(ROOT, sprites={}))
    scene.apply(direction("stage", name=name), 0)
    scene.apply(direction("light", preset=preset), 0)
    return scene


def draw(compositor: Compositor, view) -> pygame.Surface:
    surf = pygame.Surface(FULL)
    compositor.draw(surf, view)
    return surf


# (the image, the preset the script shows it with, what lives in it)
LIVING = [("cg_eyes", "sunset", "dust"), ("cg_chair", "last_rays", "dust"), ("cg_door", "last_rays", "dust"),
          ("cg_town", "burning", "dust"), ("cg_embrace", "dusk", "twinkle")]


@pytest.mark.parametrize(("name", "preset", "kind"), LIVING)
def test_light_moves_inside_the_cg_under_its_preset(name, preset, kind):
    scene = shown(name, preset)
    assert kind in scene.living(1.0), scene.living(1.0)
    compositor = Compositor(scene.assets, ImageCache())
    rest = draw(compositor, replace(scene.view(1.0), motion=None))
    one, two = draw(compositor, scene.view(1.0)), draw(compositor, scene.view(4.0))
    moved = changed(one, two)
    assert moved is not None and moved.w * moved.h > 40_000, moved  # (not one mote: a shaft's worth)
    # only inside the image's light polygons (the motes drift there) or its twinkling lights
    polys = [s for s in layout_of(name).lights if s.dust > 0]
    if kind == "twinkle":  # (the city below the horizon, seen between and around them)
        where = pygame.Rect(0, 640, FULL[0], FULL[1] - 640)
    elif name == "cg_town":  # (the embers twinkle too, over the whole town)
        where = pygame.Rect(0, 0, *FULL)
    else:
        xs = [p[0] for s in polys for p in s.points]
        ys = [p[1] for s in polys for p in s.points]
        where = pygame.Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).inflate(80, 80)
        if name == "cg_eyes":  # (and the eyes' Mako glow throbs: tests/render/test_flicker.py)
            where = where.union(pygame.Rect(1000, 370, 330, 180))
        if name == "cg_chair":  # (and the low sun wavers: its glare, the sheen on the rail and the knuckles)
            where = where.union(pygame.Rect(0, 0, FULL[0], 720))
    for frame in (one, two):
        got = changed(rest, frame)
        assert got is not None and where.contains(got), (got, where)


def _blocks(steps, out):
    """Every list of steps in a script (the label's, and those in `if` branches)."""
    if isinstance(steps, list):
        out.append(steps)
        for s in steps:
            if isinstance(s, dict):
                for v in s.values():
                    _blocks(v, out)
    return out


def _after_stage(name: str) -> list[list]:
    """The steps that follow each `stage: NAME` in the scripts, to the next `stage:`."""
    found = []
    for path in sorted((ROOT / "scripts").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text())
        for label in doc.values():
            for block in _blocks(label, []):
                for i, step in enumerate(block):
                    if isinstance(step, dict) and step.get("stage") == name:
                        rest = []
                        for s in block[i + 1:]:
                            if isinstance(s, dict) and "stage" in s:
                                break
                            rest.append(s)
                        found.append(rest)
    return found


@pytest.mark.parametrize(("name", "to"), [("cg_promise", "sunrise"), ("cg_embrace", "night")])
def test_the_scripts_move_the_light_while_the_cg_is_shown(name, to):
    blocks = _after_stage(name)
    assert blocks, name
    for rest in blocks:
        tweens = [s for s in rest if isinstance(s, dict) and s.get("light") == to and "over" in s]
        assert tweens, (name, rest)
        seconds = float(str(tweens[0]["over"]).rstrip("s"))
        assert seconds >= 10, tweens  # slow: the light moves while the lines are read


def test_the_sun_rises_between_them_in_the_promise():
    """dawn -> sunrise moves the sun up in the gap between the two faces."""
    scene = shown("cg_promise", "dawn")
    scene.apply(direction("light", preset="sunrise", over=20.0), 0)
    compositor = Compositor(scene.assets, ImageCache())
    early, late = draw(compositor, scene.view(0.5)), draw(compositor, scene.view(19.5))
    sun = layout_of("cg_promise").marks["sun"]

    def brightest_row(frame):
        rows = range(round(sun.y) - 120, round(sun.y) + 60, 2)
        return max(rows, key=lambda y: sum(frame.get_at((round(sun.x) + dx, y))[0] for dx in (-10, 0, 10)))
    assert brightest_row(late) < brightest_row(early) - 10


@pytest.mark.parametrize("who", ["sephiroth", "zack"])
def test_the_promise_faces_have_an_eye_under_a_lid_that_catches_the_light(who):
    figure = ImageCache().get(STAGES / "cg_promise" / "figure.svg", FULL)
    rim = ImageCache().get(STAGES / "cg_promise" / "rim.svg", FULL)
    eye = layout_of("cg_promise").marks[f"{who}_eye"]
    x, y = round(eye.x), round(eye.y)
    back = -1 if who == "sephiroth" else 1  # (toward the back of the head, away from the profile)

    def lum(px):
        return sum(figure.get_at(px)[:3])
    cheek = lum((x + back * 16, y + 18))
    assert lum((x, y)) < 0.5 * cheek, (lum((x, y)), cheek)  # a dark almond in the face
    lid = max(rim.get_at((x + dx, y - dy))[3] for dx in range(-10, 11) for dy in range(2, 12))
    assert lid > 60, lid


def test_the_door_zack_stands_against_a_lighter_wall():
    """cg_door: his head, back and shoulder read against the wall behind him (its albedo well
    above his) — not one dark mass on a dark wall."""
    room = ImageCache().get(STAGES / "cg_door" / "door.svg", FULL)
    figs = silhouette("cg_door", "figure")
    fig = ImageCache().get(STAGES / "cg_door" / "figure.svg", FULL)
    wall, body = [], []
    for y in range(120, 700, 20):  # the wall between the glass (x < 640) and the door's frame
        for x in range(720, 1000, 20):
            (body if figs.get_at((x, y)) else wall).append(sum((fig if figs.get_at((x, y)) else room).get_at((x, y))[:3]))
    assert len(wall) > 40 and len(body) > 40, (len(wall), len(body))
    wall_mean, body_mean = sum(wall) / len(wall), sum(body) / len(body)
    assert wall_mean > 2.8 * body_mean, (wall_mean, body_mean)

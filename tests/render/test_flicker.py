"""Firelight: an emissive layer with `flicker` wavers on the stage clock (docs/stage-format.md,
*Living scenes*). The frame is a function of the clock time (the same time, the same pixels),
the flames' brightness differs between two times, two fires apart do not flicker in step, the
burning town's fires flicker, "Reduce motion" holds the light still, and `vn check` reports a
bad property where it is."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.render.pixels import changed  # noqa: E402
from tests.render.test_living_frames import SIZE, _game, _shown, frame_of, on_screen  # noqa: E402
from tests.stage.helpers import ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage import motion  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

FLICKER = ('<property name="flicker" type="float" value="0.5"/>\n'
           '   <property name="flicker_rate" type="float" value="2"/>')
# two fires on the emissive layer, far apart along it (logical px, inside the glass the
# fixture's city lights show through)
FIRES = ((100, 664, 300, 116), (820, 664, 300, 116))
FLAMES = ('<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">'
          '<defs><radialGradient id="f" cx="0.5" cy="0.8" r="0.6"><stop offset="0" stop-color="#ffe080"/>'
          '<stop offset="0.6" stop-color="#ff7a20"/><stop offset="1" stop-color="#401000"/></radialGradient></defs>'
          + "".join(f'<ellipse cx="{x + w / 2}" cy="{y + h / 2}" rx="{w / 2}" ry="{h / 2}" fill="url(#f)"/>'
                    for x, y, w, h in FIRES) + "</svg>")


def _fire_game(root, flicker: str = FLICKER):
    game = _game(root, twinkle=flicker, dust="", breathing="", pulse="")
    (game / "assets" / "stages" / "room" / "lights.svg").write_text(FLAMES, "utf-8")
    return game


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    return _fire_game(tmp_path_factory.mktemp("fire"))


def _night(game) -> Scene:
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), 0)
    scene.apply(direction("light", preset="night"), 0)
    return scene


def _draw(compositor, view, size=SIZE) -> pygame.Surface:
    surf = pygame.Surface(size)
    compositor.draw(surf, view)
    return surf


def _level(surf: pygame.Surface, rect: pygame.Rect) -> float:
    """The mean brightness (0..255, R+G+B over 3) of `surf` in `rect`."""
    r, g, b, _ = pygame.transform.average_color(surf, rect)
    return (r + g + b) / 3.0


def test_the_noise_is_smooth_irregular_and_a_function_of_time():
    rate, key = 1.5, 1234
    samples = [motion.flicker_noise(rate, i / 50.0, key) for i in range(50 * 40)]  # 40 s at 50/s
    assert samples == [motion.flicker_noise(rate, i / 50.0, key) for i in range(50 * 40)]
    assert all(0.0 <= s <= 1.0 for s in samples) and max(samples) - min(samples) > 0.5
    assert max(abs(a - b) for a, b in zip(samples, samples[1:], strict=False)) < 0.15  # no jumps: it wavers
    # no period: the light at t and at t + p differs for every lag p up to 20 s
    for lag in range(25, 1000, 25):
        assert sum(abs(a - b) for a, b in zip(samples, samples[lag:], strict=False)) / (len(samples) - lag) > 0.05, lag
    other = [motion.flicker_noise(rate, i / 50.0, key + 1) for i in range(50 * 40)]
    assert sum(abs(a - b) for a, b in zip(samples, other, strict=True)) / len(samples) > 0.05  # each layer its own
    fire = motion.Flicker(0.4, 1.5, 7)
    steps = motion.flicker_steps([0.0, 120.0, 240.0, 2400.0])
    dims = [motion.flicker_dims(fire, steps, t / 10) for t in range(100)]
    assert all(0.0 <= d <= 0.4 for row in dims for d in row)
    assert any(abs(row[0] - row[3]) > 0.1 for row in dims)  # fires far apart: not in step


def test_flicker_lives_while_the_lights_are_on_at_a_modest_rate(game):
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), 0)  # the map's light is sunset: no lights on
    assert "flicker" not in scene.living(0.5)
    scene.apply(direction("light", preset="night"), 1)
    assert scene.living(1.5) == {"flicker"}
    fps = motion.FPS["flicker"]
    assert fps <= 10 and fps / motion.FLICKER_RATES[1] >= 3  # 3+ frames a new level at the fastest
    wake = scene.next_motion(2.03)
    assert wake == pytest.approx((int(2.03 * fps) + 1) / fps)


def test_the_flames_waver_with_the_clock_and_only_there(game):
    scene = _night(game)
    compositor = Compositor(scene.assets, ImageCache())
    rest = _draw(compositor, replace(scene.view(1.0), motion=None))
    fires = [on_screen(*f) for f in FIRES]
    frames = {t: _draw(compositor, scene.view(t)) for t in (1.0, 1.6, 2.3, 3.1, 4.4)}
    again = _draw(Compositor(scene.assets, ImageCache()), scene.view(2.3))  # a fresh renderer
    assert changed(frames[2.3], again) is None  # the same clock time, the same pixels
    levels = [[_level(f, fire) for fire in fires] for f in frames.values()]
    for fire in range(2):
        seen = [row[fire] for row in levels]
        assert max(seen) - min(seen) > 2.0, seen  # the fire's light wavers...
        assert all(s <= _level(rest, fires[fire]) + 0.01 for s in seen)  # ...down from its rest
    ratio = [row[0] / row[1] for row in levels]
    assert max(ratio) - min(ratio) > 0.02, ratio  # ...and the two fires not in step
    where = fires[0].union(fires[1]).inflate(8, 8)
    for frame in frames.values():
        got = changed(rest, frame)
        assert got is not None and where.contains(got), (got, where)


def test_reduce_motion_holds_the_firelight_still(game):
    screen, session, t = _shown(game, reduce_motion=True)
    first = frame_of(screen, session, t)
    for later in (t + 0.55, t + 1.3, t + 4.2):
        assert changed(first, frame_of(screen, session, later)) is None
    assert screen.next_redraw(session, t + 1.0) is None
    moving, session, t = _shown(game, reduce_motion=False)
    fire = on_screen(*FIRES[1])
    seen = [_level(frame_of(moving, session, t + dt), fire) for dt in (0.5, 1.3, 2.1, 4.2)]
    assert max(seen) - min(seen) >= 1.0, seen  # (the same screen without the setting: it wavers)


def test_the_burning_towns_fires_flicker():
    fire = pygame.Rect(330, 180, 180, 150)  # the tall flames behind the General (half size)
    seen, again = _levels_in("cg_town", "burning", fire, (1.0, 1.9, 2.8, 3.7))
    assert max(seen) - min(seen) > 3.0, seen
    assert again == seen[1]


def _levels_in(stage: str, preset: str, rect: pygame.Rect, times: tuple[float, ...]) -> tuple[list[float], float]:
    """The brightness of `rect` in a half-size frame of the bundled `stage` in `preset` at each
    of `times`, and again at the second of them (a flicker is a function of the clock)."""
    scene = Scene(GameAssets(ROOT, sprites={}))
    scene.apply(direction("stage", name=stage), 0)
    scene.apply(direction("light", preset=preset), 0)
    assert "flicker" in scene.living(1.0)
    compositor = Compositor(scene.assets, ImageCache())
    size = (960, 540)
    seen = [_level(_draw(compositor, scene.view(t), size), rect) for t in times]
    return seen, _level(_draw(compositor, scene.view(times[1]), size), rect)


# --- vn check --------------------------------------------------------------------------------


def _errors(path):
    _, diags = load_layout(path)
    return [(d.line, d.col, d.message, d.hint) for d in diags if d.severity == "error"]


@pytest.mark.parametrize(("props", "message"), [
    ('<property name="flicker" value="lots"/>', "flicker must be a number above 0 and at most 1"),
    ('<property name="flicker" type="float" value="1.5"/>', "flicker must be a number above 0 and at most 1"),
    ('<property name="flicker" type="float" value="0.3"/>\n   <property name="flicker_rate" type="float" value="40"/>',
     "flicker_rate must be a number of Hz from 0.1 to 3"),
    ('<property name="flicker_rate" type="float" value="2"/>', "flicker_rate without flicker does nothing"),
])
def test_a_bad_flicker_is_reported_where_it_is(tmp_path, props, message):
    stage = _fire_game(tmp_path, props) / "assets" / "stages" / "room.tmx"
    _assert_reported_at(stage, "flicker_rate" if "flicker_rate" in message else "flicker", message)


def _assert_reported_at(stage, name: str, message: str) -> None:
    """`vn check` reports `message` at the line of the property `name`, with a column and a hint."""
    errors = _errors(stage)
    lines = stage.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if f'name="{name}"' in text)
    assert any(e[0] == line and e[1] > 1 and message in e[2] and e[3] for e in errors), errors


def test_flicker_on_a_layer_that_gives_no_light_is_an_error(tmp_path):
    game = _fire_game(tmp_path, "")
    stage = game / "assets" / "stages" / "room.tmx"
    stage.write_text(stage.read_text().replace(
        '<image source="room/city.svg"',
        '<properties><property name="flicker" type="float" value="0.3"/></properties>\n  <image source="room/city.svg"', 1))
    errors = _errors(stage)
    assert any("flicker needs a layer that gives light (its light is ambient)" in e[2] and "emissive" in e[3]
               and e[0] > 1 for e in errors), errors
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), 0)
    scene.apply(direction("light", preset="night"), 0)
    assert "flicker" not in scene.living(1.0)  # (and the game runs without it)


# --- a stage layer's pulse: a glow painted into the picture throbs (the eyes in the dark) --------


def _glow_game(root, props: str = '<property name="pulse" type="float" value="0.6"/>\n'
                                  '   <property name="pulse_period" type="float" value="2"/>'):
    """The fire game with its flames as painted light (`none`: it shows in any light) that
    pulses."""
    game = _fire_game(root, props)
    stage = game / "assets" / "stages" / "room.tmx"
    text = stage.read_text("utf-8")
    stage.write_text(text.replace('<property name="light" value="emissive"/>', '<property name="light" value="none"/>', 1),
                     "utf-8")
    return game


def test_a_painted_glow_pulses_in_any_light(tmp_path):
    game = _glow_game(tmp_path)
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), 0)  # sunset: no lights on, the glow shows anyway
    assert scene.living(1.0) == {"pulse"}
    compositor = Compositor(scene.assets, ImageCache())
    rest = _draw(compositor, replace(scene.view(1.0), motion=None))
    fires = [on_screen(*f) for f in FIRES]
    seen = {t: [_level(_draw(compositor, scene.view(t)), fire) for fire in fires] for t in (0.0, 0.5, 1.0, 2.0)}
    assert seen[0.0] == seen[2.0]  # once a period (2 s)
    assert all(_level(rest, fire) - seen[1.0][i] > 5.0 for i, fire in enumerate(fires))  # halfway: dimmest
    assert seen[1.0][0] < seen[0.5][0] < seen[0.0][0] + 0.01  # a throb, the two fires together
    assert seen[1.0][1] < seen[0.5][1]


def test_the_low_sun_wavers_over_his_hand():
    """cg_chair: the sun's glare, the sheen along the rail and on the knuckles are a `rim` layer
    that flickers slowly (the sun through the haze over the city): in the preset's rim colour,
    whatever the city lights' level."""
    glare = pygame.Rect(20, 160, 140, 120)  # round the sun (half size), not its disc
    seen, again = _levels_in("cg_chair", "last_rays", glare, (0.5, 4.0, 8.0, 12.0))
    assert max(seen) - min(seen) > 2.0, seen
    assert again == seen[1]


def test_the_eyes_in_the_dark_throb():
    scene = Scene(GameAssets(ROOT, sprites={}))
    scene.apply(direction("stage", name="cg_eyes"), 0)
    scene.apply(direction("light", preset="sunset"), 0)  # as the script shows them
    assert "pulse" in scene.living(1.0)
    compositor = Compositor(scene.assets, ImageCache())
    size = (960, 540)
    eyes = pygame.Rect(524, 218, 112, 22)  # both eyes (half size)
    green = [pygame.transform.average_color(_draw(compositor, scene.view(t), size), eyes)[1] for t in (0.1, 1.7)]
    assert green[0] - green[1] > 4, green  # the Mako glow at its full and halfway through its throb


@pytest.mark.parametrize(("props", "message"), [
    ('<property name="pulse" type="float" value="0"/>', "pulse must be a number above 0 and at most 1"),
    ('<property name="pulse" type="float" value="0.4"/>\n   <property name="pulse_period" type="float" value="0.01"/>',
     "pulse_period must be a number of seconds from 0.2 to 60"),
    ('<property name="pulse_period" type="float" value="3"/>', "pulse_period without pulse does nothing"),
    ('<property name="flicker" type="float" value="0.3"/>\n   <property name="pulse" type="float" value="0.4"/>',
     "a layer either flickers or pulses, not both"),
])
def test_a_bad_layer_pulse_is_reported_where_it_is(tmp_path, props, message):
    stage = _glow_game(tmp_path, props) / "assets" / "stages" / "room.tmx"
    _assert_reported_at(stage, "pulse_period" if "pulse_period" in message else "pulse", message)


def test_a_steady_light_beside_a_flickering_one_stays_steady(tmp_path):
    """Another emissive layer in the same parallax run (a lamp between the fires) keeps its
    light: the flicker dims only its own layer's (a map of that layer's light alone)."""
    game = _fire_game(tmp_path)
    stage = game / "assets" / "stages" / "room.tmx"
    lamp = pygame.Rect(520, 690, 120, 60)
    (game / "assets" / "stages" / "room" / "lamp.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">'
        f'<rect x="{lamp.x}" y="{lamp.y}" width="{lamp.w}" height="{lamp.h}" fill="#ffd090"/></svg>', "utf-8")
    text = stage.read_text("utf-8")
    at = text.index(' <imagelayer id="3" name="interior">')
    stage.write_text(text[:at] + ' <imagelayer id="20" name="lamp">\n  <properties>\n'
                     '   <property name="light" value="emissive"/>\n  </properties>\n'
                     '  <image source="room/lamp.svg" width="1920" height="1080"/>\n </imagelayer>\n' + text[at:], "utf-8")
    scene = _night(game)
    compositor = Compositor(scene.assets, ImageCache())
    frames = [_draw(compositor, scene.view(t)) for t in (1.0, 2.3, 3.1)]
    steady = on_screen(*lamp).inflate(-6, -6)
    assert _level(frames[0], steady) > 150  # (the lamp shows)
    assert len({_level(f, steady) for f in frames}) == 1  # the lamp: the same in every frame
    fire = on_screen(*FIRES[0])
    assert max(_level(f, fire) for f in frames) - min(_level(f, fire) for f in frames) > 2.0


@pytest.mark.parametrize("faces", ["", '\n   <property name="faces" value="up"/>'])
def test_a_rim_layer_flickers_in_the_rim_colour(tmp_path, faces):
    """The sun's light on an edge through moving haze: a `rim` layer (its own map when it is a
    `faces: up` one) flickers in any light, the city lights on or not."""
    game = _fire_game(tmp_path)
    stage = game / "assets" / "stages" / "room.tmx"
    text = stage.read_text("utf-8")
    stage.write_text(text.replace('<property name="light" value="emissive"/>',
                                  '<property name="light" value="rim"/>' + faces, 1), "utf-8")
    assert not [e for e in _errors(stage)], _errors(stage)
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), 0)  # sunset: no city lights
    assert scene.living(1.0) == {"flicker"}
    compositor = Compositor(scene.assets, ImageCache())
    fire = on_screen(*FIRES[0])
    seen = [_level(_draw(compositor, scene.view(t)), fire) for t in (1.0, 1.6, 2.3, 3.1, 4.4)]
    assert max(seen) - min(seen) > 1.0, seen

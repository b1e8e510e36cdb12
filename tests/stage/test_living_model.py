"""Living scenes in the scene model: which motion lives when, at what rate it asks for frames,
and the checks of its properties (vn.stage.motion)."""

from __future__ import annotations

import math

import pytest

from tests.stage.helpers import FIXTURE_GAME, direction
from tests.stage.motion_game import make_motion_game
from vn.stage import motion
from vn.stage.assets import GameAssets
from vn.stage.layout import load_layout
from vn.stage.scene import Scene
from vn.stage.sprites import load_sprite


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    return make_motion_game(tmp_path_factory.mktemp("living"))


def staged(game, *steps, now=0.0):
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), now)
    for cmd, args in steps:
        scene.apply(direction(cmd, **args), now)
    return scene


def test_motion_is_a_pure_function_of_time():
    assert motion.twinkle_dims(0.5, 3.25) == motion.twinkle_dims(0.5, 3.25)
    assert motion.twinkle_dims(0.5, 3.25) != motion.twinkle_dims(0.5, 4.0)
    dims = [d for t in range(40) for d in motion.twinkle_dims(0.5, t * 0.5)]
    assert all(0.0 <= d <= 0.5 for d in dims)
    steady = sum(d == 0.0 for d in dims) / len(dims)
    assert 0.6 < steady < 0.97  # most lights burn steady at any moment; some dim
    square = [(0, 0), (400, 0), (400, 400), (0, 400)]
    a, b = motion.dust_motes(square, 2.0, 7.5), motion.dust_motes(square, 2.0, 7.5)
    assert a == b and len(a) == 32
    assert motion.dust_motes(square, 2.0, 9.0) != a
    assert all(-60 < m.x < 460 and -60 < m.y < 460 and 0 <= m.brightness <= 1 for m in a)
    breath = motion.Cycle(0.01, 4.0)
    heights = [motion.breath(breath, t / 10, "zack") for t in range(80)]
    assert min(heights) >= 1.0 and max(heights) <= 1.01 and max(heights) - min(heights) > 0.009
    assert motion.breath(breath, 1.0, "zack") != motion.breath(breath, 1.0, "sephiroth")  # not in step
    glow = motion.Cycle(0.4, 2.0)
    assert motion.pulse(glow, 0.0) == 1.0 and motion.pulse(glow, 1.0) == pytest.approx(0.6)


def test_twinkle_lives_only_while_the_city_lights_are_on(game):
    scene = staged(game)  # the map's light is sunset: no city lights
    assert "twinkle" not in scene.living(0)
    scene.apply(direction("light", preset="night"), 1)
    assert "twinkle" in scene.living(1) and "dust" not in scene.living(1)  # no sun at night
    view = scene.view(1.234)
    fps = motion.FPS["twinkle"]
    assert view.motion == pytest.approx(math.floor(1.234 * fps) / fps)  # on the twinkle's frame grid


def test_the_rate_requested_is_the_motions_own(game):
    scene = staged(game, ("light", {"preset": "night"}))
    assert all(fps <= 15 for fps in motion.FPS.values())  # a modest rate, never the display's 60
    fps = motion.FPS["twinkle"]
    t = 2.03
    wake = scene.next_motion(t)
    assert wake == pytest.approx((math.floor(t * fps) + 1) / fps)  # the next frame on the stage clock
    assert scene.next_motion(wake) == pytest.approx(wake + 1 / fps)
    scene.apply(direction("show", who="a", at="window"), 3.0)  # breathes (8/s); pulse not shown
    assert scene.living(3.0) == {"twinkle", "breathing"}
    fps = max(motion.FPS["twinkle"], motion.FPS["breathing"])  # the fastest motion sets the rate
    assert scene.next_motion(3.01) == pytest.approx((math.floor(3.01 * fps) + 1) / fps)
    day = staged(game, ("light", {"preset": "day"}), ("show", {"who": "a", "at": "window"}))
    assert day.living(0) == {"breathing", "dust"}  # the day's sun beam is weak but there
    fps = max(motion.FPS["dust"], motion.FPS["breathing"])
    assert day.next_motion(0.5) == pytest.approx((math.floor(0.5 * fps) + 1) / fps)


def test_a_scene_without_motion_asks_for_no_frames():
    plain = Scene(GameAssets(FIXTURE_GAME, sprites={"a": "fig"}))  # the fixture as it is: nothing lives
    plain.apply(direction("stage", name="room"), 0)
    plain.apply(direction("light", preset="night"), 0)
    plain.apply(direction("show", who="a", look="glow", at="window"), 0)
    assert plain.living(5) == frozenset() and plain.next_motion(5) is None and plain.view(5).motion is None


def test_motion_waits_while_the_picture_moves(game):
    scene = staged(game, ("light", {"preset": "night"}), ("show", {"who": "a", "at": "window"}))
    scene.apply(direction("move", who="a", to="wall", over=4.0), 10)
    assert scene.busy(11) and scene.view(11).motion is None and scene.next_motion(11) is None
    assert scene.view(20).motion is not None


def test_the_glow_pulses_only_in_the_look_that_shows_it(game):
    scene = staged(game, ("light", {"preset": "day"}), ("show", {"who": "a", "at": "window"}))
    assert "pulse" not in scene.living(0)
    scene.apply(direction("show", who="a", look="glow"), 1)
    assert "pulse" in scene.living(1)


# --- vn check: bad motion properties are errors at their file, line and column ----------------


def _errors(diags):
    return [(d.path.rsplit("/", 1)[-1], d.line, d.col, d.message) for d in diags if d.severity == "error"]


def test_bad_twinkle_and_dust_are_reported_where_they_are(tmp_path):
    game = make_motion_game(tmp_path, twinkle='<property name="twinkle" type="float" value="2"/>',
                            dust='<property name="dust" value="lots"/>')
    _, diags = load_layout(game / "assets" / "stages" / "room.tmx")
    errors = _errors(diags)
    text = (game / "assets" / "stages" / "room.tmx").read_text().splitlines()
    twinkle_line = next(n for n, line in enumerate(text, 1) if 'name="twinkle"' in line)
    dust_line = next(n for n, line in enumerate(text, 1) if 'name="dust"' in line)
    assert any(e[:2] == ("room.tmx", twinkle_line) and e[2] > 1 and "twinkle must be a number from 0 to 1" in e[3]
               for e in errors), errors
    assert any(e[:2] == ("room.tmx", dust_line) and "dust must be a number" in e[3] for e in errors), errors


def test_twinkle_on_a_layer_that_is_not_emissive_is_an_error(tmp_path):
    game = make_motion_game(tmp_path, twinkle="")
    stage = game / "assets" / "stages" / "room.tmx"
    text = stage.read_text().replace('<image source="room/city.svg"',
                                     '<properties><property name="twinkle" type="float" value="0.5"/></properties>\n'
                                     '  <image source="room/city.svg"', 1)
    stage.write_text(text)
    _, diags = load_layout(stage)
    assert any("twinkle needs an emissive layer" in e[3] and e[1] > 1 for e in _errors(diags)), _errors(diags)


def test_bad_breathing_and_pulse_are_reported_where_they_are(tmp_path):
    game = make_motion_game(tmp_path, breathing="breathing: {amount: 0.5, pace: 3}",
                            pulse=", pulse: {period: -1}")
    path = game / "assets" / "sprites" / "fig.yaml"
    sprite, diags = load_sprite(path)
    lines = path.read_text().splitlines()
    breath_line = next(n for n, line in enumerate(lines, 1) if line.startswith("breathing"))
    glow_line = next(n for n, line in enumerate(lines, 1) if "pulse" in line)
    errors = _errors(diags)
    assert ("fig.yaml", breath_line, lines[breath_line - 1].index("0.5") + 1) in [e[:3] for e in errors], errors
    assert any(e[1] == breath_line and "unknown field 'pace'" in e[3] for e in errors), errors
    assert any(e[1] == glow_line and e[2] == lines[glow_line - 1].index("-1") + 1 and "period" in e[3]
               for e in errors), errors
    assert sprite is not None and sprite.breathing is None  # the game still runs, without it


def test_a_pulse_needs_an_emissive_layer(tmp_path):
    game = make_motion_game(tmp_path, pulse="")
    path = game / "assets" / "sprites" / "fig.yaml"
    path.write_text(path.read_text().replace("rim: {image: fig/rim.svg, light: rim}",
                                             "rim: {image: fig/rim.svg, light: rim, pulse: 0.3}"))
    _, diags = load_sprite(path)
    assert any("pulse needs an emissive layer" in e[3] for e in _errors(diags)), _errors(diags)


def test_good_properties_load(game):
    layout, diags = load_layout(game / "assets" / "stages" / "room.tmx")
    assert not _errors(diags)
    assert [layout.twinkle(x) for x in layout.layers if x.name == "city_lights"] == [pytest.approx(0.6)]
    assert [s.dust for s in layout.lights] == [3.0, 0.0]
    sprite, diags = load_sprite(game / "assets" / "sprites" / "fig.yaml")
    assert not _errors(diags)
    assert sprite.breathing == motion.Cycle(0.02, 4.0)
    assert sprite.layers["eyes_glow"].pulse == motion.Cycle(0.6, 2.0)

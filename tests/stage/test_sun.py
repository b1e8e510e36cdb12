"""The sun by the clock: NOAA's solar position, the colour of sunlight through the air, and the
light of a time of day on a stage."""

from __future__ import annotations

import textwrap

import pytest

from tests.stage.helpers import BUNDLED_STAGE, FIXTURE_GAME, direction
from vn.stage.assets import GameAssets
from vn.stage.color import rgb_to_oklab
from vn.stage.layout import load_layout
from vn.stage.lighting import load_presets
from vn.stage.scene import Scene
from vn.stage.sun import Sky, light_at, parse_date, parse_time, solar_position, sun_colour

EQUINOX = parse_date("09-22")
SOLSTICE = parse_date("06-21")


def test_clock_and_date_parsing():
    assert parse_time("19:40") == 19 * 60 + 40 and parse_time("7:05") == 425 and parse_time("00:00") == 0
    assert [parse_time(t) for t in ("24:00", "19:60", "1940", "7pm", 1180, None)] == [None] * 6
    assert EQUINOX == 265 and SOLSTICE == 172 and parse_date("02-30") is None and parse_date("13-01") is None


def test_solar_position_by_hand():
    # at the equinox the sun stands 90 - latitude high at solar noon, due south; the equation of
    # time (+7.5 min on 22 September) brings noon to about 11:52 on local mean time
    elev, az = solar_position(EQUINOX, 11 * 60 + 52, 40.0)
    assert elev == pytest.approx(50.0, abs=1.0) and az == pytest.approx(180.0, abs=1.5)
    # at the June solstice: 90 - 40 + 23.44
    elev, _ = solar_position(SOLSTICE, 12 * 60 - 2, 40.0)
    assert elev == pytest.approx(73.4, abs=0.6)
    # it sets a little before 18:00, due west, and rises a little before 06:00, due east
    assert solar_position(EQUINOX, 17 * 60 + 45, 40.0)[0] > 0 > solar_position(EQUINOX, 18 * 60 + 5, 40.0)[0]
    assert solar_position(EQUINOX, 5 * 60 + 40, 40.0)[0] < 0 < solar_position(EQUINOX, 6 * 60, 40.0)[0]
    assert solar_position(EQUINOX, 17 * 60 + 54, 40.0)[1] == pytest.approx(270, abs=2)
    assert solar_position(EQUINOX, 5 * 60 + 52, 40.0)[1] == pytest.approx(90, abs=2)
    # midnight: as far below the horizon as noon is above it (near the equinox)
    assert solar_position(EQUINOX, 23 * 60 + 52, 40.0)[0] == pytest.approx(-50.0, abs=1.0)
    # longitude and time zone move noon: 15 degrees east = one hour earlier
    a = solar_position(EQUINOX, 11 * 60 + 52, 40.0)[0]
    assert solar_position(EQUINOX, 10 * 60 + 52, 40.0, 15.0)[0] == pytest.approx(a, abs=0.1)


def test_sunlight_reddens_as_the_sun_sets():
    ratios = [sun_colour(h)[0] for h in (60, 20, 8, 3, 0)]
    greens = [c[1] / c[0] for c in ratios]
    blues = [c[2] / c[0] for c in ratios]
    assert greens == sorted(greens, reverse=True) and blues == sorted(blues, reverse=True)
    assert blues[0] > 0.8 and blues[-1] < 0.15 and 0.25 < greens[-1] < 0.6  # white -> orange-red
    assert sun_colour(-3)[1] == 0.0 and sun_colour(30)[1] > sun_colour(2)[1] > 0


def _luma(c):
    return rgb_to_oklab(c)[0]


def test_light_of_the_day_night_and_sunset():
    sky = Sky(view_azimuth=270.0)
    noon, sunset, dusk, midnight = (light_at(m, sky, (1920, 1080)) for m in (720, 17 * 60 + 50, 18 * 60 + 40, 0))
    assert noon.emissive == 0 and midnight.emissive == 1 and 0 < sunset.emissive < dusk.emissive < 1
    assert _luma(noon.sky_top) > _luma(sunset.sky_top) > _luma(dusk.sky_top) > _luma(midnight.sky_top)
    assert _luma(noon.ambient) > _luma(dusk.ambient) > _luma(midnight.ambient)
    # the horizon toward the setting sun is warm: red well above blue
    assert sunset.sky_horizon[0] > 200 and sunset.sky_horizon[2] < 120
    # the sun straight ahead, low: on the view's centre line, above the horizon by its elevation
    elev, az = solar_position(EQUINOX, 17 * 60 + 50, 40.0)
    assert sunset.sun[0] == pytest.approx(960 + (az - 270) * 1920 / 90, abs=0.5)
    assert sunset.sun[1] == pytest.approx(540 - elev * 1920 / 90, abs=0.5)
    assert sunset.sun_size > 0 and midnight.sun_size == 0 and midnight.sun_color == (0, 0, 0)
    golden = light_at(17 * 60 + 30, sky, (1920, 1080))  # the sun 5 degrees up: long beams
    assert golden.beam("sun").strength > 0.2 and golden.beam("sunrise").strength == 0
    assert golden.beam("sun").strength > sunset.beam("sun").strength > 0  # fading as it sets
    assert noon.beam("sun").strength < 0.05 and midnight.beam("sun").strength == 0


def test_dawn_through_a_west_window_is_cool_and_pink_not_a_sunset():
    sky = Sky(view_azimuth=270.0)
    dawn, dusk = light_at(6 * 60, sky, (1920, 1080)), light_at(17 * 60 + 50, sky, (1920, 1080))
    assert dawn.sun_size == 0  # the sun is behind the viewer
    assert dawn.sky_horizon[2] > dusk.sky_horizon[2] + 60  # bluer away from the sun
    assert dawn.beam("sunrise").strength > 0 and dawn.beam("sun").strength == 0


@pytest.mark.skipif(not BUNDLED_STAGE.exists(), reason="no bundled stage")
def test_bundled_stage_sets_the_sun_in_its_window():
    layout, diags = load_layout(BUNDLED_STAGE)
    sky = Sky().with_properties(layout.properties)
    light = light_at(17 * 60 + 50, sky, layout.size)
    assert 0 < light.sun[0] < 990 and 380 < light.sun[1] < 520  # in the glass, just over the city


def test_scene_light_by_the_clock_tweens_and_restores(tmp_path):
    assets = GameAssets(FIXTURE_GAME, sprites={"a": "fig"})
    scene = Scene(assets)
    scene.apply(direction("stage", name="room"), 0.0)
    scene.apply(direction("light", preset=None, time="18:40"), 1.0)
    night = scene.view(1.0).light
    assert night.emissive > 0.5
    scene.apply(direction("light", preset=None, time="12:00", over=10.0), 2.0)
    assert scene.busy(5.0) and scene.view(12.0).light.emissive == 0
    mid = scene.view(7.0).light
    assert 0 < mid.emissive < night.emissive
    restored = Scene(assets)
    restored.restore({"stage": "room", "light": {"time": "18:40"}, "sprites": {}}, 0.0)
    assert restored.view(0.0).light == night


def test_presets_by_time_with_adjustments(tmp_path):
    p = tmp_path / "lighting.yaml"
    p.write_text(textwrap.dedent("""\
        presets:
          day: {sky_top: "#4a78bf", sky_horizon: "#c9d8e6", ambient: "#ffffff"}
          blue_hour:
            time: "18:40"
            emissive: 0.3
          bad:
            time: "25:10"
        """))
    presets, diags = load_presets(p)
    assert presets["blue_hour"].time == 18 * 60 + 40 and presets["blue_hour"].given == ("emissive",)
    (d,) = [d for d in diags if "HH:MM" in d.message]
    assert d.line == 7 and d.severity == "error"
    game = tmp_path / "game"
    (game / "assets" / "stages").mkdir(parents=True)
    for f in (FIXTURE_GAME / "assets" / "stages").rglob("*"):
        if f.is_file():
            dest = game / "assets" / "stages" / f.relative_to(FIXTURE_GAME / "assets" / "stages")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(f.read_bytes())
    (game / "assets" / "lighting.yaml").write_text(p.read_text())
    scene = Scene(GameAssets(game))
    scene.apply(direction("stage", name="room"), 0.0)
    scene.apply(direction("light", preset="blue_hour"), 0.0)
    got = scene.view(0.0).light
    by_clock = Scene(GameAssets(game))
    by_clock.apply(direction("stage", name="room"), 0.0)
    by_clock.apply(direction("light", preset=None, time="18:40"), 0.0)
    want = by_clock.view(0.0).light
    assert got.emissive == 0.3 and got.sky_top == want.sky_top and got.ambient == want.ambient


MANIFEST = "start: start\ncharacters: {}\n"


def test_an_unquoted_time_is_a_time():
    from vn.script import compile_text

    prog, diags = compile_text("start:\n  - light: {time: 19:40}\n  - Hi.\n", manifest=MANIFEST)
    assert prog is not None and not [d for d in diags if d.severity == "error"]
    args = prog.labels["start"].code[0].args["args"]
    assert args["time"] == "19:40" and args["preset"] is None


@pytest.mark.parametrize("bad, words", [('{time: "25:00"}', "HH:MM"), ("{time: 7pm}", "HH:MM"),
                                        ('{time: "19:40", tme: 1}', "no field 'tme'"),
                                        ("{}", "not a mapping")])
def test_vn_check_validates_times(bad, words):
    from vn.script import compile_text

    prog, diags = compile_text(f"start:\n  - light: {bad}\n  - Hi.\n", manifest=MANIFEST)
    errors = [d for d in diags if d.severity == "error"]
    assert errors and words in errors[0].message and errors[0].line == 2, [d.format() for d in diags]


def test_map_sun_properties_are_checked(tmp_path):
    p = tmp_path / "m.tmx"
    p.write_text('<map orientation="orthogonal" width="2" height="2" tilewidth="8" tileheight="8">'
                 '<properties><property name="date" value="9/22"/>'
                 '<property name="latitude" type="float" value="123"/></properties></map>')
    layout, diags = load_layout(p)
    msgs = [d.message for d in diags if d.severity == "error"]
    assert any("`date`" in m and "MM-DD" in m for m in msgs) and any("latitude" in m for m in msgs)


def test_game_wide_sun_settings_and_the_stage_overriding_them(tmp_path):
    import shutil

    game = tmp_path / "game"
    shutil.copytree(FIXTURE_GAME / "assets", game / "assets")
    lighting = game / "assets" / "lighting.yaml"
    text = lighting.read_text()
    lighting.write_text(text + '\nsun:\n  date: "06-21"\n  latitude: 60\n  degrees_across: 9000\n  colour: 1\n')
    assets = GameAssets(game)
    diags = [d for d in assets.check() if "lighting.yaml" in d.path]
    assert {d.line for d in diags if d.severity == "error"} == {
        text.count("\n") + 5, text.count("\n") + 6}  # degrees_across out of range, unknown `colour`
    assert assets.sky_properties == {"date": "06-21", "latitude": 60}
    scene = Scene(assets)
    scene.apply(direction("stage", name="room"), 0.0)
    # midsummer at 60 N: 22:30 is still twilight, not night (at the equinox it would be night)
    summer = scene._sky()
    assert (summer.date, summer.latitude) == ("06-21", 60.0)
    assert light_at(22 * 60 + 30, summer, (1920, 1080)).emissive < 1.0
    assert light_at(22 * 60 + 30, Sky(), (1920, 1080)).emissive == 1.0

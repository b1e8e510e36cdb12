from __future__ import annotations

import pytest

from tests.stage.helpers import FIXTURE_GAME, direction
from vn.stage.assets import GameAssets
from vn.stage.color import rgb_to_oklab
from vn.stage.lighting import DEFAULT_LIGHT, lerp_light
from vn.stage.scene import LIGHT_STEP, LOOK_SECONDS, Scene, light_shown
from vn.stage.tween import Tween


@pytest.fixture
def assets():
    return GameAssets(FIXTURE_GAME, sprites={"a": "fig", "b": "fig", "voice": None})


def staged(assets, *steps, now=0.0):
    scene = Scene(assets)
    scene.apply(direction("stage", name="room"), now)
    for cmd, args in steps:
        scene.apply(direction(cmd, **args), now)
    return scene


def test_stage_uses_its_default_light_then_light_steps(assets):
    scene = staged(assets)
    assert scene.view(0).light == assets.preset("sunset")  # the map's `light` property
    scene.apply(direction("light", preset="night"), 1)
    assert scene.view(1).light == assets.preset("night")
    scene.apply(direction("stage", name="room"), 2)  # a light step has run: it stays
    assert scene.view(2).light == assets.preset("night")


def test_show_places_sprite_at_mark(assets):
    scene = staged(assets, ("show", {"who": "a", "at": "window"}), ("show", {"who": "b", "look": "sad", "at": "wall"}))
    view = scene.view(0)
    a, b = (next(s for s in view.sprites if s.who == w) for w in "ab")
    assert (a.x, a.y, a.scale, a.z, a.mirrored) == (600, 900, 0.9, 1, False)
    assert (b.x, b.y, b.mirrored) == (1400, 960, True)  # the wall mark faces left, the art right
    assert [n for n, _ in b.layers] == ["body", "face_sad", "rim"]
    assert [s.who for s in view.sprites] == ["b", "a"]  # z first, then feet y
    assert not scene.busy(0) and scene.blocking_until == 0


def test_move_midpoint_lies_between_marks(assets):
    scene = staged(assets, ("show", {"who": "a", "at": "wall"}))
    scene.apply(direction("move", who="a", to="door", over=2.0, ease="linear"), 1)
    start, mid, end = (next(iter(scene.view(t).sprites)) for t in (1, 2, 3))
    assert (start.x, start.y) == (1400, 960) and (end.x, end.y) == (1750, 980)
    assert mid.x == pytest.approx(1575) and mid.y == pytest.approx(970)
    assert scene.busy(2) and not scene.busy(3)
    assert scene.blocking_until == 0  # moves never block the story
    scene.apply(direction("move", who="a", to="window"), 5)  # default: 1 s, sine_in_out
    assert next(iter(scene.view(5.5).sprites)).x == pytest.approx((1750 + 600) / 2)


def test_light_tween_fields_between_presets(assets):
    scene = staged(assets)
    scene.apply(direction("light", preset="last_rays", over=8.0, ease="sine_in_out"), 10)
    a, b = assets.preset("sunset"), assets.preset("last_rays")
    mid = scene.view(14).light
    assert scene.view(10).light == a and scene.view(18).light == b
    la, lb, lm = (rgb_to_oklab(x.ambient)[0] for x in (a, b, mid))  # perceptual lightness
    assert min(la, lb) < lm < max(la, lb)
    # (the sky and the beams are shown at their last step: up to a LIGHT_STEP before)
    assert mid.sun[1] == pytest.approx((a.sun[1] + b.sun[1]) / 2, abs=abs(b.sun[1] - a.sun[1]) * 0.01)
    assert mid.beam("sun").reach == pytest.approx(0.7, abs=0.005)
    assert scene.busy(14) and not scene.busy(18.01)
    # a new light from the middle of a tween starts where the light is
    scene.apply(direction("light", preset="night", over=2.0), 14)
    assert scene.view(14).light == mid


def test_a_running_light_is_shown_in_steps_its_parts_on_their_own_frames(assets):
    a, b = assets.preset("sunset"), assets.preset("last_rays")
    tween = Tween(a, b, 10.0, 8.0, "linear", lerp_light)
    frames = [light_shown(tween, 10.0 + n / 60.0) for n in range(1, 481)]
    # a function of the time alone: asked again, or by a second scene, the same light
    assert light_shown(tween, 12.345) == light_shown(Tween(a, b, 10.0, 8.0, "linear", lerp_light), 12.345)
    assert frames[-1] == b and light_shown(tween, 30.0) == b and light_shown(tween, 10.0) == a
    planes = [(f.ambient, f.emissive, f.rim, f.rim_strength, f.fill) for f in frames]
    sky = [(f.sky_top, f.sky_horizon, f.sun, f.sun_color, f.sun_size) for f in frames]
    beams = [f.beams for f in frames]
    changed = [{n for n in range(1, len(frames) - 1) if part[n] != part[n - 1]} for part in (planes, sky, beams)]
    per_step = 60.0 * LIGHT_STEP  # frames a step lasts at 60 frames a second
    for moves in changed:  # each part a step at a time (about once every `per_step` frames) ...
        assert len(frames) / per_step * 0.9 < len(moves) <= len(frames) / per_step + 1
    # ... and never two parts on one frame
    assert not (changed[0] & changed[1] or changed[1] & changed[2] or changed[0] & changed[2])
    # each part is the tween's value at its own last step
    n = 200
    now = 10.0 + (n + 1) / 60.0
    for part, phase in ((planes, 1 / 6), (sky, 1 / 2), (beams, 5 / 6)):
        step_at = 10.0 + phase * LIGHT_STEP + ((now - 10.0 - phase * LIGHT_STEP) // LIGHT_STEP) * LIGHT_STEP
        exact = tween.at(step_at)
        want = {0: (exact.ambient, exact.emissive, exact.rim, exact.rim_strength, exact.fill),
                1: (exact.sky_top, exact.sky_horizon, exact.sun, exact.sun_color, exact.sun_size),
                2: exact.beams}[round(phase * 3 - 0.5)]
        assert part[n] == want and now - LIGHT_STEP < step_at <= now


def test_dissolve_with_show_blocks_and_fades(assets):
    scene = staged(assets)
    scene.apply(direction("show", who="a", at="window", **{"with": "dissolve"}), 1)
    assert scene.blocking_until == pytest.approx(1.5)
    assert next(iter(scene.view(1.25).sprites)).alpha == pytest.approx(0.5)
    scene.apply(direction("hide", who="a", over=1.0), 2)  # over alone means dissolve
    assert next(iter(scene.view(2.5).sprites)).alpha == pytest.approx(0.5)
    assert scene.view(3).sprites == ()


def test_look_change_cross_fades_only_what_differs(assets):
    scene = staged(assets, ("show", {"who": "a", "at": "window"}))
    scene.apply(direction("show", who="a", look="glow", over=1.0), 1)
    layers = dict(next(iter(scene.view(1.5).sprites)).layers)
    assert layers == {"body": 1.0, "face_calm": 1.0, "rim": 1.0, "eyes_glow": 0.5}
    scene.apply(direction("show", who="a", look="sad"), 3)  # no `with`: a brief cross-fade
    mid = dict(next(iter(scene.view(3 + LOOK_SECONDS / 2).sprites)).layers)
    assert mid["face_sad"] == pytest.approx(0.5) and mid["face_calm"] == pytest.approx(0.5)
    assert mid["eyes_glow"] == pytest.approx(0.5) and mid["body"] == 1.0
    assert scene.blocking_until <= 3  # the story does not wait for it
    assert dict(next(iter(scene.view(3 + LOOK_SECONDS).sprites)).layers) == {"body": 1.0, "face_sad": 1.0, "rim": 1.0}


def test_look_and_mark_changes_without_with_are_at_once_when_the_host_says_so(assets):
    scene = staged(assets, ("show", {"who": "a", "at": "window"}))
    scene.look_fade = 0.0  # skipping, or "reduce motion"
    scene.apply(direction("show", who="a", look="sad", at="wall"), 1)
    (only,) = scene.view(1).sprites
    assert dict(only.layers) == {"body": 1.0, "face_sad": 1.0, "rim": 1.0} and only.alpha == 1.0
    assert (only.x, only.y) == (assets.stage("room").marks["wall"].x, assets.stage("room").marks["wall"].y)


def test_a_mark_change_without_with_dissolves_briefly(assets):
    scene = staged(assets, ("show", {"who": "a", "at": "window"}))
    scene.apply(direction("show", who="a", look="sad", at="wall"), 1)
    wall = assets.stage("room").marks["wall"]
    pair = scene.view(1 + LOOK_SECONDS / 2).sprites
    (ghost,) = [v for v in pair if v.x != wall.x]
    (new,) = [v for v in pair if v.x == wall.x]
    assert ghost.alpha == pytest.approx(0.5) and new.alpha == pytest.approx(0.5)
    assert dict(ghost.layers).get("face_calm") == 1.0 and dict(new.layers).get("face_sad") == 1.0
    assert len(scene.view(1 + LOOK_SECONDS).sprites) == 1
    scene.apply(direction("show", who="a", at="wall"), 5)  # the same place: nothing to fade
    assert len(scene.view(5.1).sprites) == 1 and scene.view(5.1).sprites[0].alpha == 1.0


def test_transition_freezes_the_picture_before_its_batch(assets):
    scene = staged(assets, ("show", {"who": "a", "at": "window"}))
    # the script order: transition first, then the changes it carries the reader to
    scene.apply(direction("transition", kind="fade"), 5)
    scene.apply(direction("light", preset="night"), 5)
    scene.apply(direction("hide", who="a"), 5)
    assert scene.blocking_until == 6.0
    v = scene.view(5.5)
    assert v.transition is not None and v.transition.kind == "fade"
    assert v.transition.before.light == assets.preset("sunset") and len(v.transition.before.sprites) == 1
    assert v.light == assets.preset("night") and v.sprites == ()
    assert scene.view(6).transition is None
    # Ren'Py's order (changes, then the transition) gives the same picture
    other = staged(assets, ("show", {"who": "a", "at": "window"}))
    other.apply(direction("light", preset="night"), 5)
    other.apply(direction("hide", who="a"), 5)
    other.apply(direction("transition", kind="fade"), 5)
    assert other.view(5.5) == v


def test_effects_and_card(assets):
    scene = staged(assets)
    scene.apply(direction("effect", kind="shake", strength=1.0), 1)
    assert scene.view(1.1).shake != (0, 0) and scene.view(1.5).shake == (0, 0)
    scene.apply(direction("effect", kind="flash"), 2)
    assert scene.view(2).flash == 1.0 and 0 < scene.view(2.15).flash < 1 and scene.view(2.3).flash == 0
    scene.apply(direction("effect", kind="vignette"), 3)
    assert scene.view(4).vignette == pytest.approx(0.6) and scene.view(100).vignette == pytest.approx(0.6)
    scene.apply(direction("effect", kind="vignette", strength=0, over=0.5), 100)
    assert scene.view(100.5).vignette == 0
    scene.apply(direction("card", title="I. Sunset", subtitle="High above"), 200)
    assert scene.blocking_until == 202.5
    card = scene.view(201.25).card
    assert card is not None and card.alpha == 1 and card.text_alpha == 1 and card.subtitle == "High above"
    assert scene.view(200).card.alpha == 0 and scene.view(202.5).card is None
    scene.apply(direction("textbox", mode="hide"), 203)
    assert scene.view(203).textbox is False


def test_missing_names_warn_never_crash(assets):
    scene = staged(assets)
    scene.apply(direction("show", who="a", look="nope", at="nowhere"), 0)
    scene.apply(direction("show", who="voice"), 0)
    scene.apply(direction("light", preset="dark"), 0)
    scene.apply(direction("move", who="ghost", to="door"), 0)
    scene.apply(direction("transition", kind="spin"), 0)
    scene.apply(direction("music", file="x.ogg"), 0)
    (a,) = scene.view(0.5).sprites
    assert (a.x, a.y) == (960, 1026) and [n for n, _ in a.layers] == ["body", "face_calm", "rim"]
    assert scene.view(0.5).light == DEFAULT_LIGHT
    scene.apply(direction("stage", name="nowhere"), 1)
    assert scene.view(2).stage is None
    assert len(scene.warnings) == 7 and all(w.path == "test.yaml" for w in scene.warnings)


def test_restore_sets_everything_at_once(assets):
    scene = staged(assets)
    scene.apply(direction("effect", kind="vignette"), 0)
    scene.apply(direction("card", title="x"), 0)
    scene.restore({"stage": "room", "sprites": {"a": {"look": "sad", "at": "wall"}, "b": {"look": None, "at": "door"}},
                   "light": "night", "textbox": False}, 10)
    v = scene.view(10)
    assert v.stage == "room" and v.light == assets.preset("night") and v.textbox is False
    assert {s.who: (s.x, s.y) for s in v.sprites} == {"a": (1400, 960), "b": (1750, 980)}
    assert v.vignette == 0 and v.card is None and v.transition is None
    assert not scene.busy(10) and scene.blocking_until == 10
    scene.restore({"stage": None, "sprites": {}, "light": None, "textbox": True,
                   "vignette": {"strength": None, "color": "#200000"}}, 11)
    assert scene.view(11).stage is None and scene.view(11).light == DEFAULT_LIGHT
    assert scene.view(11).vignette == 0.6 and scene.view(11).vignette_color == (32, 0, 0)


def test_views_are_deterministic(assets):
    def play():
        scene = staged(assets, ("show", {"who": "a", "at": "window"}))
        scene.apply(direction("light", preset="last_rays", over=8.0), 1)
        scene.apply(direction("effect", kind="shake"), 1)
        scene.apply(direction("transition", kind="dissolve"), 2)
        scene.apply(direction("move", who="a", to="door", over=3.0), 2)
        return [scene.view(t / 10) for t in range(0, 120, 7)]

    assert play() == play()

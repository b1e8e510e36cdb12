"""Living scenes on screen: deterministic frames that change only where something lives, the
exact picture where a figure breathes, "Reduce motion", and the frames the screen asks for."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.render.pixels import changed
from tests.stage.helpers import direction  # noqa: E402
from tests.stage.motion_game import LIGHTS_AREA, make_motion_game  # noqa: E402
from vn.render.compositor import Compositor, fit  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage import motion  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

SIZE = (480, 270)
SCRIPT = """\
main:
  - stage: room
  - light: night
  - show: a glow at wall
  - The city below, and the two of them.
  - A second line.
"""


def _game(root, **props):
    game = make_motion_game(root, **props)
    (game / "scripts").mkdir()
    (game / "scripts" / "game.yaml").write_text(
        "title: Living\nstart: main\nsize: [1920, 1080]\ncharacters:\n  a: {name: A, sprite: fig}\n", "utf-8")
    (game / "scripts" / "main.yaml").write_text(SCRIPT, "utf-8")
    return game


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    return _game(tmp_path_factory.mktemp("living"))


def scene_at(game, *steps):
    scene = Scene(GameAssets(game, sprites={"a": "fig"}))
    scene.apply(direction("stage", name="room"), 0)
    for cmd, args in steps:
        scene.apply(direction(cmd, **args), 0)
    return scene


def draw(compositor, view):
    surf = pygame.Surface(SIZE)
    compositor.draw(surf, view)
    return surf


def on_screen(x, y, w, h):
    scale, pic = fit(SIZE, (1920, 1080))
    return pygame.Rect(pic.x + int(x * scale), pic.y + int(y * scale), int(w * scale) + 2, int(h * scale) + 2)


def test_twinkle_is_deterministic_and_changes_only_the_lights(game):
    scene = scene_at(game, ("light", {"preset": "night"}))
    assets = scene.assets
    a = draw(Compositor(assets, ImageCache()), scene.view(2.0))
    again = Compositor(assets, ImageCache())
    assert changed(a, draw(again, scene.view(2.0))) is None  # same moment, same pixels
    assert changed(a, draw(again, scene.view(2.04))) is None  # the same frame of the motion's grid
    lights = on_screen(*LIGHTS_AREA)
    moved = [changed(a, draw(again, scene.view(t))) for t in (3.0, 4.5, 7.2)]
    assert all(r is not None for r in moved)  # the lights twinkle...
    assert all(lights.contains(r) for r in moved), (moved, lights)  # ...and nothing else moves


def test_a_living_picture_is_held_between_motion_steps_and_equals_a_fresh_one(game):
    # the frames between two steps of the motion's grid show the same picture again from the
    # living plate; every one of them equals what a fresh compositor composes for that moment
    scene = scene_at(game, ("light", {"preset": "night"}), ("show", {"who": "a", "look": "glow", "mark": "wall"}))
    held = Compositor(scene.assets, ImageCache())
    times = [2.0 + i / 60.0 for i in range(40)]  # 60 frames a second over several motion steps
    frames = [draw(held, scene.view(t)) for t in times]
    assert held.living_plate.hits >= len(times) // 2
    for t, frame in list(zip(times, frames, strict=True))[::7]:
        assert changed(frame, draw(Compositor(scene.assets, ImageCache()), scene.view(t))) is None, t


def test_a_figure_breathes_and_its_glow_pulses_exactly_as_composed_whole(tmp_path):
    game = _game(tmp_path, twinkle="", dust="")
    scene = scene_at(game, ("light", {"preset": "night"}), ("show", {"who": "a", "look": "glow", "at": "wall"}))
    assert scene.living(1.0) == {"breathing", "pulse"}
    compositor = Compositor(scene.assets, ImageCache())
    rest = draw(compositor, replace(scene.view(1.0), motion=None))
    for t in (1.0, 2.1, 3.3):
        view = scene.view(t)
        frame = draw(compositor, view)  # the plate at rest, the figure composed again over it
        whole = pygame.Surface(SIZE)
        scale, pic = fit(SIZE, view.size)
        compositor._render(whole.subsurface(pic), view, scale)  # the moving scene composed whole
        assert changed(frame, whole) is None
        moved = changed(rest, frame)
        assert moved is not None
        figure = on_screen(1400 - 260, 960 - 800 * 1.03, 520, 800 * 1.03)  # around the wall mark
        assert figure.contains(moved), (moved, figure)


def test_a_breathing_figure_kept_per_height_equals_the_scene_composed_whole(tmp_path):
    """A breath changes the picture only when the figure's height moves a whole pixel, so the
    recomposed region is kept per height (vn.render.motion): over several breaths every frame,
    served from what was kept or not, equals the moving scene composed whole, pixel for pixel."""
    game = _game(tmp_path, twinkle="", dust="")
    scene = scene_at(game, ("light", {"preset": "night"}), ("show", {"who": "a", "at": "wall"}))
    assert scene.living(1.0) == {"breathing"}
    compositor = Compositor(scene.assets, ImageCache())
    times = [1.0 + i / 8.0 for i in range(48)]  # every step of the motion's grid for 6 s
    for t in times:
        view = scene.view(t)
        frame = draw(compositor, view)
        if times.index(t) % 5 == 0:
            whole = pygame.Surface(SIZE)
            scale, pic = fit(SIZE, view.size)
            Compositor(scene.assets, ImageCache())._render(whole.subsurface(pic), view, scale)
            assert changed(frame, whole) is None, t
    assert compositor.living.region_hits > len(times) // 2  # most breaths were seen before
    assert len(compositor.living._regions) < 12  # a few heights, not one picture a frame
    # the picture at rest changes (the light): what was kept is let go
    draw(compositor, replace(scene.view(2.0), motion=None))
    assert not compositor.living._regions


def test_dust_drifts_in_the_sunbeam(game):
    scene = scene_at(game, ("light", {"preset": "sunset"}))
    assert scene.living(1.0) == {"dust"}
    compositor = Compositor(scene.assets, ImageCache())
    rest = draw(compositor, replace(scene.view(1.0), motion=None))
    one, two = draw(compositor, scene.view(1.0)), draw(compositor, scene.view(2.5))
    beam = on_screen(0, 300, 1100, 780)  # the fixture's sunbeam polygon's bounds
    for frame in (one, two):
        moved = changed(rest, frame)
        assert moved is not None and beam.inflate(20, 20).contains(moved)
        # motes add light: nothing gets darker
        darker = rest.copy()
        darker.blit(frame, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
        assert pygame.transform.average_color(darker)[:3] == (0, 0, 0)
    assert changed(one, two) is not None


# --- the screen: reduce motion, and the frames it asks the loop for --------------------------


def _shown(game, reduce_motion: bool):
    from vn.game import load_game
    from vn.screen import Screen
    from vn.settings import PlayerSettings

    loaded = load_game(game)
    assert loaded.program is not None, loaded.diagnostics
    settings = PlayerSettings(cps=0.0, reduce_motion=reduce_motion)
    screen = Screen(loaded, SIZE, settings)
    session = screen.new_session()
    t = 0.0
    while session.line is None or session.scene.busy(t):
        t += 0.25
        session.update(t)
        assert t < 30
    return screen, session, t


def frame_of(screen, session, t):
    surf = pygame.Surface(SIZE)
    screen.draw(surf, session, t, ui=False)
    return surf


def test_reduce_motion_holds_the_picture_still_and_asks_for_no_frames(game):
    screen, session, t = _shown(game, reduce_motion=True)
    first = frame_of(screen, session, t)
    for later in (t + 0.7, t + 2.35, t + 6.0):
        assert changed(first, frame_of(screen, session, later)) is None
    assert screen.next_redraw(session, t + 1.0) is None


def test_motion_asks_for_frames_at_its_own_rate(game):
    screen, session, t = _shown(game, reduce_motion=False)
    since = session.scene._stage_since
    wake = screen.next_redraw(session, t + 1.01)
    fps = max(motion.FPS[k] for k in ("twinkle", "breathing", "pulse"))  # what this line shows
    assert wake is not None and 0 < wake - (t + 1.01) <= 1 / fps + 1e-9
    assert (wake - since) * fps == pytest.approx(round((wake - since) * fps))  # on the stage clock's grid
    assert changed(frame_of(screen, session, t + 1.0), frame_of(screen, session, t + 3.5)) is not None


def test_a_scene_without_motion_asks_for_no_frames(tmp_path):
    game = _game(tmp_path, twinkle="", dust="", breathing="", pulse="")
    screen, session, t = _shown(game, reduce_motion=False)
    assert screen.next_redraw(session, t + 1.0) is None


def test_at_rest_a_pulsing_glow_is_the_glow_as_painted(tmp_path):
    """The pulse's layer has a group of its own; at rest it adds exactly what it did before."""
    from tests.stage.helpers import FIXTURE_GAME

    living = _game(tmp_path, twinkle="", dust="", breathing="")
    frames = []
    for root in (FIXTURE_GAME, living):
        scene = scene_at(root, ("light", {"preset": "night"}), ("show", {"who": "a", "look": "glow", "at": "wall"}))
        frames.append(draw(Compositor(scene.assets, ImageCache()), replace(scene.view(1.0), motion=None)))
    figure = on_screen(1260, 960 - 800, 400, 800)  # the figure at the wall mark, clear of the city lights
    assert changed(*(f.subsurface(figure) for f in frames)) is None


def test_a_polygon_of_strength_0_adds_no_light_but_lights_its_dust(tmp_path):
    game = _game(tmp_path, dust='<property name="dust" type="float" value="3"/>\n'
                               '    <property name="strength" type="float" value="0"/>', breathing="", pulse="")
    plain = _game(tmp_path / "plain", twinkle="", dust='<property name="strength" type="float" value="0"/>',
                  breathing="", pulse="")
    dark = _game(tmp_path / "dark", twinkle="", dust="", breathing="", pulse="")
    scenes = [scene_at(g, ("light", {"preset": "sunset"})) for g in (game, plain, dark)]
    rest = [draw(Compositor(s.assets, ImageCache()), replace(s.view(1.0), motion=None)) for s in scenes]
    assert changed(rest[0], rest[1]) is None  # no beam drawn by either
    assert changed(rest[1], rest[2]) is not None  # the same polygon at strength 1 lights the floor
    assert scenes[0].living(1.0) == {"dust"} and scenes[1].living(1.0) == frozenset()
    assert changed(rest[0], draw(Compositor(scenes[0].assets, ImageCache()), scenes[0].view(2.0))) is not None

"""The camera over a wide stage: default framing, `camera:` steps, parallax planes at their
depths (positions computed by hand), and saves restoring the camera exactly."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import pygame
import pytest

from tests.render.tiled_reference import FIXTURES, grid_stats
from tests.stage.helpers import direction
from vn.render.compositor import Compositor
from vn.render.images import ImageCache
from vn.render.tiled import draw_layer
from vn.script import compile_text
from vn.stage.camera import Camera, clamp, default_camera, layer_origin, resolve
from vn.stage.layout import load_layout
from vn.stage.lighting import DEFAULT_LIGHT
from vn.stage.scene import Scene
from vn.story import Direction, Story

pygame.init()
GAME = (128, 96)  # the wide fixture map is 512x96 px (32x6 tiles of 16)


class _Assets:
    """A game of one stage, every layer drawn untouched by the light (`none`), so a frame is the
    plain composite of the planes."""

    size = GAME

    def __init__(self, plain: bool = True) -> None:
        layout, _ = load_layout(FIXTURES / "wide.tmx")
        if plain:
            layout = replace(layout, layers=tuple(replace(layer, light="none") for layer in layout.layers))
        self.layout = layout

    def stage(self, name):
        return self.layout if name == "wide" else None

    def sprite_name(self, who):
        return None

    def sprite(self, name):
        return None

    def preset(self, name):
        return DEFAULT_LIGHT

    def find(self, rel):
        return None


def test_default_camera_fits_the_width_and_centres():
    assert default_camera((512, 96), GAME) == Camera(256, 48, 0.25)
    assert default_camera((1920, 1080), (1920, 1080)) == Camera(960, 540, 1.0)
    # a map taller than the game: its middle shows
    assert default_camera((1920, 2160), (1920, 1080)) == Camera(960, 1080, 1.0)


def test_camera_on_a_mark_fills_the_height_centres_the_mark_and_stays_inside_the_map():
    layout = _Assets().layout
    marks, size = layout.marks, layout.size
    # zoom: the map's 96 px fill the game's 96; the view is then 128 px wide
    assert resolve({"mark": "right"}, size, GAME, marks) == Camera(448, 48, 1.0)
    assert resolve({"mark": "left"}, size, GAME, marks) == Camera(64, 48, 1.0)  # 64 = half the view
    assert resolve({"mark": "left", "zoom": 0.5}, size, GAME, marks) == Camera(128, 48, 0.5)
    # at the default zoom the view is the whole map: asking for x 300 would show 44 px past the
    # right edge, so the view stays on the map
    assert resolve({"x": 300}, size, GAME, marks) == Camera(256, 48, 0.25)
    assert resolve({"x": 300, "zoom": 1.0}, size, GAME, marks) == Camera(300, 48, 1.0)


def test_the_view_never_shows_past_the_map_edge():
    """Views that would show past an edge are moved onto the map (the least move); an axis the
    view does not fit is centred; the zoom is kept."""
    size, marks = (512, 96), {}
    # zoom 2: the view is 64 x 48 map px; x 10 would show 22 px left of the map, y 90 below it
    assert resolve({"x": 10, "y": 90, "zoom": 2.0}, size, GAME, marks) == Camera(32, 72, 2.0)
    assert resolve({"x": 500, "y": 0, "zoom": 2.0}, size, GAME, marks) == Camera(480, 24, 2.0)
    # inside: untouched
    assert resolve({"x": 200, "y": 40, "zoom": 2.0}, size, GAME, marks) == Camera(200, 40, 2.0)
    # zoomed out: the view is wider and taller than the map, which is centred with bars
    assert resolve({"x": 0, "y": 0, "zoom": 0.1}, size, GAME, marks) == Camera(256, 48, 0.1)
    assert clamp(Camera(-50, 48, 1.0), size, GAME) == Camera(64, 48, 1.0)


def test_a_push_in_past_the_edge_stays_inside_the_map_at_every_moment():
    """A push-in from the whole map toward a point past its right edge: every frame of the tween
    shows only the map."""
    scene = Scene(_Assets())
    scene.apply(direction("stage", name="wide"), 0.0)
    scene.apply(direction("camera", x=600, y=90, zoom=2.0, over=2.0, ease="linear"), 0.0)
    assert scene.view(2.0).camera == Camera(480, 72, 2.0)
    for i in range(21):
        cam = scene.view(i / 10).camera
        half_w, half_h = GAME[0] / 2 / cam.zoom, GAME[1] / 2 / cam.zoom
        if 512 >= 2 * half_w:
            assert half_w - 1e-6 <= cam.x <= 512 - half_w + 1e-6, (i, cam)
        if 96 >= 2 * half_h:
            assert half_h - 1e-6 <= cam.y <= 96 - half_h + 1e-6, (i, cam)


def test_parallax_origins_by_hand():
    # P on screen = (P - f C - (1 - f) O) z + W/2 ; with O = 0, z = 1, W/2 = 64
    at_left, at_right = Camera(64, 48, 1.0), Camera(448, 48, 1.0)
    assert layer_origin(at_left, (1.0, 1.0), (0, 0), GAME) == (0.0, 0.0)
    assert layer_origin(at_right, (1.0, 1.0), (0, 0), GAME) == (-384.0, 0.0)
    assert layer_origin(at_left, (0.25, 0.25), (0, 0), GAME) == (48.0, 36.0)
    assert layer_origin(at_right, (0.25, 0.25), (0, 0), GAME) == (-48.0, 36.0)
    assert layer_origin(at_right, (0.5, 1.0), (0, 0), GAME) == (-160.0, 0.0)
    # the parallax origin: where the planes line up as drawn in Tiled
    assert layer_origin(Camera(100, 48, 1.0), (0.5, 1.0), (100, 0), GAME) == (-36.0, 0.0)


def _frame(scene, t, compositor, size=GAME):
    surf = pygame.Surface(size)
    compositor.draw(surf, scene.view(t))
    return surf


def _by_hand(layout, offsets):
    """The planes composited at hand-computed positions (logical px = output px here)."""
    out = pygame.Surface(GAME)
    out.fill((0, 0, 0))
    cache = ImageCache()
    for layer in layout.layers:
        surf, pos = draw_layer(layer, layout, cache, (1.0, 1.0))
        dx, dy = offsets[layer.name]
        out.blit(surf, (pos[0] + dx, pos[1] + dy))
    return out


def test_a_pan_moves_each_plane_at_its_depth():
    assets = _Assets()
    scene = Scene(assets)
    scene.apply(direction("stage", name="wide"), 0.0)
    scene.apply(direction("camera", mark="left"), 0.0)
    scene.apply(direction("camera", mark="right", over=4.0, ease="linear"), 1.0)
    comp = Compositor(assets, ImageCache())
    assert scene.view(0.5).camera == Camera(64, 48, 1.0)
    assert scene.view(3.0).camera == Camera(256, 48, 1.0)  # halfway
    assert scene.busy(3.0) and not scene.busy(5.0)
    # at the start: room at 0, mid (f 0.5, 1) at -32+64 = 32, far (f 0.25) at (48, 36)
    start = {"room": (0, 0), "mid": (32, 0), "far": (48, 36)}
    # at the end: room at -384, mid at -224+64 = -160, far at (-48, 36)
    end = {"room": (-384, 0), "mid": (-160, 0), "far": (-48, 36)}
    for t, offsets in ((0.5, start), (5.0, end)):
        mean, worst = grid_stats(_frame(scene, t, comp), _by_hand(assets.layout, offsets), cell=4)
        assert mean < 2.0 and worst < 24, (t, mean, worst)
    # the wrong depth would be seen: the far plane moved as much as the room
    wrong = dict(end, far=(-384, 36))
    mean, worst = grid_stats(_frame(scene, 5.0, comp), _by_hand(assets.layout, wrong), cell=4)
    assert worst > 60


def test_zoomed_frame_is_the_default_frame_scaled():
    """At zoom 1 in a 256x192 window the picture is the 128x96 one at twice the size."""
    assets = _Assets()
    scene = Scene(assets)
    scene.apply(direction("stage", name="wide"), 0.0)
    scene.apply(direction("camera", x=200, y=48, zoom=1.0), 0.0)
    comp = Compositor(assets, ImageCache())
    small = _frame(scene, 0.0, comp)
    big = _frame(scene, 0.0, comp, (256, 192))
    mean, worst = grid_stats(big, pygame.transform.scale(small, (256, 192)), cell=16)
    assert mean < 6.0 and worst < 40, (mean, worst)


MANIFEST = "start: start\nsize: [128, 96]\ncharacters: {}\n"


def test_saves_and_rollback_restore_the_camera_exactly():
    src = textwrap.dedent("""\
        start:
          - stage: wide
          - camera: right
          - One.
          - camera: {zoom: 0.5}
            over: 2s
          - Two.
          - camera: {x: 300}
          - Three.
        """)
    prog, diags = compile_text(src, manifest=MANIFEST)
    assert prog is not None, [d.format() for d in diags]
    story = Story(prog)
    assets = _Assets(plain=False)
    live = Scene(assets)
    snapshots = []
    now = 0.0
    while True:
        ev = story.step()
        if isinstance(ev, Direction):
            live.apply(ev, now)
            continue
        if ev is None or type(ev).__name__ == "End":
            break
        now += 10.0  # every tween has ended by the next line
        snapshots.append((live.view(now).camera, story.state.to_json()["stage"]))
        if len(snapshots) == 3:
            break
    expected = [Camera(448, 48, 1.0), Camera(384, 48, 0.5), Camera(300, 48, 0.5)]
    assert [c for c, _ in snapshots] == expected
    for camera, snap in snapshots:
        restored = Scene(assets)
        restored.restore(snap, 100.0)
        assert restored.view(100.0).camera == camera
    assert snapshots[2][1]["camera"] == {"mark": "right", "zoom": 0.5, "x": 300}


@pytest.mark.parametrize("bad, words", [("{x: 1, zoomm: 2}", "no field 'zoomm'"), ("nowhere", "unknown mark"),
                                        ("{zoom: 0}", "out of range"), ("[1, 2]", "not a list")])
def test_camera_steps_are_checked(bad, words):
    from vn.script.catalog import Catalog

    src = f"start:\n  - stage: wide\n  - camera: {bad}\n  - Hi.\n"
    catalog = Catalog(stages={"wide": frozenset({"left", "right"})})
    prog, diags = compile_text(src, manifest=MANIFEST, catalog=catalog)
    errors = [d for d in diags if d.severity == "error"]
    assert errors and words in errors[0].message and errors[0].line == 3


def test_default_camera_shows_a_wide_map_whole_with_its_planes_at_their_depths():
    """Zoom 0.25 on the 512x96 map in a 128x96 game, centred at (256, 48). By hand, a layer's
    origin is (-f x 256 x 0.25 + 64, -f x 48 x 0.25 + 48): room (0, 36), mid (32, 36), far (48, 45)."""
    assets = _Assets()
    scene = Scene(assets)
    scene.apply(direction("stage", name="wide"), 0.0)
    assert scene.view(0.0).camera == Camera(256, 48, 0.25)
    out = pygame.Surface(GAME)
    out.fill((0, 0, 0))
    cache = ImageCache()
    at = {"room": (0, 36), "mid": (32, 36), "far": (48, 45)}
    for layer in assets.layout.layers:
        surf, pos = draw_layer(layer, assets.layout, cache, (0.25, 0.25))
        out.blit(surf, (pos[0] + at[layer.name][0], pos[1] + at[layer.name][1]))
    mean, worst = grid_stats(_frame(scene, 0.0, Compositor(assets, ImageCache())), out, cell=4)
    assert mean < 3.0 and worst < 40, (mean, worst)

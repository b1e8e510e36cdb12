"""A camera that moves or holds closer than the stage's own scale: a moving camera draws the
scene at the stage's scale and enlarges it once (`Compositor._moving`), a held one draws each
plane at the zoom, scaling an upper plane only where it covers anything (`_scaled_blit`). Both
must show the same picture, and what the compositor keeps between frames must never leak into
another frame."""

from __future__ import annotations

from dataclasses import replace

import pygame
import pytest

from tests.render.test_camera import _Assets
from tests.render.tiled_reference import grid_stats
from tests.stage.helpers import direction
from vn.render.compositor import Compositor, _scaled_blit
from vn.render.images import ImageCache
from vn.stage.scene import Scene

SIZE = (256, 192)  # twice the game's 128x96: the wide map's planes are made at 2 output px a px


def _push_in() -> Scene:
    scene = Scene(_Assets())
    scene.apply(direction("stage", name="wide"), 0.0)
    scene.apply(direction("camera", x=200, y=48, zoom=1.0), 0.0)
    scene.apply(direction("camera", x=260, y=52, zoom=1.7, over=4.0, ease="linear"), 1.0)
    return scene


def _draw(comp: Compositor, view, size=SIZE) -> pygame.Surface:
    surf = pygame.Surface(size)
    comp.draw(surf, view)
    return surf


def _shifted(surf: pygame.Surface, dx: int, dy: int) -> pygame.Surface:
    out = surf.copy()
    out.blit(surf, (dx, dy))
    return out


def _best_shift(a: pygame.Surface, b: pygame.Surface, reach: int) -> tuple[float, tuple[int, int]]:
    """The least mean cell difference of `a` moved by up to `reach` px against `b`, and the move."""
    return min((grid_stats(_shifted(a, dx, dy), b, cell=4)[0], (dx, dy))
               for dx in range(-reach, reach + 1) for dy in range(-reach, reach + 1))


@pytest.mark.parametrize("t", [1.005, 1.7, 3.0, 4.6])  # (1.005: zoom within half a pixel of 1, drawn unscaled)
def test_a_moving_camera_shows_what_the_held_camera_shows(t):
    scene = _push_in()
    view = scene.view(t)
    assert view.camera_moving and view.camera.zoom > 1.0
    comp = Compositor(scene.assets, ImageCache())
    moving = _draw(comp, view)
    assert "moving" in comp._buffers  # drawn the cheap way: the scene at its scale, enlarged once
    held = _draw(Compositor(_Assets(), ImageCache()), replace(view, camera_moving=False))
    # the same picture within a pixel: a moving picture's planes and figures are placed on the
    # stage's own pixel grid (a held one's on the output's), and resampled once, not per plane
    mean, moved = _best_shift(moving, held, 1)
    assert mean < 5.0, (t, mean, moved)
    # (the measure sees a picture placed three pixels off)
    assert grid_stats(_shifted(moving, moved[0] + 3, moved[1]), held, cell=4)[0] > 2 * mean + 2


def test_the_camera_at_rest_is_drawn_at_its_zoom_and_the_move_buffer_let_go():
    scene = _push_in()
    comp = Compositor(_Assets(), ImageCache())
    _draw(comp, scene.view(3.0))
    assert "moving" in comp._buffers
    rest = scene.view(6.0)
    assert not rest.camera_moving and rest.camera.zoom == pytest.approx(1.7)
    _draw(comp, rest)
    assert "moving" not in comp._buffers


def test_frames_through_a_zoom_do_not_depend_on_the_frames_drawn_before():
    """The scaling buffers are kept between frames: a frame drawn after others equals the same
    frame drawn by a fresh compositor, pixel for pixel, moving or held."""
    scene = _push_in()
    views = [scene.view(t) for t in (1.5, 2.5, 3.5, 6.0)]
    views += [replace(v, camera_moving=False) for v in views[:3]]
    comp = Compositor(_Assets(), ImageCache())
    for v in views + views[::-1]:
        got = _draw(comp, v)
        fresh = _draw(Compositor(_Assets(), ImageCache()), v)
        assert pygame.image.tobytes(got, "RGB") == pygame.image.tobytes(fresh, "RGB"), v.camera


PATCH = (150, 40, 50, 70)  # where _blob's patch is


def _blob() -> pygame.Surface:
    """Premultiplied 240x160 picture with a soft-edged patch of colour at PATCH, nothing elsewhere."""
    rect = pygame.Rect(PATCH)
    src = pygame.Surface((240, 160), pygame.SRCALPHA)
    src.fill((0, 0, 0, 0))
    inner = rect.inflate(-16, -16)
    for i in range(8):  # soft edge: 8 rings from faint to full
        a = 32 * (i + 1) - 1
        src.fill((a, a * 3 // 4, a // 2, a), rect.inflate(-2 * i, -2 * i))
    src.fill((255, 192, 128, 255), inner)
    return src


def _centroid(surf: pygame.Surface) -> tuple[float, float]:
    w, h = surf.get_size()
    data = pygame.image.tobytes(surf, "RGB")
    sx = sy = total = 0.0
    for y in range(h):
        row = data[y * w * 3:(y + 1) * w * 3]
        for x in range(w):
            v = row[x * 3]
            if v:
                sx, sy, total = sx + x * v, sy + y * v, total + v
    return sx / total, sy / total


@pytest.mark.parametrize("r, at", [(1.013, (-3.4, -1.7)), (1.22, (-40.25, -13.6)), (1.7, (-101.5, -30.3)),
                                   (2.35, (-250.8, -60.1))])
def test_an_upper_plane_scaled_only_where_it_covers_lines_up_with_the_whole_plane_scaled(r, at):
    src = _blob()
    area = pygame.Rect(PATCH).inflate(2, 2)
    whole, cropped = pygame.Surface((400, 320)), pygame.Surface((400, 320))
    whole.fill((0, 0, 0))
    cropped.fill((0, 0, 0))
    _scaled_blit(whole, src, at, r, pygame.BLEND_PREMULTIPLIED)
    _scaled_blit(cropped, src, at, r, pygame.BLEND_PREMULTIPLIED, area, {})
    (wx, wy), (cx, cy) = _centroid(whole), _centroid(cropped)
    # each is placed within half a pixel of where it belongs (a crop near the picture's edge
    # cannot always move to a whole pixel)
    assert abs(wx - cx) < 0.75 and abs(wy - cy) < 0.75, ((wx, wy), (cx, cy))
    # where it lands: the patch's centre (175, 75) at at + 175 r (within the scaling's px)
    assert abs(cx - (at[0] + 174.5 * r)) < 1.0 and abs(cy - (at[1] + 74.5 * r)) < 1.0, (cx, cy)
    mean, worst = grid_stats(whole, cropped, cell=4)
    assert mean < 1.0 and worst < 32, (mean, worst)

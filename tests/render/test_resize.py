"""A new picture size is built in the background (vn.render.resize): meanwhile the picture is
the last size's, scaled; then it is exactly what a fresh compositor draws at the new size."""

from __future__ import annotations

import pygame
import pytest

from tests.render.test_plate import STILL, _fresh, _scene
from tests.stage.helpers import FIXTURE_GAME
from vn.render.compositor import Compositor
from vn.render.images import ImageCache
from vn.stage.assets import GameAssets

SMALL, BIG = (320, 180), (960, 540)


@pytest.fixture(scope="module")
def assets():
    return GameAssets(FIXTURE_GAME, sprites={"a": "fig", "b": "fig"})


def _surface(comp, view, size):
    surf = pygame.Surface(size)
    comp.draw(surf, view)
    return surf


def test_a_new_size_is_shown_scaled_until_its_art_is_ready(assets):
    view = _scene(assets, STILL).view(5.0)
    comp = Compositor(assets, ImageCache())
    small = _surface(comp, view, SMALL)
    first = _surface(comp, view, BIG)  # the build has only just started: a stand-in
    assert pygame.image.tobytes(first, "RGB") == pygame.image.tobytes(pygame.transform.scale(small, BIG), "RGB")
    comp.builds.wait()
    for _ in range(200):  # its first picture made a piece a frame (as many frames as the CPU needs)
        last = pygame.image.tobytes(_surface(comp, view, BIG), "RGB")
        if not comp.builds.warming:
            break
    assert last == _fresh(assets, view, BIG)
    assert not comp.builds.busy


def test_the_first_picture_of_a_stage_is_drawn_at_once(assets):
    view = _scene(assets, STILL).view(5.0)
    comp = Compositor(assets, ImageCache())
    assert pygame.image.tobytes(_surface(comp, view, BIG), "RGB") == _fresh(assets, view, BIG)
    assert not comp.builds.busy


def test_the_picture_asks_to_be_drawn_again_until_the_new_size_is_in(assets):
    """A still line is not redrawn by itself: while the art for a new size is built the
    compositor asks for a redraw now and then, at once when it is ready and while its first
    picture is made a piece a frame (vn.render.resize.Warmup), then no more."""
    view = _scene(assets, STILL).view(5.0)
    comp = Compositor(assets, ImageCache())
    assert comp.builds.next_poll(1.0) is None
    _surface(comp, view, SMALL)
    _surface(comp, view, BIG)  # the build starts
    wake = comp.builds.next_poll(1.0)
    assert wake is not None and 1.0 <= wake <= 1.5
    comp.builds.wait()
    assert comp.builds.next_poll(1.0) == 1.0  # finished: draw now to take it in
    frames = 0
    while comp.builds.next_poll(1.0) == 1.0 and frames < 50:  # ... and make its first picture
        _surface(comp, view, BIG)
        frames += 1
    assert 1 <= frames < 50
    assert comp.builds.next_poll(1.0) is None


def test_while_the_new_size_is_built_the_motion_asks_for_the_whole_stand_in(assets):
    """The window's kept-canvas path asks where the living motion moved; while the stage is
    being built for the new size that must not build it in the frame (a 4K stage took 2 s)."""
    view = _scene(assets, STILL).view(5.0)
    comp = Compositor(assets, ImageCache())
    _surface(comp, view, SMALL)
    _surface(comp, view, BIG)  # a stand-in; the build starts
    assert comp.motion_areas(view, view, BIG) is None
    assert (view.stage, BIG) not in comp._stages
    comp.builds.wait()
    _surface(comp, view, BIG)  # takes the build in
    assert comp.motion_areas(view, view, BIG) == []


def test_a_held_camera_s_scaled_planes_are_made_in_the_background(assets, monkeypatch):
    """At a camera other than the stage's own scale the planes are scaled once for the picture
    (150-200 ms at 4K): the background build makes them, so no piece of a frame does; the
    picture is the one a fresh compositor draws."""
    from dataclasses import replace

    from vn.render import resize
    from vn.stage.camera import default_camera

    view = _scene(assets, STILL).view(5.0)
    layout = assets.stage(view.stage)
    home = default_camera(layout.size, view.size)
    view = replace(view, camera=replace(home, zoom=home.zoom * 1.3))
    monkeypatch.setattr(resize, "WARM_S", 0.0)  # one piece a frame
    comp = Compositor(assets, ImageCache())
    _surface(comp, view, SMALL)
    _surface(comp, view, BIG)  # a stand-in; the build starts
    comp.builds.wait()
    _surface(comp, view, BIG)  # takes the build in (and shows the stage at BIG: one piece)
    st = comp._stages[(view.stage, BIG)]
    assert st._view is not None and st._view_key is not None  # made by the build, not by a frame
    made = st._view
    for _ in range(200):
        last = pygame.image.tobytes(_surface(comp, view, BIG), "RGB")
        if not comp.builds.warming:
            break
    assert st._view is made  # the picture's bands used it
    assert last == _fresh(assets, view, BIG)

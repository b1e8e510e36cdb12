"""The plate (vn.render.plate): a still picture served from it is the picture a fresh compositor
draws, pixel for pixel; anything that changes the picture is never served from it."""

from __future__ import annotations

import pygame
import pytest

from tests.stage.helpers import FIXTURE_GAME, direction
from vn.render.compositor import Compositor
from vn.render.images import ImageCache
from vn.render.plate import PlateCache
from vn.stage.assets import GameAssets
from vn.stage.scene import Scene

SIZE = (480, 270)


@pytest.fixture(scope="module")
def assets():
    return GameAssets(FIXTURE_GAME, sprites={"a": "fig", "b": "fig"})


def _scene(assets, steps):
    scene = Scene(assets)
    scene.apply(direction("stage", name="room"), 0)
    for when, cmd, args in steps:
        scene.apply(direction(cmd, **args), when)
    return scene


def _fresh(assets, view, size=SIZE) -> bytes:
    surf = pygame.Surface(size)
    Compositor(assets, ImageCache()).draw(surf, view)
    return pygame.image.tobytes(surf, "RGB")


def _draw(comp, view, size=SIZE) -> bytes:
    surf = pygame.Surface(size)
    surf.fill((255, 0, 255))  # a frame served from the plate must cover this
    comp.draw(surf, view)
    return pygame.image.tobytes(surf, "RGB")


STILL = [(0, "light", {"preset": "sunset"}), (0, "show", {"who": "a", "at": "window"})]


def test_a_still_picture_from_the_plate_equals_a_fresh_one(assets):
    view = _scene(assets, STILL).view(5.0)
    comp = Compositor(assets, ImageCache())
    frames = [_draw(comp, view) for _ in range(4)]
    assert comp.plate.hits == 2  # composed, composed and kept, then served twice
    fresh = _fresh(assets, view)
    assert all(f == fresh for f in frames)


def test_a_moving_picture_is_never_served_from_the_plate(assets):
    scene = _scene(assets, STILL + [(1, "light", {"preset": "night", "over": 4.0})])
    comp = Compositor(assets, ImageCache())
    still = scene.view(0.5)
    _draw(comp, still)
    _draw(comp, still)  # the plate now holds the still picture
    for t in (1.5, 2.0, 2.5):
        view = scene.view(t)
        assert _draw(comp, view) == _fresh(assets, view)
    assert comp.plate.hits == 0


def test_the_plate_follows_the_size_and_the_art(assets):
    view = _scene(assets, STILL).view(5.0)
    comp = Compositor(assets, ImageCache())
    for _ in range(3):
        _draw(comp, view)
    big = (640, 360)
    fresh = _fresh(assets, view, big)
    # after a resize the picture is drawn from stand-ins while its art is rasterised at the new
    # size: none of those frames may be kept as the plate
    _draw(comp, view, big)
    comp.builds.wait()
    frames = [_draw(comp, view, big)]
    while comp.builds.warming and len(frames) < 200:  # its first picture made a piece a frame
        frames.append(_draw(comp, view, big))
    frames.append(_draw(comp, view, big))
    assert frames[-1] == fresh and frames[-2] == fresh
    hits = comp.plate.hits
    comp.images.generation += 1  # new art arrived: the plate is stale
    assert _draw(comp, view, big) == fresh
    assert comp.plate.hits == hits


def test_the_plate_keeps_only_a_picture_that_held_still():
    composed = []

    def compose(dest):
        composed.append(1)
        dest.fill((len(composed), 0, 0))

    plate, dest = PlateCache(), pygame.Surface((8, 8))
    plate.draw(dest, "a", compose)
    plate.draw(dest, "b", compose)
    plate.draw(dest, "b", compose)  # kept now
    plate.draw(dest, "b", compose)  # served
    assert len(composed) == 3 and plate.hits == 1 and dest.get_at((0, 0))[0] == 3
    plate.draw(dest, "a", compose)
    assert len(composed) == 4 and dest.get_at((0, 0))[0] == 4


@pytest.mark.parametrize("kind", ["dissolve", "wipe"])
def test_under_a_transition_the_still_live_picture_comes_from_the_plate(assets, kind):
    """A dissolve or wipe over a still scene: only the transition moves, so the live picture
    is kept; every frame still equals a fresh compositor's, and the settled picture after it is
    served from the plate at once."""
    scene = _scene(assets, STILL + [(1, "transition", {"kind": kind, "over": 2.0}),
                                    (1, "light", {"preset": "night"})])
    comp = Compositor(assets, ImageCache())
    frames = [(t, _draw(comp, scene.view(t))) for t in (1.2, 1.5, 1.8, 2.1, 2.4)]
    assert comp.plate.hits >= 2
    for t, got in frames:
        assert got == _fresh(assets, scene.view(t)), t
    hits = comp.plate.hits
    settled = scene.view(5.0)
    assert settled.transition is None
    assert _draw(comp, settled) == _fresh(assets, settled)
    assert comp.plate.hits == hits + 1


def test_what_the_ui_lays_over_a_still_picture_is_kept_with_it(assets):
    """`over` (the text box's shade): painted over the picture and kept on the plate with it;
    a frame served from the plate equals the picture composed and painted afresh."""
    view = _scene(assets, STILL).view(5.0)
    painted = []

    def shade(alpha):
        def paint(target):
            painted.append(alpha)
            veil = pygame.Surface((SIZE[0], 90), pygame.SRCALPHA)
            veil.fill((10, 20, 30, alpha))
            target.blit(veil, (0, SIZE[1] - 90))
        return paint

    def fresh(alpha):
        surf = pygame.Surface(SIZE)
        Compositor(assets, ImageCache()).draw(surf, view)
        shade(alpha)(surf)
        return pygame.image.tobytes(surf, "RGB")

    comp = Compositor(assets, ImageCache())

    def frame(alpha):
        surf = pygame.Surface(SIZE)
        surf.fill((255, 0, 255))
        comp.draw(surf, view, (("shade", alpha), shade(alpha)))
        return pygame.image.tobytes(surf, "RGB")

    frames = [frame(180) for _ in range(4)]
    assert comp.plate.hits == 2 and len(painted) == 2  # composed, composed and kept, served twice
    assert all(f == fresh(180) for f in frames)
    # another shade (the box fading): painted again, never the kept one
    assert frame(90) == fresh(90)
    assert frame(180) == fresh(180)

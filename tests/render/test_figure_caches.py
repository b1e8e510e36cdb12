"""What the figures keep between frames (vn.render.sprites): only the arts drawn last keep where
the light catches them, and masks made again equal the ones let go, pixel for pixel."""

from __future__ import annotations

from dataclasses import replace

import pygame

from tests.render.test_shadows import _view
from tests.render.test_staging import game  # noqa: F401  (a fixture)
from vn.render.compositor import Compositor
from vn.render.images import ImageCache
from vn.render.sprites import CATCHES_KEPT


def _bytes(surf):
    return pygame.image.tobytes(surf, "RGB")


def _looks(sv, n):
    """`n` views of a figure, each its own art (as each look of a figure is)."""
    return [replace(sv, layers=tuple((name, 1.0 - 0.15 * i) for name, _ in sv.layers)) for i in range(n)]


def test_only_the_arts_a_figure_drew_last_keep_their_catch_masks(game):  # noqa: F811
    view = _view(game)
    comp = Compositor(game, ImageCache())
    sprites, sv = comp.sprites, view.sprites[0]
    sdef = comp.assets.sprite(sv.sprite)
    rect = sprites.placement(sdef, sv, (0.5, 0.5), (0, 0))
    made = []
    for look in _looks(sv, 5):
        art = sprites.art(sdef, look, rect.size)
        made.append((art, sprites.catch(art, 90)))
    assert len({id(art) for art, _ in made}) == len(made) > CATCHES_KEPT
    assert all(c is not None for _, c in made)
    assert [art for art, _ in made if art.catches] == [art for art, _ in made[-CATCHES_KEPT:]]
    art, first = made[0]
    again = sprites.catch(sprites.art(sdef, _looks(sv, 1)[0], rect.size), 90)  # drawn again: made again, the same
    assert again is not first and again.rect == first.rect
    for name in ("weight", "edge", "sheen"):
        assert _bytes(getattr(again, name)) == _bytes(getattr(first, name)), name
    assert sum(1 for a, _ in made if a.catches) == CATCHES_KEPT


def test_every_figure_cross_fading_keeps_both_looks_masks(game):  # noqa: F811
    """Three figures each cross-fading between two looks: six arts drawn every frame, and none
    of them has to make its masks again in the next frame."""
    view = _view(game)
    comp = Compositor(game, ImageCache())
    sprites, sv = comp.sprites, view.sprites[0]
    sdef = comp.assets.sprite(sv.sprite)
    rect = sprites.placement(sdef, sv, (0.5, 0.5), (0, 0))
    figures = [[replace(look, who=f"{sv.who}{i}") for look in _looks(sv, 2)] for i in range(3)]
    kept = None
    for _ in range(2):  # two frames
        catches = []
        for looks in figures:
            for look in looks:
                art = sprites.art(sdef, look, rect.size)
                catches.append(sprites.catch(art, 90))
        assert kept is None or all(a is b for a, b in zip(catches, kept, strict=True))
        kept = catches


def test_a_figure_whose_masks_went_draws_the_same_frame(game):  # noqa: F811
    view = _view(game)
    comp = Compositor(game, ImageCache())
    first = pygame.Surface((960, 540))
    comp.draw(first, view)
    for art in comp.sprites._art.values():
        art.catches.clear()
    comp.images.generation += 1  # (the plate is not kept)
    again = pygame.Surface((960, 540))
    comp.draw(again, view)
    assert _bytes(again) == _bytes(first)

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


def test_only_the_arts_drawn_last_keep_their_catch_masks(game):  # noqa: F811
    view = _view(game)
    comp = Compositor(game, ImageCache())
    sprites, sv = comp.sprites, view.sprites[0]
    sdef = comp.assets.sprite(sv.sprite)
    rect = sprites.placement(sdef, sv, (0.5, 0.5), (0, 0))
    made = []
    for alpha in (1.0, 0.8, 0.6, 0.4, 0.2):  # each its own art, as each look of a figure is
        art = sprites.art(sdef, replace(sv, layers=tuple((n, alpha) for n, _ in sv.layers)), rect.size)
        made.append((art, sprites.catch(art, 90)))
    assert len({id(art) for art, _ in made}) == len(made) > CATCHES_KEPT
    assert all(c is not None for _, c in made)
    assert [art for art, _ in made if art.catches] == [art for art, _ in made[-CATCHES_KEPT:]]
    art, first = made[0]
    again = sprites.catch(art, 90)  # drawn again: made again, the same masks
    assert again is not first and again.rect == first.rect
    for name in ("weight", "edge", "sheen"):
        assert _bytes(getattr(again, name)) == _bytes(getattr(first, name)), name
    assert sum(1 for a, _ in made if a.catches) == CATCHES_KEPT


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

"""The figures' shadows in a beam are kept (vn.render.sprites): a bounded cache that has let
shadows go draws the same frame as a fresh one, pixel for pixel, and a camera's zoom does not
make a new shadow at every step."""

from __future__ import annotations

import pygame

from tests.render.test_staging import SIZE, frame, game  # noqa: F401  (game: a fixture)
from tests.stage.helpers import direction
from vn.render.compositor import Compositor
from vn.render.images import ImageCache
from vn.render.sprites import SHADOW_SCALE, SHADOWS_KEPT, make_shadow, shadow_key
from vn.stage.scene import Scene

STANDING = [("show", {"who": "a", "at": "open"})]


def _view(assets, steps=STANDING):
    scene = Scene(assets)
    scene.apply(direction("stage", name="staging"), 0)
    scene.apply(direction("light", preset="sunset"), 0)
    for cmd, args in steps:
        scene.apply(direction(cmd, **args), 0)
    return scene.view(0.0)


def _bytes(surf):
    return pygame.image.tobytes(surf, "RGB")


def _figure_art(comp, view):
    sv = view.sprites[0]
    sdef = comp.assets.sprite(sv.sprite)
    rect = comp.sprites.placement(sdef, sv, (0.5, 0.5), (0, 0))
    return comp.sprites.art(sdef, sv, rect.size)


def test_a_cache_that_let_shadows_go_draws_the_frame_a_fresh_one_draws(game):  # noqa: F811
    view = _view(game)
    comp = Compositor(game, ImageCache())
    first = pygame.Surface(SIZE)
    comp.draw(first, view)
    assert comp.sprites._shadows  # the figure stands in the beam: it made a shadow
    art = _figure_art(comp, view)
    for i in range(3 * SHADOWS_KEPT):  # the sun everywhere else: every shadow kept goes
        comp.sprites.shadow(art, None, (400.0, 500.0), (40.0 * i, 100.0), 1.0, 0.5)
    assert len(comp.sprites._shadows) <= SHADOWS_KEPT
    comp.images.generation += 1  # (the kept plate is stale: the picture is composed again)
    again = pygame.Surface(SIZE)
    comp.draw(again, view)
    assert _bytes(again) == _bytes(first) == _bytes(frame(game, STANDING))


def test_a_shadow_made_again_equals_the_first(game):  # noqa: F811
    comp = Compositor(game, ImageCache())
    view = _view(game)
    art = _figure_art(comp, view)
    a = comp.sprites.shadow(art, None, (400.0, 500.0), (100.0, 200.0), 1.0, 0.5)
    for i in range(2 * SHADOWS_KEPT):
        comp.sprites.shadow(art, None, (400.0, 500.0), (30.0 * i, 100.0), 0.9, 0.5)
    b = comp.sprites.shadow(art, None, (400.0, 500.0), (100.0, 200.0), 1.0, 0.5)
    assert a[0] is not b[0] and a[1] == b[1] and _bytes(a[0]) == _bytes(b[0])


def test_a_camera_zoom_keeps_the_shadow_until_its_blur_changes(game):  # noqa: F811
    comp = Compositor(game, ImageCache())
    art = _figure_art(comp, _view(game))
    got = [comp.sprites.shadow(art, None, (400.0, 500.0), (100.0, 200.0), 1.0, px)[0] for px in (1.0, 0.999, 0.97)]
    assert got[0] is got[1] is got[2]
    assert comp.sprites.shadow(art, None, (400.0, 500.0), (100.0, 200.0), 1.0, 2.0)[0] is not got[0]


def test_a_shadow_is_cropped_to_where_it_darkens(game):  # noqa: F811
    comp = Compositor(game, ImageCache())
    art = _figure_art(comp, _view(game))
    for sun in ((100.0, 200.0), (400.0, 100.0), (700.0, 300.0)):  # turned left, straight, right
        key = shadow_key(art, (400.0, 500.0), sun, 1.0, 0.5)
        surf, (ax, ay) = make_shadow(art, key)
        w, h = surf.get_size()
        edge = [surf.get_at((x, y))[:3] for x in range(w) for y in (0, h - 1)] + \
               [surf.get_at((x, y))[:3] for y in range(h) for x in (0, w - 1)]
        assert min(min(c) for c in edge) >= 250  # its border is (nearly) white: nothing cut off
        shade = pygame.mask.from_threshold(surf, (255, 255, 255, 255), (6, 6, 6, 255))
        shade.invert()  # where it takes more than 2 % of the light
        box = pygame.Rect(shade.get_bounding_rects()[0]).unionall(shade.get_bounding_rects())
        band = 3 * SHADOW_SCALE  # and it reaches within a few px of each edge: tight
        assert box.x <= band and box.y <= band and box.right >= w - band and box.bottom >= h - band
        assert surf.get_at((round(ax), round(ay)))[0] < 200  # dark at the feet


def test_a_shadow_made_from_a_kept_flat_equals_one_made_whole(game):  # noqa: F811
    comp = Compositor(game, ImageCache())
    art = _figure_art(comp, _view(game))
    for sun in ((100.0, 200.0), (130.0, 200.0), (700.0, 300.0)):  # the sun moving: one flat, turned
        surf, at = comp.sprites.shadow(art, None, (400.0, 500.0), sun, 1.0, 0.5)
        fresh, anchor = make_shadow(art, shadow_key(art, (400.0, 500.0), sun, 1.0, 0.5))
        assert at == (round(400.0 - anchor[0]), round(500.0 - anchor[1])) and _bytes(surf) == _bytes(fresh)
    assert len(comp.sprites._flats) == 1


def test_a_new_size_comes_with_its_shadows_made_in_the_background(game, monkeypatch):  # noqa: F811
    """After a resize, the first sharp frame draws the shadows the background build made
    (none made in the frame), and it is the frame a fresh compositor draws at that size."""
    import vn.render.sprites as sprites_module

    view = _view(game)
    comp = Compositor(game, ImageCache())
    comp.draw(pygame.Surface((320, 180)), view)
    comp.draw(pygame.Surface(SIZE), view)  # a stand-in; the build starts
    comp.builds.wait()
    made = []
    real = sprites_module.make_shadow
    monkeypatch.setattr(sprites_module, "make_shadow", lambda *a, **k: made.append(a) or real(*a, **k))
    sharp = pygame.Surface(SIZE)
    for _ in range(40):  # the first takes the build in; the first picture is made a piece a frame
        comp.draw(sharp, view)  # (how many pieces a frame depends on the CPU: a frame's budget)
        if not comp.builds.warming:
            break
    comp.draw(sharp, view)
    assert not comp.builds.busy and not comp.builds.warming and made == []
    fresh = pygame.Surface(SIZE)
    Compositor(game, ImageCache()).draw(fresh, view)
    assert _bytes(sharp) == _bytes(fresh)


def test_a_renderer_that_let_go_of_a_scene_draws_it_again_the_same(game):  # noqa: F811
    view = _view(game)
    comp = Compositor(game, ImageCache())
    first = pygame.Surface(SIZE)
    comp.draw(first, view)
    assert any(art.catches for art in comp.sprites._art.values())  # (where the light catches the figure)
    comp.sprites.release()  # (the picture changed stage)
    assert not comp.sprites._shadows and not comp.sprites._lit_cache
    assert not any(art.catches for art in comp.sprites._art.values())
    comp.images.generation += 1
    again = pygame.Surface(SIZE)
    comp.draw(again, view)
    assert _bytes(again) == _bytes(first)

"""The heaviest moment (`vn bench`: the last rays' light tween under a moving camera and a
dissolve, a line typing) and what the compositor keeps between its frames to draw it: beams
tinted into kept surfaces, a ramp's colours kept while its strength moves, the sky drawn into its
kept surface, the shadows, the moving camera's buffer. None of it may change a frame: what is
kept equals what a fresh renderer makes, pixel for pixel."""

from __future__ import annotations

import os
import random

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.render.test_figure_light import block_art  # noqa: E402
from tests.stage.helpers import BUNDLED_STAGE, ROOT  # noqa: E402
from vn.render.beams import _LIT_CONTENT, Beams, _outside, lit_content  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.render.lighting import StageLighter, build_stage_maps  # noqa: E402
from vn.render.sprites import SpriteRenderer  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.lighting import lerp_light  # noqa: E402

K = 0.25  # output px per map px: the bundled room at 480x270


def pixels(surf: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surf, "RGB")


@pytest.fixture(scope="module")
def room():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    assets = GameAssets(ROOT)
    layout = assets.stage("living_room")
    presets = assets.presets
    return layout, presets["sunset"], presets["last_rays"]


def tween(a, b, n):
    """n lights from a to b, the steps uneven (a tween moves in steps of every size)."""
    return [lerp_light(a, b, (i / n) ** 1.5) for i in range(n + 1)]


def picture(size) -> pygame.Surface:
    """A picture with something in every pixel (so an add that saturates shows)."""
    surf = pygame.Surface(size)
    w, h = size
    for y in range(0, h, 6):
        surf.fill(((y * 3) % 256, (y * 7 + 90) % 256, 200 - (y % 200)), (0, y, w, 6))
    return surf


def test_kept_beams_through_a_tween_equal_fresh_ones(room):
    layout, sunset, last_rays = room
    kept = Beams(layout.lights, (K, K))
    for light in tween(sunset, last_rays, 12):
        fresh = Beams(layout.lights, (K, K))
        view = pygame.Rect(0, 0, 480, 270)
        for i, shape in enumerate(kept.shapes):
            a = kept._lit(i, light, (0, 0), 1.0, view)
            b = fresh._lit(i, light, (0, 0), 1.0, view)
            assert (a is None) == (b is None), shape.shape.group
            if a is not None:
                assert a[1] == b[1] and a[0].get_size() == b[0].get_size()
                assert pixels(a[0]) == pixels(b[0]), f"polygon {i} ({shape.shape.group})"
        # and drawn: the same picture
        one, two = picture((480, 270)), picture((480, 270))
        kept.draw(one, light, (0, 0))
        fresh.draw(two, light, (0, 0))
        assert pixels(one) == pixels(two)


def test_kept_beams_through_a_ramp_tween_at_a_held_zoom_equal_fresh_ones(room):
    layout, sunset, _ = room
    hair = GameAssets(ROOT).presets["last_rays_hair"]  # the figure beam's colours are a ramp
    kept = Beams(layout.lights, (K, K))
    view = pygame.Rect(0, 0, 480, 270)
    ramps = [i for i, shape in enumerate(kept.shapes) if hair.beam(shape.shape.group).ramp]
    assert ramps
    for light in tween(sunset, hair, 6)[1:]:
        fresh = Beams(layout.lights, (K, K))
        for i in ramps:  # (a close-up held while the light moves: drawn scaled by the zoom)
            a, b = kept._lit(i, light, (0, 0), 1.5, view), fresh._lit(i, light, (0, 0), 1.5, view)
            assert (a is None) == (b is None)
            if a is not None:
                assert a[1] == b[1] and pixels(a[0]) == pixels(b[0]), f"polygon {i}"


def test_a_shorter_beam_is_its_whole_mask_shrunk_toward_its_first_point(room):
    layout, sunset, _ = room
    beams = Beams(layout.lights, (1.0, 1.0))
    shape = max(beams.shapes, key=lambda s: s.rect.w * s.rect.h)
    whole, rect = shape.at_reach(1.0)
    assert rect == shape.rect
    half, hrect = shape.at_reach(0.5)
    assert (hrect.w, hrect.h) == (round(rect.w * 0.5), round(rect.h * 0.5))
    # the first point stays where it was
    fx, fy = shape.first
    assert abs(hrect.x - (fx + (rect.x - fx) * 0.5)) <= 1 and abs(hrect.y - (fy + (rect.y - fy) * 0.5)) <= 1
    # the same soft shape at half the size (scaled from the small blur, not the full mask)
    ref = pygame.transform.smoothscale(whole, hrect.size)
    diff = ref.copy()
    diff.blit(half, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    other = half.copy()
    other.blit(ref, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    diff.blit(other, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    assert max(pygame.transform.average_color(diff)[:3]) <= 2
    assert pygame.mask.from_threshold(diff, (0, 0, 0), (13, 13, 13, 255)).count() > 0.99 * hrect.w * hrect.h
    # drawn into a kept surface: the same pixels
    into = pygame.Surface(rect.size)
    kept, krect = shape.at_reach(0.5, None, into)
    assert krect == hrect and pixels(kept) == pixels(half)
    assert shape.at_reach(0.0005) is None


def test_beams_under_shadows_equal_the_beams_summed_then_shadowed(room):
    layout, sunset, last_rays = room
    light = lerp_light(sunset, last_rays, 0.3)
    beams = Beams(layout.lights, (K, K))
    size = (480, 270)
    shade = pygame.Surface((120, 90))
    shade.fill((255, 255, 255))
    pygame.draw.ellipse(shade, (60, 40, 30), (10, 10, 100, 70))
    shadows = [(shade, (30, 200)), (shade, (90, 220)), (shade, (400, 250))]  # overlapping, off the edge
    got = picture(size)
    beams.draw(got, light, (0, 0), shadows=shadows)
    # the reference: every beam summed in one buffer over all of them, shadowed, added
    view = got.get_rect()
    pieces = [p for i, s in enumerate(beams.shapes) if s.shape.falls_on == "stage"
              if (p := beams._lit(i, light, (0, 0), 1.0, view)) is not None]
    assert len(pieces) >= 2
    area = pieces[0][0].get_rect(topleft=pieces[0][1]).unionall(
        [s.get_rect(topleft=at) for s, at in pieces[1:]]).clip(view)
    buf = pygame.Surface(area.size)
    buf.fill((0, 0, 0))
    for s, (x, y) in pieces:
        buf.blit(s, (x - area.x, y - area.y), special_flags=pygame.BLEND_RGB_ADD)
    for s, (x, y) in shadows:
        buf.blit(s, (x - area.x, y - area.y), special_flags=pygame.BLEND_RGB_MULT)
    want = picture(size)
    want.blit(buf, area.topleft, special_flags=pygame.BLEND_RGB_ADD)
    assert pixels(got) == pixels(want)
    # and the shadows did darken the light
    plain = picture(size)
    beams.draw(plain, light, (0, 0))
    assert pixels(plain) != pixels(got)


def test_beams_under_shadows_kept_through_a_moving_camera_and_a_stepping_light_equal_fresh(room):
    """The shadowed light is kept while the beams, the shadows and their places relative to
    each other hold: every frame of a camera move with a light that steps (and a shadow that
    changes) equals what a Beams with nothing kept draws."""
    layout, sunset, last_rays = room
    beams = Beams(layout.lights, (K, K))
    size = (480, 270)
    shades = []
    for dark in (60, 90):
        shade = pygame.Surface((120, 90))
        shade.fill((255, 255, 255))
        pygame.draw.ellipse(shade, (dark, 40, 30), (10, 10, 100, 70))
        shades.append(shade)
    steps = tween(sunset, last_rays, 4)
    kept = 0
    for n in range(20):
        light = steps[min(len(steps) - 1, n // 5)]  # the light holds for 5 frames at a time
        shade = shades[(n // 7) % 2]  # the sun turns: another shadow now and then
        o = (-n, n // 4)  # the camera carries the stage, its beams and the shadows together
        shadows = [(shade, (30 + o[0], 200 + o[1])), (shade, (90 + o[0], 220 + o[1])), (shade, (400 + o[0], 250 + o[1]))]
        got, want = picture(size), picture(size)
        before = beams._shaded
        beams.draw(got, light, o, shadows=shadows)
        Beams(layout.lights, (K, K)).draw(want, light, o, shadows=shadows)
        assert pixels(got) == pixels(want), n
        kept += before is not None and beams._shaded is before
    assert kept >= 8  # (most frames only added what was kept)


def test_a_ramp_beam_made_only_over_a_figure_lights_it_as_the_whole_beam_does(room):
    layout, sunset, last_rays = room
    size = (480, 270)
    grey = pygame.Surface((60, 200))
    for y in range(0, 200, 10):  # paint of every lightness, top to bottom
        grey.fill((y + 40, y + 40, y + 40), (0, y, 60, 10))
    beams = Beams(layout.lights, (K, K))
    ramps = [i for i, s in enumerate(beams.shapes) if s.shape.falls_on == "figures"]
    assert ramps
    lit_some = 0
    for u in (0.0, 0.35, 0.8):  # the figure band in several places (its offset moves)
        light = lerp_light(sunset, last_rays, u)
        for at in [(100, 20), (130, 90), (300, 10)]:
            paint = [(grey, at, 1.0), (grey, at, 1.0)]
            got = picture(size)
            beams.on_figure(got, light, (0, 0), 1.0, paint)
            want = picture(size)
            whole = Beams(layout.lights, (K, K))
            for i in ramps:  # the whole beam made, each piece of paint times it, added
                lit = whole._lit(i, light, (0, 0), 1.0, want.get_rect())
                if lit is None:
                    continue
                over = grey.get_rect(topleft=at).clip(lit[0].get_rect(topleft=lit[1])).clip(want.get_rect())
                if over.w <= 0 or over.h <= 0:
                    continue
                for surf, pos, _ in paint:
                    piece = surf.subsurface(over.move(-pos[0], -pos[1])).copy()
                    piece.blit(lit[0], (lit[1][0] - over.x, lit[1][1] - over.y), special_flags=pygame.BLEND_RGB_MULT)
                    want.blit(piece, over.topleft, special_flags=pygame.BLEND_RGB_ADD)
            assert pixels(got) == pixels(want), (u, at)
            lit_some += pixels(got) != pixels(picture(size))
    assert lit_some >= 3  # (the band did fall on the paint)


def on_figure_whole(layout, light, size, paint):
    """What `Beams.on_figure` draws, made the plain way: the whole beam, each whole piece of
    paint times it, added onto `picture(size)`."""
    want = picture(size)
    whole = Beams(layout.lights, (K, K))
    for i, shape in enumerate(whole.shapes):
        if shape.shape.falls_on != "figures":
            continue
        lit = whole._lit(i, light, (0, 0), 1.0, want.get_rect())
        if lit is None:
            continue
        for surf, pos, _ in paint:
            over = surf.get_rect(topleft=pos).clip(lit[0].get_rect(topleft=lit[1])).clip(want.get_rect())
            if over.w <= 0 or over.h <= 0:
                continue
            piece = surf.subsurface(over.move(-pos[0], -pos[1])).copy()
            piece.blit(lit[0], (lit[1][0] - over.x, lit[1][1] - over.y), special_flags=pygame.BLEND_RGB_MULT)
            want.blit(piece, over.topleft, special_flags=pygame.BLEND_RGB_ADD)
    return want


def test_light_on_figures_skips_only_the_black_of_their_paint(room):
    """A figure's paint is mostly black around it (and a dark-haired figure's sheen nearly all
    black): the light is made and added only where the paint is not, with the same result."""
    layout, sunset, last_rays = room
    size = (480, 270)
    body = pygame.Surface((90, 230))
    body.fill((0, 0, 0))
    for y in range(20, 200, 10):  # a figure of every lightness inside a black margin
        body.fill((y + 40, y // 2 + 40, y + 20), (15 + y // 20, y, 50, 10))
    sheen = pygame.Surface((90, 230))
    sheen.fill((0, 0, 0))
    sheen.set_at((44, 61), (200, 190, 180))  # all but one pixel black
    dark = pygame.Surface((90, 230), pygame.SRCALPHA)
    dark.fill((0, 0, 0, 255))  # black but opaque: nothing to add
    assert lit_content(body.copy()) == pygame.Rect(16, 0, 58, 230)  # (copies: these stay unknown,
    assert lit_content(sheen.copy()) == pygame.Rect(44, 0, 1, 230)  # to be found by on_figure in turn)
    assert lit_content(dark.copy()) == pygame.Rect(0, 0, 0, 0)
    beams = Beams(layout.lights, (K, K))
    lit_some = 0
    for u in (0.0, 0.35, 0.8):
        light = lerp_light(sunset, last_rays, u)
        for at in [(100, 20), (130, 60), (300, 10), (-40, 150)]:
            paint = [(sheen, at, 1.0), (body, at, 1.0), (dark, at, 1.0)]
            got = picture(size)
            beams.on_figure(got, light, (0, 0), 1.0, paint)
            assert pixels(got) == pixels(on_figure_whole(layout, light, size, paint)), (u, at)
            lit_some += pixels(got) != pixels(picture(size))
    assert lit_some >= 3
    assert all(_LIT_CONTENT.get(p) is not None for p in (sheen, body, dark))  # found by then


def test_light_on_figures_kept_through_a_moving_camera_and_a_stepping_light_equals_fresh(room):
    """The paint times the beam is kept while the paint, the light and their places relative to
    each other hold (a camera moving both, a light that steps a few times a second): every
    frame equals what a Beams with nothing kept draws."""
    layout, sunset, last_rays = room
    size = (480, 270)
    body = pygame.Surface((90, 230))
    body.fill((0, 0, 0))
    for y in range(20, 200, 10):
        body.fill((y + 40, y // 2 + 40, y + 20), (15 + y // 20, y, 50, 10))
    faded = pygame.Surface((90, 230), pygame.SRCALPHA)
    faded.fill((30, 60, 90, 200))
    beams = Beams(layout.lights, (K, K))
    steps = tween(sunset, last_rays, 5)
    hits = lit_some = 0
    for n in range(24):
        light = steps[min(len(steps) - 1, n // 4)]  # the light holds for 4 frames at a time
        origin = (-n, n // 3)  # the camera moves the stage and the figure together
        at = (120 + origin[0], 40 + origin[1])
        zoom = 1.0 if n < 16 else 1.25  # then a close-up held
        paint = [(body, at, 1.0), (faded, at, 2.0)]
        got, want = picture(size), picture(size)
        before = {slot: hit[2] for slot, hit in beams._products.items()}
        beams.on_figure(got, light, origin, zoom, paint)
        Beams(layout.lights, (K, K)).on_figure(want, light, origin, zoom, paint)
        assert pixels(got) == pixels(want), n
        hits += any(before.get(slot) is hit[2] for slot, hit in beams._products.items())
        lit_some += pixels(got) != pixels(picture(size))
    assert hits >= 10 and lit_some >= 12  # (it was kept, most frames only added it; and it lit them)


def test_lit_content_holds_every_column_with_a_pixel_that_is_not_black():
    rng = random.Random(3)
    for _ in range(40):
        w, h = rng.randint(1, 70), rng.randint(1, 90)
        surf = pygame.Surface((w, h), pygame.SRCALPHA if rng.random() < 0.3 else 0)
        surf.fill((0, 0, 0, rng.choice((0, 255))))
        lit = []
        for _ in range(rng.randint(0, 3)):
            x, y = rng.randrange(w), rng.randrange(h)
            surf.set_at((x, y), (rng.randint(0, 2), rng.randint(0, 2), 1, rng.choice((0, 255))))
            lit.append((x, y))
        want = pygame.Rect(0, 0, 0, 0)  # the columns holding a pixel that is not black, all rows
        if lit:
            xs = [p[0] for p in lit]
            want = pygame.Rect(min(xs), 0, max(xs) - min(xs) + 1, h)
        assert lit_content(surf) == want, (w, h, lit)


def test_a_rectangle_less_a_hole_covers_the_rest_once():
    rect = pygame.Rect(10, 20, 50, 40)
    for hole in [pygame.Rect(20, 30, 10, 10), pygame.Rect(0, 0, 30, 30), pygame.Rect(50, 50, 30, 30),
                 pygame.Rect(0, 0, 5, 5), pygame.Rect(0, 0, 100, 100), pygame.Rect(15, 0, 10, 100)]:
        bands = _outside(rect, hole)
        cover = pygame.Surface((100, 100))
        cover.fill((0, 0, 0))
        for b in bands:
            assert rect.contains(b)
            cover.fill((1, 1, 1), b, special_flags=pygame.BLEND_RGB_ADD)
        inside = hole.clip(rect)
        for y in range(100):
            for x in range(100):
                want = 1 if rect.collidepoint(x, y) and not inside.collidepoint(x, y) else 0
                assert cover.get_at((x, y))[0] == want, (hole, x, y)


def test_a_kept_sky_and_lit_planes_through_a_tween_equal_fresh_ones(room):
    layout, sunset, last_rays = room
    maps = build_stage_maps(layout, ImageCache(), K)
    assert maps.sky is not None
    kept = StageLighter(maps, layout)
    for light in tween(sunset, last_rays, 10):
        one, two = pygame.Surface(maps.size), pygame.Surface(maps.size)
        kept.draw(one, light)
        StageLighter(maps, layout).draw(two, light)
        assert pixels(one) == pixels(two)


def test_planes_lit_only_where_a_close_camera_shows_them_equal_fresh_ones(room):
    """A camera closer than the stage shows part of its planes: a new light lights only that
    part, and the rest when a later frame shows it (the camera pulls back or pans, with the
    light holding or changing). Every drawn picture equals a fresh lighter's."""
    layout, sunset, last_rays = room
    maps = build_stage_maps(layout, ImageCache(), K)
    kept = StageLighter(maps, layout)
    lights = tween(sunset, last_rays, 8)
    shots = [  # (light, picture size, where the maps' (0, 0) lands)
        (lights[0], (200, 120), (-100, -60)), (lights[1], (200, 120), (-90, -50)),
        (lights[1], (260, 150), (-60, -40)),  # the same light, more shown: the rest lit too
        (lights[1], (200, 120), (-250, -140)),  # panned far: still the same light
        (lights[2], (120, 80), (-300, -150)), (lights[3], (480, 270), (0, 0)),  # all of it
        (lights[4], (90, 60), (-10, -200)), (lights[4], (140, 100), (-330, -20)),
        (lights[5], (480, 270), (0, 0)), (lights[6], (50, 50), (-400, -10)), (lights[7], (300, 200), (-5, -5)),
    ]
    for n, (light, size, origin) in enumerate(shots):
        one, two = pygame.Surface(size), pygame.Surface(size)
        kept.draw(one, light, origin)
        StageLighter(maps, layout).draw(two, light, origin)
        assert pixels(one) == pixels(two), n
    clipped = pygame.Surface((480, 270))  # a clipped picture: only the clip is lit and drawn
    clipped.set_clip((40, 30, 100, 60))
    kept.draw(clipped, lights[0], (0, 0))
    clipped.set_clip(None)
    want = pygame.Surface((480, 270))
    StageLighter(maps, layout).draw(want, lights[0], (0, 0))
    area = pygame.Rect(40, 30, 100, 60)
    assert pixels(clipped.subsurface(area)) == pixels(want.subsurface(area))


def test_kept_planes_laid_over_others_through_a_tween_equal_fresh_ones(room):
    """Planes laid over others (the chair) have no sky: they are kept while their own light
    holds, however the sun moves, and equal a fresh lighter's."""
    layout, sunset, last_rays = room
    upper = layout.layers[len(layout.layers) // 2:]
    maps = build_stage_maps(layout, ImageCache(), K, 0.0, upper, False)
    assert maps.laid_over and not maps.has_sky
    kept = StageLighter(maps, layout)
    for light in tween(sunset, last_rays, 10):
        got = kept.over(light)
        assert pygame.image.tobytes(got, "RGBA") == pygame.image.tobytes(StageLighter(maps, layout).over(light), "RGBA")


def test_a_kept_shadow_equals_a_fresh_one_at_a_scale_of_the_same_blur():
    art = block_art()
    kept = SpriteRenderer(ImageCache())
    first = kept.shadow(art, None, (100.0, 400.0), (300.0, 100.0), 1.0, 1.0)
    # a moving camera draws at a scale that changes every frame; the blur changes in steps
    for px in (0.999, 0.97, 1.02, 1.21, 0.6):
        got = kept.shadow(art, None, (100.0, 400.0), (300.0, 100.0), 1.0, px)
        want = SpriteRenderer(ImageCache()).shadow(art, None, (100.0, 400.0), (300.0, 100.0), 1.0, px)
        assert got[1] == want[1] and pixels(got[0]) == pixels(want[0]), px
    assert first is not None


def test_frames_through_the_heaviest_moment_equal_fresh_ones():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    from vn.screen import Screen
    from vn.tools.bench import _heavy_session

    size = (480, 270)
    screen, session, now = _heavy_session(None, size, 90)
    surf = pygame.Surface(size)
    screen.draw(surf, session, now)
    compared = 0
    for n in range(1, 61):
        now += 1.0 / 30.0  # 2 s: steps of the light, the sky, the beams' reach, the camera
        session.update(now)
        screen.draw(surf, session, now)
        if n % 12 == 0:
            fresh = pygame.Surface(size)
            Screen(screen.game, size).draw(fresh, session, now)
            assert pixels(surf) == pixels(fresh), f"frame {n}"
            compared += 1
    view = session.scene.view(now)
    assert view.camera_moving and view.transition is not None and compared == 5

"""Rendered-frame checks: pixel statistics over regions of composited frames."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.probes import require_tmxrasterizer  # noqa: E402
from tests.render.pixels import changed  # noqa: E402
from tests.stage.helpers import BUNDLED_STAGE, FIXTURE_GAME, ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor, fit  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

SMALL = (480, 270)


@pytest.fixture(scope="module")
def fixture_assets():
    return GameAssets(FIXTURE_GAME, sprites={"a": "fig", "b": "fig"})


@pytest.fixture(scope="module")
def bundled_assets():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    return GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})


def frame(assets, steps, t=0.0, size=SMALL, stage="room", compositor=None):
    scene = Scene(assets)
    scene.apply(direction("stage", name=stage), 0)
    for when, cmd, args in steps:
        scene.apply(direction(cmd, **args), when)
    surf = pygame.Surface(size)
    (compositor or Compositor(assets, ImageCache())).draw(surf, scene.view(t))
    return surf


def region(surf, x, y, w, h, logical=(1920, 1080)):
    """Mean (r, g, b) over a logical rectangle."""
    scale, pic = fit(surf.get_size(), logical)
    rect = pygame.Rect(pic.x + round(x * scale), pic.y + round(y * scale), max(1, round(w * scale)),
                       max(1, round(h * scale)))
    c = pygame.transform.average_color(surf, rect, consider_alpha=False)
    return c[0], c[1], c[2]


def luma(rgb):
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def lit(preset):
    return [(0, "light", {"preset": preset})]


# --- the fixture room (art made for these tests) ---------------------------------------------


def test_fixture_sunset_is_red_and_night_dark_and_blue(fixture_assets):
    sunset = frame(fixture_assets, lit("sunset"))
    night = frame(fixture_assets, lit("night"))
    room = (1300, 830, 600, 240)  # interior floor and wall, right side
    r, g, b = region(sunset, *room)
    assert r > g > b and r > 1.3 * b
    nr, ng, nb = region(night, *room)
    assert luma((nr, ng, nb)) < 0.6 * luma((r, g, b)) and nb > nr
    # the city-lights strip shows only at night
    strip, beside = (300, 690, 600, 60), (300, 600, 600, 15)
    assert luma(region(night, *strip)) > luma(region(night, *beside)) + 60
    assert abs(luma(region(sunset, *strip)) - luma(region(sunset, 300, 625, 600, 15))) < 25


def test_sprite_is_drawn_where_its_mark_says(fixture_assets):
    size = (960, 540)
    without = frame(fixture_assets, lit("day"), size=size)
    with_ = frame(fixture_assets, lit("day") + [(0, "show", {"who": "a", "at": "door"})], size=size)
    box = changed(with_, without, threshold=10)
    feet = (1750 / 2, 980 / 2)  # the `door` mark, at half scale
    assert abs(box.centerx - feet[0]) <= 4 and abs(box.bottom - feet[1]) <= 3
    assert box.height == pytest.approx(800 / 2 * 0.98, abs=3)  # height 800 at scale 1; the head starts 2% down


def test_dissolve_midpoint_lies_between_its_ends(fixture_assets):
    comp = Compositor(fixture_assets, ImageCache())
    steps = lit("sunset") + [(1, "transition", {"kind": "dissolve", "over": 2.0}), (1, "light", {"preset": "night"})]
    start, mid, end = (frame(fixture_assets, steps, t, compositor=comp) for t in (1.0, 2.0, 3.0))
    for area in ((1300, 830, 600, 240), (100, 100, 800, 400)):
        a, m, b = region(start, *area), region(mid, *area), region(end, *area)
        for i in range(3):
            assert m[i] == pytest.approx((a[i] + b[i]) / 2, abs=3)
    assert region(start, 100, 100, 800, 400) == region(frame(fixture_assets, lit("sunset")), 100, 100, 800, 400)


def test_a_dissolve_is_the_mix_of_its_ends_within_a_level_at_every_pixel(fixture_assets):
    from vn.easing import ease

    comp = Compositor(fixture_assets, ImageCache())
    steps = lit("sunset") + [(1, "transition", {"kind": "dissolve", "over": 2.0}), (1, "light", {"preset": "night"})]
    start, mid, end = (frame(fixture_assets, steps, t, compositor=comp) for t in (1.0, 1.6, 3.0))
    a = max(0, min(255, round(255 * (1.0 - ease("sine_in_out", 0.3)))))  # the picture before's share
    assert 0 < a < 255 and a != 128
    before, after, got = (pygame.image.tobytes(s, "RGB") for s in (start, mid, end))
    got, after = after, got
    worst = max(abs(g - (b * a + f * (255 - a)) / 255) for b, f, g in zip(before, after, got, strict=True))
    assert worst < 1.0  # (SDL's own blend of an opaque picture is off by up to 1.7 levels)
    # and an opaque pixel of the picture before is copied exactly where it shows alone
    assert pygame.image.tobytes(frame(fixture_assets, steps, 1.0, compositor=comp), "RGB") == before


def test_fade_goes_through_its_colour(fixture_assets):
    steps = lit("day") + [(1, "transition", {"kind": "fade", "color": "#ff0000"})]
    surf = frame(fixture_assets, steps, 1.5)
    assert region(surf, 0, 0, 1920, 1080) == pytest.approx((255, 0, 0), abs=1)


def test_identical_inputs_identical_frames(fixture_assets):
    steps = lit("sunset") + [(0, "show", {"who": "a", "at": "window"}), (1, "light", {"preset": "night", "over": 4.0}),
                             (1, "effect", {"kind": "vignette"}), (1, "transition", {"kind": "wipe"})]
    a = frame(fixture_assets, steps, 1.4)
    b = frame(fixture_assets, steps, 1.4)
    assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


def test_letterbox_and_sizes(fixture_assets):
    tall = frame(fixture_assets, lit("day"), size=(400, 400))
    assert tall.get_at((200, 10))[:3] == (0, 0, 0) and tall.get_at((200, 200))[:3] != (0, 0, 0)
    big = frame(fixture_assets, lit("sunset") + [(0, "show", {"who": "a", "at": "window"})], size=(3840, 2160))
    small = frame(fixture_assets, lit("sunset") + [(0, "show", {"who": "a", "at": "window"})], size=(1280, 720))
    for area in ((1300, 830, 600, 240), (520, 200, 160, 600)):
        assert region(big, *area) == pytest.approx(region(small, *area), abs=4)


def test_card_and_no_stage(fixture_assets):
    scene = Scene(fixture_assets)
    scene.apply(direction("card", title="I. Sunset", subtitle="High above"), 0)
    surf = pygame.Surface(SMALL)
    Compositor(fixture_assets, ImageCache()).draw(surf, scene.view(1.25))
    assert luma(region(surf, 0, 0, 1920, 200)) < 1  # black behind the words
    assert luma(region(surf, 560, 440, 800, 200)) > 3  # the words


def test_missing_image_gives_placeholder(tmp_path):
    cache = ImageCache()
    surf = cache.get(tmp_path / "missing.svg", (64, 64))
    again = cache.get(tmp_path / "missing.svg", (64, 64))
    assert surf is again and surf.get_size() == (64, 64)
    colours = {surf.get_at((x, y))[:3] for x in range(0, 64, 4) for y in range(0, 64, 4)}
    assert (255, 0, 255) in colours and (0, 0, 0) in colours
    assert len(cache.warnings) == 1 and "missing.svg" in cache.warnings[0]
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    assert cache.get(broken, (16, 8)).get_size() == (16, 8) and len(cache.warnings) == 2


def test_svg_is_rasterised_at_the_size_drawn():
    cache = ImageCache()
    body = FIXTURE_GAME / "assets" / "sprites" / "fig" / "body.svg"
    for size in ((40, 100), (401, 1003), (13, 33)):
        assert cache.get(body, size).get_size() == size
    assert cache.natural_size(body) == (400, 1000)


# --- the bundled living room ----------------------------------------------------------------

WALL = (1500, 120, 300, 500)  # solid wall, right third
SKY = (100, 60, 800, 300)  # the glass, above the horizon
CITY = (60, 560, 900, 240)  # the city below the horizon


def test_bundled_light_moods(bundled_assets):
    frames = {p: frame(bundled_assets, lit(p), stage="living_room") for p in
              ("sunset", "night", "predawn", "sunrise")}
    r, g, b = region(frames["sunset"], *SKY)
    assert r > g and r > b  # sunset: red-dominant sky ...
    r, g, b = region(frames["sunset"], 0, 0, 1920, 1080)
    assert r > 1.2 * g and r > 1.2 * b  # ... and room
    night_all, sunset_all = region(frames["night"], 0, 0, 1920, 1080), region(frames["sunset"], 0, 0, 1920, 1080)
    assert luma(night_all) < 0.6 * luma(sunset_all)
    assert night_all[2] > night_all[0]  # bluer
    # city lights: bright points in the city at night only
    def bright_points(surf):
        scale, pic = fit(surf.get_size(), (1920, 1080))
        sub = surf.subsurface(pygame.Rect(round(CITY[0] * scale), round(CITY[1] * scale),
                                          round(CITY[2] * scale), round(CITY[3] * scale)))
        return pygame.mask.from_threshold(sub, (255, 230, 170), (70, 70, 110, 255)).count()
    assert bright_points(frames["night"]) > 5 * max(1, bright_points(frames["predawn"]) // 2) \
        or bright_points(frames["night"]) > 50
    assert bright_points(frames["night"]) > bright_points(frames["sunset"]) + 20
    # sunrise is warmer and brighter than predawn
    sr, pd = region(frames["sunrise"], 0, 0, 1920, 1080), region(frames["predawn"], 0, 0, 1920, 1080)
    assert luma(sr) > luma(pd)
    assert sr[0] - sr[2] > pd[0] - pd[2]


def test_bundled_sunset_beam_lights_sephiroth(bundled_assets):
    if bundled_assets.sprite("sephiroth") is None:
        pytest.skip("the bundled sprites are not there yet")
    steps = [(0, "show", {"who": "sephiroth", "at": "window"})]
    sunset = frame(bundled_assets, lit("sunset") + steps, stage="living_room", size=(960, 540))
    rays_gone = frame(bundled_assets, lit("dusk") + steps, stage="living_room", size=(960, 540))
    figure = (590, 500, 80, 300)
    assert luma(region(sunset, *figure)) > luma(region(rays_gone, *figure))


def test_stage_layers_match_tmxrasterizer(bundled_assets, tmp_path):
    import subprocess

    require_tmxrasterizer()  # a blank picture from a half-installed Tiled is no reference
    out = tmp_path / "tiled.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(["tmxrasterizer", "--hide-layer", "marks", "--hide-layer", "lights",
                          str(BUNDLED_STAGE), str(out)], env=env, capture_output=True, timeout=120)
    assert run.returncode == 0 and out.exists(), f"tmxrasterizer failed on the stage: {run.stderr[-300:]!r}"
    tiled = pygame.image.load(str(out))
    layout = bundled_assets.stage("living_room")
    cache = ImageCache()
    ours = pygame.Surface(layout.size)
    ours.fill((0, 0, 0))
    for layer in layout.layers:  # the planes as Tiled draws them: plain, unlit, in file order
        if layer.visible and layer.image is not None:
            img = cache.get(layer.image, layout.size)
            if layer.opacity < 1:
                img = img.copy()
                img.set_alpha(round(255 * layer.opacity))
            ours.blit(img, layer.offset)
    assert tiled.get_size() == ours.get_size()
    small = (96, 54)
    a = pygame.transform.smoothscale(_rgb(tiled), small)
    b = pygame.transform.smoothscale(ours, small)
    diffs = [abs(a.get_at((x, y))[i] - b.get_at((x, y))[i]) for x in range(small[0]) for y in range(small[1])
             for i in range(3)]
    assert sum(diffs) / len(diffs) < 6, "our planes differ from Tiled's rendering of the map"


def _rgb(surf):
    out = pygame.Surface(surf.get_size())
    out.fill((0, 0, 0))
    out.blit(surf, (0, 0))
    return out

"""The key-beat images (assets/stages/cg_*.tmx): each is a stage the light presets apply to.

Pixel statistics over regions found from the engine's own role maps (where the sky shows, where
the rim layers are): the sky takes the preset's colours, the rim the preset's rim colour, the
figure stays darker than its rim, and the camera's marks frame something."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.stage.helpers import ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.render.lighting import build_stage_maps  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

STAGES = ROOT / "assets" / "stages"
CGS = sorted(p.stem for p in STAGES.glob("cg_*.tmx"))
SIZE = (960, 540)
K = SIZE[0] / 1920


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield


@pytest.fixture(scope="module")
def assets():
    return GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})


def render(assets, stage, preset, camera=None, t=0.0):
    scene = Scene(assets)
    scene.apply(direction("stage", name=stage), 0)
    scene.apply(direction("light", preset=preset), 0)
    if camera is not None:
        scene.apply(direction("camera", **camera), 0)
    surf = pygame.Surface(SIZE)
    Compositor(assets, ImageCache()).draw(surf, scene.view(t))
    return surf


def _points(mask: pygame.Surface, offset: tuple[int, int], test, step: int = 2) -> list[tuple[int, int]]:
    out = []
    w, h = mask.get_size()
    for y in range(0, h, step):
        for x in range(0, w, step):
            if test(mask.get_at((x, y))[0]):
                out.append((x + offset[0], y + offset[1]))
    return out


@pytest.fixture(scope="module")
def regions(assets):
    """Per CG: sky pixels (the sky shows fully), rim pixels (a rim layer is bright there), and
    for each rim pixel the figure just inside it (8 px away from the light, not rim, not sky)."""
    out = {}
    for name in CGS:
        layout = assets.stage(name)
        maps = build_stage_maps(layout, ImageCache(), K)
        sky = _points(maps.sky, maps.sky_rect.topleft, lambda v: v >= 250, 4) if maps.sky else []
        rim = _points(maps.rim, maps.rim_rect.topleft, lambda v: v >= 200) if maps.rim else []
        rim_set = set()
        if maps.rim is not None:
            rim_set = set(_points(maps.rim, maps.rim_rect.topleft, lambda v: v >= 8, 1))
        sky_set = set(_points(maps.sky, maps.sky_rect.topleft, lambda v: v >= 8, 1)) if maps.sky else set()
        dx = 8 if layout.window_side == "left" else -8
        inside = []
        for x, y in rim:
            q = (x + dx, y)
            if q not in rim_set and q not in sky_set and 0 <= q[0] < SIZE[0]:
                inside.append((x, y, q))
        out[name] = (sky, rim, inside)
    return out


def mean(surf, pts):
    n = max(1, len(pts))
    r = g = b = 0
    for p in pts:
        c = surf.get_at(p)
        r, g, b = r + c[0], g + c[1], b + c[2]
    return (r / n, g / n, b / n)


def luma(c):
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def test_there_are_key_beat_images():
    assert len(CGS) >= 1


@pytest.mark.parametrize("name", CGS)
def test_each_cg_loads_clean_with_its_title_marks_and_light_roles(name):
    layout, diags = load_layout(STAGES / f"{name}.tmx", lambda p: True)
    assert layout is not None and [d for d in diags if d.severity == "error"] == [], [d.format() for d in diags]
    assert layout.gallery, "a CG names itself for the gallery"
    assert layout.marks, "a CG has marks for the camera"
    roles = {layer.light for layer in layout.layers}
    assert {"sky", "ambient", "rim"} <= roles


@pytest.mark.parametrize("name", CGS)
def test_the_preset_lights_each_cg(assets, regions, name):
    sky, rim, inside = regions[name]
    assert len(sky) > 20 and len(rim) > 20 and len(inside) > 10
    sunset, night = render(assets, name, "sunset"), render(assets, name, "night")
    s, n = mean(sunset, sky), mean(night, sky)
    assert s[0] - s[2] > n[0] - n[2] + 30, "sunset's sky is redder than night's"
    assert luma(s) > luma(n)
    # the rim takes the preset's rim colour: warm at sunset, cool at night
    rs, rn = mean(sunset, rim), mean(night, rim)
    assert rs[0] > rs[2] and rn[2] > rn[0]
    # backlit: just inside the edge the figure is darker than its rim, under both
    for frame in (sunset, night):
        edge = mean(frame, [p[:2] for p in inside])
        body = mean(frame, [p[2] for p in inside])
        assert luma(edge) > luma(body) + 12


@pytest.mark.parametrize("name", CGS)
def test_framing_each_mark_changes_the_picture(assets, name):
    layout = assets.stage(name)
    still = render(assets, name, "sunset")
    for mark in layout.marks.values():
        pushed = render(assets, name, "sunset", {"x": mark.x, "y": mark.y, "zoom": 1.25})
        assert pygame.image.tobytes(pushed, "RGB") != pygame.image.tobytes(still, "RGB")
        # the mark comes to the centre of the screen: the picture there was at the mark before
        cx, cy = SIZE[0] // 2, SIZE[1] // 2
        mx, my = round(mark.x * K), round(mark.y * K)
        if 0 <= mx < SIZE[0] and 0 <= my < SIZE[1]:
            a = pygame.transform.average_color(pushed, pygame.Rect(cx - 3, cy - 3, 6, 6), consider_alpha=False)
            b = pygame.transform.average_color(still, pygame.Rect(mx - 3, my - 3, 6, 6), consider_alpha=False)
            assert sum(abs(a[i] - b[i]) for i in range(3)) < 90


def test_a_push_in_moves_over_time(assets):
    name = CGS[0]
    layout = assets.stage(name)
    mark = next(iter(layout.marks.values()))
    scene = Scene(assets)
    scene.apply(direction("stage", name=name), 0)
    scene.apply(direction("camera", x=mark.x, y=mark.y, zoom=1.3, over=10), 0)
    assert scene.busy(5.0) and not scene.busy(10.5)
    a, b = scene.view(0.0).camera, scene.view(5.0).camera
    c = scene.view(10.0).camera
    assert a.zoom < b.zoom < c.zoom

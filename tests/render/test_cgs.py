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
from vn.stage.camera import Camera, clamp  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

STAGES = ROOT / "assets" / "stages"
CGS = sorted(p.stem for p in STAGES.glob("cg_*.tmx"))
SIZE = (960, 540)
K = SIZE[0] / 1920


@pytest.fixture(scope="module")
def assets():
    return GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})


_FRAMES: dict = {}


def render(assets, stage, preset, camera=None, t=0.0, size=SIZE):
    """The frame of `stage` under `preset` (kept: several tests look at the same frames)."""
    key = (stage, preset, tuple(sorted((camera or {}).items())), t, size)
    if key not in _FRAMES:
        _FRAMES[key] = _render(assets, stage, preset, camera, t, size)
    return _FRAMES[key]


def _render(assets, stage, preset, camera, t, size):
    scene = Scene(assets)
    scene.apply(direction("stage", name=stage), 0)
    scene.apply(direction("light", preset=preset), 0)
    if camera is not None:
        scene.apply(direction("camera", **camera), 0)
    surf = pygame.Surface(size)
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


def _mask(surf: pygame.Surface | None, rect: pygame.Rect) -> pygame.mask.Mask:
    """Where a grey role map is lit at all (>= 8), over the whole picture."""
    out = pygame.mask.Mask(SIZE)
    if surf is not None:
        out.draw(pygame.mask.from_threshold(surf, (255, 255, 255), (248, 248, 248, 255)), rect.topleft)
    return out


@pytest.fixture(scope="module")
def regions(assets):
    """Per CG: sky pixels (the sky shows fully), rim pixels (a rim layer is bright there), and
    for each rim pixel the figure just inside it (8 px away from the light, not rim, not sky)."""
    out = {}
    for name in CGS:
        layout = assets.stage(name)
        maps = build_stage_maps(layout, ImageCache(), K)
        sky = _points(maps.sky_mask(), maps.sky_rect.topleft, lambda v: v >= 250, 4) if maps.has_sky else []
        rim = _points(maps.rim, maps.rim_rect.topleft, lambda v: v >= 200) if maps.rim else []
        rim_any, sky_any = _mask(maps.rim, maps.rim_rect), _mask(maps.sky_mask(), maps.sky_rect)
        dx = 8 if layout.window_side == "left" else -8
        inside = []
        for x, y in rim:
            q = (x + dx, y)
            if 0 <= q[0] < SIZE[0] and not rim_any.get_at(q) and not sky_any.get_at(q):
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
    small = (480, 270)
    k = small[0] / 1920
    still = render(assets, name, "sunset", size=small)
    for mark in layout.marks.values():
        pushed = render(assets, name, "sunset", {"x": mark.x, "y": mark.y, "zoom": 1.25}, size=small)
        assert pygame.image.tobytes(pushed, "RGB") != pygame.image.tobytes(still, "RGB")
        # the mark comes to the centre of the screen, or as near as the map's edges allow: the
        # picture where it lands was at the mark before
        cam = clamp(Camera(mark.x, mark.y, 1.25), layout.size, (1920, 1080))
        cx = round(((mark.x - cam.x) * cam.zoom + 960) * k)
        cy = round(((mark.y - cam.y) * cam.zoom + 540) * k)
        mx, my = round(mark.x * k), round(mark.y * k)
        if 0 <= mx < small[0] and 0 <= my < small[1]:
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


# Each image under the presets the story shows it with: (image, earlier, later, what changes).
MEANT = [
    ("cg_eyes", "last_rays", "night", "rim dims"),
    ("cg_chair", "sunset", "last_rays", "rim dims"),
    ("cg_door", "sunset", "last_rays", "rim dims"),
    ("cg_embrace", "last_rays", "dusk", "rim dims"),
    ("cg_promise", "predawn", "sunrise", "sky brightens"),
    ("cg_town", "night", "burning", "sky reddens"),
]


@pytest.mark.parametrize("name,before,after,change", [m for m in MEANT if m[0] in CGS])
def test_each_cg_under_the_presets_it_is_meant_for(assets, regions, name, before, after, change):
    sky, rim, _ = regions[name]
    a, b = render(assets, name, before), render(assets, name, after)
    if change == "rim dims":
        assert luma(mean(b, rim)) < luma(mean(a, rim)) - 10
    elif change == "sky brightens":
        assert luma(mean(b, sky)) > luma(mean(a, sky)) + 20
    else:
        sa, sb = mean(a, sky), mean(b, sky)
        assert sb[0] - sb[2] > sa[0] - sa[2] + 10


def test_the_burning_town_burns(assets):
    """The fire is an emissive plane: bright under `burning`, where the sky around it is dark."""
    layout = assets.stage("cg_town")
    maps = build_stage_maps(layout, ImageCache(), K)
    fire = _points(maps.emissive, maps.emissive_rect.topleft, lambda v: v >= 200, 3)
    sky = _points(maps.sky_mask(), maps.sky_rect.topleft, lambda v: v >= 250, 6)
    frame = render(assets, "cg_town", "burning")
    assert len(fire) > 50
    assert luma(mean(frame, fire)) > 3 * luma(mean(frame, sky))


def _cameras(steps, stages: frozenset, out: list) -> frozenset:
    """Every `camera: {x, y, zoom}` in `steps` (nested branches too) with the stages that can be
    in force when it runs; returns the stages that can be in force after `steps`."""
    for step in steps:
        if not isinstance(step, dict):
            continue
        if isinstance(step.get("stage"), str):
            stages = frozenset({step["stage"]})
        cam = step.get("camera")
        if isinstance(cam, dict) and "zoom" in cam:
            out.append((stages, cam))
        after = set()
        branches = [step[k] for k in ("then", "else") if isinstance(step.get(k), list)]
        branches += [v for o in step.get("choice") or [] if isinstance(o, dict) for v in o.values() if isinstance(v, list)]
        for branch in branches:
            after |= _cameras(branch, stages, out)
        if branches:
            stages = frozenset(after | (set(stages) if "else" not in step and "choice" not in step else set()))
    return stages


def test_every_camera_the_story_sets_keeps_the_view_inside_the_map():
    """No black bars: at zoom z the centre stays within half a screen of the map's edges, for
    every stage that can be in force (the game is 1920x1080)."""
    import yaml

    found = []
    for path in sorted((ROOT / "scripts").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for steps in data.values():
            if isinstance(steps, list):
                _cameras(steps, frozenset({"living_room"}), found)
    assert any("cg_chair" in stages for stages, _ in found), "the chair's push-in is found"
    for stages, cam in found:
        for stage in stages:
            layout, _ = load_layout(STAGES / f"{stage}.tmx", lambda p: True)
            w, h = layout.size
            z = float(cam["zoom"])
            x, y = float(cam.get("x", w / 2)), float(cam.get("y", h / 2))
            assert 960 / z - 0.5 <= x <= w - 960 / z + 0.5, (stage, cam)
            assert 540 / z - 0.5 <= y <= h - 540 / z + 0.5, (stage, cam)

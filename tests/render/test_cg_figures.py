"""The figures of the key-beat images up close: what the art director saw wrong must not come back.

Pixel statistics over regions of each CG's figure layer (its alpha: where the silhouette is),
rasterised at the game's size the way the game rasterises it, and of frames lit by the presets
the story shows them with. Regions come from the map's marks and keep-clear areas, so moving a
figure moves its test regions with it.
"""

from __future__ import annotations

import functools
import math
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.stage.helpers import ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

STAGES = ROOT / "assets" / "stages"
FULL = (1920, 1080)


@functools.cache
def layout_of(name: str, stages=STAGES):
    layout, _ = load_layout(stages / f"{name}.tmx", lambda p: True)
    return layout


@functools.cache
def silhouette(name: str, layer: str, stages=STAGES) -> pygame.mask.Mask:
    """Where the figure layer `layer` of CG `name` is (nearly) opaque, at 1920x1080."""
    surf = ImageCache().get(stages / name / f"{layer}.svg", FULL)
    return pygame.mask.from_surface(surf, 200)


def run_through(mask: pygame.mask.Mask, centre: tuple[float, float], d: tuple[float, float], reach: int = 200) -> float:
    """The length (px) of the unbroken run of the silhouette along direction d through `centre`."""
    n = math.hypot(*d)
    ux, uy = d[0] / n, d[1] / n
    w, h = mask.get_size()

    def inside(t: float) -> bool:
        x, y = round(centre[0] + ux * t), round(centre[1] + uy * t)
        return 0 <= x < w and 0 <= y < h and bool(mask.get_at((x, y)))
    assert inside(0), f"{centre} is not on the silhouette"
    lo = hi = 0
    while hi < reach and inside(hi + 1):
        hi += 1
    while -lo < reach and inside(lo - 1):
        lo -= 1
    assert hi < reach and -lo < reach, "the run did not end: the region is not what the test expects"
    return float(hi - lo + 1)


def runs_in_row(mask: pygame.mask.Mask, y: int, x0: int, x1: int, min_len: int = 3) -> list[tuple[int, int]]:
    """The silhouette's runs (start, end) along row y between x0 and x1 (runs under min_len px
    are antialiasing, not shapes)."""
    out, start = [], None
    for x in range(x0, x1 + 1):
        on = x < x1 and bool(mask.get_at((x, y)))
        if on and start is None:
            start = x
        elif not on and start is not None:
            if x - start >= min_len:
                out.append((start, x - 1))
            start = None
    return out


def eroded_share(mask: pygame.mask.Mask, rect: pygame.Rect, r: int) -> float:
    """Of the silhouette's pixels in `rect`, the share that lie at least r px inside it (a disc
    of radius r around them is all silhouette): thin spikes and strands erode away, heavy locks
    keep their core."""
    region = pygame.mask.Mask(rect.size)
    region.draw(mask, (-rect.x, -rect.y))
    core = region.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dx * dx + dy * dy <= r * r and (dx or dy):
                core = core.overlap_mask(region, (dx, dy))
    return core.count() / max(1, region.count())


# --- cg_town: the General's hair falls in heavy locks, the men stand in an action pose -----------

@functools.cache
def town_metrics(stages=STAGES) -> dict:
    layout = layout_of("cg_town", stages)
    figs = silhouette("cg_town", "figures", stages)
    g = layout.marks["general"]
    # the hair streams behind him (away from Zack, to the left of his head and down his back)
    hair = pygame.Rect(round(g.x) - 300, round(g.y) - 140, 280, 320)
    # his stride: how far apart the silhouette reaches along the street at his feet
    feet = [runs_in_row(figs, y, round(g.x) - 320, round(g.x) + 260) for y in range(round(g.y) + 330, round(g.y) + 450, 6)]
    spans = [r[-1][1] - r[0][0] for r in feet if r]
    return {"hair_core": eroded_share(figs, hair, 9), "stride": max(spans) if spans else 0}


def test_the_generals_hair_falls_in_heavy_locks_not_spikes():
    m = town_metrics()
    # session 4's spiky locks kept about a third of their pixels at 9 px depth; heavy locks keep most
    assert m["hair_core"] > 0.55, m


def test_the_general_strides_into_the_stroke():
    m = town_metrics()
    assert m["stride"] > 240, m  # feet far apart (the stiff stance had them under him)


def test_the_town_is_lit_by_the_fire_behind_the_men():
    """Under `burning` the men are dark against the fire, with its light on their edges: the
    figure is darker than the flames beside it, and its rim is a broken line (it varies along
    the outline) rather than an even sticker outline."""
    assets = GameAssets(ROOT, sprites={})
    frame = lit("cg_town", "burning", assets)
    figs = silhouette("cg_town", "figures")
    rim = pygame.mask.from_surface(ImageCache().get(STAGES / "cg_town" / "rim.svg", FULL), 120)
    z = layout_of("cg_town").marks["zack"]
    body = (round(z.x) + 30, round(z.y) + 120)
    assert figs.get_at(body)
    inside = frame.get_at(body)
    assert max(inside[:3]) < 40, inside
    # along Zack's lit (left) edge, row by row: the rim's brightness varies (patches)
    lum = []
    for y in range(round(z.y) + 60, round(z.y) + 460, 8):
        runs = runs_in_row(figs, y, round(z.x) - 200, round(z.x) + 200)
        if not runs:
            continue
        x = runs[0][0]
        best = max((frame.get_at((xx, y)) for xx in range(x, x + 5) if rim.get_at((xx, y))), default=None,
                   key=lambda c: c[0])
        if best is not None:
            lum.append(best[0])
    assert len(lum) > 20
    assert max(lum) - min(lum) > 60, lum


# --- cg_chair: the forearm has volume: a wrist, a swell, a sleeve with a cuff -------------------

def chair_metrics(stages=STAGES) -> dict:
    layout = layout_of("cg_chair", stages)
    figs = silhouette("cg_chair", "figure", stages)
    wr, cuff = layout.marks["wrist"], layout.marks["cuff"]
    along = (cuff.x - wr.x, cuff.y - wr.y)
    across = (-along[1], along[0])

    def at(t: float) -> tuple[float, float]:
        return (wr.x + along[0] * t, wr.y + along[1] * t)
    return {"wrist": run_through(figs, at(0.0), across), "forearm": run_through(figs, at(0.75), across),
            "sleeve": run_through(figs, at(1.3), across)}


def test_the_forearm_tapers_to_the_wrist_and_the_sleeve_stands_off_it():
    m = chair_metrics()
    assert m["wrist"] < 0.85 * m["forearm"], m  # (s4's wedge was widest at the wrist)
    assert m["sleeve"] > m["forearm"] + 12, m  # the loose cuff is wider than the arm it covers


def test_the_forearm_is_lit_along_its_upper_edge_only():
    """Under the light it is shown with (last_rays, the sun low on the left): across the forearm,
    the band inside its upper edge is lighter than its middle, and its lower edge has no rim."""
    assets = GameAssets(ROOT, sprites={})
    frame = lit("cg_chair", "last_rays", assets)
    layout = layout_of("cg_chair")
    figs = silhouette("cg_chair", "figure")
    wr, cuff = layout.marks["wrist"], layout.marks["cuff"]
    ax, ay = cuff.x - wr.x, cuff.y - wr.y
    n = math.hypot(ax, ay)
    ux, uy = -ay / n, ax / n  # across the arm, toward its lower edge (down and right)
    c = (wr.x + ax * 0.4, wr.y + ay * 0.4)
    assert figs.get_at((round(c[0]), round(c[1])))
    pts = []
    t = 0
    while figs.get_at((round(c[0] - ux * (t + 1)), round(c[1] - uy * (t + 1)))):
        t += 1
    top = t
    t = 0
    while figs.get_at((round(c[0] + ux * (t + 1)), round(c[1] + uy * (t + 1)))):
        t += 1
    bottom = t
    for s in range(-top, bottom + 1):
        pts.append(frame.get_at((round(c[0] + ux * s), round(c[1] + uy * s)))[0])
    width = len(pts)
    upper_band = sum(pts[3:int(width * 0.2)]) / max(1, int(width * 0.2) - 3)
    middle = sum(pts[int(width * 0.4):int(width * 0.6)]) / max(1, int(width * 0.6) - int(width * 0.4))
    lower_edge = max(pts[-4:])
    assert upper_band > middle + 6, (upper_band, middle)
    assert max(pts[:4]) > lower_edge + 40, (pts[:4], lower_edge)


# --- cg_promise: the raised hand is open, the fingers together -----------------------------------

def solidity(mask: pygame.mask.Mask, rect: pygame.Rect) -> float:
    """Area over convex-hull area of the largest shape of the silhouette inside `rect`: near 1
    for a hand whose fingers lie together, low for a claw (the gaps between curled fingers)."""
    region = pygame.mask.Mask(rect.size)
    region.draw(mask, (-rect.x, -rect.y))
    shape = region.connected_component()
    pts = sorted(set(shape.outline()))
    if len(pts) < 3:
        return 0.0

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    area = abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(hull, hull[1:] + hull[:1], strict=True))) / 2
    return shape.count() / max(1.0, area)


def promise_metrics(stages=STAGES) -> dict:
    layout = layout_of("cg_promise", stages)
    figs = silhouette("cg_promise", "figure", stages)
    h = layout.marks["hand"]  # the hand's knuckle row
    rows = []
    for dy in range(30, 80, 5):  # across the fingers, between the knuckles and the tips
        rows.append(runs_in_row(figs, round(h.y) - dy, round(h.x) - 70, round(h.x) + 60))
    fingers = pygame.Rect(round(h.x) - 80, round(h.y) - 140, 170, 140)  # above the knuckle row
    return {"runs": [len(r) for r in rows], "widths": [r[0][1] - r[0][0] + 1 if r else 0 for r in rows],
            "solidity": solidity(figs, fingers)}


def test_the_raised_hand_is_open_with_its_fingers_together():
    m = promise_metrics()
    # one solid shape across the fingers, as wide as four fingers side by side, with no gaps
    # between curled fingers (s4's claw: solidity 0.88)
    assert all(n == 1 for n in m["runs"]), m
    assert min(m["widths"]) > 60, m
    assert m["solidity"] > 0.93, m


def lit(name: str, preset: str, assets: GameAssets, size=FULL) -> pygame.Surface:
    scene = Scene(assets)
    scene.apply(direction("stage", name=name), 0)
    scene.apply(direction("light", preset=preset), 0)
    surf = pygame.Surface(size)
    Compositor(assets, ImageCache()).draw(surf, scene.view(0.0))
    return surf


@pytest.mark.parametrize("name", ["cg_town", "cg_promise", "cg_chair", "cg_eyes", "cg_door", "cg_embrace"])
def test_each_redrawn_cg_keeps_its_figures_inside_its_keep_clear_areas(name):
    """The keep-clear areas still cover what they were put over: each area is mostly figure."""
    layout = layout_of(name)
    figs = silhouette(name, "figures" if name == "cg_town" else "figure")
    for area in layout.keep_clear:
        rect = pygame.Rect(*(round(v) for v in area.bounds))
        region = pygame.mask.Mask(rect.size)
        region.draw(figs, (-rect.x, -rect.y))
        assert region.count() > 0.2 * rect.w * rect.h, (name, area.name)


# --- cg_town's fire and town (the lead's notes at 00:47) -----------------------------------------

@functools.cache
def layer_alpha(name: str, layer: str, stages=STAGES) -> pygame.Surface:
    return ImageCache().get(stages / name / f"{layer}.svg", FULL)


@functools.cache
def town_background_metrics(stages=STAGES) -> dict:
    """Roof rims by strip, the big fire's top profile, and the embers by region."""
    rim = layer_alpha("cg_town", "town_rim", stages)
    strips = {}
    for x in range(0, 1920, 40):
        a = 0
        for xx in range(x, x + 40, 2):
            for y in range(560, 800, 2):
                a = max(a, rim.get_at((xx, y))[3])
        strips[x] = a
    fire = layer_alpha("cg_town", "fire", stages)
    tops = []
    for x in range(420, 860, 2):
        y = 0
        while y < 790 and fire.get_at((x, y))[3] < 128:
            y += 1
        tops.append(y)
    # peaks of the fire's top edge: local minima of y that stand 12 px above both neighbours
    # within 24 px (a sawtooth has many, a few curved tongues few)
    peaks = 0
    for i in range(12, len(tops) - 12):
        if tops[i] == min(tops[i - 12:i + 13]) and tops[i] < 780 and \
                max(tops[i - 12:i]) > tops[i] + 12 and max(tops[i + 1:i + 13]) > tops[i] + 12:
            peaks += 1
    embers = pygame.mask.from_surface(layer_alpha("cg_town", "embers", stages), 160)
    comps = embers.connected_components(4)
    near = sum(1 for c in comps if pygame.Rect(400, 300, 480, 490).collidepoint(c.centroid()))
    far = sum(1 for c in comps if pygame.Rect(900, 0, 480, 490).collidepoint(c.centroid()))
    areas = [c.count() for c in comps]
    mean = sum(areas) / max(1, len(areas))
    cv = (sum((a - mean) ** 2 for a in areas) / max(1, len(areas))) ** 0.5 / max(1e-6, mean)
    return {"strips": strips, "peaks": peaks, "embers_near": near, "embers_far": far, "ember_cv": cv}


def test_the_roof_lines_catch_the_fire_only_near_a_fire():
    """Between the two burning houses only the far row's roofs are seen: their rim brightens
    toward the far fires and fades between them (s4's was one even line across the picture, 102
    everywhere), so the roof line never reads as a neon zigzag."""
    strips = town_background_metrics()["strips"]
    mid = [strips[x] for x in range(920, 1480, 40)]
    assert min(mid) < 70 and max(mid) > 2 * min(mid), mid


def test_the_embers_rise_from_the_fires():
    """More embers over the burning house than in as much sky away from the fires (s4 scattered
    them evenly: 17 against 10)."""
    m = town_background_metrics()
    assert m["embers_near"] > 3 * max(1, m["embers_far"]), m


# --- cg_eyes: a drawn face is not mirror-symmetric -------------------------------------------------

def mirror_overlap(name: str, layer: str, mark: str, stages=STAGES) -> float:
    """How much of the silhouette's upper part (the head and hair, above the shoulders) its own
    mirror image about the vertical through `mark` covers: 1.0 for a shape symmetric about it."""
    layout = layout_of(name, stages)
    figs = silhouette(name, layer, stages)
    cx = round(layout.marks[mark].x)
    rect = pygame.Rect(cx - 400, 60, 800, 700)
    region = pygame.mask.Mask(rect.size)
    region.draw(figs, (-rect.x, -rect.y))
    surf = region.to_surface(setcolor=(255, 255, 255, 255), unsetcolor=(0, 0, 0, 0))
    flipped = pygame.mask.from_surface(pygame.transform.flip(surf, True, False), 127)
    return region.overlap_area(flipped, (0, 0)) / max(1, region.count())


def test_the_face_in_the_dark_is_drawn_not_mirrored():
    # s4's face and hair were mirror images about the face's middle (overlap 0.99)
    assert mirror_overlap("cg_eyes", "figure", "eyes") < 0.95

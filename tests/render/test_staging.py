"""Figures and light between a stage's layers: the beam on the floor under what stands on it,
shadows cut out of the beam, a figure behind a layer (pixel statistics over regions)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import shutil  # noqa: E402
from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.render.test_compositor import luma, region  # noqa: E402
from tests.stage.helpers import BUNDLED_STAGE, FIXTURE_GAME, ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.layout import load_layout  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402

SIZE = (960, 540)
CHAIR = (1000, 560, 200, 440)  # the test stage's opaque "chair" block (logical px)

STAGE = """<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" orientation="orthogonal" renderorder="right-down" width="16" height="9"
     tilewidth="120" tileheight="120" infinite="0" nextlayerid="9" nextobjectid="9">
 <properties><property name="horizon" type="float" value="540"/></properties>
 <imagelayer id="1" name="floor"><image source="staging/floor.svg" width="1920" height="1080"/></imagelayer>
 <objectgroup id="2" name="lights">
  <object id="1" name="beam" x="0" y="640">
   <properties><property name="softness" type="float" value="4"/></properties>
   <polygon points="0,0 1920,0 1920,440 0,440"/>
  </object>
 </objectgroup>
 <imagelayer id="3" name="chair"><image source="staging/chair.svg" width="1920" height="1080"/></imagelayer>
 <objectgroup id="4" name="marks">
  <object id="2" name="open" x="1400" y="900"><point/></object>
  <object id="3" name="behind" x="1100" y="880">
   <properties><property name="behind" value="chair"/></properties><point/>
  </object>
 </objectgroup>
</map>
"""


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    root = tmp_path_factory.mktemp("game")
    shutil.copytree(FIXTURE_GAME, root, dirs_exist_ok=True)
    stages = root / "assets" / "stages"
    (stages / "staging").mkdir()
    (stages / "staging" / "floor.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">'
        '<rect width="1920" height="1080" fill="#606060"/></svg>')
    x, y, w, h = CHAIR
    (stages / "staging" / "chair.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">'
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#503020"/></svg>')
    (stages / "staging.tmx").write_text(STAGE)
    return GameAssets(root, sprites={"a": "fig"})


class NoBeams:
    """The same game with every beam of the presets off."""

    def __init__(self, assets):
        self._a = assets
        self.size = assets.size

    def __getattr__(self, name):
        return getattr(self._a, name)

    def preset(self, name):
        light = self._a.preset(name)
        return None if light is None else replace(light, beams=())


def frame(assets, steps, size=SIZE, stage="staging", preset="sunset", t=0.0):
    scene = Scene(assets)
    scene.apply(direction("stage", name=stage), 0)
    scene.apply(direction("light", preset=preset), 0)
    for cmd, args in steps:
        scene.apply(direction(cmd, **args), 0)
    surf = pygame.Surface(size)
    Compositor(assets, ImageCache()).draw(surf, scene.view(t))
    return surf


def test_marks_and_lights_take_their_place_in_the_layer_order(game):
    layout = game.stage("staging")
    assert [layer.name for layer in layout.layers] == ["floor", "chair"]
    assert layout.lights[0].depth == 1  # over the floor, under the chair
    assert layout.marks["open"].depth == 2  # over both
    assert layout.marks["behind"].depth == 1  # `behind: chair`


def test_a_bad_behind_or_falls_on_is_reported(tmp_path):
    bad = STAGE.replace('value="chair"', 'value="chiar"').replace(
        '<property name="softness" type="float" value="4"/>',
        '<property name="softness" type="float" value="4"/><property name="falls_on" value="everything"/>')
    path = tmp_path / "bad.tmx"
    path.write_text(bad)
    _, diags = load_layout(path)
    text = "\n".join(d.message + " " + (d.hint or "") for d in diags)
    assert "behind names no drawn layer 'chiar'" in text and "chair" in text
    assert "falls_on must be stage or figures" in text
    assert all(d.line > 0 for d in diags)


def test_the_beam_lights_the_floor_but_not_the_chair_in_front_of_it(game):
    lit = frame(game, [])
    dark = frame(NoBeams(game), [])
    floor = (200, 760, 400, 200)
    assert luma(region(lit, *floor)) > luma(region(dark, *floor)) + 20
    legs = (CHAIR[0] + 20, 700, CHAIR[2] - 40, 250)
    assert luma(region(lit, *legs)) == pytest.approx(luma(region(dark, *legs)), abs=1.0)


def test_a_figure_in_the_beam_casts_a_shadow_away_from_the_sun(game):
    alone = frame(game, [])
    standing = frame(game, [("show", {"who": "a", "at": "open"})])
    # sunset's sun is at x = 560: the figure at x = 1400 throws its shadow right, down the floor
    away = (1520, 960, 140, 60)
    toward = (1140, 960, 140, 60)
    assert luma(region(standing, *away)) < luma(region(alone, *away)) - 10
    assert luma(region(standing, *toward)) == pytest.approx(luma(region(alone, *toward)), abs=2.0)
    # no beam, no shadow
    unlit_alone = frame(NoBeams(game), [])
    unlit = frame(NoBeams(game), [("show", {"who": "a", "at": "open"})])
    assert luma(region(unlit, *away)) == pytest.approx(luma(region(unlit_alone, *away)), abs=1.0)


def test_a_figure_behind_the_chair_is_hidden_by_it(game):
    def diff(a, b, rect):
        return max(abs(x - y) for x, y in zip(region(a, *rect), region(b, *rect), strict=True))

    empty = frame(game, [], preset="day")
    behind = frame(game, [("show", {"who": "a", "at": "behind"})], preset="day")
    covered = (CHAIR[0] + 30, 620, 60, 200)  # the chair over the figure's body
    assert diff(behind, empty, covered) <= 1
    above = (1100 - 30, 300, 60, 150)  # the figure's chest shows above the chair
    assert diff(behind, empty, above) > 10
    # on a mark without `behind` the figure covers the chair; a move takes the mark's place
    front = frame(game, [("show", {"who": "a", "at": "open"})], preset="day")
    moved = frame(game, [("show", {"who": "a", "at": "open"}), ("move", {"who": "a", "to": "behind", "over": 0})],
                  preset="day")
    assert diff(moved, behind, covered) <= 1
    near = (1400 - 30, 620, 60, 200)
    assert diff(front, empty, near) > 10


def test_bundled_chair_legs_are_not_brightened_by_the_sunbeam():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    assets = GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})
    lit = frame(assets, [], stage="living_room")
    dark = frame(NoBeams(assets), [], stage="living_room")
    chair = ImageCache().get(ROOT / "assets" / "stages" / "living_room" / "chair.svg", SIZE)
    band = pygame.Rect(0, 440, SIZE[0], 100)  # the legs, where the beam crosses them
    legs = pygame.mask.from_surface(chair.subsurface(band), 250)
    assert legs.count() > 200
    only = legs.to_surface(setcolor=(255, 255, 255), unsetcolor=(0, 0, 0))

    def on_legs(surf):
        part = surf.subsurface(band).copy()
        part.blit(only, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        return luma(pygame.transform.average_color(part, consider_alpha=False)[:3])

    assert on_legs(lit) <= on_legs(dark) + 0.5


def test_bundled_chair_reads_as_a_dark_chair_with_its_edges_caught_by_the_light():
    """The chair is backlit like the figures: its members dark wood, a line of light along
    their edges toward the glass (its `chair_rim` layer) — not an evenly orange block."""
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    assets = GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})
    images = ImageCache()
    folder = ROOT / "assets" / "stages" / "living_room"
    chair = pygame.mask.from_surface(images.get(folder / "chair.svg", SIZE), 250)
    rim = pygame.mask.from_surface(images.get(folder / "chair_rim.svg", SIZE), 100)
    body = chair.copy()
    body.erase(rim.convolve(pygame.mask.Mask((5, 5), fill=True)), (-2, -2))  # well inside the members
    edge = chair.overlap_mask(rim, (0, 0))
    assert edge.count() > 200 and body.count() > 2000

    def mean_on(surf, mask):
        total, n = [0, 0, 0], 0
        for x0, y0, w, h in mask.get_bounding_rects():
            for y in range(y0, y0 + h):
                for x in range(x0, x0 + w):
                    if mask.get_at((x, y)):
                        c = surf.get_at((x, y))
                        total, n = [total[0] + c.r, total[1] + c.g, total[2] + c.b], n + 1
        return tuple(v / n for v in total)

    for preset in ("sunset", "predawn", "sunrise"):
        pic = frame(assets, [], stage="living_room", preset=preset)
        wood, lit = mean_on(pic, body), mean_on(pic, edge)
        assert luma(lit) > 2.5 * luma(wood), preset  # its edges catch the light, its faces do not


def test_a_look_change_cross_fades_through_pixels_between_both_looks(game):
    from vn.stage.scene import LOOK_SECONDS

    shown = [("show", {"who": "a", "look": "calm", "at": "open"})]
    calm = frame(game, shown, preset="day")
    sad = frame(game, [("show", {"who": "a", "look": "sad", "at": "open"})], preset="day")
    scene = Scene(game)
    for cmd, args in [("stage", {"name": "staging"}), ("light", {"preset": "day"})] + shown:
        scene.apply(direction(cmd, **args), 0)
    scene.apply(direction("show", who="a", look="sad"), 1)
    mid = pygame.Surface(SIZE)
    Compositor(game, ImageCache()).draw(mid, scene.view(1 + LOOK_SECONDS / 2))
    between = differ = 0
    for y in range(0, SIZE[1], 2):
        for x in range(600, 800, 2):
            a, b, m = calm.get_at((x, y)), sad.get_at((x, y)), mid.get_at((x, y))
            if abs(luma(a[:3]) - luma(b[:3])) > 30:
                differ += 1
                lo, hi = sorted((luma(a[:3]), luma(b[:3])))
                between += lo + 8 < luma(m[:3]) < hi - 8
    assert differ > 20 and between > 0.8 * differ


class NoFigureLight(NoBeams):
    def preset(self, name):
        light = self._a.preset(name)
        return None if light is None else replace(light, beams=tuple(b for b in light.beams if b[0] != "figure"))


def test_bundled_last_rays_draw_down_the_figure():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    assets = GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})
    if assets.sprite("sephiroth") is None:
        pytest.skip("the bundled sprites are not there yet")
    size = (480, 270)
    variants = [(a, Compositor(a, ImageCache())) for a in (assets, NoFigureLight(assets))]

    def light_on_him(t):
        """Rows (logical y) and how much the figure light adds on each, at `t` s into last_rays."""
        got = []
        for a, compositor in variants:
            scene = Scene(a)
            for cmd, args in [("stage", {"name": "living_room"}), ("light", {"preset": "sunset"}),
                              ("show", {"who": "sephiroth", "at": "window"})]:
                scene.apply(direction(cmd, **args), 0)
            scene.apply(direction("light", preset="last_rays", over=10.0), 1)
            surf = pygame.Surface(size)
            compositor.draw(surf, scene.view(1 + t))
            got.append(surf)
        rows = []
        for y in range(0, 1000, 40):
            rows.append((y, luma(region(got[0], 540, y, 160, 40)) - luma(region(got[1], 540, y, 160, 40))))
        return rows

    def centre(rows):
        total = sum(max(0.0, v) for _, v in rows)
        return sum(y * max(0.0, v) for y, v in rows) / total if total > 1 else None

    early, mid, late, gone = (light_on_him(t) for t in (1.5, 5.0, 7.5, 10.0))
    assert centre(early) < centre(mid) < centre(late)  # the light moves down him
    assert max(v for y, v in early if y < 300) > 8  # the head and hair catch it first
    assert max(v for y, v in late if y < 300) < 2  # and are grey again once it passed
    assert max(v for _, v in gone) < 2  # then it is gone altogether


def test_a_beam_ramp_is_read_checked_and_tweened(tmp_path):
    from vn.stage.lighting import lerp_light, load_presets

    path = tmp_path / "lighting.yaml"
    path.write_text('presets:\n  day: {sky_top: "#000000", sky_horizon: "#000000", ambient: "#ffffff"}\n'
                    '  a:\n    sky_top: "#000000"\n    sky_horizon: "#000000"\n    ambient: "#ffffff"\n'
                    '    beams: {figure: {ramp: ["#000000", "#ff0000", "#ffffff"]}}\n'
                    '  b:\n    sky_top: "#000000"\n    sky_horizon: "#000000"\n    ambient: "#ffffff"\n'
                    '    beams: {figure: {color: "#0000ff"}}\n'
                    '  bad:\n    sky_top: "#000000"\n    sky_horizon: "#000000"\n    ambient: "#ffffff"\n'
                    '    beams: {figure: {ramp: ["#000000"]}}\n')
    presets, diags = load_presets(path)
    assert presets["a"].beam("figure").ramp == ((0.0, 0.0, 0.0), (255.0, 0.0, 0.0), (255.0, 255.0, 255.0))
    assert [d.line for d in diags] == [17] and "list of 2 to 16 colours" in diags[0].message
    half = lerp_light(presets["a"], presets["b"], 0.5).beam("figure").ramp
    assert len(half) == 3 and half[0][2] > 0 and half[2][2] > half[2][0] * 0.5  # toward blue everywhere


def longest_run(surf, y):
    row = [tuple(surf.get_at((x, y)))[:3] for x in range(surf.get_width())]
    best = n = 1
    for a, b in zip(row, row[1:], strict=False):
        n = n + 1 if a == b else 1
        best = max(best, n)
    return best


def test_a_dark_gradient_under_a_dim_light_does_not_band(game, tmp_path):
    """A wall painted from grey 40 to 60 across the picture, lit by a dim ambient: 8 bits keep
    a few levels, which would be stripes hundreds of px wide; the threshold breaks them up."""
    stages = game.roots[0] / "assets" / "stages"
    (stages / "staging" / "wall.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"><defs>'
        '<linearGradient id="g" x1="0" y1="0" x2="1920" y2="0" gradientUnits="userSpaceOnUse">'
        '<stop offset="0" stop-color="#282828"/><stop offset="1" stop-color="#3c3c3c"/></linearGradient>'
        '</defs><rect width="1920" height="1080" fill="url(#g)"/></svg>')
    (stages / "wall.tmx").write_text(STAGE.replace("staging/floor.svg", "staging/wall.svg")
                                     .replace("staging/chair.svg", "staging/none.svg"))
    (stages / "staging" / "none.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"/>')
    size = (1920, 1080)
    shot = frame(NoBeams(game), [], size=size, stage="wall", preset="night")
    plain = pygame.Surface(size)
    plain.fill((0, 0, 0))
    from vn.render.images import ImageCache as Cache

    wall = Cache().get(stages / "staging" / "wall.svg", size)
    plain.blit(wall, (0, 0))
    plain.fill(tuple(round(c) for c in game.preset("night").ambient), special_flags=pygame.BLEND_RGB_MULT)
    assert longest_run(plain, 540) > 150  # what 8 bits alone do
    assert longest_run(shot, 540) < 24
    # and the threshold keeps the picture's level: the mean moves by less than a level
    mean = pygame.transform.average_color(shot, (0, 500, 1920, 80))
    ref = pygame.transform.average_color(plain, (0, 500, 1920, 80))
    assert all(abs(a - b) <= 1.5 for a, b in zip(mean[:3], ref[:3], strict=True))


def test_bundled_bedroom_beyond_the_doorway_stays_clear_of_the_chair():
    """The bed through the doorway must not read as a cushion on the chair: everything pale in
    the doorway lies right of the chair and above its seat."""
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    folder = ROOT / "assets" / "stages" / "living_room"
    size = (960, 540)
    interior = ImageCache().get(folder / "interior.svg", size)
    chair = ImageCache().get(folder / "chair.svg", size)
    door = pygame.Rect(1045 // 2, 300 // 2, (1238 - 1045) // 2, (860 - 300) // 2)  # the doorway, half scale
    chair_mask = pygame.mask.from_surface(chair, 200)
    chair_right = max(x for x in range(door.left, door.right) for y in range(door.top, door.bottom)
                      if chair_mask.get_at((x, y))) if chair_mask.count() else door.left
    pale = [(x, y) for x in range(door.left, door.right, 1) for y in range(door.top, door.bottom, 1)
            if luma(interior.get_at((x, y))[:3]) > 110]
    assert pale  # the bed's sheet and pillow catch some light
    assert min(x for x, _ in pale) > chair_right + 2
    assert max(y for _, y in pale) < 690 // 2  # nothing pale down at the chair seat's height


def test_a_figure_standing_in_a_beam_is_lit_by_it_where_its_rim_catches_light(game):
    lit = frame(game, [("show", {"who": "a", "at": "open"})])
    unlit = frame(NoBeams(game), [("show", {"who": "a", "at": "open"})])
    upper = (1300, 150, 200, 400)  # above the floor beam: only the figure can change here
    assert luma(region(lit, *upper)) > luma(region(unlit, *upper)) + 0.5
    empty_lit, empty_unlit = frame(game, []), frame(NoBeams(game), [])
    assert luma(region(empty_lit, *upper)) == pytest.approx(luma(region(empty_unlit, *upper)), abs=0.2)

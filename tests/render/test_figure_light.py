"""How light from the glass falls on a backlit figure: on the edges turned toward the sun, never
as a flat light over the body; the last rays as a band of rim light sliding down him, the hair
first (pixel statistics over regions)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from dataclasses import replace  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.render.test_compositor import luma  # noqa: E402
from tests.stage.helpers import BUNDLED_STAGE, ROOT, direction  # noqa: E402
from vn.render.compositor import Compositor  # noqa: E402
from vn.render.images import ImageCache  # noqa: E402
from vn.render.sprites import SpriteRenderer, _Art  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.lighting import Light, lerp_light  # noqa: E402
from vn.stage.scene import Scene  # noqa: E402


def mean(surf: pygame.Surface, rect: tuple[int, int, int, int]) -> float:
    return luma(pygame.transform.average_color(surf, pygame.Rect(rect), consider_alpha=False)[:3])


def block_art(size=(200, 400), body=(50, 40, 100, 340), paint=(40, 40, 40), head=None):
    """A figure as a plain block of `paint` (and a pale `head` block over its top)."""
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    surf.fill((*paint, 255), body)
    if head is not None:
        surf.fill((*head, 255), (body[0], body[1], body[2], 60))
    groups = {"ambient": (surf, (0, 0)), "rim": None, "emissive": None, "pulse": None}
    return _Art(groups, size)


def test_light_catches_the_edges_facing_the_sun_and_not_the_body():
    art = block_art()
    renderer = SpriteRenderer(ImageCache())
    from_left = renderer.catch(art, 180)
    from_right = renderer.catch(art, 0)
    ox, oy = from_left.rect.topleft

    def strip(c, x):  # a 6 px column of the edge mask at canvas x, over the body's middle
        return mean(c.edge, (x - c.rect.x, 150 - c.rect.y, 6, 100))

    left, right, inside = strip(from_left, 50), strip(from_left, 144), strip(from_left, 97)
    assert left > 60  # the edge facing the sun catches it
    assert right < 0.4 * left  # the far edge only a little (RIM_BACK)
    assert inside < 1.0  # and the body's interior stays in shadow
    assert strip(from_right, 144) > 60 and strip(from_right, 50) < 0.4 * strip(from_right, 144)
    # the painted rim's weight: full near the light-facing edge, RIM_BACK far from it
    w = from_left.weight
    assert mean(w, (52 - ox, 200 - oy, 4, 4)) > 200
    assert mean(w, (140 - ox, 200 - oy, 4, 4)) < 80


def test_an_edge_the_figure_itself_shades_stays_dark():
    """Two legs side by side, the light from the left: the near leg's outer edge is lit, the far
    leg's inner edge (its way to the light crosses the near leg) only faintly."""
    size = (200, 400)
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill((0, 0, 0, 0))
    surf.fill((40, 40, 40, 255), (50, 40, 30, 340))   # the near leg, x 50..80
    surf.fill((40, 40, 40, 255), (100, 40, 30, 340))  # the far leg, x 100..130 (a 20 px gap)
    art = _Art({"ambient": (surf, (0, 0)), "rim": None, "emissive": None, "pulse": None}, size)
    c = SpriteRenderer(ImageCache()).catch(art, 180)
    outer = mean(c.edge, (50 - c.rect.x, 150 - c.rect.y, 2, 100))
    inner = mean(c.edge, (100 - c.rect.x, 150 - c.rect.y, 2, 100))
    assert outer > 150 and inner < 0.5 * outer  # (without the shading it is as bright as the outer)


def test_a_glancing_light_tints_pale_hair_not_a_dark_coat():
    art = block_art(paint=(40, 40, 40), head=(200, 200, 210))
    c = SpriteRenderer(ImageCache()).catch(art, None)
    hair = mean(c.sheen, (90 - c.rect.x, 60 - c.rect.y, 20, 20))
    coat = mean(c.sheen, (90 - c.rect.x, 250 - c.rect.y, 20, 20))
    assert hair > 100 and coat < 4


def test_a_stand_in_scales_its_sources_masks():
    renderer = SpriteRenderer(ImageCache())
    base = block_art()
    half = _Art({g: None for g in ("ambient", "rim", "emissive", "pulse")}, (100, 200), (base, 0.5, 0.5))
    got = renderer.catch(half, 180)
    assert got is not None and 180 in base.catches
    assert got.edge.get_height() == pytest.approx(renderer.catch(base, 180).edge.get_height() / 2, abs=1)


def test_the_painted_rim_is_weighted_toward_the_sun():
    """A figure whose rim paint runs round both sides: the side toward the sun is brighter."""
    size = (200, 400)
    amb = pygame.Surface(size, pygame.SRCALPHA)
    amb.fill((0, 0, 0, 0))
    amb.fill((30, 30, 30, 255), (50, 40, 100, 340))
    rim = pygame.Surface(size, pygame.SRCALPHA)
    rim.fill((0, 0, 0, 0))
    rim.fill((255, 255, 255, 255), (50, 40, 4, 340))
    rim.fill((255, 255, 255, 255), (146, 40, 4, 340))
    renderer = SpriteRenderer(ImageCache())
    art = _Art({"ambient": (amb, (0, 0)), "rim": (rim, (0, 0)), "emissive": None, "pulse": None}, size)
    light = Light(ambient=(128.0, 128.0, 128.0), rim=(255.0, 255.0, 255.0), rim_strength=1.0)

    def sides(angle):
        dest = pygame.Surface(size)
        dest.fill((0, 0, 0))
        for surf, flags, at in renderer._lit("a", art, light, 1.0, angle):
            dest.blit(surf, at, special_flags=flags)
        return mean(dest, (50, 100, 4, 200)), mean(dest, (146, 100, 4, 200))

    left, right = sides(180)
    assert left > 200 and right < 0.5 * left
    left, right = sides(0)
    assert right > 200 and left < 0.5 * right
    left, right = sides(None)  # straight behind: both sides alike
    assert left == pytest.approx(right, abs=3)
    # the weighted rim paint is kept with the light's direction; a new rim colour only tints it
    full = renderer._lit("a", art, replace(light, rim=(254.0, 254.0, 254.0)), 1.0, 180)  # (a new tint: built)
    kept = renderer.catch(art, 180).rim
    assert kept is not None
    half = renderer._lit("a", art, replace(light, rim=(127.0, 127.0, 127.0)), 1.0, 180)
    assert renderer.catch(art, 180).rim is kept
    assert mean(half[-1][0], (0, 60, 4, 200)) == pytest.approx(mean(full[-1][0], (0, 60, 4, 200)) / 2, abs=2)


def test_a_glaze_lights_the_figures_own_paint_toward_the_sun():
    art = block_art(paint=(60, 60, 60))
    renderer = SpriteRenderer(ImageCache())
    rect = pygame.Rect(0, 0, 200, 400)
    assert len(renderer.paint(art, rect, 1.0, (-500, 150))) == 2  # no glaze: edges and pale paint only
    full = renderer.paint(art, rect, 1.0, (-500, 150), glaze=1.0)
    half = renderer.paint(art, rect, 1.0, (-500, 150), glaze=0.5)
    assert len(full) == 3
    body, at, _ = full.pieces[2]

    def at_canvas(surf, x, y):
        return mean(surf, (x - at[0], y - at[1], 4, 40))

    near, far, outside = at_canvas(body, 60, 200), at_canvas(body, 140, 200), at_canvas(body, 20, 200)
    assert near > 80  # the paint (60) brightened on the side toward the sun
    assert far < 0.3 * near and outside < 1  # fading into the figure; nothing off it
    assert at_canvas(half.pieces[2][0], 60, 200) == pytest.approx(near / 2, abs=3)
    renderer.paint(art, rect, 1.0, (-500, 150))  # the glaze over: its masks are not kept
    assert renderer.catch(art, 180).body is None and renderer.catch(art, 180).glazed is None


def test_a_floor_beams_light_on_a_figure_is_kept_per_colour_and_changes_with_it():
    art = block_art(paint=(60, 60, 60))
    renderer = SpriteRenderer(ImageCache())
    rect = pygame.Rect(0, 0, 200, 400)

    def lit(color, alpha=1.0):
        dest = pygame.Surface((200, 400))
        dest.fill((0, 0, 0))
        renderer.light_rim(dest, renderer.paint(art, rect, alpha, (-500, 150)), color)
        return pygame.image.tobytes(dest, "RGB")

    first = lit((200, 100, 50))
    assert lit((200, 100, 50)) == first  # the kept tinted mask: the same pixels
    other = lit((50, 100, 200))
    assert other != first and lit((50, 100, 200)) == other  # a new colour, a new mask
    assert lit((200, 100, 50), alpha=0.5) != first  # a fading figure is not served the kept one


def test_fill_darkens_only_the_figures_interior():
    art = block_art(paint=(200, 200, 200))
    renderer = SpriteRenderer(ImageCache())
    full = Light(ambient=(200.0, 200.0, 200.0), rim_strength=0.0)

    def body(light):
        dest = pygame.Surface((200, 400))
        dest.fill((0, 0, 0))
        for surf, flags, at in renderer._lit("a", art, light, 1.0, None):
            dest.blit(surf, at, special_flags=flags)
        return mean(dest, (80, 150, 40, 100))

    assert body(replace(full, fill=0.5)) == pytest.approx(body(full) / 2, abs=2)
    assert lerp_light(full, replace(full, fill=0.5), 0.5).fill == pytest.approx(0.75)


# --- the bundled room ------------------------------------------------------------------------


class NoFigureLight:
    """The game with the `figure` beam group (the last light on a figure) off."""

    def __init__(self, assets):
        self._a = assets

    def __getattr__(self, name):
        return getattr(self._a, name)

    def preset(self, name):
        light = self._a.preset(name)
        return None if light is None else replace(light, beams=tuple(b for b in light.beams if b[0] != "figure"))


@pytest.fixture(scope="module")
def bundled():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    assets = GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"})
    if assets.sprite("sephiroth") is None:
        pytest.skip("the bundled sprites are not there yet")
    return assets


SIZE = (640, 360)


def added_light(assets, t, tween=True):
    """What the figure beam adds to Sephiroth at the window (picture with minus without it), at
    `t` s into last_rays (or under plain sunset), and his canvas on the picture."""
    got = []
    for a in (assets, NoFigureLight(assets)):
        scene = Scene(a)
        for cmd, args in [("stage", {"name": "living_room"}), ("light", {"preset": "sunset"}),
                          ("show", {"who": "sephiroth", "at": "window"})]:
            scene.apply(direction(cmd, **args), 0)
        if tween:
            scene.apply(direction("light", preset="last_rays", over=10.0), 1)
        compositor = Compositor(a, ImageCache())
        surf = pygame.Surface(SIZE)
        compositor.draw(surf, scene.view(1 + t))
        got.append(surf)
    diff = got[0].copy()
    diff.blit(got[1], (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return diff, got[0]


def figure_box(assets):
    """Sephiroth's box at the window mark on a SIZE picture (x, y, w, h)."""
    mark = assets.stage("living_room").marks["window"]
    k = SIZE[0] / 1920
    sdef = assets.sprite("sephiroth")
    h = sdef.height * (mark.scale if mark.scale else 1.0) * k
    return round(mark.x * k - h * sdef.aspect / 2), round(mark.y * k - h), round(h * sdef.aspect), round(h)


def rows(diff, box, n=10, m=16):
    """Per band of rows, top to bottom: the brightest of `m` columns (the light lies on edges)."""
    x, y, w, h = box
    return [max(mean(diff, (x + j * w // m, y + i * h // n, max(1, w // m), h // n)) for j in range(m))
            for i in range(n)]


def test_bundled_sunset_lights_his_edges_not_his_body(bundled):
    diff, pic = added_light(bundled, 0.0, tween=False)
    x, y, w, h = figure_box(bundled)
    # the added light lies on the side toward the sun (the sun sets left of him)
    cols = [mean(diff, (x + i * w // 8, y, w // 8, h)) for i in range(8)]
    assert sum(cols[:4]) > 1.5 * sum(cols[4:])
    # the middle of his torso gets next to nothing, and stays darker than his lit left edge
    torso = (x + w // 2 - 3, y + h // 4, 6, h // 5)
    assert mean(diff, torso) < 3
    edge = max(mean(pic, (x + i, y + h // 4, 1, h // 5)) for i in range(w // 2))
    assert mean(pic, torso) < 0.5 * edge


def test_bundled_last_rays_are_a_band_sliding_down_him_hair_first(bundled):
    box = figure_box(bundled)
    starts = rows(added_light(bundled, 0.5)[0], box)
    assert max(starts[:2]) > 2 * max(starts[-2:])  # the hair catches it before the feet
    peaks = []
    for t in (1.5, 4.0, 5.5):
        r = rows(added_light(bundled, t)[0], box)
        peaks.append(max(range(len(r)), key=r.__getitem__))
        assert max(r) > 20  # a visible band, not a faint wash
    assert peaks[0] < peaks[1] < peaks[2]  # its brightest row moves down him
    assert max(rows(added_light(bundled, 10.0)[0], box)) < 1  # and it is gone at the end


def held_light(assets, preset):
    """Under `preset` (held: no tween): what the figure beam adds to Sephiroth at the window, the
    picture, and the picture without him."""
    got = []
    for a, who in ((assets, True), (NoFigureLight(assets), True), (assets, False)):
        scene = Scene(a)
        for cmd, args in [("stage", {"name": "living_room"}), ("light", {"preset": preset}),
                          ("show", {"who": "sephiroth", "at": "window"})][:3 if who else 2]:
            scene.apply(direction(cmd, **args), 0)
        surf = pygame.Surface(SIZE)
        Compositor(a, ImageCache()).draw(surf, scene.view(1.0))
        got.append(surf)
    diff = got[0].copy()
    diff.blit(got[1], (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return diff, got[0], got[2]


def on_him(pic, empty, rect):
    """The mean colour of `pic` over the pixels of `rect` where he is (where it differs from
    `empty`, the picture without him)."""
    x0, y0, w, h = rect
    total, n = [0, 0, 0], 0
    for yy in range(y0, y0 + h):
        for xx in range(x0, x0 + w):
            c, e = pic.get_at((xx, yy)), empty.get_at((xx, yy))
            if sum(abs(c[i] - e[i]) for i in range(3)) > 12:
                total = [total[i] + c[i] for i in range(3)]
                n += 1
    assert n > 50, "he is not in that region"
    return tuple(v / n for v in total)


def test_bundled_last_rays_hold_in_his_hair_then_his_arms_then_leave_him(bundled):
    """The three holds staged line by line in 01_sunset.yaml (beat 6), each a still that shows
    its own picture: the band in his hair (copper, rose, gold: warm, and brighter than his
    body), then lower on his shoulders and arms (the hair gone dark above it), then gone."""
    x, y, w, h = box = figure_box(bundled)
    head = (x + w // 4, y, w // 2, h // 7)
    torso = (x + w // 4, y + 2 * h // 7, w // 2, 2 * h // 7)
    hair_diff, hair_pic, empty = held_light(bundled, "last_rays_hair")
    # each picture is compared with the room under its own light (the room without him), so
    # "where he is" does not take in the sky that the light change alone makes differ
    arms_diff, arms_pic, arms_empty = held_light(bundled, "last_rays_arms")
    gone_diff, gone_pic, gone_empty = held_light(bundled, "last_rays")
    # held in the hair: a bright warm band on his head, his body below it in shadow
    hair_rows = rows(hair_diff, box)
    assert max(hair_rows[:2]) > 40 and max(hair_rows[:2]) > 3 * max(hair_rows[3:])
    lit_head, lit_body = on_him(hair_pic, empty, head), on_him(hair_pic, empty, torso)
    assert luma(lit_head) > 2 * luma(lit_body)  # his hair brighter than his body in the picture
    assert lit_head[0] > 1.6 * lit_head[2] and lit_head[0] > lit_head[1]  # and warm, not white
    # held lower: its brightest row further down him, on his shoulders and arms; his hair dark
    arms_rows = rows(arms_diff, box)
    peak = max(range(len(arms_rows)), key=arms_rows.__getitem__)
    assert peak > max(range(len(hair_rows)), key=hair_rows.__getitem__) and 2 <= peak <= 6
    assert max(arms_rows) > 30 and max(arms_rows[:1]) < 0.2 * max(arms_rows)
    assert luma(on_him(arms_pic, arms_empty, head)) < 0.6 * luma(lit_head)
    # gone: nothing of the band left on him; he is grey again
    assert max(rows(gone_diff, box)) < 1
    assert luma(on_him(gone_pic, gone_empty, head)) < 0.5 * luma(lit_head)


def test_bundled_frames_are_deterministic(bundled):
    a, _ = added_light(bundled, 3.0)
    b, _ = added_light(bundled, 3.0)
    assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


def test_bundled_dust_drifts_in_the_sunrise_beam_too(bundled):
    layout = bundled.stage("living_room")
    air = [s for s in layout.lights if s.group == "sunrise" and s.dust > 0]
    assert air and all(s.strength == 0 for s in air)  # it lights its dust, adds no light itself
    for preset, lives in (("sunrise", True), ("night", False)):
        scene = Scene(bundled)
        scene.apply(direction("stage", name="living_room"), 0)
        scene.apply(direction("light", preset=preset), 0)
        assert ("dust" in scene.living(1.0)) == lives


def test_a_figure_has_a_soft_contact_shadow_round_its_feet():
    art = block_art(body=(70, 40, 60, 340))  # feet: x 70..130 at the canvas bottom (y 380)
    got = SpriteRenderer.contact(art)
    assert got is not None and SpriteRenderer.contact(art) is got  # kept with the art
    shade, (x, y) = got
    floor = pygame.Surface((200, 420))
    floor.fill((120, 120, 120))
    floor.blit(shade, (x, y), special_flags=pygame.BLEND_PREMULTIPLIED)
    assert x < 70 and x + shade.get_width() > 130  # wider than the feet
    assert y < 380 <= y + shade.get_height() <= 381  # round the feet, ending on the floor line
    under = mean(floor, (95, 374, 10, 3))
    assert under < 0.7 * 120  # dark under the feet
    assert mean(floor, (x + 1, y + shade.get_height() // 2, 2, 1)) > under + 20  # soft toward its ends
    assert mean(floor, (100, 200, 10, 10)) == pytest.approx(120, abs=1)  # nothing elsewhere


# --- furniture casts a shadow in the beam ----------------------------------------------------


CHAIR_STAGE = """<?xml version="1.0" encoding="UTF-8"?>
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
 <imagelayer id="3" name="chair"><image source="staging/chair.svg" width="1920" height="1080"/>
  <properties>CASTS</properties>
 </imagelayer>
 <objectgroup id="4" name="marks"><object id="2" name="open" x="400" y="900"><point/></object></objectgroup>
</map>
"""


@pytest.fixture(scope="module")
def chair_games(tmp_path_factory):
    import shutil

    from tests.stage.helpers import FIXTURE_GAME

    root = tmp_path_factory.mktemp("chair")
    shutil.copytree(FIXTURE_GAME, root, dirs_exist_ok=True)
    stages = root / "assets" / "stages"
    (stages / "staging").mkdir()
    (stages / "staging" / "floor.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">'
        '<rect width="1920" height="1080" fill="#606060"/></svg>')
    (stages / "staging" / "chair.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080">'
        '<rect x="1000" y="560" width="200" height="440" fill="#503020"/></svg>')
    (stages / "casts.tmx").write_text(CHAIR_STAGE.replace(
        "CASTS", '<property name="casts_shadow" type="bool" value="true"/>'))
    (stages / "plain.tmx").write_text(CHAIR_STAGE.replace("CASTS", ""))
    return GameAssets(root, sprites={"a": "fig"})


def test_a_layer_that_casts_a_shadow_darkens_the_beam_away_from_the_sun(chair_games):
    def frame(stage):
        scene = Scene(chair_games)
        scene.apply(direction("stage", name=stage), 0)
        scene.apply(direction("light", preset="sunset"), 0)
        surf = pygame.Surface((960, 540))
        Compositor(chair_games, ImageCache()).draw(surf, scene.view(0.0))
        return surf

    casts, plain = frame("casts"), frame("plain")
    # the sun sets at x = 560: the chair's shadow falls right of its feet (1100, 1000), down the floor
    k = 0.5
    right = (round(1230 * k), round(1020 * k), round(120 * k), round(40 * k))
    left = (round(700 * k), round(1020 * k), round(120 * k), round(40 * k))
    assert mean(casts, right) < mean(plain, right) - 4  # the beam is shadowed there
    assert mean(casts, left) == pytest.approx(mean(plain, left), abs=0.5)  # not toward the sun
    chair = (round(1050 * k), round(700 * k), round(100 * k), round(200 * k))
    assert mean(casts, chair) == pytest.approx(mean(plain, chair), abs=0.5)  # the chair itself as it was


def test_a_bad_casts_shadow_is_reported(tmp_path):
    from vn.stage.layout import load_layout

    bad = CHAIR_STAGE.replace("CASTS", '<property name="casts_shadow" value="yes"/>')
    (tmp_path / "bad.tmx").write_text(bad)
    _, diags = load_layout(tmp_path / "bad.tmx")
    text = "\n".join(str(d) for d in diags)
    assert "casts_shadow must be a bool" in text

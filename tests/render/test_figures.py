"""The bundled characters in the house style (docs/art.md): pixel statistics over each look.

Each look is rasterised from its layers (the SVGs the game loads) at half the canvas size and
composited as the compositor does (ambient layers x the preset's ambient, rim layers added in the
rim colour, emissive added). The checks are the style's rules: every look renders; its rim is
brighter than its interior, on the side the light comes from; it fits the frame and stays shorter
than the doors at every mark of the room; Zack's injured arm is his RIGHT; the eye glow is a
glint, not a lamp; hands have fingers; the dawn profile is a profile; the General wears his coat.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.stage.helpers import BUNDLED_STAGE, ROOT  # noqa: E402
from vn.stage.assets import GameAssets  # noqa: E402
from vn.stage.sprites import load_sprite  # noqa: E402

SPRITES = ROOT / "assets" / "sprites"
HALF = 0.5
# The room's camera (tools/art/stage.py): horizon at y 500, eye 0.875 m above the floor; a thing
# h metres tall standing at screen y is h * (y - 500) / 0.875 px tall. The doors are 2.0 m.
HORIZON, EYE, DOOR_M = 500.0, 0.875, 2.0
SUNSET_AMBIENT, SUNSET_RIM = (0xFF, 0x8A, 0x5C), (0xFF, 0xA0, 0x62)


def _sprite(name):
    sprite, diags = load_sprite(SPRITES / f"{name}.yaml")
    assert sprite is not None and sprite.canvas is not None, [d.format() for d in diags]
    return sprite


_cache: dict = {}


def _layer(sprite, lname):
    key = (sprite.name, lname)
    if key not in _cache:
        w, h = sprite.canvas
        size = (round(w * HALF), round(h * HALF))
        _cache[key] = pygame.image.load_sized_svg(str(sprite.layers[lname].image), size)
    return _cache[key]


def _look(sprite, look, ambient=SUNSET_AMBIENT, rim=SUNSET_RIM):
    """(picture over black, coverage mask) of one look, composited like the game."""
    w, h = sprite.canvas
    size = (round(w * HALF), round(h * HALF))
    pic = pygame.Surface(size)
    pic.fill((0, 0, 0))
    cover = pygame.Surface(size, pygame.SRCALPHA)
    cover.fill((0, 0, 0, 0))
    for lname in sprite.looks[look]:
        img, role = _layer(sprite, lname), sprite.layers[lname].light
        if role == "ambient":
            t = img.copy()
            t.fill((*ambient, 255), special_flags=pygame.BLEND_RGBA_MULT)
            pic.blit(t, (0, 0))
            cover.blit(img, (0, 0))
        else:
            add = pygame.Surface(size)
            add.fill((0, 0, 0))
            add.blit(img, (0, 0))
            if role == "rim":
                add.fill(rim, special_flags=pygame.BLEND_RGB_MULT)
            pic.blit(add, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    return pic, pygame.mask.from_surface(cover, 127)


def _looks(name):
    sprite = _sprite(name)
    return [(sprite, look) for look in sprite.looks]


ALL = [pytest.param(n, look, id=f"{n}-{look}") for n in ("zack", "sephiroth", "cloud", "officer") for _, look in _looks(n)]
# Looks that do not stand: seated on the floor or at a table, kneeling, lying (the leave ending)
LOW = {("zack", "splinting"), ("zack", "seated_floor"), ("zack", "seated_table"), ("zack", "seated_table_grin"), ("zack", "lying"),
       ("cloud", "kneeling"), ("cloud", "seated_floor"), ("cloud", "seated_table"),
       ("officer", "back"), ("officer", "back_turned"), ("officer", "back_reading")}
# Zack's looks seated facing right (the injured arm the near one, across his knee or his lap)
ZACK_FACING_RIGHT = {"splinting", "seated_floor", "seated_table", "seated_table_grin", "lying"}
# weeks later, in the mess: the arm has knit (a bandage, the sleeve pushed up, no swelling)
MENDED = {"seated_table", "seated_table_grin"}


def _luma(c):
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


@pytest.mark.parametrize("name,look", ALL)
def test_every_look_renders_a_whole_figure(name, look):
    sprite = _sprite(name)
    _, mask = _look(sprite, look)
    w, h = mask.get_size()
    rect = mask.get_bounding_rects()
    assert rect, f"{name} {look} draws nothing"
    top = min(r.top for r in rect)
    bottom = max(r.bottom for r in rect)
    if (name, look) in LOW:
        # seated, kneeling or lying: on the floor at the canvas's foot, the head well below its top
        assert bottom > h * 0.96 and top < (h * 0.85 if look == "lying" else h * 0.72), (top, bottom, h)
        assert mask.count() > w * h * 0.05
        return
    # a standing figure: from the head near the top of the canvas to the soles at its foot (Cloud
    # a head shorter than the others on the same canvas)
    assert bottom > h * 0.97 and top < (h * 0.2 if name == "cloud" else h * 0.12), (top, bottom, h)
    assert mask.count() > w * h * 0.1


# The dawn looks are lit by the low sun in the glass to Sephiroth's RIGHT (docs/art.md); every
# other look by the glass on the left.
LIT_FROM_RIGHT = {("sephiroth", "dawn"), ("sephiroth", "dawn_turning"), ("sephiroth", "dawn_facing")}


def _rows(mask, y0, y1, step=3, min_width=40):
    """(y, [runs of covered x as (start, end)]) for the rows of the figure between y0 and y1."""
    w, _ = mask.get_size()
    for y in range(y0, y1, step):
        runs, start = [], None
        for x in range(w):
            if mask.get_at((x, y)):
                if start is None:
                    start = x
            elif start is not None:
                runs.append((start, x - 1))
                start = None
        if start is not None:
            runs.append((start, w - 1))
        if runs and runs[-1][1] - runs[0][0] >= min_width:
            yield y, runs


@pytest.mark.parametrize("name,look", ALL)
def test_the_rim_is_brighter_than_the_interior_on_the_lit_side(name, look):
    """Under sunset the first pixels of each row on the lit side (the left; the right for the
    dawn looks, lit by the sun) are much brighter than the figure's interior; the interior
    stays a dark silhouette."""
    sprite = _sprite(name)
    pic, mask = _look(sprite, look)
    w, h = mask.get_size()
    right = (name, look) in LIT_FROM_RIGHT
    edge, inner = [], []
    for y, runs in _rows(mask, int(h * 0.15), int(h * 0.9)):
        x0, x1 = runs[0][0], runs[-1][1]
        xs = range(x1 - 2, x1 + 1) if right else range(x0, x0 + 3)
        edge.append(max(_luma(pic.get_at((x, y))) for x in xs))
        for x in range(x0 + 12, x1 - 12, 4):
            if mask.get_at((x, y)):
                inner.append(_luma(pic.get_at((x, y))))
    assert edge and inner
    inner.sort()
    interior = inner[len(inner) // 2]
    assert sum(edge) / len(edge) > 2.0 * interior + 25, (sum(edge) / len(edge), interior)
    assert interior < 70, "the interior is not in shadow"


def _rim_only(sprite, look):
    """The rim layers alone (white light), over black: how much light each pixel's edge catches."""
    pic, mask = _look(sprite, look, ambient=(0, 0, 0), rim=(255, 255, 255))
    return pic, mask


@pytest.mark.parametrize("name,look", ALL)
def test_the_rim_is_not_an_outline_all_round(name, look):
    """A backlight rim lies only on the edges that face the light: along the figure's side away
    from the light, and on the inner edges between the legs, the rim is far weaker than on the
    lit side (an even outline all round reads as a sticker; docs/art.md, rule 2)."""
    sprite = _sprite(name)
    pic, mask = _rim_only(sprite, look)
    w, h = mask.get_size()
    right = (name, look) in LIT_FROM_RIGHT

    def rim_at(x, y, inward):
        xs = range(x, x + 4) if inward > 0 else range(x - 3, x + 1)
        return max(_luma(pic.get_at((min(w - 1, max(0, xx)), y))) for xx in xs)
    lit, dark, outer_leg, inner_leg = [], [], [], []
    for y, runs in _rows(mask, int(h * 0.15), int(h * 0.95)):
        x0, x1 = runs[0][0], runs[-1][1]
        a, b = (rim_at(x1, y, -1), rim_at(x0, y, 1)) if right else (rim_at(x0, y, 1), rim_at(x1, y, -1))
        lit.append(a)
        dark.append(b)
        # the legs, apart: two runs in the lower third; the far leg's edge facing the near one
        if y > h * 0.68 and len(runs) == 2 and runs[1][0] - runs[0][1] > 3:
            if right:
                outer_leg.append(rim_at(runs[1][1], y, -1))
                inner_leg.append(rim_at(runs[0][1], y, -1))
            else:
                outer_leg.append(rim_at(runs[0][0], y, 1))
                inner_leg.append(rim_at(runs[1][0], y, 1))
    assert lit and sum(lit) / len(lit) > 2.5 * (sum(dark) / len(dark)) + 10, (sum(lit) / len(lit), sum(dark) / len(dark))
    if len(inner_leg) > 5:
        assert sum(inner_leg) / len(inner_leg) < 0.6 * sum(outer_leg) / len(outer_leg), (inner_leg, outer_leg)


def _extent(sprite, look):
    """(left, top, right, bottom) of the figure in canvas px."""
    _, mask = _look(sprite, look)
    rects = mask.get_bounding_rects()
    return (min(r.left for r in rects) / HALF, min(r.top for r in rects) / HALF,
            max(r.right for r in rects) / HALF, max(r.bottom for r in rects) / HALF)


@pytest.fixture(scope="module")
def marks():
    if not BUNDLED_STAGE.exists():
        pytest.skip("the bundled stage is not there yet")
    return GameAssets(ROOT, sprites={"zack": "zack", "sephiroth": "sephiroth"}).stage("living_room").marks


@pytest.fixture(scope="module")
def barracks_marks():
    return GameAssets(ROOT, sprites={"zack": "zack", "cloud": "cloud"}).stage("shinra_barracks").marks


@pytest.fixture(scope="module")
def mess_marks():
    return GameAssets(ROOT, sprites={"zack": "zack", "cloud": "cloud"}).stage("shinra_mess").marks


@pytest.fixture(scope="module")
def briefing_marks():
    return GameAssets(ROOT, sprites={"sephiroth": "sephiroth", "officer": "officer"}).stage("shinra_briefing").marks


@pytest.mark.parametrize("name,look", ALL)
def test_no_look_is_clipped_or_as_tall_as_a_door_at_any_mark(name, look, marks, barracks_marks, briefing_marks,
                                                            mess_marks):
    """At every mark of the room (not only the ones the bundled script uses) the figure lies
    inside the 1920x1080 picture (the 1280x720 and 3840x2160 windows show the same picture
    scaled), and is shorter than a door standing where he stands. Cloud and the looks that do
    not stand belong to the leave ending's barracks: they are checked at every mark there."""
    sprite = _sprite(name)
    extent = _extent(sprite, look)
    if (name, look) in LOW or name == "cloud":
        where = dict(briefing_marks if name == "officer" else barracks_marks)
        if look.startswith("seated_table"):
            where.update(mess_marks)       # the mess: its four places at the tables
        assert len(where) >= 4
        for mark in where.values():
            _inside_the_picture(sprite, extent, mark)
        return
    for mark in marks.values():
        box = _inside_the_picture(sprite, extent, mark)
        door = DOOR_M * (mark.y - HORIZON) / EYE
        assert box[3] - box[1] < 0.95 * door, (mark.name, box[3] - box[1], door)


def _inside_the_picture(sprite, extent, mark) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1, 1920x1080 px) the look's paint `extent` covers at `mark`,
    asserted inside the picture."""
    cw, ch = sprite.canvas
    left, top, right, bottom = extent
    k = sprite.height * mark.scale / ch
    x0 = mark.x - sprite.anchor[0] * cw * k
    y0 = mark.y - sprite.anchor[1] * ch * k
    box = (x0 + left * k, y0 + top * k, x0 + right * k, y0 + bottom * k)
    assert box[0] >= 0 and box[2] <= 1920 and box[1] >= 0 and box[3] <= 1080, (mark.name, box)
    return box


def test_sephiroth_is_taller_than_zack(marks):
    zack, seph = _sprite("zack"), _sprite("sephiroth")
    mark = marks["window"]

    def height(sprite, look):
        _, top, _, bottom = _extent(sprite, look)
        return (bottom - top) * sprite.height * mark.scale / sprite.canvas[1]
    assert height(seph, "cold") > height(zack, "resolute") * 1.02


def _skin(pic_albedo, mask, below):
    """Pixels of healthy skin and of the swollen (injured) arm under the chin, told apart by
    hue: the injured arm's albedo is redder (green/red < 0.7) than his skin (~0.78)."""
    w, h = mask.get_size()
    healthy, swollen = [], []
    for y in range(below, h, 2):
        for x in range(0, w, 2):
            if not mask.get_at((x, y)):
                continue
            r, g, b, _ = pic_albedo.get_at((x, y))
            if r < 28 or r <= b + 4:
                continue
            (swollen if g / r < 0.7 else healthy if g / r > 0.72 else []).append((x, y))
    return healthy, swollen


FACING_THE_DOOR = {"door"}


@pytest.mark.parametrize("look", [look for _, look in _looks("zack")])
def test_zacks_injured_arm_is_his_right(look):
    """Proxy: in every look the swollen arm shows, and the top of it (the skin under the torn
    sleeve, just below the shoulder it hangs from) lies left of the middle of his body — his
    RIGHT shoulder's side when he stands three-quarters to the camera, whichever way he turns
    (docs/art.md). A mirrored sprite or an injury drawn on the left arm fails this."""
    sprite = _sprite("zack")
    albedo, mask = _look(sprite, look, ambient=(255, 255, 255), rim=(0, 0, 0))
    healthy, swollen = _skin(albedo, mask, below=round(250 * HALF))
    if look in MENDED:
        assert len(swollen) < 20 and len(healthy) > 60, (look, len(swollen))
        return
    assert len(swollen) > 60, f"no injured arm in {look}"
    assert len(healthy) > 30, f"no good hand in {look}"
    if look in ZACK_FACING_RIGHT:
        return    # seated facing right: the injured arm is the near one, out across his knee or lap
    if look in FACING_THE_DOOR:
        # turned to the door (right) in profile: the injured arm is the near one, hugged to his
        # chest, and the hand furthest toward the door (on the lever) is the good one
        assert max(p[0] for p in healthy) > max(p[0] for p in swollen) + 8, look
        return
    swollen.sort(key=lambda p: p[1])
    top = swollen[: max(10, len(swollen) // 7)]
    w, _ = mask.get_size()
    body = [x for y in range(round(300 * HALF), round(480 * HALF), 2) for x in range(0, w, 2) if mask.get_at((x, y))]
    middle = sum(body) / len(body)
    assert sum(p[0] for p in top) / len(top) < middle - 10, (look, middle)


def test_the_eye_glow_is_a_pair_of_glints_not_lamps():
    sprite = _sprite("sephiroth")
    glows = [n for n, layer in sprite.layers.items() if layer.light == "emissive"]
    assert glows and all(n.startswith("eyes_glow") for n in glows)
    for n in glows:
        img = _layer(sprite, n)
        w, h = img.get_size()
        bright = [(x, y) for y in range(0, h // 3) for x in range(w) if img.get_at((x, y))[3] > 160]
        assert bright, n
        # two slits, each a few px tall: the bright area is small and wider than tall
        xs, ys = [p[0] for p in bright], [p[1] for p in bright]
        assert len(bright) < 60, (n, len(bright))
        assert max(ys) - min(ys) < max(xs) - min(xs)
        r, g, b, _ = img.get_at(bright[len(bright) // 2])
        assert g > r and g > b


NEIGHBOURS = {
    "zack": [("hurt", "scared", "testing"), ("door", "turning"), ("resolute", "arm_raised")],
    "sephiroth": [("cold", "glow", "chair", "chair_glow", "reach"), ("dawn", "dawn_turning")],
}


@pytest.mark.parametrize("name", ["zack", "sephiroth"])
def test_neighbouring_looks_keep_their_feet(name):
    """Looks made for one mark share their legs layer, so a cross-fade between them moves only
    the upper body (docs/art.md): the shared layer is the bottom of each stack, and the feet of
    the composited looks cover the same pixels."""
    sprite = _sprite(name)
    for group in NEIGHBOURS[name]:
        legs = {sprite.looks[look][0] for look in group}
        assert len(legs) == 1 and next(iter(legs)).startswith("legs"), (group, legs)
        masks = [_look(sprite, look)[1] for look in group]
        w, h = masks[0].get_size()
        low = [{(x, y) for y in range(int(h * 0.8), h, 2) for x in range(0, w, 2) if m.get_at((x, y))} for m in masks]
        for other in low[1:]:
            assert len(low[0] ^ other) <= len(low[0]) * 0.02, (group, len(low[0] ^ other))


def _widths(mask, y0, y1):
    """The figure's width (first to last covered pixel) on each row from canvas y0 to y1."""
    w, _ = mask.get_size()
    out = []
    for y in range(round(y0 * HALF), round(y1 * HALF), 2):
        xs = [x for x in range(w) if mask.get_at((x, y))]
        if xs:
            out.append((xs[-1] - xs[0]) / HALF)
    return out


def test_zack_at_the_door_is_turned_to_it_whole():
    """At the door his whole body faces it, in profile (docs/art.md, looks.md): the chest seen
    from the side is narrow, much narrower than the three-quarter chest of `hurt` at the wall
    (a figure turned only at the head keeps the wide chest), and the figure's mass leans toward
    the door: the hand on the lever is its rightmost point above the hips."""
    sprite = _sprite("zack")
    door = _widths(_look(sprite, "door")[1], 290, 340)
    wall = _widths(_look(sprite, "hurt")[1], 290, 340)
    assert door and wall
    assert max(door) < 0.7 * min(wall), (max(door), min(wall))


def _runs(mask, y):
    """The covered runs (start, end) of one canvas row, in canvas px."""
    w, _ = mask.get_size()
    out, start = [], None
    for x in range(w + 1):
        on = x < w and mask.get_at((x, round(y * HALF)))
        if on and start is None:
            start = x
        elif not on and start is not None:
            out.append((start / HALF, (x - 1) / HALF))
            start = None
    return out


@pytest.mark.parametrize("look", ["cold", "dawn"])
def test_sephiroths_legs_have_weight_and_knees(look):
    """His legs are not two long straight tubes (docs/art.md, proportions): at the knee each leg
    is at least 40 canvas px wide (a knee, not a stick: ~7.5 cm at his scale), and the free leg's
    knee is bent forward, off the line from its thigh to its ankle, by at least 8 px."""
    mask = _look(_sprite("sephiroth"), look)[1]
    rows = {y: _runs(mask, y) for y in (690, 736, 900)}
    assert all(len(r) == 2 for r in rows.values()), rows
    knee = rows[736]
    assert min(b - a for a, b in knee) >= 40, knee

    def centre(r):
        return (r[1][0] + r[1][1]) / 2      # the far (free) leg: screen right
    line = (centre(rows[690]) + centre(rows[900])) / 2
    assert centre(rows[736]) - line >= 8, (centre(rows[736]), line)


def test_sephiroth_at_dawn_shows_his_profile_to_the_sun():
    """`dawn`: turned to the sunrise, his face in profile past the hair: the figure's right edge
    juts out along the face (brow, nose, lips, chin) and falls back under the chin to the throat
    (a head seen from behind, or a lost profile, has no such notch: the hair's edge only
    widens downward), and under the sunrise's light the rim along the profile is bright."""
    sprite = _sprite("sephiroth")
    pic, mask = _rim_only(sprite, "dawn")
    face = [_runs(mask, y)[-1][1] for y in range(70, 141, 5)]
    throat = [_runs(mask, y)[-1][1] for y in range(150, 176, 5)]
    assert max(face) - min(throat) >= 20, (face, throat)
    edge = []
    for y in range(80, 140, 4):
        r = _runs(mask, y)
        x1 = round(r[-1][1] * HALF)
        edge.append(max(_luma(pic.get_at((x, round(y * HALF)))) for x in range(x1 - 3, x1 + 1)))
    assert sum(edge) / len(edge) > 60, edge


@pytest.mark.parametrize("look", ["hurt", "scared", "turning"])
def test_zacks_injured_hand_hangs_limp_in_front_of_him(look):
    """The injured forearm is cradled, not held up like a plank: the swollen hand hangs limp from
    the wrist in front of his belly, so the lowest of the injured arm's pixels are the hand's
    fingertips, well in front of (right of) the upper arm under the torn sleeve, not the elbow
    at his side."""
    sprite = _sprite("zack")
    albedo, mask = _look(sprite, look, ambient=(255, 255, 255), rim=(0, 0, 0))
    _, swollen = _skin(albedo, mask, below=round(250 * HALF))
    assert len(swollen) > 60
    swollen.sort(key=lambda p: p[1])
    top, low = swollen[:10], swollen[-10:]
    dx = (sum(p[0] for p in low) - sum(p[0] for p in top)) / 10 / HALF
    assert dx > 50, (look, dx)


@pytest.mark.parametrize("name,look", ALL)
def test_nothing_floats_off_the_figure(name, look):
    """Every look is one connected silhouette: no hand, lock or sleeve drawn apart from the body
    (a raised hand once floated above its forearm when the shoulder's cut took the wrist)."""
    _, mask = _look(_sprite(name), look)
    pieces = [m.count() for m in mask.connected_components(minimum=40)]
    assert len(pieces) == 1, (look, pieces)


def _full_mask(sprite, layer):
    """One layer rasterised at the full canvas size (fingers are a few px apart: half size
    closes the gaps), as a coverage mask."""
    img = pygame.image.load_sized_svg(str(sprite.layers[layer].image), sprite.canvas)
    return pygame.mask.from_surface(img, 127)


def _most_runs(mask, box):
    """The largest number of separate covered runs on any row of the box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    best = 0
    for y in range(y0, y1):
        n, inside = 0, False
        for x in range(x0, x1):
            on = bool(mask.get_at((x, y)))
            n += on and not inside
            inside = on
        best = max(best, n)
    return best


@pytest.mark.parametrize("layer,box", [("upper_reach", (470, 300, 600, 420)), ("upper_chair", (500, 400, 640, 470))])
def test_sephiroths_hands_have_fingers_not_mittens(layer, box):
    """Hands are drawn finger by finger (docs/art.md, rule 8): where his hand stands clear of
    the body (reaching for Zack; resting on the chair's rail with the fingers over its end), a
    row through the fingers crosses at least three separate fingers, not one mitten."""
    assert _most_runs(_full_mask(_sprite("sephiroth"), layer), box) >= 3


def test_the_general_wears_a_greatcoat_to_the_knee():
    """The General at the briefing is Sephiroth in uniform: the greatcoat's skirt hangs to the
    knee as one solid cone, so just above the knee the look covers far more of the row than his
    legs do in `cold` (two legs with a gap); the cap under his arm stands out past his hip."""
    sprite = _sprite("sephiroth")
    assert {"general", "general_calls"} <= set(sprite.looks)
    _, coat = _look(sprite, "general")
    _, legs = _look(sprite, "cold")

    def covered(mask, y):
        return sum(b - a for a, b in _runs(mask, y))
    assert covered(coat, 700) > 1.6 * covered(legs, 700), (covered(coat, 700), covered(legs, 700))
    assert _runs(coat, 452)[-1][1] > _runs(coat, 600)[-1][1] + 20


def test_sephiroth_at_dawn_is_a_profile_not_a_back():
    """At thumbnail size only the outline reads: at `dawn` (in profile to the sunrise) his chest
    is much narrower than when he stands three-quarters to the room (`dawn_facing`), and the
    turning look lies between them (docs/art.md, "Three poses turn the whole body")."""
    sprite = _sprite("sephiroth")

    def chest(look):
        _, mask = _look(sprite, look)
        return sum(b - a for a, b in _runs(mask, 320))
    prof, turning, facing = chest("dawn"), chest("dawn_turning"), chest("dawn_facing")
    assert prof < 0.75 * facing, (prof, facing)
    assert prof < turning < facing, (prof, turning, facing)


# --- the leave ending's people: Cloud; Zack on the barracks floor ----------------------------------

def _count(albedo, mask, box, ok):
    x0, y0, x1, y1 = box
    n = 0
    for y in range(max(0, y0), min(mask.get_size()[1], y1), 2):
        for x in range(max(0, x0), min(mask.get_size()[0], x1), 2):
            if mask.get_at((x, y)) and ok(albedo.get_at((x, y))):
                n += 1
    return n


def _is_blond(c):
    r, g, b = c[0], c[1], c[2]
    return r > 70 and g > 55 and r - b > 40 and g - b > 28


@pytest.mark.parametrize("look", [look for _, look in _looks("cloud")])
def test_cloud_has_his_blond_hair_in_every_look(look):
    """Cloud reads by his hair: in every look the top of the figure (the head, 110 canvas px)
    holds many warm yellow albedo pixels, and the rest of him (a dark uniform) almost none."""
    sprite = _sprite("cloud")
    albedo, mask = _look(sprite, look, ambient=(255, 255, 255), rim=(0, 0, 0))
    w, h = mask.get_size()
    top = min(r.top for r in mask.get_bounding_rects())
    assert _count(albedo, mask, (0, top, w, top + round(110 * HALF)), _is_blond) > 150, look
    assert _count(albedo, mask, (0, top + round(200 * HALF), w, h), _is_blond) < 20, look


def test_zacks_hair_is_not_blond():
    """The control for the test above: Zack's black hair has no blond in it."""
    sprite = _sprite("zack")
    albedo, mask = _look(sprite, "resolute", ambient=(255, 255, 255), rim=(0, 0, 0))
    w, _ = mask.get_size()
    top = min(r.top for r in mask.get_bounding_rects())
    assert _count(albedo, mask, (0, top, w, top + round(110 * HALF)), _is_blond) < 10


def test_cloud_is_shorter_and_slighter_than_zack():
    """Standing, Cloud is 4-14 % shorter than Zack standing (a head shorter in the story's
    words, ~1.65 m against ~1.76 m), and narrower across the chest."""
    cloud, zack = _sprite("cloud"), _sprite("zack")

    def height(sprite, look):
        _, top, _, bottom = _extent(sprite, look)
        return (bottom - top) * sprite.height / sprite.canvas[1]

    def chest(sprite, look):
        _, mask = _look(sprite, look)
        top = min(r.top for r in mask.get_bounding_rects())
        y = top + round(230 * HALF)       # below the shoulders, above the hands
        xs = [x for x in range(mask.get_size()[0]) if mask.get_at((x, y))]
        return max(xs) - min(xs)
    assert 0.86 * height(zack, "resolute") < height(cloud, "standing") < 0.96 * height(zack, "resolute")
    assert chest(cloud, "standing") < 0.95 * chest(zack, "resolute")


def _is_wood(c):
    r, g, b = c[0], c[1], c[2]
    return 28 < r < 120 and r - b >= 16 and g - b >= 8


@pytest.mark.parametrize("look", ["splinting", "seated_floor"])
def test_zacks_forearm_is_splinted_with_a_broom_handle(look):
    """On the barracks floor his RIGHT forearm lies along a broom handle: a long run of wood
    albedo (brown: red and green above blue) lying across the lower half of the figure; the
    standing looks (before the splint) have none."""
    sprite = _sprite("zack")
    albedo, mask = _look(sprite, look, ambient=(255, 255, 255), rim=(0, 0, 0))
    w, h = mask.get_size()
    wood = [(x, y) for y in range(h // 2, h, 2) for x in range(0, w, 2)
            if mask.get_at((x, y)) and _is_wood(albedo.get_at((x, y)))]
    assert len(wood) > 60, len(wood)
    xs = [p[0] for p in wood]
    assert max(xs) - min(xs) > 180 * HALF     # a handle, not a speck
    albedo, mask = _look(sprite, "resolute", ambient=(255, 255, 255), rim=(0, 0, 0))
    assert _count(albedo, mask, (0, 0, w, h), _is_wood) < 10


def _screen_mask(sprite, look, mark):
    """The look's coverage in 1920x1080 screen px at a mark (the compositor's placement)."""
    cw, ch = sprite.canvas
    k = sprite.height * mark.scale / ch
    _, mask = _look(sprite, look)
    size = (round(cw * k), round(ch * k))
    scaled = mask.scale(size)
    x0 = round(mark.x - sprite.anchor[0] * cw * k)
    y0 = round(mark.y - sprite.anchor[1] * ch * k)
    screen = pygame.mask.Mask((1920, 1080))
    screen.draw(scaled, (x0, y0))
    return screen


def test_cloud_kneels_holding_zacks_splinted_forearm(barracks_marks):
    """'He held the arm steady': with Zack splinting at on_floor and Cloud kneeling at
    kneel_by_him, Cloud's silhouette meets Zack's out in front of Zack's body (the forearm over
    his knee), not at his head or his back, and Cloud's head stays clear of Zack's."""
    zack, cloud = _sprite("zack"), _sprite("cloud")
    z = _screen_mask(zack, "splinting", barracks_marks["on_floor"])
    c = _screen_mask(cloud, "kneeling", barracks_marks["kneel_by_him"])
    both = z.overlap_mask(c, (0, 0))
    assert both.count() > 40, both.count()
    zr = z.get_bounding_rects()[0].unionall(z.get_bounding_rects())
    ov = both.get_bounding_rects()[0].unionall(both.get_bounding_rects())
    # the meeting is right of Zack's middle (he faces right, the arm out over his knee) and in
    # the lower half of his seated figure
    assert ov.centerx > zr.centerx and ov.centery > zr.top + zr.height * 0.35, (ov, zr)
    cr = c.get_bounding_rects()[0].unionall(c.get_bounding_rects())
    assert cr.top < zr.top + zr.height * 0.2     # kneeling, his head about as high as Zack's seated one


def test_zack_lies_on_his_back_on_the_bunk(barracks_marks):
    """'That night he lay on his narrow bunk': the lying look is wider than tall (more than twice),
    its underside at the canvas's foot (the mattress), the head at the wall end (the left: the
    hair's top is in the left quarter of the figure), and at `on_his_bunk` it lies within the
    bunk's length (screen x ~ 340..730 at 1080p, stage's note) under the upper tier."""
    sprite = _sprite("zack")
    _, mask = _look(sprite, "lying")
    rects = mask.get_bounding_rects()
    r = rects[0].unionall(rects)
    assert r.width > 2.0 * r.height, r
    assert r.bottom > mask.get_size()[1] * 0.97
    cols = [x for x in range(r.left, r.right) if any(mask.get_at((x, y)) for y in range(r.top, r.top + 6))]
    assert cols and min(cols) > r.left + r.width * 0.4  # the knees are the highest point, not the head...
    left_q = sum(1 for y in range(r.top, r.bottom) for x in range(r.left, r.left + r.width // 4) if mask.get_at((x, y)))
    assert left_q > 200                                # ...and the head lies at the left end
    m = barracks_marks["on_his_bunk"]
    s = _screen_mask(sprite, "lying", m)
    sr = s.get_bounding_rects()[0].unionall(s.get_bounding_rects())
    assert 330 < sr.left and sr.right < 740 and sr.height < 170, sr


@pytest.mark.parametrize("look", ["back", "back_turned", "back_reading"])
def test_the_officers_are_men_in_uniform_seen_from_behind(look):
    """The briefing's officers are drawn figures, not a bust on a chair: seated (the crown about
    1.38 m up: canvas y ~ 200), a head narrower than the shoulders, shoulders with boards (a
    warm, lighter albedo at the shoulder line, both sides), the chair's legs reaching the floor."""
    sprite = _sprite("officer")
    albedo, mask = _look(sprite, look, ambient=(255, 255, 255), rim=(0, 0, 0))
    w, h = mask.get_size()
    rects = mask.get_bounding_rects()
    top = min(r.top for r in rects)
    assert 150 * HALF < top < 280 * HALF, top

    def width(y):
        xs = [x for x in range(w) if mask.get_at((x, round(y * HALF)))]
        return max(xs) - min(xs)
    assert width(260) < 0.55 * width(400)            # the head, then the shoulders
    boards = [(x, y) for y in range(round(340 * HALF), round(400 * HALF)) for x in range(w)
              if mask.get_at((x, y)) and (lambda c: c[0] > 45 and c[0] - c[2] > 18)(albedo.get_at((x, y)))]
    assert boards and min(p[0] for p in boards) < w * 0.45 and max(p[0] for p in boards) > w * 0.55, len(boards)
    assert any(mask.get_at((x, round(950 * HALF))) for x in range(w))   # the chair stands on the floor

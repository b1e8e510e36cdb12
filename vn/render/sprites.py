"""Characters drawn under the current light.

A sprite's layers are grouped by how light treats them: `ambient` layers are stacked and
multiplied by the ambient colour (a dark figure against the window), `rim` layers are added
tinted by the preset's rim colour x strength (the edge the window catches), `emissive` layers
are added as painted (eyes that glow in the dark); an emissive layer with a `pulse` is a group of
its own (`pulse`), added at the pulse's level of the moment (vn.stage.motion). Each group is
composited premultiplied once per look (and per cross-fade step) and size; per frame only a tint
and a few blits remain. A breathing figure (`stretch`) is its lit groups scaled in height from
the feet.
"""

from __future__ import annotations

import math
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from vn.render import allocator
from vn.render.dither import add_static_premultiplied
from vn.render.images import ImageCache, content_rect, placeholder, premultiplied
from vn.render.lighting import q
from vn.render.tiled import draw_layer
from vn.stage.layout import Layout
from vn.stage.lighting import Light
from vn.stage.sprites import SpriteDef
from vn.stage.view import SpriteView

Size = tuple[int, int]
_GROUPS = ("ambient", "rim", "emissive", "pulse")
SHADOW_LENGTH = 1.15  # a shadow in a beam, in figure heights (the sun is low whenever a beam shows)
SHADOW_WIDTH = 0.85  # its width, of the figure's (seen across the floor, a little foreshortened)
SHADOW_DEPTH = 0.82  # how much of the beam's light it takes away (the sky still lights the floor)
SHADOW_SOFT = 10  # logical px of blur: the penumbra of a low sun
SHADOW_SCALE = 4  # a shadow is made at a quarter of its size (it is soft anyway), then enlarged
SHADOWS_KEPT = 6  # shadows kept: more than a frame draws (two figures, the furniture over a beam)
CATCHES_KEPT = 2  # arts of one figure that keep where the light catches them: a cross-fade between looks shows two
# How light from the glass falls on a figure (backlit: the body stays in shadow, the light
# catches the edges turned toward it). Widths are fractions of the figure's height on the output.
RIM_BACK = 0.2  # the rim on the edges turned away from the light, of that on the edges facing it
RIM_SIDE = 0.05  # how far in from a light-facing silhouette edge the painted rim keeps full light
EDGE_THIN = 0.005  # the hot line of a light-facing edge
EDGE_SOFT = 0.016  # its warm falloff into the shadow
EDGE_SOFT_GAIN = 0.6  # the falloff's level, of the hot line's
EDGE_HIDDEN = 0.08  # an edge whose way to the light crosses the figure within this (of its height) stays dark
RIM_PAINT = 0.6  # the painted rim's part in where a beam catches the figure, of the silhouette's
SHEEN_FROM = 45  # paint lighter than this (of 255) catches a glancing light: ((L - 45) x 6)^2 —
# the silver hair (painted 70-110) catches 0.3-1 of it, the coat and shirt (10-50) at most 0.02
CONTACT_DEPTH = 0.8  # the contact shadow under the feet: how much light it takes at its middle
CONTACT_HEIGHT = 0.035  # its height, of the figure's (a floor seen from a little above)
FLOOR_HEAD = 0.35  # a floor beam's light on the figure's head, of that at its feet
GLAZE_DEPTH = 0.14  # a glaze (`Beam.glaze`): how far into the figure from its sun-facing edges, of its height
GLAZE_GAIN = 2  # its paint brightened this many times (figures are painted dark: backlit)
GLAZE_LEVELS = 32  # a glaze level is quantised to this many steps (a kept mask per step)
ANGLE_STEP = 10  # degrees: the light's direction is quantised (a new catch mask per step)


Piece = tuple[pygame.Surface, tuple[int, int]]  # an image cropped to its content, and where it sits
_Lit = tuple[pygame.Surface, int, tuple[int, int]]  # lit piece, blend flags, where it sits
ShadowKey = tuple[int, int, int, int]  # id of the art, the sun's direction (degrees), depth, blur


@dataclass
class _Catch:
    """Where light from one direction catches a figure (`SpriteRenderer.catch`): opaque grey
    masks over `rect` (the figure's canvas px)."""

    rect: pygame.Rect
    weight: pygame.Surface  # RIM_BACK..1: how much of the painted rim faces the light
    edge: pygame.Surface  # the light-facing silhouette edges (and, dimmer, the others) + the weighted rim paint
    sheen: pygame.Surface  # the pale paint (hair, skin) keyed: what a glancing light tints
    floor: pygame.Surface | None = None  # `edge` fading from the feet up (a beam on the floor)
    body: pygame.Surface | None = None  # the paint brightened, toward the light (`glaze`), made on demand
    glazed: tuple[int, pygame.Surface] | None = None  # `body` at the last glaze level asked
    floor_lit: tuple[tuple[int, int, int], pygame.Surface] | None = None  # `floor` in the last colour asked
    rim: pygame.Surface | None = None  # the art's rim paint weighted by `weight` (`_lit`), made on demand


@dataclass
class _Art:
    """One sprite's three premultiplied group images at one size and facing, each cropped to
    where it has pixels (a rim layer is mostly empty). `source`: the art (and x, y factors) a
    stand-in was scaled from; `catches`: its `_Catch` per light direction."""

    groups: dict[str, Piece | None]
    size: Size
    source: tuple[_Art, float, float] | None = None
    catches: dict[int | None, _Catch] = field(default_factory=dict)
    contact: tuple[pygame.Surface, tuple[int, int]] | None = None  # see `SpriteRenderer.contact`


@dataclass
class Prebuilt:
    """A sprite's layers and art at one size, made in the background (`SpriteRenderer.prebuild`):
    `art` as composed, `mirrored` the same flipped (when the view is), and `shadows` (its key, the
    art it is of, the shadow: see `make_shadow`) made for it where it stands."""

    pieces: dict[tuple[object, Size], Piece | None]
    key: tuple[object, ...]
    art: _Art
    mirrored: _Art | None = None
    shadows: list[tuple[ShadowKey, _Art, tuple[pygame.Surface, tuple[float, float]]]] = field(default_factory=list)

    @property
    def shown(self) -> _Art:
        """The art the view draws."""
        return self.mirrored or self.art


def _crop(surf: pygame.Surface) -> Piece | None:
    rect = content_rect(surf)
    if rect.w == 0 or rect.h == 0:
        return None
    return surf.subsurface(rect).copy(), rect.topleft


def _flip(piece: Piece | None, width: int) -> Piece | None:
    if piece is None:
        return None
    surf, (x, y) = piece
    return pygame.transform.flip(surf, True, False), (width - x - surf.get_width(), y)


def _scale(piece: Piece | None, fx: float, fy: float) -> Piece | None:
    if piece is None:
        return None
    surf, (x, y) = piece
    x0, y0 = round(x * fx), round(y * fy)
    w = max(1, round((x + surf.get_width()) * fx) - x0)
    h = max(1, round((y + surf.get_height()) * fy) - y0)
    return pygame.transform.smoothscale(surf, (w, h)), (x0, y0)


def _pixel_size(sprite: SpriteDef | None, view: SpriteView, k: tuple[float, float]) -> Size:
    """The sprite's size on the output, px."""
    height = sprite.height if sprite is not None else 900.0
    aspect = sprite.aspect if sprite is not None else 0.5
    h = max(1, round(height * view.scale * k[1]))
    return max(1, round(h * aspect)), h


def _alpha_key(layers: tuple[tuple[str, float], ...]) -> tuple[tuple[str, int], ...]:
    return tuple((name, max(0, min(255, round(a * 255)))) for name, a in layers)


@dataclass
class FigurePaint:
    """What light falling on a figure lights (`SpriteRenderer.paint`): `pieces` (opaque grey
    mask, where it is on the output, gain) for `Beams.on_figure` (iterating gives them), and
    `floor` for a beam the figure stands in."""

    pieces: list[tuple[pygame.Surface, tuple[int, int], float]]
    floor: tuple[pygame.Surface, tuple[int, int]] | None
    kept: _Catch | None = None  # where `light_rim` keeps its tinted floor mask (a figure not fading)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.pieces)

    def __len__(self) -> int:
        return len(self.pieces)


def _direction(rect: pygame.Rect, sun: tuple[float, float] | None) -> int | None:
    """The direction (degrees on the output, quantised to ANGLE_STEP) from a figure's chest
    (canvas `rect`) toward the sun; None without a sun or with the sun on the chest."""
    if sun is None:
        return None
    dx, dy = sun[0] - rect.centerx, sun[1] - (rect.y + 0.3 * rect.h)
    if math.hypot(dx, dy) < 1.0:
        return None
    return round(math.degrees(math.atan2(dy, dx)) / ANGLE_STEP) * ANGLE_STEP % 360


def _grey(surf: pygame.Surface, pad: int, mode: int) -> pygame.Surface:
    """An opaque picture `pad` px larger each side: the premultiplied `surf`'s alpha as grey
    (mode 0) or its colour on black (mode 1)."""
    out = pygame.Surface((surf.get_width() + 2 * pad, surf.get_height() + 2 * pad))
    out.fill((0, 0, 0))
    if mode == 0:
        white = surf.copy()
        white.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
        out.blit(white, (pad, pad))
    else:
        out.blit(surf, (pad, pad), special_flags=pygame.BLEND_PREMULTIPLIED)
    return out


def _facing(g: pygame.Surface, r: int, u: tuple[float, float] | None) -> pygame.Surface:
    """The band of the silhouette `g` (grey) within `r` px of its edges facing `u` (a unit
    vector; None: every edge): g(p) - g(p + r u), or g minus its erosion."""
    e = g.copy()
    if u is not None:
        e.blit(g, (-round(r * u[0]), -round(r * u[1])), special_flags=pygame.BLEND_RGB_SUB)
        return e
    m = g.copy()
    for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r)):
        m.blit(g, (dx, dy), special_flags=pygame.BLEND_RGB_MIN)
    e.blit(m, (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return e


def _hidden(g: pygame.Surface, u: tuple[float, float], near: int, far: int) -> pygame.Surface:
    """A multiplier for the light-facing edges of the silhouette `g`: 1 where the way toward the
    light (`u`) is open, RIM_BACK where the figure itself stands in it between `near` and `far`
    px away (the far leg's inner edge behind the near leg, the torso's side under a hanging
    arm): the figure shades itself there."""
    occluded = pygame.Surface(g.get_size())
    occluded.fill((0, 0, 0))
    step = max(1, (far - near) // 8)
    for d in range(near + 1, far + 1, step):
        occluded.blit(g, (-round(d * u[0]), -round(d * u[1])), special_flags=pygame.BLEND_RGB_MAX)
    out = pygame.Surface(g.get_size())
    out.fill((255, 255, 255))
    out.blit(_scaled_by(occluded, 1.0 - RIM_BACK), (0, 0), special_flags=pygame.BLEND_RGB_SUB)
    return out


def _soften(surf: pygame.Surface) -> pygame.Surface:
    """`surf` (an opaque grey mask) blurred by a 3x3 tent ([1 2 1] / 4 each way): the edges'
    antialias, in eight blits of its size (pygame's box_blur, a pass per channel, costs ~12 ms
    at a 1080p figure's size and ran in the one frame a new light direction is met)."""
    out = surf
    for dx, dy in ((1, 0), (0, 1)):
        side = _scaled_by(out.copy(), 0.25)
        out = _scaled_by(out.copy(), 0.5)
        out.blit(side, (dx, dy), special_flags=pygame.BLEND_RGB_ADD)
        out.blit(side, (-dx, -dy), special_flags=pygame.BLEND_RGB_ADD)
    return out


def _spread(surf: pygame.Surface, r: int) -> pygame.Surface:
    """`surf` (an opaque grey mask) box-blurred by radius `r` at half its size and scaled back:
    for a soft weight the half size loses nothing that shows, at a quarter of the blur's cost."""
    w, h = surf.get_size()
    if r < 4 or w < 8 or h < 8:
        return pygame.transform.box_blur(surf, max(1, r))
    half = pygame.transform.smoothscale(surf, (w // 2, h // 2))
    return pygame.transform.smoothscale(pygame.transform.box_blur(half, r // 2), (w, h))


def _scaled_by(surf: pygame.Surface, level: float) -> pygame.Surface:
    v = max(0, min(255, round(255 * level)))
    surf.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
    return surf


def _make_catch(art: _Art, angle: int | None) -> _Catch | None:
    """The masks of `SpriteRenderer.catch`, from the figure's silhouette (its ambient group's
    coverage) and its painted rim. Built once per art and direction: a few dozen blits of the
    figure's size."""
    amb = art.groups["ambient"]
    if amb is None:
        return None
    surf, (ax, ay) = amb
    h = art.size[1]
    thin, soft = max(1, round(EDGE_THIN * h)), max(2, round(EDGE_SOFT * h))
    side = max(3, round(RIM_SIDE * h))
    pad = soft + 2
    rect = pygame.Rect(ax - pad, ay - pad, surf.get_width() + 2 * pad, surf.get_height() + 2 * pad)
    g = _grey(surf, pad, 0)
    u = None if angle is None else (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
    # how much of the painted rim faces the light: RIM_BACK far from a light-facing edge, 1 on it
    weight = _facing(g, side, u) if u is not None else g.copy()
    weight.blit(_spread(weight, max(1, side // 2)), (0, 0), special_flags=pygame.BLEND_RGB_MAX)
    weight = _scaled_by(weight, 1.0 - RIM_BACK)
    back = round(255 * RIM_BACK)
    weight.fill((back, back, back), special_flags=pygame.BLEND_RGB_ADD)
    # the edges: a hot line and a warm falloff on the light's side, a faint line on the others
    edge = _facing(g, thin, u)
    edge.blit(_scaled_by(_facing(g, soft, u), EDGE_SOFT_GAIN), (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    if u is not None:
        edge.blit(_hidden(g, u, soft, max(soft + 2, round(EDGE_HIDDEN * h))), (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        edge.blit(_scaled_by(_facing(g, thin, None), RIM_BACK), (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    rim = art.groups["rim"]
    if rim is not None:  # the figure's own rim paint (jaw, hand, strands), toward the light
        rsurf, (rx, ry) = rim
        painted = pygame.Surface(rect.size)
        painted.fill((0, 0, 0))
        painted.blit(rsurf, (rx - rect.x, ry - rect.y), special_flags=pygame.BLEND_PREMULTIPLIED)
        painted.blit(weight, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        edge.blit(_scaled_by(painted, RIM_PAINT), (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    edge = _soften(edge)
    # the pale paint keyed by its lightness (silver hair, not the coat), toward the light
    sheen = pygame.transform.grayscale(_grey(surf, pad, 1))
    sheen.fill((SHEEN_FROM,) * 3, special_flags=pygame.BLEND_RGB_SUB)
    twice = sheen.copy()
    twice.blit(sheen, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    sheen = twice.copy()  # x6
    for _ in range(2):
        sheen.blit(twice, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    sheen.blit(sheen.copy(), (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    sheen.blit(weight, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    return _Catch(rect, weight, edge, sheen)


def _make_body(art: _Art, c: _Catch, angle: int | None) -> pygame.Surface:
    """The mask a glaze lights (`SpriteRenderer.paint`): the figure's own paint (its ambient
    group, on black) brightened GLAZE_GAIN times, over `c.rect`, weighted toward the light the
    way `c.weight` is but GLAZE_DEPTH of the figure's height deep and soft (a stand-in's `c` is
    scaled, so its body is made from its own art)."""
    surf, (ax, ay) = art.groups["ambient"]  # type: ignore[misc]  (a catch exists: so does ambient)
    h = art.size[1]
    body = pygame.Surface(c.rect.size)
    body.fill((0, 0, 0))
    body.blit(surf, (ax - c.rect.x, ay - c.rect.y), special_flags=pygame.BLEND_PREMULTIPLIED)
    once = body.copy()
    for _ in range(GLAZE_GAIN - 1):
        body.blit(once, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    g = pygame.Surface(c.rect.size)
    g.fill((0, 0, 0))
    white = surf.copy()
    white.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
    g.blit(white, (ax - c.rect.x, ay - c.rect.y))
    depth = max(2, round(GLAZE_DEPTH * h))
    u = None if angle is None else (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
    toward = _facing(g, depth, u)
    toward = pygame.transform.box_blur(toward, max(1, depth // 3))
    toward.blit(g, (0, 0), special_flags=pygame.BLEND_RGB_MULT)  # (the blur stays inside the figure)
    body.blit(toward, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    return body


def shadow_key(art: _Art, feet: tuple[float, float], sun: tuple[float, float], alpha: float,
               px: float) -> ShadowKey | None:
    """What a figure's shadow (`SpriteRenderer.shadow`) depends on, besides the art: the
    direction from the sun to the `feet` (whole degrees), its darkness (0..255, the figure's
    `alpha` of SHADOW_DEPTH) and its blur (px at SHADOW_SCALE, from `px` output px per logical
    px); None when it casts none (no pixels, transparent, the sun not in front of it)."""
    dx, dy = feet[0] - sun[0], feet[1] - sun[1]
    if art.groups["ambient"] is None or dy <= 1.0 or alpha <= 0.0:
        return None
    angle = round(math.degrees(math.atan2(dx, dy)))
    depth = round(255 * SHADOW_DEPTH * min(1.0, alpha))
    return (id(art), angle, depth, max(1, round(SHADOW_SOFT * px / SHADOW_SCALE)))


def shadow_flat(art: _Art, depth: int, blur: int) -> tuple[pygame.Surface, float]:
    """The part of a shadow that does not depend on the sun's direction: the figure's
    silhouette flipped under its feet, squashed and blurred, dark on white at SHADOW_SCALE, and
    the x of the feet in it (px)."""
    surf, (px0, py0) = art.groups["ambient"]  # type: ignore[misc]
    size = art.size
    fx = size[0] / 2.0 - px0  # the feet, in the piece: the canvas' bottom centre
    fy = size[1] - py0
    f = SHADOW_SCALE
    w = max(1, round(surf.get_width() * SHADOW_WIDTH / f))
    h = max(1, round(size[1] * SHADOW_LENGTH * surf.get_height() / max(1.0, fy) / f))
    # premultiplied: black where the figure is, with its coverage x depth (made small first:
    # scaling and the multiply commute, and the figure's full-size piece is the large one)
    dark = pygame.transform.flip(pygame.transform.smoothscale(surf, (w, h)), False, True)
    dark.fill((0, 0, 0, depth), special_flags=pygame.BLEND_RGBA_MULT)
    pad = blur + 2
    flat = pygame.Surface((w + 2 * pad, h + 2 * pad))
    flat.fill((255, 255, 255))
    flat.blit(dark, (pad, pad))
    return pygame.transform.box_blur(flat, blur), pad + fx * SHADOW_WIDTH / f


def make_shadow(art: _Art, key: ShadowKey, flat: tuple[pygame.Surface, float] | None = None) \
        -> tuple[pygame.Surface, tuple[float, float]]:
    """The shadow of `key` (`shadow_key`) for `art`: an opaque white picture, dark where the
    shadow falls, cropped to where it is not white, and where the feet are in it (px, from
    its top-left). `flat`: its `shadow_flat`, if kept. Touches no cache (safe in a background
    thread)."""
    _, angle, depth, blur = key
    surf, feet_x = flat or shadow_flat(art, depth, blur)
    f = SHADOW_SCALE
    turned = pygame.transform.rotate(surf, angle)  # (the corners it adds: white, its top-left's colour)
    # where the feet (top of the flipped silhouette) went
    vx = feet_x - surf.get_width() / 2.0
    vy = blur + 2 - surf.get_height() / 2.0
    a = math.radians(angle)
    rx = vx * math.cos(a) + vy * math.sin(a)
    ry = -vx * math.sin(a) + vy * math.cos(a)
    # only where it is not white (a turned shadow's box is mostly white), two white px around (the
    # enlarging reads one beyond)
    white = pygame.mask.from_threshold(turned, (255, 255, 255, 255), (1, 1, 1, 255))
    white.invert()
    boxes = white.get_bounding_rects()
    crop = boxes[0].unionall(boxes[1:]).inflate(4, 4).clip(turned.get_rect()) if boxes else pygame.Rect(0, 0, 1, 1)
    out = pygame.transform.smoothscale(turned.subsurface(crop), (crop.w * f, crop.h * f))
    return out, ((turned.get_width() / 2.0 + rx - crop.x) * f, (turned.get_height() / 2.0 + ry - crop.y) * f)


def _silhouette(surf: pygame.Surface) -> _Art:
    """A stage layer that casts a shadow, as art of one ambient group the size of `surf`."""
    return _Art({"ambient": (surf, (0, 0)), "rim": None, "emissive": None, "pulse": None}, surf.get_size())


class ShadowCasters:
    """The stage's image layers that cast a shadow in the light polygons under them (their
    `casts_shadow` property): each layer's picture cropped to its pixels, as the figures'
    shadow takes it (`SpriteRenderer.shadow`: an art whose feet are the bottom middle of its
    canvas), rasterised once at the stage's scale `k` and smooth-scaled for a camera's zoom."""

    def __init__(self, layout: Layout, images: ImageCache, k: float) -> None:
        self.k = k
        self.layers: list[tuple[int, tuple[float, float], _Art, tuple[float, float]]] = []
        for i, layer in enumerate(layout.layers):
            if not (layer.visible and layer.opacity > 0.0 and layout.casts_shadow(layer)):
                continue
            got = draw_layer(layer, layout, images, (k, k))
            if got is None:
                continue
            surf, pos = got
            rect = content_rect(surf)
            if rect.w == 0 or rect.h == 0:
                continue
            piece = premultiplied(surf.subsurface(rect).copy())
            art = _silhouette(piece)
            feet = ((pos[0] + rect.centerx) / k, (pos[1] + rect.bottom) / k)  # map px
            self.layers.append((i, layer.parallax, art, feet))
        self._zoomed: OrderedDict[float, list[_Art]] = OrderedDict()

    def at(self, k: float) -> list[tuple[int, tuple[float, float], _Art, tuple[float, float]]]:
        """(layer index, its parallax, its art at `k` output px per map px, its feet in map px)."""
        f = round(k / self.k, 3)
        if f == 1.0 or not self.layers:
            return self.layers
        arts = self._zoomed.get(f)
        if arts is None:
            arts = []
            for _, _, art, _ in self.layers:
                surf = art.groups["ambient"][0]  # type: ignore[index]
                size = (max(1, round(surf.get_width() * f)), max(1, round(surf.get_height() * f)))
                arts.append(_silhouette(pygame.transform.smoothscale(surf, size)))
            self._zoomed[f] = arts
            while len(self._zoomed) > 2:
                self._zoomed.popitem(last=False)
        return [(i, par, a, feet) for (i, par, _, feet), a in zip(self.layers, arts, strict=True)]


class SpriteRenderer:
    def __init__(self, images: ImageCache, max_items: int = 6) -> None:
        self.images = images
        self.max_items = max_items
        self._art: OrderedDict[tuple[object, ...], _Art] = OrderedDict()
        self._last_size: dict[str, Size] = {}  # per character: the size drawn last time
        self._premul: OrderedDict[tuple[object, Size], Piece | None] = OrderedDict()
        self._lit_cache: OrderedDict[tuple[object, ...], tuple[_Art, list[_Lit]]] = OrderedDict()
        # (the art held weakly: a shadow must not keep figure art the art cache has dropped)
        self._shadows: OrderedDict[ShadowKey, tuple[weakref.ref[_Art], tuple[pygame.Surface, tuple[float, float]]]] = \
            OrderedDict()
        self._flats: OrderedDict[tuple[int, int, int], tuple[weakref.ref[_Art], tuple[pygame.Surface, float]]] = OrderedDict()
        self._stretch_cache: dict[str, dict[tuple[int, int], tuple[pygame.Surface, pygame.Surface, tuple[int, int]]]] = {}
        self._recent: dict[str, list[int]] = {}  # per figure (`who`): ids of the last CATCHES_KEPT arts drawn

    def release(self) -> None:
        """Let go of what is made for a scene and cheap enough to make again — the shadows and
        their flats, the lit copies, a breath's heights (a few ms a figure), where the light
        catches each figure (~50 ms a figure and direction at 1080p; 4-6 figure-size masks a
        direction, 28 MB for two figures in two directions) — when the picture changes stage
        (most key-beat images have no figures); the composed art and its layers stay."""
        self._shadows.clear()
        self._flats.clear()
        self._lit_cache.clear()
        self._stretch_cache.clear()
        for art in self._art.values():
            art.catches.clear()
        self._recent.clear()

    def kept_bytes(self) -> int:
        """The bytes of pixels kept between scenes: each layer as premultiplied and each
        composed art (what `forget` lets go of)."""
        pieces = [p for p in self._premul.values() if p is not None]
        pieces += [p for art in self._art.values() for p in (*art.groups.values(), art.contact) if p is not None]
        return sum(surf.get_pitch() * surf.get_height() for surf, _ in pieces)

    def forget(self) -> None:
        """`release`, and let go of the layers and composed art too: each figure drawn next is
        rasterised and composed again (~130 ms for two figures at 1080p). For a stage that
        needs the memory (vn.render.compositor)."""
        self.release()
        self._art.clear()
        self._premul.clear()

    def _layer(self, path: object, size: Size) -> Piece | None:
        """A layer's image at `size`, premultiplied and cropped to where it has pixels (kept: a
        cross-fade needs it every frame; the uncropped straight-alpha raster is not)."""
        key = (path, size)
        if key in self._premul:
            self._premul.move_to_end(key)
            return self._premul[key]
        return self.adopt(path, size, self.premultiplied(path, size))

    def premultiplied(self, path: object, size: Size) -> Piece | None:
        """A layer rasterised at `size`, premultiplied and cropped; keeps nothing (safe to call
        from a background thread, see vn.render.resize)."""
        piece = _crop(premultiplied(self.images.get(path, size, keep=False)))  # type: ignore[arg-type]
        if piece is not None:  # the threshold that keeps the light's multiply from banding
            add_static_premultiplied(piece[0])
        return piece

    def adopt(self, path: object, size: Size, piece: Piece | None) -> Piece | None:
        """Keep a layer made by `premultiplied`."""
        self._premul[(path, size)] = piece
        while len(self._premul) > 24:  # (two figures cross-fading between looks need ~20)
            self._premul.popitem(last=False)
        return piece

    def prebuild(self, sprite: SpriteDef, view: SpriteView, k: tuple[float, float]) -> Prebuilt:
        """The layers and composed art `view` shows at the scale `k` (output px per logical px),
        made without touching this renderer's caches: safe in a background thread
        (vn.render.resize); `adopt_prebuilt` hands them over in the drawing thread."""
        size = _pixel_size(sprite, view, k)
        layers = _alpha_key(view.layers)
        pieces = {(sprite.layers[n].image, size): self.premultiplied(sprite.layers[n].image, size)
                  for n, a in layers if a > 0 and n in sprite.layers}
        art = self._compose(sprite, layers, size, lambda path, at: pieces[(path, at)])
        mirrored = _Art({g: _flip(p, size[0]) for g, p in art.groups.items()}, size) if view.mirrored else None
        built = Prebuilt(pieces, (sprite.path, layers, size, False), art, mirrored)
        self.contact(built.shown)  # (kept with the art)
        return built

    def prebuild_shadow(self, built: Prebuilt, feet: tuple[float, float], sun: tuple[float, float],
                        alpha: float, px: float) -> None:
        """Make in the background the shadow `shadow` will be asked for (same arguments) by the
        first frame that draws `built`; `adopt_prebuilt` keeps it."""
        key = shadow_key(built.shown, feet, sun, alpha, px)
        if key is not None:
            built.shadows.append((key, built.shown, make_shadow(built.shown, key)))

    def adopt_prebuilt(self, built: Prebuilt) -> None:
        for (path, size), piece in built.pieces.items():
            self.adopt(path, size, piece)
        self._remember(built.key, built.art)
        if built.mirrored is not None:
            self._remember((*built.key[:3], True), built.mirrored)
        for key, art, made in built.shadows:
            self.adopt_shadow(key, weakref.ref(art), made)

    def _remember(self, key: tuple[object, ...], art: _Art) -> _Art:
        self._art[key] = art
        while len(self._art) > self.max_items:
            _, old = self._art.popitem(last=False)
            for k in [k for k, (a, _) in self._lit_cache.items() if a is old]:  # its lit copies go too
                del self._lit_cache[k]
        return art

    def _compose(self, sprite: SpriteDef, layers: tuple[tuple[str, int], ...], size: Size,
                 layer_at: Callable[[object, Size], Piece | None] | None = None) -> _Art:
        """The groups of `layers` at `size`; each layer's piece from `layer_at(image, size)`
        (default: this renderer's layer cache)."""
        groups: dict[str, pygame.Surface | None] = {g: None for g in _GROUPS}
        for name, alpha in layers:
            layer = sprite.layers.get(name)
            if layer is None or alpha <= 0:
                continue
            piece = (layer_at or self._layer)(layer.image, size)
            if piece is None:  # an empty layer
                continue
            img, at = piece
            if alpha < 255:
                img = img.copy()
                img.fill((alpha, alpha, alpha, alpha), special_flags=pygame.BLEND_RGBA_MULT)
            name = layer.light if layer.light in groups else "ambient"
            if name == "emissive" and layer.pulse is not None:
                name = "pulse"
            group = groups[name]
            if group is None:
                group = pygame.Surface(size, pygame.SRCALPHA)
                group.fill((0, 0, 0, 0))
                groups[name] = group
            group.blit(img, at, special_flags=pygame.BLEND_PREMULTIPLIED)
        allocator.built()  # (the groups' full-size canvases go: given back at the frame's end)
        return _Art({g: (None if surf is None else _crop(surf)) for g, surf in groups.items()}, size)

    def art(self, sprite: SpriteDef, view: SpriteView, size: Size) -> _Art:
        """The sprite's groups at `size`, mirrored as the view says.

        Rasterising SVG is slow (tens of ms a layer at 1080p), so while a sprite's size changes
        from frame to frame (a move between marks of different depth) the nearest raster is
        smooth-scaled instead; once it holds still its layers are rasterised at the exact size,
        one per frame, and used when all are ready. With nothing to scale from (the first time a
        sprite is drawn) it is rasterised at once."""
        layers = _alpha_key(view.layers)
        key = (sprite.path, layers, size, view.mirrored)
        steady = self._last_size.get(view.who) == size
        self._last_size[view.who] = size
        hit = self._art.get(key)
        if hit is not None:
            self._art.move_to_end(key)
            return self._drawn(view.who, hit)
        plain_key = (sprite.path, layers, size, False)
        plain = self._art.get(plain_key)
        if plain is None:
            near = [k for k in self._art if k[0] == sprite.path and k[1] == layers and k[3] == view.mirrored]
            if near:
                missing = [n for n, a in layers if a > 0 and n in sprite.layers
                           and (sprite.layers[n].image, size) not in self._premul]
                if steady and missing:
                    self._layer(sprite.layers[missing[0]].image, size)  # one layer this frame
                if missing:  # (with every layer ready, e.g. built for a new size, compose now)
                    best = min(near, key=lambda k: abs(k[2][1] - size[1]))  # type: ignore[index]
                    base = self._art[best]
                    fx, fy = size[0] / base.size[0], size[1] / base.size[1]
                    self.images.generation += 1  # a stand-in: no picture made with it is kept
                    return _Art({g: _scale(p, fx, fy) for g, p in base.groups.items()}, size,
                                (base, fx, fy))  # not kept
            plain = self._remember(plain_key, self._compose(sprite, layers, size))
        if not view.mirrored:
            return self._drawn(view.who, plain)
        flipped = _Art({g: _flip(p, size[0]) for g, p in plain.groups.items()}, size)
        return self._drawn(view.who, self._remember(key, flipped))

    @staticmethod
    def placement(sprite: SpriteDef | None, view: SpriteView, k: tuple[float, float],
                  origin: tuple[int, int], stretch: float = 1.0) -> pygame.Rect:
        """The sprite's whole canvas on the output, px: its anchor at the view's (x, y) logical
        px times `k` (output px per logical px) from `origin`; `stretch` scales its height from
        the anchor (a breath, vn.stage.motion)."""
        w, h = _pixel_size(sprite, view, k)
        hs = max(1, round(h * stretch))
        ax, ay = sprite.anchor if sprite is not None else (0.5, 1.0)
        if view.mirrored:
            ax = 1.0 - ax
        x = origin[0] + round(view.x * k[0] - ax * w)
        y = origin[1] + round(view.y * k[1] - ay * hs)
        return pygame.Rect(x, y, w, hs)

    def bounds(self, sprite: SpriteDef | None, view: SpriteView, k: tuple[float, float],
               origin: tuple[int, int]) -> pygame.Rect:
        """Where the sprite has pixels on the output, px: the union of its groups' cropped
        images (the canvas around a figure is mostly empty); the canvas for a placeholder or a
        sprite with no pixels at all, or one not drawn at this size yet (this never rasterises)."""
        rect = self.placement(sprite, view, k, origin)
        if sprite is None:
            return rect
        art = self._art.get((sprite.path, _alpha_key(view.layers), rect.size, view.mirrored))
        if art is None:
            return rect
        boxes = [pygame.Rect(rect.x + at[0], rect.y + at[1], *surf.get_size())
                 for piece in art.groups.values() if piece is not None for surf, at in (piece,)]
        return boxes[0].unionall(boxes[1:]) if boxes else rect

    def draw(self, dest: pygame.Surface, sprite: SpriteDef | None, view: SpriteView, light: Light,
             k: tuple[float, float], origin: tuple[int, int], stretch: float = 1.0,
             glow: float = 1.0, art: _Art | None = None) -> pygame.Rect | None:
        """Draw one sprite view; returns where it went (None when nothing was drawn).
        `stretch`: the figure's height factor, from its anchor (a breath); `glow`: the level of
        its pulsing emissive layers (vn.stage.motion). 1 and 1: the sprite as painted. `art`: what
        `art()` gave for this frame, if the caller asked already (ask once a frame)."""
        rect = self.placement(sprite, view, k, origin, stretch)
        if sprite is None:
            dest.blit(placeholder(rect.size, view.sprite), rect)
            return rect
        w, h = _pixel_size(sprite, view, k)
        if art is None:
            art = self.art(sprite, view, (w, h))
        sun = (origin[0] + light.sun[0] * k[0], origin[1] + light.sun[1] * k[1])
        lit = self._lit(view.who, art, light, view.alpha, _direction(rect, sun))
        lit = self._with_pulse(art, lit, max(0.0, min(1.0, view.alpha)) * glow)
        if rect.h != h:
            lit = self._stretched(view.who, lit, h, rect.h)
        shade = self.contact(art)
        if shade is not None and view.alpha > 0.0:
            surf, (cx, cy) = shade
            if view.alpha < 1.0:
                surf = surf.copy()
                surf.fill((255, 255, 255, round(255 * view.alpha)), special_flags=pygame.BLEND_RGBA_MULT)
            dest.blit(surf, (rect.x + cx, rect.bottom - h + cy), special_flags=pygame.BLEND_PREMULTIPLIED)
        for surf, flags, at in lit:
            dest.blit(surf, (rect.x + at[0], rect.y + at[1]), special_flags=flags)
        return rect

    @staticmethod
    def contact(art: _Art) -> tuple[pygame.Surface, tuple[int, int]] | None:
        """The figure's contact shadow: a soft dark ellipse on the floor round its feet (the
        lowest rows of its silhouette), premultiplied black to lay under it, and where it goes
        on the canvas; kept with the art. None for a figure with no pixels."""
        if art.contact is not None:
            return art.contact
        amb = art.groups["ambient"]
        if amb is None:
            return None
        surf, (ax, ay) = amb
        h = art.size[1]
        bottom = surf.get_bounding_rect().bottom
        band = max(1, round(0.02 * h))  # the feet: the silhouette's lowest rows
        y0 = max(0, bottom - band)
        if bottom <= y0:
            return None
        feet = surf.subsurface((0, y0, surf.get_width(), bottom - y0)).get_bounding_rect()
        w = round(feet.w * 1.4 + 0.05 * h)
        eh = max(4, round(CONTACT_HEIGHT * h))
        small = pygame.Surface((64, 16), pygame.SRCALPHA)
        small.fill((0, 0, 0, 0))
        for i in range(8):  # from the rim in: darker toward the middle
            a = round(255 * CONTACT_DEPTH * ((i + 1) / 8) ** 1.5 / 8 * 2.2)
            inset = i * 3.5
            r = pygame.Rect(round(inset), round(inset / 4), max(1, round(64 - 2 * inset)), max(1, round(16 - inset / 2)))
            layer = pygame.Surface((64, 16), pygame.SRCALPHA)
            layer.fill((0, 0, 0, 0))
            pygame.draw.ellipse(layer, (0, 0, 0, min(255, a)), r)
            small.blit(layer, (0, 0))
        shade = pygame.transform.smoothscale(small, (max(1, w), eh))
        cx = ax + feet.centerx - w // 2
        cy = ay + y0 + feet.bottom - eh  # round the feet and behind them, not out in front
        # (a figure's picture ends at its feet: `placement`, the layout tests and the UI's
        # keep-clear boxes take it so)
        art.contact = (shade, (cx, cy))
        return art.contact

    def pulse_rect(self, sprite: SpriteDef | None, view: SpriteView, k: tuple[float, float],
                   origin: tuple[int, int]) -> pygame.Rect | None:
        """Where the sprite's pulsing glow is drawn (None: it shows none)."""
        if sprite is None:
            return None
        rect = self.placement(sprite, view, k, origin)
        piece = self.art(sprite, view, rect.size).groups["pulse"]
        if piece is None:
            return None
        return pygame.Rect(rect.x + piece[1][0], rect.y + piece[1][1], *piece[0].get_size())

    def cover(self, dest: pygame.Surface, sprite: SpriteDef | None, view: SpriteView, k: tuple[float, float],
              origin: tuple[int, int]) -> None:
        """Darken `dest` where the sprite would cover what is under it (dest x (1 - coverage)):
        what of a layer under the figures still shows once they are drawn."""
        if sprite is None:
            return
        rect = self.placement(sprite, view, k, origin)
        amb = self.art(sprite, view, rect.size).groups["ambient"]
        if amb is None:
            return
        black = amb[0].copy()
        a = max(0, min(255, round(255 * view.alpha)))
        black.fill((0, 0, 0, a), special_flags=pygame.BLEND_RGBA_MULT)
        dest.blit(black, (rect.x + amb[1][0], rect.y + amb[1][1]), special_flags=pygame.BLEND_PREMULTIPLIED)

    def _stretched(self, who: str, lit: list[_Lit], h: int, hs: int) -> list[_Lit]:
        """The lit groups scaled in height from `h` to `hs` px, each piece from the anchor row
        down (the pieces of the last height kept per character: a breath has a few heights)."""
        f = hs / h
        kept = self._stretch_cache.setdefault(who, {})
        out: list[_Lit] = []
        seen = set()
        for surf, flags, (x, y) in lit:
            key = (id(surf), hs)
            seen.add(key)
            hit = kept.get(key)
            if hit is None or hit[0] is not surf:
                y0, y1 = round(y * f), round((y + surf.get_height()) * f)
                hit = (surf, pygame.transform.smoothscale(surf, (surf.get_width(), max(1, y1 - y0))), (x, y0))
                kept[key] = hit
            out.append((hit[1], flags, hit[2]))
        for key in [k for k in kept if k not in seen]:
            del kept[key]
        return out
    def catch(self, art: _Art, angle: int | None) -> _Catch | None:
        """Where light from `angle` (degrees on the output, 0 = to the right, 90 = down; None:
        from straight behind) catches the figure of `art`; kept with the art. A stand-in (scaled
        while the figure's size changes, see `art`) scales its source's masks."""
        hit = art.catches.get(angle)
        if hit is not None:
            return hit
        if art.source is not None:
            base, fx, fy = art.source
            b = self.catch(base, angle)
            if b is None:
                return None
            x0, y0 = round(b.rect.x * fx), round(b.rect.y * fy)
            size = (max(1, round(b.rect.right * fx) - x0), max(1, round(b.rect.bottom * fy) - y0))
            hit = _Catch(pygame.Rect((x0, y0), size), *(pygame.transform.smoothscale(m, size)
                                                        for m in (b.weight, b.edge, b.sheen)))
        else:
            hit = _make_catch(art, angle)
            allocator.built()  # (its figure-size scratch goes: given back at the frame's end)
            if hit is None:
                return None
        if len(art.catches) >= 2:  # (a light tween or a walk moves it one way: the last two directions do)
            art.catches.clear()
        art.catches[angle] = hit
        self._forget_catches(art)
        return hit

    def _forget_catches(self, art: _Art) -> None:
        """Only the arts each figure drew last (CATCHES_KEPT of them: `_drawn`) keep their catch
        masks: each look of a figure is an art of its own, and the art cache keeps looks no
        longer shown (4-6 figure-size masks each, ~9 MB at 1080p). A background build's art,
        not kept yet, changes nothing."""
        kept = list(self._art.values())
        if not any(a is art for a in kept):
            return
        recent = {i for ids in self._recent.values() for i in ids} | {id(art)}
        for old in kept:
            if old.catches and id(old) not in recent:
                old.catches.clear()

    def _drawn(self, who: str, art: _Art) -> _Art:
        """Note that figure `who` is drawn with `art` (see `_forget_catches`); returns it."""
        ids = self._recent.setdefault(who, [])
        if not ids or ids[-1] != id(art):
            if id(art) in ids:
                ids.remove(id(art))
            ids.append(id(art))
            del ids[:-CATCHES_KEPT]
        return art

    def paint(self, art: _Art, rect: pygame.Rect, alpha: float,
              sun: tuple[float, float] | None = None, glaze: float = 0.0) -> FigurePaint:
        """How light from the glass falls on the figure drawn at `rect` (its canvas on the
        output) for a sun at `sun` (output px; None: straight behind it): for `Beams.on_figure`,
        its light-facing edges (a hot line and its warm falloff, and its painted rim weighted
        toward the light) and its pale paint (hair) keyed by lightness, so a
        glancing light tints the silver hair and the face and leaves the dark clothes in shadow;
        and, for a beam on the floor (`light_rim`), the edges fading from the feet up. Never a
        flat light over the body: the room is backlit (docs/art.md) — except under a `glaze`
        (0..1, `Light.glaze`: the last rays holding on a figure), which adds the figure's own
        paint, brightened, on its side toward the sun (GLAZE_DEPTH of its height deep, soft)."""
        angle = _direction(rect, sun)
        c = self.catch(art, angle)
        if c is None:
            return FigurePaint([], None)
        at = (rect.x + c.rect.x, rect.y + c.rect.y)
        if c.floor is None:
            c.floor = c.edge.copy()
            ramp = pygame.Surface((1, 2))
            v = round(255 * FLOOR_HEAD)
            ramp.set_at((0, 0), (v, v, v))
            ramp.set_at((0, 1), (255, 255, 255))
            c.floor.blit(pygame.transform.smoothscale(pygame.transform.scale(ramp, (2, 2)), c.rect.size),
                         (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        pieces = [(c.sheen, at, 1.0), (c.edge, at, 1.0)]
        level = round(max(0.0, min(1.0, glaze)) * GLAZE_LEVELS)
        if level > 0:
            pieces.append((self._glazed(art, c, angle, level), at, 1.0))
        elif c.body is not None:  # the glaze is over (the last rays): its masks go
            c.body = c.glazed = None
        floor: tuple[pygame.Surface, tuple[int, int]] | None = (c.floor, at)
        if alpha < 1.0:
            pieces = [(_scaled_by(m.copy(), alpha), a, g) for m, a, g in pieces]
            floor = (_scaled_by(c.floor.copy(), alpha), at)
        return FigurePaint(pieces, floor, c if alpha >= 1.0 else None)

    def _glazed(self, art: _Art, c: _Catch, angle: int | None, level: int) -> pygame.Surface:
        """`c.body` at glaze `level` (of GLAZE_LEVELS); the last level asked is kept."""
        if c.glazed is not None and c.glazed[0] == level:
            return c.glazed[1]
        if c.body is None:
            c.body = _make_body(art, c, angle)
        out = c.body.copy() if level < GLAZE_LEVELS else c.body
        if level < GLAZE_LEVELS:
            _scaled_by(out, level / GLAZE_LEVELS)
        c.glazed = (level, out)
        return out

    @staticmethod
    def light_rim(dest: pygame.Surface, paint: FigurePaint, color: tuple[int, int, int]) -> None:
        """Add light of `color` where a beam on the floor catches the figure (`paint.floor`):
        a figure standing in it, lit on its edges toward the sun, most near the floor."""
        if paint.floor is None:
            return
        surf, at = paint.floor
        kept = paint.kept
        if kept is not None and kept.floor_lit is not None and kept.floor_lit[0] == color:
            lit = kept.floor_lit[1]  # (the same beam at the feet as the frame before)
        else:
            lit = surf.copy()
            lit.fill(color, special_flags=pygame.BLEND_RGB_MULT)
            if kept is not None:
                kept.floor_lit = (color, lit)
        dest.blit(lit, at, special_flags=pygame.BLEND_RGB_ADD)

    def shadow(self, art: _Art, rect: pygame.Rect | None, feet: tuple[float, float], sun: tuple[float, float],
               alpha: float, px: float) -> tuple[pygame.Surface, tuple[int, int]] | None:
        """The figure's shadow on the floor in a beam, for a sun whose foot on the horizon is at
        `sun` (output px): its silhouette laid down from the feet away from the sun, soft. A
        white picture with the shadow dark, to multiply the beams' light by, and where it goes;
        None when the sun is not in front of the figure. `px`: output px per logical px.

        Kept (the last SHADOWS_KEPT made or used, each only while its art lives): a figure's
        shadow changes only when the sun turns by a degree, its alpha changes or the figure's
        art does — not with a camera's zoom, which only changes its blur by a pixel now and
        then (`shadow_key`)."""
        key = shadow_key(art, feet, sun, alpha, px)
        if key is None:
            return None
        hit = self._shadows.get(key)
        if hit is None or hit[0]() is not art:
            hit = (weakref.ref(art), make_shadow(art, key, self._flat(art, key)))
            self.adopt_shadow(key, hit[0], hit[1])
        else:
            self._shadows.move_to_end(key)
        surf, anchor = hit[1]
        return surf, (round(feet[0] - anchor[0]), round(feet[1] - anchor[1]))

    def _flat(self, art: _Art, key: ShadowKey) -> tuple[pygame.Surface, float]:
        """`shadow_flat` for the shadow of `key`, kept: while the sun moves (a light tween) only
        the turn and the enlarging are made again at each degree."""
        flat_key = (key[0], key[2], key[3])
        hit = self._flats.get(flat_key)
        if hit is None or hit[0]() is not art:
            hit = (weakref.ref(art), shadow_flat(art, key[2], key[3]))
            self._flats[flat_key] = hit
            while len(self._flats) > SHADOWS_KEPT:
                self._flats.popitem(last=False)
        else:
            self._flats.move_to_end(flat_key)
        return hit[1]

    def adopt_shadow(self, key: ShadowKey, art: weakref.ref[_Art], made: tuple[pygame.Surface, tuple[float, float]]) -> None:
        """Keep a shadow made by `make_shadow` (in a background build too, see `prebuild`)."""
        for old in [k for k, (ref, _) in self._shadows.items() if ref() is None]:  # figures gone
            del self._shadows[old]
        self._shadows[key] = (art, made)
        self._shadows.move_to_end(key)
        while len(self._shadows) > SHADOWS_KEPT:
            self._shadows.popitem(last=False)

    def _lit(self, who: str, art: _Art, light: Light, alpha: float, angle: int | None = None) -> list[_Lit]:
        """The sprite's groups under the light but the pulsing glow: (surface, blend flags,
        offset); the rim paint weighted toward the light from `angle` (see `catch`: full on the
        edges facing it, RIM_BACK on the others). Kept while the art, the light's colours and direction and
        the sprite's alpha hold (most frames)."""
        a = max(0.0, min(1.0, alpha))
        f = max(0.0, min(1.0, light.fill))  # backlit: the figures' interior darker than the room
        amb_tint = q((light.ambient[0] * f, light.ambient[1] * f, light.ambient[2] * f))
        s = light.rim_strength * a
        rim_tint = q((light.rim[0] * s, light.rim[1] * s, light.rim[2] * s))
        key = (who, id(art), amb_tint, rim_tint, round(a * 255), angle)
        hit = self._lit_cache.get(key)
        if hit is not None and hit[0] is art:
            self._lit_cache.move_to_end(key)
            return hit[1]
        out: list[_Lit] = []
        amb = art.groups["ambient"]
        if amb is not None:
            lit = amb[0].copy()
            r, g, b = amb_tint
            lit.fill((round(r * a), round(g * a), round(b * a), round(255 * a)),
                     special_flags=pygame.BLEND_RGBA_MULT)
            out.append((lit, pygame.BLEND_PREMULTIPLIED, amb[1]))
        rim = art.groups["rim"]
        if rim is not None and rim_tint != (0, 0, 0):
            catch = self.catch(art, angle)
            if catch is not None:
                if catch.rim is None:  # the rim paint weighted toward the light: kept, any tint
                    weighted = rim[0].copy()
                    weight = pygame.Surface(weighted.get_size())
                    back = round(255 * RIM_BACK)
                    weight.fill((back, back, back))
                    weight.blit(catch.weight, (catch.rect.x - rim[1][0], catch.rect.y - rim[1][1]))
                    weighted.blit(weight, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
                    catch.rim = weighted
                lit = catch.rim.copy()
            else:
                lit = rim[0].copy()
            lit.fill(rim_tint, special_flags=pygame.BLEND_RGB_MULT)
            out.append((lit, pygame.BLEND_RGB_ADD, rim[1]))
        emi = art.groups["emissive"]
        if emi is not None and a > 0:
            lit = emi[0]
            if a < 1.0:
                lit = lit.copy()
                v = round(255 * a)
                lit.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
            out.append((lit, pygame.BLEND_RGB_ADD, emi[1]))
        if art.source is None:  # (a stand-in is made anew each frame: its copies are never asked again)
            self._lit_cache[key] = (art, out)
            while len(self._lit_cache) > 4:
                self._lit_cache.popitem(last=False)
        return out

    def _with_pulse(self, art: _Art, lit: list[_Lit], level: float) -> list[_Lit]:
        """`lit` and, added last, the pulsing glow at `level` (a small piece: tinted each time)."""
        pulse = art.groups["pulse"]
        g = max(0, min(255, round(255 * level)))
        if pulse is None or g <= 0:
            return lit
        surf = pulse[0]
        if g < 255:
            surf = surf.copy()
            surf.fill((g, g, g), special_flags=pygame.BLEND_RGB_MULT)
        return [*lit, (surf, pygame.BLEND_RGB_ADD, pulse[1])]

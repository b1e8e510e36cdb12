"""Lighting passes for a stage: its planes lit by a `Light` (the soft beams through the glass are
vn/render/beams.py).

The planes of a stage are composited once per output size into four maps, one per light role.
Alpha compositing is linear in each layer's colour, so the lit stack (each `ambient` layer
multiplied by the ambient colour, `sky` layers replaced by the sky, `emissive` layers added at
the preset's level, `rim` layers added tinted by the preset's rim colour x strength — those with
`faces: up` also x its `rim_top` —, each occluded by the layers above it) is exactly

    ambient * AMBIENT + SKY_MASK * sky picture + emissive * EMISSIVE + rim * RIM
        + rim_top * RIM * RIM_TOP + NONE

where the capitals are fixed images. So a frame during a light tween costs a few full-picture
blits, not a re-composite of every layer; and the lit result is cached while the light holds
still.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import pygame

from vn.render.dither import add_static
from vn.render.images import ImageCache, content_rect, copy, premultiplied
from vn.render.tiled import draw_layer
from vn.stage.color import RGB, oklab_to_rgb, rgb_to_oklab
from vn.stage.layout import Layer, Layout
from vn.stage.lighting import Light

Size = tuple[int, int]

GRADIENT_STOPS = 24  # OKLab stops of the sky gradient; sRGB in between
SUN_GLOW_RADII = 7.0  # the glow reaches this many disc radii from the sun's centre


def q(c: RGB) -> tuple[int, int, int]:
    """A colour quantised for drawing and cache keys."""
    return (max(0, min(255, round(c[0]))), max(0, min(255, round(c[1]))), max(0, min(255, round(c[2]))))


def _level(x: float) -> int:
    return max(0, min(255, round(x * 255)))


@dataclass
class StageMaps:
    """The fixed images of one stage at one output size (see the module docstring).

    `ambient` and `plain` cover `area` (in px of `size`): all of it for the lowest planes. Planes
    laid over others (`laid_over`) keep only where they cover anything — `bounds` and a pixel of
    nothing around it (a door frame over a room is a strip, and each full-size map was 8 MB at
    1080p) — and their `ambient` carries their coverage as its alpha. Lowest planes with no
    ambient-lit paint (a key-beat image's full-picture sky) keep no `ambient`: it would be the
    static threshold alone (vn.render.dither), and is made again when lit (`ambient_map`);
    laid-over planes that cover nothing (emissive or rim light alone) keep none either: it
    would be all clear."""

    size: Size
    ambient: pygame.Surface | None  # RGB over `area`; laid over: per-pixel alpha = coverage; None: see above
    sky: pygame.Surface | None  # opaque grey mask, cropped to sky_rect; None: no sky, or all white (`has_sky`)
    sky_rect: pygame.Rect  # the sky layers' area (where the gradient runs top to bottom)
    emissive: pygame.Surface | None  # opaque RGB, cropped to emissive_rect
    emissive_rect: pygame.Rect
    plain: pygame.Surface | None  # `none` layers, opaque RGB over `area` (added)
    laid_over: bool = False  # drawn over the planes below (premultiplied, with coverage as alpha)
    bounds: pygame.Rect | None = None  # laid over: where they cover or add anything
    rim: pygame.Surface | None = None  # opaque RGB (added, tinted by rim x rim_strength), cropped to rim_rect
    rim_rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    rim_top: pygame.Surface | None = None  # `faces: up` rim layers (x the preset's rim_top too), cropped
    rim_top_rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    area: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))

    def __post_init__(self) -> None:
        if not self.area.w or not self.area.h:
            self.area = pygame.Rect(0, 0, *self.size)

    @property
    def has_sky(self) -> bool:
        """Whether any sky shows (`sky` None and this True: the sky shows fully over all of
        `sky_rect`, as where a key-beat image is one full-picture sky layer — no mask kept)."""
        return self.sky_rect.w > 0 and self.sky_rect.h > 0

    def sky_mask(self) -> pygame.Surface | None:
        """The sky's mask over `sky_rect` (a new white one where none is kept); None: no sky."""
        if self.sky is not None or not self.has_sky:
            return self.sky
        white = pygame.Surface(self.sky_rect.size)
        white.fill((255, 255, 255))
        return white

    def ambient_map(self, into: pygame.Surface | None = None) -> pygame.Surface:
        """`ambient`, drawn into `into` (of `area`'s size; returned) or itself; where none is
        kept, the static threshold on black that it would be (into `into`, or a new surface)."""
        if self.ambient is None:
            out = into if into is not None else pygame.Surface(self.area.size)
            out.fill((0, 0, 0))
            add_static(out)
            return out
        if into is None:
            return self.ambient
        into.blit(self.ambient, (0, 0))
        return into

    def coverage(self) -> pygame.Surface | None:
        """Laid over: how much the planes cover over `area`, as black with that alpha (a new
        surface); None for the lowest planes (they cover everything)."""
        if not self.laid_over:
            return None
        if self.ambient is None:  # (covers nothing)
            clear = pygame.Surface(self.area.size, pygame.SRCALPHA)
            clear.fill((0, 0, 0, 0))
            return clear
        out = copy(self.ambient)
        out.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MULT)
        return out


def parallax_runs(layout: Layout, cuts: Sequence[int] = ()) -> list[tuple[tuple[float, float], list[Layer], int]]:
    """The drawn layers cut into runs of neighbours with the same parallax factors, and cut
    again before each index of `layout.layers` in `cuts` (where figures or light go between
    the planes): (parallax, layers, end) — `end` is the index in `layout.layers` after the
    run's last layer. Each run is composited into its own role maps, and the runs are stacked
    at their own camera offsets."""
    runs: list[tuple[tuple[float, float], list[Layer], int]] = []
    cut, pending = set(cuts), False
    for i, layer in enumerate(layout.layers):
        pending = pending or i in cut
        if not layer.visible or layer.opacity <= 0.0:
            continue
        if runs and runs[-1][0] == layer.parallax and not pending:
            runs[-1][1].append(layer)
        else:
            if runs:  # the previous run ends where this one begins
                runs[-1] = (runs[-1][0], runs[-1][1], i)
            runs.append((layer.parallax, [layer], i + 1))
        pending = False
    if not runs:
        return [((1.0, 1.0), [], len(layout.layers))]
    runs[-1] = (runs[-1][0], runs[-1][1], len(layout.layers))
    return runs


def build_stage_maps(layout: Layout, images: ImageCache, k: float, t: float = 0.0,
                     layers: Sequence[Layer] | None = None, bottom: bool = True, crop: bool = True) -> StageMaps:
    """The role maps of a stage's `layers` (default: all) at `k` output px per map px; animated
    tiles at stage time `t`. `bottom`: these are the lowest planes (the map's background colour
    goes under them); otherwise the maps also keep the planes' coverage, to be laid over the
    planes below, and (`crop`) only where they cover anything."""
    size = (max(1, round(layout.size[0] * k)), max(1, round(layout.size[1] * k)))
    kx = ky = k
    ambient = pygame.Surface(size)
    ambient.fill((0, 0, 0))
    # the other roles' maps are made (black) at the first layer that adds to them: a layer
    # occludes only what is under it, and under a role's first layer its map is all black
    roles: dict[str, pygame.Surface] = {}

    def role(name: str) -> pygame.Surface:
        if name not in roles:
            roles[name] = pygame.Surface(size)
            roles[name].fill((0, 0, 0))
        return roles[name]

    sky_rect: pygame.Rect | None = None
    emissive_rect: pygame.Rect | None = None
    rim_rect: pygame.Rect | None = None
    rim_top_rect: pygame.Rect | None = None
    coverage = None
    if not bottom:
        coverage = pygame.Surface(size, pygame.SRCALPHA)
        coverage.fill((0, 0, 0, 0))
    elif layout.background is not None:  # the map's background colour: a plane under the rest
        r, g, b, a = layout.background
        ambient.fill(q((r * a / 255, g * a / 255, b * a / 255)))
    for layer in layout.layers if layers is None else layers:
        if not layer.visible or layer.opacity <= 0.0:
            continue
        got = draw_layer(layer, layout, images, (kx, ky), t)
        if got is None:
            continue
        whole, at = got
        # only where the layer has pixels (a layer of an upper run is mostly empty, and each
        # full-size copy below is 8 MB at 1080p: the build's peak)
        inked = content_rect(whole)
        if not inked.w or not inked.h:
            continue
        surf, pos = whole.subsurface(inked), (at[0] + inked.x, at[1] + inked.y)
        del whole
        area = pygame.Rect(pos, inked.size).clip(pygame.Rect(0, 0, *size))
        if layer.light == "emissive":
            role("emissive").blit(premultiplied(surf), pos, special_flags=pygame.BLEND_RGB_ADD)
            emissive_rect = area if emissive_rect is None else emissive_rect.union(area)
            continue
        if layer.light == "rim" and layer.properties.get("faces") == "up":
            role("rim_top").blit(premultiplied(surf), pos, special_flags=pygame.BLEND_RGB_ADD)
            rim_top_rect = area if rim_top_rect is None else rim_top_rect.union(area)
            continue
        if layer.light == "rim":
            role("rim").blit(premultiplied(surf), pos, special_flags=pygame.BLEND_RGB_ADD)
            rim_rect = area if rim_rect is None else rim_rect.union(area)
            continue
        black = copy(surf)  # (vn.render.images' copies keep the GIL short for vn.render.resize)
        black.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MULT)  # occluder: alpha only
        if coverage is not None:
            coverage.blit(black, pos)
        if layer.light == "sky":
            white = copy(surf)
            white.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
            role("sky").blit(white, pos)
            sky_rect = area if sky_rect is None else sky_rect.union(area)
            del white
        ambient.blit(surf if layer.light == "ambient" else black, pos)
        if layer.light == "none":
            role("plain").blit(surf, pos)
        for name, under in roles.items():  # this layer hides the light of the layers under it
            if name != layer.light and not (name == "plain" and layer.light == "none"):
                under.blit(black, pos)
        del surf, black
    static_only = coverage is None and _all_black(ambient)  # (no ambient-lit paint: none kept, see StageMaps)
    if coverage is None and not static_only:  # the threshold that keeps the ambient multiply from banding
        add_static(ambient)  # (vn.render.dither)
    sky, emissive, rim, plain = roles.get("sky"), roles.get("emissive"), roles.get("rim"), roles.get("plain")
    sky_crop = sky.subsurface(sky_rect) if sky is not None and sky_rect and sky_rect.w and sky_rect.h else None
    # (none kept where the sky shows fully: 8 MB at 1080p for a full-picture sky)
    sky_crop = None if sky_crop is None or _all_white(sky_crop) else sky_crop.copy()
    emi_crop = emissive.subsurface(emissive_rect).copy() \
        if emissive is not None and emissive_rect and emissive_rect.w and emissive_rect.h else None
    rim_crop = rim.subsurface(rim_rect).copy() if rim is not None and rim_rect and rim_rect.w and rim_rect.h else None
    rim_top = roles.get("rim_top")
    top_crop = rim_top.subsurface(rim_top_rect).copy() \
        if rim_top is not None and rim_top_rect and rim_top_rect.w and rim_top_rect.h else None
    del sky, emissive, rim, rim_top
    roles.clear()  # (the full-size maps go before the laid-over crops are made)
    has_plain = plain is not None
    bounds = None
    area = pygame.Rect(0, 0, *size)
    kept = None if static_only else ambient
    if coverage is not None:
        bounds = covers = content_rect(coverage)
        for added in (emissive_rect, rim_rect, rim_top_rect):  # emissive and rim light add where nothing covers
            if added is not None:
                bounds = bounds.union(added) if bounds.w and bounds.h else added
        # laid over the planes below: only where it covers anything is kept (one pixel of nothing
        # around it, so a scaled run still fades to nothing at its edges as it did whole), the
        # coverage as the ambient map's alpha
        if crop:
            area = bounds.inflate(2, 2).clip(area) if bounds.w and bounds.h else pygame.Rect(0, 0, 1, 1)
        if covers.w and covers.h:
            kept = copy(coverage, area)
            kept.blit(ambient, (0, 0), area, special_flags=pygame.BLEND_RGB_ADD)  # (black + RGB: RGB)
        else:  # emissive or rim light alone (sparks over the picture): all of it would be clear
            kept = None
        plain = copy(plain, area) if has_plain else plain
    return StageMaps(size, kept, sky_crop, sky_rect or pygame.Rect(0, 0, 0, 0), emi_crop,
                     emissive_rect or pygame.Rect(0, 0, 0, 0), plain if has_plain else None,
                     laid_over=coverage is not None, bounds=bounds, rim=rim_crop,
                     rim_rect=rim_rect or pygame.Rect(0, 0, 0, 0), rim_top=top_crop,
                     rim_top_rect=rim_top_rect or pygame.Rect(0, 0, 0, 0), area=area)


def _all_black(surf: pygame.Surface) -> bool:
    return pygame.mask.from_threshold(surf, (0, 0, 0, 255), (1, 1, 1, 255)).count() == \
        surf.get_width() * surf.get_height()


def _all_white(surf: pygame.Surface) -> bool:
    white = pygame.mask.from_threshold(surf, (255, 255, 255, 255), (1, 1, 1, 255))
    return white.count() == surf.get_width() * surf.get_height()


# --- the sky -------------------------------------------------------------------------------


_GLOW: pygame.Surface | None = None


def glow_value(d: float, radius: float) -> float:
    """The sun's brightness (0..1) at distance `d` (texture px) from its centre, in a texture of
    half-width `radius`: a disc of radius radius/SUN_GLOW_RADII with a 1.5 px soft edge, inside
    a two-part exponential halo that falls to zero at the texture's edge."""
    disc = radius / SUN_GLOW_RADII
    core = max(0.0, min(1.0, (disc - d) / 1.5 + 0.5))
    out = max(0.0, d - disc)
    halo = 0.55 * math.exp(-out / (disc * 0.9)) + 0.25 * math.exp(-out / (disc * 3.0))
    edge = max(0.0, 1.0 - d / radius) ** 0.5
    return min(1.0, core + halo * edge * (1.0 - core))


def glow_texture() -> pygame.Surface:
    """A white sun (256x256): a bright disc with a soft edge inside a wide falloff, premultiplied
    on black (for additive blits). The disc has radius 1/SUN_GLOW_RADII of the texture's.

    Drawn as concentric filled circles from the outside in, each at the brightness of its
    radius, then smoothed: 128 draw calls instead of 65,536 per-pixel evaluations in Python
    (which cost ~0.3 s of the first frame)."""
    global _GLOW
    if _GLOW is None:
        n, up = 256, 2  # drawn at twice the size, then smoothscaled: the rings blend away
        big = pygame.Surface((n * up, n * up))
        big.fill((0, 0, 0))
        centre = (n * up / 2.0, n * up / 2.0)
        for r in range(n * up // 2, 0, -1):
            g = round(255 * glow_value((r - 0.5) / up, n / 2.0))
            pygame.draw.circle(big, (g, g, g), centre, r)
        _GLOW = pygame.transform.smoothscale(big, (n, n))
    return _GLOW


_GLOW_SIZED: dict[int, pygame.Surface] = {}


def _glow(radius_px: int) -> pygame.Surface:
    g = _GLOW_SIZED.get(radius_px)
    if g is None:
        if len(_GLOW_SIZED) >= 2:  # (a sun growing through a tween needs a new size each frame)
            _GLOW_SIZED.clear()
        g = pygame.transform.smoothscale(glow_texture(), (radius_px * 2, radius_px * 2))
        _GLOW_SIZED[radius_px] = g
    return g


_SCRATCH: dict[tuple[int, tuple[int, int]], pygame.Surface] = {}


def _scratch(size: tuple[int, int]) -> pygame.Surface:
    """A reusable surface of `size` (allocating and copying is what costs, not the pixels);
    one per thread (a background build lights a stage too: vn.render.resize)."""
    key = (threading.get_ident(), size)
    surf = _SCRATCH.get(key)
    if surf is None:
        if len(_SCRATCH) >= 2:
            _SCRATCH.clear()
        surf = _SCRATCH[key] = pygame.Surface(size)
    return surf


def _sun(light: Light, kx: float, ky: float) -> tuple[tuple[int, int, int], pygame.Rect] | None:
    """The sun's glow as it is drawn: its tint and the square it covers (output px of the map;
    None: no sun). What the sky is made from, so also what its cache key holds."""
    radius = light.sun_size * (kx + ky) / 2.0
    tint = q(light.sun_color)
    if radius < 0.5 or tint == (0, 0, 0):
        return None
    glow_r = max(2, round(radius * SUN_GLOW_RADII))
    return tint, pygame.Rect(round(light.sun[0] * kx - glow_r), round(light.sun[1] * ky - glow_r),
                             glow_r * 2, glow_r * 2)


def repeat(strip: pygame.Surface, out: pygame.Surface) -> pygame.Surface:
    """Fill `out` with copies of `strip` side by side — a column as tall as `out`, or a row as
    wide — and return it: copies of what is drawn, doubling (a nearest-neighbour scale of the
    strip makes the same pixels at about twice the cost)."""
    w, h = out.get_size()
    out.blit(strip, (0, 0))
    whole, (ox, oy) = out.get_abs_parent(), out.get_abs_offset()  # (a subsurface cannot blit itself)
    if strip.get_height() >= h:
        x = strip.get_width()
        while x < w:
            n = min(x, w - x)
            whole.blit(whole, (ox + x, oy), (ox, oy, n, h))
            x += n
    else:
        y = strip.get_height()
        while y < h:
            n = min(y, h - y)
            whole.blit(whole, (ox, oy + y), (ox, oy, w, n))
            y += n
    return out


_COLUMN: tuple[tuple[object, ...], pygame.Surface] | None = None


def _sky_column(top: tuple[int, int, int], horizon: tuple[int, int, int], h: int) -> pygame.Surface:
    """The sky's gradient as a column 2 px wide and `h` tall: GRADIENT_STOPS colours mixed in
    OKLab (as `lerp_color` mixes them), smoothed in between. The last one is kept (the sun moves
    more often than the sky's colours)."""
    global _COLUMN
    key = (top, horizon, h)
    if _COLUMN is None or _COLUMN[0] != key:
        column = pygame.Surface((2, GRADIENT_STOPS))
        lab_top, lab_horizon = rgb_to_oklab(top), rgb_to_oklab(horizon)
        for i in range(GRADIENT_STOPS):
            u = i / (GRADIENT_STOPS - 1)
            if i == 0 or i == GRADIENT_STOPS - 1 or top == horizon:  # the ends exactly (lerp_color)
                c = top if i == 0 and top != horizon else horizon
            else:
                c = q(oklab_to_rgb(tuple(a + (b - a) * u for a, b in zip(lab_top, lab_horizon, strict=True))))
            column.fill(c, (0, i, 2, 1))
        _COLUMN = (key, pygame.transform.smoothscale(column, (2, h)))
    return _COLUMN[1]


def sky_picture(light: Light, rect: pygame.Rect, kx: float, ky: float,
                into: pygame.Surface | None = None) -> pygame.Surface:
    """The preset's sky over `rect` (output px): a vertical OKLab gradient sky_top -> sky_horizon
    (between the colours as drawn, `q`) plus the sun (disc and glow, added). `into`: an opaque
    surface of rect's size to draw it in (returned) instead of a new one."""
    w, h = max(1, rect.w), max(1, rect.h)
    tall = _sky_column(q(light.sky_top), q(light.sky_horizon), h)
    out = repeat(tall, into if into is not None else pygame.Surface((w, h)))
    sun = _sun(light, kx, ky)
    if sun is not None:
        tint, at = sun
        at = at.move(-rect.x, -rect.y)
        shown = at.clip(out.get_rect())  # (a low sun's glow is half below the sky)
        if shown.w and shown.h:
            glow = _scratch(at.size).subsurface((0, 0, *shown.size))
            glow.blit(_glow(at.w // 2), (0, 0), shown.move(-at.x, -at.y))
            glow.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
            out.blit(glow, shown.topleft, special_flags=pygame.BLEND_RGB_ADD)
    return out


def rim_tint(light: Light) -> tuple[int, int, int]:
    """What a white `rim` pixel becomes under `light`: the rim colour x rim_strength (the same
    tint the sprites' rim layers take, so a figure in a stage and a sprite agree)."""
    s = max(0.0, min(1.0, light.rim_strength))
    return q((light.rim[0] * s, light.rim[1] * s, light.rim[2] * s))


def rim_top_tint(light: Light) -> tuple[int, int, int]:
    """What a white pixel of a `faces: up` rim layer becomes under `light`: the rim tint x the
    preset's `rim_top` (a low sun lights the sides of things, not their tops)."""
    s = max(0.0, min(1.0, light.rim_strength)) * max(0.0, min(1.0, light.rim_top))
    return q((light.rim[0] * s, light.rim[1] * s, light.rim[2] * s))


def _add_rim(out: pygame.Surface, rim: pygame.Surface | None, rect: pygame.Rect, tint: tuple[int, int, int],
             to: tuple[int, int]) -> None:
    """Add a rim map (cropped to `rect`, in px of the maps) tinted by `tint` onto `out`, whose
    top-left is at `-to` in those px."""
    if rim is None or tint == (0, 0, 0):
        return
    lit = rim.copy()
    lit.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
    out.blit(lit, rect.move(to), special_flags=pygame.BLEND_RGB_ADD)


def sky_key(light: Light, k: tuple[float, float]) -> tuple[object, ...]:
    """Equal keys: `sky_picture` draws the same sky (everything it is made from, as drawn)."""
    sun = _sun(light, *k)
    return (q(light.sky_top), q(light.sky_horizon), None if sun is None else (sun[0], tuple(sun[1])))


class StageLighter:
    """Draws one stage's planes lit by a light.

    The lit planes without the sky (ambient x AMBIENT + emissive x EMISSIVE + NONE) are kept
    while the ambient colour and the city-lights level hold (during a slow light tween they
    change only every few frames), and lit only where a picture shows them (a camera closer
    than the stage, a clipped picture) until more is asked for; the sky, a smaller area, is added on top each frame and
    itself kept while the sky's colours and sun hold. Planes laid over others keep only their
    lit picture with its coverage (`over`), over their `area`. `release` lets go of every lit
    copy (a stage no longer shown keeps only its maps)."""

    def __init__(self, maps: StageMaps, layout: Layout) -> None:
        self.maps = maps
        self.k = (maps.size[0] / layout.size[0], maps.size[1] / layout.size[1])
        self.release()

    def release(self) -> None:
        """Forget the lit copies (the next frame lights the maps again)."""
        self._base_key: tuple[object, ...] | None = None
        self._base: pygame.Surface | None = None
        self._base_part = pygame.Rect(0, 0, 0, 0)  # the part of `_base` lit for `_base_key`
        self._sky_key: tuple[object, ...] | None = None
        self._sky: pygame.Surface | None = None
        self._emi_level = -1
        self._emi: pygame.Surface | None = None
        self._full: pygame.Surface | None = None
        self._full_key: tuple[object, ...] | None = None
        self._over: pygame.Surface | None = None
        self._over_key: tuple[object, ...] | None = None

    @staticmethod
    def _base_key_of(light: Light) -> tuple[object, ...]:
        return (q(light.ambient), _level(light.emissive), rim_tint(light), rim_top_tint(light))

    @staticmethod
    def key(light: Light, k: tuple[float, float]) -> tuple[object, ...]:
        """Equal keys: the planes look the same under both lights."""
        return (q(light.ambient), _level(light.emissive), rim_tint(light), rim_top_tint(light), sky_key(light, k))

    def _sky_lit(self, light: Light) -> pygame.Surface | None:
        m = self.maps
        if not m.has_sky:
            return None
        key = sky_key(light, self.k)
        if key != self._sky_key:  # (drawn into the one kept: the sun moves a pixel every few frames)
            picture = sky_picture(light, m.sky_rect, *self.k, self._sky)
            if m.sky is not None:
                picture.blit(m.sky, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
            self._sky, self._sky_key = picture, key
        return self._sky

    def _emissive(self, level: int) -> pygame.Surface | None:
        m = self.maps
        if m.emissive is None or level <= 0:
            return None
        if level >= 255:
            return m.emissive
        if level != self._emi_level:
            emi = m.emissive.copy()
            emi.fill((level, level, level), special_flags=pygame.BLEND_RGB_MULT)
            self._emi, self._emi_level = emi, level
        return self._emi

    def _light(self, out: pygame.Surface, light: Light, sky: bool, part: pygame.Rect | None = None) -> None:
        """The maps' `area` lit by `light` into `out` (of that size), the sky too if `sky`;
        `part`: only that part of it (px of `out`). Only colour is touched: a laid-over `out`
        keeps the ambient map's coverage as alpha."""
        m = self.maps
        key = self._base_key_of(light)
        part = part or out.get_rect()
        out = out.subsurface(part)
        to = (-m.area.x - part.x, -m.area.y - part.y)
        out.fill(key[0], special_flags=pygame.BLEND_RGB_MULT)
        emi = self._emissive(key[1])
        if emi is not None:
            out.blit(emi, m.emissive_rect.move(to), special_flags=pygame.BLEND_RGB_ADD)
        _add_rim(out, m.rim, m.rim_rect, key[2], to)
        _add_rim(out, m.rim_top, m.rim_top_rect, key[3], to)
        if m.plain is not None:
            out.blit(m.plain, (0, 0), part, special_flags=pygame.BLEND_RGB_ADD)
        lit_sky = self._sky_lit(light) if sky else None
        if lit_sky is not None:
            out.blit(lit_sky, m.sky_rect.move(to), special_flags=pygame.BLEND_RGB_ADD)

    def _base_lit(self, light: Light, part: pygame.Rect | None = None) -> pygame.Surface:
        """The planes lit by `light` without the sky, over the maps' `area` (kept while the
        light holds). `part` (px of that picture): only that part is asked for (what a camera
        closer than the stage shows of it) — a new light lights only it (on a PART_GRID grid),
        the rest is lit when a later call asks for it."""
        key = self._base_key_of(light)
        whole = pygame.Rect(0, 0, *self.maps.area.size)
        want = whole if part is None else _on_grid(part, PART_GRID).clip(whole)
        if want.w <= 0 or want.h <= 0:
            want = whole
        if key != self._base_key or self._base is None or not self._base_part.contains(want):
            if self._base is None:
                self._base = pygame.Surface(self.maps.area.size)
            if key == self._base_key:  # the same light, more of it shown: what was lit and the rest
                want = want.union(self._base_part)
            if self.maps.laid_over:  # its colour only (max onto black copies it)
                self._base.fill((0, 0, 0), want)
                if self.maps.ambient is not None:
                    self._base.blit(self.maps.ambient, want, want, special_flags=pygame.BLEND_RGB_MAX)
            elif self.maps.ambient is None:  # the static threshold it would be, over the whole
                self.maps.ambient_map(self._base)
            else:
                self._base.blit(self.maps.ambient, want, want)
            self._light(self._base, light, sky=False, part=want)
            self._base_key, self._base_part = key, want
        return self._base

    def prepare(self, light: Light) -> None:
        """Compute what `draw` keeps for `light` (a background build does this, so the first
        frame at a new size only blits)."""
        if self.maps.laid_over:
            self.over(light)
        else:
            self._base_lit(light)
            self._sky_lit(light)

    def draw(self, dest: pygame.Surface, light: Light, origin: tuple[int, int] = (0, 0)) -> None:
        """The whole stage under `light`, drawn onto `dest` with the top-left of its maps at
        `origin` (planes laid over others: opaque, black where they cover nothing)."""
        at = self.maps.area.move(origin)
        dest.blit(self._base_lit(light, dest.get_clip().move(-at.x, -at.y)), at)
        sky = self._sky_lit(light)
        if sky is not None:
            dest.blit(sky, self.maps.sky_rect.move(origin), special_flags=pygame.BLEND_RGB_ADD)

    def full(self, light: Light) -> pygame.Surface:
        """The planes under `light` as one opaque surface over the maps' `area` (kept while the
        light holds; with no sky, the lit planes themselves)."""
        if not self.maps.has_sky:
            return self._base_lit(light)
        key = (self._base_key_of(light), sky_key(light, self.k))
        if key != self._full_key or self._full is None:
            out = self._full if self._full is not None else pygame.Surface(self.maps.area.size)
            out.blit(self._base_lit(light), (0, 0))
            sky = self._sky_lit(light)
            if sky is not None:
                out.blit(sky, self.maps.sky_rect.move(-self.maps.area.x, -self.maps.area.y),
                         special_flags=pygame.BLEND_RGB_ADD)
            self._full, self._full_key = out, key
        return self._full

    def over(self, light: Light) -> pygame.Surface:
        """The planes under `light` over the maps' `area`, as premultiplied colour with their
        coverage as alpha, to be blitted with BLEND_PREMULTIPLIED over the planes below (emissive
        light adds where nothing covers). Kept while the light holds."""
        # (planes with no sky: where the sun is does not change them)
        key = (self._base_key_of(light), sky_key(light, self.k) if self.maps.has_sky else None)
        if key != self._over_key or self._over is None:
            m = self.maps
            out = self._over
            if out is None:
                out = pygame.Surface(m.area.size, pygame.SRCALPHA)
            if m.laid_over:  # a copy of the ambient map, its coverage (alpha) with it
                out.fill((0, 0, 0, 0))
                if m.ambient is not None:
                    out.blit(m.ambient, (0, 0), special_flags=pygame.BLEND_RGBA_MAX)
                self._light(out, light, sky=True)
            else:  # the lowest planes cover everything
                out.blit(self.full(light), (0, 0))
            self._over, self._over_key = out, key
        return self._over

    def lit(self, light: Light) -> pygame.Surface:
        """The whole stage under `light` as a new opaque surface of the maps' size."""
        out = pygame.Surface(self.maps.size)
        self.draw(out, light)
        return out


PART_GRID = 64  # a part of a picture (a lit base, a ramp beam) is made on this grid (kept while it holds)


def _on_grid(rect: pygame.Rect, grid: int) -> pygame.Rect:
    """The least rectangle on a `grid`-px grid that holds `rect`."""
    x0, y0 = rect.x // grid * grid, rect.y // grid * grid
    return pygame.Rect(x0, y0, -(-rect.right // grid) * grid - x0, -(-rect.bottom // grid) * grid - y0)

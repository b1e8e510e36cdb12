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
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import pygame

from vn.render.dither import add_static_premultiplied
from vn.render.images import ImageCache, content_rect, placeholder, premultiplied
from vn.render.lighting import q
from vn.stage.lighting import Light
from vn.stage.sprites import SpriteDef
from vn.stage.view import SpriteView

Size = tuple[int, int]
_GROUPS = ("ambient", "rim", "emissive", "pulse")
SHADOW_LENGTH = 1.15  # a shadow in a beam, in figure heights (the sun is low whenever a beam shows)
SHADOW_WIDTH = 0.85  # its width, of the figure's (seen across the floor, a little foreshortened)
SHADOW_DEPTH = 0.82  # how much of the beam's light it takes away (the sky still lights the floor)
SHADOW_SOFT = 10  # logical px of blur: the penumbra of a low sun


Piece = tuple[pygame.Surface, tuple[int, int]]  # an image cropped to its content, and where it sits
_Lit = tuple[pygame.Surface, int, tuple[int, int]]  # lit piece, blend flags, where it sits


@dataclass
class _Art:
    """One sprite's three premultiplied group images at one size and facing, each cropped to
    where it has pixels (a rim layer is mostly empty)."""

    groups: dict[str, Piece | None]
    size: Size


@dataclass
class Prebuilt:
    """A sprite's layers and art at one size, made in the background (`SpriteRenderer.prebuild`)."""

    pieces: dict[tuple[object, Size], Piece | None]
    key: tuple[object, ...]
    art: _Art


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


class SpriteRenderer:
    def __init__(self, images: ImageCache, max_items: int = 24) -> None:
        self.images = images
        self.max_items = max_items
        self._art: OrderedDict[tuple[object, ...], _Art] = OrderedDict()
        self._last_size: dict[str, Size] = {}  # per character: the size drawn last time
        self._premul: OrderedDict[tuple[object, Size], Piece | None] = OrderedDict()
        self._lit_cache: OrderedDict[tuple[object, ...], tuple[_Art, list[_Lit]]] = OrderedDict()
        self._shadows: OrderedDict[tuple[object, ...], tuple[_Art, tuple[pygame.Surface, tuple[float, float]]]] = \
            OrderedDict()
        self._stretch_cache: dict[str, dict[tuple[int, int], tuple[pygame.Surface, pygame.Surface, tuple[int, int]]]] = {}

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
        while len(self._premul) > 64:
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
        return Prebuilt(pieces, (sprite.path, layers, size, False), art)

    def adopt_prebuilt(self, built: Prebuilt) -> None:
        for (path, size), piece in built.pieces.items():
            self.adopt(path, size, piece)
        self._remember(built.key, built.art)

    def _remember(self, key: tuple[object, ...], art: _Art) -> _Art:
        self._art[key] = art
        while len(self._art) > self.max_items:
            self._art.popitem(last=False)
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
            return hit
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
                    return _Art({g: _scale(p, fx, fy) for g, p in base.groups.items()}, size)  # not kept
            plain = self._remember(plain_key, self._compose(sprite, layers, size))
        if not view.mirrored:
            return plain
        flipped = _Art({g: _flip(p, size[0]) for g, p in plain.groups.items()}, size)
        return self._remember(key, flipped)

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
        lit = self._lit(view.who, art, light, view.alpha)
        lit = self._with_pulse(art, lit, max(0.0, min(1.0, view.alpha)) * glow)
        if rect.h != h:
            lit = self._stretched(view.who, lit, h, rect.h)
        for surf, flags, at in lit:
            dest.blit(surf, (rect.x + at[0], rect.y + at[1]), special_flags=flags)
        return rect

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
    def paint(self, art: _Art, rect: pygame.Rect, alpha: float) -> list[tuple[pygame.Surface, tuple[int, int], float]]:
        """The figure's own colours (premultiplied, unlit) for light that falls on it: its
        ambient paint, and its rim paint (where light catches an edge) at twice the gain."""
        out = []
        for group, gain in (("ambient", 1.0), ("rim", 2.0)):
            piece = art.groups[group]
            if piece is None:
                continue
            surf, at = piece
            if alpha < 1.0:
                surf = surf.copy()
                v = max(0, min(255, round(255 * alpha)))
                surf.fill((v, v, v), special_flags=pygame.BLEND_RGB_MULT)
            out.append((surf, (rect.x + at[0], rect.y + at[1]), gain))
        return out

    @staticmethod
    def light_rim(dest: pygame.Surface, paint: list[tuple[pygame.Surface, tuple[int, int], float]],
                  color: tuple[int, int, int]) -> None:
        """Add light of `color` where the figure's rim paint (the last of `paint`) says light
        catches it: a figure standing in a beam."""
        if len(paint) < 2:  # no rim layer: nothing says where light catches the figure
            return
        surf, at, _ = paint[-1]
        lit = surf.copy()
        lit.fill(color, special_flags=pygame.BLEND_RGB_MULT)
        dest.blit(lit, at, special_flags=pygame.BLEND_RGB_ADD)

    def shadow(self, art: _Art, rect: pygame.Rect, feet: tuple[float, float], sun: tuple[float, float],
               alpha: float, px: float) -> tuple[pygame.Surface, tuple[int, int]] | None:
        """The figure's shadow on the floor in a beam, for a sun whose foot on the horizon is at
        `sun` (output px): its silhouette laid down from the feet away from the sun, soft. A
        white picture with the shadow dark, to multiply the beams' light by, and where it goes;
        None when the sun is not in front of the figure. `px`: output px per logical px."""
        amb = art.groups["ambient"]
        dx, dy = feet[0] - sun[0], feet[1] - sun[1]
        if amb is None or dy <= 1.0 or alpha <= 0.0:
            return None
        angle = round(math.degrees(math.atan2(dx, dy)))
        depth = round(255 * SHADOW_DEPTH * min(1.0, alpha))
        key = ("shadow", id(art), angle, depth, round(px, 3))
        hit = self._shadows.get(key)
        if hit is None or hit[0] is not art:
            hit = (art, self._make_shadow(amb, art.size, angle, depth, px))
            self._shadows[key] = hit
            while len(self._shadows) > 8:
                self._shadows.popitem(last=False)
        surf, anchor = hit[1]
        return surf, (round(feet[0] - anchor[0]), round(feet[1] - anchor[1]))

    def _make_shadow(self, amb: Piece, size: Size, angle: float, depth: int, px: float) -> tuple[pygame.Surface, tuple[float, float]]:
        surf, (px0, py0) = amb
        fx = size[0] / 2.0 - px0  # the feet, in the piece: the canvas' bottom centre
        fy = size[1] - py0
        f = 4  # built at a quarter of the size: it is soft anyway
        w = max(1, round(surf.get_width() * SHADOW_WIDTH / f))
        h = max(1, round(size[1] * SHADOW_LENGTH * surf.get_height() / max(1.0, fy) / f))
        dark = surf.copy()  # premultiplied: black where the figure is, with its coverage x depth
        dark.fill((0, 0, 0, depth), special_flags=pygame.BLEND_RGBA_MULT)
        small = pygame.transform.smoothscale(pygame.transform.flip(dark, False, True), (w, h))
        blur = max(1, round(SHADOW_SOFT * px / f))
        pad = blur + 2
        flat = pygame.Surface((w + 2 * pad, h + 2 * pad))
        flat.fill((255, 255, 255))
        flat.blit(small, (pad, pad))
        flat = pygame.transform.box_blur(flat, blur)
        turned = pygame.transform.rotate(flat, angle)
        # where the feet (top of the flipped silhouette) went
        vx = pad + fx * SHADOW_WIDTH / f - flat.get_width() / 2.0
        vy = pad - flat.get_height() / 2.0
        a = math.radians(angle)
        rx = vx * math.cos(a) + vy * math.sin(a)
        ry = -vx * math.sin(a) + vy * math.cos(a)
        out = pygame.transform.smoothscale(turned, (turned.get_width() * f, turned.get_height() * f))
        return out, ((turned.get_width() / 2.0 + rx) * f, (turned.get_height() / 2.0 + ry) * f)

    def _lit(self, who: str, art: _Art, light: Light, alpha: float) -> list[_Lit]:
        """The sprite's groups under the light but the pulsing glow: (surface, blend flags,
        offset). Kept while the art, the light's colours and the sprite's alpha hold (most
        frames)."""
        a = max(0.0, min(1.0, alpha))
        amb_tint = q(light.ambient)
        s = light.rim_strength * a
        rim_tint = q((light.rim[0] * s, light.rim[1] * s, light.rim[2] * s))
        key = (who, id(art), amb_tint, rim_tint, round(a * 255))
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

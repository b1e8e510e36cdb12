"""Sun beams: the light polygons of a stage as soft masks (BeamShape) and the beams drawn
through them onto the stage and onto the figures that stand in them (Beams), with the figures'
shadows cut out of them. Split from vn/render/lighting.py, which lights the stage's planes."""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Sequence

import pygame

from vn.render.lighting import PART_GRID, _on_grid, q, repeat
from vn.stage.layout import LightShape
from vn.stage.lighting import Light


class BeamShape:
    """One light polygon as a soft white mask (blurred at quarter resolution: an edge that soft
    needs no more), scaled toward its first point by a beam's `reach` on demand."""

    def __init__(self, shape: LightShape, k: tuple[float, float]) -> None:
        self.shape = shape
        pts = [(x * k[0], y * k[1]) for x, y in shape.points]
        soft = shape.softness * (k[0] + k[1]) / 2.0
        pad = soft * 1.5 + 2
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        self.rect = pygame.Rect(math.floor(min(xs) - pad), math.floor(min(ys) - pad), 1, 1)
        self.rect.width = max(1, math.ceil(max(xs) + pad) - self.rect.x)
        self.rect.height = max(1, math.ceil(max(ys) + pad) - self.rect.y)
        self.first = pts[0]
        self.far = max(pts, key=lambda p: math.hypot(p[0] - pts[0][0], p[1] - pts[0][1]))
        f = 4 if soft >= 8 else 1
        small = pygame.Surface((max(1, self.rect.w // f), max(1, self.rect.h // f)))
        small.fill((0, 0, 0))
        pygame.draw.polygon(small, (255, 255, 255),
                            [((x - self.rect.x) / f, (y - self.rect.y) / f) for x, y in pts])
        r = round(soft / f / 2)
        if r >= 1:
            small = pygame.transform.box_blur(pygame.transform.box_blur(small, r), r)
        # the blurred quarter-size mask is kept (a shorter beam is scaled from it: `at_reach`),
        # the full-size one only while it is drawn
        self._small = small if f > 1 else None
        self._mask: pygame.Surface | None = None if f > 1 else small

    @property
    def mask(self) -> pygame.Surface:
        """The soft white mask over `rect` (enlarged from the blurred quarter-size one the first
        time it is asked for after `release`: the same pixels each time)."""
        if self._mask is None:
            assert self._small is not None
            self._mask = pygame.transform.smoothscale(self._small, self.rect.size)
        return self._mask

    def ramp(self, colors: Sequence[tuple[int, int, int]], into: pygame.Surface | None = None,
             part: pygame.Rect | None = None) -> pygame.Surface:
        """A gradient over the mask's rectangle through evenly spaced `colors`, from the
        polygon's first point to its farthest point — along whichever of the vertical and the
        horizontal is nearer that direction — each end's colour carried on beyond it. `part`:
        only that part of the rectangle (px from its top-left); `into`: a surface of the part's
        size to draw it in (returned) instead of a new one."""
        (fx, fy), (gx, gy) = self.first, self.far
        vertical = abs(gy - fy) >= abs(gx - fx)
        n = self.rect.h if vertical else self.rect.w
        a, b = (fy - self.rect.y, gy - self.rect.y) if vertical else (fx - self.rect.x, gx - self.rect.x)
        lo, hi = sorted((a, b))
        stops = list(colors) if a <= b else list(reversed(colors))
        line = pygame.Surface((2, max(1, n)))
        line.fill(stops[0], (0, 0, 2, max(0, round(lo))))
        line.fill(stops[-1], (0, round(hi), 2, max(0, n - round(hi))))
        column = pygame.Surface((2, len(stops)))
        for i, c in enumerate(stops):
            column.fill(c, (0, i, 2, 1))
        span = max(2, round(hi) - round(lo))  # smoothscale: the stops at equal cells' centres
        line.blit(pygame.transform.smoothscale(column, (2, span)), (0, round(lo)))
        if not vertical:  # the gradient along x: the line laid on its side
            line = pygame.transform.rotate(pygame.transform.flip(line, True, False), 90)
        part = part or pygame.Rect(0, 0, *self.rect.size)
        line = line.subsurface((0, part.y, 2, part.h) if vertical else (part.x, 0, part.w, 2))
        return repeat(line, into if into is not None else pygame.Surface(part.size))

    def ramped(self, colors: Sequence[tuple[int, int, int]], into: pygame.Surface | None = None,
               part: pygame.Rect | None = None) -> pygame.Surface:
        """The mask times `ramp(colors)`: a ramp's light over the polygon (`part` and `into`
        as for `ramp`)."""
        part = part or pygame.Rect(0, 0, *self.rect.size)
        out = self.ramp(colors, into, part)
        out.blit(self.mask, (0, 0), part, special_flags=pygame.BLEND_RGB_MULT)
        return out

    def release(self) -> None:
        """Let go of the full-size mask (a stage no longer shown keeps the quarter-size one)."""
        if self._small is not None:
            self._mask = None

    def at_reach(self, reach: float, mask: pygame.Surface | None = None,
                 into: pygame.Surface | None = None) -> tuple[pygame.Surface, pygame.Rect] | None:
        """The mask (or `mask`, a picture of the same size) shrunk toward the polygon's first
        point by `reach`, and where it lies (None: nothing left). The mask itself is scaled from
        its quarter-resolution blur: one resampling of a small picture instead of shrinking the
        full one (a third of the cost; the soft edge is the same). `into`: a surface at least the
        mask's size to draw into (its top-left part is returned) instead of a new one; without
        it, the whole mask may be returned itself."""
        u = max(0.0, min(1.0, reach))
        if u <= 0.001:
            return None
        src = self.mask if mask is None else mask
        if u >= 0.999:
            if into is None:
                return src, self.rect
            out = into.subsurface((0, 0, *self.rect.size))
            out.blit(src, (0, 0))
            return out, self.rect
        fx, fy = self.first
        w, h = max(1, round(self.rect.w * u)), max(1, round(self.rect.h * u))
        rect = pygame.Rect(round(fx + (self.rect.x - fx) * u), round(fy + (self.rect.y - fy) * u), w, h)
        if mask is None and self._small is not None:
            src = self._small
        if into is None:
            return pygame.transform.smoothscale(src, (w, h)), rect
        return pygame.transform.smoothscale(src, (w, h), into.subsurface((0, 0, w, h))), rect


def _outside(rect: pygame.Rect, hole: pygame.Rect) -> list[pygame.Rect]:
    """`rect` less `hole`, as up to four rectangles (above, below, left, right of it)."""
    hole = hole.clip(rect)
    if hole.w <= 0 or hole.h <= 0:
        return [rect]
    bands = [pygame.Rect(rect.x, rect.y, rect.w, hole.y - rect.y),
             pygame.Rect(rect.x, hole.bottom, rect.w, rect.bottom - hole.bottom),
             pygame.Rect(rect.x, hole.y, hole.x - rect.x, hole.h),
             pygame.Rect(hole.right, hole.y, rect.right - hole.right, hole.h)]
    return [b for b in bands if b.w > 0 and b.h > 0]


def _fold(surf: pygame.Surface) -> pygame.Surface:
    """`surf`'s rows folded in half by BLEND_RGB_MAX onto a new opaque surface: the lower half
    over the upper one (a blit of a surface onto itself costs a copy more)."""
    w, h = surf.get_size()
    half = (h + 1) // 2
    out = pygame.Surface((w, half))
    out.fill((0, 0, 0))
    out.blit(surf, (0, 0), special_flags=pygame.BLEND_RGB_ADD)  # (its upper half: the rest is off `out`)
    out.blit(surf, (0, 0), (0, half, w, h - half), special_flags=pygame.BLEND_RGB_MAX)
    return out


def lit_content(surf: pygame.Surface) -> pygame.Rect:
    """The columns of `surf` holding a pixel whose colour is not black, as a rectangle as tall
    as `surf` (alpha is not looked at; Rect(0, 0, 0, 0) when all are black): outside it, light
    multiplied by the picture adds nothing. Found by folding the rows in half until one row is
    left (a few blits in C, not a loop over pixels) and reading it. Only the columns: a
    figure's paint is tall and narrow, and finding the rows too would double the cost for the
    few rows of margin it would skip. Kept while `surf` lives (a figure's paint is kept between
    frames)."""
    hit = _LIT_CONTENT.get(surf)
    if hit is None:
        row = surf
        while row.get_height() > 1:
            row = _fold(row)
        line = pygame.image.tobytes(row, "RGB")
        first = len(line) - len(line.lstrip(b"\0"))
        hit = pygame.Rect(0, 0, 0, 0)
        if first < len(line):
            last = (len(line.rstrip(b"\0")) - 1) // 3
            hit = pygame.Rect(first // 3, 0, last - first // 3 + 1, surf.get_height())
        _LIT_CONTENT[surf] = hit
    return hit


_LIT_CONTENT: weakref.WeakKeyDictionary[pygame.Surface, pygame.Rect] = weakref.WeakKeyDictionary()
_SEEN: weakref.WeakSet[pygame.Surface] = weakref.WeakSet()  # pieces of paint drawn once (Beams._placed)


REACH_STEPS = 512  # a beam's reach is drawn in steps of 1/512 (~3 px of the longest beam at 1080p)
Shadow = tuple[pygame.Surface, tuple[int, int]]  # white picture with a dark figure, where it goes


class Beams:
    """The stage's light polygons, drawn additively with their group's beam from the light.
    Each polygon's tinted mask is kept while its beam's colour, strength and reach hold, drawn
    into a surface kept per polygon (a light tween changes them every frame or two: no new
    surface each time).

    Polygons that fall on the stage are drawn at their `lights` layer's place in the layer
    order (`draw` with the range of depths to draw), with the shadows of the figures standing in
    them cut out; polygons that fall on figures are drawn by `on_figure`, through a figure's
    own paint."""

    def __init__(self, shapes: Sequence[LightShape], k: tuple[float, float]) -> None:
        self.k = k
        self.shapes = [BeamShape(s, k) for s in shapes]
        self._tinted: dict[int, tuple[object, pygame.Surface, pygame.Rect]] = {}
        self._kept: dict[int, pygame.Surface] = {}  # where shape i's tinted mask is drawn
        self._whole: dict[int, pygame.Surface] = {}  # a ramp over shape i's whole mask (to shorten)
        self._scaled: dict[int, tuple[object, tuple[int, int], pygame.Surface]] = {}  # (tint key, size, scaled)
        self._buffer: pygame.Surface | None = None  # the beams' light where shadows lie (draw)
        self._shaded: tuple[object, ...] | None = None  # what `_buffer` holds
        # where a figure's paint meets a beam (on_figure), per (polygon, piece): (paint, key, product, its buffer)
        self._products: dict[tuple[int, int], tuple[pygame.Surface, object, pygame.Surface, pygame.Surface | None]] = {}

    def prepare(self, light: Light) -> None:
        """Tint every polygon's mask for `light` ahead of the frame that needs them (a background
        build does this: at 4K a beam's colour ramp alone took a frame ~0.1 s), and make every
        polygon's full-size mask (a polygon that only lights its dust is read by the dust)."""
        for i, shape in enumerate(self.shapes):
            self._lit(i, light, (0, 0), 1.0, pygame.Rect(0, 0, 1, 1))
            shape.mask  # noqa: B018  (made and kept)

    def release(self) -> None:
        """Forget the tinted and scaled masks (kept while a beam holds; made again on demand)
        and the full-size masks (their quarter-size ones stay)."""
        self._tinted.clear()
        self._kept.clear()
        self._whole.clear()
        self._scaled.clear()
        self._buffer = self._shaded = None
        self._products.clear()
        for shape in self.shapes:
            shape.release()

    def depths(self, n: int) -> set[int]:
        """Where (indices into the stage's layers, 0..n) the stage's polygons are drawn."""
        return {n if b.shape.depth is None else min(n, b.shape.depth)
                for b in self.shapes if b.shape.falls_on == "stage"}

    def _lit(self, i: int, light: Light, origin: tuple[int, int] | Callable[[tuple[float, float]], tuple[int, int]],
             zoom: float, view: pygame.Rect, need: pygame.Rect | None = None) -> tuple[pygame.Surface, tuple[int, int]] | None:
        """Shape i tinted by its beam and where it goes on the output (None: not lit). `need`:
        the part of the output the caller uses (the figures a beam falls on); a ramp beam, whose
        colours can change every frame of a tween, is then made only there (a 64-px grid of it)."""
        shape = self.shapes[i]
        beam = light.beam(shape.shape.group)
        s = beam.strength * shape.shape.strength  # a polygon may add less (0: it only lights its dust)
        if s <= 0.0:
            return None
        reach = round(beam.reach * REACH_STEPS) / REACH_STEPS  # (what the kept mask is made for)
        stops = beam.ramp or (beam.color,)
        tints = tuple(q((c[0] * s, c[1] * s, c[2] * s)) for c in stops)
        if all(t == (0, 0, 0) for t in tints):
            return None
        part = None
        if need is not None and len(tints) > 1 and reach >= 0.999 and abs(zoom - 1.0) <= 1e-6:
            at = origin(shape.shape.parallax) if callable(origin) else origin
            x0 = at[0] + round(shape.rect.x + beam.offset[0] * self.k[0])
            y0 = at[1] + round(shape.rect.y + beam.offset[1] * self.k[1])
            part = _on_grid(need.move(-x0, -y0), PART_GRID).clip(pygame.Rect(0, 0, *shape.rect.size))
            if part.w <= 0 or part.h <= 0:
                return None
        key = (tints, reach, None if part is None else tuple(part))
        cached = self._tinted.get(i)
        if cached is None or cached[0] != key:
            kept = self._kept.get(i)
            if kept is None:
                kept = self._kept[i] = pygame.Surface(shape.rect.size)
            if len(tints) == 1:
                got = shape.at_reach(reach, None, kept)
                if got is not None:
                    got[0].fill(tints[0], special_flags=pygame.BLEND_RGB_MULT)
            elif part is not None:
                got = (shape.ramped(tints, kept.subsurface(part), part),
                       pygame.Rect(shape.rect.x + part.x, shape.rect.y + part.y, part.w, part.h))
            elif reach >= 0.999:  # a ramp: the gradient over the whole mask, shortened with it
                got = shape.ramped(tints, kept), shape.rect
            else:
                whole = self._whole.get(i)
                if whole is None:
                    whole = self._whole[i] = pygame.Surface(shape.rect.size)
                got = shape.at_reach(reach, shape.ramped(tints, whole), kept)
            if got is None:
                self._tinted.pop(i, None)
                return None
            cached = (key, *got)
            self._tinted[i] = cached
        tinted, lit, rect = cached
        at = origin(shape.shape.parallax) if callable(origin) else origin
        x = (rect.x + beam.offset[0] * self.k[0]) * zoom
        y = (rect.y + beam.offset[1] * self.k[1]) * zoom
        if abs(zoom - 1.0) > 1e-6:
            zoomed = self._zoomed(i, lit, tinted, zoom, view.move(-at[0] - round(x), -at[1] - round(y)))
            if zoomed is None:
                return None
            lit = zoomed
        return lit, (at[0] + round(x), at[1] + round(y))

    def draw(self, dest: pygame.Surface, light: Light,
             origin: tuple[int, int] | Callable[[tuple[float, float]], tuple[int, int]],
             zoom: float = 1.0, depths: tuple[int, int] | None = None,
             shadows: Sequence[Shadow] = ()) -> None:
        """Draw the beams that fall on the stage; `origin` is where map (0, 0) lands, or a
        function of a shape's parallax factors that says so (the camera); `zoom`: how much
        larger than built to draw them (a soft mask scales well; rebuilding it each frame of a
        zoom would not). `depths` (lo, hi): only the polygons with lo < depth <= hi (a depth of
        None counts as hi). `shadows` multiply the beams' light (not the picture under it)."""
        view = dest.get_rect()
        pieces = []
        made = []  # what each piece is made from (shape, tint key)
        for i, shape in enumerate(self.shapes):
            if shape.shape.falls_on != "stage":
                continue
            if depths is not None:
                d = depths[1] if shape.shape.depth is None else shape.shape.depth
                if not depths[0] < d <= depths[1]:
                    continue
            got = self._lit(i, light, origin, zoom, view)
            if got is not None:
                pieces.append(got)
                made.append((i, self._tinted[i][0]))
        if not pieces:
            return
        if not shadows:
            for lit, at in pieces:
                dest.blit(lit, at, special_flags=pygame.BLEND_RGB_ADD)
            return
        # the shadows darken the beams' light only where they lie: there the beams are summed in
        # a buffer and multiplied by them; elsewhere each beam is added straight onto the
        # picture (the same result: saturating adds of light in any grouping). At the stage's
        # own scale that place is not cut to the picture (what is kept there then holds while
        # a camera move shows more or less of it); in a picture composed in parts, to its clip
        lit_area = pieces[0][0].get_rect(topleft=pieces[0][1]).unionall(
            [lit.get_rect(topleft=at) for lit, at in pieces[1:]])
        area = shadows[0][0].get_rect(topleft=shadows[0][1]).unionall(
            [shade.get_rect(topleft=at) for shade, at in shadows[1:]]).clip(lit_area)
        clip = dest.get_clip()
        if clip != view or abs(zoom - 1.0) > 1e-6:
            area = area.clip(clip)
        for lit, at in pieces:
            for band in _outside(lit.get_rect(topleft=at), area):
                dest.blit(lit, band.topleft, band.move(-at[0], -at[1]), special_flags=pygame.BLEND_RGB_ADD)
        if area.w <= 0 or area.h <= 0 or not area.colliderect(view):
            return
        # the shadowed light there is kept while the beams, the shadows and their places
        # relative to each other hold (a camera move carries them all; a light steps a few
        # times a second): its key holds them (a light scaled by a zoom is made only where it
        # shows, so there where they are on dest counts too)
        ox, oy = area.topleft if abs(zoom - 1.0) <= 1e-6 else (0, 0)
        key = (area.size, zoom, tuple((m, (x - ox, y - oy)) for m, (_, (x, y)) in zip(made, pieces, strict=True)),
               tuple((weakref.ref(shade), (x - ox, y - oy)) for shade, (x, y) in shadows))  # (not kept alive)
        buf = self._buffer
        if buf is None or buf.get_width() < area.w or buf.get_height() < area.h:
            buf = self._buffer = pygame.Surface((max(area.w, buf.get_width() if buf else 0),
                                                 max(area.h, buf.get_height() if buf else 0)))
            self._shaded = None
        part = buf.subsurface((0, 0, area.w, area.h))
        if key != self._shaded:
            part.fill((0, 0, 0))
            for lit, (x, y) in pieces:
                part.blit(lit, (x - area.x, y - area.y), special_flags=pygame.BLEND_RGB_ADD)
            for shade, (x, y) in shadows:
                part.blit(shade, (x - area.x, y - area.y), special_flags=pygame.BLEND_RGB_MULT)
            self._shaded = key
        dest.blit(part, area.topleft, special_flags=pygame.BLEND_RGB_ADD)

    def light_at(self, point: tuple[float, float], light: Light,
                 origin: tuple[int, int] | Callable[[tuple[float, float]], tuple[int, int]],
                 zoom: float, view: pygame.Rect, below: int) -> tuple[int, int, int]:
        """The light (0..255 a channel, summed and clamped) that the stage's polygons with a
        depth up to `below` add at an output `point`: what a figure standing there stands in."""
        r = g = b = 0
        x, y = round(point[0]), round(point[1])
        for i, shape in enumerate(self.shapes):
            d = shape.shape.depth
            if shape.shape.falls_on != "stage" or (d is not None and d > below):
                continue
            got = self._lit(i, light, origin, zoom, view)
            if got is None:
                continue
            lit, (lx, ly) = got
            if 0 <= x - lx < lit.get_width() and 0 <= y - ly < lit.get_height():
                c = lit.get_at((x - lx, y - ly))
                r, g, b = r + c[0], g + c[1], b + c[2]
        return (min(255, r), min(255, g), min(255, b))

    def on_figure(self, dest: pygame.Surface, light: Light,
                  origin: tuple[int, int] | Callable[[tuple[float, float]], tuple[int, int]],
                  zoom: float, paint: Sequence[tuple[pygame.Surface, tuple[int, int], float]]) -> None:
        """The polygons that fall on figures, through the figures' paint: each (premultiplied
        picture, where it is on the output, gain) gets the polygon's light times its own colour
        (a pale head of hair catches more of it than a dark coat), added."""
        view = dest.get_rect()
        clip = dest.get_clip()
        # the light is made over each piece's whole figure, not only the part in view (what is
        # kept then holds while a camera move shows more or less of it); in a picture composed
        # in parts, only inside the part's clip
        bound = None if clip == view else clip
        placed = None
        for i, shape in enumerate(self.shapes):
            if shape.shape.falls_on != "figures":
                continue
            if placed is None:  # each piece only where it is not black: elsewhere its light adds nothing
                placed = self._placed(paint)
            got = None
            for j, (surf, content, at, gain) in enumerate(placed):
                rect = content if bound is None else content.clip(bound)
                if not rect.colliderect(view):
                    continue
                if got is None:
                    need = rect.unionall([c for _, c, _, _ in placed if c.w and c.h])
                    got = self._lit(i, light, origin, zoom, view, need if bound is None else need.clip(bound))
                    if got is None:
                        break
                lit, lat = got
                over = rect.clip(lit.get_rect(topleft=lat))
                if not over.colliderect(view):
                    continue
                # (a light scaled by a zoom is made only where it shows: where it is counts)
                made = (self._tinted[i][0], zoom, None if abs(zoom - 1.0) <= 1e-6 else lat)
                piece = self._product((i, j), surf, over.move(-at[0], -at[1]), lit, (lat[0] - at[0], lat[1] - at[1]),
                                      made)
                for _ in range(max(1, round(gain))):
                    dest.blit(piece, over.topleft, special_flags=pygame.BLEND_RGB_ADD)

    @staticmethod
    def _placed(paint: Sequence[tuple[pygame.Surface, tuple[int, int], float]]) \
            -> list[tuple[pygame.Surface, pygame.Rect, tuple[int, int], float]]:
        """Each piece of `paint` with the part of the output its light can fall on: where it is
        not black (`lit_content`), once that is known — else the whole piece, the same light
        for more work. It is worked out for a piece drawn a second time, one piece a call at
        most: a fading figure's paint is made for one frame, and a new pose's pieces all at
        once would make one frame slow. (Known or not, the picture is the same.)"""
        placed = []
        budget = 1
        for surf, at, gain in paint:
            content = _LIT_CONTENT.get(surf)
            if content is None and budget and surf in _SEEN:
                content, budget = lit_content(surf), budget - 1
            elif content is None:
                _SEEN.add(surf)
                content = surf.get_rect()
            placed.append((surf, content.move(at), at, gain))
        return placed

    def _product(self, slot: tuple[int, int], surf: pygame.Surface, area: pygame.Rect, lit: pygame.Surface,
                 offset: tuple[int, int], tint: object) -> pygame.Surface:
        """`area` of the piece of paint `surf` times the light `lit` (lying at `offset` from
        surf's top-left; `tint`: what `lit` is made from), kept per `slot` (polygon, piece)
        while they all hold: a figure and the beam on it move together with the camera and the
        light steps a few times a second (vn.stage.scene.LIGHT_STEP), so most frames only add
        it. An opaque `surf` is multiplied in a surface kept for the slot, one with alpha in a
        new one."""
        key = (tint, tuple(area), offset)
        hit = self._products.get(slot)
        if hit is not None and hit[0] is surf and hit[1] == key:
            return hit[2]
        if surf.get_flags() & pygame.SRCALPHA:
            piece = surf.subsurface(area).copy()
        else:
            buf = None if hit is None else hit[3]
            if buf is None or buf.get_width() < area.w or buf.get_height() < area.h:
                buf = pygame.Surface((max(area.w, buf.get_width() if buf else 0),
                                      max(area.h, buf.get_height() if buf else 0)), 0, surf)
            piece = buf.subsurface((0, 0, area.w, area.h))
            piece.blit(surf, (0, 0), area)
        piece.blit(lit, (offset[0] - area.x, offset[1] - area.y), special_flags=pygame.BLEND_RGB_MULT)
        self._products[slot] = (surf, key, piece, None if surf.get_flags() & pygame.SRCALPHA else buf)
        return piece

    def _zoomed(self, i: int, lit: pygame.Surface, tinted: object, zoom: float,
                view: pygame.Rect) -> pygame.Surface | None:
        """A tinted mask scaled by `zoom` (the last kept per shape, while its tint key `tinted`
        and size hold: a ramp is re-tinted in the same surface); None when it would be huge and
        mostly off screen (it is then drawn only where it shows)."""
        size = (max(1, round(lit.get_width() * zoom)), max(1, round(lit.get_height() * zoom)))
        hit = self._scaled.get(i)
        if hit is not None and hit[0] == tinted and hit[1] == size:
            return hit[2]
        if size[0] * size[1] > 4 * view.w * view.h:  # scale only the part on screen
            out = pygame.Surface(size)
            out.fill((0, 0, 0))
            part = view.clip(pygame.Rect(0, 0, *size))
            if part.w <= 0 or part.h <= 0:
                return None
            src = pygame.Rect(part.x / zoom, part.y / zoom, part.w / zoom + 2, part.h / zoom + 2).clip(lit.get_rect())
            if src.w <= 0 or src.h <= 0:
                return None
            piece = pygame.transform.smoothscale(lit.subsurface(src), (round(src.w * zoom), round(src.h * zoom)))
            out.blit(piece, (round(src.x * zoom), round(src.y * zoom)))
            return out
        scaled = pygame.transform.smoothscale(lit, size)
        self._scaled[i] = (tinted, size, scaled)
        return scaled

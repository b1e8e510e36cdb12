"""The picture: a `SceneView` drawn onto a surface at that surface's size.

The logical picture (the game's size, 1920x1080) is scaled to fit the target and letterboxed,
and everything is drawn directly at output resolution — SVG rasterised at the size it is shown,
never a small buffer scaled up — so the picture is as sharp at 3840x2160 as at 1280x720.

Order of a frame: the stage's planes under the light (see `vn.render.lighting`), the sprites by
depth, the beams of light through the glass (after the sprites, so the sunset beam climbs a
figure), then screen effects (shake moves the picture; vignette and flash lie over it), the
transition from the frozen picture before it, and a title card. The UI draws on top.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import pygame

from vn.render import allocator, bands
from vn.render.allocator import give_back
from vn.render.beams import Beams
from vn.render.effects import Effects
from vn.render.images import ImageCache, reset_alpha
from vn.render.lighting import StageLighter, build_stage_maps, parallax_runs, q
from vn.render.motion import Living, sprite_motion
from vn.render.plate import PlateCache
from vn.render.resize import Resize, frame
from vn.render.sprites import ShadowCasters, SpriteRenderer
from vn.render.transitions import Wipe, dissolve, fade, slide_offset
from vn.stage.camera import Camera, bounds_on_screen, default_camera, layer_origin
from vn.stage.layout import Layout
from vn.stage.lighting import Light
from vn.stage.sprites import SpriteDef
from vn.stage.view import CardView, SceneView

log = logging.getLogger(__name__)

Over = tuple[Hashable, Callable[[pygame.Surface], None]]
"""What the UI lays over the picture while it holds (`Compositor.draw`): (key, paint)."""

CardPainter = Callable[[pygame.Surface, CardView, float], None]
"""Draws a card's words onto the picture surface (the compositor has drawn its background);
arguments: the picture surface, the card, output px per logical px."""

TITLE_PX = 78
SUBTITLE_PX = 30
SERIF_FILE = "assets/fonts/EBGaramond12-Regular.otf"
SANS_FILE = "assets/fonts/Lato-Regular.ttf"


class Assets(Protocol):
    def stage(self, name: str) -> Layout | None: ...
    def sprite(self, name: str) -> SpriteDef | None: ...
    def find(self, rel: str) -> Path | None: ...


def fit(size: tuple[int, int], logical: tuple[int, int]) -> tuple[float, pygame.Rect]:
    """Scale and on-target rectangle of the letterboxed picture (the same rounding as
    `vn.ui.viewport.Viewport`, so the UI lines up with it)."""
    w, h = max(1, size[0]), max(1, size[1])
    scale = min(w / logical[0], h / logical[1])
    ox, oy = round((w - logical[0] * scale) / 2), round((h - logical[1] * scale) / 2)
    return scale, pygame.Rect(ox, oy, round(logical[0] * scale), round(logical[1] * scale))


MAX_PLANE_AREA = 40_000_000  # output px of one set of a stage's role maps
# a stage no longer shown keeps its maps (to be shown again without a rebuild) only while they
# hold at most this many full pictures' pixels: a room with its window (1.7 at 1080p) is kept
# for the return from a key-beat image; a key-beat image's many planes (3.5-8) are built again
KEEP_PICTURES = 2.5
# ... and only while the shown stage's maps, those kept and the figures' art kept between scenes
# hold at most this many: a stage as heavy as the burning town (five planes of fire and
# figures: 7.6 pictures, 63 MB at 1080p) is built and drawn alone, and the room and the figures
# are made again after it (~0.5 s, in the transition that returns to them)
BUDGET_PICTURES = 9.0


class _Stage:
    """A stage at one output size: its planes cut into parallax runs, each run's lit maps (one
    set per frame of the tile animations, the last few kept) at the default camera's scale, and
    the beams. Drawn through a camera: at the default zoom a run is one blit at its parallax
    offset; at another zoom the visible part of the run is scaled (and the beams rebuilt at that
    scale, the last few kept)."""

    PHASES = 6

    def __init__(self, layout: Layout, images: ImageCache, size: tuple[int, int]) -> None:
        self.layout = layout
        self.images = images
        self.size = size
        # the planes are rasterised at the larger of the default camera's scale (the map's width
        # fills the picture) and the scale at which its height does (how `camera: MARK` frames)
        self.k_ref = max(size[0] / layout.size[0], size[1] / layout.size[1])
        area = layout.size[0] * layout.size[1] * self.k_ref ** 2
        if area > MAX_PLANE_AREA:  # a huge map: softer planes rather than gigabytes of them
            self.k_ref *= (MAX_PLANE_AREA / area) ** 0.5
        self.k = (self.k_ref, self.k_ref)
        self._view_key: tuple[object, ...] | None = None
        self._mips: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._view: pygame.Surface | None = None
        self.animated = layout.animated()
        n = len(layout.layers)
        cuts = {min(n, m.depth) for m in layout.marks.values() if m.depth is not None}
        cuts |= {min(n, s.depth) for s in layout.lights if s.depth is not None and s.falls_on == "stage"}
        self.runs = parallax_runs(layout, sorted(cuts))
        # the runs below the first place where figures or light go between the planes: drawn
        # (and, through a zoom, kept) as one picture
        self.prefix = next((i + 1 for i, run in enumerate(self.runs) if run[2] in cuts), len(self.runs))
        self._lighters: OrderedDict[tuple[int, ...], list[StageLighter]] = OrderedDict()
        self._beams: OrderedDict[float, Beams] = OrderedDict()
        self._casters: ShadowCasters | None = None
        self.marks_parallax = marks_parallax(layout)
        self._scratch: dict[bool, pygame.Surface] = {}  # where runs are scaled, opaque or not (kept)
        self.built_run: Callable[[int], None] | None = None  # after each run's maps are built: their bytes so far

    def lighters(self, clock: float) -> list[StageLighter]:
        phase = self.layout.animation_phase(clock) if self.animated else ()
        lit = self._lighters.get(phase)
        if lit is None:
            lit = []
            for i, (_, layers, _) in enumerate(self.runs):
                lit.append(StageLighter(build_stage_maps(self.layout, self.images, self.k_ref, clock, layers, i == 0),
                                        self.layout))
                if self.built_run is not None:
                    self.built_run(_maps_bytes(lit))
            # the runs' scratch (~35-55 MB each at 1080p) before the maps are lit, and what lighting
            # them frees at the end of the frame (vn.render.allocator; after each run instead, the
            # build's peak is ~18 MB lower but each run's scratch is faulted in afresh: +0.2 s)
            give_back()
            allocator.built()
            self._lighters[phase] = lit
            while len(self._lighters) > self.PHASES:
                self._lighters.popitem(last=False)
        else:
            self._lighters.move_to_end(phase)
        return lit

    def casters(self) -> ShadowCasters:
        """The layers that cast a shadow in the beams (built the first time they are asked for)."""
        if self._casters is None:
            self._casters = ShadowCasters(self.layout, self.images, self.k_ref)
        return self._casters

    def release(self) -> None:
        """Let go of everything lit or scaled (the stage is no longer shown): only the maps stay,
        and the stage's next frame lights them again."""
        for lit in self._lighters.values():
            for lighter in lit:
                lighter.release()
        for b in self._beams.values():
            b.release()
        self._view = self._view_key = None
        self._mips.clear()
        self._casters = None

    def map_bytes(self) -> int:
        """The bytes of pixels its maps hold (what it keeps when not shown)."""
        return sum(_maps_bytes(lit) for lit in self._lighters.values())

    def beams(self, k: float) -> Beams:
        key = round(k, 4)
        b = self._beams.get(key)
        if b is None:
            b = Beams(self.layout.lights, (k, k))
            self._beams[key] = b
            while len(self._beams) > 3:
                self._beams.popitem(last=False)
        return b

    def draw(self, dest: pygame.Surface, light: Light, camera: Camera, scale: float,
             logical: tuple[int, int], shake: tuple[int, int], clock: float,
             between: Callable[[int], None] | None = None) -> None:
        """The lit planes seen through `camera`; `scale`: output px per logical px. After each
        run of planes, `between(end)` draws what goes over the first `end` layers (figures on
        marks, light polygons) and under the rest."""
        r = camera.zoom * scale / self.k_ref  # the runs' maps are drawn at k_ref
        n = len(self.runs)
        if abs(r - 1.0) >= 1e-6:  # scaled: keep the runs below the first cut while camera, light and frame hold
            key = (camera, shake, dest.get_size(), StageLighter.key(light, self.k),
                   self.layout.animation_phase(clock) if self.animated else ())
            if key != self._view_key or self._view is None:
                if self._view is None or self._view.get_size() != dest.get_size():
                    self._view = pygame.Surface(dest.get_size())
                self._draw(self._view, light, camera, scale, logical, shake, clock, r, range(self.prefix))
                self._view_key = key
            dest.blit(self._view, (0, 0))
            if between is not None:
                between(self.runs[self.prefix - 1][2])
            for i in range(self.prefix, n):
                self._draw(dest, light, camera, scale, logical, shake, clock, r, range(i, i + 1))
                if between is not None:
                    between(self.runs[i][2])
            return
        self._scratch.clear()  # (only a zoom scales the runs)
        for i in range(n):
            self._draw(dest, light, camera, scale, logical, shake, clock, r, range(i, i + 1))
            if between is not None:
                between(self.runs[i][2])

    def _draw(self, dest: pygame.Surface, light: Light, camera: Camera, scale: float,
              logical: tuple[int, int], shake: tuple[int, int], clock: float, r: float,
              which: range) -> None:
        lighters = self.lighters(clock)
        for i in which:
            (parallax, _, _), lighter = self.runs[i], lighters[i]
            x0, y0 = layer_origin(camera, parallax, self.layout.parallax_origin, logical)
            ox, oy = x0 * scale + shake[0], y0 * scale + shake[1]
            if i == 0:
                covered = pygame.Rect(round(ox), round(oy), round(lighter.maps.size[0] * r),
                                      round(lighter.maps.size[1] * r))
                if not covered.contains(dest.get_rect()):
                    dest.fill((0, 0, 0))
            maps = lighter.maps
            if abs(r - 1.0) < 1e-6:
                if i == 0:
                    lighter.draw(dest, light, (round(ox), round(oy)))
                elif maps.bounds:  # (an upper run's maps lie over its `area`; it adds only in `bounds`)
                    dest.blit(lighter.over(light), (round(ox) + maps.bounds.x, round(oy) + maps.bounds.y),
                              maps.bounds.move(-maps.area.x, -maps.area.y), special_flags=pygame.BLEND_PREMULTIPLIED)
                continue
            src = lighter.full(light) if i == 0 else lighter.over(light)
            ox, oy = ox + maps.area.x * r, oy + maps.area.y * r
            d = 1
            while r * d * 2 <= 1.0 and d < 8:  # zoomed out: scale from a smaller copy
                d *= 2
            if d > 1:
                src = self._mip(i, src, d, light, clock)
            # an upper run is scaled only where it covers anything (a chair, a door frame); its
            # maps lie over `maps.area` of the map, so `bounds` is moved into their own pixels
            area = None if i == 0 or maps.bounds is None else maps.bounds.move(-maps.area.x, -maps.area.y)
            if i > 0 and maps.bounds is not None and not (maps.bounds.w and maps.bounds.h):
                continue  # (covers nothing)
            if area is not None:
                area = pygame.Rect(area.x // d, area.y // d, -(-area.right // d) - area.x // d,
                                   -(-area.bottom // d) - area.y // d).inflate(2, 2).clip(src.get_rect())
            _scaled_blit(dest, src, (ox, oy), r * d, 0 if i == 0 else pygame.BLEND_PREMULTIPLIED, area,
                         self._scratch)

    def _mip(self, run: int, src: pygame.Surface, d: int, light: Light, clock: float) -> pygame.Surface:
        """`src` (a run's lit planes) at 1/d of its size, kept while the light and frame hold."""
        key = (run, d, StageLighter.key(light, self.k), self.layout.animation_phase(clock) if self.animated else ())
        hit = self._mips.get(key)
        if hit is None:
            size = (max(1, src.get_width() // d), max(1, src.get_height() // d))
            hit = pygame.transform.smoothscale(src, size)
            self._mips[key] = hit
            while len(self._mips) > 4 * len(self.runs):
                self._mips.popitem(last=False)
        return hit


def _maps_bytes(lit: list[StageLighter]) -> int:
    return sum(m.get_pitch() * m.get_height() for lighter in lit
               for m in (lighter.maps.ambient, lighter.maps.sky, lighter.maps.emissive, lighter.maps.plain,
                         lighter.maps.rim, lighter.maps.rim_top) if m is not None)


def _scaled_blit(dest: pygame.Surface, src: pygame.Surface, at: tuple[float, float], r: float,
                 flags: int, area: pygame.Rect | None = None,
                 scratch: dict[bool, pygame.Surface] | None = None) -> None:
    """Blit `src` scaled by `r` with its top-left at `at`, scaling only the part that shows
    (and, given `area`, only what lies inside that rectangle of `src`). The scaled part is made
    in the surface `scratch` keeps for src's kind (per-pixel alpha or not), grown as needed."""
    w, h = dest.get_size()
    lim = area or src.get_rect()
    x0 = max(float(lim.left), -at[0] / r)
    y0 = max(float(lim.top), -at[1] / r)
    x1 = min(float(lim.right), (w - at[0]) / r)
    y1 = min(float(lim.bottom), (h - at[1]) / r)
    if x1 <= x0 or y1 <= y0:
        return
    (sx0, sx1, dx, w1), (sy0, sy1, dy, h1) = (_span(x0, x1, src.get_width(), at[0], r),
                                              _span(y0, y1, src.get_height(), at[1], r))
    part = src.subsurface((sx0, sy0, sx1 - sx0, sy1 - sy0))
    size = (w1, h1)
    alpha = bool(src.get_flags() & pygame.SRCALPHA)
    buf = scratch.get(alpha) if scratch is not None else None
    if buf is None or buf.get_width() < size[0] or buf.get_height() < size[1]:
        grown = (max(size[0], buf.get_width() if buf else 0), max(size[1], buf.get_height() if buf else 0))
        # kept between frames: a new 8 MB surface every frame costs its page faults
        buf = pygame.Surface(grown, pygame.SRCALPHA if alpha else 0, src)
        if scratch is not None:
            scratch[alpha] = buf
    scaled = buf.subsurface((0, 0, *size))
    if r < 8:
        pygame.transform.smoothscale(part, size, scaled)
    else:
        pygame.transform.scale(part, size, scaled)
    dest.blit(scaled, (dx, dy), special_flags=flags)


SLACK = 24  # source px a scaled crop may grow by on each side to land on the output's grid


def _span(lo: float, hi: float, length: int, at: float, r: float) -> tuple[int, int, int, int]:
    """The source px [a, b) (of a source `length` px long) to scale by `r` so that [lo, hi)
    shows, with where it goes on the output and how long it is there (d, m): px i of the source
    is to land at `at + i * r`.

    smoothscale enlarging n px to m puts px i at i * m / (n - 1) (pygame-ce's filter_expand),
    shrinking at about i * m / n, and copies when m == n; so an enlarged crop is made long
    enough to be enlarged (with r a hair over 1, a short crop would round to a copy and drift),
    and is grown by up to SLACK px on each side so that its ends fall near whole output px: a
    plane cropped to its content then lines up with the planes under it within a pixel."""
    def miss(x: float) -> float:
        return abs(x - round(x))

    a0, b0 = int(lo), min(length, int(hi) + 2)
    grow = 1 if r > 1.0 else 0  # (n - 1) px apart when enlarging
    if r > 1.0:  # long enough that round((n - 1) * r) > n
        shortest = min(length, math.ceil(1.5 / (r - 1.0)) + 2)
        if b0 - a0 < shortest:
            b0 = min(length, a0 + shortest)
            a0 = min(a0, b0 - shortest)
    a = min(range(max(0, a0 - SLACK), a0 + 1), key=lambda i: (miss(at + i * r), -i))
    b = min(range(b0, min(length, b0 + SLACK) + 1), key=lambda i: (miss((i - a - grow) * r), i))
    return a, b, round(at + a * r), max(1, round((b - a - grow) * r))


def _places(st: _Stage, view: SceneView, scale: float, origin: tuple[int, int]) \
        -> tuple[Camera, float, tuple[int, int], tuple[float, float], Callable[[tuple[float, float]], tuple[int, int]]]:
    """Where `Compositor._staged` puts things for `view` on a picture at `scale` (output px
    per logical px) whose stage origin is `origin`: the camera, the figures' scale `ks`, where
    the marks' (0, 0) lands, the sun's foot on the horizon, and where a layer of some
    parallax has its (0, 0)."""
    ox, oy = origin
    camera = view.camera or default_camera(st.layout.size, view.size)
    ks = camera.zoom * scale
    mx, my = layer_origin(camera, st.marks_parallax, st.layout.parallax_origin, view.size)
    marks_at = (round(mx * scale) + ox, round(my * scale) + oy)

    def beam_origin(parallax: tuple[float, float]) -> tuple[int, int]:
        bx, by = layer_origin(camera, parallax, st.layout.parallax_origin, view.size)
        return (round(bx * scale) + ox, round(by * scale) + oy)

    horizon = st.layout.properties.get("horizon")
    horizon = float(horizon) if isinstance(horizon, (int, float)) else st.layout.size[1] / 2.0
    sun_at = (marks_at[0] + view.light.sun[0] * ks, marks_at[1] + horizon * ks)
    return camera, ks, marks_at, sun_at, beam_origin


def marks_parallax(layout: Layout) -> tuple[float, float]:
    """The parallax of the layer the sprites stand on (the object layer of the marks)."""
    return next((m.parallax for m in layout.marks.values()), (1.0, 1.0))


class Compositor:
    def __init__(self, game_assets: Assets, image_cache: ImageCache | None = None,
                 card_painter: CardPainter | None = None) -> None:
        self.assets = game_assets
        self.images = image_cache or ImageCache()
        self.card_painter = card_painter or self._paint_card
        self.sprites = SpriteRenderer(self.images)
        self.effects = Effects()
        self.wipe = Wipe()
        self.plate = PlateCache()
        self.living_plate = PlateCache()  # the still picture with its living motion at one moment
        self.resize = Resize(self)  # a new size made off the frame meanwhile (vn.render.resize)
        self.builds = self.resize.builds  # (stages rasterised for a new size)
        self._stages: OrderedDict[tuple[str, tuple[int, int]], _Stage] = OrderedDict()
        self._shown: tuple[str, tuple[int, int]] | None = None  # the stage drawn last
        self._buffers: dict[str, pygame.Surface] = {}
        self._before: tuple[Any, tuple[int, int], bool, pygame.Surface] | None = None
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._text: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self.living = Living(self)  # the living motion, drawn over the still picture (vn.render.motion)

    # --- public ---------------------------------------------------------------------------------

    def draw(self, target: pygame.Surface, view: SceneView, over: Over | None = None) -> pygame.Rect:
        """Draw the picture of `view` letterboxed onto `target`; returns the picture's rect.
        `over` (key, paint): what the UI lays over the picture that holds while its key does
        (the text box's shade): `paint(target)` is drawn over the picture and kept on the plate
        with it, so a still frame under a typing line is one blit and the words."""
        with frame():  # background builds give way meanwhile (vn.render.resize)
            rect = self._draw(target, view, over)
        allocator.settle()  # what a stage built in this frame freed (vn.render.allocator)
        return rect

    def _draw(self, target: pygame.Surface, view: SceneView, over: Over | None = None) -> pygame.Rect:
        scale, rect = fit(target.get_size(), view.size)
        if rect.size != target.get_size():
            target.fill((0, 0, 0))
        if rect.w <= 0 or rect.h <= 0:
            return rect
        pic = target.subsurface(rect)
        okey, paint = over if over is not None else (None, None)

        def painted(compose: Callable[[pygame.Surface], None]) -> Callable[[pygame.Surface], None]:
            def both(dest: pygame.Surface) -> None:
                compose(dest)
                if paint is not None:
                    paint(target)  # (dest is `pic`, a part of target)
            return both

        # the picture at rest; the living motion (twinkle, dust, breathing, a pulse) is drawn
        # over it where it moves (vn.render.motion)
        rest = view if view.motion is None else replace(view, motion=None)
        key = (rest, self.images.generation)
        if self.resize.stand_in(pic, view, target.get_size()):  # a new size being made (vn.render.resize)
            if paint is not None:
                paint(target)
            return rect
        t = rest.transition
        if t is not None and t.kind in ("dissolve", "wipe") and rest.card is None:
            # only the transition moves: the live picture under it is kept on the plate like
            # any still one (and is already there, settled, when the transition ends)
            live = replace(rest, transition=None)
            before = self._before_picture(t.before, pic.get_size(), scale, 0, alpha=t.kind == "dissolve")
            self.plate.draw(pic, (live, self.images.generation), lambda dest: self._scene(dest, live, scale, (0, 0)))
            if t.kind == "wipe":
                self.wipe.draw(pic, before, t.progress)
            else:
                dissolve(pic, before, t.progress)
            if view.motion is not None:
                self.living.draw(pic, view, scale)
            if paint is not None:
                paint(target)
        elif view.motion is None:  # a still picture is composed once and then blitted (vn.render.plate)
            if paint is None:
                self.plate.draw(pic, key, lambda dest: self._render(dest, rest, scale))
            else:  # kept with what the UI lays over it; at the end of a transition the plate
                # holds the settled picture without it, which saves composing it again
                self.plate.draw(pic, (key, okey), painted(
                    lambda dest: self.plate.show(dest, key) or self._render(dest, rest, scale)))
            self.living_plate.clear()  # (8 MB at 1080p, not kept where nothing lives)
            self.living.release()
        else:  # a living one: its motion moves ~10 times a second, the frames between show it again
            def living(dest: pygame.Surface) -> None:
                # (the picture at rest is kept at once: every step of the motion shows it again)
                self.plate.draw(dest, key, lambda d: self._render(d, rest, scale), keep=True)
                self.living.draw(dest, view, scale)
            self.living_plate.draw(pic, (view, self.images.generation, okey), painted(living))
        if rest.transition is None:
            self._before = None  # the frozen picture of the last transition (8 MB at 1080p)
            self._buffers.pop("slide", None)  # (and the one a slide pushes in)
        return rect

    def motion_areas(self, before: SceneView, after: SceneView, size: tuple[int, int]) -> list[pygame.Rect] | None:
        """Where the picture of `after` differs from that of `before` on a target of `size`
        when only their living motion differs: the places the motion of either draws (None:
        more than the motion differs)."""
        if replace(before, motion=None) != replace(after, motion=None):
            return None
        if after.stage is not None and (after.stage, size) not in self._stages:
            return None  # its stage is being built for this size: the stand-in is drawn whole (vn.render.resize)
        if before == after:
            return []
        scale, rect = fit(size, after.size)
        if rect.size != size:
            return None
        # (the places of `after` first, its figures first of all: drawn whole, their pictures
        # are kept for the places drawn after that cross them)
        return [a for v in (after, before) if v.motion is not None for a in self.living.areas(v, size, scale)]

    def redraw(self, target: pygame.Surface, view: SceneView, over: Over | None,
               rects: list[pygame.Rect]) -> bool:
        """Draw the picture of `view` (and `over` on it, as `draw` would) inside `rects` only,
        from what is kept: the plate of its picture at rest and the living motion drawn
        clipped to each rect. False (nothing drawn) when the picture at rest is not kept, or
        more than a still or living picture is shown (a transition). Pixels inside `rects`
        equal those `draw` gives."""
        size = target.get_size()
        scale, rect = fit(size, view.size)
        rest = view if view.motion is None else replace(view, motion=None)
        if rect.size != size or rest.transition is not None:
            return False
        okey, paint = over if over is not None else (None, None)
        key = (rest, self.images.generation)
        if view.motion is None:
            plate = self.plate.peek(key if over is None else (key, okey), size)
            if plate is None:
                return False
            for r in rects:
                target.blit(plate, r, r)
            return True
        plate = self.plate.peek(key, size)
        if plate is None:
            return False
        with frame():
            for r in rects:
                target.blit(plate, r, r)
                target.set_clip(r)
                try:
                    self.living.draw(target, view, scale)
                    if paint is not None:
                        paint(target)
                finally:
                    target.set_clip(None)
        return True

    def figures(self, view: SceneView, size: tuple[int, int]) -> list[tuple[str, pygame.Rect]]:
        """Where each shown sprite has pixels when `view` is drawn onto a target of `size`:
        (character id, rect in target px), bottom first. The same placement `draw` uses (fit,
        camera, parallax, shake), so the UI can keep clear of the figures."""
        scale, rect = fit(size, view.size)
        layout = self.assets.stage(view.stage) if view.stage is not None else None
        out = []
        for sv, k, origin in self._sprite_places(view, layout, rect.size, scale):
            box = self.sprites.bounds(self.assets.sprite(sv.sprite), sv, k, origin)
            out.append((sv.who, box.move(rect.topleft)))
        return out

    def keep_clear(self, view: SceneView, size: tuple[int, int]) -> list[pygame.Rect]:
        """Where the stage's keep-clear areas (its `keep_clear` object layer: faces and figures
        painted into the picture, as in a key-beat image) are seen when `view` is drawn onto a
        target of `size`: each area's bounding box in target px, moved by the camera and the
        area's parallax like the plane it marks."""
        layout = self.assets.stage(view.stage) if view.stage is not None else None
        if layout is None or not layout.keep_clear:
            return []
        scale, rect = fit(size, view.size)
        camera = view.camera or default_camera(layout.size, view.size)
        out = []
        for area in layout.keep_clear:
            x, y, w, h = bounds_on_screen(area.points, camera, area.parallax, layout.parallax_origin, view.size)
            out.append(pygame.Rect(rect.x + math.floor(x * scale), rect.y + math.floor(y * scale),
                                   math.ceil(w * scale) + 1, math.ceil(h * scale) + 1))
        return out

    @staticmethod
    def _sprite_places(view: SceneView, layout: Layout | None, size: tuple[int, int], scale: float,
                       origin: tuple[int, int] = (0, 0)) -> list[tuple[Any, tuple[float, float], tuple[int, int]]]:
        """(sprite view, output px per logical px, origin) of each sprite of `view` on a picture
        of `size` whose top-left is at `origin`, shake included; `layout`: the stage's (None: no
        stage, the sprites stretched over the picture)."""
        ox = origin[0] + round(view.shake[0] * scale)
        oy = origin[1] + round(view.shake[1] * scale)
        if layout is None:
            k = (size[0] / view.size[0], size[1] / view.size[1])
            return [(sv, k, (ox, oy)) for sv in view.sprites]
        camera = view.camera or default_camera(layout.size, view.size)
        ks = camera.zoom * scale
        mx, my = layer_origin(camera, marks_parallax(layout), layout.parallax_origin, view.size)
        return [(sv, (ks, ks), (round(mx * scale) + ox, round(my * scale) + oy)) for sv in view.sprites]

    def prepare(self, view: SceneView, size: tuple[int, int]) -> None:
        """Load what `view` needs at output `size` ahead of time (stage maps, sprite rasters)."""
        self.draw(pygame.Surface(size), view)

    # --- the picture ----------------------------------------------------------------------------

    def _buffer(self, name: str, size: tuple[int, int]) -> pygame.Surface:
        buf = self._buffers.get(name)
        if buf is None or buf.get_size() != size:
            buf = pygame.Surface(size)
            self._buffers[name] = buf
        return buf

    def _stage(self, name: str, size: tuple[int, int]) -> _Stage | None:
        key = (name, size)
        st = self._stages.get(key)
        layout = self.assets.stage(name) if st is None else st.layout
        if layout is None:
            return None
        if key != self._shown:
            self._show(key)
        if st is None:
            st = _Stage(layout, self.images, size)
            st.built_run = lambda building: self._budget(key, building)
            self._stages[key] = st
            while len(self._stages) > 2:
                self._stages.popitem(last=False)
        else:
            self._stages.move_to_end(key)
        return st

    def _show(self, key: tuple[str, tuple[int, int]] | None) -> None:
        """The stage of `key` is now the one drawn (None: none is, as while a fade shows the
        frozen picture of the last): the others keep only their maps — only while those are
        small (vn.render.lighting) — and the figures let go of where the light catches them."""
        now = key or self._shown
        if key == self._shown or now is None:
            return
        w, h = now[1]
        budget = KEEP_PICTURES * w * h * 4
        for other, kept in list(self._stages.items()):
            if other != key:
                kept.release()
                if kept.map_bytes() > budget:  # (a key-beat image: built again if shown again)
                    del self._stages[other]
        if key is None or self._shown is None or self._shown[0] != key[0]:  # (a new size comes with its own, vn.render.resize)
            self.sprites.release()
        self._shown = key
        give_back()  # what they and the last stage's build freed (vn.render.allocator)

    def _budget(self, key: tuple[str, tuple[int, int]], building: int) -> None:
        """While the stage of `key` is built (after each of its runs; `building`: the bytes of
        the maps built so far): if those, the stages kept and the figures' art would pass
        BUDGET_PICTURES, the kept ones go (before the next run's build, whose scratch is the
        frame's peak)."""
        others = [k for k in self._stages if k != key]
        kept = self.sprites.kept_bytes()
        if not others and not kept:
            return
        used = building + sum(self._stages[k].map_bytes() for k in others) + kept
        if used > BUDGET_PICTURES * key[1][0] * key[1][1] * 4:
            for k in others:
                del self._stages[k]
            self.sprites.forget()
            give_back()

    def _render(self, dest: pygame.Surface, view: SceneView, scale: float, depth: int = 0) -> None:
        """The whole picture of a view: scene, effects, transition, card."""
        t = view.transition if depth < 2 else None
        size = dest.get_size()
        if t is None:
            self._scene(dest, view, scale, (0, 0))
        elif t.kind == "fade":
            if t.progress < 0.5:
                dest.blit(self._before_picture(t.before, size, scale, depth), (0, 0))
                if t.before.stage != view.stage:  # (frozen: its stage is no longer drawn)
                    self._show(None)
            else:
                if depth == 0:
                    self._before = None  # (8 MB at 1080p: the fade's first half is over)
                self._scene(dest, view, scale, (0, 0))
            fade(dest, None, t.progress, t.color, self.effects)
        elif t.kind == "slide":
            before = self._before_picture(t.before, size, scale, depth)
            dx, _ = slide_offset(size[0], t.progress)
            after = self._buffer("slide", size)
            self._scene(after, view, scale, (0, 0))
            dest.fill((0, 0, 0))
            dest.blit(after, (dx, 0))
            dest.blit(before, (dx - size[0], 0))
        else:
            before = self._before_picture(t.before, size, scale, depth, alpha=t.kind == "dissolve")
            self._scene(dest, view, scale, (0, 0))
            if t.kind == "wipe":
                self.wipe.draw(dest, before, t.progress)
            else:
                dissolve(dest, before, t.progress)
        if view.card is not None:
            self._card(dest, view.card, scale)

    def _before_picture(self, before: SceneView, size: tuple[int, int], scale: float,
                        depth: int, alpha: bool = False) -> pygame.Surface:
        """The frozen picture before a transition, drawn once and kept while it runs. `alpha`:
        for a dissolve, as a surface with per-pixel alpha (all opaque): pygame-ce then blends it
        with its surface alpha in its own SIMD blitter instead of SDL's, a quarter faster at
        1080p and nearer the exact mix (mean error 0.3 of a level instead of 0.5, never a whole
        level; an opaque pixel is copied exactly)."""
        if self._before is not None and self._before[0] is before and self._before[1:3] == (size, alpha):
            return self._before[3]
        buf = pygame.Surface(size)
        self._render(buf, before, scale, depth + 1)
        if alpha:
            opaque, buf = buf, pygame.Surface(size, pygame.SRCALPHA)
            buf.blit(opaque, (0, 0))  # (alpha 255 everywhere)
            del opaque
        self._before = (before, size, alpha, buf)
        return buf

    def _scene(self, dest: pygame.Surface, view: SceneView, scale: float, origin: tuple[int, int]) -> None:
        """Stage, sprites, beams and screen effects (no transition, no card), through the camera."""
        size = dest.get_size()
        ox = origin[0] + round(view.shake[0] * scale)
        oy = origin[1] + round(view.shake[1] * scale)
        st = self._stage(view.stage, size) if view.stage is not None else None
        if st is None:
            dest.fill((0, 0, 0))
            for sv, k, at in self._sprite_places(view, None, size, scale, origin):
                sdef = self.assets.sprite(sv.sprite)
                self.sprites.draw(dest, sdef, sv, view.light, k, at, *sprite_motion(sdef, sv, view.motion))
        elif not self._moving(dest, st, view, scale, (ox, oy)):
            self._staged(dest, st, view, scale, (ox, oy))
        self.effects.vignette(dest, view.vignette, view.vignette_color)
        if view.flash > 0.0:
            self.effects.veil(dest, view.flash_color, view.flash)

    def _moving(self, dest: pygame.Surface, st: _Stage, view: SceneView, scale: float,
                origin: tuple[int, int]) -> bool:
        """While the camera moves closer than the stage's own scale, draw the scene (planes,
        figures, light) at that scale into a buffer of the part that shows and enlarge it once
        onto `dest`: one smoothscale a frame instead of each plane, figure, shadow and beam
        scaled again for every step of the zoom. Returns False (nothing drawn) otherwise. A
        held camera is drawn at its zoom (sharper figures); during a slow move nobody sees the
        difference, and a frame costs a third."""
        camera = view.camera or default_camera(st.layout.size, view.size)
        r = camera.zoom * scale / st.k_ref  # > 1: the stage's maps are enlarged
        if not view.camera_moving or r <= 1.0 + 1e-6:
            self._buffers.pop("moving", None)  # (8 MB at 1080p)
            return False
        w, h = dest.get_size()
        # the buffer's px i lands at i * w / (bw - 1) (smoothscale enlarging), so bw - 1 is
        # the output's width shrunk by r
        bw, bh = max(2, round(w / r) + 1), max(2, round(h / r) + 1)
        kept = self._buffers.get("moving")  # (as large as any zoom > 1 needs: the move reuses it)
        made = kept is None or kept.get_size() != (w + 1, h + 1)
        if made:
            kept = self._buffers["moving"] = pygame.Surface((w + 1, h + 1), 0, dest)
        if bw > w and bh > h:  # r within half a pixel of 1 (a move from the stage's own scale
            # begins so): drawn at the stage's scale straight onto dest — a buffer a pixel larger
            # would be shrunk, smoothscale's slowest way (30-50 ms at 1080p). This cheap frame
            # also makes the buffer (its pages touched) and starts the bands' thread, for the
            # frames after it.
            if made:
                kept.fill((0, 0, 0))
            bands.start()
            self._staged(dest, st, view, st.k_ref / camera.zoom, origin)
            return True
        buf = kept.subsurface((0, 0, min(bw, w + 1), min(bh, h + 1)))
        native = st.k_ref / camera.zoom  # output px per logical px at which the maps are 1:1
        # where the buffer's (0, 0) is on the output: dest's (0, 0), so an output position p
        # is p / r in the buffer; shake (already in `origin`) shrinks with it
        self._staged(buf, st, view, native, (round(origin[0] / r), round(origin[1] / r)))
        bands.smoothscale(buf, dest)  # (in two bands on two threads: the same pixels)
        return True

    def _staged(self, dest: pygame.Surface, st: _Stage, view: SceneView, scale: float,
                origin: tuple[int, int]) -> None:
        """The stage's planes with the figures and the light polygons between them, each at its
        place in the layer order (docs/stage-format.md): a figure is drawn over the layers under
        its mark; a polygon that falls on the stage over the layers under its `lights` layer,
        with the shadows of the figures drawn over it cut out of it; polygons that fall on
        figures over each figure, through its paint."""
        ox, oy = origin
        camera, ks, marks_at, sun_at, beam_origin = _places(st, view, scale, origin)
        n = len(st.layout.layers)
        beams = st.beams(st.k_ref)
        zoom = ks / st.k_ref
        figures = []  # (depth, view, sprite def, art, rect)
        for sv in view.sprites:
            sdef = self.assets.sprite(sv.sprite)
            rect = self.sprites.placement(sdef, sv, (ks, ks), marks_at)
            art = self.sprites.art(sdef, sv, rect.size) if sdef is not None else None
            figures.append((n if sv.depth is None else min(n, sv.depth), sv, sdef, art, rect))
        sun = view.light.sun  # where the light catches the figures, in output px:
        sun_point = (marks_at[0] + sun[0] * ks, marks_at[1] + sun[1] * ks)
        beam_depths = sorted(beams.depths(n))
        casters = st.casters().at(ks) if beam_depths else []
        done = [-1]  # the depth drawn up to

        def between(end: int) -> None:
            lo = done[0]
            if end <= lo:
                return
            if any(lo < d <= end for d in beam_depths):
                shadows = []
                for depth, sv, _, art, rect in figures:
                    if depth > lo and art is not None:  # drawn over this light: stands in it
                        feet = (marks_at[0] + sv.x * ks, marks_at[1] + sv.y * ks)
                        got = self.sprites.shadow(art, rect, feet, sun_at, sv.alpha, scale)
                        if got is not None:
                            shadows.append(got)
                for index, parallax, art, (fx, fy) in casters:  # furniture standing over this light
                    if index >= end:
                        o = beam_origin(parallax)
                        got = self.sprites.shadow(art, None, (o[0] + fx * ks, o[1] + fy * ks), sun_at, 1.0, scale)
                        if got is not None:
                            shadows.append(got)
                beams.draw(dest, view.light, beam_origin, zoom, (lo, end), shadows)
            for depth, sv, sdef, art, rect in figures:
                if lo < depth <= end:
                    self.sprites.draw(dest, sdef, sv, view.light, (ks, ks), marks_at,
                                      *sprite_motion(sdef, sv, view.motion), art=art)
                    if art is not None:
                        paint = self.sprites.paint(art, rect, sv.alpha, sun_point, view.light.glaze)
                        beams.on_figure(dest, view.light, beam_origin, zoom, paint)
                        # a figure standing in a beam on the floor is lit by it where the light
                        # catches its edges (its rim paint), in the beam's colour at its feet
                        feet = (marks_at[0] + sv.x * ks, marks_at[1] + sv.y * ks)
                        glow = beams.light_at(feet, view.light, beam_origin, zoom, dest.get_rect(), depth)
                        if glow != (0, 0, 0):
                            self.sprites.light_rim(dest, paint, glow)
            done[0] = end

        st.draw(dest, view.light, camera, scale, view.size, (ox, oy), view.clock, between)

    # --- cards ----------------------------------------------------------------------------------

    def _card(self, dest: pygame.Surface, card: CardView, scale: float) -> None:
        self.effects.veil(dest, card.color, card.alpha)
        if card.text_alpha > 0.0:
            self.card_painter(dest, card, scale)

    def _font(self, rel: str, px: int) -> pygame.font.Font:
        key = (rel, px)
        font = self._fonts.get(key)
        if font is None:
            if not pygame.font.get_init():
                pygame.font.init()
            path = self.assets.find(rel) if hasattr(self.assets, "find") else None
            try:
                font = pygame.font.Font(str(path) if path else None, px)
            except (OSError, pygame.error) as exc:
                log.warning("%s: cannot load font (%s); using pygame's default", rel, exc)
                font = pygame.font.Font(None, px)
            self._fonts[key] = font
        return font

    def _words(self, text: str, rel: str, px: int, color: tuple[int, int, int],
               spacing: float = 0.0) -> pygame.Surface:
        key = (text, rel, px, color, spacing)
        surf = self._text.get(key)
        if surf is None:
            font = self._font(rel, px)
            if spacing:
                glyphs = [font.render(ch, True, color) for ch in text]
                gap = round(px * spacing)
                w = sum(g.get_width() for g in glyphs) + gap * max(0, len(glyphs) - 1)
                surf = pygame.Surface((max(1, w), font.get_height()), pygame.SRCALPHA)
                x = 0
                for g in glyphs:
                    surf.blit(g, (x, 0))
                    x += g.get_width() + gap
            else:
                surf = font.render(text, True, color)
            self._text[key] = surf
            while len(self._text) > 32:
                self._text.popitem(last=False)
        return surf

    def _paint_card(self, dest: pygame.Surface, card: CardView, scale: float) -> None:
        """The default card: the title in the story serif, a thin rule, the subtitle in spaced
        capitals, centred on the picture."""
        w, h = dest.get_size()
        a = max(0, min(255, round(255 * card.text_alpha)))
        title = self._words(card.title, SERIF_FILE, max(8, round(TITLE_PX * scale)), (236, 228, 214))
        parts = [title]
        sub = None
        if card.subtitle:
            sub = self._words(card.subtitle.upper(), SANS_FILE, max(6, round(SUBTITLE_PX * scale)),
                              (176, 160, 128), spacing=0.18)
        gap = round(28 * scale)
        total = title.get_height() + (gap * 2 + sub.get_height() if sub is not None else 0)
        y = (h - total) // 2
        for surf in parts:
            surf.set_alpha(a)
            dest.blit(surf, ((w - surf.get_width()) // 2, y))
            reset_alpha(surf)
        y += title.get_height() + gap
        if sub is not None:
            rule_w = round(120 * scale)
            rule = pygame.Surface((rule_w, max(1, round(2 * scale))))
            rule.fill(q((176.0, 150.0, 100.0)))
            rule.set_alpha(a)
            dest.blit(rule, ((w - rule_w) // 2, y - gap // 2))
            sub.set_alpha(a)
            dest.blit(sub, ((w - sub.get_width()) // 2, y + gap // 2))
            reset_alpha(sub)

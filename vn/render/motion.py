"""The living motion (`vn.stage.motion`) drawn over the still picture.

The compositor keeps the picture at rest — lights steady, figures breathed out, glows full — as
its plate (`vn.render.plate`) and, when the view carries a motion time, draws only what moves
over it:
- **figures** that breathe or pulse: the scene is composed again clipped to the rectangle the
  figure (or its glow) covers, the figure stretched/pulsed. Clipped blits cost what the
  rectangle costs, and the result is exactly the full composition there;
- **twinkle**: what the twinkling layers add to the picture at rest (`V`: their lit map, less
  whatever covers it — the planes above, the figures, the vignette — and less its own blur, so
  that points of light twinkle and the haze around them does not) is worked out once per still
  view; a frame subtracts V x the dim of each cell, the dims set through the palette of
  an 8-bit map of cells (256 schedules: `vn.stage.motion.twinkle_dims`), so a frame is three
  blits over the lights' rectangle whatever their number;
- **flicker** (firelight) and a stage layer's **pulse**: what the layer adds to the picture at
  rest, dimmed by a smooth noise along the layer, or by its throb (`vn.render.flicker`);
- **dust**: motes added over the picture inside their polygon, weighted by its soft mask and lit
  by its beam's colour and strength.
Compositing is linear in each of these, so the frame equals the composition of the moving
scene; the figures' own small motion is not taken out of V (a breath moves an edge by a few px).
"""

from __future__ import annotations

import functools
import math
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from vn.render.beams import BeamShape
from vn.render.flicker import Flames
from vn.render.lighting import build_stage_maps, q
from vn.stage import motion
from vn.stage.camera import default_camera, layer_origin
from vn.stage.sprites import SpriteDef
from vn.stage.view import SceneView, SpriteView

if TYPE_CHECKING:
    from vn.render.compositor import Compositor, _Stage

DUST_GAIN = 2.2  # a mote at full brightness adds its colour x the beam's strength x this
REGION_BYTES = 16 << 20  # the kept pictures of moving figures (a 1080p figure: ~1.3 MB a height)
REGION_FRAMES = 2.5  # ... or this many whole pictures' bytes, when more (at 4K a figure is 4x as large)
DUST_WHITE = 0.45  # a mote scatters the beam's colour paled this far toward white
WARM_RATE = 40.0  # motion times a second `Living.warm` looks at (every motion rate's frames are among them)
WARM_PLAN = 8  # of which it works out this many per piece (~1.5 ms each at 4K)
WARM_BAND_PX = 1 << 18  # and composes a region ahead this many pixels at a time (~5-10 ms at 4K)


def sprite_motion(sprite: SpriteDef | None, view: SpriteView, t: float | None) -> tuple[float, float]:
    """(stretch, glow) of a sprite at motion time `t` (None: at rest, (1, 1))."""
    if t is None or sprite is None:
        return 1.0, 1.0
    stretch = motion.breath(sprite.breathing, t, view.who) if sprite.breathing is not None else 1.0
    glow = 1.0
    for name, _ in view.layers:
        layer = sprite.layers.get(name)
        if layer is not None and layer.pulse is not None:
            glow = motion.pulse(layer.pulse, t)
            break
    return stretch, glow


def crop_to_light(v: pygame.Surface, at: pygame.Rect) -> tuple[pygame.Surface, pygame.Rect] | None:
    """`v` (a picture of light at `at`) cut to the box of its pixels that are not black, and that
    box on the picture (None: all black)."""
    lit_mask = pygame.mask.from_threshold(v, (0, 0, 0), (1, 1, 1, 255))
    lit_mask.invert()
    parts = lit_mask.get_bounding_rects()
    if not parts:
        return None
    tight = parts[0].unionall(parts[1:])
    return v.subsurface(tight).copy(), tight.move(at.topleft)


@functools.lru_cache(maxsize=4)
def _twinkle_classes(cols: int, rows: int) -> bytes:
    """Each map cell's twinkle schedule, row by row (the same at every picture size: ~0.3 s of
    Python for a 4K stage's 32,400 cells, worked out once per map)."""
    return bytes(motion.twinkle_class(c, r) for r in range(rows) for c in range(cols))


class Living:
    """Draws a view's living motion over its picture at rest (see the module docstring)."""

    def __init__(self, compositor: Compositor) -> None:
        self.c = compositor
        self._maps: OrderedDict[tuple[object, ...], list[tuple[int, float, pygame.Surface, pygame.Rect]]] = \
            OrderedDict()
        self._seen: tuple[object, list[tuple[float, pygame.Surface, pygame.Rect, pygame.Surface]]] | None = None
        self._cells: dict[tuple[object, ...], pygame.Surface] = {}
        self._dots: dict[int, pygame.Surface] = {}
        self._lit_dots: dict[tuple[object, ...], pygame.Surface] = {}
        self._scratch: dict[int, pygame.Surface] = {}
        self._dimmed: tuple[object, list[tuple[pygame.Surface, pygame.Rect]], object] = (None, [], None)
        self._motes: OrderedDict[tuple[object, ...], list[tuple[pygame.Surface, tuple[int, int]]]] = OrderedDict()
        self._dot_rects: dict[int, tuple[object, list[pygame.Rect]]] = {}  # id(motes) -> (motes, their rects)
        self._moved: OrderedDict[tuple[object, ...], list[tuple[pygame.Rect, tuple[object, ...]]]] = OrderedDict()
        # the pictures of the regions where figures move, per state, for one view at rest
        self._regions: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._regions_for: object = None
        self._region_bytes = 0
        self.region_hits = 0  # regions served from what was kept (for tests)
        self.flames = Flames(self)  # flickering emissive layers (vn.render.flicker)

    # --- the frame ------------------------------------------------------------------------------

    def draw(self, pic: pygame.Surface, view: SceneView, scale: float) -> None:
        """Draw `view`'s motion onto `pic`, which holds the picture of the view at rest. Every
        blit keeps to the clip `pic` has, so drawn clipped to a rect it equals the frame there."""
        t = view.motion
        if t is None or view.stage is None:
            self._figures(pic, view, scale, None)
            return
        st = self.c._stage(view.stage, pic.get_size())
        self._figures(pic, view, scale, st)
        if st is None:
            return
        if view.light.emissive >= motion.TWINKLE_MIN_EMISSIVE:
            self._twinkle(pic, view, scale, st, t)
        self.flames.draw(pic, view, scale, st, t)
        dots = self._dots_at(view, scale, st, t)
        clip = pic.get_clip()  # (a frame drawn in parts: only the motes in this part)
        for i in clip.collidelistall(self._dot_rects[id(dots)][1]):
            dot, at = dots[i]
            pic.blit(dot, at, special_flags=pygame.BLEND_RGB_ADD)

    def areas(self, view: SceneView, size: tuple[int, int], scale: float) -> list[pygame.Rect]:
        """Where `view`'s motion draws over its picture at rest on a picture of `size`: each
        moving figure's region, each twinkling map's rect, the box round the dust's motes."""
        t = view.motion
        st = self.c._stage(view.stage, size) if view.stage is not None else None
        out = [region for region, _ in self._moving(view, size, scale, st)]
        if t is None or st is None:
            return out
        if view.light.emissive >= motion.TWINKLE_MIN_EMISSIVE:
            out += [at for _, _, at, _ in self._visible(size, view, scale, st)]
        out += self.flames.areas(size, view, scale, st)
        got = self._dots_at(view, scale, st, t)
        dots = self._dot_rects[id(got)][1]
        if dots:
            out.append(dots[0].unionall(dots[1:]))
        return out

    def release(self) -> None:
        """Let go of the kept pictures of moving figures (nothing lives now)."""
        self._regions.clear()
        self._regions_for = None
        self._region_bytes = 0
        self._scratch.clear()
        self._dimmed = (None, [], None)
        self._motes.clear()
        self._dot_rects = {}
        self._moved.clear()
        self.flames.release()

    # --- figures --------------------------------------------------------------------------------

    def _figures(self, pic: pygame.Surface, view: SceneView, scale: float, st: _Stage | None) -> None:
        """Compose the scene again where a figure breathes or its glow pulses.

        A breath changes the picture only when the figure's height changes by a whole pixel (a
        few heights in all), so each region's picture is kept per state of the figures moving
        in it, while the view at rest holds: a breathing figure then costs a blit a frame."""
        moving = self._moving(view, pic.get_size(), scale, st)
        if not moving:
            return
        at_rest = (replace(view, motion=None), pic.get_size(), self.c.images.generation)
        if self._regions_for != at_rest:
            self.release()
            self._regions_for = at_rest
        area = pic.get_rect()
        clip = pic.get_clip()  # (a frame drawn in parts: only its part)
        for region, key in self._keys(moving, area):
            if not region.colliderect(clip):
                continue
            kept = self._regions.get(key)
            if kept is not None:
                self._regions.move_to_end(key)
                pic.blit(kept, region)
                self.region_hits += 1
                continue
            self._compose(pic, view, scale, region, key, clip)

    @staticmethod
    def _keys(moving: list[tuple[pygame.Rect, tuple[object, ...]]], area: pygame.Rect) \
            -> list[tuple[pygame.Rect, tuple[object, ...]]]:
        """(region on the picture, the key its picture is kept by) of each moving figure's
        region: the region and the states of the moving figures whose regions reach into it."""
        out = []
        for region, _ in moving:
            region = region.clip(area)
            if region.w > 0 and region.h > 0:
                out.append((region, (tuple(region), tuple(state for other, state in moving if other.colliderect(region)))))
        return out

    def _compose(self, pic: pygame.Surface, view: SceneView, scale: float, region: pygame.Rect,
                 key: tuple[object, ...], clip: pygame.Rect) -> None:
        """Compose the scene of `view` again on `pic` inside `region` (and `clip`); keep the
        region's picture under `key` when it was composed whole."""
        pic.set_clip(region.clip(clip))
        try:
            self.c._scene(pic, view, scale, (0, 0))
        finally:
            pic.set_clip(clip)
        if clip.contains(region):  # (composed only in part: not kept)
            self._keep(pic, region, key)

    def _keep(self, pic: pygame.Surface, region: pygame.Rect, key: tuple[object, ...]) -> None:
        """Keep the picture `pic` holds in `region` under `key` (oldest let go past the budget)."""
        self._regions[key] = pic.subsurface(region).copy()
        self._region_bytes += region.w * region.h * 4
        budget = self._budget(pic.get_rect())
        while self._region_bytes > budget and len(self._regions) > 1:
            _, old = self._regions.popitem(last=False)
            self._region_bytes -= old.get_width() * old.get_height() * 4

    @staticmethod
    def _budget(area: pygame.Rect) -> float:
        return max(REGION_BYTES, REGION_FRAMES * area.w * area.h * 4)

    def warm(self, pic: pygame.Surface, view: SceneView, scale: float) -> Iterator[None]:
        """Compose ahead the pictures `_figures` will ask for while the figures of `view` breathe
        or pulse through one period of their motion from `view.motion` (the longest), soonest
        first, as many as fit the kept regions' budget: part of the first picture at a new size,
        made while a stand-in shows (vn.render.resize). Yields after each region; `pic` (a
        surface of the picture's size) is left as it was."""
        t0 = view.motion
        if t0 is None or view.stage is None:
            return
        size = pic.get_size()
        st = self.c._stage(view.stage, size)
        at_rest = (replace(view, motion=None), size, self.c.images.generation)
        if self._regions_for != at_rest:
            self.release()
            self._regions_for = at_rest
        if st is not None and view.light.emissive >= motion.TWINKLE_MIN_EMISSIVE:
            yield from self._making_visible(size, view, scale, st)  # the lights that twinkle, at this size
            yield
        periods = [cycle.period for sv in view.sprites if (sdef := self.c.assets.sprite(sv.sprite)) is not None
                   for cycle in (sdef.breathing, *(sdef.layers[n].pulse for n, _ in sv.layers if n in sdef.layers))
                   if cycle is not None]
        if not periods:
            return
        area, plan = pic.get_rect(), {}  # the regions of one period, soonest first
        for k in range(math.ceil(max(periods) * WARM_RATE) + 1):  # (every motion rate's frames are on this grid)
            v = replace(view, motion=t0 + k / WARM_RATE)
            for region, key in self._keys(self._moving(v, size, scale, st), area):
                plan.setdefault(key, (v, region))
            if k % WARM_PLAN == WARM_PLAN - 1:
                yield  # (a period's placements are tens of ms of Python: a few pieces)
        budget = self._budget(area)
        for key, (v, region) in plan.items():
            if key in self._regions:
                continue
            if self._region_bytes + region.w * region.h * 4 > budget:
                return  # (what does not fit would push out what comes sooner)
            self._stretch(pic, v, scale, st, region)
            yield
            saved = pic.subsurface(region).copy()
            rows = max(1, WARM_BAND_PX // region.w)  # (a composition clipped to a band equals the whole there)
            for y in range(region.top, region.bottom, rows):
                if y > region.top:
                    yield
                pic.set_clip(pygame.Rect(region.x, y, region.w, min(rows, region.bottom - y)))
                try:
                    self.c._scene(pic, v, scale, (0, 0))
                finally:
                    pic.set_clip(None)
            self._keep(pic, region, key)
            pic.blit(saved, region)
            yield

    def _stretch(self, pic: pygame.Surface, view: SceneView, scale: float, st: _Stage | None,
                 region: pygame.Rect) -> None:
        """Make the breathing figures of `view` that reach into `region` at their height then,
        drawn nowhere (what `_compose` then finds made: a piece of `warm` of its own)."""
        clip = pic.get_clip()
        pic.set_clip(pygame.Rect(0, 0, 0, 0))
        try:
            for sv, k, origin in self.c._sprite_places(view, st.layout if st else None, pic.get_size(), scale):
                sdef = self.c.assets.sprite(sv.sprite)
                stretch, glow = sprite_motion(sdef, sv, view.motion)
                if sdef is not None and (stretch, glow) != (1.0, 1.0) and \
                        self.c.sprites.placement(sdef, sv, k, origin, stretch).colliderect(region):
                    self.c.sprites.draw(pic, sdef, sv, view.light, k, origin, stretch, glow)
        finally:
            pic.set_clip(clip)

    def _moving(self, view: SceneView, size: tuple[int, int], scale: float, st: _Stage | None) \
            -> list[tuple[pygame.Rect, tuple[object, ...]]]:
        """(region, state) of each figure that breathes or pulses at `view.motion`: the rectangle
        recomposed where it moves, and what the picture there depends on (the last few kept: a
        step is asked for its places, then drawn in parts)."""
        key = (view, size, round(scale, 6), id(st))
        hit = self._moved.get(key)
        if hit is not None:
            return hit
        moving = []
        for sv, k, origin in self.c._sprite_places(view, st.layout if st else None, size, scale):
            sdef = self.c.assets.sprite(sv.sprite)
            stretch, glow = sprite_motion(sdef, sv, view.motion)
            if sdef is None or (stretch == 1.0 and glow == 1.0):
                continue
            rest = self.c.sprites.placement(sdef, sv, k, origin)
            if sdef.breathing is not None:
                moved = self.c.sprites.placement(sdef, sv, k, origin, stretch)
                # where the figure has pixels (its canvas is mostly empty), at rest and stretched
                # from the canvas's top as `SpriteRenderer._stretched` does, and a margin
                b = self.c.sprites.bounds(sdef, sv, k, origin)
                f = moved.h / max(1, rest.h)
                top = moved.y + math.floor((b.top - rest.y) * f)
                bottom = moved.y + math.ceil((b.bottom - rest.y) * f)
                pad = max(2, round(2 * k[1]))
                region = b.union(pygame.Rect(b.x, top, b.w, bottom - top)).inflate(2 * pad, 2 * pad)
                moving.append((region, (sv.who, tuple(moved), glow)))
            elif glow != 1.0:
                glow_rect = self.c.sprites.pulse_rect(sdef, sv, k, origin)
                if glow_rect is not None:
                    moving.append((glow_rect, (sv.who, None, glow)))
        self._moved[key] = moving
        while len(self._moved) > 3:
            self._moved.popitem(last=False)
        return moving

    # --- twinkle --------------------------------------------------------------------------------

    def _twinkle_maps(self, st: _Stage, clock: float) -> list[tuple[int, float, pygame.Surface, pygame.Rect]]:
        """(run, amount, lit map, its rect at the stage's scale) of each group of twinkling
        layers: their emissive map, occluded by the planes above them in their run. When every
        emissive layer of a run twinkles alike, that is the run's own emissive map."""
        layout = st.layout
        # (the stage held weakly: another stage made later may get a freed one's id, and a stage
        # let go takes its maps with it)
        key = (weakref.ref(st), layout.animation_phase(clock) if st.animated else ())
        hit = self._maps.get(key)
        if hit is not None:
            return hit
        for gone in [k for k in self._maps if k[0]() is None]:
            del self._maps[gone]
        lighters = st.lighters(clock)
        out = []
        for i, ((_, layers, _), lighter) in enumerate(zip(st.runs, lighters, strict=True)):
            amounts = {layout.twinkle(x) for x in layers if x.light == "emissive" and x.visible}
            for amount in sorted(a for a in amounts if a > 0):
                if amounts == {amount}:
                    maps = lighter.maps
                else:  # other emissive layers in the run: a map of these layers' light alone
                    only = [x if x.light != "emissive" or layout.twinkle(x) == amount else replace(x, visible=False)
                            for x in layers]
                    maps = build_stage_maps(layout, self.c.images, st.k_ref, clock, only, i == 0)
                if maps.emissive is not None:
                    out.append((i, amount, maps.emissive, maps.emissive_rect))
        self._maps[key] = out
        while len(self._maps) > 4:
            self._maps.popitem(last=False)
        return out

    def _visible(self, size: tuple[int, int], view: SceneView, scale: float, st: _Stage) \
            -> list[tuple[float, pygame.Surface, pygame.Rect, pygame.Surface]]:
        """For each twinkling map, what it adds to the picture at rest (V, its rect on `pic`)
        and the 8-bit cell map under it; kept while the view at rest holds."""
        for _ in self._making_visible(size, view, scale, st):
            pass
        assert self._seen is not None
        return self._seen[1]

    def _making_visible(self, size: tuple[int, int], view: SceneView, scale: float, st: _Stage) -> Iterator[None]:
        """`_visible`'s work, a yield between its parts (each ~20-50 ms at 4K: a piece of the
        warm-up at a new size, vn.render.resize); kept in `_seen` once all made."""
        rest = (replace(view, motion=None), size, self.c.images.generation)
        if self._seen is not None and self._seen[0] == rest:
            return
        camera = view.camera or default_camera(st.layout.size, view.size)
        out = []
        for run, amount, surf, rect in self._twinkle_maps(st, view.clock):
            seen = self.light_seen(size, view, scale, st, run, surf, rect)
            if seen is None:
                continue
            yield
            v, shown = seen
            # only points of light twinkle, not the haze around them: keep what stands above
            # its neighbourhood (V less a blur of V)
            radius = max(2, round(motion.TWINKLE_CELL * 0.5 * camera.zoom * scale))
            v.blit(pygame.transform.box_blur(v, radius), (0, 0), special_flags=pygame.BLEND_RGB_SUB)
            yield
            # only where some light is left (the glass, not the wall the layer runs behind)
            cropped = crop_to_light(v, shown)
            if cropped is None:
                continue
            v, shown = cropped
            x0, y0 = self._run_origin(view, scale, st, run)
            cells = self._cell_map(st.layout.size, (x0, y0), camera.zoom * scale, size)
            out.append((amount, v, shown, cells))
        self._seen = (rest, out)

    def light_seen(self, size: tuple[int, int], view: SceneView, scale: float, st: _Stage, run: int,
                   surf: pygame.Surface, rect: pygame.Rect,
                   tint: tuple[int, int, int] | None = None) -> tuple[pygame.Surface, pygame.Rect] | None:
        """What the emissive map `surf` (at `rect`, stage scale) of run `run` adds to the picture
        of `view` at rest on a picture of `size`: the map through the camera at the preset's
        emissive level (or times `tint`: a rim map's tint, (255, 255, 255) a `none` layers' map
        as it is), less what covers it (the planes of the runs above, the figures, the
        vignette). Returns (V, its rect on the picture), None where none of it shows."""
        camera = view.camera or default_camera(st.layout.size, view.size)
        r = camera.zoom * scale / st.k_ref
        lighters = st.lighters(view.clock)
        if tint is None:
            level = max(0, min(255, round(view.light.emissive * 255)))
            tint = (level, level, level)
        x0, y0 = self._run_origin(view, scale, st, run)
        if abs(r - 1.0) < 1e-6:
            lit, at = surf, pygame.Rect(round(x0) + rect.x, round(y0) + rect.y, rect.w, rect.h)
        else:
            scaled = (max(1, round(rect.w * r)), max(1, round(rect.h * r)))
            lit = pygame.transform.smoothscale(surf, scaled)
            at = pygame.Rect(round(x0 + rect.x * r), round(y0 + rect.y * r), *scaled)
        shown = at.clip(pygame.Rect((0, 0), size))
        if shown.w <= 0 or shown.h <= 0:
            return None
        v = pygame.Surface(shown.size)
        v.blit(lit, (at.x - shown.x, at.y - shown.y))
        v.fill(tint, special_flags=pygame.BLEND_RGB_MULT)
        for j in range(run + 1, len(st.runs)):  # the planes of the runs above cover it
            cover = lighters[j].maps.coverage()
            if cover is None:
                continue
            jx, jy = self._run_origin(view, scale, st, j)
            jx, jy = jx + lighters[j].maps.area.x * r, jy + lighters[j].maps.area.y * r  # (over its area)
            if abs(r - 1.0) >= 1e-6:
                cover = pygame.transform.smoothscale(
                    cover, (max(1, round(cover.get_width() * r)), max(1, round(cover.get_height() * r))))
            v.blit(cover, (round(jx) - shown.x, round(jy) - shown.y), special_flags=pygame.BLEND_PREMULTIPLIED)
        for sv, k, origin in self.c._sprite_places(view, st.layout, size, scale):  # so do the figures
            self.c.sprites.cover(v, self.c.assets.sprite(sv.sprite), sv, k,
                                 (origin[0] - shown.x, origin[1] - shown.y))
        if view.vignette > 0.0:  # and the vignette darkens it (whatever its colour)
            mask = self.c.effects.vignette_mask(size)
            a = max(0, min(255, round(255 * view.vignette)))
            mask.set_alpha(a)
            v.blit(mask, (-shown.x, -shown.y))
            mask.set_alpha(None)
        return v, shown

    def _run_origin(self, view: SceneView, scale: float, st: _Stage, run: int) -> tuple[float, float]:
        camera = view.camera or default_camera(st.layout.size, view.size)
        parallax = st.runs[run][0]
        x, y = layer_origin(camera, parallax, st.layout.parallax_origin, view.size)
        return x * scale, y * scale

    def _cell_map(self, map_size: tuple[int, int], at: tuple[float, float], ks: float,
                  size: tuple[int, int]) -> pygame.Surface:
        """An 8-bit picture-sized map: each pixel the schedule of the map cell seen there
        (cells of `TWINKLE_CELL` map px, so they stay on their lights whatever the size)."""
        key = (map_size, round(at[0]), round(at[1]), round(ks, 6), size)
        hit = self._cells.get(key)
        if hit is not None:
            return hit
        cell = motion.TWINKLE_CELL
        cols, rows = math.ceil(map_size[0] / cell), math.ceil(map_size[1] / cell)
        data = _twinkle_classes(cols, rows)
        small = pygame.image.frombytes(data, (cols, rows), "P")
        small.set_palette([(0, 0, 0)] * 256)
        big = pygame.transform.scale(small, (max(1, round(cols * cell * ks)), max(1, round(rows * cell * ks))))
        out = pygame.Surface(size, 0, 8)
        out.set_palette([(0, 0, 0)] * 256)
        out.fill(0)
        out.blit(big, (round(at[0]), round(at[1])))
        self._cells.clear()
        self._cells[key] = out
        return out

    def _twinkle(self, pic: pygame.Surface, view: SceneView, scale: float, st: _Stage, t: float) -> None:
        """Subtract V x each cell's dim: the dimmed light is worked out once per motion step
        (kept for the frames of that step), then one subtraction over the lights' rect."""
        seen = self._visible(pic.get_size(), view, scale, st)
        key = (id(seen), t)
        if self._dimmed[0] != key:
            works = []
            for n, (amount, v, at, cells) in enumerate(seen):
                dims = motion.twinkle_dims(amount, t)
                cells.set_palette([(d, d, d) for d in (round(255 * x) for x in dims)])
                work = self._work(n, at.size)
                work.blit(cells, (0, 0), area=at)
                work.blit(v, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
                works.append((work, at))
            self._dimmed = (key, works, seen)  # (seen: its id stays its own while kept)
        clip = pic.get_clip()
        for work, at in self._dimmed[1]:
            if at.colliderect(clip):
                pic.blit(work, at.topleft, special_flags=pygame.BLEND_RGB_SUB)

    def _work(self, n: int, size: tuple[int, int]) -> pygame.Surface:
        """The dimmed light of twinkling map n (a surface kept per map and size)."""
        work = self._scratch.get(n)
        if work is None or work.get_size() != size:
            work = self._scratch[n] = pygame.Surface(size)
        return work

    # --- dust -----------------------------------------------------------------------------------

    def _dots_at(self, view: SceneView, scale: float, st: _Stage, t: float) \
            -> list[tuple[pygame.Surface, tuple[int, int]]]:
        """The dust's motes at motion time `t`: (lit speck, where) to add over the picture
        inside their polygons, weighted by the soft mask and lit by the beam. The motes of the
        last two steps are kept (a step is drawn, then its places are redrawn as the next
        comes)."""
        key = (view, round(scale, 6), id(st))
        hit = self._motes.get(key)
        if hit is not None:
            return hit
        out = []
        layout = st.layout
        camera = view.camera or default_camera(layout.size, view.size)
        ks = camera.zoom * scale
        for i, shape in enumerate(layout.lights):
            if shape.dust <= 0:
                continue
            beam = view.light.beam(shape.group)
            if beam.strength < motion.DUST_MIN_STRENGTH or beam.reach <= 0.001:
                continue
            mask = self._mask(st, i)
            ox, oy = layer_origin(camera, shape.parallax, layout.parallax_origin, view.size)
            fx, fy = shape.points[0]
            u = max(0.001, min(1.0, beam.reach))
            color = tuple(c + (255.0 - c) * DUST_WHITE for c in beam.color)
            qc = q(color)
            for m in motion.dust_motes(shape.points, shape.dust, t, seed=i):
                # the mask of the whole polygon, seen through the beam's reach (shortened toward
                # its first point)
                mx = (fx + (m.x - fx) / u) * st.k_ref - mask.rect.x
                my = (fy + (m.y - fy) / u) * st.k_ref - mask.rect.y
                if not (0 <= mx < mask.rect.w and 0 <= my < mask.rect.h):
                    continue
                weight = mask.mask.get_at((int(mx), int(my)))[0] / 255.0
                b = m.brightness * weight * beam.strength * DUST_GAIN
                if b < 0.02:
                    continue
                lit = self._lit_dot(m.radius * ks, min(1.0, b), color, qc)
                x = (ox + (m.x + beam.offset[0]) * camera.zoom) * scale
                y = (oy + (m.y + beam.offset[1]) * camera.zoom) * scale
                out.append((lit, (round(x - lit.get_width() / 2), round(y - lit.get_height() / 2))))
        self._motes[key] = out
        while len(self._motes) > 2:
            self._motes.popitem(last=False)
        # where each mote lies, for the parts of a frame drawn alone (kept with the motes)
        live = {id(v) for v in self._motes.values()}
        self._dot_rects = {i: e for i, e in self._dot_rects.items() if i in live}
        self._dot_rects[id(out)] = (out, [pygame.Rect(at, d.get_size()) for d, at in out])
        return out

    @staticmethod
    def _mask(st: _Stage, i: int) -> BeamShape:
        """Light polygon i's soft mask at the stage's scale: the one its beam is drawn with (a
        second copy cost its memory, and at a new size its build in the frame)."""
        return st.beams(st.k_ref).shapes[i]

    def _lit_dot(self, radius: float, level: float, color: tuple[float, float, float],
                 qc: tuple[int, int, int]) -> pygame.Surface:
        """A speck of `radius` output px in `color` x `level` (32 levels, kept); `qc` is
        q(color), its key."""
        step = max(1, round(level * 32))
        key = (max(2, round(radius * 4)), step, qc)
        hit = self._lit_dots.get(key)
        if hit is None:
            if len(self._lit_dots) > 512:
                self._lit_dots.clear()
            hit = self._dot(radius).copy()
            u = step / 32
            hit.fill(q((color[0] * u, color[1] * u, color[2] * u)), special_flags=pygame.BLEND_RGB_MULT)
            self._lit_dots[key] = hit
        return hit

    def _dot(self, radius: float) -> pygame.Surface:
        """A soft white speck of `radius` output px (a quarter-px grid of sizes, kept)."""
        key = max(2, round(radius * 4))
        hit = self._dots.get(key)
        if hit is None:
            r = key / 4.0
            n = max(3, math.ceil(r * 2 + 2))
            up = 4
            big = pygame.Surface((n * up, n * up))
            big.fill((0, 0, 0))
            c = n * up / 2.0
            for step in range(12, 0, -1):  # a soft falloff: concentric discs, brighter inward
                rr = r * up * step / 8.0
                g = round(255 * math.exp(-((step / 8.0) ** 2) * 2.2))
                pygame.draw.circle(big, (g, g, g), (c, c), rr)
            hit = self._dots[key] = pygame.transform.smoothscale(big, (n, n))
        return hit

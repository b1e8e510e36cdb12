"""Light that lives on a stage layer: the flickering (`vn.stage.motion.Flicker`, firelight) and
pulsing (`pulse`, a glow's throb) `emissive`, `rim` and `none` layers, drawn over the still
picture.

The picture at rest shows each layer's light at its brightest. What such a layer adds to that
picture (`V`: its emissive map at the preset's level — a rim map in the preset's rim tint, a
`none` layer's map as it is — through
the camera, less whatever covers it: the planes above, the figures, the vignette;
`Living.light_seen`) is worked out once per still view, with a one-row 8-bit map of where each
column of it lies along the layer (`FLICKER_STEPS` levels across its width). A frame sets that
row's palette to the dim of each step at the motion time (`vn.stage.motion.layer_dims`) and
subtracts V x the dim, a band of rows at a time (the dims stretched down the band, V multiplied
in, the product subtracted: three blits a band over the light's rectangle, only the part being
drawn), whatever the fires' number. Kept per layer: V (4 bytes a pixel of its rectangle) and
the row; the bands' scratch is one small surface. Compositing is additive in this light, so the frame equals the composition with
the light dimmed (a `none` layer's paint is dimmed toward black: its glow fades, it does not
turn see-through).
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from vn.render.lighting import build_stage_maps, rim_tint, rim_top_tint
from vn.stage import motion
from vn.stage.camera import default_camera
from vn.stage.layout import Layer
from vn.stage.view import SceneView

if TYPE_CHECKING:
    from vn.render.compositor import _Stage
    from vn.render.motion import Living

BAND = 64  # rows of V dimmed at a time (the scratch: a band, not a second V)

How = motion.Flicker | motion.Cycle
Seen = tuple[How, pygame.Surface, pygame.Rect, pygame.Surface, list[tuple[int, float]]]


def _map_of(layer: Layer) -> tuple[str, bool]:
    """Which of its run's role maps a layer's light is in (`faces: up` rim layers have their own)."""
    return layer.light, layer.light == "rim" and layer.properties.get("faces") == "up"


# where each kind of light-giving layer's light is in its run's maps (`_map_of` -> (role, the
# StageMaps map, its rect)); a `faces: up` rim has its own (vn.render.lighting)
_ROLE_MAPS = {("emissive", False): ("emissive", "emissive", "emissive_rect"),
              ("rim", False): ("rim", "rim", "rim_rect"),
              ("rim", True): ("rim_top", "rim_top", "rim_top_rect"),
              ("none", False): ("none", "plain", "area")}


class Flames:
    """Draws the flicker and pulse of a view's light-giving layers over its picture at rest (see
    the module docstring); part of `vn.render.motion.Living`."""

    def __init__(self, living: Living) -> None:
        self.living = living
        self._maps: OrderedDict[object, list[tuple[int, How, str, pygame.Surface, pygame.Rect]]] = \
            OrderedDict()
        self._maps_for: weakref.ref[_Stage] | None = None  # the stage they are of (an id can be reused)
        self._seen: tuple[object, list[Seen]] | None = None
        self._dims: tuple[object, list[list[tuple[int, int, int]]]] = (None, [])
        self._scratch: pygame.Surface | None = None
        self._dim_row: pygame.Surface | None = None

    def release(self) -> None:
        """Let go of what is kept for the view at rest (the light seen, the scratch). The layers'
        maps stay while their stage does (a map of its own is a build: not made again each time
        the motion resumes)."""
        self._seen = None
        self._dims = (None, [])
        self._scratch = self._dim_row = None

    def _flicker_maps(self, st: _Stage, clock: float) -> list[tuple[int, How, str, pygame.Surface, pygame.Rect]]:
        """(run, flicker or pulse, role, lit map, its rect at the stage's scale) of each living
        light-giving layer: its emissive map (a rim layer: its rim map, a `none` layer: its
        plain map). A layer
        that is the only one of its role in its run uses the run's own map (no memory of its
        own); else a map of its light alone is made."""
        layout = st.layout
        if self._maps_for is None or self._maps_for() is not st:  # another stage: none of the last one's kept
            self._maps.clear()
            kept = self._maps
            self._maps_for = weakref.ref(st, lambda _: kept.clear())  # (nor once its stage is let go of)
        key = layout.animation_phase(clock) if st.animated else ()
        hit = self._maps.get(key)
        if hit is not None:
            return hit
        lighters = st.lighters(clock)
        out = []
        for i, ((_, layers, _), lighter) in enumerate(zip(st.runs, lighters, strict=True)):
            for layer in layers:
                how = layout.flicker(layer) or layout.pulse(layer)
                if how is None or not layer.visible:
                    continue
                same = [x for x in layers if _map_of(x) == _map_of(layer) and x.visible]
                if len(same) == 1:
                    maps = lighter.maps
                else:
                    only = [x if _map_of(x) != _map_of(layer) or x is layer else replace(x, visible=False)
                            for x in layers]
                    maps = build_stage_maps(layout, self.living.c.images, st.k_ref, clock, only, i == 0)
                role, surf_name, rect_name = _ROLE_MAPS[_map_of(layer)]
                surf = getattr(maps, surf_name)
                if surf is not None:
                    out.append((i, how, role, surf, getattr(maps, rect_name)))
        self._maps[key] = out
        while len(self._maps) > 4:
            self._maps.popitem(last=False)
        return out

    def seen(self, size: tuple[int, int], view: SceneView, scale: float, st: _Stage) -> list[Seen]:
        """For each living layer whose light is on (an emissive layer while the preset's
        `emissive` is at least `TWINKLE_MIN_EMISSIVE`; rim and `none` layers always): (its flicker or pulse, V, V's
        rect on the picture, the one-row 8-bit map of the step each column of V is on, the
        steps' knots and weights); kept while the view at rest holds."""
        from vn.render.motion import crop_to_light

        rest = (replace(view, motion=None), size, self.living.c.images.generation)
        if self._seen is not None and self._seen[0] == rest:
            return self._seen[1]
        camera = view.camera or default_camera(st.layout.size, view.size)
        ks = camera.zoom * scale  # picture px per map px
        out: list[Seen] = []
        lit = view.light.emissive >= motion.TWINKLE_MIN_EMISSIVE
        tints = {"emissive": None, "rim": rim_tint(view.light), "rim_top": rim_top_tint(view.light),
                 "none": (255, 255, 255)}
        for run, how, role, surf, rect in self._flicker_maps(st, view.clock):
            if role == "emissive" and not lit:
                continue
            got = self.living.light_seen(size, view, scale, st, run, surf, rect, tints[role])
            got = crop_to_light(*got) if got is not None else None
            if got is None:
                continue
            v, shown = got
            x0, _ = self.living._run_origin(view, scale, st, run)
            left, right = (shown.left - x0) / ks, (shown.right - x0) / ks  # map x across V
            n = motion.FLICKER_STEPS
            step = (right - left) / n
            steps = motion.flicker_steps([left + (i + 0.5) * step for i in range(n)])
            row = bytes(min(n - 1, int(c * n / shown.w)) for c in range(shown.w))
            out.append((how, v, shown, pygame.image.frombytes(row, (shown.w, 1), "P"), steps))
        self._seen = (rest, out)
        return out

    def areas(self, size: tuple[int, int], view: SceneView, scale: float, st: _Stage) -> list[pygame.Rect]:
        """Where the flicker and pulse of `view`'s layers change its picture."""
        return [shown for _, _, shown, _, _ in self.seen(size, view, scale, st)]

    def draw(self, pic: pygame.Surface, view: SceneView, scale: float, st: _Stage, t: float) -> None:
        """Subtract V x the dim of each step at motion time `t` from `pic` (inside its clip)."""
        seen = self.seen(pic.get_size(), view, scale, st)
        if not seen:
            return
        key = (id(seen), t)
        if self._dims[0] != key:
            palettes = []
            for how, _, _, _, steps in seen:
                levels = (max(0, min(255, round(255 * d))) for d in motion.layer_dims(how, steps, t))
                palettes.append([(d, d, d) for d in levels])
            self._dims = (key, palettes)
        clip = pic.get_clip()
        for (_, v, shown, row, _), palette in zip(seen, self._dims[1], strict=True):
            part = shown.clip(clip)
            if part.w <= 0 or part.h <= 0:
                continue
            row.set_palette(palette)
            dims = self._row(part.w)
            dims.blit(row, (0, 0), area=pygame.Rect(part.x - shown.x, 0, part.w, 1))
            work = self._work(part.w)
            for y in range(part.top, part.bottom, BAND):
                h = min(BAND, part.bottom - y)
                band = work.subsurface((0, 0, part.w, h))
                pygame.transform.scale(dims, (part.w, h), band)
                band.blit(v, (0, 0), area=pygame.Rect(part.x - shown.x, y - shown.y, part.w, h),
                          special_flags=pygame.BLEND_RGB_MULT)
                pic.blit(band, (part.x, y), special_flags=pygame.BLEND_RGB_SUB)

    def _work(self, w: int) -> pygame.Surface:
        """A scratch band at least `w` wide and `BAND` rows (one, kept, grown as needed)."""
        have = self._scratch
        if have is None or have.get_width() < w:
            have = self._scratch = pygame.Surface((w, BAND))
        return have

    def _row(self, w: int) -> pygame.Surface:
        """The dims of one row, `w` wide (one, kept: a subsurface of it, as wide as asked)."""
        have = self._dim_row
        if have is None or have.get_width() < w:
            have = self._dim_row = pygame.Surface((w, 1))
        return have.subsurface((0, 0, w, 1))

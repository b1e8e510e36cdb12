"""No stall on resize: a stage's art for a new picture size is rasterised in the background.

Rasterising a stage's SVGs at 3840x2160 takes seconds; done in the frame that first needs
them, the window froze. Instead, when the picture changes size and the stage has already been
drawn at another size, the compositor keeps drawing at that size, scaled to the new one (a
little soft for a moment), while a background thread builds the stage's lit planes and the
shown sprites' layers at the new size. Once they are ready they are handed to the compositor
in the frame thread and the picture is drawn at its own size again.

pygame's SVG rasteriser and zlib release the GIL, so the frame thread keeps its pace while they
run; pygame's blits and fills do not. So the build works on big surfaces a band of rows at a
time (`vn.render.images.copy`, `content_rect`, `premultiplied`) and, between bands, gives way
to a frame being drawn (`give_way`, `frame`): a frame waits for at most one band, not for a
whole 4K pass, and is not slowed by sharing the interpreter. A build starts on the frame after
the one that asked for it, so that frame (text laid out anew at the new size) runs alone. The
very first picture of a stage (nothing to scale from) is still built at once.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from vn.render.compositor import Compositor, _Stage
    from vn.render.sprites import Prebuilt, ShadowKey
    from vn.stage.layout import Layout
    from vn.stage.view import SceneView

log = logging.getLogger(__name__)

Size = tuple[int, int]
POLL_S = 0.1  # while a build runs, the picture looks this often whether it has finished


GIVE_WAY_MAX_S = 0.1  # a build waits at most this long for a frame (a slow frame loop never starves it)

_idle = threading.Event()  # clear while a frame is being drawn
_idle.set()
_drawing: list[int] = []  # the drawing thread, once per (nested) frame


@contextmanager
def frame() -> Iterator[None]:
    """Around drawing a frame: background builds pause at their next `give_way` meanwhile."""
    _drawing.append(threading.get_ident())
    _idle.clear()
    try:
        yield
    finally:
        _drawing.pop()
        if not _drawing:
            _idle.set()


def give_way() -> None:
    """Called by background work between steps: wait while a frame is being drawn (in the
    drawing thread itself, or with no frame being drawn, return at once)."""
    if not _idle.is_set() and threading.get_ident() not in _drawing:
        _idle.wait(GIVE_WAY_MAX_S)


_BUILD_MODULES = ("vn.render.lighting", "vn.render.beams", "vn.render.sprites", "vn.render.tiled",
                  "vn.render.dither")
# the stage's and the figures' build: runs of pygame calls, none made while holding a lock (a
# build paused while holding one would hold up a frame that needs it)
PAUSE_SHARE = 0.75  # a build waits for frames at most this share of the time since it began


class _Job:
    """One background build, started by `start`; `result` or `error` is set when `done` is."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._began = self._paused = 0.0  # (when it began; how long it waited for frames: seconds)
        # a daemon thread: closing the window never waits for a rasteriser to finish
        self.thread = threading.Thread(target=self._run, args=(work,), name="vn-rasterise", daemon=True)

    def _after_each_call(self, frame: Any, event: str, _arg: Any) -> None:
        """The build's profile hook: after each call into C made by the build's own code
        (`_BUILD_MODULES`), wait while a frame is being drawn. pygame's calls hold the GIL
        while they run, and Python hands the GIL to a waiting thread only every
        `sys.getswitchinterval()` (5 ms), so a build in the middle of a run of such calls when
        a frame began would take turns with it, a call at a time, until its next `give_way`;
        this way a frame waits for one call at most, and then has the interpreter to itself.
        While frames come back to back the build still gets its share (`PAUSE_SHARE`)."""
        if event != "c_return" or _idle.is_set() or frame.f_globals.get("__name__") not in _BUILD_MODULES:
            return
        now = time.perf_counter()
        if self._paused <= PAUSE_SHARE * (now - self._began):
            _idle.wait(GIVE_WAY_MAX_S)
            self._paused += time.perf_counter() - now

    def start(self) -> None:
        if self.thread.ident is None:
            self.thread.start()

    def _run(self, work: Callable[[], Any]) -> None:
        self._began = time.perf_counter()
        sys.setprofile(self._after_each_call)  # (this thread only)
        try:
            self.result = work()
        except Exception as exc:  # reported in the frame thread, which then builds at once
            self.error = exc
        finally:
            sys.setprofile(None)
            self.done.set()


class BackgroundBuilds:
    """Builds keyed by what they build (e.g. (stage, size)), one background thread each."""

    def __init__(self) -> None:
        self._jobs: dict[Hashable, _Job] = {}
        self.warming = False  # what was built is being made into a first picture, a piece a frame (Warmup)

    @property
    def busy(self) -> bool:
        return any(not job.done.is_set() for job in self._jobs.values())

    def next_poll(self, now: float) -> float | None:
        """When the picture should next be drawn to start or take in a build (`now` for one to
        start or one finished, or while a first picture is made from one, a little later while
        one runs; None with nothing building): a still picture
        is otherwise not redrawn, and the scaled stand-in would stay on screen."""
        if self.warming:
            return now
        if not self._jobs:
            return None
        if any(job.done.is_set() or job.thread.ident is None for job in self._jobs.values()):
            return now  # one to take in, or one to start
        return now + POLL_S

    def drop(self, keep: Hashable | None = None) -> None:
        """Forget every build but `keep`'s (what they make is no longer wanted; a thread still
        running ends by itself): a forgotten build would ask for frames for ever (`next_poll`)."""
        for key in [k for k in self._jobs if k != keep]:
            del self._jobs[key]

    def wait(self, timeout: float | None = None) -> None:
        """Block until every build started so far is done (tests, and `vn render`)."""
        for job in list(self._jobs.values()):
            job.start()
            job.done.wait(timeout)

    def poll(self, key: Hashable, work: Callable[[], Any], install: Callable[[Any], None]) -> bool:
        """True while `key` is being built (start `work` in the background if it is not yet);
        False once it is installed — `install(result)` runs here, in the caller's thread — or
        when the build failed (the caller then builds at once and sees the error itself)."""
        job = self._jobs.get(key)
        if job is None:  # started on the next frame (this one lays out its text at the new size)
            self._jobs[key] = _Job(work)
            return True
        job.start()
        if not job.done.is_set():
            return True
        del self._jobs[key]
        if job.error is not None:
            log.warning("background rasterising failed (%s); drawing at once", job.error)
            return False
        install(job.result)
        return False


def nearest(sizes: list[Size], size: Size) -> Size | None:
    """The size among `sizes` closest in height to `size` (None when there is none)."""
    return min(sizes, key=lambda s: abs(s[1] - size[1])) if sizes else None


class Resize:
    """A compositor's pictures while the window's picture size changes (`Compositor.resize`):
    the stage built for the new size in the background (`BackgroundBuilds`) while the nearest
    size already drawn stands in, scaled; then the first picture at the new size made a piece a
    frame (`Warmup`), the stand-in still shown, so the frame that swaps it in only blits."""

    def __init__(self, c: Compositor) -> None:
        self.c = c
        self.builds = BackgroundBuilds()  # stages rasterised for a new size
        self.warmup = Warmup()  # and their first picture, made over the frames of the stand-in
        self.warming: tuple[Size, Size] | None = None  # (from size, new size)
        self._buffer: pygame.Surface | None = None  # the stand-in's picture at the size it came from

    # --- the compositor's own stand-in (menus over the game, a choice, the title) ----------------

    def stand_in(self, pic: pygame.Surface, view: SceneView, target: Size) -> bool:
        """While the picture of `view` is being made for the size of `pic` (a part of a target of
        size `target`), draw it at the size it was drawn at before, scaled to `pic`, and say so;
        False (nothing drawn) when it is drawn at its own size."""
        from vn.render.compositor import fit

        size = pic.get_size()
        rest = view if view.motion is None else replace(view, motion=None)
        came = self._stand_in_size(view, size)
        if came is not None:  # the stage is being rasterised for this size
            self.warming = (came, size)
        elif self.warming is not None:  # ... then its first picture is made a piece a frame
            if self.warming[1] == size and not self.warmup.step(
                    self.c, view, target, time.thread_time() + WARM_S, time.thread_time):
                came = self.warming[0]
            else:
                self.warming = None
                self.warmup.clear()
        self.builds.warming = self.warming is not None  # (a still picture asks for the frames it needs)
        if came is None:
            self._buffer = None  # (the last size's picture: 3.5 MB at 720p)
            return False
        # (not kept on the plate: a plate at the new size costs a slow frame)
        if self._buffer is None or self._buffer.get_size() != came:
            self._buffer = pygame.Surface(came)
        c, buf = self.c, self._buffer
        c.plate.draw(buf, (rest, c.images.generation), lambda d: c._render(d, rest, fit(came, rest.size)[0]))
        pygame.transform.scale(buf, size, pic)
        return True

    # --- the Screen's stand-in (the whole frame, vn.screen) --------------------------------------

    def stand_in_size(self, view: SceneView, size: Size) -> Size | None:
        """While the stage of `view` is being built in the background for a target of `size`,
        the picture size it was drawn at before, to draw at and scale meanwhile; None when it
        can be drawn at `size`."""
        from vn.render.compositor import fit

        rest = view if view.motion is None else replace(view, motion=None)
        return self._stand_in_size(rest, fit(size, view.size)[1].size)

    def warm(self, view: SceneView, size: Size, until: float,
             clock: Callable[[], float] = time.thread_time) -> bool:
        """Make part of the first picture of `view` on a target of `size` once its stage is
        built (`stand_in_size` gave None), until `clock()` passes `until`; True when nothing
        was left to make, so a frame now only blits (`Warmup`)."""
        with frame():
            return self.warmup.step(self.c, view, size, until, clock)

    def end_warm(self) -> None:
        """Let go of a first picture being made by `warm` (the new size it was for is gone)."""
        self.warmup.clear()

    def at_rest(self, dest: pygame.Surface, view: SceneView) -> None:
        """The picture of `view` at rest (its living motion left out) filling `dest`: from the
        plate when it holds it at that size, else composed and kept. A stand-in's picture
        (vn.screen): it releases nothing kept for another size."""
        from vn.render.compositor import fit

        c = self.c
        rest = view if view.motion is None else replace(view, motion=None)
        with frame():
            c.plate.draw(dest, (rest, c.images.generation),
                         lambda d: c._render(d, rest, fit(d.get_size(), view.size)[0]), keep=True)

    # --- the build -------------------------------------------------------------------------------

    def _stand_in_size(self, view: SceneView, size: Size) -> Size | None:
        """The size to draw `view` at (then scaled) while its stage is built at `size` in the
        background; None to draw at `size` (ready, the stage's first picture, or no stage)."""
        c, name = self.c, view.stage
        self.builds.drop(keep=(name, size))  # (a stage or size no longer shown is not waited for)
        if name is None or (name, size) in c._stages:
            return None
        drawn = [s for (n, s) in c._stages if n == name]
        layout = c.assets.stage(name) if drawn else None
        if layout is None:
            return None
        building = self.builds.poll((name, size), self._builder(layout, view, size),
                                    lambda result: self._install(name, size, *result))
        return nearest(drawn, size) if building else None

    def _builder(self, layout: Layout, view: SceneView, size: Size) -> Callable[[], Any]:
        """Work for a background thread: the stage's lit planes at `size` and the layers of the
        sprites on it, touching no state of the compositor (`_install` hands them over)."""
        from vn.render.compositor import _places, _Stage, fit
        from vn.render.sprites import make_shadow, shadow_key
        from vn.stage.camera import default_camera

        c = self.c
        images, sprites, clock = c.images, c.sprites, view.clock
        camera = view.camera or default_camera(layout.size, view.size)
        ks = camera.zoom * fit(size, view.size)[0]  # as _scene draws the sprites
        shown = [(sdef, sv) for sv in view.sprites if (sdef := c.assets.sprite(sv.sprite)) is not None]
        light = view.light

        scale = fit(size, view.size)[0]

        def work() -> tuple[_Stage, list[Prebuilt], list[tuple[ShadowKey, Any, Any]]]:
            st = _Stage(layout, images, size)
            for lighter in st.lighters(clock):
                lighter.prepare(light)  # the first frame at the new size then only blits
            beams = st.beams(st.k_ref)
            beams.prepare(light)
            if abs(camera.zoom * scale / st.k_ref - 1.0) >= 1e-6 and not view.camera_moving:
                # a held camera other than the stage's own scale: its planes scaled once, as the
                # first picture's first band would (`_Stage.draw` keeps them while camera and
                # light hold): 150-200 ms at 4K, too long for a piece of a frame
                shake = (round(view.shake[0] * scale), round(view.shake[1] * scale))
                st.draw(pygame.Surface(size), light, camera, scale, view.size, shake, clock)
            built = [sprites.prebuild(sdef, sv, (ks, ks)) for sdef, sv in shown]
            casts: list[tuple[ShadowKey, Any, Any]] = []
            if beams.depths(len(layout.layers)):  # the shadows in the beams, as `_staged` makes them
                _, _, marks_at, sun_at, beam_origin = _places(st, view, scale, (0, 0))
                # where the light catches the figures (kept with their art, as `paint` keeps it)
                sun = (marks_at[0] + light.sun[0] * ks, marks_at[1] + light.sun[1] * ks)
                for (sdef, sv), b in zip(shown, built, strict=True):
                    sprites.prebuild_shadow(b, (marks_at[0] + sv.x * ks, marks_at[1] + sv.y * ks), sun_at,
                                            sv.alpha, scale)
                    sprites.paint(b.shown, sprites.placement(sdef, sv, (ks, ks), marks_at), sv.alpha, sun,
                                   light.glaze)
                for _, parallax, art, (fx, fy) in st.casters().at(ks):
                    o = beam_origin(parallax)
                    key = shadow_key(art, (o[0] + fx * ks, o[1] + fy * ks), sun_at, 1.0, scale)
                    if key is not None:
                        casts.append((key, art, make_shadow(art, key)))
            return st, built, casts

        return work

    def _install(self, name: str, size: Size, st: _Stage, sprites: list[Prebuilt],
                 casts: list[tuple[ShadowKey, Any, Any]]) -> None:
        c = self.c
        c._stages[(name, size)] = st
        while len(c._stages) > 2:
            c._stages.popitem(last=False)
        for built in sprites:
            c.sprites.adopt_prebuilt(built)
        for key, art, made in casts:
            c.sprites.adopt_shadow(key, weakref.ref(art), made)


WARM_BANDS = 8  # the first picture at a new size is composed in this many bands of rows (~5-10 ms at 4K)
WARM_S = 0.004  # thread seconds of a stand-in's frame after which no further piece of the new
# size's first picture is begun (each frame makes one at least: pieces take 5-25 ms at 4K)


class Warmup:
    """The first picture of a still view at a new size, made over the frames of the stand-in
    (`Resize.warm`) once the background build has handed over the stage: a piece a frame
    (more while the frame's budget lasts) — the stage shown at the new size, what each figure
    needs made once (its lit copies, the light on it), the picture at rest in bands of rows (a
    composition clipped to a band equals the whole one there), the pictures of its breathing
    figures over their next breath (`Living.warm`) — and finally the picture goes on the plate,
    so the frame that swaps it in only blits. The pieces fill caches or the picture; none
    changes what a frame shows, and the picture is the same however many frames it took."""

    def __init__(self) -> None:
        self.key: Hashable | None = None  # (the plate key: picture at rest, generation; its size)
        self.picture: Any = None  # the picture being made
        self._pieces: Iterator[None] | None = None

    def step(self, c: Any, view: Any, size: Size, until: float, clock: Callable[[], float]) -> bool:
        """One frame's slice of the first picture of `view` on a target of `size` (`c`: the
        Compositor; no piece is begun once `clock()` passes `until`, one at least is made); True
        when nothing was left to make: the picture is on the plate (the frame then only blits),
        or `view` is not a still picture that can be made ahead (that frame composes it as before)."""
        from dataclasses import replace

        from vn.render.compositor import fit

        rest = view if view.motion is None else replace(view, motion=None)
        scale, rect = fit(size, view.size)
        if (view.stage is None or rest.transition is not None or rest.card is not None or rest.camera_moving
                or rect.w <= 0 or rect.h <= 0):
            return True
        key = (rest, c.images.generation)
        if c.plate.peek(key, rect.size) is not None:
            return True
        if self.key != (key, rect.size):
            if self.key is not None:  # the picture moved on meanwhile: not made ahead after all
                self.clear()
                return True
            self.key = (key, rect.size)
            self._pieces = self._make(c, view, rest, scale, rect.size)
        assert self._pieces is not None
        did = False
        for _ in self._pieces:
            did = True
            if clock() >= until:
                return False
        if did:  # all made, but this frame still stands in: the plate keeps its picture meanwhile
            return False
        c.plate.put(key, self.picture)  # the frame now only blits
        self.clear()
        return True

    def clear(self) -> None:
        self.key = self.picture = self._pieces = None

    def _make(self, c: Any, view: Any, rest: Any, scale: float, size: Size) -> Iterator[None]:
        """The pieces of the work, in order (each yield ends one)."""
        import pygame

        pic = self.picture = pygame.Surface(size)
        if c._shown != (view.stage, size):
            c._stage(view.stage, size)  # shown from now on: what the last size kept is let go
            yield
        yield from _figures_lit(c, pic, rest, scale)
        band = -(-size[1] // WARM_BANDS)
        for row in range(0, size[1], band):
            pic.set_clip(pygame.Rect(0, row, size[0], band))
            try:
                c._render(pic, rest, scale)
            finally:
                pic.set_clip(None)
            yield
        if view.motion is not None:
            yield from c.living.warm(pic, view, scale)


def _figures_lit(c: Any, pic: Any, view: Any, scale: float) -> Iterator[None]:
    """What `Compositor._staged` makes once for each figure of `view` at the picture's size —
    its lit copies, then the light of the polygons that fall on it and the beam's rim on it —
    made a piece at a time, drawn nowhere (the clip of `pic` is empty meanwhile). Only caches are
    filled: should this drift from `_staged`, a frame costs more, never looks different."""
    import pygame

    from vn.render.compositor import _places

    st = c._stage(view.stage, pic.get_size())
    origin = (round(view.shake[0] * scale), round(view.shake[1] * scale))
    _, ks, marks_at, _, beam_origin = _places(st, view, scale, origin)
    beams = st.beams(st.k_ref)
    zoom = ks / st.k_ref
    n = len(st.layout.layers)
    sun = (marks_at[0] + view.light.sun[0] * ks, marks_at[1] + view.light.sun[1] * ks)
    for sv in view.sprites:
        sdef = c.assets.sprite(sv.sprite)
        if sdef is None:
            continue
        pic.set_clip(pygame.Rect(0, 0, 0, 0))
        try:
            rect = c.sprites.placement(sdef, sv, (ks, ks), marks_at)
            art = c.sprites.art(sdef, sv, rect.size)
            c.sprites.draw(pic, sdef, sv, view.light, (ks, ks), marks_at, art=art)
        finally:
            pic.set_clip(None)
        yield
        pic.set_clip(pygame.Rect(0, 0, 0, 0))
        try:
            paint = c.sprites.paint(art, rect, sv.alpha, sun, view.light.glaze)
            beams.on_figure(pic, view.light, beam_origin, zoom, paint)
            feet = (marks_at[0] + sv.x * ks, marks_at[1] + sv.y * ks)
            depth = n if sv.depth is None else min(n, sv.depth)
            glow = beams.light_at(feet, view.light, beam_origin, zoom, pic.get_rect(), depth)
            if glow != (0, 0, 0):
                c.sprites.light_rim(pic, paint, glow)
        finally:
            pic.set_clip(None)
        yield

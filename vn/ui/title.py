"""The title screen and main menu: the game's own stage behind its title, the light slowly going
round its presets (sunset, last rays, dusk, night, dawn…), and Start, Continue, Load, Settings,
Extras, Help, Quit.

The light changes slowly, so the picture is redrawn only a few times a second
(`LIGHT_FPS`), at moments quantised to that rate: the loop sleeps in between. While the stage
lives, the light steps on the motion's own frames (every third at 10 a second), so its changes
cost no redraw of their own. The stage's
living motion (city lights twinkling, dust in the beam: `vn.stage.motion`) goes on over it at
the motion's own rate, through the holds and the light's changes alike, from the second frame
on (the first frame, which start-up time is measured to, is the picture at rest); it rests
under a page of its own (Extras, Settings…), where the picture is dimmed. With reduce motion
on, the light holds still and nothing lives. While the window is hidden the loop asks no view
for a redraw (`vn.app.Player.visible`), so the title costs nothing then.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import replace

import pygame

from vn.render.plate import disjoint
from vn.render.text import SANS, SERIF, Shadow
from vn.stage import motion
from vn.stage.scene import Scene
from vn.ui.keymap import action_for
from vn.ui.paint import fading_bar, smoothstep, vertical_gradient, with_alpha
from vn.ui.stack import ScreenView
from vn.ui.widgets import Control, FocusGroup, draw_controls, draw_text

LIGHT_FPS = 3.0  # redraws per second while the light changes (a step is under two levels of colour)
LIGHT_HOLD = 10.0  # seconds each preset holds
LIGHT_TWEEN = 18.0  # seconds from one preset to the next
PREFERRED = ("sunset", "last_rays", "dusk", "night", "predawn", "dawn", "sunrise")
FADE_IN = 0.8
HINT_X, HINT_W = 660, 700  # logical px: the Continue button's hint beside it
HINT_BAND = 0.82  # the dark band under the hint


class _Direction:
    """A stage command made here rather than by a script (the title's own picture)."""

    def __init__(self, command: str, **args) -> None:
        self.id = f"title:{command}"
        self.command = command
        self.args = args
        self.pos = None


def title_stage(game, assets=None, program=None) -> str | None:
    """The stage behind the title: the one the story opens on (the first `stage` direction of
    the `start` label), so a game's other places never stand in for its home; else the first by
    name that is not a key-beat image (a map with a `gallery` property is a close-up of one
    moment, not the game's place)."""
    stages = [n[:-4] for n in sorted(game.listing("assets/stages", (".tmx",)))]
    if assets is not None:
        opening = _opening_stage(program)
        for name in ([opening] if opening in stages else []) + stages:
            layout = assets.stage(name)
            if layout is not None and layout.gallery is None:
                return name
    return stages[0] if stages else None


def _opening_stage(program) -> str | None:
    """The name the start label's first `stage` direction gives, if it is plain text."""
    label = getattr(program, "labels", {}).get(getattr(program, "start", None))
    for ins in label.code if label is not None else ():
        if ins.op == "direction" and ins.args.get("command") == "stage":
            name = ins.args.get("args", {}).get("name")
            return name if isinstance(name, str) else getattr(name, "plain_source", lambda: None)()
    return None


class TitleView(ScreenView):
    opaque = True

    def __init__(self, host) -> None:
        super().__init__(host)
        self.scene = Scene(host.screen.assets)
        presets = list(host.screen.assets.presets)
        self.presets = [p for p in PREFERRED if p in presets] or [p for p in presets if p != "black"]
        stage = title_stage(host.game, host.screen.assets, host.screen.program)
        self.scene.restore({"stage": stage, "light": self.presets[0] if self.presets else None,
                            "sprites": {}}, 0.0)
        self.cycle_start = 0.0
        self._step = -1  # the light cycle's step last applied (-1: none yet)
        self._started = False
        self.group = FocusGroup()
        self.latest = None
        self._drawn = False  # the first frame is drawn at rest (start-up time is measured to it)
        self._rate_at: tuple[float | None, float | None] = (None, None)  # (light step, motion's rate)
        self._last: tuple[weakref.ref[pygame.Surface], tuple[object, ...], object] | None = None  # the frame before

    # -- the menu ----------------------------------------------------------------------------

    def rebuild(self) -> None:
        store = self.host.saves
        self.latest = store.latest() if store is not None else None
        items = [("start", "Start", self.start),
                 ("continue", "Continue", self.host.continue_game),
                 ("load", "Load", lambda: self._open("saveload", "SaveLoadView", "load")),
                 ("settings", "Settings", lambda: self._open("settings_screen", "SettingsView")),
                 ("extras", "Extras", lambda: self._open("extras", "ExtrasView")),
                 ("help", "Help", lambda: self._open("help", "HelpView")),
                 ("quit", "Quit", self.host.quit)]
        enabled = {"continue": self.latest is not None, "load": store is not None}
        focus = self.group.focus_key or ("continue" if self.latest is not None else "start")
        self.group.focus_key = focus
        self.group.set([Control(key, (150, 470 + n * 68, 470, 62), label, on_activate=action,
                                enabled=enabled.get(key, True), kind="item")
                        for n, (key, label, action) in enumerate(items)])

    def start(self) -> None:
        """A new game: the game's content note first when it has one (`vn.ui.contentnote`)."""
        note = getattr(self.host.screen.program, "content_note", None)
        if note is None:
            self.host.start_game()
        else:
            self._open("contentnote", "ContentNoteView", note)

    def _open(self, module: str, name: str, *args) -> None:
        import importlib

        view = getattr(importlib.import_module(f"vn.ui.{module}"), name)
        self.host.open(view(self.host, *args))

    def on_show(self, now: float) -> None:
        first = not self._started
        super().on_show(now)
        if first:  # the first preset's hold and its tween to the next are applied by `update`
            self.cycle_start = now
            self._started = True
        self.rebuild()
        focused = self.group.focused
        self.host.speak(f"{self.host.screen.program.title}, {focused.label if focused else ''}")

    def handle(self, event: pygame.event.Event, now: float) -> None:
        before = self.group.focus_key
        if self.group.handle(event, self.host.viewport):
            if self.group.focus_key != before and self.group.focused is not None:
                self.host.speak(self.group.focused.label)  # self-voicing reads the focus
            return
        if event.type == pygame.KEYDOWN and action_for(event) == "help":
            self._open("help", "HelpView")

    # -- the slowly changing light -------------------------------------------------------------

    def _light_step(self, now: float) -> float:
        """Seconds between two steps of the light: 1/`LIGHT_FPS`, or while the stage lives a
        whole number of the motion's frames no longer than that, so the light steps on frames
        the motion draws anyway (10 redraws a second with dust, not 10 + 3)."""
        fps = self._motion_rate(now)
        if fps is None:
            return 1.0 / LIGHT_FPS
        return max(1, math.floor(fps / LIGHT_FPS + 1e-9)) / fps

    def _light_time(self, now: float) -> float:
        """Title time quantised to the light's steps."""
        step = self._light_step(now)
        return math.floor((now - self.cycle_start) / step + 1e-9) * step

    def update(self, now: float) -> bool:
        if self.host.settings.reduce_motion or len(self.presets) < 2:
            return False
        t = now - self.cycle_start
        period = LIGHT_HOLD + LIGHT_TWEEN
        step = int(t // period)
        if step != self._step:
            self._step = step
            target = self.presets[(step + 1) % len(self.presets)]
            start = self.cycle_start + step * period + LIGHT_HOLD
            self.scene.apply(_Direction("light", preset=target, over=LIGHT_TWEEN, ease="sine_in_out"),
                             start - self.cycle_start)
            self._rate_at = (None, None)
        return False

    def next_redraw(self, now: float) -> float | None:
        if now < self.shown_at + FADE_IN:
            return now
        # the stage's own tile animations, if any, seen at the light's quantised times
        frame = self.scene.next_frame(now - self.cycle_start)
        if frame is not None:
            frame = self.cycle_start + math.ceil(frame * LIGHT_FPS) / LIGHT_FPS
        building = self.host.screen.compositor.builds.next_poll(now)  # art for a new window size
        times = [t for t in (frame, building, self._light_redraw(now), self._motion_redraw(now)) if t is not None]
        return min(times) if times else None

    # -- the living motion -----------------------------------------------------------------------

    def _motion_rate(self, now: float) -> float | None:
        """Frames per second the stage's living motion needs at `now` (None: nothing lives, or
        the player asked for reduced motion)."""
        if self.host.settings.reduce_motion or self._covered():
            return None
        at = math.floor((now - self.cycle_start) * LIGHT_FPS) / LIGHT_FPS
        if self._rate_at[0] != at:  # (what lives depends on the light: worked out once a step)
            self._rate_at = (at, motion.rate(self.scene.living(at)))
        return self._rate_at[1]

    def _covered(self) -> bool:
        """A page of its own (Extras, Settings, the content note…) is over the title: the
        picture shows only dimmed under it, not worth ten redraws a second."""
        top = self.host.stack.top
        return top is not self and getattr(top, "full_page", False)

    def _motion_time(self, now: float) -> float | None:
        """The stage clock for the living motion on its own frame grid (the title's scene was
        shown at title time 0), or None at rest."""
        fps = self._motion_rate(now)
        if fps is None or not self._drawn:
            return None
        return motion.frame_time(max(0.0, now - self.cycle_start), fps)

    def _motion_redraw(self, now: float) -> float | None:
        fps = self._motion_rate(now)
        if fps is None:
            return None
        return self.cycle_start + motion.next_frame_time(max(0.0, now - self.cycle_start), fps)

    def _light_redraw(self, now: float) -> float | None:
        if self.host.settings.reduce_motion or len(self.presets) < 2:
            return None
        t = now - self.cycle_start
        period = LIGHT_HOLD + LIGHT_TWEEN
        into = t % period
        if into < LIGHT_HOLD:  # holding: sleep until the next tween starts
            return now + (LIGHT_HOLD - into)
        step = self._light_step(now)
        return self.cycle_start + (math.floor(t / step + 1e-9) + 1) * step

    # -- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, now: float) -> None:
        compositor = self.host.screen.compositor
        # the light at its own slow steps; the living motion at the real time on its own grid
        view = replace(self.scene.view(self._light_time(now)), motion=self._motion_time(now))
        top = self.host.stack.top
        covered = top is not self and getattr(top, "full_page", False)
        u = smoothstep((now - self.shown_at) / FADE_IN) if top is self else 1.0
        menu = (covered, u, self.group.focus_key, self.latest, self.host.theme, self.host.viewport,
                tuple((c.key, c.label, c.enabled, c.rect) for c in self.group.controls))
        last, self._last = self._last, (weakref.ref(surface), menu, view)
        self._drawn = True
        if getattr(self.host, "canvas_kept", False) and last is not None and last[0]() is surface \
                and last[1] == menu:
            # the window still shows the frame before: only where the motion moved is drawn,
            # the menu over it again there (a step of the dust is a part of the picture)
            moved = compositor.motion_areas(last[2], view, surface.get_size())
            if moved is not None:
                rects = disjoint(moved, surface.get_rect())
                if compositor.redraw(surface, view, None, rects):
                    if not covered:
                        for rect in rects:
                            surface.set_clip(rect)
                            try:
                                self._draw_menu(surface, u)
                            finally:
                                surface.set_clip(None)
                    self.damage = rects
                    return
        compositor.draw(surface, view)
        if not covered:  # (a page of its own over the title: only the picture shows under its dimming)
            self._draw_menu(surface, u)

    def _draw_menu(self, surface: pygame.Surface, u: float) -> None:
        """The wash, the title and the menu over the picture, at opacity `u` (their fade in)."""
        screen = self.host.screen
        vp = self.host.viewport
        t = self.host.theme
        # the picture deepened from the left, under the title and the menu
        deepen(surface, (vp.offset[0], 0), _wash((vp.px(1100), surface.get_height())), t.bar)
        title = self.host.text.layout(screen.program.title, vp.px(1100), vp.px(104), family=SERIF, color=t.text,
                                      scale=vp.scale, italic=True, shadow=Shadow.scaled(vp.scale, 220),
                                      line_spacing=1.05)
        self.host.text.draw(surface, title, vp.point(150, 170), alpha=round(255 * u))
        draw_text(surface, vp, self.host.text, "A VISUAL NOVEL", 156, 180 + title.height / vp.scale, 800, 24,
                  color=t.accent, opacity=u, theme=t)
        draw_controls(surface, vp, self.host.text, self.group, t, u)
        if self.latest is not None and self.latest.meta is not None and self.group.focus_key == "continue":
            meta = self.latest.meta
            words = f"{meta.speaker}: {meta.words}" if meta.speaker else meta.words
            note = " \u00b7 ".join(x for x in (meta.chapter, words) if x)
            self._draw_continue_hint(surface, note, u)

    def _draw_continue_hint(self, surface: pygame.Surface, note: str, opacity: float) -> None:
        """Where Continue picks up (chapter and first words of the latest save), beside the
        button on a dark band of its own: over a bright sky the words still read."""
        vp, t, r = self.host.viewport, self.host.theme, self.host.text
        x, y = HINT_X, 470 + 68 + 14
        lay = r.layout(note, vp.px(HINT_W), vp.px(24), family=SANS, color=t.text, italic=True, scale=vp.scale,
                       shadow=Shadow.scaled(vp.scale, 150))
        pad = 22
        band = vp.rect(x - pad, y - 12, lay.width / vp.scale + 2 * pad, lay.height / vp.scale + 24)
        with_alpha(fading_bar(band.size, t.bar, HINT_BAND, 0.08), surface, band.topleft, opacity)
        r.draw(surface, lay, vp.point(x, y), alpha=round(255 * opacity * 0.9))


_WASHES: dict[tuple, pygame.Surface] = {}
WASH_TINT = (222, 208, 198)  # the deepened picture's multiply: a little warm, so a dimmed sun goes amber


def _wash(size: tuple[int, int]) -> pygame.Surface:
    """How strongly the title's wash deepens the picture (white, its alpha the strength): 0.55 at
    the top to 0.8 at the bottom, fading from the left edge to nothing at the right."""
    key = size
    if key not in _WASHES:
        w, h = size
        wash = vertical_gradient((w, h), (255, 255, 255), ((0.0, 0.55), (1.0, 0.8))).copy()
        row = pygame.Surface((w, 1), pygame.SRCALPHA)
        for x in range(w):
            row.set_at((x, 0), (255, 255, 255, round(255 * (1.0 - smoothstep(x / max(1, w))))))
        wash.blit(pygame.transform.scale(row, (w, h)), (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        _WASHES.clear()
        _WASHES[key] = wash
    return _WASHES[key]


def deepen(surface: pygame.Surface, at: tuple[int, int], wash: pygame.Surface,
           bar: tuple[int, int, int] = (0, 0, 0)) -> None:
    """Deepen the picture under `wash` (its alpha a, placed at `at`; only within the surface's
    clip): each pixel c (0..1 a channel) becomes c (1 - a) + a (c² WASH_TINT + bar). Squaring
    darkens the dark and middle tones and keeps the bright ones, and a channel keeps its order:
    rust stays rust, the low sun stays gold (an alpha wash of the theme's navy greyed them toward
    olive); the theme's `bar` colour (near black) lies in the deepest shadows only. Three copies
    of the area's pixels: a few ms at 1080p."""
    area = pygame.Rect(at, wash.get_size()).clip(surface.get_clip())
    if not area.w or not area.h:
        return
    under = surface.subsurface(area)
    deep = pygame.Surface(area.size, pygame.SRCALPHA)
    deep.fill((0, 0, 0, 255))
    deep.blit(under, (0, 0))
    deep.blit(under, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
    deep.fill(WASH_TINT, special_flags=pygame.BLEND_RGB_MULT)
    deep.fill(bar, special_flags=pygame.BLEND_RGB_ADD)
    deep.blit(wash, (0, 0), (area.x - at[0], area.y - at[1], area.w, area.h), special_flags=pygame.BLEND_RGBA_MULT)
    under.blit(deep, (0, 0))

"""The choice menu: a column of options, picked by mouse, arrows + Enter, or 1-9.

Ren'Py's template geometry at 1920x1080 is the starting point: buttons 1185 px wide, text at
dialogue size inside 150 px side margins, the column centred at y 405 so it clears the text box
(which keeps showing the question, the line said before the choice). The column is then placed
where the picture is empty: `set_figures` gives the rectangles where the shown characters have
pixels, and the stage's keep-clear areas (faces and figures painted into the picture, as in a
key-beat image: its `keep_clear` object layer), and the column keeps clear of them
(`place_column`), narrowing and moving aside as it must; when no empty place exists it keeps
clear of the faces and upper bodies only (and still of every keep-clear area), and when even
that is impossible it stays centred on a darkened panel that keeps the text readable.

`handle` returns the chosen option's `index` (pass it to `Story.choose`). A mouse pick needs
both the press and the release on the same option, so the click that brought the menu up cannot
choose.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from vn.render.text import SERIF, Shadow, TextLayout, TextRenderer
from vn.story.events import Choice
from vn.ui.paint import fading_bar, smoothstep, with_alpha
from vn.ui.theme import THEME, Theme
from vn.ui.view import Fitted
from vn.ui.viewport import Viewport

_NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n - 1 for n in range(1, 10)}
_NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n - 1 for n in range(1, 10)})
_PICK_KEYS = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
_STAGGER = 0.045  # seconds between the buttons' entrances
MARGIN = 56  # logical px: the column keeps this far from the picture's sides and from a figure
FACE_MARGIN = 28  # ... and at least this far from a face, when it has to lie over the legs
UPPER_BODY = 0.5  # the part of a figure's height, from the top of its head, that is face and torso
MIN_WIDTH = 440  # logical px: the narrowest column (text wraps inside it)
_WIDTHS = (1185, 960, 780, 640, 520, MIN_WIDTH)
_X_STEP = 16  # logical px between the column positions tried
_UPPER_ONLY_COST = 600.0  # what over the legs (not the faces) costs against an empty place
LRect = tuple[float, float, float, float]  # x, y, w, h in the 1920x1080 design


def upper_body(rect: LRect) -> LRect:
    """A figure's face and upper body: the top `UPPER_BODY` of where it has pixels."""
    x, y, w, h = rect
    return x, y, w, h * UPPER_BODY


def _grow(rect: LRect, by: float) -> LRect:
    x, y, w, h = rect
    return x - by, y - by, w + 2 * by, h + 2 * by


def _free_top(x0: float, x1: float, height: float, blocks: list[LRect], top: float, bottom: float,
              want: float) -> float | None:
    """The top of a `height`-tall band over [x0, x1) within [top, bottom] that meets none of
    `blocks`, nearest to `want`; None when there is none."""
    spans = sorted((by, by + bh) for bx, by, bw, bh in blocks if bx < x1 and bx + bw > x0)
    lo_ok, hi_ok = top, bottom - height
    if hi_ok < lo_ok:
        return None
    # candidate tops: the wanted one, and every edge a band can rest against
    tops = {min(max(want, lo_ok), hi_ok), lo_ok, hi_ok}
    for a, b in spans:
        tops.update((a - height, b))
    best = None
    for y in tops:
        if y < lo_ok - 1e-6 or y > hi_ok + 1e-6:
            continue
        if any(y < b and y + height > a for a, b in spans):
            continue
        if best is None or abs(y - want) < abs(best - want):
            best = y
    return best


def place_column(heights_for, figures: list[LRect], area: LRect, center: tuple[float, float],
                 widths: tuple[int, ...] = _WIDTHS, keep_clear: list[LRect] = ()) -> tuple[LRect, str]:
    """Where a column of buttons goes, in logical px: `(x, y, w, h)` and how it was placed —
    `empty` (clear of every figure), `upper` (clear of the figures' faces and upper bodies only)
    or `panel` (no such place: centred, to be drawn on a darkened panel).

    `heights_for(width) -> total height` of the column at that width; `figures`: where each
    shown character has pixels; `keep_clear`: areas kept clear whole in both tiers (a painted
    face has no "legs" to fall back on), `MARGIN` away, then `FACE_MARGIN`; `area`: where the column may go (inside the picture's margins,
    above the text box); `center`: the preferred centre (Ren'Py's). Among the places that fit,
    the one nearest the preferred centre and widest wins (a narrow column costs as much as a
    move of half its lost width); over the legs costs more than any empty place nearby."""
    ax, ay, aw, ah = area
    best: tuple[float, LRect, str] | None = None
    tiers = (("empty", [_grow(f, MARGIN) for f in [*figures, *keep_clear]], 0.0),
             ("upper", [_grow(upper_body(f), FACE_MARGIN) for f in figures]
              + [_grow(k, FACE_MARGIN) for k in keep_clear], _UPPER_ONLY_COST))
    for width in widths:
        narrow = (widths[0] - width) * 0.5
        if best is not None and narrow >= best[0]:
            break  # narrower columns only cost more (widths run from the widest)
        if width > aw:
            continue
        total = heights_for(width)
        want_top = center[1] - total / 2
        xs = {min(max(center[0] - width / 2, ax), ax + aw - width)}
        xs.update(ax + n * _X_STEP for n in range(int((aw - width) // _X_STEP) + 1))
        for kind, blocks, extra in tiers:
            for x in xs:
                y = _free_top(x, x + width, total, blocks, ay, ay + ah, want_top)
                if y is None:
                    continue
                cost = abs(y - want_top) + abs(x + width / 2 - center[0]) * 0.5 + narrow + extra
                if best is None or cost < best[0]:
                    best = (cost, (x, y, width, total), kind)
    if best is not None:
        return best[1], best[2]
    width = min(widths[0], aw)
    total = heights_for(width)
    top = max(ay, min(center[1] - total / 2, ay + ah - total))
    return (center[0] - width / 2, top, width, total), "panel"


@dataclass(frozen=True, eq=False)
class _Button:
    rect: pygame.Rect
    idle: TextLayout
    focused: TextLayout


class ChoiceMenu(Fitted):
    def __init__(self, renderer: TextRenderer, choice: Choice, now: float, theme: Theme = THEME,
                 viewport: Viewport | None = None, chosen: frozenset[int] = frozenset()) -> None:
        self.renderer = renderer
        self.choice = choice
        self.chosen = chosen  # options (by position) picked in an earlier run: set in a dimmer ink
        self.theme = theme
        self.viewport = viewport
        self.shown_at = now
        self.focus: int | None = None  # position in the column (not the option's index)
        self._pressed: int | None = None
        self._mouse_focus = False
        self._buttons: list[_Button] = []
        self._layout_for: Viewport | None = None
        self.figures: list[LRect] = []  # where the shown characters are (logical px)
        self.keep_clear: list[LRect] = []  # the stage's keep-clear areas as seen (logical px)
        self.figures_for: Viewport | None = None  # the viewport `figures` were measured for
        self.placement = "empty"  # how the column was placed: empty, upper or panel
        self.column: LRect | None = None  # the column's rectangle (logical px)

    def set_figures(self, figures: list[LRect], keep_clear: list[LRect] = ()) -> None:
        """Where the shown characters have pixels and where the stage's keep-clear areas are,
        logical px (`Compositor.figures` and `Compositor.keep_clear`, mapped through the
        viewport); the column is placed again when they differ."""
        figures = [tuple(float(v) for v in f) for f in figures]
        keep = [tuple(float(v) for v in k) for k in keep_clear]
        if figures != self.figures or keep != self.keep_clear:
            self.figures, self.keep_clear = figures, keep
            self._layout_for = None

    # -- geometry ------------------------------------------------------------------------

    def buttons(self, vp: Viewport | None = None) -> list[_Button]:
        vp = vp or self.current_viewport
        if self._layout_for != vp:
            self._buttons = self._arrange(vp)
            self._layout_for = vp
        return self._buttons

    def rects(self, vp: Viewport | None = None) -> list[pygame.Rect]:
        """Each option's button on the output surface, in column order."""
        return [b.rect for b in self.buttons(vp)]

    def _layouts(self, vp: Viewport, width: float, focused: bool = False) -> list[TextLayout]:
        """Each option's text for a column `width` logical px wide (in the focus colour with
        `focused`): Ren'Py's 150 px side margins at full width, narrower margins in a narrower
        column."""
        t = self.theme
        margin = (t.choice_width - t.choice_text_width) / 2  # 150
        side = max(36.0, min(margin, width * margin / t.choice_width))
        text_w, size = vp.px(width - 2 * side), vp.px(t.dialogue_size)
        shadow = Shadow.scaled(vp.scale, 170)
        return [self.renderer.layout(o.text, text_w, size, family=SERIF, align="center", scale=vp.scale,
                                     color=t.accent if focused else t.text_dim if n in self.chosen else t.text,
                                     shadow=shadow)
                for n, o in enumerate(self.choice.options)]

    def _arrange(self, vp: Viewport) -> list[_Button]:
        t = self.theme
        # the column is measured at 1080p at most (a 4K layout renders four times the pixels
        # for the same line breaks), then laid out at the output's scale where it goes
        mvp = vp if vp.scale <= 1.0 else Viewport(vp.size, 1.0, vp.offset, vp.logical)
        mpad, mgap = mvp.px(t.choice_pad_y), mvp.px(t.choice_spacing)
        cache: dict[float, float] = {}

        def height(width: float) -> float:
            if width not in cache:
                rows = self._layouts(mvp, width)
                cache[width] = (sum(r.height + 2 * mpad for r in rows) + mgap * max(0, len(rows) - 1)) / mvp.scale
            return cache[width]

        w, h = vp.logical
        area = (MARGIN, 40.0, w - 2 * MARGIN, h - t.textbox_height - 20 - 40.0)
        (x, y, width, _), self.placement = place_column(height, self.figures, area, (w / 2, t.choice_center_y),
                                                        keep_clear=self.keep_clear)
        pad, gap = vp.px(t.choice_pad_y), vp.px(t.choice_spacing)
        left, right, top = vp.x(x), vp.x(x + width), vp.y(y)
        out = []
        for idle, focused in zip(self._layouts(vp, width), self._layouts(vp, width, focused=True), strict=True):
            bh = idle.height + 2 * pad
            out.append(_Button(pygame.Rect(left, top, right - left, bh), idle, focused))
            top += bh + gap
        self.column = (x, y, width, (top - gap - vp.y(y)) / vp.scale)
        return out

    def _at(self, pos: tuple[int, int]) -> int | None:
        for n, rect in enumerate(self.rects()):
            if rect.collidepoint(pos):
                return n
        return None

    # -- input ---------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, now: float) -> int | None:
        """Returns the chosen `ChoiceOption.index`, or None."""
        count = len(self.choice.options)
        if event.type == pygame.MOUSEMOTION:
            hit = self._at(event.pos)
            if hit is not None:
                self.focus, self._mouse_focus = hit, True
            elif self._mouse_focus:
                self.focus, self._mouse_focus = None, False
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = self._at(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self._at(event.pos)
            pressed, self._pressed = self._pressed, None
            if hit is not None and hit == pressed:
                return self._pick(hit)
        elif event.type == pygame.KEYDOWN and count:
            if event.key in _NUMBER_KEYS:
                n = _NUMBER_KEYS[event.key]
                return self._pick(n) if n < count else None
            if event.key in (pygame.K_DOWN, pygame.K_TAB):
                self.focus = 0 if self.focus is None else (self.focus + 1) % count
                self._mouse_focus = False
            elif event.key == pygame.K_UP:
                self.focus = count - 1 if self.focus is None else (self.focus - 1) % count
                self._mouse_focus = False
            elif event.key in _PICK_KEYS and self.focus is not None:
                return self._pick(self.focus)
        return None

    def _pick(self, n: int) -> int:
        self.focus = n
        return self.choice.options[n].index

    # -- drawing -------------------------------------------------------------------------

    def _entrance(self, n: int, now: float) -> float:
        span = self.theme.choice_fade
        u = (now - self.shown_at - n * _STAGGER) / span if span > 0 else 1.0
        return smoothstep(u)

    def next_redraw(self, now: float) -> float | None:
        end = self.shown_at + self.theme.choice_fade + _STAGGER * max(0, len(self.choice.options) - 1)
        return now if now < end else None

    def draw(self, surface: pygame.Surface, now: float) -> None:
        vp = self.fit(surface)
        t = self.theme
        buttons = self.buttons(vp)
        if self.placement == "panel" and buttons:  # over the figures: a dark panel keeps it readable
            span = buttons[0].rect.unionall([b.rect for b in buttons[1:]]).inflate(vp.px(120), vp.px(64))
            with_alpha(fading_bar(span.size, t.bar, 0.78, 0.16), surface, span.topleft, self._entrance(0, now))
        for n, button in enumerate(buttons):
            u = self._entrance(n, now)
            if u <= 0:
                continue
            rect = button.rect.move(0, round((1.0 - u) * vp.px(14)))
            focused = n == self.focus
            bar = fading_bar(rect.size, t.bar_hover if focused else t.bar, 0.80 if focused else 0.58, 0.24)
            with_alpha(bar, surface, rect.topleft, u)
            # hairlines top and bottom: faint when idle (the button reads as one over a dark
            # night), gold when focused
            line = fading_bar((rect.width, max(1, vp.px(1.5))), t.accent if focused else t.text,
                              0.75 if focused else 0.13, 0.32)
            with_alpha(line, surface, rect.topleft, u)
            with_alpha(line, surface, (rect.x, rect.bottom - line.get_height()), u)
            layout = button.focused if focused else button.idle
            x = rect.x + (rect.width - layout.max_width) // 2
            y = rect.y + (rect.height - layout.height) // 2
            self.renderer.draw(surface, layout, (x, y), alpha=round(255 * u))

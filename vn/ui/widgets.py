"""Buttons, settings rows and sliders with one focus: what every menu screen is made of.

A screen lists its `Control`s (rectangles in logical 1920x1080 pixels, a label, what happens
when one is used) in a `FocusGroup`, which answers the mouse (hover focuses, a press and a
release on the same control uses it), the keyboard (arrows move the focus to the nearest
control that way, Tab / Shift+Tab through the list, Enter or Space uses it, Left/Right adjust a
slider or a choice) and so the game controller too (its d-pad and A arrive as those keys).
The focused control is always drawn marked: gold text on a warm bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from vn.render.text import SANS, SERIF, Shadow, TextRenderer
from vn.ui.paint import fading_bar, letterspaced, with_alpha
from vn.ui.theme import THEME, Theme
from vn.ui.viewport import Viewport

PICK_KEYS = {pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE}
_DIRS = {pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1), pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0)}

Rect = tuple[float, float, float, float]


@dataclass
class Control:
    """One focusable thing. `kind`: `button` (a label, centred), `item` (a label, left),
    `row` (a label on the left, `value` on the right; `fraction` draws a slider), or `custom`
    (the screen paints it; the group only focuses it)."""

    key: str
    rect: Rect
    label: str = ""
    on_activate: Callable[[], None] | None = None
    on_adjust: Callable[[int], None] | None = None  # Left/Right: -1 / +1
    on_set: Callable[[float], None] | None = None  # a click along a slider: 0..1
    value: str | None = None
    fraction: float | None = None
    enabled: bool = True
    kind: str = "button"
    size: int | None = None  # text size, logical px (the theme's menu size when None)

    def contains(self, pos: tuple[float, float]) -> bool:
        x, y, w, h = self.rect
        return x <= pos[0] < x + w and y <= pos[1] < y + h

    @property
    def center(self) -> tuple[float, float]:
        x, y, w, h = self.rect
        return x + w / 2, y + h / 2


class FocusGroup:
    def __init__(self, controls: Sequence[Control] = (), focus: str | None = None) -> None:
        self.controls: list[Control] = []
        self.focus_key: str | None = focus
        self._pressed: str | None = None
        self.set(controls)

    def set(self, controls: Sequence[Control]) -> None:
        """New controls (a screen rebuilds them when its state changes); the focus stays on the
        control with the same key when there is one."""
        self.controls = list(controls)
        keys = [c.key for c in self.controls if c.enabled]
        if keys and self.focus_key not in keys:
            self.focus_key = keys[0] if keys else None

    @property
    def focused(self) -> Control | None:
        return next((c for c in self.controls if c.key == self.focus_key), None)

    def control(self, key: str) -> Control | None:
        return next((c for c in self.controls if c.key == key), None)

    def at(self, pos: tuple[float, float]) -> Control | None:
        return next((c for c in self.controls if c.enabled and c.contains(pos)), None)

    def move(self, dx: int, dy: int) -> None:
        """Focus the nearest enabled control in a direction (spatial, like a TV remote)."""
        here = self.focused
        enabled = [c for c in self.controls if c.enabled]
        if not enabled:
            return
        if here is None:
            self.focus_key = enabled[0].key
            return
        cx, cy = here.center
        best, score = None, None
        for c in enabled:
            if c is here:
                continue
            x, y = c.center
            along = (x - cx) * dx + (y - cy) * dy
            if along <= 1:
                continue
            across = abs((x - cx) * dy) + abs((y - cy) * dx)
            s = along + across * 2.5
            if score is None or s < score:
                best, score = c, s
        if best is None:  # wrap around along the list, as Ren'Py's focus does at an edge
            n = enabled.index(here)
            best = enabled[(n + (1 if dx + dy > 0 else -1)) % len(enabled)] if dy else None
        if best is not None:
            self.focus_key = best.key

    def step(self, delta: int) -> None:
        enabled = [c for c in self.controls if c.enabled]
        if not enabled:
            return
        here = self.focused
        n = enabled.index(here) if here in enabled else -delta
        self.focus_key = enabled[(n + delta) % len(enabled)].key

    def handle(self, event: pygame.event.Event, vp: Viewport) -> bool:
        """Answer an input event; True when it was this group's (focus moved, a control used)."""
        if event.type == pygame.MOUSEMOTION:
            hit = self.at(vp.to_logical(event.pos))
            if hit is not None:
                changed = hit.key != self.focus_key
                self.focus_key = hit.key
                return changed
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            hit = self.at(vp.to_logical(event.pos))
            self._pressed = hit.key if hit else None
            if hit is not None:
                self.focus_key = hit.key
            return hit is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pos = vp.to_logical(event.pos)
            hit = self.at(pos)
            pressed, self._pressed = self._pressed, None
            if hit is None or hit.key != pressed:
                return False
            if hit.on_set is not None and hit.fraction is not None:
                x0, w = _slider_span(hit)
                hit.on_set(max(0.0, min(1.0, (pos[0] - x0) / w)))
            elif hit.on_activate is not None:
                hit.on_activate()
            elif hit.on_adjust is not None:
                hit.on_adjust(+1)
            return True
        if event.type == pygame.KEYDOWN:
            here = self.focused
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and here is not None and here.on_adjust is not None:
                here.on_adjust(-1 if event.key == pygame.K_LEFT else 1)
                return True
            if event.key in _DIRS:
                self.move(*_DIRS[event.key])
                return True
            if event.key == pygame.K_TAB:
                self.step(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if event.key in PICK_KEYS and here is not None:
                if here.on_activate is not None:
                    here.on_activate()
                elif here.on_adjust is not None:
                    here.on_adjust(+1)
                return True
        return False


def _slider_span(c: Control) -> tuple[float, float]:
    """Where a row's slider runs, logical x and width (the right part of the row)."""
    x, _, w, _ = c.rect
    return x + w * 0.55, w * 0.45 - 130


# --- painting ----------------------------------------------------------------------------------

def draw_controls(surface: pygame.Surface, vp: Viewport, renderer: TextRenderer, group: FocusGroup,
                  theme: Theme = THEME, opacity: float = 1.0) -> None:
    for c in group.controls:
        if c.kind != "custom":
            draw_control(surface, vp, renderer, c, c.key == group.focus_key, theme, opacity)


def _texts(vp: Viewport, renderer: TextRenderer, c: Control, focused: bool, theme: Theme):
    """The label's and the value's layouts, and the widths they must fit in (output px)."""
    t = theme
    rect = vp.rect(*c.rect)
    color = t.accent if focused else (t.text if c.enabled else t.text_dim)
    size = vp.px(c.size or t.menu_item_size)
    shadow = Shadow.scaled(vp.scale, 150)
    if c.kind == "button":
        label = renderer.layout(letterspaced(c.label), rect.width, size, family=SANS, color=color,
                                align="center", scale=vp.scale, shadow=shadow, line_spacing=1.0)
        return label, rect.width, None, 0
    pad = vp.px(28)
    label_w = rect.width - 2 * pad if c.kind == "item" else round(rect.width * 0.55) - pad
    label = renderer.layout(c.label, label_w, size, family=SANS, color=color, scale=vp.scale, shadow=shadow,
                            line_spacing=1.0)
    value, value_w = None, 0
    if c.kind == "row" and c.value:
        value_w = vp.px(c.rect[2] * 0.45) - pad if c.fraction is None else vp.px(110)
        value = renderer.layout(c.value, value_w, size, family=SANS, color=t.accent if focused else t.text,
                                align="right", scale=vp.scale, shadow=shadow, line_spacing=1.0)
    return label, label_w, value, value_w


def overflows(vp: Viewport, renderer: TextRenderer, c: Control, theme: Theme = THEME) -> list[str]:
    """What of a control's text does not fit its box (empty when everything fits): a label
    wrapped onto a second line, or taller than the control."""
    if c.kind == "custom":
        return []
    rect = vp.rect(*c.rect)
    out = []
    label, label_w, value, value_w = _texts(vp, renderer, c, False, theme)
    for name, layout, width in (("label", label, label_w), ("value", value, value_w)):
        if layout is None:
            continue
        if len(layout.lines) > 1 or layout.width > width or layout.height > rect.height:
            out.append(f"{c.key}: {name} {getattr(c, name) if name == 'label' else c.value!r} does not fit")
    frame = vp.frame
    if not frame.contains(rect):
        out.append(f"{c.key}: off the picture")
    return out


def draw_control(surface: pygame.Surface, vp: Viewport, renderer: TextRenderer, c: Control, focused: bool,
                 theme: Theme = THEME, opacity: float = 1.0) -> None:
    t = theme
    rect = vp.rect(*c.rect)
    alpha = round(255 * opacity)
    if focused:
        with_alpha(fading_bar(rect.size, t.bar_hover, 0.9, 0.3 if c.kind == "button" else 0.06),
                   surface, rect.topleft, opacity)
        line = fading_bar((rect.width, max(1, vp.px(1.5))), t.accent, 0.8, 0.3 if c.kind == "button" else 0.06)
        with_alpha(line, surface, (rect.x, rect.bottom - line.get_height()), opacity)
    label, _, value, value_w = _texts(vp, renderer, c, focused, t)
    if c.kind == "button":
        renderer.draw(surface, label, (rect.x, rect.y + (rect.height - label.height) // 2), alpha=alpha)
        return
    pad = vp.px(28)
    renderer.draw(surface, label, (rect.x + pad, rect.y + (rect.height - label.height) // 2), alpha=alpha)
    if c.kind != "row":
        return
    value_color = t.accent if focused else t.text
    if c.fraction is not None:
        x0, w = _slider_span(c)
        y = c.rect[1] + c.rect[3] / 2
        track = vp.rect(x0, y - 1.5, w, 3)
        fill = vp.rect(x0, y - 1.5, w * max(0.0, min(1.0, c.fraction)), 3)
        with_alpha(fading_bar(track.size, t.text_dim, 0.45, 0.0), surface, track.topleft, opacity)
        if fill.width > 0:
            with_alpha(fading_bar(fill.size, value_color, 1.0, 0.0), surface, fill.topleft, opacity)
        knob = vp.rect(x0 + w * max(0.0, min(1.0, c.fraction)) - 7, y - 14, 14, 28)
        pygame.draw.rect(surface, value_color, knob, border_radius=max(1, vp.px(4)))
    if value is not None:
        renderer.draw(surface, value, (rect.right - pad - value_w, rect.y + (rect.height - value.height) // 2),
                      alpha=alpha)


def draw_heading(surface: pygame.Surface, vp: Viewport, renderer: TextRenderer, text: str, y: float,
                 theme: Theme = THEME, opacity: float = 1.0, size: int | None = None) -> int:
    """A screen's title in the story serif, centred at logical `y` (its top), with the short gold
    rule under it. Returns the logical y just below the rule."""
    t = theme
    layout = renderer.layout(text, vp.px(1600), vp.px(size or t.menu_title_size), family=SERIF, color=t.text,
                             align="center", scale=vp.scale, italic=True, shadow=Shadow.scaled(vp.scale, 200),
                             line_spacing=1.1)
    renderer.draw(surface, layout, (vp.x(160), vp.y(y)), alpha=round(255 * opacity))
    bottom = y + layout.height / vp.scale + 10
    rule = fading_bar((vp.px(360), max(1, vp.px(1.5))), t.accent, 0.6, 0.5)
    with_alpha(rule, surface, (vp.x(960) - rule.get_width() // 2, vp.y(bottom)), opacity)
    return round(bottom + 12)


def draw_text(surface: pygame.Surface, vp: Viewport, renderer: TextRenderer, text: str, x: float, y: float,
              width: float, size: float, *, color: tuple[int, int, int] | None = None, family: str = SANS,
              align: str = "left", opacity: float = 1.0, italic: bool = False, theme: Theme = THEME) -> float:
    """A block of text at logical (x, y), `width` wide; returns its logical height."""
    layout = renderer.layout(text, vp.px(width), vp.px(size), family=family, color=color or theme.text,
                             align=align, scale=vp.scale, italic=italic, shadow=Shadow.scaled(vp.scale, 150))
    renderer.draw(surface, layout, vp.point(x, y), alpha=round(255 * opacity))
    return layout.height / vp.scale


def column(keys_labels: Sequence[tuple[str, str, Callable[[], None] | None]], top: float, width: float = 560,
           height: float = 66, gap: float = 6, x: float | None = None, enabled: Callable[[str], bool] | None = None,
           kind: str = "button") -> list[Control]:
    """A vertical column of buttons, centred horizontally (or at logical `x`)."""
    left = (1920 - width) / 2 if x is None else x
    return [Control(key, (left, top + n * (height + gap), width, height), label, on_activate=action,
                    enabled=enabled(key) if enabled else True, kind=kind)
            for n, (key, label, action) in enumerate(keys_labels)]

"""The text box (Ren'Py's "say" screen): who speaks and what they say, typing out.

The host owns the `Typewriter` (it decides when a click advances the story) and hands it here
with the line; this view only reads `visible(now)` and draws. Geometry is Ren'Py's template at
1920x1080 (box 278 px along the bottom, text 33 px in a 1116 px column at x 402, the name 45 px
at x 360 in the speaker's colour), scaled to the output. The box is a translucent gradient
that feathers upward into the picture, dark enough for off-white text over the brightest
sunset; the text carries a soft shadow besides.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pygame

from vn.render.text import SERIF, Shadow, TextLayout, TextRenderer, pages, parse_rgb, typed_area
from vn.stage.typewriter import Typewriter
from vn.story.events import Line
from vn.story.text import RichText, Run
from vn.ui.paint import chevron, pulse, trailing_rule, vertical_gradient, with_alpha
from vn.ui.theme import THEME, Theme
from vn.ui.view import Fitted
from vn.ui.viewport import Viewport


@dataclass(frozen=True)
class BoxFrame:
    """What the box draws at one moment (`TextBox.frame`): `fixed`, everything but how far
    the line has typed (compared with ==; layouts by identity), and `shown`, the characters
    drawn, with what `typed_area` needs to say where more of them land."""

    fixed: tuple[Any, ...]
    shown: int = 0
    layout: TextLayout | None = None
    origin: tuple[int, int] = (0, 0)
    page: range | None = None


class TextBox(Fitted):
    """Draws the current line. `say(line, typewriter)` to change it, `set_visible(v, now)` for
    the script's `textbox: show|hide`; the reader can hide it for a look at the picture (H,
    middle click; any click brings it back)."""

    def __init__(self, renderer: TextRenderer, theme: Theme = THEME, viewport: Viewport | None = None,
                 pulse_indicator: bool = True) -> None:
        self.renderer = renderer
        self.theme = theme
        self.viewport = viewport  # None: fit whatever surface `draw` is given
        self.pulse_indicator = pulse_indicator
        self.line: Line | None = None
        self.typewriter: Typewriter | None = None
        self.indicator = True
        self.user_hidden = False
        self._visible = True
        self._visible_since = -1e9

    # -- state from the host -------------------------------------------------------------

    def say(self, line: Line | None, typewriter: Typewriter | None = None, indicator: bool = True) -> None:
        """Show `line` (None clears the box). Without a typewriter the line is shown whole.
        `indicator` False keeps the click-to-continue mark off (the line stays on screen under
        a choice menu, where a click does not continue)."""
        self.line = line
        self.typewriter = typewriter
        self.indicator = indicator

    @property
    def visible(self) -> bool:
        return self._visible

    def set_visible(self, visible: bool, now: float) -> None:
        """`textbox: show|hide` (fades briefly)."""
        if visible != self._visible:
            self._visible = visible
            self._visible_since = now

    def opacity(self, now: float) -> float:
        """0..1: the box's fade after show/hide (and 0 while the reader has hidden it)."""
        if self.user_hidden:
            return 0.0
        span = self.theme.textbox_fade_in if self._visible else self.theme.textbox_fade_out
        u = 1.0 if span <= 0 else min(1.0, max(0.0, (now - self._visible_since) / span))
        return u if self._visible else 1.0 - u

    def visible_chars(self, now: float) -> int | None:
        if self.line is None:
            return 0
        return None if self.typewriter is None else self.typewriter.visible(now)

    def shows_indicator(self, now: float) -> bool:
        if self.line is None or not self.indicator:
            return False
        if self.typewriter is None:
            return True
        return self.typewriter.waiting_for_click(now) or (
            self.typewriter.done(now) and not self.line.text.no_wait)

    def next_redraw(self, now: float) -> float | None:
        """When this view next looks different with no input: typing, a fade, the indicator's
        pulse. None: nothing changes until an event (the loop may sleep)."""
        times: list[float] = []
        span = self.theme.textbox_fade_in if self._visible else self.theme.textbox_fade_out
        if now < self._visible_since + span:
            times.append(now)
        if self.opacity(now) > 0 and self.line is not None:
            if self.typewriter is not None:
                change = self.typewriter.next_change(now)
                if change is not None:
                    times.append(change)
            if self.pulse_indicator and self.shows_indicator(now):
                times.append(pulse(now, self.theme.ctc_period, self.theme.ctc_fps)[1])
        return min(times) if times else None

    # -- drawing -------------------------------------------------------------------------

    def box_rect(self, vp: Viewport) -> pygame.Rect:
        """The box (not its feathered edge) on the output surface."""
        t = self.theme
        return vp.rect(0, vp.logical[1] - t.textbox_height, vp.logical[0], t.textbox_height)

    def dialogue_layout(self, vp: Viewport, text: RichText) -> TextLayout:
        """The line laid out in the column. A line too long for the box (more than four lines
        at the normal size) is set a little smaller rather than run off the screen."""
        t = self.theme
        room = vp.px(t.textbox_height - t.dialogue_y - 12)
        size = vp.px(t.dialogue_size)
        smallest = max(1, round(size * 0.78))
        while True:
            layout = self.renderer.layout(text, vp.px(t.dialogue_width), size, family=SERIF, color=t.text,
                                          scale=vp.scale, shadow=Shadow.scaled(vp.scale, 190))
            if layout.height <= room or size <= smallest:
                return layout
            size = max(smallest, size - max(1, round(size * 0.06)))

    def name_layout(self, vp: Viewport, name: str, color: tuple[int, int, int]) -> TextLayout:
        t = self.theme
        return self.renderer.layout(RichText((Run(name),)), vp.px(1920), vp.px(t.name_size), family=SERIF,
                                    color=color, scale=vp.scale, shadow=Shadow.scaled(vp.scale, 220),
                                    line_spacing=1.0)

    def dialogue_origin(self, vp: Viewport) -> tuple[int, int]:
        t = self.theme
        top = vp.logical[1] - t.textbox_height + t.dialogue_y
        return vp.point(t.dialogue_x, top)

    def _shade(self, surface: pygame.Surface, now: float) -> tuple[tuple[Any, ...], tuple[int, int], int] | None:
        """The box's shade at `now`: (vertical_gradient's arguments, where, opacity 0..255)."""
        opacity = round(255 * self.opacity(now))
        if opacity <= 0:
            return None
        vp = self.fit(surface)
        t = self.theme
        box = self.box_rect(vp)
        feather = vp.px(t.textbox_feather)
        total = box.height + feather
        top_u = feather / total
        stops = ((0.0, 0.0), (top_u * 0.55, t.textbox_alpha_top * 0.35), (top_u, t.textbox_alpha_top),
                 (top_u + (1 - top_u) * 0.45, (t.textbox_alpha_top + t.textbox_alpha_bottom) / 2),
                 (1.0, t.textbox_alpha_bottom))
        return ((box.width, total), t.textbox_shade, stops), (box.x, box.y - feather), opacity

    def shade_key(self, surface: pygame.Surface, now: float) -> Hashable:
        """Equal keys: `draw_shade` paints the same pixels (the compositor keeps the shade on
        its plate with the still picture under it, `vn.render.plate`)."""
        return self._shade(surface, now)

    def draw_shade(self, surface: pygame.Surface, now: float) -> None:
        """The shade the box lays over the picture (under its words)."""
        got = self._shade(surface, now)
        if got is not None:
            with_alpha(vertical_gradient(*got[0]), surface, got[1], got[2] / 255)

    def draw(self, surface: pygame.Surface, now: float, shade: bool = True) -> None:
        """The box at `now`: its shade (unless `shade` is False: drawn already, see
        `draw_shade`), the speaker's name and the line typed so far."""
        opacity = self.opacity(now)
        if opacity <= 0:
            return
        vp = self.fit(surface)
        t = self.theme
        if shade:
            self.draw_shade(surface, now)
        line = self.line
        if line is None:
            return
        alpha = round(255 * opacity)
        if line.name:
            color = parse_rgb(line.color, t.text)
            name = self.name_layout(vp, line.name, color)
            name_pos = vp.point(t.name_x, vp.logical[1] - t.textbox_height + t.name_y)
            rule = trailing_rule(max(vp.px(t.name_rule_width), name.width + vp.px(120)),
                                 vp.px(t.name_rule_thickness), color, t.name_rule_alpha)
            with_alpha(rule, surface, (name_pos[0], name_pos[1] + name.lines[0].baseline + vp.px(t.name_rule_gap)),
                       opacity)
            self.renderer.draw(surface, name, name_pos, alpha=alpha)
        layout = self.dialogue_layout(vp, line.text)
        origin = self.dialogue_origin(vp)
        page = self.page(vp, layout, now)
        shown = self.visible_chars(now)
        self.renderer.draw(surface, layout, origin, shown, alpha=alpha, lines=page)
        if self.shows_indicator(now):
            top = layout.lines[page.start].top if layout.lines else 0
            self._draw_indicator(surface, vp, layout, (origin[0], origin[1] - top),
                                 layout.length if shown is None else shown, now, opacity)

    def frame(self, surface: pygame.Surface, now: float) -> BoxFrame:
        """What `draw(surface, now, shade=False)` draws (see `damage`)."""
        opacity = self.opacity(now)
        line = self.line
        if opacity <= 0 or line is None:
            return BoxFrame(("nothing",))
        vp = self.fit(surface)
        t = self.theme
        name = self.name_layout(vp, line.name, parse_rgb(line.color, t.text)) if line.name else None
        layout = self.dialogue_layout(vp, line.text)
        page = self.page(vp, layout, now)
        visible = self.visible_chars(now)
        shown = layout.length if visible is None else visible
        mark = None
        if self.shows_indicator(now):  # the mark sits after the last typed character
            mark = (shown, pulse(now, t.ctc_period, t.ctc_fps)[0] if self.pulse_indicator else None)
        fixed = (vp, round(255 * opacity), name, t.name_rule_width, t.name_rule_thickness, t.name_rule_alpha,
                 t.accent, t.ctc_size, layout, page, mark)
        return BoxFrame(fixed, shown, layout, self.dialogue_origin(vp), page)

    @staticmethod
    def damage(before: BoxFrame, after: BoxFrame) -> list[pygame.Rect] | None:
        """Where the box's drawing at `after` differs from its drawing at `before`: the
        columns of the characters typed since (`vn.render.text.typed_area`); None when more
        than that changed (another line, a page, a fade, the mark's place)."""
        if before.fixed != after.fixed or after.shown < before.shown:
            return None
        if after.layout is None:
            return []
        return typed_area(after.layout, after.origin, before.shown, after.shown, after.page)

    def page(self, vp: Viewport, layout: TextLayout, now: float) -> range:
        """The lines of `layout` to show now. A line taller than the box is split into pages;
        the typewriter stops for a click at the end of each page (`add_page_breaks`), and the
        page shown is the one being typed, so no text is ever drawn off the box."""
        t = self.theme
        room = vp.px(t.textbox_height - t.dialogue_y - 12)
        if layout.height <= room or not layout.lines:
            return range(len(layout.lines))
        split = pages(layout, room)
        if self.typewriter is not None:
            self.typewriter.add_page_breaks([layout.lines[p.start].start for p in split[1:]])
        shown = self.visible_chars(now)
        shown = layout.length if shown is None else shown
        current = split[0]
        for p in split[1:]:
            if layout.lines[p.start].start < shown:
                current = p
        return current

    def _draw_indicator(self, surface: pygame.Surface, vp: Viewport, layout: TextLayout,
                        origin: tuple[int, int], shown: int, now: float, opacity: float) -> None:
        t = self.theme
        x, baseline = layout.caret(shown)
        mark = chevron(vp.px(t.ctc_size), t.accent)
        size = layout.size
        gap = round(size * 0.38)
        px = origin[0] + x + gap
        py = origin[1] + baseline - round(size * 0.2) - mark.get_height()
        level = pulse(now, t.ctc_period, t.ctc_fps)[0] if self.pulse_indicator else 0.85
        with_alpha(mark, surface, (px, py), level * opacity)

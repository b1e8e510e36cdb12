"""The content note: the game's own words about what its story contains, on a screen of its
own before a new game begins, with Continue and Quit.

It is shown over the title's picture (the game's stage in its slowly changing light), dimmed
far enough that the words read over the brightest sunset: the note's heading in the story
serif with the short gold rule every screen uses, its paragraphs at dialogue size in a reading
column, the two buttons under them. The type follows the player's text size and contrast
settings; a note too long for the screen at that size is set smaller, down to
`MIN_TEXT_SIZE`, never clipped. Continue (focused first) starts the story. Quit, Esc, right
click and a game controller's B go back to the title: the player chose Start there, and
declining the note means not starting this game, not closing the program behind a choice they
made a moment ago (the title's own Quit closes it). Self-voicing reads the whole note, then the
focused button.

The words come from the game (`content_note:` in `scripts/game.yaml`, checked by `vn check`;
`vn.script.program.ContentNote`); a game without one goes straight into the story.
"""

from __future__ import annotations

import pygame

from vn.render.text import SANS, SERIF, Shadow, TextLayout
from vn.script.program import ContentNote
from vn.ui.keymap import action_for
from vn.ui.paint import fading_bar, letterspaced, smoothstep, veil, with_alpha
from vn.ui.stack import ScreenView
from vn.ui.widgets import Control, FocusGroup, draw_controls

FADE = 0.35  # seconds: the note comes in over the title
DIM = 0.84  # how far the picture under it is darkened
COLUMN = 1120  # logical px: the reading column (about 65 characters a line at dialogue size)
MIN_TEXT_SIZE = 22  # logical px: the smallest the paragraphs are set to fit the screen
TOP, BOTTOM = 70.0, 1010.0  # logical px: the note and its buttons stay between these
BUTTON_W, BUTTON_H, BUTTON_GAP = 300.0, 64.0, 40.0
KICKER_SIZE = 22  # the spaced capitals above the heading
KICKER_GAP, RULE_GAP, AFTER_RULE, BEFORE_BUTTONS = 18.0, 10.0, 42.0, 56.0  # logical px


class ContentNoteView(ScreenView):
    full_page = True  # over the title: its picture shows, not its menu

    def __init__(self, host, note: ContentNote, on_continue=None) -> None:
        super().__init__(host)
        self.note = note
        self.on_continue = on_continue or (lambda: host.start_game())
        self.group = FocusGroup(focus="continue")

    # -- actions -------------------------------------------------------------------------

    def proceed(self) -> None:
        self.on_continue()

    def quit(self) -> None:
        self.close()

    # -- the view --------------------------------------------------------------------------

    def _focus_label(self) -> str:
        c = self.group.focused
        return c.label if c is not None else ""

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN) and action_for(event) == "menu":
            self.quit()
            return
        before = self.group.focus_key
        if self.group.handle(event, self.host.viewport) and self.group.focus_key != before:
            self.host.speak(self._focus_label())

    def next_redraw(self, now: float) -> float | None:
        return now if now < self.shown_at + FADE else None

    # -- layout ----------------------------------------------------------------------------

    def _layouts(self, vp, size: float) -> tuple[TextLayout, TextLayout, list[TextLayout]]:
        t = self.host.theme
        r = self.host.text
        kicker = r.layout(letterspaced("Before you begin"), vp.px(COLUMN), vp.px(KICKER_SIZE), family=SANS,
                          color=t.accent, align="center", scale=vp.scale, line_spacing=1.0)
        heading = r.layout(self.note.title, vp.px(COLUMN), vp.px(t.menu_title_size), family=SERIF, color=t.text,
                           align="center", scale=vp.scale, italic=True, shadow=Shadow.scaled(vp.scale, 200),
                           line_spacing=1.1)
        paragraphs = [r.layout(p, vp.px(COLUMN), vp.px(size), family=SERIF, color=t.text, scale=vp.scale,
                               shadow=Shadow.scaled(vp.scale, 160), line_spacing=1.35)
                      for p in self.note.paragraphs]
        return kicker, heading, paragraphs

    def _measure(self, vp, size: float) -> tuple[float, tuple]:
        """The whole note's logical height at paragraph `size`, and its layouts."""
        kicker, heading, paragraphs = layouts = self._layouts(vp, size)
        gap = size * 0.75
        height = (kicker.height + heading.height + sum(p.height for p in paragraphs)) / vp.scale
        height += KICKER_GAP + RULE_GAP + AFTER_RULE + gap * (len(paragraphs) - 1) + BEFORE_BUTTONS + BUTTON_H
        return height, layouts

    def layout(self, vp):
        """(text size, top, layouts): the largest paragraph size up to the dialogue size at
        which the note and its buttons fit between `TOP` and `BOTTOM`, centred there."""
        size = float(self.host.theme.dialogue_size)
        height, layouts = self._measure(vp, size)
        while height > BOTTOM - TOP and size > MIN_TEXT_SIZE:
            size = max(MIN_TEXT_SIZE, size - 1.0)
            height, layouts = self._measure(vp, size)
        top = TOP + max(0.0, (BOTTOM - TOP - height) / 2)
        return size, top, layouts

    def _controls(self, y: float) -> list[Control]:
        left = 960 - BUTTON_W - BUTTON_GAP / 2
        return [Control("continue", (left, y, BUTTON_W, BUTTON_H), "Continue", on_activate=self.proceed),
                Control("quit", (960 + BUTTON_GAP / 2, y, BUTTON_W, BUTTON_H), "Quit", on_activate=self.quit)]

    def _arrange(self, vp) -> tuple[float, float, tuple]:
        """Lay the note out for `vp`; the buttons go under it. (text size, top, layouts)."""
        size, top, layouts = self.layout(vp)
        _, heading, paragraphs = layouts[0], layouts[1], layouts[2]
        height = (layouts[0].height + heading.height + sum(p.height for p in paragraphs)) / vp.scale
        height += KICKER_GAP + RULE_GAP + AFTER_RULE + size * 0.75 * (len(paragraphs) - 1) + BEFORE_BUTTONS
        focus = self.group.focus_key
        self.group.set(self._controls(top + height))
        self.group.focus_key = focus
        return size, top, layouts

    def on_show(self, now: float) -> None:
        self._arrange(self.host.viewport)
        super().on_show(now)
        self.host.speak(". ".join((self.note.title, *self.note.paragraphs, self._focus_label())))

    def draw(self, surface: pygame.Surface, now: float) -> None:
        t = self.host.theme
        r = self.host.text
        u = smoothstep((now - self.shown_at) / FADE) if FADE > 0 else 1.0
        surface.blit(veil(surface.get_size(), t.bar, round(255 * DIM * u)), (0, 0))
        vp = self.host.viewport
        size, y, (kicker, heading, paragraphs) = self._arrange(vp)
        alpha = round(255 * u)
        left = 960 - COLUMN / 2
        r.draw(surface, kicker, vp.point(left, y), alpha=alpha)
        y += kicker.height / vp.scale + KICKER_GAP
        r.draw(surface, heading, vp.point(left, y), alpha=alpha)
        y += heading.height / vp.scale + RULE_GAP
        rule = fading_bar((vp.px(360), max(1, vp.px(1.5))), t.accent, 0.6, 0.5)
        with_alpha(rule, surface, (vp.x(960) - rule.get_width() // 2, vp.y(y)), u)
        y += AFTER_RULE
        for n, p in enumerate(paragraphs):
            if n:
                y += size * 0.75
            r.draw(surface, p, vp.point(left, y), alpha=alpha)
            y += p.height / vp.scale
        draw_controls(surface, vp, r, self.group, t, u)
        # an idle button still reads as one: a hairline under each
        for c in self.group.controls:
            if c.key != self.group.focus_key:
                rect = vp.rect(*c.rect)
                line = fading_bar((rect.width, max(1, vp.px(1.5))), t.text, 0.22, 0.3)
                with_alpha(line, surface, (rect.x, rect.bottom - line.get_height()), u)

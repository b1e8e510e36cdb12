"""The story on screen: the picture, the text box, choices and the quick menu, and the keys a
reader plays with (`vn.ui.keymap`).

The story's clock stops while another view covers this one (a menu, the history): game time is
the window's time less the time spent covered, so a `wait` never runs out behind the menu and a
line does not type itself unseen. Whatever a view above needs from the story (a save, the
history) it reads from `session`.
"""

from __future__ import annotations

import pygame

from vn.render.text import SANS
from vn.session import Session
from vn.ui.keymap import action_for
from vn.ui.paint import fading_bar, letterspaced, with_alpha
from vn.ui.stack import ScreenView
from vn.ui.widgets import Control, FocusGroup, draw_control

QUICK_MENU = (("back", "Back"), ("history", "History"), ("skip", "Skip"), ("auto", "Auto"), ("save", "Save"),
              ("qsave", "Q.Save"), ("qload", "Q.Load"), ("settings", "Settings"))
QUICK_H = 40  # logical px: the quick menu's row along the bottom of the text box
QUICK_GAP = 48  # logical px between two labels of the quick menu
QUICK_SIZE = 21


class GameView(ScreenView):
    opaque = True

    def __init__(self, host, session: Session, start: float) -> None:
        super().__init__(host)
        self.session = session
        self.offset = start  # game time = window time - offset
        self.covered_at: float | None = None
        self.skip_toggled = False
        self.ctrl_held = False
        self.quick = FocusGroup()
        self.quick.focus_key = None
        self._choice_seen: object | None = None
        self._line_seen: object | None = None
        self._ended_shown = False
        self.last_card: tuple[str, str | None] | None = None
        self._over: dict[str, pygame.Rect] = {}  # where the frames drew over the picture
        self._over_key: tuple[object, ...] | None = None  # what they drew
        self._build_quick()

    # -- time ------------------------------------------------------------------------------

    def game_time(self, now: float) -> float:
        if self.covered_at is not None:
            return self.covered_at - self.offset
        return now - self.offset

    def on_show(self, now: float) -> None:
        super().on_show(now)
        if self.covered_at is not None:
            self.offset += now - self.covered_at
            self.covered_at = None
        # back from a screen a quick-menu button opened: that button is marked only while the
        # mouse is still on it (the hover follows the pointer, as in Ren'Py)
        hit = self._quick_at(pygame.mouse.get_pos()) if pygame.mouse.get_focused() else None
        self.quick.focus_key = hit.key if hit else None

    def on_hide(self, now: float) -> None:
        if self.covered_at is None:
            self.covered_at = now
        self.skip_toggled = False
        self.ctrl_held = False
        self.session.settings.skip = False

    @property
    def covered(self) -> bool:
        return self.covered_at is not None

    # -- the quick menu --------------------------------------------------------------------

    def _build_quick(self) -> None:
        """The quick menu's buttons side by side along the bottom, centred, with the same gap
        between every two labels (as Ren'Py's hbox of text buttons), each button's area running
        to the middle of the gaps so the whole row answers the mouse."""
        from vn.render.text import SANS
        from vn.ui.paint import letterspaced

        widths = [self.host.text.layout(letterspaced(label), 10_000, QUICK_SIZE, family=SANS,
                                        line_spacing=1.0).width for _, label in QUICK_MENU]
        total = sum(widths) + QUICK_GAP * (len(widths) - 1)
        x = (1920 - total) / 2 - QUICK_GAP / 2
        top = 1080 - QUICK_H - 2
        actions = {"back": self.rollback, "history": self.open_history, "skip": self.toggle_skip,
                   "auto": self.toggle_auto, "save": lambda: self.open_saves("save"),
                   "qsave": self.host.quick_save, "qload": self.host.quick_load, "settings": self.open_settings}
        controls = []
        for (key, label), w in zip(QUICK_MENU, widths, strict=True):
            controls.append(Control(key, (x, top, w + QUICK_GAP, QUICK_H), label, on_activate=actions[key],
                                    size=QUICK_SIZE))
            x += w + QUICK_GAP
        self.quick.set(controls)
        self.quick.focus_key = None

    def _quick_shown(self) -> bool:
        s = self.session
        return (not self.covered and not self.host.screen.textbox.user_hidden and s.ended is None
                and (s.line is not None or s.choice is not None))

    def _quick_at(self, pos: tuple[int, int]) -> Control | None:
        if not self._quick_shown():
            return None
        return self.quick.at(self.host.viewport.to_logical(pos))

    # -- actions -----------------------------------------------------------------------------

    def toggle_skip(self) -> None:
        self.skip_toggled = not self.skip_toggled

    def toggle_auto(self) -> None:
        s = self.host.settings
        s.auto = not s.auto
        self.host.settings_changed()

    def open_history(self) -> None:
        from vn.ui.history import HistoryView

        self.host.open(HistoryView(self.host, self.session))

    def open_menu(self) -> None:
        from vn.ui.gamemenu import GameMenuView

        self.host.open(GameMenuView(self.host))

    def open_settings(self) -> None:
        from vn.ui.settings_screen import SettingsView

        self.host.open(SettingsView(self.host))

    def open_saves(self, mode: str) -> None:
        from vn.ui.saveload import SaveLoadView

        self.host.open(SaveLoadView(self.host, mode))

    def open_help(self) -> None:
        from vn.ui.help import HelpView

        self.host.open(HelpView(self.host))

    def rollback(self) -> None:
        t = self.game_time(self.host.now)
        self.skip_toggled = False
        if not self.session.rollback(t):
            self.host.notify("Nothing further back to roll back to.", 2.0)

    def rollforward(self) -> bool:
        return self.session.rollforward(self.game_time(self.host.now))

    # -- input -----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, now: float) -> None:
        t = self.game_time(now)
        s = self.session
        screen = self.host.screen
        if event.type == pygame.KEYUP and event.key in (pygame.K_LCTRL, pygame.K_RCTRL):
            self.ctrl_held = False
            return
        if event.type == pygame.WINDOWFOCUSLOST:
            self.ctrl_held = False
            return
        if event.type not in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION,
                              pygame.MOUSEWHEEL):
            return
        if screen.textbox.user_hidden:  # any key or click brings the text box back
            if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
                screen.textbox.user_hidden = False
                if action_for(event) == "menu":
                    self.open_menu()
            return
        if event.type == pygame.MOUSEMOTION:
            hit = self._quick_at(event.pos)
            self.quick.focus_key = hit.key if hit else None
            if s.choice is not None:
                menu = screen.choice_menu(s, t)
                if menu is not None:
                    menu.handle(event, t)
            return
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and event.button == 1 and \
                self._quick_at(event.pos) is not None:
            self.quick.handle(event, self.host.viewport)
            return
        if event.type == pygame.MOUSEBUTTONUP:
            if s.choice is not None:
                self._choose(screen.choice_menu(s, t).handle(event, t) if screen.choice_menu(s, t) else None, t)
            return
        action = action_for(event)
        if action == "menu":
            self.open_menu()
        elif action == "history":
            self.open_history()
        elif action == "help":
            self.open_help()
        elif action == "quick_save":
            self.host.quick_save()
        elif action == "quick_load":
            self.host.quick_load()
        elif action == "rollback":
            self.rollback()
        elif action == "skip" and s.choice is None:  # at a choice Tab moves the focus, as in menus
            self.toggle_skip()
        elif action == "skip_hold":
            self.ctrl_held = True
        elif action == "auto":
            self.toggle_auto()
        elif action == "hide":
            screen.textbox.user_hidden = True
        elif s.choice is not None:
            menu = screen.choice_menu(s, t)
            if menu is not None:
                before = menu.focus
                self._choose(menu.handle(event, t), t)
                if s.choice is not None and menu.focus != before and menu.focus is not None:
                    self.host.speak(menu.choice.options[menu.focus].text.plain)  # self-voicing reads the focus
        elif action == "rollforward":
            if not self.rollforward() and event.type == pygame.MOUSEWHEEL:
                s.click(t)  # wheel down advances when there is nothing to roll forward to
        elif action == "advance":
            s.click(t)

    def _choose(self, picked: int | None, t: float) -> None:
        if picked is not None:
            self.session.choose(picked, t)

    # -- time passes -----------------------------------------------------------------------

    def update(self, now: float) -> bool:
        if self.covered:
            return False
        s = self.session
        t = self.game_time(now)
        if s.choice is not None:
            self.skip_toggled = False
        skip = (self.skip_toggled or self.ctrl_held) and s.choice is None
        changed = False
        if skip != s.settings.skip:
            s.settings.skip = skip
            changed = True
        changed = s.update(t) or changed
        if s.skip_blocked and self.skip_toggled:  # skipping reached unread text: it stops there
            self.skip_toggled = False
            if not self.ctrl_held:
                self.host.notify("Skipping stopped at text you have not read (Settings can allow it).", 3.0)
        self._notice_changes()
        return changed

    def _notice_changes(self) -> None:
        """React to what the story just presented: autosave at a choice, speak a new line,
        the end screen at the end."""
        s = self.session
        card = getattr(s.scene, "_card", None)
        if card is not None:
            self.last_card = (card.title, card.subtitle)
        if s.choice is not None and s.choice is not self._choice_seen:
            self._choice_seen = s.choice
            self.host.autosave()
            self.host.speak(". ".join(o.text.plain for o in s.choice.options))
        if s.line is not None and s.line is not self._line_seen:
            self._line_seen = s.line
            self.host.speak(f"{s.line.name}: {s.line.text.plain}" if s.line.name else s.line.text.plain)
        if s.ended is not None and not self._ended_shown and not s.scene.busy(self.game_time(self.host.now)):
            self._ended_shown = True
            self.host.game_ended(self)

    def next_redraw(self, now: float) -> float | None:
        if self.covered:
            return None
        t = self.game_time(now)
        wake = self.host.screen.next_redraw(self.session, t)
        return None if wake is None else wake + self.offset

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, now: float) -> None:
        t = self.game_time(now)
        screen = self.host.screen
        s = self.session.settings
        over = (self.covered, self._quick_shown(), self.quick.focus_key, s.skip, s.auto, surface.get_size())
        # the window's canvas still holds this view's last frame: only what typed on or moved
        # is drawn, and the quick menu and the mode mark again where that reaches them
        kept = list(self._over.values()) if getattr(self.host, "canvas_kept", False) and over == self._over_key \
            else None
        damage = screen.draw(surface, self.session, t, ui=not self.covered, kept=kept)
        self._over_key = over
        if damage is None:
            self._over = {}

        def restored(name: str) -> bool:
            return damage is None or (name in self._over and any(d.contains(self._over[name]) for d in damage))

        if not self.covered:
            if self._quick_shown() and restored("quick"):
                self._draw_quick(surface)
            if restored("mode"):
                self._draw_mode(surface)
        self.damage = damage

    def _overdrawn(self, surface: pygame.Surface, name: str, *rects: pygame.Rect) -> None:
        """Note what the quick menu or the mode mark covers (their text's shadow included)."""
        if not rects:
            return
        vp = self.host.screen.viewport(surface)
        area = rects[0].unionall(rects[1:]).inflate(2 * vp.px(16), 2 * vp.px(16)).clip(surface.get_rect())
        self._over[name] = area

    def _draw_quick(self, surface: pygame.Surface) -> None:
        vp = self.host.screen.viewport(surface).design()
        s = self.session.settings
        on = {"skip": s.skip, "auto": s.auto}
        t = self.host.theme
        renderer = self.host.text
        for c in self.quick.controls:
            focused = c.key == self.quick.focus_key
            if focused:
                draw_control(surface, vp, renderer, c, True, t)
                continue
            color = t.accent if on.get(c.key) else t.text_dim
            layout = renderer.layout(letterspaced(c.label), vp.px(c.rect[2]), vp.px(QUICK_SIZE), family=SANS,
                                     color=color, align="center", scale=vp.scale, line_spacing=1.0)
            rect = vp.rect(*c.rect)
            renderer.draw(surface, layout, (rect.x, rect.y + (rect.height - layout.height) // 2), alpha=210)
        self._overdrawn(surface, "quick", *(vp.rect(*c.rect) for c in self.quick.controls))

    def _draw_mode(self, surface: pygame.Surface) -> None:
        """A small 'Skip' / 'Auto' mark in the corner while either mode is on."""
        s = self.session.settings
        label = "Skip" if s.skip else "Auto" if s.auto else None
        if label is None:
            return
        vp = self.host.screen.viewport(surface).design()
        t = self.host.theme
        bar = fading_bar((vp.px(360), vp.px(54)), t.bar, 0.7, 0.4)
        with_alpha(bar, surface, vp.point(1920 - 400, 28), 1.0)
        layout = self.host.text.layout(letterspaced(label), vp.px(300), vp.px(24), family=SANS, color=t.accent,
                                       align="right", scale=vp.scale, line_spacing=1.0)
        self.host.text.draw(surface, layout, vp.point(1920 - 60 - 300, 40))
        self._overdrawn(surface, "mode", pygame.Rect(vp.point(1920 - 400, 28), bar.get_size()),
                        pygame.Rect(vp.point(1920 - 60 - 300, 40), (vp.px(300), layout.height)))

"""`vn play`: the window and the loop. Input -> story -> stage -> render, and sleep when still.

The loop redraws only when something changed or is animating. While a fully shown line waits
for the reader it neither updates nor redraws: it only looks at the event queue once a frame,
and wakes at the next moment something will change on its own (the typewriter's next letter,
the end of a `wait`, a tween).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

FRAME = 1.0 / 60.0
MAX_HITCH = 0.1
IDLE_POLL = 1.0 / 60.0
SKIP_SPEED = 4.0  # game time runs this much faster while skipping (transitions, cards, waits)  # a frame gap longer than this (a dragged window) advances the game this much


def play(game_dir: Path | None, label: str | None = None, size: tuple[int, int] | None = None,
         fullscreen: bool = False) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    game = load_game(game_dir)
    if game.program is None:
        print(format_all(game.diagnostics), file=sys.stderr)
        print("the game has errors: run `vn check` for the full list", file=sys.stderr)
        return 1
    if game.diagnostics:  # broken assets: the game runs, with placeholders where art is missing
        print(format_all(game.diagnostics), file=sys.stderr)
    if label is not None and label not in game.program.labels:
        print(f"vn play: no label '{label}'", file=sys.stderr)
        return 1
    import pygame

    # only what the game uses: with the joystick subsystem up, SDL's event wait polls every
    # millisecond instead of sleeping (measured: 2.5% CPU on an idle line, 0% without)
    pygame.display.init()
    pygame.font.init()
    try:
        return Player(game, label, size or (1280, 720), fullscreen).run()
    finally:
        pygame.quit()


class Player:
    """One window playing one game."""

    def __init__(self, game, label: str | None, size: tuple[int, int], fullscreen: bool) -> None:
        import pygame

        from vn.screen import Screen
        from vn.settings import load_settings
        from vn.stage.clock import Clock
        from vn.ui.menu import GameMenu

        self.pg = pygame
        self.GameMenu = GameMenu
        self.skip_toggled = False
        self.windowed_size = size
        self.fullscreen = fullscreen
        pygame.display.set_caption(game.program.title)
        self.surface = self._open_window()
        self.canvas = None
        self.screen = Screen(game, self.surface.get_size(), load_settings())
        self.clock = Clock(max_step=MAX_HITCH)
        self.now = self.clock.now
        from vn.audio.mixer import MixerAudio, game_finder
        from vn.tools.render import story_at  # --label: open on the picture the story has there

        self.audio = MixerAudio(game_finder(game))  # the mixer starts at the first cue
        self.session = self.screen.new_session(story=story_at(game.program, label) if label else None,
                                               audio=self.audio)
        self.menu = None
        self.dirty = True
        self.running = True

    def _open_window(self):
        pg = self.pg
        if self.fullscreen:
            return pg.display.set_mode((0, 0), pg.FULLSCREEN)
        return pg.display.set_mode(self.windowed_size, pg.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        if not self.fullscreen:
            self.windowed_size = self.surface.get_size()
        self.fullscreen = not self.fullscreen
        self.surface = self._open_window()
        self.dirty = True

    # ----------------------------------------------------------------- the loop
    def run(self) -> int:
        """The loop; a story error at run time stops the story with its message on screen."""
        from vn.story import StoryError

        try:
            return self._run()
        except StoryError as exc:
            self.audio.close()
            self.stop_with(exc.diagnostic)
            return 1
        finally:
            self.audio.close()

    def stop_with(self, diagnostic) -> None:
        """Show a run-time script error (never a traceback) until the reader closes the window."""
        pg = self.pg
        print(diagnostic.format(), file=sys.stderr)
        from vn.render.text import SANS
        from vn.ui.paint import veil

        size = self.surface.get_size()
        canvas = self.canvas if self.canvas is not None else pg.Surface(size)
        canvas.blit(veil(size, (8, 8, 12), 215), (0, 0))
        vp = self.screen.viewport(canvas)
        text = f"The story stopped.\n\n{diagnostic.format()}\n\nClick or press a key to close."
        layout = self.screen.text.layout(text, vp.px(1500), vp.px(30), family=SANS,
                                         color=(236, 214, 170), scale=vp.scale)
        self.screen.text.draw(canvas, layout, vp.point(210, 300))
        self.surface.blit(canvas, (0, 0))
        pg.display.flip()
        while True:
            for event in pg.event.get():
                if event.type in (pg.QUIT, pg.KEYDOWN, pg.MOUSEBUTTONDOWN):
                    raise SystemExit(1)
            time.sleep(IDLE_POLL)

    def _run(self) -> int:
        pg = self.pg
        last = time.perf_counter()
        planned: float | None = None
        self.session.update(self.now)
        while self.running:
            for event in pg.event.get():
                self.handle(event)
            if not self.running:
                break
            self.update_skip()
            if self.session.update(self.now):
                self.dirty = True
            wake = self.screen.next_redraw(self.session, self.now)
            animating = wake is not None and wake <= self.now
            due = planned is not None and self.now >= planned  # the moment we slept until
            menu_due = self.menu is not None and (self.menu.next_redraw(self.now) or 1e18) <= self.now
            if self.dirty or animating or due or menu_due:
                self.draw()
                # drawing hands the views their new state (a text box starting to fade in)
                wake = self.screen.next_redraw(self.session, self.now)
                animating = wake is not None and wake <= self.now
            planned = wake
            # sleep: a frame while animating, until the next change, or until input
            if animating:
                spent = time.perf_counter() - last
                pg.time.wait(max(0, int((FRAME - spent) * 1000)))
            else:
                timeout = None if wake is None else max(0.0, wake - self.now)
                if self.menu is not None:
                    nxt = self.menu.next_redraw(self.now)
                    if nxt is not None:
                        timeout = min(timeout if timeout is not None else 1e9, max(0.0, nxt - self.now))
                        planned = nxt if planned is None else min(planned, nxt)
                # pygame's event.wait() polls every millisecond under the hood (a few % CPU
                # on an idle line); a plain sleep of at most one frame between looks at the
                # event queue costs ~0.1% and answers input within a frame
                time.sleep(IDLE_POLL if timeout is None else min(IDLE_POLL, timeout))
            t = time.perf_counter()
            dt = t - last
            last = t
            # game time: one frame at most per step (a dragged window does not jump a tween),
            # faster while skipping
            self.clock.speed = SKIP_SPEED if self.session.settings.skip else 1.0
            self.now = self.clock.advance(dt)
        return 0

    def draw(self) -> None:
        # draw off screen in the same surface format `vn render` uses, then copy: the window
        # shows exactly the frame a headless render gives (X11 display surfaces differ in
        # format, and some blend modes misbehave on them)
        size = self.surface.get_size()
        if self.canvas is None or self.canvas.get_size() != size:
            self.canvas = self.pg.Surface(size)
        self.canvas.fill((0, 0, 0))
        self.screen.draw(self.canvas, self.session, self.now, ui=self.menu is None)
        self.draw_modes(self.canvas)
        if self.menu is not None:
            self.menu.draw(self.canvas, self.now)
        self.surface.blit(self.canvas, (0, 0))
        self.pg.display.flip()
        self.dirty = False

    def handle(self, event) -> None:
        pg = self.pg
        if event.type == pg.QUIT:
            self.running = False
            return
        if event.type in (pg.VIDEORESIZE, pg.WINDOWRESIZED, pg.WINDOWEXPOSED, pg.WINDOWSIZECHANGED):
            self.surface = pg.display.get_surface()
            self.dirty = True
            return
        if event.type == pg.KEYDOWN and (event.key == pg.K_F11 or
                                         (event.key == pg.K_RETURN and event.mod & pg.KMOD_ALT)):
            self.toggle_fullscreen()
            return
        if event.type not in (pg.KEYDOWN, pg.MOUSEBUTTONDOWN, pg.MOUSEBUTTONUP, pg.MOUSEMOTION, pg.MOUSEWHEEL):
            return
        now = self.now
        if self.menu is not None:
            action = self.menu.handle(event, now)
            if action == "quit":
                self.running = False
            elif action == "return":
                self.menu = None
            elif action == "text_speed":
                from vn.settings import next_speed, save_settings

                self.session.settings.cps = next_speed(self.session.settings.cps)
                save_settings(self.session.settings)
                self.open_menu(focus=self.menu.focus)
            elif action == "auto":
                self.session.settings.auto = not self.session.settings.auto
                self.open_menu(focus=self.menu.focus)
            self.dirty = True
            return
        if self.session.ended is not None:
            if event.type == pg.MOUSEBUTTONDOWN or (event.type == pg.KEYDOWN and event.key in
                                                     (pg.K_SPACE, pg.K_RETURN, pg.K_KP_ENTER, pg.K_ESCAPE)):
                self.running = False
            return
        menu = self.screen.choice_menu(self.session, now)
        if menu is not None:
            if event.type == pg.KEYDOWN and event.key == pg.K_ESCAPE:
                self.open_menu()
                return
            picked = menu.handle(event, now)
            if picked is not None:
                self.session.choose(picked, now)
            self.dirty = True
            return
        action = self.screen.textbox.handle(event, now)
        if action == "advance":
            self.session.click(now)
            self.dirty = True
        elif action == "menu":
            self.open_menu()
        elif action == "backlog":
            from vn.ui.backlog import Backlog, BacklogEntry

            entries = [BacklogEntry.from_line(line) for line in self.session.history[-200:]]
            self.menu = Backlog(self.screen.text, entries, now)  # closes like the menu: Esc, click
            self.dirty = True
        elif action == "skip":
            self.skip_toggled = not self.skip_toggled
        elif action == "auto":
            self.session.settings.auto = not self.session.settings.auto
            self.dirty = True
        elif action is not None:
            self.dirty = True

    def update_skip(self) -> None:
        """Tab toggles skipping, holding Ctrl skips; a choice always stops it."""
        if self.session.choice is not None or self.menu is not None:
            self.skip_toggled = False
        held = bool(self.pg.key.get_mods() & self.pg.KMOD_CTRL) and self.menu is None
        skip = (self.skip_toggled or held) and self.session.choice is None
        if skip != self.session.settings.skip:
            self.session.settings.skip = skip
            self.dirty = True

    def draw_modes(self, surface) -> None:
        """A small 'Skip' / 'Auto' mark in the corner while either mode is on."""
        s = self.session.settings
        label = "Skip" if s.skip else "Auto" if s.auto else None
        if label is None:
            return
        from vn.render.text import SANS
        from vn.ui.paint import letterspaced

        vp = self.screen.viewport(surface)
        layout = self.screen.text.layout(letterspaced(label), vp.px(300), vp.px(26), family=SANS,
                                         color=(236, 214, 170), align="right", scale=vp.scale)
        self.screen.text.draw(surface, layout, vp.point(1920 - 60 - 300, 40))

    def open_menu(self, focus: int | None = 0) -> None:
        from vn.settings import speed_label
        from vn.ui.actions import Action
        from vn.ui.menu import MenuItem

        s = self.session.settings
        items = (MenuItem("Return", Action.RETURN),
                 MenuItem(f"Text speed: {speed_label(s.cps)}", Action.TEXT_SPEED),
                 MenuItem(f"Auto-forward: {'On' if s.auto else 'Off'}", Action.AUTO),
                 MenuItem("Quit", Action.QUIT))
        self.menu = self.GameMenu(self.screen.text, self.now, title=self.screen.program.title, items=items)
        self.menu.focus = focus
        self.dirty = True

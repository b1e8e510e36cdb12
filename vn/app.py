"""`vn play`: the window and the loop. The loop draws a stack of views (`vn.ui.stack`) and hands
each input event to the top one; the screens themselves live in `vn/ui/`.

The loop redraws only when something changed or is animating. Between frames it blocks in SDL's
event wait (`vn.eventwait`) until input arrives or the next moment something will change on its
own: the earliest of every visible view's `next_redraw(now)` (the typewriter's next letter, the
end of a `wait`, a tween, auto-forward, a stage's tile animation, the title's slowly changing
light at the few frames a second it needs), the audio's next fade step
(`AudioSink.next_change`) and the hot reload's next scan of the game's files (a background
build after a resize asks through the views' `next_redraw`). With nothing scheduled it sleeps
until input: a fully shown line costs no redraws and next to no CPU. While something animates
it draws at most `1/FRAME` frames a second; while the window is hidden it draws nothing.

`Player` is also the views' host (`vn.ui.host.Host`): it owns the window, the clock, the save
files, the settings and the speech engine, and does what the views ask.
"""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

FRAME = 1.0 / 60.0
MAX_HITCH = 0.1  # a frame gap longer than this (a dragged window) advances the game this much
IDLE_POLL = 1.0 / 60.0  # the error screen's look at the queue
SKIP_SPEED = 4.0  # game time runs this much faster while skipping (transitions, cards, waits)
THUMB_SIZE = (384, 216)


def play(game_dir: Path | None, label: str | None = None, size: tuple[int, int] | None = None,
         fullscreen: bool = False, lang: str | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    first = None
    if label is None:  # the title's first frame as the last start drew it, before loading anything
        from vn.firstframe import for_game

        first = for_game(game_dir, size, fullscreen, lang)
        if first is not None:
            import pygame

            first.show(pygame)
    from vn.script.programcache import entries_written_later

    with entries_written_later():  # a compiled program's cache entry: written once a frame is up
        return _load_and_play(game_dir, label, size, fullscreen, lang, first)


def _load_and_play(game_dir: Path | None, label: str | None, size: tuple[int, int] | None, fullscreen: bool,
                   lang: str | None, first) -> int:
    from vn.game import load_game
    from vn.script.diagnostics import format_all

    game = load_game(game_dir, lang=lang)  # lang: translations/LANG.yaml (vn.translation)
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
    # millisecond instead of sleeping (measured: 2.5% CPU on an idle line, 0% without); game
    # controllers are looked for at start and when the window regains focus (vn.ui.pads)
    pygame.display.init()
    pygame.font.init()
    try:
        player = Player(game, label, size or (1280, 720), fullscreen)
        player.first_frame = first
        return player.run()
    finally:
        pygame.quit()


def _write_program_cache_soon() -> None:
    """Write the compiled program's cache entry waiting since the game was loaded (or reloaded),
    in a thread: the window answers meanwhile (the loop mostly sleeps, so the thread has the
    interpreter), and a player closing the window at once waits for the write to end, which is
    atomic either way (`vn.script.programcache`)."""
    from vn.script import programcache

    if programcache.pending():
        import threading

        threading.Thread(target=programcache.write_pending, name="vn-program-cache").start()


class Player:
    """One window playing one game: the loop, and the host of its views."""

    def __init__(self, game, label: str | None, size: tuple[int, int], fullscreen: bool = False) -> None:
        import pygame

        from vn.screen import Screen
        from vn.settings import load_settings, settings_path
        from vn.speech import Speaker
        from vn.stage.clock import Clock
        from vn.ui.pads import Pads
        from vn.ui.stack import ViewStack
        from vn.ui.theme import theme_for

        self.pg = pygame
        self.game = game
        self.settings_file = settings_path(game.program.title)  # one per game title (vn.userdirs)
        self.settings = load_settings(self.settings_file)
        self.windowed_size = size
        # `vn play --fullscreen` is for this run; the setting is what the player chose to keep
        self.fullscreen = fullscreen or self.settings.fullscreen
        self._kept_fullscreen = self.settings.fullscreen
        pygame.display.set_caption(game.program.title)
        icon = game.find("assets/icon.png")  # `vn build` makes one from the game's art
        if icon is not None:
            try:
                pygame.display.set_icon(pygame.image.load(str(icon)))
            except (pygame.error, OSError) as exc:
                print(f"{icon}: warning: the window icon was not loaded ({exc})", file=sys.stderr)
        self.surface = self._open_window()
        self.canvas = None
        self.theme = theme_for(self.settings)
        self.screen = Screen(game, self.surface.get_size(), self.settings)
        self.screen.set_theme(self.theme)
        self.clock = Clock(max_step=MAX_HITCH)
        self._now = self.clock.now
        self.stack = ViewStack()
        from vn.ui.game import GameView

        self._game_class = GameView
        from vn.audio.mixer import MixerAudio, game_finder

        self.audio = MixerAudio(game_finder(game))  # its device starts after the first frame
        self.saves = _open_store(game)
        self._persistent = None
        self.speaker = Speaker()
        self.pads = Pads()
        self.notices: list[tuple[str, float]] = []
        self.last_save_page: str | None = None
        self.dirty = True
        self.running = True
        self._last = time.perf_counter()
        self._planned: float | None = None
        self._waiter = None  # vn.eventwait.EventWait, made once the window shows a frame
        self.canvas_kept = False  # the canvas holds the last frame, drawn by the one view drawing now
        self._drawn = None  # (the view that drew the last frame alone, the window surface shown)
        self.visible = True  # False while the window is hidden or minimised: nothing is drawn
        self.slept = 0.0  # seconds the last turn spent waiting for input or a deadline
        self._pads_due = True  # looked for after the first frame (the probe takes ~30 ms)
        self._watch_due = True  # the hot reload's file watch, started by `run` after the first frame
        self.first_frame = None  # vn.firstframe.FirstFrame: the title's first frame is kept there
        from vn.reload import HotReload

        self.hot_reload = HotReload(self)  # saving a game file reloads it (vn.reload)
        if label is not None:
            self.start_game(label)
        else:
            from vn.ui.title import TitleView

            self.stack.push(TitleView(self), self.now)

    # ----------------------------------------------------------------- the window
    @property
    def now(self) -> float:
        return self._now

    @property
    def text(self):
        return self.screen.text

    @property
    def viewport(self):
        return self.screen.viewport(self.surface).design()

    def _open_window(self):
        pg = self.pg
        if self.fullscreen:
            return pg.display.set_mode((0, 0), pg.FULLSCREEN)
        return pg.display.set_mode(self.windowed_size, pg.RESIZABLE)

    def toggle_fullscreen(self) -> None:
        if not self.fullscreen:
            self.windowed_size = self.surface.get_size()
        self.fullscreen = not self.fullscreen
        self.settings.fullscreen = self._kept_fullscreen = self.fullscreen
        self.surface = self._open_window()
        self.settings_changed()

    # ----------------------------------------------------------------- the loop
    def run(self) -> int:
        """The loop; a story error at run time stops the story with its message on screen."""
        from vn.story import StoryError

        try:
            while self.running:
                self.tick_safely()
                if self.canvas is not None and self._watch_due:  # once the first frame is up:
                    self._watch_due = False  # the system's word of edited files, not scans
                    self.hot_reload.start()
            return 0
        except StoryError as exc:
            self.audio.close()
            self.stop_with(exc.diagnostic)
            return 1
        finally:
            self.audio.close()
            self.speaker.stop()
            self.hot_reload.close()

    def tick_safely(self, dt: float | None = None) -> None:
        """`tick`, but an error of any kind (a script error at run time, a bug of ours) puts up
        the error screen instead of ending the program. An error while that screen is up (or
        several in a row) is raised: `run` then shows it plainly."""
        try:
            self.tick(dt)
            self._failures = 0
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            self._failures = getattr(self, "_failures", 0) + 1
            if self._failures > 3 or self._showing_error():
                raise
            self.show_error(exc)

    def tick(self, dt: float | None = None) -> None:
        """One turn of the loop: input, update, draw when needed, then sleep until the next
        thing to do. With `dt` (tests) the game time advances by exactly that, without sleeping."""
        pg = self.pg
        for event in pg.event.get():
            self.handle(event)
            if not self.running:
                return
        self.hot_reload.poll()
        if self.stack.update(self.now):
            self.dirty = True
        wake = self._next_wake()
        animating = wake is not None and wake <= self.now
        due = self._planned is not None and self.now >= self._planned  # the moment we slept until
        drew = False
        if (self.dirty or animating or due) and self.visible:
            self.draw()
            drew = True
            wake = self._next_wake()  # drawing hands the views their new state
            animating = wake is not None and wake <= self.now
        self._planned = wake
        if self._pads_due and self.canvas is not None:
            self._pads_due = False
            self.pads.probe()
        idle = 0.0
        if dt is None:
            if animating or drew:
                # a frame's pace: while animating, and after any frame (a storm of mouse motion
                # redraws at most once a frame)
                spent = time.perf_counter() - self._last
                pg.time.wait(max(0, int((FRAME - spent) * 1000)))
            else:
                idle = self._sleep(wake)
            t = time.perf_counter()
            dt = t - self._last
            self._last = t
        self.slept = idle
        # game time: one frame at most per step (a dragged window does not jump a tween), but a
        # chosen sleep counts in full; faster while skipping
        game = self.game_view()
        self.clock.speed = SKIP_SPEED if game is not None and game.session.settings.skip else 1.0
        self._now = self.clock.advance(dt, idle=idle)

    def _next_wake(self) -> float | None:
        """The next moment (window time) the picture changes with no input; None: only input
        changes it, or the window is hidden (nothing is drawn until it shows again)."""
        if not self.visible:
            return None
        times = [t for t in (self.stack.next_redraw(self.now), *(until for _, until in self.notices))
                 if t is not None]
        return min(times) if times else None

    def next_update(self) -> float | None:
        """The next moment (window time) the loop must wake although the picture does not change
        (the audio's fades, a decode finishing)."""
        times = []
        game = self.game_view()
        if game is not None and not game.covered:  # covered: the story's time stands still
            t = game.game_time(self.now)
            audio = self.audio.next_change(t)
            if audio is not None:
                times.append(audio - t + self.now)
        return min(times) if times else None

    def _sleep(self, wake: float | None) -> float:
        """Block until input or the next deadline (redraw, update, hot-reload scan); returns the
        seconds slept when a deadline was known, which game time then counts in full."""
        if self._waiter is None:
            from vn.eventwait import EventWait

            self._waiter = EventWait(self.pg)
        update = self.next_update()
        deadlines = [max(0.0, t - self.now) / max(self.clock.speed, 1e-9) for t in (wake, update)
                     if t is not None]
        if self.hot_reload.next_scan < math.inf:  # (none while the system watches the files)
            deadlines.append(max(0.0, self.hot_reload.next_scan - self.hot_reload.clock()))
        timeout = min(deadlines) if deadlines else None
        t0 = time.perf_counter()
        self._waiter.wait(timeout)
        slept = time.perf_counter() - t0
        return slept if timeout is None else min(slept, timeout)

    def draw(self) -> None:
        # draw off screen in the same surface format `vn render` uses, then copy: the window
        # shows exactly the frame a headless render gives
        size = self.surface.get_size()
        if self.canvas is None or self.canvas.get_size() != size:
            self.canvas = self.pg.Surface(size)
            self._drawn = None
        views = self.stack.visible()
        # the canvas (and the window) still hold the frame before when one view drew it alone,
        # and draws again: it may then draw only what changed (`ScreenView.damage`; a line
        # typing on is a few glyphs, not a frame)
        self.canvas_kept = len(views) == 1 and self._drawn == (views[0], self.surface)
        for view in views:
            view.damage = None
        if not self.canvas_kept and not (views and views[0].opaque):
            self.canvas.fill((0, 0, 0))
        self.stack.draw(self.canvas, self.now)
        noticed = self._draw_notices(self.canvas)
        damage = views[0].damage if self.canvas_kept and not noticed else None
        if damage is None:
            self.surface.blit(self.canvas, (0, 0))
            self.pg.display.flip()
        elif damage:
            for rect in damage:
                self.surface.blit(self.canvas, rect, rect)
            self.pg.display.update(damage)
        self._drawn = (views[0], self.surface) if len(views) == 1 and not noticed else None
        self.dirty = False
        if self.first_frame is not None:
            self._keep_first_frame()
        _write_program_cache_soon()
        if self.audio.state == "idle":  # the sound device starts once the first frame is up,
            self.audio.start()  # not with the window, nor at the story's first cue

    def _keep_first_frame(self) -> None:
        """The first frame drawn, when it is the title's very first one (nothing over it, no
        notice, no time passed), is what the next start shows at once (`vn.firstframe`)."""
        first, self.first_frame = self.first_frame, None
        from vn.ui.title import TitleView

        top = self.stack.top
        if isinstance(top, TitleView) and not self.notices and self.now == top.shown_at:
            first.keep(self.pg, self.canvas, caption=self.game.program.title, window=self.windowed_size,
                       fullscreen=self.fullscreen, extra=[str(self.settings_file)])

    def handle(self, event) -> None:
        pg = self.pg
        from vn.ui.keymap import WINDOW_ACTIONS, action_for

        if event.type == pg.QUIT:
            self.close_requested()
            return
        if event.type in (pg.WINDOWHIDDEN, pg.WINDOWMINIMIZED):
            self.visible = False  # no frames, no redraw wake-ups (living motion stops) until shown
            return
        if event.type in (pg.WINDOWSHOWN, pg.WINDOWRESTORED):
            self.visible = True
            self.dirty = True
            self._drawn = None  # the whole window is shown again
            return
        if event.type in (pg.VIDEORESIZE, pg.WINDOWRESIZED, pg.WINDOWEXPOSED, pg.WINDOWSIZECHANGED):
            self.visible = True  # exposed: some of it shows
            self.surface = pg.display.get_surface()
            self.dirty = True
            self._drawn = None
            return
        if event.type == pg.WINDOWFOCUSGAINED:
            self.pads.probe()
        event = self.pads.translate(event)
        if event is None:
            return
        if event.type == pg.KEYDOWN:
            action = action_for(event)
            if action in WINDOW_ACTIONS:
                {"fullscreen": self.toggle_fullscreen, "screenshot": self.screenshot,
                 "self_voicing": self.toggle_self_voicing}[action]()
                self.dirty = True
                return
        self.stack.handle(event, self.now)
        if event.type in (pg.KEYDOWN, pg.KEYUP, pg.MOUSEBUTTONDOWN, pg.MOUSEBUTTONUP, pg.MOUSEMOTION,
                          pg.MOUSEWHEEL):
            self.dirty = True
            self.hot_reload.activity()

    def _showing_error(self) -> bool:
        from vn.ui.errorview import ErrorView

        return bool(self.stack.views) and isinstance(self.stack.views[-1], ErrorView)

    def show_error(self, exc: BaseException) -> None:
        """Put the error screen up: what happened, where, and skip / title / quit. Nothing is
        saved on the way (the autosave stays the last good one)."""
        import traceback

        from vn.story import StoryError
        from vn.ui.errorview import ErrorView

        if isinstance(exc, StoryError):
            d = exc.diagnostic
            what = d.message + (f" ({d.hint})" if d.hint else "")
            where = f"{d.path}, line {d.line}, column {d.col}"
            print(d.format(), file=sys.stderr)
        else:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/vn/" in f.filename.replace("\\", "/")]
            last = frames[-1] if frames else None
            what = f"An error inside the engine: {type(exc).__name__}: {exc}"
            where = (f"in {last.filename.rsplit('/vn/', 1)[-1]} line {last.lineno} ({last.name}); "
                     "please report it with your game's files") if last else "please report it"
            traceback.print_exception(exc, file=sys.stderr)
        session = self.session
        skip = None
        if session is not None:
            def skip() -> None:
                self._skip_step(exc)
        self.stack.push(ErrorView(self, what, where, skip, self.to_title, self._quit_after_error), self.now)
        self.dirty = True

    def _skip_step(self, exc: BaseException) -> None:
        """Go on after the step that failed: past the instruction the story error names."""
        from vn.story import StoryError

        session = self.session
        if session is None:
            return
        story = session.story
        st = story.state
        ins = story.program.instr(st.label, st.pc) if st.label in story.program.labels else None
        if isinstance(exc, StoryError) and ins is not None:
            d = exc.diagnostic
            if (ins.where.path, ins.where.line, ins.where.col) == (d.path, d.line, d.col):
                st.pc += 1
        if st.status != "ended":
            st.status = "running"
        self.dirty = True

    def _quit_after_error(self) -> None:
        """Quit without the autosave `quit` makes: the state at an error is not worth keeping
        over the last good autosave."""
        self.keep_persistent()
        self.running = False

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

    # ----------------------------------------------------------------- what views ask for
    def open(self, view):
        self.dirty = True
        return self.stack.push(view, self.now)

    def game_view(self):
        """The game view on the stack (under any menus), or None."""
        for view in reversed(self.stack.views):
            if view.__class__ is self._game_class:
                return view
        return None

    @property
    def session(self):
        """The session of the game in play (None on the title)."""
        game = self.game_view()
        return game.session if game is not None else None

    def in_game(self) -> bool:
        return self.game_view() is not None

    def settings_changed(self) -> None:
        """Apply the settings at once (theme, window, speech) and keep them."""
        from vn.settings import save_settings
        from vn.ui.theme import theme_for

        self.theme = theme_for(self.settings)
        self.screen.set_theme(self.theme)
        self.audio.refresh(self.settings)  # volumes are heard at once, even under the settings screen
        if self.settings.fullscreen != self._kept_fullscreen:  # the settings screen's Display row
            self._kept_fullscreen = self.settings.fullscreen
            if self.settings.fullscreen != self.fullscreen:
                self.toggle_fullscreen()
                return
        if not self.settings.self_voicing:
            self.speaker.stop()
        save_settings(self.settings, self.settings_file)
        self.dirty = True

    def toggle_self_voicing(self) -> None:
        if not self.speaker.available:
            from vn.speech import MISSING

            self.notify(MISSING, 4.0)
            return
        self.settings.self_voicing = not self.settings.self_voicing
        self.settings_changed()
        self.notify("Self-voicing on." if self.settings.self_voicing else "Self-voicing off.", 2.0)
        if self.settings.self_voicing:
            self.speaker.say("Self-voicing on.")

    def speak(self, text: str) -> None:
        if self.settings.self_voicing:
            self.speaker.say(text)

    def notify(self, text: str, seconds: float = 3.0) -> None:
        """One quiet line at the top of the picture for a few seconds."""
        self.notices = [(text, self.now + seconds)]  # the latest says what matters now
        self.dirty = True

    def _draw_notices(self, surface) -> bool:
        """Draw the notices (True when there were any)."""
        self.notices = [(t, u) for t, u in self.notices if u > self.now]
        if not self.notices:
            return False
        from vn.render.text import SANS
        from vn.ui.menuscreen import MenuScreen
        from vn.ui.paint import fading_bar, with_alpha

        vp = self.viewport
        # over the story, at the top of the picture; over a menu, under its heading's way
        y = 900 if isinstance(self.stack.top, MenuScreen) else 24
        for text, _ in self.notices:
            layout = self.text.layout(text, vp.px(1500), vp.px(24), family=SANS, color=self.theme.text,
                                      align="center", scale=vp.scale, line_spacing=1.2)
            h = layout.height / vp.scale + 16
            bar = fading_bar((vp.px(1600), vp.px(h)), self.theme.bar, 0.94, 0.2)
            with_alpha(bar, surface, vp.point(160, y), 1.0)
            self.text.draw(surface, layout, vp.point(210, y + 8))
            y += h + 6
        return True

    # ----------------------------------------------------------------- games
    def _new_view(self, session, notice: str | None = None) -> None:
        from vn.ui.game import GameView

        # game time goes on from the window's time (less the time menus covered a game): the
        # mixer, shared by every session, sees one clock
        view = GameView(self, session, 0.0)
        self.stack.replace_all(view, self.now)
        view.update(self.now)
        if notice:
            self.notify(notice, 5.0)
        self.dirty = True

    def start_game(self, label: str | None = None, card: str | None = None) -> None:
        """A new game from the start, or from `label` (chapter select, `vn play --label`) opening
        on the picture the story has there; with `card` (chapter select: the chapter's title),
        from that card of the label, so the chapter opens on its card."""
        story = None
        if label is not None:
            from vn.tools.render import story_at

            story = story_at(self.game.program, label, card=card)
        self._new_view(self.screen.new_session(story=story, now=self.now, audio=self.audio,
                                               persistent=self.persistent()))

    def continue_game(self) -> bool:
        latest = self.saves.latest() if self.saves is not None else None
        if latest is None:
            self.notify("No save to continue from yet.")
            return False
        return self.load_slot(latest.slot)

    def load_slot(self, slot: str) -> bool:
        from vn.ui.saves import restore_session

        if self.saves is None:
            return False
        try:
            data = self.saves.read(slot).data
        except FileNotFoundError:
            self.notify("That slot is empty.")
            return False
        except Exception as exc:  # SaveUnreadable: the reason, never a traceback
            self.notify(f"This save cannot be loaded: {getattr(exc, 'reason', exc)}.", 5.0)
            return False
        result = restore_session(self.screen, data, self.audio, self.now, self.persistent())
        if isinstance(result, str):
            self.notify(f"This save cannot be loaded: {result}.", 5.0)
            return False
        session, notice = result
        self._new_view(session, notice)
        return True

    def _save_parts(self):
        """(data, meta, thumbnail PNG) of the game in play."""
        from vn.ui.saves import save_parts

        game = self.game_view()
        if game is None:
            return None
        return save_parts(self.screen, game.session, game.game_time(self.now), self.surface.get_size(), THUMB_SIZE)

    def save_slot(self, slot: str, overwrite: bool = False) -> bool:
        parts = self._save_parts()
        if parts is None or self.saves is None:
            return False
        try:
            self.saves.write(slot, *parts, overwrite=overwrite)
        except OSError as exc:
            self.notify(f"Not saved: {exc.strerror or exc}.", 5.0)
            return False
        except Exception:  # SlotOccupied: the screen asks first, then overwrites
            return False
        self.notify(f"Saved in slot {slot}.", 2.0)
        return True

    def quick_save(self) -> None:
        parts = self._save_parts()
        if parts is None or self.saves is None:
            return
        try:
            self.saves.quicksave(*parts)
        except OSError as exc:
            self.notify(f"Not saved: {exc.strerror or exc}.", 5.0)
            return
        except Exception as exc:  # SlotOccupied: an unreadable quick save; ask before replacing it
            from vn.ui.confirm import ConfirmView

            reason = getattr(getattr(exc, "info", None), "error", None) or "unreadable"
            self.open(ConfirmView(self, "The quick save slot holds a save that cannot be read.",
                                  lambda: self.save_slot("quick", overwrite=True), yes="Overwrite",
                                  no="Keep it", detail=f"Reason: {reason}. Overwrite it?"))
            return
        self.notify("Quick saved.", 2.0)

    def quick_load(self) -> None:
        if self.saves is None:
            return
        info = self.saves.info("quick")
        if info.empty:
            self.notify("No quick save yet (F5 makes one).")
            return
        self.load_slot("quick")

    def autosave(self) -> None:
        if self.saves is None:
            return
        parts = self._save_parts()
        if parts is None:
            return
        try:
            self.saves.autosave(*parts)
        except OSError as exc:
            print(f"warning: autosave failed ({exc.strerror or exc})", file=sys.stderr)
        self.keep_persistent()

    def keep_persistent(self) -> None:
        """Write what the game remembers across runs (a no-op when nothing changed)."""
        if self.saves is not None and self._persistent is not None:
            self.saves.write_persistent(self._persistent)

    def persistent(self):
        """What the game remembers across runs (one object shared by every session)."""
        if self._persistent is None:
            if self.saves is not None:
                self._persistent = self.saves.persistent()
            else:
                from vn.saves import Persistent

                self._persistent = Persistent()
        return self._persistent

    def game_ended(self, view) -> None:
        from vn.ui.ending import EndView

        title, subtitle = view.last_card or (None, None)
        chapter = view.session.story.state.chapter  # the last card passed: the ending's name
        if chapter and chapter.get("title") != title:
            title, subtitle = chapter.get("title"), None
        self.keep_persistent()  # the session recorded the ending
        self.stack.replace_all(EndView(self, title, subtitle), self.now)
        self.dirty = True

    def to_title(self) -> None:
        from vn.ui.title import TitleView

        self.speaker.stop()
        self.keep_persistent()
        game = self.game_view()
        if game is not None:  # the title is silent: the story's music stops with it
            t = game.game_time(self.now)
            self.audio.mix.stop("all", t, 0.0)
            self.audio.update(t, self.settings)
        self.stack.replace_all(TitleView(self), self.now)
        self.dirty = True

    def quit(self) -> None:
        """Leave; a game in progress is autosaved first (Continue brings the player back)."""
        if self.in_game():
            self.autosave()
        self._leave()

    def _leave(self) -> None:
        self.keep_persistent()
        self.running = False

    def close_requested(self) -> None:
        """The window's close button (or the system asking the program to end). At the title it
        quits. In a game the place is autosaved at once — so nothing is lost whatever comes next
        — and the player is asked, as Ren'Py asks ("Quit the game?"); a second close while the
        question is up quits."""
        from vn.ui.confirm import ConfirmView

        if not self.in_game():
            self.quit()
            return
        if getattr(self.stack.top, "closing", False):
            self._leave()
            return
        self.autosave()
        view = ConfirmView(self, "Quit the game?", self._leave, yes="Quit", no="Keep reading",
                           detail="Your place is saved: Continue on the title screen brings you back.")
        view.closing = True
        self.open(view)

    def screenshot(self) -> None:
        """The frame as shown, to the player's Pictures folder (else the data folder), named by
        game and time; a note says where."""
        import datetime as _dt
        import io
        import re

        if self.canvas is None:
            self.draw()
        folder = screenshot_dir()
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.game.program.title).strip("-") or "vn"
        stamp = _dt.datetime.now().strftime("%Y-%m-%d %H-%M-%S")
        path = folder / f"{slug} {stamp}.png"
        n = 2
        while path.exists():
            path = folder / f"{slug} {stamp} ({n}).png"
            n += 1
        try:
            folder.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            self.pg.image.save(self.canvas, buf, "shot.png")
            path.write_bytes(buf.getvalue())
        except (OSError, self.pg.error) as exc:
            self.notify(f"Screenshot not saved: {exc}.", 5.0)
            return
        self.notify(f"Screenshot saved: {path}", 4.0)


def screenshot_dir() -> Path:
    """`$VN_DATA_DIR/screenshots` when set (tests), else the user's Pictures folder when it
    exists, else the platform's user data folder for `vn`, `screenshots/` (platformdirs)."""
    override = os.environ.get("VN_DATA_DIR")
    if override:
        return Path(override) / "screenshots"
    import platformdirs

    pictures = Path(platformdirs.user_pictures_dir())
    if pictures.is_dir():
        return pictures
    return Path(platformdirs.user_data_dir("vn", appauthor=False)) / "screenshots"


def _open_store(game):
    """The game's save store (one folder per game, `VN_DATA_DIR` overrides where)."""
    from vn.saves import SaveStore

    return SaveStore.for_game(game)

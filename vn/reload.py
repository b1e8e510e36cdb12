"""Hot reload for `vn play`: saving a script, map, preset, sprite or image while the game runs
reloads the game and resumes at the same line, with the picture rebuilt.

The window's loop calls `HotReload.poll()` once per turn and sleeps until `next_scan`. Once the
first frame is up (`start`), the operating system says when a file under the game's scripts/,
assets/ or translations/ changes (watchdog: inotify, FSEvents, ReadDirectoryChangesW): its
thread wakes the loop with an event, and the files are scanned `SETTLE` seconds later (an
editor's save is often several writes). A window left on a line then never wakes for the
files at all (the scans cost ~0.3 % of a core while idle, measured under X11). Where that
cannot start (no watchdog, the system's watch limit reached), or before the first frame, the
files are scanned every `INTERVAL` seconds instead (every `QUIET_INTERVAL` once the game has
sat untouched for `QUIET_AFTER` seconds; input or a change brings the short interval back).
A scan (vn.watch: modification times of every watched file, ~0.9 ms for the bundled game)
decides what changed, so an event for a file the game does not read changes nothing. When
something changed it loads and checks the whole game again:
- it compiles: a new Screen (fresh stages, sprites, presets and images) and a session restored
  from the running one's save data — the position is found again by stable id and its
  neighbourhood (vn.story.positions), exactly as a save made before the edit would load; the
  picture is rebuilt from the story's stage snapshot;
- it does not: the game in play keeps running untouched, and the first error is shown over it
  (file:line:column, message, hint) until a later save fixes it. Never a crash: anything that
  goes wrong while reloading is reported the same way.
"""

from __future__ import annotations

import math
import time
from typing import Any

INTERVAL = 0.5  # seconds between scans of the game's files (when the system cannot say)
SETTLE = 0.15  # seconds from the system's word of a change to the scan
QUIET_INTERVAL = 2.0  # ... once nothing has changed and no input came for QUIET_AFTER seconds
QUIET_AFTER = 30.0
SHOWN = 3600.0  # an error stays on screen until fixed (re-shown if another notice replaced it)


class HotReload:
    """Watches `player.game`'s folders and swaps in the edited game. `player` is vn.app.Player
    (uses its game, screen, audio, notify/notices, persistent() and _new_view())."""

    def __init__(self, player, clock=time.monotonic) -> None:
        from vn.watch import FolderWatch

        self.player = player
        self.clock = clock
        self.watch = FolderWatch(list(player.game.layers))
        self.next_scan = clock() + INTERVAL
        self.last_activity = clock()
        self.error: str | None = None  # the problem shown while the last edit does not compile
        self.reloads = 0
        self._observer: Any = None  # watchdog's observer, once `start` has it running

    @property
    def watching(self) -> bool:
        """True while the operating system tells of changes (no periodic scans)."""
        return self._observer is not None

    def start(self) -> bool:
        """Have the operating system tell of changes to the game's files from now on (True
        when it will); the periodic scans stop. Called once the first frame is up (importing
        and starting watchdog takes ~15 ms of CPU)."""
        if self._observer is not None:
            return True
        try:
            import pygame
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            return False
        from vn.watch import WATCHED

        hot = self
        wake = pygame.event.custom_type()

        class Changed(FileSystemEventHandler):
            def on_any_event(self, event) -> None:  # (on watchdog's thread)
                if event.event_type in ("opened", "closed_no_write"):
                    return  # read, not changed (the game itself reads its files)
                hot.next_scan = min(hot.next_scan, hot.clock() + SETTLE)
                try:
                    pygame.event.post(pygame.event.Event(wake, hot_reload=True))  # ends the loop's wait
                except pygame.error:
                    pass

        folders = [root / sub for root in self.player.game.layers for sub in WATCHED]
        observer = Observer(timeout=5.0)  # (its thread's look at whether it should stop)
        observer.daemon = True
        try:
            for folder in folders:
                if folder.is_dir():
                    observer.schedule(Changed(), str(folder), recursive=True)
            observer.start()
        except Exception:  # OSError: the system's watch limit; anything else: keep scanning
            return False
        self._observer = observer
        self.poll(force=True)  # what changed before the watch began
        self.next_scan = math.inf
        return True

    def close(self) -> None:
        """Stop watching (the window is closing)."""
        observer, self._observer = self._observer, None
        if observer is not None:
            observer.stop()

    def poll(self, force: bool = False) -> bool:
        """Scan when due; reload on a change. True when a new game was swapped in."""
        now = self.clock()
        if not force and now < self.next_scan:
            return False
        quiet = now - self.last_activity >= QUIET_AFTER
        self.next_scan = math.inf if self.watching else now + (QUIET_INTERVAL if quiet else INTERVAL)
        changed = self.watch.changed()
        if changed:
            self.activity()
        if self.error is not None and not any(self.error == t for t, _ in self.player.notices):
            self.player.notify(self.error, SHOWN)
        if not changed:
            return False
        return self.reload()

    def activity(self) -> None:
        """Input came (or a file changed): scan at the short interval again, from now."""
        now = self.clock()
        self.last_activity = now
        if not self.watching:
            self.next_scan = min(self.next_scan, now + INTERVAL)

    def reload(self) -> bool:
        player = self.player
        try:
            game = self._load()
            if game.program is None:
                self._show_error(game.diagnostics)
                return False
            from vn.screen import Screen

            screen = Screen(game, player.surface.get_size(), player.settings)
            if hasattr(player, "theme"):
                screen.set_theme(player.theme)
            view = player.game_view()
            session = None
            if view is not None:
                from vn.ui.saves import restore_session

                result = restore_session(screen, view.session.save(), player.audio, player.now,
                                         player.persistent())
                if isinstance(result, str):
                    self._show_text(f"reloaded, but the game in play could not be carried over: {result}")
                    return False
                session, _ = result
        except Exception as exc:  # a reload must never take the game down
            self._show_text(f"reload failed: {type(exc).__name__}: {exc}")
            return False
        player.game, player.screen = game, screen
        if session is not None:
            player._new_view(session)
        self.reloads += 1
        if self.error is not None:
            player.notices = [(t, u) for t, u in player.notices if t != self.error]
            self.error = None
        player.notify("Reloaded.", 1.5)
        player.dirty = True
        return True

    def _load(self):
        from vn.game import bundled_root, load_game

        game = self.player.game
        folder = None if [p.resolve() for p in game.layers] == [bundled_root().resolve()] else game.root
        return load_game(folder, lang=getattr(game, "lang", None))

    def _show_error(self, diagnostics) -> None:
        errors = [d for d in diagnostics if d.severity == "error"] or list(diagnostics)
        if not errors:
            self._show_text("the game did not load")
            return
        first = sorted(errors, key=lambda d: (d.path, d.line, d.col))[0]
        more = f"  (+{len(errors) - 1} more: vn check)" if len(errors) > 1 else ""
        self._show_text(first.format().replace("\n    hint:", "\nhint:") + more)

    def _show_text(self, text: str) -> None:
        import sys

        print(f"vn play: {text}", file=sys.stderr)
        if self.error is not None:
            self.player.notices = [(t, u) for t, u in self.player.notices if t != self.error]
        self.error = f"Not reloaded — the game in play goes on.\n{text}"
        self.player.notify(self.error, SHOWN)

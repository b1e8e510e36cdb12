"""The title's first frame kept on disk, shown the moment the window opens (a *presplash*).

`vn play` spends most of its start loading and checking the game, importing the screens and
lighting the title's stage. None of it changes the title's first frame from one start to the
next unless a file it is made from changed, so the first frame the window drew is kept in the
user cache folder (`vn.cachedir`, kind "frames") and the next start shows it before anything
else is loaded: import pygame, open the window, read one file, blit, flip. The real title is
then loaded as before, and its first frame (the same picture: the title's menu fades in over
it) replaces the kept one; input arrives in SDL's queue meanwhile and none is lost.

What the frame is made from, and so what an entry is checked against before it is shown:
- every file of the game's folders the hot reload watches (`vn.watch.snapshot`: scripts,
  assets, translations of every layer) — a file added, removed or changed makes it stale;
- the engine: its version and its own source (every `.py` of the `vn` package; in a game built
  with `vn build`, the executable);
- the player's settings file (theme, text size, reduce motion; absent stays absent);
- the window: the size asked for, full screen or not, the language, pygame's and SDL's versions.
Files are compared by size and modification time first, the way git's index does; a file
whose time differs but whose size does not is hashed (SHA-256) and compared with the hash
kept in the entry, and a file modified within `RACY_NS` of the entry's writing is always
hashed (its time alone cannot prove it was not changed again within the clock's tick).

An entry is one file: a JSON header line (format name, version, key, window, the files above
with their size, time and hash, the pixels' SHA-256) and the raw RGB pixels. Anything that does
not match — stale, truncated, corrupt, foreign or another format — is not shown; the first
real frame is drawn as if there were no cache and written as the new entry. The pixels are
only ever blitted (no code, no pickle). After the first real frame the kept picture is
compared with it and rewritten when they differ, so an input this module does not know of can
show an old picture once, for the time the real title takes to load, never twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

FORMAT = "vn-first-frame"
VERSION = 1
RACY_NS = 2_000_000_000  # a file modified this close to the entry's writing is always hashed
MAX_HEADER = 4 * 1024 * 1024  # bytes: a longer first line is not ours
KEEP = 8  # entries kept in the folder (the most recently written)
ENGINE_ROOT = Path(__file__).resolve().parent


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _engine_files() -> dict[str, tuple[int, int]]:
    """(mtime ns, size) of every `.py` of the `vn` package, and of the program itself in a game
    built with `vn build` (its engine is inside the executable, not in `.py` files)."""
    out: dict[str, tuple[int, int]] = {}
    if getattr(sys, "frozen", False):
        st = _stat(sys.executable)
        if st is not None:
            out[sys.executable] = st
    from vn.watch import stat_tree

    out.update(stat_tree([ENGINE_ROOT], (".py",), skip=(".", "_bundled", "__pycache__")))
    return out


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


class FirstFrame:
    """The kept first frame of one game's title in one window configuration.

    `show(pygame)` opens the window and shows the kept frame when a valid one exists;
    `keep(canvas, …)` is called with the first frame the real title drew."""

    def __init__(self, folder: Path, layers: list[Path], size: tuple[int, int] | None, fullscreen: bool,
                 lang: str | None) -> None:
        self.folder = folder
        self.layers = [Path(p) for p in layers]
        ident = json.dumps([[str(p) for p in self.layers], list(size) if size else None, bool(fullscreen), lang])
        self.id = hashlib.sha256(ident.encode()).hexdigest()[:32]
        self.path = folder / f"{self.id}.frame"
        self.shown: bytes | None = None  # the pixels shown, when a valid entry was
        self.stale = True  # the entry must be (re)written after the first real frame

    # -- what the frame is made from ------------------------------------------------------------

    def _files(self, extra: list[str]) -> dict[str, tuple[int, int] | None]:
        from vn.watch import snapshot

        files: dict[str, tuple[int, int] | None] = dict(snapshot(self.layers))
        files.update(_engine_files())
        for p in extra:
            files[p] = _stat(p)
        return files

    @staticmethod
    def _key(pygame) -> str:
        import vn

        return json.dumps([FORMAT, VERSION, vn.__version__, pygame.version.ver, list(pygame.get_sdl_version()),
                           sys.byteorder])

    # -- reading --------------------------------------------------------------------------------

    def read(self, pygame) -> tuple[dict[str, Any], bytes] | None:
        """The entry's header and pixels when it is ours, whole and made from the files as they
        are now; None otherwise (never raises on a bad file)."""
        try:
            with open(self.path, "rb") as f:
                line = f.readline(MAX_HEADER)
                pixels = f.read()
            head = json.loads(line)
            if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("version") != VERSION:
                return None
            if head.get("key") != self._key(pygame):
                return None
            w, h = head["size"]
            if not (isinstance(w, int) and isinstance(h, int) and 0 < w <= 16384 and 0 < h <= 16384):
                return None
            if len(pixels) != w * h * 3 or hashlib.sha256(pixels).hexdigest() != head["pixels"]:
                return None
            if not self._current(head):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return head, pixels

    def _current(self, head: dict[str, Any]) -> bool:
        """True when every file the frame was made from is as it was (see the module's doc)."""
        kept: dict[str, list] = head["files"]
        extra = [p for p in head["extra"] if isinstance(p, str)]
        now = self._files(extra)
        if set(now) != set(kept):
            return False
        written = int(head["written_ns"])
        fresh = True
        for path, st in now.items():
            mtime, size, digest = kept[path]
            if st is None or digest is None:
                if st is not None or digest is not None:
                    return False  # appeared or disappeared
                continue
            if st[1] != size:
                return False
            if st[0] == mtime and mtime < written - RACY_NS:
                continue
            if _digest(path) != digest:
                return False
            fresh = False  # same content, new times: write the entry again with them
        self.stale = not fresh
        return True

    def show(self, pygame) -> bool:
        """Open the window as the entry says the game opened it and show the kept frame; False
        (and nothing opened) when there is no valid entry."""
        got = self.read(pygame)
        if got is None:
            return False
        head, pixels = got
        size = tuple(head["size"])
        try:
            pygame.display.init()
            pygame.display.set_caption(str(head.get("caption", "")))
            if head.get("fullscreen"):
                surface = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                surface = pygame.display.set_mode(tuple(head["window"]), pygame.RESIZABLE)
            if surface.get_size() != size:  # another monitor: the real title draws the first frame
                return False
            surface.blit(pygame.image.frombytes(pixels, size, "RGB"), (0, 0))
            pygame.display.flip()
        except (pygame.error, ValueError, TypeError):
            return False
        self.shown = pixels
        return True

    # -- writing --------------------------------------------------------------------------------

    def keep(self, pygame, canvas, *, caption: str, window: tuple[int, int], fullscreen: bool,
             extra: list[str]) -> bool:
        """Write `canvas` (the title's first real frame) as the entry, unless the one shown was
        made from the same files and has the same pixels. `extra`: files outside the game's
        folders the frame depends on (the settings file). Returns True when written; a folder
        that cannot be written is not an error (the next start draws the title itself)."""
        from vn.atomicfile import atomic_write

        pixels = pygame.image.tobytes(canvas, "RGB")
        if self.shown is not None and not self.stale and pixels == self.shown:
            return False
        written = time.time_ns()
        files: dict[str, list] = {}
        for path, st in self._files(extra).items():
            files[path] = [None, None, None] if st is None else [st[0], st[1], _digest(path)]
        head = {"format": FORMAT, "version": VERSION, "key": self._key(pygame), "size": list(canvas.get_size()),
                "window": list(window), "fullscreen": bool(fullscreen), "caption": caption,
                "written_ns": written, "extra": list(extra), "files": files,
                "pixels": hashlib.sha256(pixels).hexdigest()}
        try:
            atomic_write(self.path, json.dumps(head).encode() + b"\n" + pixels, durable=False)
            self._prune()
        except OSError:
            return False
        return True

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.frame"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            try:
                old.unlink()
            except OSError:
                pass


def for_game(game_dir: Path | None, size: tuple[int, int] | None, fullscreen: bool,
             lang: str | None) -> FirstFrame | None:
    """The kept first frame of the game in `game_dir` (None: the bundled game) in the user
    cache folder; None when caching is off (`VN_CACHE_DIR=off`)."""
    from vn.cachedir import cache_dir

    folder = cache_dir("frames")
    if folder is None:
        return None
    from vn.folders import layers_for

    layers = layers_for(game_dir)
    return FirstFrame(folder, layers, size, fullscreen, lang)

"""Noticing that a game's files changed, by polling their modification times.

Polling a game folder (a few hundred files) costs well under a millisecond of CPU per scan, so a
scan every half second is cheaper when idle than a file-watching library's thread, and needs no
dependency; it works the same on every platform and on network folders. Used by
`vn check --watch` and by hot reload in `vn play`.
"""

from __future__ import annotations

import os
from pathlib import Path

WATCHED = ("scripts", "assets", "translations")
SUFFIXES = (".yaml", ".yml", ".tmx", ".tsx", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".ogg", ".wav",
            ".mp3", ".flac", ".opus", ".ttf", ".otf", ".lock")


def snapshot(roots: list[Path]) -> dict[str, tuple[int, int]]:
    """path -> (mtime in ns, size) of every watched file under the roots' scripts/, assets/
    and translations/ folders. Unreadable folders are skipped."""
    out: dict[str, tuple[int, int]] = {}
    stack = [root / sub for root in roots for sub in WATCHED]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            try:
                if e.is_dir(follow_symlinks=False):
                    if not e.name.startswith("."):
                        stack.append(Path(e.path))
                elif e.name.lower().endswith(SUFFIXES) and not e.name.startswith("."):
                    st = e.stat()
                    out[e.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue
    return out


class FolderWatch:
    """`changed()` returns the files added, removed or modified since the last call."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = list(roots)
        self.last = snapshot(self.roots)

    def changed(self) -> list[str]:
        now = snapshot(self.roots)
        diff = sorted(p for p in set(now) | set(self.last) if now.get(p) != self.last.get(p))
        self.last = now
        return diff

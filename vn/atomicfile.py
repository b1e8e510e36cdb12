"""Writing a file atomically: a temporary file in the same folder, renamed over the old one, so
a crash or a kill at any moment leaves the old file or the new one whole, never half of one.

One writer for everything the engine keeps on disk: saves and the cross-run data (durable, the
saves with a `.bak` of the previous file), settings (durable), the compiled-program and raster
caches (not synced: a lost cache entry is rebuilt), and the files the tools write.
Temporary files are named `.NAME.XXXX.tmp` beside `NAME`; ones a killed writer left behind are
cleared by the next write of the same file once they are a minute old.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path

STALE_AFTER = 60.0  # seconds: an older temporary file of ours belongs to a writer that was killed


def atomic_write(path: Path, data: bytes, *, durable: bool = True, keep_backup: bool = False) -> None:
    """Replace `path` with `data` (its folder is made if missing).

    `durable`: the file and its folder entry are fsync'd before this returns (power loss keeps
    the new file); off for caches. `keep_backup`: the previous file stays as `path` + ".bak",
    with no moment where `path` is missing. Raises OSError when the folder cannot be written;
    the temporary file is removed then."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    _clear_stale(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if keep_backup and path.exists():
            _backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(folder)


def atomic_write_text(path: Path, text: str, *, durable: bool = True, keep_backup: bool = False) -> None:
    """`atomic_write` of `text` as UTF-8 with "\\n" line ends."""
    atomic_write(path, text.encode("utf-8"), durable=durable, keep_backup=keep_backup)


def _clear_stale(path: Path) -> None:
    """Remove temporary files a killed writer left for `path` (only old ones, so a write in
    progress in another process is never touched)."""
    limit = time.time() - STALE_AFTER
    for p in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < limit:
                p.unlink()


def _backup(path: Path) -> None:
    """path -> path.bak without a moment where `path` is missing: a hard link renamed into place
    (a copy where links are not supported)."""
    bak = path.with_name(path.name + ".bak")
    link = path.with_name(f".{path.name}.bak.tmp")
    with contextlib.suppress(FileNotFoundError):
        link.unlink()
    try:
        os.link(path, link)
    except OSError:
        shutil.copyfile(path, link)
    os.replace(link, bak)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

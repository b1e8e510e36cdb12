"""Which characters a game's fonts can draw, read from the fonts' `cmap` tables (no pygame).

`vn check` uses it to warn, at the line and column, about a character no font of the game has
(it would show as a box). Only the character maps are read (OpenType spec, `cmap` formats 4 and
12: https://learn.microsoft.com/typography/opentype/spec/cmap); a file that is not a readable
font covers nothing.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterable
from pathlib import Path

from vn.stage.filekind import FONT_SUFFIXES


def bundled_font_dirs() -> list[Path]:
    """The engine's own fonts: the repository's `assets/fonts/` in a checkout, else the copy
    packed into the installed wheel."""
    package = Path(__file__).resolve().parent.parent
    candidates = [package.parent / "assets" / "fonts", package / "_bundled" / "assets" / "fonts"]
    return [p for p in candidates if p.is_dir()] or candidates[:1]


def cmap_ranges(data: bytes) -> list[tuple[int, int]]:
    """Inclusive code point ranges a TrueType/OpenType font maps to glyphs ([] if unreadable)."""
    try:
        return _ranges(data)
    except (struct.error, IndexError, ValueError):
        return []


def _ranges(data: bytes) -> list[tuple[int, int]]:
    if data[:4] == b"ttcf":  # a collection: the first font
        data_off = struct.unpack(">I", data[12:16])[0]
    else:
        data_off = 0
    num_tables = struct.unpack(">H", data[data_off + 4:data_off + 6])[0]
    cmap = None
    for i in range(num_tables):
        rec = data_off + 12 + 16 * i
        if data[rec:rec + 4] == b"cmap":
            cmap = struct.unpack(">I", data[rec + 8:rec + 12])[0]
    if cmap is None:
        return []
    n = struct.unpack(">H", data[cmap + 2:cmap + 4])[0]
    subtables: dict[tuple[int, int], int] = {}
    for i in range(n):
        plat, enc, off = struct.unpack(">HHI", data[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
        subtables[(plat, enc)] = cmap + off
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
        if key in subtables:
            at = subtables[key]
            fmt = struct.unpack(">H", data[at:at + 2])[0]
            if fmt == 12:
                return _format12(data, at)
            if fmt == 4:
                return _format4(data, at)
    return []


def _format12(data: bytes, at: int) -> list[tuple[int, int]]:
    groups = struct.unpack(">I", data[at + 12:at + 16])[0]
    out = []
    for g in range(min(groups, 200_000)):
        start, end, _glyph = struct.unpack(">III", data[at + 16 + 12 * g:at + 28 + 12 * g])
        out.append((start, end))
    return out


def _format4(data: bytes, at: int) -> list[tuple[int, int]]:
    seg2 = struct.unpack(">H", data[at + 6:at + 8])[0]
    segs = seg2 // 2
    ends = struct.unpack(f">{segs}H", data[at + 14:at + 14 + seg2])
    starts_at = at + 16 + seg2
    starts = struct.unpack(f">{segs}H", data[starts_at:starts_at + seg2])
    out: list[tuple[int, int]] = []
    for i in range(segs):
        start, end = starts[i], ends[i]
        if start == 0xFFFF:
            continue
        # with an idRangeOffset the glyph ids come from an array; a 0 there (unmapped) inside a
        # mapped segment is rare enough to count the whole segment (keeps this fast)
        out.append((start, end))
    return out


class Coverage:
    """The union of several fonts' character maps."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def __bool__(self) -> bool:
        return bool(self._starts)

    def key(self) -> str:
        """A digest of the ranges: equal for coverages that answer `has` alike."""
        import hashlib

        return hashlib.sha256(repr((self._starts, self._ends)).encode()).hexdigest()

    def has(self, ch: str) -> bool:
        cp = ord(ch)
        i = bisect.bisect_right(self._starts, cp) - 1
        return i >= 0 and cp <= self._ends[i]

    @staticmethod
    def of_dirs(dirs: Iterable[Path]) -> Coverage:
        ranges: list[tuple[int, int]] = []
        for folder in dirs:
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                    try:
                        ranges.extend(cmap_ranges(path.read_bytes()))
                    except OSError:
                        continue
        return Coverage(ranges)


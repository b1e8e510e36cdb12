"""SVG rasters on disk: each image is rasterised once per size, then read back in a blink.

Rasterising a stage's SVGs takes seconds at 4K and a good part of a second at 720p, every start
and every resize. An entry is keyed by a SHA-256 of the SVG file's bytes, the pixel size and
the rasteriser (pygame-ce and SDL versions), so an edited file or a new pygame never gets an old
picture. It holds the raw pixels in pygame's own per-pixel-alpha layout (BGRA bytes: read back, they
need no conversion), zlib-compressed, after a header line (format, version, size, a SHA-256 of
the compressed pixels): a stale, truncated or foreign file is ignored and
rasterised again. Files are written atomically; the folder keeps at most `max_bytes`, the least
recently written going first.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

import pygame

from vn.atomicfile import atomic_write
from vn.render.resize import give_way

FORMAT = "vn-raster"
VERSION = 2  # 2: BGRA pixels (1 was RGBA)
RASTERISER = f"pygame-ce {pygame.version.ver} SDL {'.'.join(map(str, pygame.get_sdl_version()))}"

Size = tuple[int, int]


class RasterCache:
    def __init__(self, folder: Path, max_bytes: int = 512 << 20) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    def path(self, source: bytes, size: Size) -> Path:
        digest = hashlib.sha256(RASTERISER.encode() + b"\0" + source).hexdigest()[:40]
        return self.folder / f"{digest}-{size[0]}x{size[1]}.rgba"

    def get(self, source: bytes, size: Size) -> pygame.Surface | None:
        """The raster of the SVG `source` at `size`, or None (no entry this build can trust)."""
        try:
            raw = self.path(source, size).read_bytes()
        except OSError:
            return None
        try:
            end = raw.index(b"\n")
            header = json.loads(raw[:end])
            body = memoryview(raw)[end + 1:]
            if (not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION
                    or header.get("size") != list(size) or header.get("rasteriser") != RASTERISER
                    or header.get("sha256") != hashlib.sha256(body).hexdigest()):
                return None
            pixels = _inflate(body, size[0] * size[1] * 4)
            # the surface uses the bytearray as its pixels: no second copy of a 33 MB raster
            return pygame.image.frombuffer(pixels, size, "BGRA")
        except (ValueError, TypeError, zlib.error, pygame.error):
            return None

    def put(self, source: bytes, size: Size, surf: pygame.Surface) -> None:
        """Keep `surf` (exactly `size`) as the raster of `source`; a failure to write is ignored."""
        body = zlib.compress(pygame.image.tobytes(surf, "BGRA"), 1)
        header = json.dumps({"format": FORMAT, "version": VERSION, "size": list(size), "rasteriser": RASTERISER,
                             "sha256": hashlib.sha256(body).hexdigest()}).encode()
        try:
            atomic_write(self.path(source, size), header + b"\n" + body, durable=False)
            self._prune()
        except OSError:
            pass

    def _prune(self) -> None:
        entries = []
        for p in self.folder.glob("*.rgba"):
            try:
                st = p.stat()
            except OSError:
                continue
            entries.append((st.st_mtime, st.st_size, p))
        total = 0
        for _, nbytes, p in sorted(entries, reverse=True):
            total += nbytes
            if total > self.max_bytes:
                p.unlink(missing_ok=True)


def _inflate(body: memoryview, n: int, step: int = 4 << 20) -> bytearray:
    """The `n` bytes zlib-compressed in `body`, decompressed `step` bytes at a time into one
    buffer: zlib runs without the GIL, and between steps the frame thread gets it back (one 4K
    layer in one call held it ~90 ms while the picture waited; see vn.render.resize).
    Raises ValueError unless `body` holds exactly `n` bytes."""
    out = bytearray(n)
    d = zlib.decompressobj()
    at, data = 0, body
    while True:
        give_way()
        chunk = d.decompress(data, step)
        if at + len(chunk) > n:
            raise ValueError("too long")
        out[at:at + len(chunk)] = chunk
        at += len(chunk)
        data = d.unconsumed_tail
        if not data:
            break
    rest = d.flush()
    if not d.eof or at + len(rest) != n:
        raise ValueError("wrong length")
    out[at:] = rest
    return out

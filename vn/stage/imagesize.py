"""The natural size of an image file, read from its header without decoding pixels.

The scene model needs a sprite's aspect ratio (to place it) and the renderer needs the size to
rasterise an SVG at exactly the size it will be drawn; neither should load pixels to learn it.
"""

from __future__ import annotations

import re
import struct
import xml.parsers.expat
from pathlib import Path

_NUM = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px)?\s*$")


def natural_size(path: Path) -> tuple[float, float] | None:
    """(width, height) of a PNG or SVG file; None when unknown or unreadable."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return None
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        w, h = struct.unpack(">II", head[16:24])
        return (float(w), float(h)) if w and h else None
    if str(path).lower().endswith(".svg") or b"<svg" in head[:4096]:
        return _svg_size(head)
    return None


def _svg_size(head: bytes) -> tuple[float, float] | None:
    found: dict[str, str] = {}
    parser = xml.parsers.expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        if not found and (tag == "svg" or tag.endswith(":svg") or tag.endswith(" svg")):
            found.update(attrs)
            found["_seen"] = "1"
            raise _Done

    parser.StartElementHandler = start
    try:
        parser.Parse(head, False)
    except _Done:
        pass
    except xml.parsers.expat.ExpatError:
        return None
    if not found:
        return None
    w, h = _length(found.get("width")), _length(found.get("height"))
    if w and h:
        return (w, h)
    box = found.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            bw, bh = float(box[2]), float(box[3])
        except ValueError:
            return None
        if bw > 0 and bh > 0:
            return (bw, bh)
    return None


def _length(text: str | None) -> float | None:
    if not text:
        return None
    m = _NUM.match(text)
    return float(m.group(1)) if m and float(m.group(1)) > 0 else None


class _Done(Exception):
    pass

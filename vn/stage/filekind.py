"""What a game file really is, from its first and last bytes — before any decoder sees it.

A font or image that is empty, a git-lfs or git-annex pointer committed in place of the real
file, an HTML error page saved under a `.png` name, a truncated PNG or SVG, or an image too big
to decode: `sniff` names it, and `problem` says what is wrong with it for the use its name
promises. `vn check` reports these (`check_assets`); the renderer asks before decoding and
shows a placeholder instead. Imports no pygame.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from vn.script.diagnostics import Diagnostic, error, warning
from vn.script.limits import MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tga", ".svg")


@dataclass(frozen=True)
class Kind:
    """`name`: empty, missing, lfs-pointer, annex-pointer, png, jpeg, gif, bmp, webp, svg,
    font, html, text, binary. `size`: pixel size when known. `truncated`: the file ends early."""

    name: str
    size: tuple[int, int] | None = None
    truncated: bool = False
    nbytes: int = 0

    def describe(self) -> str:
        return {
            "empty": "an empty file (0 bytes)",
            "missing": "missing or unreadable",
            "lfs-pointer": "a git-lfs pointer, not the file itself (run `git lfs pull`)",
            "annex-pointer": "a git-annex pointer, not the file itself (run `git annex get`)",
            "png": "a PNG image", "jpeg": "a JPEG image", "gif": "a GIF image", "bmp": "a BMP image",
            "webp": "a WebP image", "svg": "an SVG image", "font": "a font",
            "html": "an HTML page", "text": "a text file",
        }.get(self.name, "a file of unknown binary data")


_FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF", b"wOF2", b"typ1")


def sniff(path: Path) -> Kind:
    """Name what `path` holds (never raises)."""
    try:
        nbytes = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4096)
            if nbytes > 4096:
                f.seek(max(0, nbytes - 4096))
            tail = f.read(4096) if nbytes > 4096 else head
    except OSError:
        return Kind("missing")
    if nbytes == 0:
        return Kind("empty")
    if head.startswith(b"version https://git-lfs.github.com/spec/"):
        return Kind("lfs-pointer", nbytes=nbytes)
    if b"/annex/objects/" in head[:512] and nbytes < 1024:
        return Kind("annex-pointer", nbytes=nbytes)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        size = None
        if len(head) >= 24 and head[12:16] == b"IHDR":
            w, h = struct.unpack(">II", head[16:24])
            size = (w, h)
        return Kind("png", size, truncated=b"IEND" not in tail[-64:], nbytes=nbytes)
    if head.startswith(b"\xff\xd8\xff"):
        return Kind("jpeg", _jpeg_size(path), truncated=not tail.rstrip(b"\x00").endswith(b"\xff\xd9"),
                    nbytes=nbytes)
    if head[:6] in (b"GIF87a", b"GIF89a"):
        size = struct.unpack("<HH", head[6:10]) if len(head) >= 10 else None
        return Kind("gif", size, nbytes=nbytes)
    if head[:2] == b"BM" and len(head) >= 26:
        w, h = struct.unpack("<ii", head[18:26])
        return Kind("bmp", (abs(w), abs(h)), nbytes=nbytes)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind("webp", nbytes=nbytes)
    if head[:4] in _FONT_MAGIC:
        return Kind("font", nbytes=nbytes)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")):
        return Kind("html", nbytes=nbytes)
    if b"<svg" in head.lower():
        closed = b"</svg>" in tail.lower() or (b"/>" in tail and b"<svg" in head.lower() and nbytes <= 4096
                                               and head.rstrip().endswith(b"/>"))
        return Kind("svg", truncated=not closed, nbytes=nbytes)
    try:
        head.decode("utf-8")
        return Kind("text", nbytes=nbytes)
    except UnicodeDecodeError:
        return Kind("binary", nbytes=nbytes)


def _jpeg_size(path: Path) -> tuple[int, int] | None:
    try:
        data = path.open("rb").read(262144)
    except OSError:
        return None
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        seg = struct.unpack(">H", data[i + 2:i + 4])[0]
        i += 2 + seg
    return None


_BITMAPS = ("png", "jpeg", "gif", "bmp", "webp")


def problem(path: Path) -> tuple[str, str, bool] | None:
    """(message, hint, fatal) for a font or image file that cannot be used as its name says;
    None when it looks right. `fatal` False: usable but misnamed."""
    suffix = path.suffix.lower()
    kind = sniff(path)
    wants = "a font" if suffix in FONT_SUFFIXES else "an SVG image" if suffix == ".svg" else "an image"
    if kind.name in ("missing", "empty", "lfs-pointer", "annex-pointer", "html", "text", "binary"):
        return (f"this {suffix} file is {kind.describe()}", f"it should be {wants}; replace it with the real file",
                True)
    if suffix in FONT_SUFFIXES:
        if kind.name != "font":
            return (f"this font file is {kind.describe()}", "it should be a TrueType or OpenType font", True)
        if _font_cut_short(path):
            return ("this font file is cut short (its tables run past the end of the file)",
                    "download or copy the font again", True)
        return None
    if suffix == ".svg":
        if kind.name != "svg":
            return (f"this .svg file is {kind.describe()}", "rename it to the right extension, or export an SVG",
                    kind.name not in _BITMAPS)
        if kind.truncated:
            return ("this SVG image is cut short (no closing </svg>)", "export it again", True)
        return None
    if kind.name == "svg":
        return (f"this {suffix} file is an SVG image", "rename it to .svg", True)
    if kind.name not in _BITMAPS:
        return (f"this {suffix} file is {kind.describe()}", f"it should be {wants}", True)
    if kind.size is not None:
        w, h = kind.size
        if w > MAX_IMAGE_SIDE or h > MAX_IMAGE_SIDE or w * h > MAX_IMAGE_PIXELS:
            return (f"this image is {w}x{h} pixels, too large to load",
                    f"images are at most {MAX_IMAGE_SIDE} pixels a side and {MAX_IMAGE_PIXELS:,} pixels "
                    "in all; scale it down", True)
        if w == 0 or h == 0:
            return (f"this image is {w}x{h} pixels", "export it again", True)
    if kind.truncated:
        return (f"this {kind.name.upper()} image is cut short (the file ends before the image does)",
                "export or download it again", True)
    expected = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".bmp": "bmp", ".webp": "webp"}
    if suffix in expected and expected[suffix] != kind.name:
        return (f"this {suffix} file is {kind.describe()}", f"rename it to .{kind.name.replace('jpeg', 'jpg')}",
                False)
    return None


def _font_cut_short(path: Path) -> bool:
    """An sfnt font whose table directory points past the end of the file."""
    try:
        data = path.read_bytes()
    except OSError:
        return True
    if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return False  # collections and web fonts: left to the font engine
    if len(data) < 12:
        return True
    n = struct.unpack(">H", data[4:6])[0]
    if len(data) < 12 + 16 * n:
        return True
    for i in range(n):
        offset, length = struct.unpack(">II", data[12 + 16 * i + 8:12 + 16 * i + 16])
        if offset + length > len(data):
            return True
    return False


def check_assets(roots: list[Path]) -> list[Diagnostic]:
    """A diagnostic for every font and image under each root's `assets/` that is not what its
    name says (see `problem`)."""
    out: list[Diagnostic] = []
    for root in roots:
        folder = root / "assets"
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            suffix = path.suffix.lower()
            if suffix not in FONT_SUFFIXES + IMAGE_SUFFIXES or not path.is_file():
                continue
            found = problem(path)
            if found is not None:
                message, hint, fatal = found
                out.append((error if fatal else warning)(str(path), 0, 0, message, hint))
    return out

"""Kind 4 of issue 10: a font or image that is empty, a git-lfs/git-annex pointer, truncated,
misnamed or too large is named by `vn check` (what it is, what it should be) and drawn as a
placeholder (or the default font) by the game, never a crash."""

from __future__ import annotations

import os
import struct
import warnings
import zlib
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.stage.helpers import ROOT  # noqa: E402
from vn.stage.filekind import check_assets, problem, sniff  # noqa: E402

LFS = b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 12345\n"
ANNEX = b"../../.git/annex/objects/Xx/Yy/SHA256E-s1--abc.png/SHA256E-s1--abc.png"


def png(w: int, h: int, truncate: bool = False) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x40\x20\xff" * w for _ in range(min(h, 4)))
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw))
    data = b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")
    return data[: len(data) // 2] if truncate else data


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
FONT = (ROOT / "assets" / "fonts" / "Lato-Regular.ttf").read_bytes()

BROKEN = {  # name -> (bytes, words the message must hold)
    "empty.png": (b"", "empty"),
    "lfs.png": (LFS, "git-lfs"),
    "annex.svg": (ANNEX, "git-annex"),
    "html.png": (b"<!DOCTYPE html><html><body>404</body></html>", "HTML"),
    "cut.png": (png(8, 8, truncate=True), "cut short"),
    "cut.svg": (SVG[:40], "cut short"),
    "huge.png": (png(20000, 20000)[:60] + png(1, 1)[-12:], "20000x20000"),
    "font.png": (FONT[:2048], "a font"),
    "cut.ttf": (FONT[:5000], "cut short"),
    "empty.ttf": (b"", "empty"),
    "lfs.otf": (LFS, "git-lfs"),
    "image.ttf": (png(4, 4), "PNG"),
    "text.ttf": (b"just some text\n", "text file"),
    "svg.png": (SVG, "SVG"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_check_names_what_the_file_is(tmp_path: Path, name: str) -> None:
    data, words = BROKEN[name]
    (tmp_path / "assets" / "x").mkdir(parents=True)
    path = tmp_path / "assets" / "x" / name
    path.write_bytes(data)
    found = problem(path)
    assert found is not None and found[2], (name, found)
    diags = check_assets([tmp_path])
    assert len(diags) == 1 and diags[0].severity == "error" and diags[0].path == str(path)
    assert words in diags[0].message, diags[0].message
    assert diags[0].hint


def test_good_files_and_a_misnamed_jpeg(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "ok.png").write_bytes(png(4, 4))
    (tmp_path / "assets" / "ok.svg").write_bytes(SVG)
    (tmp_path / "assets" / "ok.ttf").write_bytes(FONT)
    assert check_assets([tmp_path]) == []
    (tmp_path / "assets" / "photo.png").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100 + b"\xff\xd9")
    diags = check_assets([tmp_path])
    assert len(diags) == 1 and diags[0].severity == "warning" and "JPEG" in diags[0].message
    assert sniff(tmp_path / "assets" / "ok.png").size == (4, 4)


def test_the_bundled_game_assets_are_clean() -> None:
    assert check_assets([ROOT]) == []


@pytest.mark.parametrize("name", ["empty.png", "lfs.png", "cut.png", "huge.png", "html.png", "cut.svg", "svg.png",
                                  "annex.svg"])
def test_the_game_draws_a_placeholder_for_a_broken_image(tmp_path: Path, name: str) -> None:
    from vn.render.images import ImageCache

    pygame.init()
    path = tmp_path / name
    path.write_bytes(BROKEN[name][0])
    cache = ImageCache()
    surf = cache.get(path, (64, 48))
    assert surf.get_size() == (64, 48)
    assert cache.is_placeholder(path) and len(cache.warnings) == 1
    assert pygame.transform.average_color(surf)[3] > 0  # something visible, not a hole


@pytest.mark.parametrize("data", [b"", LFS, b"<html></html>", png(4, 4), FONT[:100]],
                         ids=["empty", "lfs", "html", "png", "cut-font"])
def test_a_broken_font_falls_back_with_a_warning(tmp_path: Path, data: bytes) -> None:
    from vn.render.text import FontBook, TextRenderer
    from vn.story.text import RichText, Run

    pygame.font.init()
    (tmp_path / "EBGaramond12-Regular.otf").write_bytes(data)
    book = FontBook([tmp_path] + FontBook().font_dirs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layout = TextRenderer(book).layout(RichText((Run("Hello, world"),)), 400, 30)
    assert layout.width > 0
    assert any("EBGaramond12-Regular.otf" in str(w.message) for w in caught)

"""`vn check` on audio: a missing file and a file that cannot be played are positioned errors."""

from __future__ import annotations

import argparse
import struct
import wave
import zlib
from pathlib import Path

import pytest

from vn.audio.formats import ogg_crc, problem
from vn.game import bundled_root, load_game
from vn.tools import check

BUNDLED_AUDIO = bundled_root() / "assets" / "audio"


def _reference_crc(data: bytes) -> int:
    """RFC 3533's CRC written out bit by bit (slow, obviously right)."""
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def test_the_fast_ogg_crc_is_rfc_3533s():
    for data in (b"", b"OggS", bytes(range(256)), b"\xff" * 33, zlib.compress(b"vn" * 500)):
        assert ogg_crc(data) == _reference_crc(data)


def ogg_page(serial: int, seq: int, flags: int, packet: bytes) -> bytes:
    segments = [255] * (len(packet) // 255) + [len(packet) % 255]
    header = struct.pack("<4sBBqIIIB", b"OggS", 0, flags, 0, serial, seq, 0, len(segments)) + bytes(segments)
    page = bytearray(header + packet)
    page[22:26] = struct.pack("<I", ogg_crc(bytes(page)))
    return bytes(page)


def test_a_whole_ogg_stream_passes_and_damage_is_named(tmp_path):
    ident = b"\x01vorbis" + bytes(23)
    good = ogg_page(7, 0, 0x02, ident) + ogg_page(7, 1, 0, b"a" * 600) + ogg_page(7, 2, 0x04, b"b" * 10)
    cases = {
        "good.ogg": (good, None),
        "truncated.ogg": (good[:-20], "truncated"),
        "no_end.ogg": (good[: -len(ogg_page(7, 2, 0x04, b"b" * 10))], "no end page"),
        "flipped.ogg": (good[:100] + bytes([good[100] ^ 1]) + good[101:], "checksum"),
        "skipped.ogg": (ogg_page(7, 0, 0x02, ident) + ogg_page(7, 2, 0x04, b"b"), "out of sequence"),
        "opus.ogg": (ogg_page(3, 0, 0x06, b"OpusHead" + bytes(11)), None),
        "not_audio.ogg": (ogg_page(3, 0, 0x06, b"\x80theora" + bytes(11)), "no Vorbis or Opus"),
        "text.ogg": (b"this is not sound", "not an Ogg stream"),
        "empty.ogg": (b"", "empty"),
        "trailing.ogg": (good + b"junk", "something else after the end"),
    }
    for name, (data, expected) in cases.items():
        (tmp_path / name).write_bytes(data)
        got = problem(tmp_path / name)
        assert (got is None) if expected is None else (got is not None and expected in got), (name, got)


def test_wav_files_are_checked_by_their_chunks(tmp_path):
    path = tmp_path / "a.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(bytes(4000))
    assert problem(path) is None
    data = path.read_bytes()
    path.write_bytes(data[:-1000])
    assert "truncated" in problem(path)


@pytest.mark.skipif(not BUNDLED_AUDIO.is_dir(), reason="the bundled game has no audio folder")
def test_every_bundled_audio_file_is_playable():
    files = sorted(BUNDLED_AUDIO.glob("*.ogg"))
    assert files
    assert {p.name: problem(p) for p in files} == {p.name: None for p in files}


def make_game(tmp_path: Path) -> Path:
    root = tmp_path / "game"
    (root / "scripts").mkdir(parents=True)
    (root / "assets" / "audio").mkdir(parents=True)
    (root / "scripts" / "game.yaml").write_text("start: start\ncharacters:\n  a: {name: A}\n")
    (root / "scripts" / "s.yaml").write_text(
        "start:\n  - music: broken.ogg\n    fade: 1s\n  - Hi.\n  - sound: gone.ogg\n  - sound: broken.ogg\n"
        "  - music: fine.ogg\n")
    (root / "assets" / "audio" / "broken.ogg").write_bytes(b"OggS" + bytes(60))
    ident = b"\x01vorbis" + bytes(23)
    (root / "assets" / "audio" / "fine.ogg").write_bytes(ogg_page(1, 0, 0x06, ident))
    return root


def test_vn_check_puts_missing_and_broken_audio_at_the_steps_that_use_them(tmp_path, capsys):
    root = make_game(tmp_path)
    assert not any("broken.ogg" in d.message for d in load_game(root).diagnostics)  # play: not read
    game = load_game(root, check_audio=True)
    missing = [d for d in game.diagnostics if "gone.ogg" in d.message]
    assert len(missing) == 1 and missing[0].line == 5 and missing[0].severity == "error"
    broken = [d for d in game.diagnostics if "broken.ogg" in d.message]
    assert [(Path(d.path).name, d.line, d.col, d.severity) for d in broken] == \
        [("s.yaml", 2, 12, "error"), ("s.yaml", 6, 12, "error")]
    assert all("is damaged" in d.message and d.hint for d in broken)
    parser = argparse.ArgumentParser()
    check.add_arguments(parser)
    assert check.run(parser.parse_args([str(root)])) == 1
    out = capsys.readouterr().out
    assert "s.yaml:2:12: error: audio file 'assets/audio/broken.ogg' is damaged" in out
    assert "'assets/audio/fine.ogg'" not in out

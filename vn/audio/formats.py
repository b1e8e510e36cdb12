"""Is an audio file one the game can play? A fast structural check for `vn check`, no pygame.

Decoding every file to check it would cost seconds (a minute of Vorbis takes most of a second
to decode); reading its structure costs milliseconds and finds what actually goes wrong with
audio files in a game folder: a truncated copy, a file renamed to `.ogg` that is something
else, a damaged download, an empty file.

- Ogg (Vorbis, Opus; `.ogg`, `.oga`, `.opus`): every page's capture pattern, version, sequence
  number and CRC (RFC 3533), the codec's identification header in the first page, an
  end-of-stream page at the end and nothing after it.
- WAV: the RIFF/WAVE chunks, a PCM-family `fmt ` chunk and a `data` chunk inside the file.
- FLAC: the `fLaC` marker and a STREAMINFO block.
- MP3: an ID3 tag or an MPEG audio frame header at the start.
`problem(path)` gives a sentence saying what is wrong, or None.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

SUFFIXES = (".ogg", ".oga", ".opus", ".wav", ".flac", ".mp3")

_REVERSED = bytes(int(f"{b:08b}"[::-1], 2) for b in range(256))


def ogg_crc(data: bytes) -> int:
    """Ogg's page checksum: CRC-32 with polynomial 0x04c11db7, not reflected, initial value 0 and
    no final XOR (RFC 3533 §6). zlib's CRC-32 is the reflected twin with initial and final
    0xffffffff: on bit-reversed bytes, and with those constants cancelled (CRC is affine in its
    initial value, so XOR-ing in the CRC of as many zero bytes removes them), it gives the same
    number bit-reversed — at C speed."""
    reflected = zlib.crc32(data.translate(_REVERSED)) ^ zlib.crc32(bytes(len(data)))
    return int(f"{reflected:032b}"[::-1], 2)


def problem(path: Path) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if not data:
        return "is empty"
    suffix = Path(path).suffix.lower()
    if data[:4] == b"OggS":
        return _ogg(data)
    if data[:4] == b"RIFF":
        return _wav(data)
    if data[:4] == b"fLaC":
        return _flac(data)
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return None  # MPEG audio: an ID3 tag or a frame header
    expected = {".ogg": "an Ogg stream", ".oga": "an Ogg stream", ".opus": "an Ogg stream",
                ".wav": "a WAV file", ".flac": "a FLAC file", ".mp3": "an MP3 file"}.get(suffix, "audio")
    return f"is not {expected} (it starts with {data[:8]!r})"


def _ogg(data: bytes) -> str | None:
    pos, pages, streams = 0, 0, {}
    ended: set[int] = set()
    while pos < len(data):
        if data[pos:pos + 4] != b"OggS":
            if ended and len(streams) == len(ended):
                return f"has {len(data) - pos} bytes of something else after the end of the stream"
            return f"is damaged: no Ogg page where one should start (byte {pos})"
        if pos + 27 > len(data):
            return f"is truncated (it ends inside page {pages + 1})"
        version, flags, _granule, serial, seq, crc, count = struct.unpack_from("<BBqIIIB", data, pos + 4)
        if version != 0:
            return f"has an Ogg page of unknown version {version}"
        if pos + 27 + count > len(data):
            return f"is truncated (it ends inside page {pages + 1})"
        body = sum(data[pos + 27: pos + 27 + count])
        end = pos + 27 + count + body
        if end > len(data):
            return f"is truncated (it ends inside page {pages + 1})"
        page = bytearray(data[pos:end])
        page[22:26] = b"\0\0\0\0"
        if ogg_crc(bytes(page)) != crc:
            return f"is damaged: page {pages + 1} fails its checksum"
        if flags & 0x02:  # beginning of a stream: the codec's identification header
            packet = data[pos + 27 + count: end]
            if not (packet.startswith(b"\x01vorbis") or packet.startswith(b"OpusHead")):
                return "holds no Vorbis or Opus audio"
            streams[serial] = seq
        elif serial not in streams:
            return f"is damaged: page {pages + 1} belongs to no stream"
        elif seq != streams[serial] + 1:
            return f"is missing data: page {pages + 1} is out of sequence"
        streams[serial] = seq
        if flags & 0x04:
            ended.add(serial)
        pages += 1
        pos = end
    if not streams:
        return "holds no Ogg stream"
    if len(ended) < len(streams):
        return "is truncated (the stream has no end page)"
    return None


def _wav(data: bytes) -> str | None:
    if data[8:12] != b"WAVE":
        return "is a RIFF file but not WAVE audio"
    pos, fmt, has_data = 12, None, False
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        if cid == b"fmt ":
            if size < 16:
                return "has a damaged 'fmt ' chunk"
            fmt = struct.unpack_from("<HHIIHH", data, pos + 8)
        elif cid == b"data":
            if pos + 8 + size > len(data):
                return "is truncated (its data chunk runs past the end of the file)"
            has_data = True
        pos += 8 + size + (size & 1)
    if fmt is None:
        return "has no 'fmt ' chunk"
    if fmt[0] not in (1, 3, 0xFFFE):
        return f"uses WAV encoding {fmt[0]}, which the game does not play (use PCM, or OGG Vorbis)"
    if fmt[1] == 0 or fmt[2] == 0:
        return "has no channels or no sample rate"
    if not has_data:
        return "has no 'data' chunk"
    return None


def _flac(data: bytes) -> str | None:
    if len(data) < 8 + 34 or data[4] & 0x7F != 0:
        return "has no STREAMINFO block"
    return None

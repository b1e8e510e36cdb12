"""Audio played through the real mixer, measured: SDL's `disk` driver writes what the device
would play to a file, and the amplitude envelope of that PCM is checked against the steps.

One scenario runs in a child process (the driver is chosen when the mixer starts) and the tests
read its output. A probe first checks that the disk driver works here; if not, they skip.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest

from vn.audio.mix import slider_gain

SCENARIO = Path(__file__).with_name("disk_scenario.py")
AMP = 0.5  # of full scale, the test tone's peak
LATENCY = 0.06  # seconds: a mixer buffer or two between a change and its samples


def tone_wav(path: Path, seconds: float, freq: float = 441.0) -> None:
    """A stereo 16-bit sine with whole cycles, so it loops cleanly."""
    n = int(44100 * seconds)
    frames = array("h")
    for i in range(n):
        v = int(AMP * 32767 * math.sin(2 * math.pi * freq * i / 44100))
        frames.extend((v, v))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(frames.tobytes())


def run(folder: Path, steps: list) -> tuple[dict, array]:
    raw = folder / "out.raw"
    env = dict(os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=str(raw))
    proc = subprocess.run([sys.executable, str(SCENARIO), str(folder), json.dumps(steps)],
                          env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise AssertionError(f"scenario failed:\n{proc.stdout}\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    pcm = array("h")
    pcm.frombytes(raw.read_bytes()[: (raw.stat().st_size // 4) * 4])
    return result, pcm


class Output:
    def __init__(self, result: dict, pcm: array) -> None:
        self.result, self.pcm = result, pcm
        self.marks = result["marks"]

    def offset(self, i: int, plus: float = 0.0) -> int:
        """Frame index `plus` seconds after step i ran."""
        return self.marks[i]["offset"] // 4 + int(plus * 44100)

    def rms(self, a: int, b: int) -> float:
        """RMS of the left channel over frames [a, b), as a fraction of full scale."""
        left = self.pcm[2 * a: 2 * b: 2]
        if not left:
            return 0.0
        return math.sqrt(sum(v * v for v in left) / len(left)) / 32767

    def envelope(self, i: int, start: float, end: float, step: float = 0.1) -> list[float]:
        out, t = [], start
        while t + step <= end + 1e-9:
            out.append(self.rms(self.offset(i, t), self.offset(i, t + step)))
            t += step
        return out


STEPS = [
    [0.0, "load", {"files": ["tone.wav", "short.wav"]}],
    [0.2, "music", {"file": "tone.wav", "fade": 1.0, "loop": True, "volume": 1.0, "channel": "music"}],  # 1
    [1.6, "mark", {}],                                                                                    # 2
    [2.0, "stop", {"channel": "music", "fade": 1.0}],                                                    # 3
    [3.2, "mark", {}],                                                                                    # 4
    [3.6, "music", {"file": "tone.wav", "fade": 0.0, "loop": True, "volume": 1.0, "channel": "music"}],  # 5
    [4.1, "set", {"music_volume": 0.5}],                                                                  # 6
    [4.6, "set", {"mute": True}],                                                                         # 7
    [5.0, "set", {"mute": False, "music_volume": 1.0}],                                                   # 8
    [5.05, "stop", {"channel": "music", "fade": 0.0}],                                                   # 9
    [5.3, "music", {"file": "short.wav", "fade": 0.0, "loop": True, "volume": 1.0, "channel": "ambience"}],  # 10
    [6.5, "stop", {"channel": "all", "fade": 0.0}],                                                      # 11
    [6.7, "music", {"file": "missing.ogg", "fade": 0.0, "loop": True, "volume": 1.0, "channel": "music"}],  # 12
    [6.75, "sound", {"file": "broken.ogg", "volume": 1.0, "channel": "sound"}],                          # 13
    [7.3, "mark", {}],                                                                                    # 14
]
STEADY = AMP / math.sqrt(2)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Output:
    folder = tmp_path_factory.mktemp("disk")
    tone_wav(folder / "probe.wav", 0.2)
    try:
        probe, pcm = run(folder, [[0.0, "load", {"files": ["probe.wav"]}],
                                  [0.05, "music", {"file": "probe.wav", "fade": 0.0}], [0.4, "mark", {}]])
    except (AssertionError, subprocess.TimeoutExpired, OSError, ValueError) as exc:
        pytest.skip(f"SDL's disk audio driver does not run here: {exc}")
    if not probe["started"] or probe["format"] != [44100, -16, 2] or \
            Output(probe, pcm).rms(0, len(pcm) // 2) < 0.05:
        pytest.skip(f"SDL's disk audio driver gives no usable output here ({probe})")
    tone_wav(folder / "tone.wav", 1.0)
    tone_wav(folder / "short.wav", 0.25)
    (folder / "broken.ogg").write_bytes(b"OggS" + bytes(40))
    (folder / "out.raw").unlink()
    return Output(*run(folder, STEPS))


def test_a_fade_in_rises_to_full_volume(output):
    env = output.envelope(1, LATENCY, 1.0 + LATENCY)
    assert env[0] < 0.3 * STEADY, env
    assert all(b >= a * 0.97 for a, b in zip(env[:-1], env[1:], strict=True)), env
    assert env[-1] > 0.85 * STEADY
    steady = output.rms(output.offset(2, -0.3), output.offset(2))
    assert abs(steady - STEADY) < 0.05 * STEADY, steady


def test_a_fade_out_falls_to_silence_and_stop_silences(output):
    env = output.envelope(3, LATENCY, 1.0 + LATENCY)
    assert env[0] > 0.85 * STEADY, env
    assert all(b <= a * 1.03 for a, b in zip(env[:-1], env[1:], strict=True)), env
    assert env[-1] < 0.2 * STEADY
    assert output.rms(output.offset(3, 1.0 + LATENCY), output.offset(5)) < 0.002
    assert output.rms(output.offset(9, LATENCY), output.offset(10)) < 0.002  # stop without a fade


def test_the_volume_setting_scales_amplitude_and_mute_silences(output):
    full = output.rms(output.offset(5, LATENCY), output.offset(6))
    half = output.rms(output.offset(6, LATENCY), output.offset(7))
    muted = output.rms(output.offset(7, LATENCY), output.offset(8))
    assert abs(full - STEADY) < 0.05 * STEADY
    # the mixer keeps volume in 1/128 steps
    assert abs(half / full - slider_gain(0.5)) < 1.5 / 128, (half, full)
    assert muted < 0.002


def test_a_loop_keeps_playing_past_its_length(output):
    # short.wav lasts 0.25 s: measure well past it, in four windows up to 1.1 s in
    windows = [output.rms(output.offset(10, a), output.offset(10, a + 0.1)) for a in (0.1, 0.4, 0.7, 1.0)]
    assert all(abs(w - STEADY) < 0.06 * STEADY for w in windows), windows


def test_missing_and_broken_files_are_silence_with_a_warning(output):
    warnings = " ".join(output.result["warnings"])
    assert "missing.ogg: no such file" in warnings and "broken.ogg: cannot be played" in warnings
    assert output.rms(output.offset(12), output.offset(14)) < 0.002


def test_decoded_files_no_track_plays_are_not_kept_without_bound(tmp_path):
    import time
    from types import SimpleNamespace

    from vn.audio.mixer import KEEP_UNUSED, MixerAudio
    from vn.session import Settings

    for k in range(KEEP_UNUSED + 3):
        tone_wav(tmp_path / f"t{k}.wav", 0.05, 441.0 + k * 10)
    audio = MixerAudio(lambda name: tmp_path / name if (tmp_path / name).is_file() else None)
    if not audio.start():
        pytest.skip("no mixer here, not even with the dummy driver")
    try:
        settings, now = Settings(), 0.0
        for k in range(KEEP_UNUSED + 3):
            audio.play(SimpleNamespace(command="music", args={"file": f"t{k}.wav", "fade": 0.0}), now)
            deadline = time.monotonic() + 10
            while not any(t.length for t in audio.mix.tracks if t.file == f"t{k}.wav"):
                assert time.monotonic() < deadline, "the file never started"
                audio.update(now, settings)
                time.sleep(0.01)
                now += 0.01
        now += 1.0
        audio.update(now, settings)
        kept = [name for name, sound in audio._sounds.items() if sound is not None]
        assert len(kept) <= KEEP_UNUSED + 1 and f"t{KEEP_UNUSED + 2}.wav" in kept, kept
    finally:
        audio.close()

"""The sound device is paused while nothing sounds (SDL then mixes nothing) and running again
before a sound starts."""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path

import pygame
import pytest

from vn.audio.mixer import MixerAudio
from vn.session import Settings


class Device:
    """Stands in for SDL_mixer's `Mix_PauseAudio`, recording the calls."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def Mix_PauseAudio(self, pause: int) -> None:  # noqa: N802 (SDL's name)
        self.calls.append(pause)


def test_the_device_pauses_in_silence_and_runs_before_a_sound(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    tone = tmp_path / "tone.wav"
    with wave.open(str(tone), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(array("h", [int(8000 * math.sin(i / 10)) for i in range(8820)]).tobytes())
    audio = MixerAudio(lambda name: tmp_path / name)
    try:
        if not audio.start():
            pytest.skip("no sound device here, not even SDL's dummy one")
        assert audio._device is not None  # SDL_mixer 2.8 in pygame-ce's wheel
        device = audio._device = Device()
        settings = Settings()
        audio.update(0.0, settings)
        assert device.calls == [1]  # nothing sounds: paused
        audio.mix.play_looped("music", "tone.wav", 0.1)
        for n in range(200):  # the file decodes on a thread; the track starts when it is ready
            audio.update(0.1 + n * 0.01, settings)
            if audio._channels:
                break
            pygame.time.wait(10)
        assert audio._channels and device.calls == [1, 0]  # running again as the sound starts
        audio.mix.stop("music", 3.0)
        audio.update(3.0, settings)
        assert device.calls == [1, 0]  # fading out (a declick at least): still running
        audio.update(5.0, settings)
        assert device.calls == [1, 0, 1]  # silent again: paused
    finally:
        audio.close()

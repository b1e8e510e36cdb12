"""Sound: music, ambience, sound-effect and voice channels with fades, loops and ducking.

The seam between the story and the speakers. The Session hands every audio direction (`music`,
`sound`, `stop`; see `AUDIO_COMMANDS`) to an `AudioSink` and calls `update(now, settings)` as
game time passes; on a load or a rollback the host calls `restore(snapshot, now)` with the
story's stage snapshot, which carries the music and ambience playing. The core (`vn.script`,
`vn.story`, `vn.stage`) never sees any of it.

- `SilentAudio` keeps the model (`vn.audio.mix.Mix`) and plays nothing: the default of a Session,
  used by `vn render`, `vn autoplay`, `vn bench` and tests.
- `vn.audio.mixer.MixerAudio` plays through pygame-ce's mixer (imported only there), starting it
  lazily and running silent with one warning when there is no sound device.

This package imports no pygame.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from vn.audio.mix import CHANNELS, DB_RANGE, Mix, Track, Volumes, slider_gain

AUDIO_COMMANDS = frozenset({"music", "sound", "stop"})

__all__ = ["AUDIO_COMMANDS", "AudioSink", "CHANNELS", "DB_RANGE", "Mix", "SilentAudio", "Track",
           "Volumes", "slider_gain"]


class AudioSink(Protocol):
    """What a Session needs from the audio player (the window implements it with pygame)."""

    def play(self, direction: Any, now: float, skipping: bool = False) -> None:
        """One `vn.story.Direction` whose command is in AUDIO_COMMANDS, at game time `now`
        (seconds); `skipping`: the reader is skipping, so effects and voice stay quiet."""

    def restore(self, snapshot: Mapping[str, Any], now: float) -> None:
        """Music and ambience as a saved stage snapshot has them (after a load or rollback)."""

    def update(self, now: float, settings: Volumes) -> None:
        """Game time has reached `now`: move fades on, apply the player's volumes."""

    def next_change(self, now: float) -> float | None:
        """When `update` next has something to do, in game seconds (None: not until a new
        direction): the window's loop sleeps until then."""

    def refresh(self, settings: Volumes) -> None:
        """Apply changed settings now, at the last game time seen (a settings screen covers the
        game, whose time stands still, and the player should hear the slider move)."""

    def close(self) -> None:
        """Stop everything (the game is closing)."""


class SilentAudio:
    """Follows the directions in a `Mix` and plays nothing (headless hosts, tests)."""

    def __init__(self) -> None:
        self.mix = Mix()
        self.now = 0.0  # the last game time `update` was given

    def play(self, direction: Any, now: float, skipping: bool = False) -> None:
        self.mix.apply(direction.command, direction.args or {}, now, skipping)

    def restore(self, snapshot: Mapping[str, Any], now: float) -> None:
        self.mix.restore(snapshot, now)

    def update(self, now: float, settings: Volumes) -> None:
        self.now = now
        self.mix.prune(now)

    def next_change(self, now: float) -> float | None:
        return self.mix.next_change(now)

    def refresh(self, settings: Volumes) -> None:
        self.update(self.now, settings)

    def close(self) -> None:
        self.mix.stop("all", 0.0)
        self.mix.tracks.clear()

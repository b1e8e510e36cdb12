"""What should be sounding, and how loud, at any moment: a pure model of the four channels.

`Mix` turns the story's audio directions (`music`, `sound`, `stop`) and restores from a saved
snapshot into *tracks* — a file on a channel with a start time, a volume and fades — and
`levels(now, settings)` answers each track's gain at `now` without changing anything, so fades,
crossfades and ducking are functions of game time like every tween of the picture. The pygame
backend (`vn.audio.mixer`) only starts the tracks, sets the gains and stops what has finished.
No pygame here.

Channels (Ren'Py's names and habits):
- `music` and `ambience` hold one looping track each. A new file crossfades from the old one
  over the step's `fade`; the same file again keeps playing (only its volume changes), so a
  restore or a branch that asks for the music already playing never restarts it.
- `sound` plays any number of one-shot effects at once; `voice` one line at a time (a new voice
  line cuts the previous one). While skipping, neither plays (no burst of effects).

Gains: a track's own `volume` × its fade × the player's slider for its channel (in decibels,
`slider_gain`) × ducking (music and ambience dip while a voice or sound effect sounds, when the
player leaves ducking on) × 0 when muted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from vn.stage.tween import Tween, lerp

CHANNELS: tuple[str, ...] = ("music", "ambience", "sound", "voice")
LOOPED = ("music", "ambience")  # one track at a time, crossfaded, kept in the save snapshot
SLIDER_OF = {"music": "music_volume", "ambience": "sound_volume", "sound": "sound_volume",
             "voice": "voice_volume"}

DB_RANGE = 40.0  # a volume slider spans this many decibels above silence (0 is silence)
DECLICK = 0.02  # seconds: the shortest fade, so no start or stop clicks
RESTORE_FADE = 1.0  # music restored by a load or rollback fades in over this long
DUCK = {"voice": 10 ** (-10 / 20), "sound": 10 ** (-6 / 20)}  # music/ambience under each
DUCK_ATTACK = 0.15
DUCK_RELEASE = 0.8
FADE_STEP = 1.0 / 30.0  # seconds between volume updates while a fade or ducking moves


class Volumes(Protocol):
    """The player's audio settings (`vn.session.Settings` has these)."""

    music_volume: float
    sound_volume: float
    voice_volume: float
    mute: bool
    ducking: bool


def slider_gain(slider: float) -> float:
    """The amplitude factor of a 0..1 volume slider: 1 is full, each step down is the same number
    of decibels (a slider linear in amplitude does nearly nothing in its top half), 0 is silence."""
    s = min(1.0, max(0.0, float(slider)))
    if s <= 0.0:
        return 0.0
    return 10 ** ((s - 1.0) * DB_RANGE / 20.0)


_ids = itertools.count(1)


@dataclass
class Track:
    """One file sounding on one channel. Times are game seconds."""

    channel: str
    file: str
    loop: bool
    start: float
    volume: Tween[float]
    level: Tween[float]  # the fade: 0..1, in and out
    id: int = 0
    length: float | None = None  # seconds, once the backend has loaded the file
    stopping: bool = False

    def __post_init__(self) -> None:
        if not self.id:
            self.id = next(_ids)

    def gain(self, now: float) -> float:
        return max(0.0, self.volume.at(now)) * max(0.0, min(1.0, self.level.at(now)))

    def ends(self) -> float | None:
        """When it falls silent for good (None: not known or never)."""
        if self.stopping:
            return self.level.end
        if not self.loop and self.length is not None:
            return self.start + self.length
        return None

    def finished(self, now: float) -> bool:
        """Done with: silent, and (for an effect or voice) past the music's return from ducking."""
        end = self.ends()
        if end is None:
            return False
        linger = DUCK_RELEASE if self.channel in DUCK else 0.0
        return now >= end + linger


def _fade_in(now: float, seconds: float) -> Tween[float]:
    # equal-power: sin going up, cos going down, so a crossfade holds its loudness
    return Tween(0.0, 1.0, now, max(DECLICK, seconds), "sine_out", lerp)


class Mix:
    """The tracks playing now; see the module docstring."""

    def __init__(self) -> None:
        self.tracks: list[Track] = []

    # --- what the story asks for ------------------------------------------------------------------

    def apply(self, command: str, args: Mapping[str, Any], now: float, skipping: bool = False) -> None:
        """One `music`, `sound` or `stop` direction (args as the compiler normalises them:
        `file`, `channel`, `fade` seconds, `loop`, `volume`)."""
        fade = float(args.get("fade") or 0.0)
        if command == "music":
            channel = args.get("channel") or "music"
            self.play_looped(channel, str(args["file"]), now, fade, bool(args.get("loop", True)),
                             float(args.get("volume", 1.0)))
        elif command == "sound":
            channel = args.get("channel") or "sound"
            if skipping:
                return
            if channel == "voice":
                self.stop("voice", now, 0.0)
            self.tracks.append(Track(channel, str(args["file"]), False, now,
                                     Tween.still(float(args.get("volume", 1.0)), lerp),
                                     Tween.still(1.0, lerp)))
        elif command == "stop":
            channel = args.get("channel") or "all"
            self.stop(channel, now, fade)

    def play_looped(self, channel: str, file: str, now: float, fade: float = 0.0, loop: bool = True,
                    volume: float = 1.0) -> None:
        current = self.current(channel)
        if current is not None and current.file == file:
            current.volume = Tween(current.volume.at(now), volume, now, fade, "sine_in_out", lerp)
            current.loop = loop
            return
        self.stop(channel, now, fade)
        self.tracks.append(Track(channel, file, loop, now, Tween.still(volume, lerp), _fade_in(now, fade)))

    def stop(self, channel: str, now: float, fade: float = 0.0) -> None:
        """Fade out (at least `DECLICK`) every track of `channel` ("all": of every channel)."""
        for t in self.tracks:
            if (channel == "all" or t.channel == channel) and not t.stopping:
                t.stopping = True
                t.level = Tween(t.level.at(now), 0.0, now, max(DECLICK, fade), "sine_in", lerp)

    def current(self, channel: str) -> Track | None:
        """The track a looped channel is playing (the newest that is not fading out)."""
        for t in reversed(self.tracks):
            if t.channel == channel and not t.stopping:
                return t
        return None

    def restore(self, snapshot: Mapping[str, Any], now: float) -> None:
        """Make music and ambience what a saved stage snapshot says (`{"music": {"file", "loop",
        "volume"} | None, "ambience": …}`): what already plays goes on, the rest fades in over
        `RESTORE_FADE`; effects and voice stop."""
        self.stop("sound", now)
        self.stop("voice", now)
        for channel in LOOPED:
            want = snapshot.get(channel)
            if isinstance(want, Mapping) and isinstance(want.get("file"), str):
                volume = want.get("volume", 1.0)
                volume = float(volume) if isinstance(volume, (int, float)) else 1.0
                self.play_looped(channel, want["file"], now, RESTORE_FADE, bool(want.get("loop", True)),
                                 min(1.0, max(0.0, volume)))
            else:
                self.stop(channel, now, RESTORE_FADE)

    # --- what it sounds like ----------------------------------------------------------------------

    def prune(self, now: float) -> list[Track]:
        """Forget finished tracks; return them (the backend stops their channels)."""
        done = [t for t in self.tracks if t.finished(now)]
        if done:
            self.tracks = [t for t in self.tracks if t not in done]
        return done

    def next_change(self, now: float) -> float | None:
        """When the gains next change or a track is done with, in game seconds (None: only a
        new direction changes anything). While a fade or the ducking moves, `now + FADE_STEP`:
        the loop sleeps between volume steps instead of polling."""
        times: list[float] = []

        def moving(start: float, end: float) -> None:
            if now < start:
                times.append(start)
            elif now < end:
                times.append(now + FADE_STEP)

        for t in self.tracks:
            for tween in (t.volume, t.level):
                if tween.a != tween.b:
                    moving(tween.start, tween.end)
            end = t.ends()
            if t.channel in DUCK:
                moving(t.start, t.start + DUCK_ATTACK)
                if end is not None:
                    moving(end, end + DUCK_RELEASE)
            if end is not None:
                times.append(max(now, end + (DUCK_RELEASE if t.channel in DUCK else 0.0)))
        return min(times) if times else None

    def duck(self, now: float) -> float:
        """The factor music and ambience are scaled by at `now` (1: no ducking)."""
        factor = 1.0
        for t in self.tracks:
            if t.channel not in DUCK or now < t.start:
                continue
            end = t.ends()
            depth = 1.0 - DUCK[t.channel]
            attack = min(1.0, (now - t.start) / DUCK_ATTACK)
            release = 1.0 if end is None or now <= end else max(0.0, 1.0 - (now - end) / DUCK_RELEASE)
            factor = min(factor, 1.0 - depth * attack * release)
        return factor

    def levels(self, now: float, settings: Volumes) -> dict[int, float]:
        """Each track's gain (0..1) at `now`, by track id."""
        if settings.mute:
            return {t.id: 0.0 for t in self.tracks}
        duck = self.duck(now) if settings.ducking else 1.0
        out = {}
        for t in self.tracks:
            g = t.gain(now) * slider_gain(getattr(settings, SLIDER_OF[t.channel]))
            if t.channel in LOOPED:
                g *= duck
            out[t.id] = g if math.isfinite(g) else 0.0
        return out

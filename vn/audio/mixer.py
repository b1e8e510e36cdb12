"""The audio player of the window: the `Mix` model sounded through pygame-ce's mixer.

- The mixer starts lazily, the first time something is to be heard (so start-up and the first
  frame never wait for the sound device). With no sound device the game runs silent and says so
  once; it never raises. (Without a driver SDL may fail quietly — `mixer.get_init()` is checked,
  not only exceptions.)
- Files are decoded on a background thread (decoding a minute of Vorbis takes most of a second,
  and pygame releases the GIL while it does): a track starts when its file is ready, and its
  fade is moved to begin then. The last few decoded files no track plays are kept for reuse
  (`KEEP_UNUSED`): memory stays bounded however many files a long game plays.
- A missing or undecodable file is one warning and silence (`vn check` reports it too).
- Each track owns one mixer channel until it is done; volumes are set from `Mix.levels` at every
  `update`, so fades, ducking and the player's sliders all apply at once.
- While nothing sounds the device is paused (SDL_mixer's `Mix_PauseAudio`, through ctypes in
  the library pygame-ce loaded): SDL's audio thread then writes silence instead of mixing 32
  channels, which was about half of what an idle window cost (measured under X11: 0.21 % of a
  core with the device running, 0.13 % paused). The first sound after a pause starts within
  one buffer (`BUFFER`), as any sound does.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from vn.audio import SilentAudio
from vn.audio.mix import Track, Volumes

FREQUENCY = 44100
BUFFER = 1024  # sample frames: ~23 ms of latency at 44.1 kHz
CHANNELS = 32  # mixer channels; one per sounding track
POLL = 0.05  # seconds between looks at a decode in flight or a draining channel
KEEP_UNUSED = 3  # decoded files kept for reuse when no track plays them (a 48 s loop is 8.5 MB)

Finder = Callable[[str], "Path | None"]


def game_finder(game: Any) -> Finder:
    """Look files up under the game's `assets/audio/` (confined to its folders by `Game.find`)."""
    return lambda name: game.find(f"assets/audio/{name}")


class MixerAudio(SilentAudio):
    """An `AudioSink` that plays. `find(name)` gives the path of `assets/audio/NAME` or None;
    `warn(text)` reports a problem (default: one line on stderr)."""

    def __init__(self, find: Finder, warn: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self.find = find
        self.warn = warn or (lambda text: print(f"vn: warning: {text}", file=sys.stderr))
        self.state = "idle"  # idle (not started) | on | silent (no device)
        self._pg: Any = None
        self._free: list[int] = []
        self._channels: dict[int, Any] = {}  # track id -> pygame Channel
        self._draining: list[tuple[int, Any]] = []  # channels finishing a sound on their own
        self._sounds: dict[str, Any] = {}  # file -> Sound, or None when it cannot be played
        self._loading: dict[str, Future[Any]] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._warned: set[str] = set()
        self._device: Any = None  # SDL_mixer (ctypes), to pause the device while nothing sounds
        self._paused = False

    # --- starting the device ---------------------------------------------------------------------

    def start(self) -> bool:
        """Start the mixer if it is not yet (True when sound can be heard). Safe to call early,
        e.g. once the first frame is up, to take the device's start-up time off the first cue."""
        if self.state == "idle":
            self.state = "silent"
            try:
                import pygame

                with _quiet_stderr():  # ALSA prints its own lines before SDL reports the error
                    pygame.mixer.init(FREQUENCY, -16, 2, BUFFER)
                if not pygame.mixer.get_init():
                    raise pygame.error("the mixer did not start")
                pygame.mixer.set_num_channels(CHANNELS)
            except Exception as exc:  # pygame.error, or no pygame mixer at all
                self._warn_once("device", f"no sound device ({exc}): the game runs silent")
                return False
            self._pg = pygame
            self._free = list(range(CHANNELS - 1, -1, -1))
            self._device = _sdl_mixer(pygame)
            self.state = "on"
        return self.state == "on"

    # --- the sink ----------------------------------------------------------------------------------

    def update(self, now: float, settings: Volumes) -> None:
        self.now = now
        for track in self.mix.prune(now):
            self._release(track)
        self._evict()
        if not self.mix.tracks or not self.start():
            self._drain()
            self._pause(not self._draining)
            return
        for track in self.mix.tracks:
            if track.id not in self._channels and not track.stopping:
                self._begin(track, now)
        levels = self.mix.levels(now, settings)
        for track in self.mix.tracks:
            channel = self._channels.get(track.id)
            if channel is not None:
                channel.set_volume(levels.get(track.id, 0.0))
        self._drain()
        self._pause(not (self._channels or self._draining))

    def _pause(self, pause: bool) -> None:
        """Pause the sound device while nothing sounds (SDL then mixes nothing)."""
        if pause != self._paused and self._device is not None and self.state == "on":
            self._device.Mix_PauseAudio(1 if pause else 0)
            self._paused = pause

    def next_change(self, now: float) -> float | None:
        """As `Mix.next_change`, and soon while a file decodes or a finished one-shot drains
        (its channel is freed when it falls silent)."""
        times = [t for t in (self.mix.next_change(now),) if t is not None]
        if self._loading or self._draining:
            times.append(now + POLL)
        return min(times) if times else None

    def close(self) -> None:
        for track in list(self.mix.tracks):
            self._release(track, stop=True)
        super().close()
        if self._pool is not None:  # a decode still running finishes before the mixer goes
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._loading.clear()
        self._sounds.clear()  # decoded for the mixer being closed
        self._channels.clear()
        self._draining.clear()
        if self.state == "on":
            self._pg.mixer.quit()
        self.state = "idle"
        self._device, self._paused = None, False

    # --- tracks and channels -----------------------------------------------------------------------

    def _begin(self, track: Track, now: float) -> None:
        """Start a track on a channel of its own, at volume 0 (update sets it)."""
        sound = self._sound(track.file)
        if sound is None:
            if track.file in self._sounds and not track.loop:  # unplayable one-shot: done with it
                track.length = 0.0
            return
        if not self._free:
            self._warn_once("channels", f"more than {CHANNELS} sounds at once: '{track.file}' is not played")
            track.length = 0.0
            return
        self._sounds[track.file] = self._sounds.pop(track.file)  # the most recently used goes last
        channel = self._pg.mixer.Channel(self._free.pop())
        late = now - track.start
        if late > 0.0:  # the file was still decoding: the fade begins now, not when asked
            track.start = now
            track.level = replace(track.level, start=track.level.start + late)
            track.volume = replace(track.volume, start=track.volume.start + late)
        channel.set_volume(0.0)
        self._pause(False)
        channel.play(sound, loops=-1 if track.loop else 0)
        track.length = sound.get_length()
        self._channels[track.id] = channel

    def _release(self, track: Track, stop: bool | None = None) -> None:
        channel = self._channels.pop(track.id, None)
        if channel is None:
            return
        if stop or track.stopping or track.loop:
            channel.stop()
            self._free.append(channel.id)
        else:  # a one-shot whose game time ran out (skip runs faster): let it finish
            self._draining.append((track.id, channel))

    def _evict(self) -> None:
        """Forget decoded files beyond the last KEEP_UNUSED that no track plays (oldest first)."""
        playing = {t.file for t in self.mix.tracks} | {name for name in self._loading}
        unused = [n for n, snd in self._sounds.items() if snd is not None and n not in playing]
        for name in unused[: max(0, len(unused) - KEEP_UNUSED)]:
            del self._sounds[name]

    def _drain(self) -> None:
        still = []
        for tid, channel in self._draining:
            if channel.get_busy():
                still.append((tid, channel))
            else:
                self._free.append(channel.id)
        self._draining = still

    def _sound(self, name: str) -> Any:
        """The decoded file, or None while it decodes or when it cannot be played."""
        if name in self._sounds:
            return self._sounds[name]
        future = self._loading.get(name)
        if future is None:
            path = self.find(name)
            if path is None:
                self._sounds[name] = None
                self._warn_once(name, f"assets/audio/{name}: no such file: played as silence")
                return None
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vn-audio")
            self._loading[name] = self._pool.submit(self._pg.mixer.Sound, str(path))
            return None
        if not future.done():
            return None
        del self._loading[name]
        try:
            self._sounds[name] = future.result()
        except Exception as exc:  # pygame.error: not a sound file, truncated, unknown format
            self._sounds[name] = None
            self._warn_once(name, f"assets/audio/{name}: cannot be played ({exc}): played as silence")
        return self._sounds[name]

    def _warn_once(self, key: str, text: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            self.warn(text)


def _sdl_mixer(pygame: Any) -> Any | None:
    """The SDL_mixer library pygame-ce's mixer runs on, as ctypes, when it can pause the device
    (`Mix_PauseAudio`, SDL_mixer 2.8); None otherwise (the device then simply keeps running)."""
    package = os.path.dirname(pygame.__file__)
    patterns = [os.path.join(os.path.dirname(package), "pygame_ce.libs", "libSDL2_mixer-2*"),  # Linux wheels
                os.path.join(package, ".dylibs", "libSDL2_mixer-2*"),  # macOS wheels
                os.path.join(package, "SDL2_mixer.dll"),  # Windows wheels
                os.path.join(package, "libSDL2_mixer-2*")]
    for path in (p for pattern in patterns for p in sorted(glob.glob(pattern))):
        try:
            lib = ctypes.CDLL(path)
            lib.Mix_PauseAudio.argtypes = [ctypes.c_int]
            lib.Mix_PauseAudio.restype = None
        except (OSError, AttributeError):
            continue
        return lib
    return None


class _quiet_stderr:
    """Silence C libraries' own stderr lines (ALSA's, when there is no sound card) for a moment."""

    def __enter__(self) -> None:
        self.saved = None
        try:
            sys.stderr.flush()
            self.saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        except OSError:
            self.saved = None

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            os.dup2(self.saved, 2)
            os.close(self.saved)


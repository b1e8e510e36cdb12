"""The player's settings (text speed, auto-forward, volumes), kept between runs in the game's
folder of the platform's config dir (`vn.userdirs`: one per game title) as a small JSON file. A
missing or damaged file means the defaults, never a crash.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from vn.session import Settings

# (label, characters per second); 0 is Ren'Py's default: the whole line at once
TEXT_SPEEDS: tuple[tuple[str, float], ...] = (("Instant", 0.0), ("Slow", 25.0), ("Normal", 40.0), ("Fast", 80.0))

# the audio settings kept in settings.json: volume sliders (0 to 1) and on/off switches
VOLUMES: tuple[str, ...] = ("music_volume", "sound_volume", "voice_volume")
SWITCHES: tuple[str, ...] = ("mute", "ducking")
_FLAGS = ("auto", "skip_unseen")  # on/off play settings kept between runs


def settings_path(title: str | None = None) -> Path:
    """`settings.json` in the config folder of the game called `title` (vn.userdirs.game_dir);
    without a title, in the engine's config folder shared by every game."""
    from vn.userdirs import base_dir, game_dir

    folder = game_dir("config", title) if title is not None else base_dir("config")
    return folder / "settings.json"


def speed_label(cps: float) -> str:
    return min(TEXT_SPEEDS, key=lambda s: abs(s[1] - cps))[0]


def next_speed(cps: float) -> float:
    labels = [s[1] for s in TEXT_SPEEDS]
    current = min(range(len(labels)), key=lambda i: abs(labels[i] - cps))
    return labels[(current + 1) % len(labels)]


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    settings = Settings()
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, ValueError) as exc:
        print(f"{path}: warning: settings not read ({exc}); using the defaults", file=sys.stderr)
        return settings
    if isinstance(data, dict):
        cps = data.get("cps")
        if isinstance(cps, (int, float)) and not isinstance(cps, bool) and 0 <= cps <= 1000:
            settings.cps = float(cps)
        auto_time = data.get("auto_time")
        if isinstance(auto_time, (int, float)) and not isinstance(auto_time, bool) and 1 <= auto_time <= 60:
            settings.auto_time = float(auto_time)
        for name in VOLUMES:
            value = data.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
                setattr(settings, name, float(value))
        for name in SWITCHES + _FLAGS:
            value = data.get(name)
            if isinstance(value, bool):
                setattr(settings, name, value)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (a temporary file renamed over the old one): a crash never leaves half a file."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            data = {"cps": settings.cps, "auto_time": settings.auto_time}
            data.update({name: getattr(settings, name) for name in VOLUMES + SWITCHES + _FLAGS})
            json.dump(data, f, indent=2)
        os.replace(tmp, path)
    except OSError as exc:
        print(f"{path}: warning: settings not saved ({exc.strerror})", file=sys.stderr)

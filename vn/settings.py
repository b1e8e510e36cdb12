"""The player's settings, kept between runs in the platform's config folder as a small JSON file,
one per game title (`vn.userdirs`).

`PlayerSettings` extends the story-facing `vn.session.Settings` (text speed, auto-forward, the
sound channels' volumes, mute and ducking) with what the window and the screens use: text size,
text box opacity, high contrast, skip unseen, reduce motion, self-voicing, fullscreen. Every persisted
field is listed in `FIELDS` with its type and range; `load_settings` keeps a value only when it
fits, so a hand-edited or damaged file means the defaults for what is wrong, never a crash.

The file carries a `format` version. One written by a newer engine is read for what this one
understands and is then left alone (never overwritten); keys this engine does not know are
kept as they were when it writes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vn.atomicfile import atomic_write_text
from vn.session import Settings

FORMAT = 1

# (label, characters per second); 0 is Ren'Py's default: the whole line at once
TEXT_SPEEDS: tuple[tuple[str, float], ...] = (("Instant", 0.0), ("Slow", 25.0), ("Normal", 40.0), ("Fast", 80.0))
# (label, factor on the text box's type): the box grows with it (vn.ui.theme.theme_for)
TEXT_SIZES: tuple[tuple[str, float], ...] = (("Small", 0.85), ("Normal", 1.0), ("Large", 1.2), ("Larger", 1.4))
# the audio settings (vn.session.Settings holds them; vn.audio reads them at every update)
VOLUMES: tuple[str, ...] = ("music_volume", "sound_volume", "voice_volume")
SWITCHES: tuple[str, ...] = ("mute", "ducking")


@dataclass
class PlayerSettings(Settings):
    """Everything the settings screen sets besides the story's own settings. `text_size`
    indexes `TEXT_SIZES`; `textbox_opacity` scales the box's shade (0..1)."""

    text_size: int = 1
    textbox_opacity: float = 1.0
    high_contrast: bool = False
    reduce_motion: bool = False
    self_voicing: bool = False
    fullscreen: bool = False
    # keys of a settings file this engine does not know: written back as they came
    extras: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    read_only: bool = field(default=False, repr=False, compare=False)  # the file is a newer format


def _number(lo: float, hi: float):
    def check(v: Any) -> float | None:
        if isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= v <= hi:
            return float(v)
        return None
    return check


def _flag(v: Any) -> bool | None:
    return v if isinstance(v, bool) else None


def _index(n: int):
    def check(v: Any) -> int | None:
        return v if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < n else None
    return check


# the persisted fields and what a valid value is (skip is a mode of the moment, never kept)
FIELDS = {
    "cps": _number(0, 1000),
    "auto": _flag,
    "auto_time": _number(1, 60),
    "text_size": _index(len(TEXT_SIZES)),
    "textbox_opacity": _number(0, 1),
    "high_contrast": _flag,
    "skip_unseen": _flag,
    "reduce_motion": _flag,
    "self_voicing": _flag,
    "fullscreen": _flag,
    "music_volume": _number(0, 1),
    "sound_volume": _number(0, 1),
    "voice_volume": _number(0, 1),
    "mute": _flag,
    "ducking": _flag,
}


def settings_path(title: str | None = None) -> Path:
    """`settings.json` in the config folder of the game called `title` (`vn.userdirs.game_dir`:
    `$VN_CONFIG_DIR/<title>/` when set, else the platform's user config folder for `vn`, then
    the title); without a title, in the folder shared by every game."""
    from vn.userdirs import base_dir, game_dir

    folder = game_dir("config", title) if title is not None else base_dir("config")
    return folder / "settings.json"


def speed_label(cps: float) -> str:
    return min(TEXT_SPEEDS, key=lambda s: abs(s[1] - cps))[0]


def next_speed(cps: float) -> float:
    labels = [s[1] for s in TEXT_SPEEDS]
    current = min(range(len(labels)), key=lambda i: abs(labels[i] - cps))
    return labels[(current + 1) % len(labels)]


def load_settings(path: Path | None = None) -> PlayerSettings:
    """The saved settings, or the defaults for whatever is missing or unreadable (a warning
    naming the file on stderr)."""
    path = path or settings_path()
    settings = PlayerSettings()
    try:
        if path.stat().st_size > 1_000_000:
            raise ValueError("the file is larger than 1 MB")
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return settings
    except RecursionError:
        print(f"{path}: warning: settings not read (nested too deeply); using the defaults", file=sys.stderr)
        return settings
    except (OSError, ValueError) as exc:
        print(f"{path}: warning: settings not read ({exc}); using the defaults", file=sys.stderr)
        return settings
    if not isinstance(data, dict):
        print(f"{path}: warning: settings are not a JSON object; using the defaults", file=sys.stderr)
        return settings
    fmt = data.get("format", 1)
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT:
        print(f"{path}: warning: settings written by a newer version (format {fmt}); "
              "reading what this version knows and leaving the file as it is", file=sys.stderr)
        settings.read_only = True
    for key, value in data.items():
        check = FIELDS.get(key)
        if check is None:
            if key != "format":
                settings.extras[key] = value
            continue
        good = check(value)
        if good is not None:
            setattr(settings, key, good)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write atomically (a temporary file, flushed to disk, renamed over the old one): a crash
    never leaves half a file. Returns False when nothing was written (an OSError, reported on
    stderr, or a newer-format file that is left alone)."""
    path = path or settings_path()
    if getattr(settings, "read_only", False):
        return False
    data: dict[str, Any] = dict(getattr(settings, "extras", {}) or {})
    data["format"] = FORMAT
    for key in FIELDS:
        if hasattr(settings, key):
            data[key] = getattr(settings, key)
    try:
        atomic_write_text(path, json.dumps(data, indent=2))
        return True
    except OSError as exc:
        print(f"{path}: warning: settings not saved ({exc.strerror})", file=sys.stderr)
        return False

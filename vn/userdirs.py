"""Where a game keeps its player's files: one folder per game title in the platform's user dirs.

A game played from source and the same game built with `vn build` share their folders (same
title); a build of a mod gets its own title, so it never mixes its settings with the base game's.

    kind       base folder (Linux; platformdirs gives the Windows and macOS equivalents)
    "config"   ~/.config/vn/             settings: <base>/<title>/settings.json (vn.settings)
    "data"     ~/.local/share/vn/        saves: <base>/<slug>-<hash of the game's folders>/ (vn.saves)

`VN_CONFIG_DIR` and `VN_DATA_DIR` replace the base folder for tests and portable installs; the
per-game folder stays below them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ENGINE = "vn"
_OVERRIDES = {"config": "VN_CONFIG_DIR", "data": "VN_DATA_DIR"}
# characters no Windows, macOS or Linux file name may hold, and control characters
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def folder_name(title: str) -> str:
    """A game title as a folder name that is valid on every platform: "The Only Promise" stays
    as it is; "Zack: Day 2/3" becomes "Zack Day 2 3". At most 64 characters; never empty."""
    name = " ".join(_UNSAFE.sub(" ", title).split())[:64].rstrip(" .")
    if not name or name.upper().split(".")[0] in _RESERVED:
        name = f"{name or 'Untitled'} game".strip()
    return name


def base_dir(kind: str) -> Path:
    """The engine's folder of that kind, shared by every game: the parent of `game_dir`."""
    override = os.environ.get(_OVERRIDES.get(kind, ""), "")
    if override:
        return Path(override)
    import platformdirs

    if kind == "config":
        return Path(platformdirs.user_config_dir(ENGINE, appauthor=False))
    if kind == "data":
        return Path(platformdirs.user_data_dir(ENGINE, appauthor=False))
    raise ValueError(f"unknown kind of user folder: {kind!r} (config or data)")


def game_dir(kind: str, title: str) -> Path:
    """The folder of `kind` ("config" or "data") for the game called `title`.
    Not created here: writers create it when they first write. Raises ValueError for an
    unknown kind."""
    return base_dir(kind) / folder_name(title)

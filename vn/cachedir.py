"""Where the engine keeps what it can rebuild: compiled programs, rasterised images.

The platform's user cache folder (`platformdirs.user_cache_dir("vn")`), or `$VN_CACHE_DIR` when
set (tests and benchmarks point it at a temporary folder). `VN_CACHE_DIR=off` turns caching off.
Everything kept here is checked on reading and rebuilt when it does not match, so deleting the
folder at any time is safe.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(kind: str) -> Path | None:
    """The folder for one kind of cache ("programs", "images"), or None when caching is off."""
    override = os.environ.get("VN_CACHE_DIR")
    if override is not None:
        return None if override.strip().lower() in ("", "off", "0", "none") else Path(override) / kind
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vn", appauthor=False)) / kind

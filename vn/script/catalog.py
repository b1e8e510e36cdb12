"""What the checker knows about a game's assets, gathered by a higher layer.

`vn.script` reads no stages or images itself (it sits below `vn.stage`): the game loader fills a
Catalog from the stage maps, presets and sprite files, and the compiler checks names against it.
A field left as None is not checked (useful for checking scripts without their assets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Catalog:
    stages: dict[str, frozenset[str]] | None = None  # stage name -> its marks
    presets: frozenset[str] | None = None
    looks: dict[str, frozenset[str]] = field(default_factory=dict)  # sprite name -> looks
    audio: frozenset[str] | None = None  # paths under assets/audio/, e.g. "night.ogg"
    audio_problems: dict[str, str] = field(default_factory=dict)  # name -> why it cannot be played
    # whether some font of the game draws a character (None: fonts not known, no check)
    drawable: Callable[[str], bool] | None = None
    # what `drawable` answers, as a text (e.g. a digest of the fonts' character ranges): part of
    # the compiled-program cache's key, since its warnings depend on it; a catalog with a
    # `drawable` and no key is never cached
    drawable_key: str | None = None

    def all_marks(self) -> frozenset[str]:
        if not self.stages:
            return frozenset()
        return frozenset().union(*self.stages.values())

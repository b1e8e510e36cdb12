"""What the interpreter hands its host, one at a time, from `Story.step()`.

The host (the game loop, `vn autoplay`, `vn render`) pulls events and decides how to show
them; the story never calls into presentation. Directions are stage commands already applied
to the saved stage snapshot: the host only animates them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vn.script.program import Where
from vn.story.text import RichText

# where in a script an event comes from: the compiled program's position type, shared
SourcePos = Where


@dataclass(frozen=True)
class Line:
    """A line of narration (speaker None) or dialogue, waiting for the reader."""

    id: str
    speaker: str | None  # character id
    name: str | None  # the character's display name
    color: str | None  # the name plate colour, "#rrggbb"
    text: RichText
    seen: bool  # the reader has seen this line before (in any playthrough of this save)
    pos: SourcePos


@dataclass(frozen=True)
class ChoiceOption:
    index: int  # pass this to Story.choose()
    text: RichText
    id: str = ""  # the option's stable id (what "chosen before" is remembered by)


@dataclass(frozen=True)
class Choice:
    id: str
    options: tuple[ChoiceOption, ...]
    pos: SourcePos


@dataclass(frozen=True)
class Direction:
    """A stage command: stage, show, hide, move, light, transition, effect, music, sound,
    stop, textbox or card. `args` are normalised: durations in seconds (float), colours
    "#rrggbb", easing names checked. See docs/script-format.md for each command's args."""

    id: str
    command: str
    args: Mapping[str, Any]
    pos: SourcePos


@dataclass(frozen=True)
class Wait:
    """`wait: 2s` (click_ends False), `pause: 2s` (click_ends True), or a bare `pause`
    (seconds None: wait for a click)."""

    seconds: float | None
    click_ends: bool
    pos: SourcePos


@dataclass(frozen=True)
class End:
    reason: str  # "end" (an `end` step) or "finished" (the start label ran out)


Event = Line | Choice | Direction | Wait | End

"""Rich text as data: styled runs and pauses, produced from Ren'Py-style tags.

The renderer draws these; the story only produces them. `Pause(None)` waits for a
click (from `{p}`), `Pause(seconds)` waits that long (from `{w=0.5}`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vn.script.limits import MAX_SHOWN_CHARS
from vn.script.markup import PausePart, Template, TextPart


@dataclass(frozen=True)
class Style:
    bold: bool = False
    italic: bool = False
    color: str | None = None  # "#rrggbb", or None for the text box's colour
    size: int = 0  # change in logical pixels (at 1920x1080) from the text box's size


@dataclass(frozen=True)
class Run:
    text: str
    style: Style = field(default_factory=Style)


@dataclass(frozen=True)
class Pause:
    seconds: float | None  # None: wait for a click


@dataclass(frozen=True)
class RichText:
    items: tuple[Run | Pause, ...]
    no_wait: bool = False  # {nw}: go on without waiting for a click once shown

    @property
    def plain(self) -> str:
        return "".join(i.text for i in self.items if isinstance(i, Run))


def render(template: Template, variables: Mapping[str, object]) -> RichText:
    """Fill a checked template's [var]s from the story's variables.

    A variable's value is inserted as plain text: it is never read as tags.
    """
    from vn.story.expressions import to_text

    items: list[Run | Pause] = []
    room = MAX_SHOWN_CHARS
    for part in template.parts:
        if room <= 0:
            break
        if isinstance(part, PausePart):
            items.append(Pause(part.seconds))
            continue
        text = part.text if isinstance(part, TextPart) else to_text(variables.get(part.name, False))
        if len(text) > room:
            text = text[: room - 1] + "…"
        room -= len(text)
        style = Style(*part.style)
        if items and isinstance(items[-1], Run) and items[-1].style == style:
            items[-1] = Run(items[-1].text + text, style)
        else:
            items.append(Run(text, style))
    return RichText(tuple(items), template.no_wait)

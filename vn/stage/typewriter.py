"""How much of a line is shown at a moment: the typewriter, as a pure function of time.

No pygame and no wall clock: the host passes `now` (game seconds) to every call, so `vn render
--t`, tests and skip mode (a faster clock) all see exactly the same text. The only state is
where typing was last (re)started, which `click` and `finish` move.

Counts are characters of `RichText.plain` (newlines from `{p}` included), so the renderer can
draw "the first N characters" without knowing about pauses.

Pauses: `Pause(seconds)` stops typing that long (a click ends it early, as in Ren'Py);
`Pause(None)` stops typing until a click. A click-pause at the very end of a line is dropped
(the line waits for a click there anyway); a timed pause at the end is kept, so
`Hello{w=1}{nw}` shows "Hello", waits a second, then auto-advances.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from vn.story.text import Pause, RichText, Run

_EPS = 1e-9


class Phase(Enum):
    TYPING = "typing"
    TIMED_PAUSE = "timed_pause"  # inside a `{w=…}`
    CLICK_PAUSE = "click_pause"  # stopped at `{w}` / `{p}` until a click
    DONE = "done"  # everything shown, no pause pending


@dataclass(frozen=True)
class _PausePoint:
    offset: int  # characters of `plain` before it
    seconds: float | None


@dataclass(frozen=True)
class TypeState:
    """The typewriter at one moment. `until` is when this phase ends on its own (None: it
    waits for a click, or it is done); `pause` indexes the pause the phase stops at."""

    visible: int
    phase: Phase
    until: float | None
    pause: int


class Typewriter:
    """Reveals `text` at `cps` characters per second from time `start` (cps 0: instant,
    though timed pauses still wait). Query with `visible(now)`; drive with `click(now)`."""

    def __init__(self, text: RichText, cps: float, start: float) -> None:
        if cps < 0 or math.isnan(cps):
            raise ValueError(f"cps must be >= 0, got {cps}")
        self.text = text
        self.cps = float(cps)
        self.length = len(text.plain)
        points: list[_PausePoint] = []
        offset = 0
        for item in text.items:
            if isinstance(item, Run):
                offset += len(item.text)
            elif isinstance(item, Pause):
                seconds = None if item.seconds is None else max(0.0, float(item.seconds))
                points.append(_PausePoint(offset, seconds))
        # A click-pause at the end adds nothing: the line waits for a click there anyway.
        while points and points[-1].offset >= self.length and points[-1].seconds is None:
            points.pop()
        self._pauses: tuple[_PausePoint, ...] = tuple(points)
        # Anchor: at time `_t`, `_c` characters are shown and pause `_i` is the next to reach.
        self._t = float(start)
        self._c = 0
        self._i = 0

    # -- queries -------------------------------------------------------------------------

    def state(self, now: float) -> TypeState:
        """Where the typewriter is at `now` (never before the last click: time runs forward)."""
        t, c, i = self._t, self._c, self._i
        now = max(now, t)
        while True:
            target = self._pauses[i].offset if i < len(self._pauses) else self.length
            target = max(target, c)
            if target > c and self.cps > 0:
                end = t + (target - c) / self.cps
                if now < end:
                    shown = c + int((now - t) * self.cps + _EPS)
                    shown = min(shown, target - 1)
                    return TypeState(shown, Phase.TYPING, t + (shown + 1 - c) / self.cps, i)
                t = end
            c = target
            if i >= len(self._pauses):
                return TypeState(self.length, Phase.DONE, None, i)
            pause = self._pauses[i]
            if pause.seconds is None:
                return TypeState(c, Phase.CLICK_PAUSE, None, i)
            if now < t + pause.seconds:
                return TypeState(c, Phase.TIMED_PAUSE, t + pause.seconds, i)
            t += pause.seconds
            i += 1

    def visible(self, now: float) -> int:
        """How many characters of `text.plain` are shown at `now`."""
        return self.state(now).visible

    def done(self, now: float) -> bool:
        """Everything is shown and no pause is pending: the line now waits for the reader."""
        return self.state(now).phase is Phase.DONE

    def waiting_for_click(self, now: float) -> bool:
        """Stopped at a `{w}`/`{p}` inside the line (the view shows its continue indicator)."""
        return self.state(now).phase is Phase.CLICK_PAUSE

    def auto_advance(self, now: float) -> bool:
        """A `{nw}` line that is fully shown: the host goes on without a click."""
        return self.text.no_wait and self.done(now)

    def next_change(self, now: float) -> float | None:
        """The next time `visible`, `done` or `waiting_for_click` changes on its own, or None
        when only a click can change anything (the loop may sleep until then)."""
        return self.state(now).until

    # -- input ---------------------------------------------------------------------------

    def click(self, now: float) -> bool:
        """The reader clicked. While typing (or inside a timed pause), show everything up to
        the next click-pause or the end and return False; at a click-pause, go on typing and
        return False; when fully shown return True (the host advances to the next line)."""
        st = self.state(now)
        now = max(now, self._t)
        if st.phase is Phase.DONE:
            return True
        if st.phase is Phase.CLICK_PAUSE:
            self._t, self._c, self._i = now, st.visible, st.pause + 1
            return False
        j = st.pause
        while j < len(self._pauses) and self._pauses[j].seconds is not None:
            j += 1
        if j < len(self._pauses):
            self._t, self._c, self._i = now, max(self._pauses[j].offset, st.visible), j
        else:
            self._t, self._c, self._i = now, self.length, len(self._pauses)
        return False

    def add_page_breaks(self, offsets: list[int] | tuple[int, ...]) -> None:
        """Stop for a click before each of `offsets` (character counts), as a `{p}` would but
        without a line break: the text box asks for this when a line is longer than it can
        show, so the rest continues on a new page after a click. Breaks already passed, or at
        the ends of the text, are ignored; calling again with the same offsets changes nothing."""
        have = {p.offset for p in self._pauses if p.seconds is None}
        new = [_PausePoint(o, None) for o in sorted(set(offsets)) if 0 < o < self.length and o not in have]
        if not new:
            return
        passed = list(self._pauses[: self._i])
        ahead = list(self._pauses[self._i:])
        ahead += [p for p in new if p.offset > self._c]
        passed += [p for p in new if p.offset <= self._c]
        passed.sort(key=lambda p: p.offset)
        ahead.sort(key=lambda p: (p.offset, p.seconds is None))
        self._pauses = tuple(passed + ahead)
        self._i = len(passed)

    def finish(self, now: float) -> None:
        """Show everything at once, ignoring every pause (skip mode, `vn autoplay`)."""
        self._t, self._c, self._i = max(now, self._t), self.length, len(self._pauses)

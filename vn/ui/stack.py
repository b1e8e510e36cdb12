"""Screens as views on a stack (arcade's `View`, Ren'Py's screen list as the checklist).

The loop draws the stack and hands each input event to the top view; a new screen is a new
`ScreenView` subclass in its own module, pushed by whoever opens it, never another branch in the
loop. A view that paints the whole picture is `opaque`: nothing under it is drawn. A view that
only dims what is under it (a menu over the game) lets the views below draw first.

Lifecycle, in game time (seconds): `on_show(now)` when a view becomes the top of the stack
(pushed, or uncovered by a pop), `on_hide(now)` when it stops being the top (covered, or
popped); `update(now) -> bool` advances it (True: it looks different), `next_redraw(now)` says
when it next changes with no input (None: only an event changes it), so the loop can sleep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from vn.ui.host import Host


class ScreenView:
    """One screen of the game: the title, the story, a menu, a dialog."""

    opaque = False  # paints every pixel: the views under it are not drawn
    full_page = False  # a whole screen of its own (save, settings…): the menus under it are not
    # drawn, only the picture under them (so a settings page opened from the game menu does not
    # show the menu's buttons through its dimming)
    pauses_game = True  # the story's clock stops while this view covers it
    # what the last `draw` changed when the host said the surface held this view's frame before
    # (`Host.canvas_kept`): output px rects, or None for the whole surface (the default)
    damage: list[pygame.Rect] | None = None

    def __init__(self, host: Host) -> None:
        self.host = host
        self.shown_at = 0.0

    def on_show(self, now: float) -> None:
        self.shown_at = now

    def on_hide(self, now: float) -> None:
        pass

    def update(self, now: float) -> bool:
        return False

    def draw(self, surface: pygame.Surface, now: float) -> None:
        pass

    def handle(self, event: pygame.event.Event, now: float) -> None:
        pass

    def next_redraw(self, now: float) -> float | None:
        return None

    def close(self) -> None:
        """Take this view off the stack (and whatever was pushed over it)."""
        self.host.stack.remove(self, self.host.now)


class ViewStack:
    def __init__(self) -> None:
        self.views: list[ScreenView] = []

    @property
    def top(self) -> ScreenView | None:
        return self.views[-1] if self.views else None

    def push(self, view: ScreenView, now: float) -> ScreenView:
        if self.views:
            self.views[-1].on_hide(now)
        self.views.append(view)
        view.on_show(now)
        return view

    def pop(self, now: float) -> ScreenView | None:
        if not self.views:
            return None
        view = self.views.pop()
        view.on_hide(now)
        if self.views:
            self.views[-1].on_show(now)
        return view

    def remove(self, view: ScreenView, now: float) -> None:
        """Pop down to and including `view` (no-op when it is not on the stack)."""
        if view not in self.views:
            return
        while self.views and self.views[-1] is not view:
            self.pop(now)
        self.pop(now)

    def replace_all(self, view: ScreenView, now: float) -> ScreenView:
        """Clear the stack and show `view` alone (back to the title, into a new game)."""
        while self.views:
            self.views.pop().on_hide(now)
        return self.push(view, now)

    def find(self, kind: type) -> Any:
        """The topmost view of a class, or None."""
        return next((v for v in reversed(self.views) if isinstance(v, kind)), None)

    def visible(self) -> list[ScreenView]:
        """The views drawn this frame, bottom first: from the topmost opaque view up."""
        start = 0
        for n in range(len(self.views) - 1, -1, -1):
            if self.views[n].opaque:
                start = n
                break
        shown = self.views[start:]
        for n in range(len(shown) - 1, 0, -1):
            if shown[n].full_page:
                return [shown[0], *shown[n:]] if not shown[0].full_page else shown[n:]
        return shown

    def update(self, now: float) -> bool:
        changed = False
        for view in list(self.views):
            changed = view.update(now) or changed
        return changed

    def draw(self, surface: pygame.Surface, now: float) -> None:
        for view in self.visible():
            view.draw(surface, now)

    def handle(self, event: pygame.event.Event, now: float) -> None:
        if self.views:
            self.views[-1].handle(event, now)

    def next_redraw(self, now: float) -> float | None:
        times = [t for v in self.visible() if (t := v.next_redraw(now)) is not None]
        return min(times) if times else None

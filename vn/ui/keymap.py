"""The keymap: which input does what, in one table (Ren'Py's defaults, which VN players' hands
already know). The game screen and the window ask `action_for(event)`; the Help screen and the
README's Controls table list the same `KEYMAP`, so a key is documented where it is bound.

Game controller buttons never reach the views as such: the window turns them into the keys
they stand for (`PAD_KEYS`), so every screen that answers the keyboard answers a gamepad too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Binding:
    action: str
    what: str  # what it does, as the Help screen says it
    keys: tuple[int, ...] = ()
    buttons: tuple[int, ...] = ()  # mouse buttons (pressed)
    wheel: int = 0  # +1 wheel up, -1 wheel down
    alt: bool = False  # the key only with Alt held
    names: str = ""  # how the Help screen names the inputs


KEYMAP: tuple[Binding, ...] = (
    # the window's own keys (every screen)
    Binding("fullscreen", "Fullscreen or window", (pygame.K_RETURN, pygame.K_KP_ENTER), alt=True,
            names="Alt+Enter"),
    Binding("fullscreen", "Fullscreen or window", (pygame.K_F11, pygame.K_f), names="F, F11"),
    Binding("screenshot", "Save a screenshot (your Pictures folder)", (pygame.K_s, pygame.K_F12), names="S, F12"),
    Binding("self_voicing", "Self-voicing: read the text aloud", (pygame.K_v,), names="V"),
    # the story
    Binding("advance", "Advance (first shows the whole line)", (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER),
            buttons=(1,), names="Space, Enter, left click, wheel down"),
    Binding("rollback", "Roll back to the line before", (pygame.K_PAGEUP,), wheel=+1, names="Page Up, wheel up"),
    Binding("rollforward", "Roll forward again", (pygame.K_PAGEDOWN,), wheel=-1, names="Page Down, wheel down"),
    Binding("skip", "Skip: on or off (stops at choices and unread text)", (pygame.K_TAB,), names="Tab"),
    Binding("skip_hold", "Skip while held", (pygame.K_LCTRL, pygame.K_RCTRL), names="Ctrl (hold)"),
    Binding("auto", "Auto-forward: on or off", (pygame.K_a,), names="A"),
    Binding("hide", "Hide the text box (any key or click brings it back)", (pygame.K_h,), buttons=(2,),
            names="H, middle click"),
    Binding("history", "History of the lines so far", (pygame.K_l,), names="L"),
    Binding("menu", "Game menu (back out of any screen)", (pygame.K_ESCAPE,), buttons=(3,),
            names="Esc, right click"),
    Binding("quick_save", "Quick save", (pygame.K_F5,), names="F5"),
    Binding("quick_load", "Quick load", (pygame.K_F9,), names="F9"),
    Binding("help", "This help", (pygame.K_F1,), names="F1"),
)

# what the Help screen adds about inputs that are not bindings of their own
HELP_EXTRA: tuple[tuple[str, str], ...] = (
    ("1 – 9", "Pick a choice by its number"),
    ("Arrows, Tab, Enter", "Move the focus in any menu and use it"),
    ("Left / Right", "Change the focused setting"),
    ("Gamepad", "A: advance or use, B: menu or back, d-pad: move, shoulders: roll back / forward"),
)

WINDOW_ACTIONS = {"fullscreen", "screenshot", "self_voicing"}


def action_for(event: pygame.event.Event) -> str | None:
    """The keymap's action for an input event, or None."""
    if event.type == pygame.KEYDOWN:
        alt = bool(getattr(event, "mod", 0) & pygame.KMOD_ALT)
        for b in KEYMAP:  # Alt bindings come first: Alt+Enter is fullscreen, Enter advances
            if event.key in b.keys and (alt or not b.alt):
                return b.action
        return None
    if event.type == pygame.MOUSEBUTTONDOWN:
        for b in KEYMAP:
            if event.button in b.buttons:
                return b.action
        return None
    if event.type == pygame.MOUSEWHEEL:
        direction = 1 if event.y > 0 else -1 if event.y < 0 else 0
        for b in KEYMAP:
            if direction and b.wheel == direction:
                return b.action
    return None


def help_rows() -> list[tuple[str, str]]:
    """(inputs, what they do) for the Help screen and the README, in keymap order."""
    rows: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for b in KEYMAP:
        if b.action in seen:  # one row per action: Alt+Enter joins F, F11
            n = seen[b.action]
            rows[n] = (f"{b.names}, {rows[n][0]}", rows[n][1])
            continue
        seen[b.action] = len(rows)
        rows.append((b.names, b.what))
    return rows + list(HELP_EXTRA)


# SDL game controller buttons -> the key each stands for
def pad_keys() -> dict[int, int]:
    c = pygame
    return {
        c.CONTROLLER_BUTTON_A: c.K_RETURN,
        c.CONTROLLER_BUTTON_B: c.K_ESCAPE,
        c.CONTROLLER_BUTTON_START: c.K_ESCAPE,
        c.CONTROLLER_BUTTON_DPAD_UP: c.K_UP,
        c.CONTROLLER_BUTTON_DPAD_DOWN: c.K_DOWN,
        c.CONTROLLER_BUTTON_DPAD_LEFT: c.K_LEFT,
        c.CONTROLLER_BUTTON_DPAD_RIGHT: c.K_RIGHT,
        c.CONTROLLER_BUTTON_LEFTSHOULDER: c.K_PAGEUP,
        c.CONTROLLER_BUTTON_RIGHTSHOULDER: c.K_PAGEDOWN,
        c.CONTROLLER_BUTTON_Y: c.K_l,
        c.CONTROLLER_BUTTON_X: c.K_h,
    }

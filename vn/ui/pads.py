"""Game controllers (SDL's game controller API), started only when one is plugged in.

With SDL's joystick subsystem running, the event loop polls devices every millisecond (a few
percent of a core on an idle line), so the subsystem is started to look for controllers at
start-up and when the window regains focus, and is shut again when none is found. A pad's
buttons arrive to the views as the keys they stand for (`vn.ui.keymap.pad_keys`): A is Enter,
B is Esc, the d-pad the arrows.
"""

from __future__ import annotations

import pygame

from vn.ui.keymap import pad_keys


class Pads:
    def __init__(self) -> None:
        self.controllers: list = []
        self._keys: dict[int, int] | None = None

    def probe(self) -> int:
        """Look for controllers; keep the subsystem only while one is open. Returns how many."""
        try:
            from pygame._sdl2 import controller
        except ImportError:
            return 0
        try:
            controller.init()
            found = [controller.Controller(i) for i in range(controller.get_count())
                     if controller.is_controller(i)]
        except pygame.error:
            found = []
        if found:
            self.controllers = found
        else:
            self.close()
        return len(self.controllers)

    def close(self) -> None:
        self.controllers = []
        try:
            from pygame._sdl2 import controller

            if controller.get_init():
                controller.quit()
            if pygame.joystick.get_init():
                pygame.joystick.quit()
        except (ImportError, pygame.error):
            pass

    def translate(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """A controller event as the key it stands for; other events as they are."""
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            if self._keys is None:
                self._keys = pad_keys()
            key = self._keys.get(event.button)
            if key is None:
                return None
            return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0, pad=True)
        if event.type in (pygame.CONTROLLERBUTTONUP, pygame.CONTROLLERAXISMOTION):
            return None
        if event.type == pygame.CONTROLLERDEVICEADDED:
            self.probe()
            return None
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            self.controllers = [c for c in self.controllers if c.attached()]
            if not self.controllers:
                self.close()
            return None
        return event

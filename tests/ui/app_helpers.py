"""Driving the real window loop headless: a Player on SDL's dummy driver, synthetic events
posted to pygame's queue, and the loop's own `tick` advancing game time by exact steps."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pygame

from vn.app import Player
from vn.game import load_game

SMALL_GAME = {
    "game.yaml": """
        title: Small Test
        start: start
        characters:
          zack: {name: Zack, color: "#8fb8ff"}
    """,
    "story.yaml": """
        start:
          - card: Chapter One
            over: 0.5s
          - Line A.
          - zack: Line B, said by Zack.
          - set: {picked: 0}
          - choice:
              - Go left:
                  - set: {picked: 1}
                  - After left.
              - Go right:
                  - set: {picked: 2}
                  - After right.
          - The last line.
          - end
    """,
}


def write_game(folder: Path, files: dict[str, str] = SMALL_GAME) -> Path:
    scripts = folder / "scripts"
    scripts.mkdir(parents=True, exist_ok=True)
    (folder / "assets").mkdir(exist_ok=True)
    for name, text in files.items():
        (scripts / name).write_text(textwrap.dedent(text).lstrip(), "utf-8")
    return folder


def make_player(game_dir: Path | None = None, size: tuple[int, int] = (1280, 720), label: str | None = None) -> Player:
    if not pygame.display.get_init():
        pygame.display.init()
    if not pygame.font.get_init():
        pygame.font.init()
    pygame.event.clear()
    game = load_game(game_dir)
    assert game.program is not None, [d.format() for d in game.diagnostics]
    return Player(game, label, size)


def key(k: int, mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


def click(pos: tuple[int, int], button: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))


def wheel(y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))


def run(player: Player, seconds: float, step: float = 0.05) -> None:
    """The loop for `seconds` of game time, in steps (events posted before are handled first)."""
    t = 0.0
    while t < seconds - 1e-9 and player.running:
        player.tick(step)
        t += step


def top(player: Player):
    return player.stack.top


def game_view(player: Player):
    return player.game_view()


def to_line(player: Player, text: str, limit: int = 40) -> None:
    """Advance (Space) until the line on screen contains `text`."""
    for _ in range(limit):
        s = player.game_view().session
        if s.line is not None and text in s.line.text.plain:
            return
        key(pygame.K_SPACE)
        run(player, 0.6)
    raise AssertionError(f"never reached a line with {text!r}")


def to_choice(player: Player, limit: int = 40) -> None:
    for _ in range(limit):
        if player.game_view().session.choice is not None:
            return
        key(pygame.K_SPACE)
        run(player, 0.6)
    raise AssertionError("never reached a choice")


def data_dir() -> Path:
    return Path(os.environ["VN_DATA_DIR"])


def config_dir() -> Path:
    return Path(os.environ["VN_CONFIG_DIR"])


class FakeVoice:
    """A self-voicing speaker that records what it is asked to say (`said`, in order)."""

    available = True

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> bool:
        self.said.append(text)
        return True

    def stop(self) -> None:
        pass

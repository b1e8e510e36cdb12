"""The engine's bounds on what a game's files may ask of it, in one place.

A scene script is untrusted input: each bound keeps the work and memory that one file, line or
value can cause proportional to its size and small in absolute terms. Each is checked where
the input is read, with a positioned message (see docs/security.md for the list and the tests).
"""

from __future__ import annotations

MAX_NESTING = 100
"""Levels of nesting of any tree the engine walks: YAML lists/mappings, expressions, text tags.
The same limit and the same message everywhere (`nesting_message`)."""

MAX_FILE_CHARS = 8_000_000
"""Characters in one YAML file (scene script, game.yaml, lighting.yaml, sprite)."""

MAX_NODES = 2_000_000
"""YAML values in one file."""

MAX_LABELS = 20_000
"""Labels in one game."""

MAX_LINE_CHARS = 5_000
"""Characters in one text of a script (a line, an option, a title): about five pages of the text
box. A longer one is a check error: split it into several lines."""

PAGE_CHARS = 1_000
"""About what the text box shows at once at the default size (1920x1080, 4 lines of 36 px
serif). A longer line gets a check warning: it continues on a second page after a click."""

MAX_SHOWN_CHARS = 20_000
"""Characters of one line as shown, after variables are filled in: the rest is cut (with "…")
so that no value can make one frame's layout unbounded."""

MAX_NUMBER_DIGITS = 300
"""Digits in a number literal (Python refuses to print ints of more than 4300 digits)."""

MAX_NUMBER = 1e15
"""Largest magnitude of a number in a script, literal or computed."""

MAX_IMAGE_PIXELS = 64_000_000
"""Pixels in one image (8000x8000); a larger one is refused before it is decoded."""

MAX_IMAGE_SIDE = 16_384
"""Width or height of one image, in pixels."""

MAX_MAP_TILES = 4_000_000
"""Tiles in one Tiled map (width x height x tile layers)."""

MAX_SAVE_BYTES = 16_000_000
"""Bytes in one save file."""

MAX_TEXT_SIZE_CHANGE = 200
"""Largest total {size=…} change of text, in logical pixels."""


def nesting_message(what: str) -> str:
    """The one message for any tree that nests beyond MAX_NESTING."""
    return f"{what} nests too deeply (more than {MAX_NESTING} levels)"

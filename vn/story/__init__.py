"""The story runtime: a pull interpreter over a compiled Program. No pygame, no YAML.

The names below are imported when first asked for (PEP 562), so a tool that needs only one
module of the package (`vn.lineids` reads `vn.story.positions`) does not import the interpreter.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vn.story.events import Choice, ChoiceOption, Direction, End, Event, Line, SourcePos, Wait
    from vn.story.interpreter import Story, StoryError
    from vn.story.state import SaveFormatError, StoryState

_WHERE = {"Choice": "events", "ChoiceOption": "events", "Direction": "events", "End": "events", "Event": "events",
          "Line": "events", "SourcePos": "events", "Wait": "events", "Story": "interpreter",
          "StoryError": "interpreter", "SaveFormatError": "state", "StoryState": "state"}

__all__ = ["Choice", "ChoiceOption", "Direction", "End", "Event", "Line", "SaveFormatError", "SourcePos",
           "Story", "StoryError", "StoryState", "Wait"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'vn.story' has no attribute {name!r}")
    value = getattr(import_module(f"vn.story.{module}"), name)
    globals()[name] = value
    return value

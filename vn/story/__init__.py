"""The story runtime: a pull interpreter over a compiled Program. No pygame, no YAML."""

from vn.story.events import Choice, ChoiceOption, Direction, End, Event, Line, SourcePos, Wait
from vn.story.interpreter import Story, StoryError
from vn.story.state import SaveFormatError, StoryState

__all__ = ["Choice", "ChoiceOption", "Direction", "End", "Event", "Line", "SaveFormatError", "SourcePos",
           "Story", "StoryError", "StoryState", "Wait"]

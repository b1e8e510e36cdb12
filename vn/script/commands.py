"""The one table of scene-script commands.

Each command's fields, types, defaults, short form and documentation live here and nowhere
else: the compiler validates against it, `vn schema` builds the JSON Schema from it and
`docs/script-format.md` is generated from it. Adding a command touches this table and, if it
does something new at run time, the compiler's lowering of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Field types (the compiler knows how to check each):
#   text      rich text with tags and [var]s        label   a label name
#   char      a character id from game.yaml         mark    a mark of the current stage
#   look      a look of the character's sprite      preset  a lighting preset
#   stage     a stage in assets/stages/              duration  2s, 500ms or seconds
#   ease      an easing name                        color   #rrggbb
#   number    a number (range in `limits`)          bool    true/false
#   enum      one of `choices`                      expr    a condition/value expression
#   steps     a list of steps                       options a list of choice options
#   setmap    {VAR: EXPR, ...}                      audio   a file under assets/audio/
#   id        a stable id for a line                word    plain text


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    limits: tuple[float, float] | None = None


@dataclass(frozen=True)
class Command:
    name: str
    doc: str
    main: Field | None  # the value written after `name:`; None for bare words
    fields: tuple[Field, ...] = ()  # modifiers, written as sibling keys
    short: str | None = None  # the short form of the main value, for the docs
    bare: bool = False  # may be written as a bare word: `- pause`
    kind: str = "direction"  # line | flow | direction | wait
    example: str = ""

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


TRANSITIONS = ("fade", "dissolve", "wipe", "slide")
EFFECTS = ("shake", "flash", "vignette")

_ID = Field("id", "id", "a stable id for this line (saves, seen text and translations use it); "
                        "derived from the label and the text when absent")
_WITH = Field("with", "enum", "a transition for this change", choices=TRANSITIONS)
_OVER = Field("over", "duration", "how long the change takes")
_EASE = Field("ease", "ease", "the easing curve", default="sine_in_out")
_FADE = Field("fade", "duration", "fade time", default=0.0)
_VOLUME = Field("volume", "number", "volume, 0 to 1", default=1.0, limits=(0.0, 1.0))

COMMANDS: tuple[Command, ...] = (
    Command("say", "Narration: text with no speaker. A bare string step is the same.",
            Field("say", "text", "the text", required=True), (_ID,), kind="line",
            example="- say: The room was quiet.\n- The room was quiet."),
    Command("jump", "Go to a label and carry on from there.",
            Field("jump", "label", "the label", required=True), kind="flow", example="- jump: dawn"),
    Command("call", "Run a label, then come back to the step after this one.",
            Field("call", "label", "the label", required=True), kind="flow", example="- call: memory"),
    Command("return", "Go back to the step after the `call` that ran this label.",
            None, bare=True, kind="flow", example="- return"),
    Command("end", "End the game.", None, bare=True, kind="flow", example="- end"),
    Command("set", "Set variables. YAML numbers and booleans are literals; YAML strings are "
                   "expressions, so text values are quoted inside: `name: \"'Odo'\"`.",
            Field("set", "setmap", "variables and their new values", required=True), kind="flow",
            example="- set: {trust: \"trust + 1\", stayed: true}"),
    Command("if", "Run `then` when the condition holds, else `else`; then carry on after the `if`.",
            Field("if", "expr", "the condition", required=True),
            (Field("then", "steps", "steps when the condition holds", required=True),
             Field("else", "steps", "steps when it does not")), kind="flow",
            example="- if: trust >= 2\n  then:\n    - zack: I know.\n  else:\n    - zack: Do I?"),
    Command("choice", "Offer the reader options. Each option is `{Option text: [steps]}` or "
                      "`{text: T, if: EXPR, do: [steps]}` (shown only when EXPR holds).",
            Field("choice", "options", "the options", required=True), kind="flow",
            example="- choice:\n    - Stay:\n        - set: {stayed: true}\n"
                    "    - text: Say nothing\n      if: courage < 2\n      do:\n        - pause"),
    Command("stage", "Show a stage (assets/stages/NAME.tmx), replacing the current one.",
            Field("stage", "stage", "the stage", required=True), (_WITH, _OVER),
            example="- stage: living_room"),
    Command("show", "Show a character, or change their look or place.",
            Field("show", "char", "WHO [LOOK] [at MARK]", required=True),
            (Field("look", "look", "the sprite's look"), Field("at", "mark", "where they stand"),
             _WITH, _OVER),
            short="WHO [LOOK] [at MARK]", example="- show: sephiroth cold at window"),
    Command("hide", "Take a character off the stage.",
            Field("hide", "char", "who", required=True), (_WITH, _OVER), example="- hide: zack"),
    Command("move", "Move a shown character to a mark.",
            Field("move", "char", "WHO [to MARK]", required=True),
            (Field("to", "mark", "the mark to move to", required=True),
             Field("over", "duration", "how long the move takes", default=1.0), _EASE),
            short="WHO [to MARK]", example="- move: zack\n  to: door\n  over: 1.5s"),
    Command("light", "Change the light to a preset from assets/lighting.yaml, or to the light of a "
                     "time of day (`{time: \"HH:MM\"}`: sky, sun, room and city lights from the sun's "
                     "position on the stage's date and latitude), at once or over time.",
            Field("light", "light", "a preset, or {time: \"HH:MM\"}", required=True),
            (Field("over", "duration", "tween time (absent: at once)"), _EASE),
            short="PRESET | {time: \"HH:MM\"}",
            example="- light: last_rays\n  over: 8s\n  ease: sine_in_out\n- light: {time: \"19:40\"}\n  over: 30s"),
    Command("camera", "Pan and zoom over the stage: frame a mark, or look at a map point `{x, y}` "
                      "(map px) with a `zoom` (logical px per map px). By default a stage's camera "
                      "fits the map's width and centres it; `stage:` goes back to that. The view "
                      "never shows past the map's edges: a point too near an edge is moved "
                      "onto the map, keeping the zoom.",
            Field("camera", "camera", "a mark, or {x, y, zoom}", required=True),
            (Field("over", "duration", "how long the move takes (absent: at once)"), _EASE),
            short="MARK | {x: X, y: Y, zoom: Z}",
            example="- camera: door\n  over: 3s\n- camera: {x: 960, y: 540, zoom: 1.5}"),
    Command("wait", "Wait; a click does not end it.",
            Field("wait", "duration", "how long", required=True), kind="wait", example="- wait: 2s"),
    Command("pause", "Wait for a click, or at most the given time (a click ends it early).",
            Field("pause", "duration", "at most how long"), bare=True, kind="wait",
            example="- pause\n- pause: 2s"),
    Command("transition", "Go from the previous picture to the next with a transition; the story "
                          "waits for it.",
            Field("transition", "enum", "the transition", required=True, choices=TRANSITIONS),
            (Field("over", "duration", "how long"), Field("color", "color", "the colour faded through",
                                                         default="#000000")),
            example="- transition: fade\n  over: 2s"),
    Command("effect", "A screen effect: shake, flash, or a vignette that stays until strength 0.",
            Field("effect", "enum", "the effect", required=True, choices=EFFECTS),
            (Field("over", "duration", "how long"),
             Field("strength", "number", "how strong, 0 to 1", limits=(0.0, 1.0)),
             Field("color", "color", "flash or vignette colour")),
            example="- effect: shake\n  strength: 0.3"),
    Command("music", "Play music or an ambience loop (a file under assets/audio/), looping by "
                     "default. A different file on the same channel crossfades over `fade`; the "
                     "file already playing goes on (only its volume changes). Saves and rollback "
                     "restore what the music and ambience channels play.",
            Field("music", "audio", "the file", required=True),
            (_FADE, Field("loop", "bool", "loop the track", default=True), _VOLUME,
             Field("channel", "enum", "music, or ambience (a second loop under the music: rain, "
                                      "a city at night)", default="music", choices=("music", "ambience"))),
            example="- music: night.ogg\n  fade: 2s\n- music: city_night.ogg\n  channel: ambience"),
    Command("sound", "Play a sound once (a file under assets/audio/). Not played while skipping; "
                     "music dips under it when the player leaves ducking on.",
            Field("sound", "audio", "the file", required=True),
            (_VOLUME, Field("channel", "enum", "sound, or voice (one voice line at a time: a new "
                                               "one cuts the last)", default="sound",
                            choices=("sound", "voice"))),
            example="- sound: door.ogg"),
    Command("stop", "Stop a channel (music, ambience, sound, voice) or all of them, fading out "
                    "over `fade`.",
            Field("stop", "enum", "which channel", required=True,
                  choices=("music", "ambience", "sound", "voice", "all")),
            (_FADE,), example="- stop: music\n  fade: 3s"),
    Command("textbox", "Hide or show the text box.",
            Field("textbox", "enum", "hide or show", required=True, choices=("hide", "show")),
            example="- textbox: hide"),
    Command("card", "A title card over the picture; the story waits for it.",
            Field("card", "text", "the title", required=True),
            (Field("subtitle", "text", "a line under the title"),
             Field("over", "duration", "how long it stays", default=2.5)),
            example="- card: The Only Promise\n  subtitle: I. Sunset"),
)

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}

DIALOGUE = Command(
    "CHARACTER", "Dialogue: a character id from game.yaml as the key, the line as its value.",
    Field("CHARACTER", "text", "the line", required=True),
    (Field("look", "look", "change the speaker's look with this line"), _ID), kind="line",
    example="- zack: Seph…\n- zack: Seph…\n  look: scared",
)

# Keys of a choice option written in long form.
OPTION_FIELDS: tuple[Field, ...] = (
    Field("text", "text", "the option's text", required=True),
    Field("if", "expr", "show the option only when this holds"),
    Field("do", "steps", "steps run when it is chosen", required=True),
    Field("id", "id", "a stable id for the option"),
)

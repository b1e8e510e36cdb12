"""Issue 10, point 9: property tests feeding random input to every reader of untrusted data.
Any input gives a diagnostic (or a clean result), never an exception of another kind.

CI runs a fast profile (a few dozen examples per target); `pytest -m fuzz_long` runs each target
with 10,000 examples (`--hypothesis-show-statistics` prints the counts)."""

from __future__ import annotations

import json
import os
import shutil
import string
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from vn.script import compile_text  # noqa: E402
from vn.script.expressions import ExprError, parse_expr  # noqa: E402
from vn.script.markup import MarkupError, parse_markup  # noqa: E402
from vn.story.expressions import Env, EvalError, evaluate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))

# --- strategies ------------------------------------------------------------------------------

YAML_WORDS = ["start", "- ", ":", " ", "\n", "  ", "zack", "say", "jump", "if", "then", "else", "set",
              "choice", "text", "do", "pause", "end", "No", "yes", "on", "true", "null", "~", "0x1F", "3.10",
              ".inf", ".nan", "1e999", "9" * 400, "{", "}", "[", "]", "\"", "'", "&a", "*a", "!!str", "!!python/object",
              "<<", "#", "|", ">", "\t", "\ufeff", "\x00", "{b}", "[x]", "{size=+99}", "❤️", "\u202e", "\\0",
              "---", "...", "?", ",", "%YAML 1.1", "- if: true\n  then:\n"]
EMOJI = ["❤️", "👩‍❤️‍👨", "👍🏽", "🇯🇵", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "1️⃣", "😀", "\ufe0f", "\u200d"]
UNICODE_TEXT = st.lists(st.one_of(
    st.sampled_from(EMOJI),
    st.sampled_from(["\u0301", "\u0308", "\u20e3", "\u202e", "\u202c", "\u2066", "\u200f", "\u200b", "\x00", "\t",
                     "\n", "\x1b", "\x7f", "\u00ad", "\u2028", "שלום", "مرحبا", "สวัสดี", "漢字", " ", "word"]),
    st.text(max_size=8),
), max_size=30).map("".join)


@st.composite
def yaml_docs(draw) -> str:
    """Structured scene scripts: a label of steps built from commands and odd scalars."""
    scalar = st.one_of(st.sampled_from(YAML_WORDS[6:]), st.text(max_size=12), st.integers(), st.floats())

    def step(depth: int):
        plain = st.builds(lambda s: f"- {s}", scalar)
        keyed = st.builds(lambda k, v: f"- {k}: {v}", st.sampled_from(
            ["zack", "say", "jump", "set", "wait", "music", "card", "show", "light", "stage", "if", "choice"]), scalar)
        if depth <= 0:
            return st.one_of(plain, keyed)
        nested = st.builds(lambda c, body: f"- if: {c}\n  then:\n" + "\n".join("    " + ln for ln in body.splitlines()),
                           scalar, step(depth - 1))
        return st.one_of(plain, keyed, nested)

    steps = draw(st.lists(step(3), min_size=1, max_size=8))
    body = "\n".join("  " + ln for s in steps for ln in s.splitlines())
    return "start:\n" + body + "\n"


RAW_YAML = st.lists(st.sampled_from(YAML_WORDS), max_size=60).map("".join)
EXPRS = st.lists(st.sampled_from(["x", "y", "1", "0", "2.5", "1e3", "999999999999999", "+", "-", "*", "/", "//",
                                  "%", "(", ")", "and", "or", "not", "==", "<", ">=", "'a'", "\"b\"", "round(",
                                  "visits(", "random(", "min(", ",", " ", "true", "**", "!", "="]),
                 max_size=40).map("".join)
MARKUP = st.lists(st.one_of(st.sampled_from(["{b}", "{/b}", "{i}", "{/i}", "{color=#f00}", "{/color}", "{size=+9}",
                                             "{size=-999}", "{/size}", "{w}", "{w=0.5}", "{w=99}", "{p}", "{nw}",
                                             "{{", "[[", "[x]", "[", "{", "}", "]", "{zz}", "{/zz}"]),
                            st.text(max_size=5)), max_size=40).map("".join)
JSONISH = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
                       lambda kids: st.one_of(st.lists(kids, max_size=4),
                                              st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                       max_leaves=20)

# --- targets ---------------------------------------------------------------------------------


def check_compile(src: str) -> None:
    from vn.story import Story, StoryError

    prog, diags = compile_text(src)
    for d in diags:
        assert d.severity in ("error", "warning") and d.message and d.line >= 0 and d.col >= 0
    if prog is not None:
        story = Story(prog)
        try:
            for _ in range(50):
                ev = story.step()
                if type(ev).__name__ == "End":
                    break
                if type(ev).__name__ == "Choice":
                    story.choose(0)
        except StoryError as exc:
            assert exc.diagnostic.line >= 0


def check_expr(src: str) -> None:
    try:
        tree = parse_expr(src)
    except ExprError as exc:
        assert 0 <= exc.offset <= len(src)
        return
    env = Env({"x": 3, "y": "text"}, {"start": 1}, lambda lo, hi: lo)
    try:
        evaluate(tree, env)
    except EvalError:
        pass


def check_markup(src: str) -> None:
    try:
        parse_markup(src)
    except MarkupError as exc:
        assert 0 <= exc.offset <= len(src)


_RENDERER = None


def check_layout(text: str, width: int) -> None:
    global _RENDERER
    from vn.render.text import TextRenderer
    from vn.story.text import RichText, Run

    if _RENDERER is None:
        pygame.font.init()
        _RENDERER = TextRenderer()
    layout = _RENDERER.layout(RichText((Run(text),)), width, 28)
    assert layout.length == len(text)
    surface = pygame.Surface((max(1, width) + 40, 200), pygame.SRCALPHA)
    _RENDERER.draw(surface, layout, (0, 0), len(text) // 2)
    _RENDERER.draw(surface, layout, (0, 0))


TMX_SOURCE = (ROOT / "assets" / "stages" / "living_room.tmx").read_bytes()


def check_tmx(tmp: Path, cuts: list[tuple[int, int, bytes]]) -> None:
    from vn.stage.layout import load_layout

    data = bytearray(TMX_SOURCE)
    for at, length, insert in cuts:
        at %= max(1, len(data))
        data[at:at + length] = insert
    stages = tmp / "stages"
    if not stages.is_dir():
        shutil.copytree(ROOT / "assets" / "stages", stages)
    path = stages / "mutated.tmx"
    path.write_bytes(bytes(data))
    layout, diags = load_layout(path)
    for d in diags:
        assert d.severity in ("error", "warning") and d.message


def check_settings(tmp: Path, raw: bytes) -> None:
    from vn.settings import PlayerSettings, load_settings

    path = tmp / "settings.json"
    path.write_bytes(raw)
    assert isinstance(load_settings(path), PlayerSettings)


def check_save(tmp: Path, raw: bytes) -> None:
    from vn.saves import SaveStore, SaveUnreadable

    store = SaveStore(tmp)
    store.path("1-1").write_bytes(raw)
    info = store.info("1-1")
    assert info.slot == "1-1"
    try:
        store.read("1-1")
    except SaveUnreadable:
        pass


def check_restore(data) -> None:
    from vn.story import SaveFormatError, Story

    prog, _ = compile_text("start:\n  - set: {x: 1}\n  - 'x is [x]'\n  - choice:\n      - A: [end]\n      - B: [end]\n")
    try:
        story = Story.restore(prog, data)
    except SaveFormatError:
        return
    try:
        story.step()
    except Exception as exc:  # a restored story may only fail as a positioned story error
        from vn.story import StoryError

        assert isinstance(exc, StoryError), repr(exc)


def _save_bytes(obj) -> bytes:
    doc = {"engine": "vn", "format": 1, "meta": obj, "session": {"story": obj}}
    return json.dumps(doc, default=str).encode()


BYTES = st.one_of(st.binary(max_size=200), JSONISH.map(lambda o: json.dumps(o).encode()),
                  JSONISH.map(_save_bytes), st.just(b"[" * 100_000), st.just(b'{"a":' * 50_000))
CUTS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40),
                          st.sampled_from([b"", b"<", b">", b"\"", b"-1", b"99999999", b"&amp;", b"\x00", b"<layer>",
                                           b"encoding=\"base64\"", b"compression=\"zlib\""])), max_size=4)

TARGETS = {
    "compile_structured": (yaml_docs(), check_compile),
    "compile_raw": (RAW_YAML, check_compile),
    "expressions": (EXPRS, check_expr),
    "markup": (MARKUP, check_markup),
}


# --- fast profile (CI) and slow profile (-m slow) --------------------------------------------

@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_fast(name: str) -> None:
    strategy, check = TARGETS[name]
    FAST(given(strategy)(check))()


@pytest.mark.fuzz_long
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_slow(name: str) -> None:
    strategy, check = TARGETS[name]
    SLOW(given(strategy)(check))()


@FAST
@given(UNICODE_TEXT, st.integers(1, 900))
def test_fuzz_layout_fast(text: str, width: int) -> None:
    check_layout(text, width)


@pytest.mark.fuzz_long
@SLOW
@given(UNICODE_TEXT, st.integers(1, 900))
def test_fuzz_layout_slow(text: str, width: int) -> None:
    check_layout(text, width)


@pytest.mark.parametrize("slow", [False, pytest.param(True, marks=pytest.mark.fuzz_long)])
def test_fuzz_files(tmp_path: Path, slow: bool) -> None:
    profile = SLOW if slow else FAST
    profile(given(CUTS)(lambda cuts: check_tmx(tmp_path, cuts)))()
    profile(given(BYTES)(lambda raw: check_settings(tmp_path, raw)))()
    profile(given(BYTES)(lambda raw: check_save(tmp_path, raw)))()
    profile(given(JSONISH)(check_restore))()


def test_fuzz_alphabet_is_printable_enough() -> None:
    assert any(c in string.printable for c in "".join(YAML_WORDS))

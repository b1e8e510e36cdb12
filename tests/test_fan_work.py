"""The game says what it is (issue 13, point 7): a non-commercial fan work whose characters and
world are Square Enix's Final Fantasy VII, and whose licences cover only our own contribution —
in the README, in assets/ART.md and on the credits screen alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _said(text: str) -> str:
    return re.sub(r"[*_`]", "", " ".join(text.split()))


@pytest.mark.parametrize("name", ["README.md", "assets/ART.md", "assets/credits.txt"])
def test_each_place_says_it_is_a_fan_work(name: str) -> None:
    text = _said((ROOT / name).read_text("utf-8"))
    assert "non-commercial fan work" in text
    assert "Final Fantasy VII" in text and "Square Enix" in text
    assert "not made, approved or endorsed by Square Enix" in text
    assert re.search(r"licen[cs]es? covers? only", text), "the licence must say it covers only our contribution"


def test_the_credits_screen_shows_it() -> None:
    from vn.game import load_game
    from vn.ui.ending import read_credits

    lines = [words for kind, words in read_credits(load_game(None)) if kind == "text"]
    assert lines[0] == "A non-commercial fan work based on Final Fantasy VII."
    assert any("cover only what we made" in w for w in lines)

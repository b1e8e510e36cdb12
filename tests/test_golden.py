"""Golden transcripts of every path through the bundled game.

Each `tests/golden/NAME.transcript` begins with a `# choose: 1,2,…` line, followed by the
transcript `vn autoplay --choose …` prints. The set of goldens must match the set of paths
`--all-paths` finds, so a new branch without a golden fails too. To regenerate after a deliberate
script change: `python tests/test_golden.py` (then read the diff before committing it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vn.game import load_game
from vn.tools.autoplay import all_paths, run_path

GOLDEN = Path(__file__).resolve().parent / "golden"


def _program():
    game = load_game()
    assert game.program is not None, "\n".join(d.format() for d in game.diagnostics)
    return game.program


def _goldens() -> dict[str, tuple[list[int], list[str]]]:
    out = {}
    for path in sorted(GOLDEN.glob("*.transcript")):
        lines = path.read_text("utf-8").splitlines()
        assert lines and lines[0].startswith("# choose: "), f"{path.name}: first line must be '# choose: …'"
        choices = [int(x) for x in lines[0][len("# choose: "):].split(",") if x]
        out[path.name] = (choices, lines[1:])
    return out


def test_every_path_has_a_golden():
    found = {tuple(r.choices) for r in all_paths(_program())}
    golden = {tuple(c) for c, _ in _goldens().values()}
    assert found == golden


@pytest.mark.parametrize("name", sorted(_goldens()))
def test_transcript_matches(name):
    choices, expected = _goldens()[name]
    result = run_path(_program(), choices)
    assert result.error is None
    assert result.ending is not None
    assert result.lines == expected


def regenerate() -> None:
    program = _program()
    for old in GOLDEN.glob("*.transcript"):
        old.unlink()
    for result in all_paths(program):
        ending = "leave" if result.choices[:1] == [1] else "stay"
        name = f"{ending}_{'-'.join(map(str, result.choices))}.transcript"
        text = "\n".join([f"# choose: {','.join(map(str, result.choices))}"] + result.lines) + "\n"
        (GOLDEN / name).write_text(text, "utf-8")
        print("wrote", name)


if __name__ == "__main__":
    sys.exit(regenerate())

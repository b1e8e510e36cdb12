"""Make the pictures of docs/modding.md and docs/stages.md from the files those pages show.

    python tools/docs_shots.py            # writes docs/img/*.png

The tutorial's files are the fenced blocks of docs/modding.md whose info string names a file
(```yaml file=scripts/balcony.yaml). They are written into a fresh `vn new` mod, which is then
checked and rendered with `vn render`'s own code, so the pictures stay true to the text
(tests/tools/test_docs.py checks the same mod). Needs Graphviz for the story graph picture.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
IMG = DOCS / "img"
BLOCK = re.compile(r"^```\w+ file=(\S+)\n(.*?)^```", re.M | re.S)
SIZE = (960, 540)


def tutorial_files(md: str) -> dict[str, str]:
    """file path -> text of every ```LANG file=PATH block of a page."""
    return {m.group(1): m.group(2) for m in BLOCK.finditer(md)}


def build_tutorial_mod(folder: Path) -> Path:
    """`vn new` + every file of docs/modding.md + the one edit the text asks for."""
    from vn.tools.new import create

    create(folder)
    for rel, text in tutorial_files((DOCS / "modding.md").read_text("utf-8")).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    scene = folder / "scripts" / "my_scene.yaml"
    text = scene.read_text("utf-8")
    roof = text.index("\nroof:")
    end = text.index("  - jump: the_end", roof)
    scene.write_text(text[:end] + "  - jump: balcony" + text[end + len("  - jump: the_end"):], "utf-8")
    return folder


def stage_layers_shot(mod: Path, stage: str, keep: int, out: Path, at: str) -> None:
    """Render `stage` with only its first `keep` image layers visible (for docs/stages.md)."""
    from vn.tools.render import render_frame

    tmx = mod / "assets" / "stages" / f"{stage}.tmx"
    original = tmx.read_text("utf-8")
    n = 0

    def hide(m: re.Match) -> str:
        nonlocal n
        n += 1
        return m.group(0) if n <= keep else m.group(0).replace("<imagelayer ", '<imagelayer visible="0" ', 1)

    tmx.write_text(re.sub(r"<imagelayer [^>]*>", hide, original), "utf-8")
    try:
        assert render_frame(mod, at, 0.0, SIZE, out) == 0
    finally:
        tmx.write_text(original, "utf-8")


def main() -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    sys.path.insert(0, str(ROOT))
    from vn.game import load_game
    from vn.tools.graph import _drop_base_unreachable, build_graph, render_with_dot, to_dot
    from vn.tools.render import render_frame

    IMG.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "fresh"
        from vn.tools.new import create

        create(plain)
        assert render_frame(plain, "my_scene:7", 4.0, SIZE, IMG / "tutorial-1-new.png") == 0
        mod = build_tutorial_mod(Path(tmp) / "my_mod")
        game = load_game(mod)
        problems = [d.format() for d in game.diagnostics]
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        assert render_frame(mod, "balcony:6", 4.0, SIZE, IMG / "tutorial-2-balcony.png") == 0
        assert render_frame(mod, "balcony:10", 4.0, SIZE, IMG / "tutorial-3-close.png", [1, 1]) == 0
        graph = build_graph(game.program)
        _drop_base_unreachable(graph, game)  # as `vn graph` draws a layered mod
        problem = render_with_dot(to_dot(graph, "My Mod"), "png", IMG / "tutorial-4-graph.png")
        if problem:
            print(f"graph picture skipped: {problem}", file=sys.stderr)
        # docs/stages.md: the rooftop stage built up layer by layer, then lit two ways
        for keep, name in ((1, "stage-1-sky"), (2, "stage-2-skyline"), (3, "stage-3-windows"), (4, "stage-4-roof")):
            stage_layers_shot(plain, "rooftop", keep, IMG / f"{name}.png", "roof:3")
        assert render_frame(plain, "roof:6", 3.0, SIZE, IMG / "stage-5-marks.png") == 0
        assert render_frame(plain, "roof:11", 6.0, SIZE, IMG / "stage-6-night.png") == 0
    shutil.rmtree(IMG / "__pycache__", ignore_errors=True)
    print(f"wrote {len(list(IMG.glob('*.png')))} pictures in {IMG}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

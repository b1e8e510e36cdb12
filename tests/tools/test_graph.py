"""`vn graph`: every label, both endings, option text and conditions on edges, unreachable
labels marked; DOT and Mermaid always, SVG through Graphviz when it works."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.probes import require_graphviz
from vn.cli import main
from vn.game import load_game
from vn.script import compile_text
from vn.tools.graph import build_graph, to_dot, to_mermaid


def test_bundled_graph_names_every_label_and_both_endings():
    program = load_game(None).program
    g = build_graph(program)
    assert set(program.labels) <= set(g.nodes)
    endings = {n.label for n in g.endings()}
    assert endings == {"leave", "epilogue"}
    dot, mermaid = to_dot(g, program.title), to_mermaid(g)
    for name in program.labels:
        assert f'"{name}"' in dot and f"n_{name}(" in mermaid
    options = {e.text for e in g.edges if g.nodes[e.src].kind == "choice"}
    assert "“I can't. Not tonight.”" in options and "“I'm not leaving him.”" in options
    assert not any(n.unreachable for n in g.nodes.values())
    assert ("sunset.choice1", "leave") in {(e.src, e.dst) for e in g.edges}


STORY = """
start:
  - set: {brave: 0}
  - choice:
      - Fight:
          - set: {brave: 1}
      - text: Run
        if: brave < 5
        do:
          - jump: away
  - if: brave > 0
    then:
      - jump: hero
  - call: aside
  - end
hero:
  - A hero.
  - end
away:
  - Gone.
aside:
  - An aside.
  - return
lost:
  - Nobody comes here.
"""


def test_conditions_calls_unreachable_and_falling_off_a_label():
    program, diags = compile_text(STORY)
    assert program is not None, [d.format() for d in diags]
    g = build_graph(program)
    edges = {(e.src, e.dst, e.kind, e.text) for e in g.edges}
    assert ("start.choice1", "away", "jump", "“Run” [if brave < 5]") in edges
    assert ("start.choice1", "hero", "jump", "“Fight” [if brave > 0]") in edges
    assert any(e.kind == "call" and e.dst == "aside" for e in g.edges)
    assert {n.label for n in g.endings()} == {"start", "hero", "away", "lost"}  # away, lost run off their ends
    assert g.nodes["lost"].unreachable and not g.nodes["hero"].unreachable
    assert "fillcolor=\"#ffb347\"" in to_dot(g)
    assert "class n_lost unreachable" in to_mermaid(g)


def test_cli_writes_dot_and_markdown(tmp_path: Path):
    assert main(["graph", "-o", str(tmp_path / "s.dot")]) == 0
    assert (tmp_path / "s.dot").read_text("utf-8").startswith("digraph story {")
    assert main(["graph", "-o", str(tmp_path / "s.md")]) == 0
    assert "```mermaid\nflowchart TD" in (tmp_path / "s.md").read_text("utf-8")
    assert main(["graph", "-o", str(tmp_path / "s.txt")]) == 2


def test_svg_through_graphviz(tmp_path: Path):
    require_graphviz()
    out = tmp_path / "story.svg"
    assert main(["graph", "-o", str(out)]) == 0
    svg = ET.parse(out).getroot()
    texts = {t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    assert {"sunset", "stay", "leave", "dawn", "epilogue"} <= texts
    assert sum(1 for t in texts if t == "END") == 1  # one text per distinct string

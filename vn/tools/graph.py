"""`vn graph [GAME] -o story.svg|png|dot|md`: the shape of a story as a picture.

Labels are nodes; a label's choices are small diamonds inside its flow; edges are jumps (solid),
calls (dashed), and choice options (the option's text on the edge). A condition an edge passes
(`if:`, or an option's `if:`) is written on it in brackets. Each `end` is a terminal node, the
start label is drawn bold, and labels nothing reaches from the start are filled in a warning
colour. DOT and Mermaid (`.md`, or `.mmd` for the bare diagram) are written by vn itself; SVG
and PNG are drawn by Graphviz's `dot` (Debian package `graphviz`), with a clear message when it
is missing.

Only the steps that change where the story goes make nodes, so a long label with one choice is
one box and one diamond: the picture stays readable for a whole game.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from vn.script.program import Instr, Program

WARN_FILL = "#ffb347"
EDGE_TEXT = 42  # characters of option text per line on an edge


@dataclass
class Node:
    id: str
    kind: str  # label | choice | end
    title: str
    label: str
    unreachable: bool = False
    start: bool = False


@dataclass
class Edge:
    src: str
    dst: str
    kind: str  # jump | call | flow (to a choice) | end
    text: str = ""


@dataclass
class StoryGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def endings(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "end"]


def expr_text(e: tuple) -> str:
    """An expression tree (vn.script.expressions) written back as source."""
    kind = e[0]
    if kind == "num":
        return f"{e[1]:g}" if isinstance(e[1], float) else str(e[1])
    if kind == "str":
        return repr(e[1])
    if kind == "bool":
        return "true" if e[1] else "false"
    if kind == "var":
        return e[1]
    if kind == "not":
        return f"not {_paren(e[1])}"
    if kind == "neg":
        return f"-{_paren(e[1])}"
    if kind in ("and", "or"):
        return f" {kind} ".join(_paren(x) for x in e[1:])
    if kind in ("op", "cmp"):
        return f"{_paren(e[2])} {e[1]} {_paren(e[3])}"
    if kind == "call":
        return f"{e[1]}({', '.join(expr_text(a) for a in e[2])})"
    return "?"


def _paren(e: tuple) -> str:
    text = expr_text(e)
    return f"({text})" if e[0] in ("and", "or", "op", "cmp") else text


class _Walker:
    """Walks one label's flat code structurally (choices and ifs as blocks), joining the flow
    that reaches each node from the nodes before it."""

    def __init__(self, graph: StoryGraph, program: Program, name: str) -> None:
        self.g, self.program, self.name = graph, program, name
        self.code = program.labels[name].code
        self.choices = 0
        self.ends = 0

    def connect(self, frontier: list[tuple[str, list[str]]], dst: str, kind: str) -> None:
        """An edge from each node the flow comes from; its text is what the flow passed on the way
        (an option's text, conditions in brackets)."""
        for src, tags in frontier:
            self.g.edges.append(Edge(src, dst, kind, " ".join(tags)))

    def block(self, pc: int, frontier: list, stop: int) -> tuple[int, list]:
        """Walk from `pc` until a `goto` (the end of a block), `stop` or the flow stops.
        Returns (pc reached, the frontier flowing on)."""
        code = self.code
        while frontier and pc < min(stop, len(code)):
            ins = code[pc]
            if ins.op == "goto":
                return pc, frontier
            if ins.op == "jump":
                self.connect(frontier, ins.args["label"], "jump")
                return pc, []
            if ins.op == "call":
                self.connect(frontier, ins.args["label"], "call")
            elif ins.op == "end":
                self.ends += 1
                end = f"{self.name}.end{self.ends}"
                self.g.nodes[end] = Node(end, "end", "END", self.name)
                self.connect(frontier, end, "end")
                return pc, []
            elif ins.op == "return":
                return pc, []
            elif ins.op == "menu":
                frontier = self.menu(pc, ins, frontier)
                pc = ins.args["end"]
                continue
            elif ins.op == "branch":
                pc, frontier = self.branch(pc, ins, frontier)
                continue
            pc += 1
        return pc, frontier

    def menu(self, pc: int, ins: Instr, frontier: list) -> list:
        self.choices += 1
        node = f"{self.name}.choice{self.choices}"
        where = ins.where
        self.g.nodes[node] = Node(node, "choice", f"choice at {Path(where.path).name}:{where.line}", self.name)
        self.connect(frontier, node, "flow")
        out: list = []
        for opt in ins.args["options"]:
            tags = [f"“{opt.text.plain_source().strip()}”"]
            if opt.cond is not None:
                tags.append(f"[if {expr_text(opt.cond)}]")
            _, rest = self.block(opt.target, [(node, tags)], ins.args["end"])
            out += rest
        return out

    def branch(self, pc: int, ins: Instr, frontier: list) -> tuple[int, list]:
        cond = expr_text(ins.args["cond"])
        target = ins.args["target"]
        before = target - 1
        has_else = before > pc and self.code[before].op == "goto" and self.code[before].args["target"] > target
        join = self.code[before].args["target"] if has_else else target
        n_edges, n_nodes = len(self.g.edges), len(self.g.nodes)
        yes, no = f"[if {cond}]", f"[if not {_paren(ins.args['cond'])}]"
        _, then_out = self.block(pc + 1, [(s, c + [yes]) for s, c in frontier], target)
        if has_else:
            _, else_out = self.block(target, [(s, c + [no]) for s, c in frontier], join)
        else:
            else_out = [(s, c + [no]) for s, c in frontier]
        if len(self.g.edges) == n_edges and len(self.g.nodes) == n_nodes:
            return join, frontier  # nothing inside changes where the story goes
        return join, then_out + else_out


def build_graph(program: Program) -> StoryGraph:
    """The story graph of a compiled program (see the module docstring)."""
    g = StoryGraph()
    called = {ins.args["label"] for lab in program.labels.values() for ins in lab.code if ins.op == "call"}
    for name in program.labels:
        g.nodes[name] = Node(name, "label", name, name, start=name == program.start)
    for name in program.labels:
        w = _Walker(g, program, name)
        _, frontier = w.block(0, [(name, [])], len(w.code))
        if frontier and name not in called:  # off the end of a label: the story is finished
            w.ends += 1
            end = f"{name}.end{w.ends}"
            g.nodes[end] = Node(end, "end", "END", name)
            w.connect(frontier, end, "end")
    _mark_unreachable(g, program)
    return g


def _mark_unreachable(g: StoryGraph, program: Program) -> None:
    out: dict[str, list[str]] = {}
    for e in g.edges:
        out.setdefault(e.src, []).append(e.dst)
    seen = {program.start}
    stack = [program.start]
    while stack:
        for nxt in out.get(stack.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    for node in g.nodes.values():
        node.unreachable = node.id not in seen


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, EDGE_TEXT)) if text else ""


def _dot_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(g: StoryGraph, title: str = "") -> str:
    lines = ["digraph story {",
             f"  graph [rankdir=TB, fontname=\"Helvetica\", label={_dot_str(title)}, labelloc=t, "
             "nodesep=0.35, ranksep=0.45, bgcolor=\"white\"];",
             "  node [fontname=\"Helvetica\", fontsize=12];",
             "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];"]
    for n in g.nodes.values():
        if n.kind == "label":
            style = "rounded,filled,bold" if n.start else "rounded,filled"
            fill = WARN_FILL if n.unreachable else "#dde8f7"
            extra = ', tooltip="nothing reaches this label from the start"' if n.unreachable else ""
            lines.append(f"  {_dot_str(n.id)} [shape=box, style=\"{style}\", fillcolor=\"{fill}\", "
                         f"label={_dot_str(n.title + (' (unreachable)' if n.unreachable else ''))}{extra}];")
        elif n.kind == "choice":
            lines.append(f"  {_dot_str(n.id)} [shape=diamond, style=filled, fillcolor=\"#fff3c4\", "
                         f"label=\"?\", width=0.35, height=0.35, fixedsize=true, tooltip={_dot_str(n.title)}];")
        else:
            lines.append(f"  {_dot_str(n.id)} [shape=doublecircle, style=filled, fillcolor=\"#333333\", "
                         "fontcolor=white, fontsize=9, label=\"END\", width=0.5, fixedsize=true];")
    for e in g.edges:
        attrs = []
        if e.kind == "call":
            attrs.append("style=dashed")
            e_text = ("call " + e.text).strip()
        else:
            e_text = e.text
        if e_text:
            attrs.append(f"label={_dot_str(_wrap(e_text))}")
        if g.nodes.get(e.src) is not None and g.nodes[e.src].kind == "choice":
            attrs.append("color=\"#8a6d00\", fontcolor=\"#5a4700\"")
        lines.append(f"  {_dot_str(e.src)} -> {_dot_str(e.dst)}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mm_id(node_id: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in node_id)


def _mm_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(g: StoryGraph) -> str:
    lines = ["flowchart TD"]
    for n in g.nodes.values():
        i = _mm_id(n.id)
        if n.kind == "label":
            lines.append(f'  {i}("{_mm_text(n.title)}")')
        elif n.kind == "choice":
            lines.append(f'  {i}{{"?"}}')
        else:
            lines.append(f'  {i}((("END")))')
    for e in g.edges:
        arrow = "-.->" if e.kind == "call" else "-->"
        text = ("call " + e.text).strip() if e.kind == "call" else e.text
        label = f'|"{_mm_text(_wrap(text))}"|' if text else ""
        lines.append(f"  {_mm_id(e.src)} {arrow}{label} {_mm_id(e.dst)}")
    lines.append("  classDef label fill:#dde8f7,stroke:#4a6fa5;")
    lines.append(f"  classDef unreachable fill:{WARN_FILL},stroke:#b35c00;")
    lines.append("  classDef ending fill:#333,color:#fff;")
    labels = [_mm_id(n.id) for n in g.nodes.values() if n.kind == "label" and not n.unreachable]
    warn = [_mm_id(n.id) for n in g.nodes.values() if n.kind == "label" and n.unreachable]
    ends = [_mm_id(n.id) for n in g.nodes.values() if n.kind == "end"]
    for cls, ids in (("label", labels), ("unreachable", warn), ("ending", ends)):
        if ids:
            lines.append(f"  class {','.join(ids)} {cls};")
    return "\n".join(lines) + "\n"


def graphviz_problem() -> str | None:
    """Why Graphviz cannot draw here, or None."""
    if shutil.which("dot") is None:
        return "Graphviz is not installed (Debian: apt-get install graphviz; macOS: brew install graphviz)"
    return None


def render_with_dot(dot_text: str, fmt: str, output: Path) -> str | None:
    """Draw `dot_text` to `output` as svg or png; returns an error message or None."""
    problem = graphviz_problem()
    if problem:
        return problem
    try:
        run = subprocess.run(["dot", f"-T{fmt}", "-o", str(output)], input=dot_text.encode("utf-8"),
                             capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Graphviz's dot could not run: {exc}"
    if run.returncode != 0:
        return f"Graphviz's dot failed: {run.stderr.decode('utf-8', 'replace').strip()[-300:]}"
    return None


def _drop_base_unreachable(g: StoryGraph, game) -> None:
    """A layered mod's graph leaves out the game's labels its story never reaches."""
    mine = game.root.resolve()
    labels = game.program.labels
    drop = {n.id for n in g.nodes.values() if n.unreachable and n.label in labels
            and not Path(labels[n.label].where.path).resolve().is_relative_to(mine)}
    for node_id in drop:
        del g.nodes[node_id]
    g.edges = [e for e in g.edges if e.src not in drop and e.dst not in drop]


def add_arguments(p: argparse.ArgumentParser) -> None:
    from vn.tools.args import game_arg

    game_arg(p)
    p.add_argument("-o", "--output", type=Path, required=True,
                   help="story.svg, story.png (Graphviz), story.dot, story.md or story.mmd (Mermaid)")


def run(args: argparse.Namespace) -> int:
    from vn.tools.args import load_or_report

    game = load_or_report(args.game)
    if game.program is None:
        return 1
    g = build_graph(game.program)
    if len(game.layers) > 1:
        _drop_base_unreachable(g, game)
    out: Path = args.output
    suffix = out.suffix.lower().lstrip(".")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if suffix == "dot" or suffix == "gv":
            out.write_text(to_dot(g, game.program.title), "utf-8")
        elif suffix == "mmd":
            out.write_text(to_mermaid(g), "utf-8")
        elif suffix == "md":
            out.write_text(f"# {game.program.title}: story graph\n\n```mermaid\n{to_mermaid(g)}```\n", "utf-8")
        elif suffix in ("svg", "png", "pdf"):
            problem = render_with_dot(to_dot(g, game.program.title), suffix, out)
            if problem:
                print(f"vn graph: {problem}", file=sys.stderr)
                print("  hint: write -o story.dot or -o story.md instead (no Graphviz needed)", file=sys.stderr)
                return 1
        else:
            print(f"vn graph: cannot write '.{suffix}' files", file=sys.stderr)
            print("  hint: use .svg, .png, .pdf, .dot, .md or .mmd", file=sys.stderr)
            return 2
    except OSError as exc:
        print(f"vn graph: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    unreachable = [n.id for n in g.nodes.values() if n.kind == "label" and n.unreachable]
    if unreachable:
        print(f"vn graph: unreachable labels (drawn in orange): {', '.join(unreachable)}", file=sys.stderr)
    return 0

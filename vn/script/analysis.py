"""Whole-program checks that need every label: references, variables, reachability, loops.

The loop check finds cycles of instructions that show nothing (no line, choice, wait, card or
transition): the game would hang there. A cycle with no condition on it always hangs (error);
one that passes a condition may end (warning). Calls are followed through per-label summaries
("can this label return without showing anything?") so a call to a label that shows text
breaks a cycle, while a call to one that only sets variables does not.
"""

from __future__ import annotations

from vn.script.compiler import Compiler
from vn.script.diagnostics import did_you_mean, error, warning
from vn.script.program import Instr, Program

_SHOWING_OPS = {"line", "menu", "wait", "end"}
_BLOCKING_DIRECTIONS = {"card", "transition"}

Node_ = tuple[str, int]
# What the checks below read of a label: how many instructions it has, and the flow of each one
# that shows nothing — (op, the label of a jump or call, or the pc of a goto or branch, else
# None) by pc, in pc order; an instruction not there shows something or blocks (a line, a
# choice, a wait, `end`, a card, a transition). A few instructions in a hundred: the checks go
# over those alone, and a worker process sends them of its labels (`vn.script.parallel`), so
# the checks need no instruction of a worker's label made.
Flow = tuple[str, "str | int | None"]
LabelFlow = tuple[int, dict[int, Flow]]
Flows = dict[str, LabelFlow]


def analyse(comp: Compiler, prog: Program) -> None:
    diags = comp.diags
    labels = prog.labels
    # references to labels
    for name, w in comp.label_refs:
        if name not in labels:
            diags.append(error(w.path, w.line, w.col, f"unknown label '{name}'",
                               did_you_mean(name, labels) or "labels are the top-level keys of scripts/*.yaml"))
    m = comp.manifest
    if m.start not in labels:
        w = m.start_where
        diags.append(error(w.path if w else "scripts/game.yaml", w.line if w else 1, w.col if w else 1,
                           f"the start label '{m.start}' does not exist",
                           did_you_mean(m.start, labels) or "set 'start:' in game.yaml to a label"))
    # variables read but never set
    known = set(comp.var_sets) | set(m.variables)
    reported: set[tuple[str, str, int]] = set()
    for name, w in comp.var_reads:
        key = (name, w.path, w.line)
        if name not in known and key not in reported:
            # a warning, not an error: an unset variable reads as false (0), which a script may
            # rely on; but it is usually a typo, so say so loudly
            reported.add(key)
            close = did_you_mean(name, known)
            diags.append(warning(w.path, w.line, w.col, f"variable '{name}' is never set, so it always reads as false",
                                 close or f"set it somewhere (- set: {{{name}: 0}}) or declare it under "
                                 "'variables:' in game.yaml"))
    if m.start not in labels:
        return
    flows = {name: comp.flows[name] if name in comp.flows else flow(lab.code) for name, lab in labels.items()}
    _reachability(comp, prog, flows)
    _returns(comp, prog, flows)
    _loops(comp, prog, flows)


def flow(code: list[Instr]) -> LabelFlow:
    """What the checks below read of a label's instructions (`LabelFlow`)."""
    moves: dict[int, Flow] = {}
    for pc, ins in enumerate(code):
        op = ins.op
        if op in _SHOWING_OPS or op == "direction" and ins.args["command"] in _BLOCKING_DIRECTIONS:
            continue
        if op == "jump" or op == "call":
            moves[pc] = (op, ins.args["label"])
        elif op == "goto" or op == "branch":
            moves[pc] = (op, ins.args["target"])
        else:
            moves[pc] = (op, None)
    return len(code), moves


def _reachability(comp: Compiler, prog: Program, flows: Flows) -> None:
    seen = {prog.start}
    stack = [prog.start]
    while stack:
        name = stack.pop()
        if name not in flows:
            continue
        for op, target in flows[name][1].values():
            if (op == "jump" or op == "call") and target in flows and target not in seen:
                seen.add(target)
                stack.append(target)
    for name, lab in prog.labels.items():
        if name not in seen:
            w = lab.where
            comp.diags.append(warning(w.path, w.line, w.col, f"label '{name}' is never reached",
                                      f"nothing jumps to or calls '{name}' from '{prog.start}'"))


def _returns(comp: Compiler, prog: Program, flows: Flows) -> None:
    """`return` in a label reached from the start by jumps alone has no caller to return to."""
    top: set[str] = set()
    called: set[str] = set()
    stack: list[tuple[str, bool]] = [(prog.start, False)]
    while stack:
        name, in_call = stack.pop()
        bucket = called if in_call else top
        if name in bucket or name not in flows:
            continue
        bucket.add(name)
        for op, target in flows[name][1].values():
            if op == "jump" or op == "call":
                stack.append((target, in_call or op == "call"))
    for name in top:
        for pc, (op, _) in flows[name][1].items():
            if op == "return":
                w = prog.labels[name].code[pc].where
                comp.diags.append(error(w.path, w.line, w.col, "'return' outside a call",
                                        f"label '{name}' is reached by 'jump' from the start, so there is "
                                        "nothing to return to; use 'end', or reach it with 'call:'"))


def _silent_returners(flows: Flows) -> set[str]:
    """Labels that can reach their end or a `return` from the top without showing anything."""
    result: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name in flows:
            if name in result:
                continue
            if _can_finish_silently(flows, name, result):
                result.add(name)
                changed = True
    return result


def _succ(flows: Flows, node: Node_, silent: set[str]) -> list[tuple[Node_, bool]]:
    """Silent successors of a non-showing instruction: (node, through a condition)."""
    name, pc = node
    op, target = flows[name][1][pc]
    nxt = (name, pc + 1)
    if op == "goto":
        return [((name, target), False)]
    if op == "branch":
        return [(nxt, True), ((name, target), True)]
    if op == "jump":
        return [((target, 0), False)] if target in flows else []
    if op == "call":
        if target not in flows:
            return []
        out = [((target, 0), False)]
        if target in silent:
            out.append((nxt, False))
        return out
    if op == "return":
        return []
    return [(nxt, False)]


def _can_finish_silently(flows: Flows, name: str, silent: set[str]) -> bool:
    length, moves = flows[name]
    seen: set[int] = set()
    stack = [0]
    while stack:
        pc = stack.pop()
        if pc in seen:
            continue
        seen.add(pc)
        if pc >= length:
            return True
        move = moves.get(pc)
        if move is None:  # it shows something
            continue
        op, target = move
        if op == "return":
            return True
        if op == "jump":
            if target in silent:
                return True
            continue
        for (lab, nxt), _ in _succ(flows, (name, pc), silent):
            if lab == name:
                stack.append(nxt)
    return False


def _loops(comp: Compiler, prog: Program, flows: Flows) -> None:
    silent = _silent_returners(flows)
    nodes: list[Node_] = [(name, pc) for name, (_, moves) in flows.items() for pc in moves]
    node_set = set(nodes)
    edges: dict[Node_, list[tuple[Node_, bool]]] = {}
    for n in nodes:
        edges[n] = [(m, c) for m, c in _succ(flows, n, silent) if m in node_set]
    for scc in _sccs(nodes, edges):
        if len(scc) == 1:
            only = next(iter(scc))
            if not any(m == only for m, _ in edges[only]):
                continue
        conditional = any(flows[n[0]][1][n[1]][0] == "branch" for n in scc)
        # report at the jump/goto that closes the loop, else the first instruction
        ordered = sorted(scc, key=lambda n: (prog.labels[n[0]].where.path, prog.labels[n[0]].code[n[1]].where.line))
        anchor = next((n for n in ordered if flows[n[0]][1][n[1]][0] in ("jump", "goto", "call")), ordered[0])
        ins = prog.labels[anchor[0]].code[anchor[1]]
        w = ins.where
        labels = sorted({n[0] for n in scc})
        through = ", ".join(f"'{x}'" for x in labels)
        if conditional:
            comp.diags.append(warning(w.path, w.line, w.col,
                                      f"this can loop forever without showing anything (through {through})",
                                      "make sure the condition changes inside the loop, or add a line or a pause"))
        else:
            comp.diags.append(error(w.path, w.line, w.col,
                                    f"this loops forever without showing anything (through {through})",
                                    "add a line, a choice or a pause inside the loop, or end it"))


def _sccs(nodes: list[Node_], edges: dict[Node_, list[tuple[Node_, bool]]]) -> list[set[Node_]]:
    """Tarjan's strongly connected components, iteratively (scripts can be long)."""
    index: dict[Node_, int] = {}
    low: dict[Node_, int] = {}
    on_stack: set[Node_] = set()
    stack: list[Node_] = []
    out: list[set[Node_]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[Node_, int]] = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            succ = edges.get(v, [])
            if i < len(succ):
                work.append((v, i + 1))
                w = succ[i][0]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                comp: set[Node_] = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.add(w)
                    if w == v:
                        break
                out.append(comp)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return out

"""Compile scene-script YAML into a checked Program, collecting every diagnostic.

The compiler walks each file's labels and lowers steps into flat instructions (see
`program.py`), validating each step against the command table. Whole-program checks (labels,
variables, reachability, loops) run in `analysis.py` once every file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vn.script.catalog import Catalog
from vn.script.commands import BY_NAME, DIALOGUE, OPTION_FIELDS, Command, Field
from vn.script.diagnostics import Diagnostic, did_you_mean, error, warning
from vn.script.fields import FieldChecks
from vn.script.limits import MAX_LABELS
from vn.script.loader import Node, source_text
from vn.script.markup import Template
from vn.script.program import Character, ContentNote, Instr, Label, Option, Program, Where, index_of, uses_in
from vn.script.values import not_a_name

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")  # what vn.stage.sun.parse_time reads

_LABEL = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,120}$")
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
BARE_WORDS = {c.name for c in BY_NAME.values() if c.bare}
RESERVED = set(BY_NAME) | {"then", "else", "do", "text", "id", "look"}


@dataclass
class _Ctx:
    label: str
    path: str
    code: list[Instr]
    ordinal: int = 0
    stage: str | None = None  # the last stage set earlier in this label, for checking marks


@dataclass
class Manifest:
    title: str = "Untitled"
    start: str = "start"
    start_where: Where | None = None
    size: tuple[int, int] = (1920, 1080)
    characters: dict[str, Character] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)
    content_note: ContentNote | None = None
    content_note_set: bool = False  # the manifest names `content_note:` (a mod's may say false)


class Compiler(FieldChecks):
    def __init__(self, manifest: Manifest, catalog: Catalog) -> None:
        self.manifest = manifest
        self.catalog = catalog
        self.diags: list[Diagnostic] = []
        self.labels: dict[str, Label] = {}
        self.ids: dict[str, tuple[str, int, int]] = {}  # id -> where it was given (path, line, column)
        self.derived: dict[str, int] = {}
        self.var_reads: list[tuple[str, Where]] = []
        self.var_sets: dict[str, Where] = {}
        self.label_refs: list[tuple[str, Where]] = []
        self.incomplete = False  # a file could not be read: skip whole-program checks
        # of the labels a worker process compiled (`vn.script.parallel`), whose instructions are
        # made only when first read: what the whole-program checks need
        self.flows: dict[str, tuple[int, dict[int, tuple[str, Any]]]] = {}  # label -> `analysis.LabelFlow`

    # ----------------------------------------------------------------- reporting
    def err(self, path: str, node: Node, message: str, hint: str | None = None, offset: int = 0) -> None:
        self.diags.append(error(path, node.line, node.col + offset, message, hint))

    def warn(self, path: str, node: Node, message: str, hint: str | None = None) -> None:
        self.diags.append(warning(path, node.line, node.col, message, hint))

    @staticmethod
    def where(path: str, node: Node, offset: int = 0) -> Where:
        return Where(path, node.line, node.col + offset)

    # ----------------------------------------------------------------- files
    def add_file(self, path: str, root: Node | None) -> None:
        if root is None:
            return
        if root.kind != "map":
            self.err(path, root, f"a script file maps label names to lists of steps; found {root.describe()}",
                     "start the file with a label, e.g. 'sunset:' followed by '  - steps'")
            return
        for knode, vnode in root.pairs:
            name = knode.value
            if not isinstance(name, str) or not _LABEL.match(name):
                hint = "labels are letters, digits and '_', not starting with a digit"
                if knode.kind == "scalar" and isinstance(name, (bool, type(None))) and knode.text:
                    hint = f"quote it to use it as a label name: \"{knode.text}\":"
                self.err(path, knode, not_a_name(knode, "a valid label name"), hint)
                continue
            if len(self.labels) >= MAX_LABELS:
                self.err(path, knode, f"too many labels (at most {MAX_LABELS:,} in a game)",
                         "join short labels together")
                return
            if name in self.labels:
                first = self.labels[name].where
                self.err(path, knode, f"label '{name}' is defined twice",
                         f"it is first defined at {first.path}:{first.line}:{first.col}")
                continue
            if name in BY_NAME or name in self.manifest.characters:
                self.warn(path, knode, f"label '{name}' has the name of a "
                          f"{'command' if name in BY_NAME else 'character'}", "rename it to avoid confusion")
            label = Label(name, self.where(path, knode))
            self.labels[name] = label
            ctx = _Ctx(name, path, label.code)
            if vnode.kind == "scalar" and vnode.value is None:
                self.warn(path, knode, f"label '{name}' has no steps", None)
                continue
            if vnode.kind != "seq":
                self.err(path, vnode, f"label '{name}' must hold a list of steps; found {vnode.describe()}",
                         "write each step on its own line starting with '- '")
                continue
            for item in vnode.items:
                label.steps.append(len(ctx.code))
                self.step(item, ctx)

    # ----------------------------------------------------------------- steps
    def steps(self, seq: Node, ctx: _Ctx) -> None:
        for item in seq.items:
            self.step(item, ctx)

    def emit(self, ctx: _Ctx, op: str, args: dict[str, Any], node: Node, ident: str | None = None,
             presented: bool = False) -> Instr:
        ordinal = -1
        if presented:
            ordinal = ctx.ordinal
            ctx.ordinal += 1
        code = ctx.code
        ins = Instr(op, args, Where(ctx.path, node.line, node.col), ident or f"{ctx.label}#{len(code)}", ordinal)
        code.append(ins)
        return ins

    def patch(self, ctx: _Ctx, pc: int, **changes: Any) -> None:
        old = ctx.code[pc]
        ctx.code[pc] = Instr(old.op, {**old.args, **changes}, old.where, old.id, old.ordinal)

    def step(self, node: Node, ctx: _Ctx) -> None:
        path = ctx.path
        if node.kind == "scalar":
            v = node.value
            word = "" if node.quoted or not isinstance(v, str) else v.strip()
            if word in BARE_WORDS:
                if word == "pause":
                    self.emit(ctx, "wait", {"seconds": None, "click_ends": True}, node)
                else:
                    self.emit(ctx, word, {}, node)
                return
            if word in BY_NAME:
                cmd = BY_NAME[word]
                self.err(path, node, f"'{cmd.name}' needs a value", f"write: - {cmd.example.splitlines()[0][2:]}")
                return
            if isinstance(v, str):
                if not v.strip():
                    self.err(path, node, "empty text", "remove the step or write something")
                    return
                self.line(ctx, node, None, node, None, None)
                return
            if v is None and not node.text:
                self.err(path, node, "empty step", "remove the '-' or write a step after it")
                return
            self.err(path, node, f"a step is text or a command; found {node.describe()}",
                     f"quote it to show it as text: - \"{node.text}\"")
            return
        if node.kind == "seq":
            self.err(path, node, "a step cannot be a list", "check the indentation: steps start with '- '")
            return
        characters = self.manifest.characters
        if len(node.pairs) == 1:  # most steps: `- who: text`, or one command alone
            key, value = node.pairs[0]
            name = key.value
            if name.__class__ is str and name in characters and name not in BY_NAME:
                self.dialogue(ctx, node, key, value)
                return
        heads = [(k, v) for k, v in node.pairs if isinstance(k.value, str)
                 and (k.value in BY_NAME or k.value in characters)]
        if not heads:
            if not node.pairs:
                self.err(path, node, "empty step", None)
                return
            key = node.pairs[0][0]
            name = key.text if key.kind == "scalar" else str(key.value)
            if name in ("then", "else", "do"):
                self.err(path, key, f"'{name}' belongs to an 'if' or a choice option, not a step of its own",
                         "check the indentation")
                return
            known = list(BY_NAME) + list(self.manifest.characters)
            value = node.pairs[0][1]
            hint = did_you_mean(name, known)
            if hint is None and len(node.pairs) == 1 and value.is_str():
                hint = f"to write text containing ': ', quote the whole line: - \"{name}: {value.value}\""
            self.err(path, key, f"unknown command or character '{name}'",
                     hint or "a step starts with a command (say, show, jump, …) or a character id")
            return
        if len(heads) > 1:
            a, b = heads[0][0], heads[1][0]
            self.err(path, b, f"one step, two commands: '{a.value}' and '{b.value}'",
                     "start a new step with '- ' for each command")
            return
        key, value = heads[0]
        name = key.value
        if name in characters and name not in BY_NAME:
            self.dialogue(ctx, node, key, value)
            return
        cmd = BY_NAME[name]
        mods = self.modifiers(ctx, node, key, cmd)
        if mods is None:
            return
        getattr(self, f"cmd_{cmd.name}", self.cmd_direction)(ctx, node, key, value, cmd, mods)

    def modifiers(self, ctx: _Ctx, node: Node, key: Node, cmd: Command | None,
                  fields: tuple[Field, ...] | None = None) -> dict[str, Node] | None:
        """The step's sibling keys, checked against the command's fields."""
        if len(node.pairs) == 1 and node.pairs[0][0] is key:  # most steps: the command alone
            return {}
        allowed = fields if fields is not None else (cmd.fields if cmd else ())
        names = {f.name: f for f in allowed}
        out: dict[str, Node] = {}
        ok = True
        for k, v in node.pairs:
            if k is key:
                continue
            kname = k.text if k.kind == "scalar" else str(k.value)
            if kname not in names:
                what = f"'{cmd.name}'" if cmd and cmd.name != "CHARACTER" else "dialogue"
                if kname == "elif":
                    hint = "nest another 'if' inside 'else:'"
                elif kname in BY_NAME or kname in self.manifest.characters:
                    hint = "start a new step with '- ' for each command"
                else:
                    hint = did_you_mean(kname, names) or (
                        f"{what} takes: {', '.join(names)}" if names else f"{what} takes no modifiers")
                self.err(ctx.path, k, f"{what} has no field '{kname}'", hint)
                ok = False
                continue
            out[kname] = v
        return out if ok else None

    # ----------------------------------------------------------------- commands
    def line(self, ctx: _Ctx, node: Node, speaker: str | None, text_node: Node, look: Node | None,
             id_node: Node | None) -> None:
        tpl = self.text(ctx, text_node)
        if tpl is None:
            return
        plain = tpl.plain_source()
        if not plain.strip() and not tpl.variables:
            self.err(ctx.path, text_node, "empty text", "remove the step or write something")
            return
        look_name = None
        if look is not None and speaker is not None:
            look_name = self.value(ctx, Field("look", "look", "a look"), look, speaker)
            if look_name is not None:
                self.emit(ctx, "direction", {"command": "show", "args": _show_args(speaker, look_name)}, look)
        ident = self.line_id(ctx, id_node, f"{speaker or ''}\x1f{plain}", node)
        self.emit(ctx, "line", {"speaker": speaker, "text": tpl, "look": look_name}, node, ident, presented=True)

    def dialogue(self, ctx: _Ctx, node: Node, key: Node, value: Node) -> None:
        mods = self.modifiers(ctx, node, key, DIALOGUE)
        if mods is None:
            return
        speaker = key.value
        if source_text(value) is None:
            self.err(ctx.path, value if value.kind != "scalar" else key,
                     f"{speaker}'s line needs text, found {value.describe()}",
                     f"write: - {speaker}: Some words.")
            return
        self.line(ctx, node, speaker, value, mods.get("look"), mods.get("id"))

    def cmd_say(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        self.line(ctx, node, None, value, None, mods.get("id"))

    def cmd_jump(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        if not value.is_str() or not _LABEL.match(value.value.strip()):
            if value.kind == "scalar" and isinstance(value.value, (bool, type(None))) and value.text:
                self.err(ctx.path, value, not_a_name(value, "a label name"),
                         f"quote it to use it as a label name: - {cmd.name}: \"{value.text}\"")
                return
            self.err(ctx.path, value, f"expected a label name, found {value.describe()}",
                     f"write: - {cmd.name}: LABEL")
            return
        self.label_refs.append((value.value.strip(), self.where(ctx.path, value)))
        self.emit(ctx, cmd.name, {"label": value.value.strip()}, node)

    cmd_call = cmd_jump

    def cmd_return(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        self.bare_with_value(ctx, node, key, value, cmd)

    def cmd_end(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        self.bare_with_value(ctx, node, key, value, cmd)

    def bare_with_value(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command) -> None:
        if not (value.kind == "scalar" and value.value is None):
            self.err(ctx.path, value, f"'{cmd.name}' takes no value", f"write: - {cmd.name}")
            return
        self.emit(ctx, cmd.name, {}, node)

    def cmd_set(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        if value.kind != "map" or not value.pairs:
            self.err(ctx.path, value, f"'set' takes a mapping of variables to values; found {value.describe()}",
                     "write: - set: {stayed: true, trust: \"trust + 1\"}")
            return
        assign: list[tuple[str, tuple]] = []
        for k, v in value.pairs:
            name = k.value
            if not isinstance(name, str) or not _VAR.match(name):
                hint = "variables are letters, digits and '_', not starting with a digit"
                if k.kind == "scalar" and isinstance(name, (bool, type(None))) and k.text:
                    hint = f"quote it to use it as a variable name: {{\"{k.text}\": …}}"
                self.err(ctx.path, k, not_a_name(k, "a valid variable name"), hint)
                continue
            if name.startswith("__") or name in ("true", "false", "and", "or", "not"):
                self.err(ctx.path, k, f"'{name}' cannot be a variable name", None)
                continue
            if v.kind == "scalar" and v.value is None and not v.quoted:
                self.err(ctx.path, v, f"'{name}' has no value", "write true, false, a number or an expression")
                continue
            tree = self.expr(ctx, v)
            if tree is not None:
                assign.append((name, tree))
                self.var_sets.setdefault(name, self.where(ctx.path, k))
        self.emit(ctx, "set", {"assign": tuple(assign)}, node)

    def cmd_if(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        cond = self.expr(ctx, value)
        then, other = mods.get("then"), mods.get("else")
        if then is None:
            self.err(ctx.path, key, "'if' needs 'then:'", "write the steps to run under 'then:', and optionally 'else:'")
        branch_pc = len(ctx.code)
        self.emit(ctx, "branch", {"cond": cond or ("bool", False), "target": -1}, node)
        self.block(ctx, then, "then")
        if other is not None:
            goto_pc = len(ctx.code)
            self.emit(ctx, "goto", {"target": -1}, node)
            self.patch(ctx, branch_pc, target=len(ctx.code))
            self.block(ctx, other, "else")
            self.patch(ctx, goto_pc, target=len(ctx.code))
        else:
            self.patch(ctx, branch_pc, target=len(ctx.code))

    def block(self, ctx: _Ctx, node: Node | None, what: str) -> None:
        if node is None:
            return
        if node.kind == "scalar" and node.value is None:
            return
        if node.kind != "seq":
            self.err(ctx.path, node, f"'{what}' holds a list of steps; found {node.describe()}",
                     "put each step on its own line starting with '- '")
            return
        self.steps(node, ctx)

    def cmd_choice(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        if value.kind == "scalar" and value.value is None or value.kind == "seq" and not value.items:
            self.err(ctx.path, key, "a choice with no options", "add options: - Option text: [steps]")
            return
        if value.kind != "seq":
            self.err(ctx.path, value, f"'choice' takes a list of options; found {value.describe()}",
                     "write each option as '- Option text:' followed by its steps")
            return
        parsed: list[tuple[Node, Template | None, tuple | None, Node | None, Node | None]] = []
        for opt in value.items:
            item = self.option(ctx, opt)
            if item is not None:
                parsed.append(item)
        if not parsed:
            return
        menu_basis = "\x1e".join(t.plain_source() if t else "" for _, t, _, _, _ in parsed)
        menu_id = self.line_id(ctx, None, "choice\x1f" + menu_basis, node)
        menu_pc = len(ctx.code)
        self.emit(ctx, "menu", {"options": ()}, node, menu_id, presented=True)
        options: list[Option] = []
        gotos: list[int] = []
        for opt_node, tpl, cond, steps, id_node in parsed:
            target = len(ctx.code)
            oid = self.line_id(ctx, id_node, f"option\x1f{menu_id}\x1f{tpl.plain_source() if tpl else ''}", opt_node)
            options.append(Option(tpl or Template(()), cond, target, oid))
            self.block(ctx, steps, "option")
            gotos.append(len(ctx.code))
            self.emit(ctx, "goto", {"target": -1}, opt_node)
        end = len(ctx.code)
        for pc in gotos:
            self.patch(ctx, pc, target=end)
        self.patch(ctx, menu_pc, options=tuple(options), end=end)
        if all(o.cond is not None for o in options):
            self.warn(ctx.path, key, "every option has a condition",
                      "when none holds the choice is skipped; give one option no 'if'")

    def option(self, ctx: _Ctx, opt: Node) -> tuple[Node, Template | None, tuple | None, Node | None, Node | None] | None:
        if opt.kind != "map" or not opt.pairs:
            self.err(ctx.path, opt, f"a choice option is a mapping; found {opt.describe()}",
                     "write '- Option text:' with its steps indented below")
            return None
        if opt.get("text") is not None or opt.get("do") is not None:
            mods = self.modifiers(ctx, opt, Node("scalar", opt.line, opt.col), None, OPTION_FIELDS)
            if mods is None:
                return None
            text_node = mods.get("text")
            if text_node is None:
                self.err(ctx.path, opt, "this option has no 'text:'", "write text: Option text")
                return None
            do = mods.get("do")
            if do is None:
                self.err(ctx.path, opt, "this option has no 'do:' steps", "add do: [steps], e.g. do: [pause]")
            cond = self.expr(ctx, mods["if"]) if "if" in mods else None
            return opt, self.text(ctx, text_node), cond, do, mods.get("id")
        if len(opt.pairs) > 1:
            k = opt.pairs[1][0]
            self.err(ctx.path, k, f"an option is one 'text: steps' pair; found another key '{k.text}'",
                     "for a conditional option write: text: …, if: …, do: [steps]")
            return None
        k, v = opt.pairs[0]
        if source_text(k) is None:
            self.err(ctx.path, k, f"an option's text must be text; found {k.describe()}", "quote it")
            return None
        return opt, self.text(ctx, k), None, v, None

    def cmd_wait(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        seconds = self.value(ctx, cmd.main, value) if cmd.main else None
        if seconds is not None:
            self.emit(ctx, "wait", {"seconds": seconds, "click_ends": False}, node)

    def cmd_pause(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        if value.kind == "scalar" and value.value is None:
            self.emit(ctx, "wait", {"seconds": None, "click_ends": True}, node)
            return
        seconds = self.value(ctx, cmd.main, value) if cmd.main else None
        if seconds is not None:
            self.emit(ctx, "wait", {"seconds": seconds, "click_ends": True}, node)

    def cmd_show(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        parsed = self.short_who(ctx, value, cmd)
        if parsed is None:
            return
        who, look, mark, words = parsed
        if look is not None and "look" in mods:
            self.err(ctx.path, mods["look"], "the look is given twice", "give it either in the short form or as 'look:'")
            return
        if mark is not None and "at" in mods:
            self.err(ctx.path, mods["at"], "the mark is given twice", "give it either in the short form or as 'at:'")
            return
        args = _show_args(who, look)
        args["at"] = mark
        if self.fill(ctx, cmd, mods, args, who):
            self.emit(ctx, "direction", {"command": "show", "args": args}, node)

    def short_who(self, ctx: _Ctx, value: Node, cmd: Command) -> tuple[str, str | None, str | None, list[str]] | None:
        """Parse `WHO [LOOK] [at MARK]` (show) or `WHO [to MARK]` (move)."""
        if not value.is_str() or not value.value.strip():
            self.err(ctx.path, value, f"'{cmd.name}' needs a character, found {value.describe()}",
                     f"write: - {cmd.name}: {cmd.short or 'WHO'}")
            return None
        words = [(m.group(0), m.start()) for m in re.finditer(r"\S+", value.value)]
        who, who_at = words[0]
        if not self.check_char(ctx, value, who, self.offset(value, who_at)):
            return None
        look = mark = None
        rest = words[1:]
        joiner = "to" if cmd.name == "move" else "at"
        if cmd.name == "hide" and rest:
            self.err(ctx.path, value, f"'hide' takes one character; found '{value.value}'", "write: - hide: WHO")
            return None
        if rest and rest[-2:-1] and rest[-2][0] == joiner:
            mark_word, at = rest[-1]
            mark = self.check_mark(ctx, value, mark_word, self.offset(value, at))
            if mark is None:
                return None
            rest = rest[:-2]
        elif rest and rest[-1][0] == joiner:
            self.err(ctx.path, value, f"'{joiner}' needs a mark after it", f"write: {cmd.short}")
            return None
        if cmd.name == "show" and len(rest) == 1:
            look = self.check_look(ctx, value, who, rest[0][0], self.offset(value, rest[0][1]))
            if look is None:
                return None
        elif rest:
            self.err(ctx.path, value, f"cannot read '{value.value}'", f"the short form is: {cmd.short or 'WHO'}",
                     self.offset(value, rest[0][1]))
            return None
        return who, look, mark, [w for w, _ in words]

    def fill(self, ctx: _Ctx, cmd: Command, mods: dict[str, Node], args: dict[str, Any], who: str | None) -> bool:
        """Check each modifier into args (defaults for the absent ones); False if any is bad."""
        ok = True
        for f in cmd.fields:
            if f.name in mods:
                v = self.value(ctx, f, mods[f.name], who)
                if v is None:
                    ok = False
                args[f.name] = v
            elif f.name not in args or args[f.name] is None:
                args[f.name] = f.default
        return ok

    def cmd_hide(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        parsed = self.short_who(ctx, value, cmd)
        if parsed is None:
            return
        args: dict[str, Any] = {"who": parsed[0]}
        if self.fill(ctx, cmd, mods, args, parsed[0]):
            self.emit(ctx, "direction", {"command": "hide", "args": args}, node)

    def cmd_move(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        if "to" not in mods and value.is_str() and " to " not in f" {value.value} ":
            self.err(ctx.path, key, "'move' needs 'to:'", "write: - move: zack\n      to: door")
            return
        parsed = self.short_who(ctx, value, cmd)
        if parsed is None:
            return
        who, _, mark, _ = parsed
        if mark is not None and "to" in mods:
            self.err(ctx.path, mods["to"], "the mark is given twice", "give it either in the short form or as 'to:'")
            return
        args: dict[str, Any] = {"who": who, "to": mark}
        if self.fill(ctx, cmd, mods, args, who):
            self.emit(ctx, "direction", {"command": "move", "args": args}, node)

    def cmd_stage(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        name = self.value(ctx, cmd.main, value) if cmd.main else None
        args: dict[str, Any] = {"name": name}
        ok = self.fill(ctx, cmd, mods, args, None)
        if name is not None:
            ctx.stage = name
            if ok:
                self.emit(ctx, "direction", {"command": "stage", "args": args}, node)

    def cmd_camera(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        """`camera: MARK` or `camera: {x, y, zoom}` (any of the three)."""
        args: dict[str, Any] = {"mark": None, "x": None, "y": None, "zoom": None}
        ok = True
        if value.kind == "map":
            if not value.pairs:
                self.err(ctx.path, value, "camera: {} gives nothing", "write {x: 960, y: 540, zoom: 1}")
                return
            for k, v in value.pairs:
                name = k.text if k.kind == "scalar" else str(k.value)
                if name not in ("x", "y", "zoom"):
                    self.err(ctx.path, k, f"camera has no field '{name}'",
                             did_you_mean(name, ["x", "y", "zoom"]) or "camera takes x, y and zoom")
                    ok = False
                    continue
                limits = (0.05, 20.0) if name == "zoom" else (-1e6, 1e6)
                got = self.value(ctx, Field(name, "number", name, limits=limits), v)
                ok = ok and got is not None
                args[name] = got
        elif value.kind == "seq":
            self.err(ctx.path, value, "camera takes a mark or {x, y, zoom}, not a list",
                     "write '- camera: door' or '- camera: {x: 960, y: 540, zoom: 1}'")
            return
        else:
            args["mark"] = self.value(ctx, Field("camera", "mark", "a mark"), value)
            ok = args["mark"] is not None
        ok = self.fill(ctx, cmd, mods, args, None) and ok
        if ok:
            self.emit(ctx, "direction", {"command": "camera", "args": args}, node)

    def cmd_light(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command, mods: dict[str, Node]) -> None:
        """`light: PRESET` or `light: {time: "HH:MM"}`."""
        args: dict[str, Any] = {"preset": None, "time": None}
        names = [k.text if k.kind == "scalar" else str(k.value) for k, _ in value.pairs] if value.kind == "map" else []
        if value.kind == "map" and "time" not in names:
            preset = next((v.text for k, v in value.pairs if k.text == "preset" and v.kind == "scalar"), "last_rays")
            self.err(ctx.path, value, "'light' takes the preset here, not a mapping",
                     f"write '- light: {preset}' with over: and ease: on the lines below, as sibling keys; "
                     "or '- light: {time: \"19:40\"}' for the light of a time of day")
            return
        if value.kind == "map":
            ok = True
            for k, v in value.pairs:
                name = k.text if k.kind == "scalar" else str(k.value)
                if name != "time":
                    self.err(ctx.path, k, f"light has no field '{name}'",
                             did_you_mean(name, ["time"]) or "write light: {time: \"19:40\"} or a preset name")
                    ok = False
                    continue
                text = v.value if v.kind == "scalar" else None
                if not isinstance(text, str) or not _CLOCK.match(text.strip()):
                    self.err(ctx.path, v, f"time must be a 24-hour clock time \"HH:MM\", found {v.describe()}",
                             "quote it: time: \"19:40\" (unquoted, YAML may read 19:40 as a number)")
                    ok = False
                    continue
                args["time"] = text.strip()
            if args["time"] is None:
                return
        elif value.kind == "seq":
            self.err(ctx.path, value, "light takes a preset or {time: \"HH:MM\"}, not a list")
            return
        else:
            args["preset"] = self.value(ctx, Field("light", "preset", "the preset"), value)
            ok = args["preset"] is not None
        ok = self.fill(ctx, cmd, mods, args, None) and ok
        if ok:
            self.emit(ctx, "direction", {"command": "light", "args": args}, node)

    def cmd_direction(self, ctx: _Ctx, node: Node, key: Node, value: Node, cmd: Command,
                      mods: dict[str, Node]) -> None:
        """light, transition, effect, music, sound, stop, textbox, card: main value + modifiers."""
        assert cmd.main is not None
        main_name = {"transition": "kind", "effect": "kind", "music": "file",
                     "sound": "file", "stop": "channel", "textbox": "mode", "card": "title"}[cmd.name]
        if value.kind in ("map", "seq"):
            lines = cmd.example.splitlines()
            rest = ", ".join(line.strip() for line in lines[1:])
            self.err(ctx.path, value, f"'{cmd.name}' takes {cmd.main.doc.lower()} here, not {value.describe()}",
                     f"write '{lines[0]}'" + (f" with {rest} on the lines below, as sibling keys" if rest else ""))
            return
        main = self.value(ctx, cmd.main, value)
        args: dict[str, Any] = {main_name: main}
        ok = self.fill(ctx, cmd, mods, args, None)
        if main is not None and ok:
            self.emit(ctx, "direction", {"command": cmd.name, "args": args}, node)

    # ----------------------------------------------------------------- result
    def program(self) -> Program:
        m = self.manifest
        prog = Program(m.title, m.start, m.size, m.characters, dict(m.variables), self.labels,
                       content_note=m.content_note)
        labels = prog.labels
        # made when first read (as for a program from the cache): from the instructions as they
        # are then, so an id lock's renames are in it; a start or check that never asks skips it
        prog.defer("index", lambda: index_of(labels))
        prog.defer("uses", lambda: uses_in(labels))  # likewise (vn check reads it)
        return prog


def _show_args(who: str, look: str | None) -> dict[str, Any]:
    return {"who": who, "look": look, "at": None, "with": None, "over": None}

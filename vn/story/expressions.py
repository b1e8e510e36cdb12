"""Evaluate the expression trees that `vn.script.expressions` parses. Never Python's eval.

Values are booleans, numbers and strings. A variable that was never set reads as false (which
is 0 in arithmetic), so a flag set on one branch can be tested on every branch.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

Value = Any  # bool | int | float | str


class EvalError(Exception):
    """A script expression went wrong at run time (e.g. adding text to a number)."""


class Env:
    """What an expression may read: variables, visit counts and the story's random draws."""

    def __init__(self, variables: Mapping[str, Value], visits: Mapping[str, int],
                 random_int: Callable[[int, int], int]) -> None:
        self.variables = variables
        self.visits = visits
        self.random_int = random_int


def _num(v: Value, op: str) -> int | float:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, (int, float)):
        return v
    raise EvalError(f"'{op}' needs numbers, not the text '{v}'")


def _kind(v: Value) -> str:
    return "text" if isinstance(v, str) else "number"


def evaluate(e: tuple, env: Env) -> Value:
    """The value of a checked expression tree. Every failure is an EvalError (never an
    OverflowError, ValueError or RecursionError): numbers stay finite and within 1e15, texts
    within 10,000 characters."""
    try:
        return _bounded(_evaluate(e, env))
    except EvalError:
        raise
    except (ArithmeticError, ValueError, TypeError, IndexError, RecursionError) as exc:
        raise EvalError(f"this expression cannot be computed ({type(exc).__name__})") from None


def _evaluate(e: tuple, env: Env) -> Value:
    tag = e[0]
    if tag in ("num", "str", "bool"):
        return _bounded(e[1])
    if tag == "var":
        return _bounded(env.variables.get(e[1], False))
    if tag == "not":
        return not truthy(_evaluate(e[1], env))
    if tag == "neg":
        return -_num(_evaluate(e[1], env), "-")
    if tag == "and":
        left = _evaluate(e[1], env)
        return _evaluate(e[2], env) if truthy(left) else left
    if tag == "or":
        left = _evaluate(e[1], env)
        return left if truthy(left) else _evaluate(e[2], env)
    if tag == "op":
        return _bounded(_arith(e[1], _evaluate(e[2], env), _evaluate(e[3], env)))
    if tag == "cmp":
        return _compare(e[1], _evaluate(e[2], env), _evaluate(e[3], env))
    if tag == "call":
        return _bounded(_call(e[1], [_evaluate(a, env) for a in e[2]], env))
    raise EvalError(f"unknown expression {tag!r}")


_MAX_NUMBER = 10**15
_MAX_TEXT = 10_000


def _bounded(v: Value) -> Value:
    """Keep values small: a script loop must not grow a number or a text without limit."""
    if isinstance(v, str) and len(v) > _MAX_TEXT:
        raise EvalError(f"text longer than {_MAX_TEXT} characters")
    if isinstance(v, float) and not math.isfinite(v):
        raise EvalError("a number is infinite or not a number", )
    if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) > _MAX_NUMBER:
        raise EvalError("number too large (numbers are at most 1e15 either way)")
    return v


def truthy(v: Value) -> bool:
    return bool(v)


def _arith(op: str, a: Value, b: Value) -> Value:
    if op == "+" and isinstance(a, str) and isinstance(b, str):
        return a + b
    if op == "+" and (isinstance(a, str) or isinstance(b, str)):
        raise EvalError(f"cannot add {_kind(a)} and {_kind(b)}")
    x, y = _num(a, op), _num(b, op)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if y == 0 and op in ("/", "//", "%"):
        raise EvalError("division by zero")
    if op == "/":
        q = x / y
        return int(q) if q == int(q) else q
    if op == "//":
        return x // y
    if op == "%":
        return x % y
    raise EvalError(f"unknown operator {op}")


def _compare(op: str, a: Value, b: Value) -> bool:
    if op in ("==", "!="):
        same = a == b if isinstance(a, str) == isinstance(b, str) else False
        return same if op == "==" else not same
    if isinstance(a, str) != isinstance(b, str):
        raise EvalError(f"cannot compare {_kind(a)} with {_kind(b)} using '{op}'")
    if not isinstance(a, str):
        a, b = _num(a, op), _num(b, op)
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b


def _call(name: str, args: list[Value], env: Env) -> Value:
    if name == "visited":
        return env.visits.get(str(args[0]), 0) > 0
    if name == "visits":
        return env.visits.get(str(args[0]), 0)
    if name == "random":
        lo, hi = int(_num(args[0], "random")), int(_num(args[1], "random"))
        if lo > hi:
            lo, hi = hi, lo
        return env.random_int(lo, hi)
    nums = [_num(a, name) for a in args]
    if name == "min":
        return min(nums)
    if name == "max":
        return max(nums)
    if name == "abs":
        return abs(nums[0])
    if name == "round":
        return int(round(nums[0]))
    raise EvalError(f"unknown function {name}")


def to_text(v: Value) -> str:
    """How a value reads when interpolated into text. Never raises: a value that cannot be
    printed as a number (infinite, not a number, thousands of digits, e.g. from an edited save)
    reads as "?" rather than stopping the game."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if not math.isfinite(v):
            return "?"
        if v == int(v) and abs(v) < 1e16:
            return str(int(v))
        return repr(v)
    if isinstance(v, int):
        return str(v) if -_MAX_PRINTED < v < _MAX_PRINTED else "?"
    if isinstance(v, str):
        return v
    return "?"


_MAX_PRINTED = 10**300

"""`vn schema`: the JSON Schema of scene scripts, for editors."""

from __future__ import annotations

import argparse
import json


def add_arguments(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from vn.script.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0

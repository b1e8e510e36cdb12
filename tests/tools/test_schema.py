"""`vn schema GAME`: the game's names are enums, so an editor flags misspelt commands,
characters, labels and marks; and the schema agrees with the engine on what is valid."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jsonschema
import pytest
from yaml_views import editor_view, engine_view

from vn.game import bundled_root, load_game
from vn.script import compile_game
from vn.script.schema import json_schema, manifest_schema
from vn.tools.schema import game_names

ROOT = bundled_root()


@pytest.fixture(scope="module")
def game_schema():
    schema = json_schema(game_names(None))
    jsonschema.Draft7Validator.check_schema(schema)
    return schema


def valid(schema, text: str, view=editor_view) -> bool:
    return jsonschema.Draft7Validator(schema).is_valid(view(text))


@functools.cache
def bundled():
    manifest = (ROOT / "scripts" / "game.yaml").read_text("utf-8")
    files = [(str(p), p.read_text("utf-8")) for p in sorted((ROOT / "scripts").glob("0*.yaml"))]
    return manifest, files, load_game(None).catalog


def engine_ok(body: str) -> bool:
    """Does the bundled game still compile with `body` added as a script file?"""
    manifest, files, catalog = bundled()
    program, diags = compile_game(("game.yaml", manifest), files + [("extra.yaml", body)], catalog)
    return program is not None


@pytest.mark.parametrize("path", sorted((ROOT / "scripts").glob("0*.yaml")), ids=lambda p: p.name)
def test_every_bundled_script_validates_in_both_views(path: Path, game_schema):
    text = path.read_text("utf-8")
    for schema in (game_schema, json_schema()):
        for view in (editor_view, engine_view):
            errors = list(jsonschema.Draft7Validator(schema).iter_errors(view(text)))
            assert not errors, f"{path.name} ({view.__name__}): {errors[0].message} at {list(errors[0].path)}"


def test_manifest_validates():
    schema = manifest_schema(game_names(None))
    jsonschema.Draft7Validator.check_schema(schema)
    text = (ROOT / "scripts" / "game.yaml").read_text("utf-8")
    assert valid(schema, text)
    assert not valid(schema, text.replace("start: sunset", "start: nowhere"))
    assert not valid(schema, text.replace("  text:", "  txet:"))  # a misspelt content note field
    assert not valid(schema, text + "titel: typo\n")


# (step, valid?) — the engine and the game's schema must give the same verdict on each.
CASES = [
    ("- shwo: sephiroth", False),
    ("- show: sephiroth", True),
    ("- show: sephiroth cold at window", True),
    ("- show: sephiroth at nowhere", False),
    ("- show: sephiroth sad", False),
    ("- show: mira", False),
    ("- jump: nowhere", False),
    ("- jump: dawn", True),
    ("- call: dawn", True),
    ("- zack: Hey.", True),
    ("- zack: Hey.\n  look: scared", True),
    ("- zack: Hey.\n  look: cold", False),  # a look of Sephiroth's, not Zack's
    ("- zakc: Hey.", False),
    ("- zack: Hey.\n  colour: red", False),
    ("- light: sunset", True),
    ("- light: sunsett", False),
    ("- light: sunset\n  over: 2s\n  ease: sine_in_out", True),
    ("- light: sunset\n  over: 2 parsecs", False),
    ("- light: sunset\n  ease: wobbly", False),
    ("- stage: living_room", True),
    ("- stage: kitchen", False),
    ("- move: zack to door", True),
    ("- move: zack\n  to: door", True),
    ("- move: zack\n  to: moon", False),
    ("- hide: zack", True),
    ("- hide: zack now", False),
    ("- pause", True),
    ("- pause: 2s", True),
    ("- show", False),
    ("- end", True),
    ("- wait: 1.5", True),
    ("- wait: soon", False),
    ("- set: {trust: \"trust + 1\", stayed: true}", True),
    ("- set: {__x: 1}", False),
    ("- if: stayed\n  then:\n    - zack: Good.", True),
    ("- if: stayed\n  else:\n    - zack: Good.", False),
    ("- choice:\n    - Stay:\n        - zack: Good.\n    - text: Go\n      if: stayed\n      do:\n        - end", True),
    ("- choice:\n    - text: Go\n      dont: []", False),
    ("- choice: []", False),
    ("- effect: shake\n  strength: 0.3", True),
    ("- effect: shake\n  strength: 3", False),
    ("- transition: fade\n  color: \"#000\"", True),
    ("- textbox: hidden", False),
    ("- card: The End\n  subtitle: fin", True),
    ("- 42", False),
    ("- The room was quiet.", True),
    ("- say: 'Quoted: with a colon.'", True),
]


@pytest.mark.parametrize("step,expected", CASES, ids=[c[0].splitlines()[0] for c in CASES])
def test_schema_and_engine_agree(step: str, expected: bool, game_schema):
    body = "extra_label:\n" + "\n".join("  " + line for line in step.splitlines()) + "\n"
    assert engine_ok(body) is expected, "the engine's verdict changed: update the case"
    assert valid(game_schema, body, editor_view) is expected
    assert valid(game_schema, body, engine_view) is expected


def test_generic_schema_cannot_know_characters_but_knows_commands():
    generic = json_schema()
    jsonschema.Draft7Validator.check_schema(generic)
    assert valid(generic, "a:\n  - shwo: sephiroth\n")  # could be a character: only a game's schema knows
    assert not valid(generic, "a:\n  - show: sephiroth\n    colour: red\n")
    assert not valid(generic, "a:\n  - wait: soon\n")


def test_a_real_yaml_language_server_flags_misspelt_names(tmp_path: Path):
    """Red Hat's yaml-language-server (what VS Code's YAML extension runs), reading our YAML its
    own way (YAML 1.2), accepts every bundled script and every `vn new` script as they are, and
    flags a misspelt command, label and mark at their lines."""
    import sys

    from tests.probes import require_yaml_ls
    from vn.tools.new import create

    server = require_yaml_ls()
    sys.path.insert(0, str(Path(__file__).parent))
    from lsp_client import run as lsp_run

    mod = tmp_path / "mod"
    create(mod)
    broken = mod / "scripts" / "broken.yaml"
    text = (mod / "scripts" / "my_scene.yaml").read_text("utf-8")
    for old, new in (("- show: mira at ledge", "- shwo: mira at ledge"), ("- jump: the_end", "- jump: nowhere"),
                     ("- show: zack resolute at wall", "- show: zack resolute at sofa"),
                     ("my_scene:", "my_scene2:"), ("\nroof:", "\nroof2:"), ("the_end:", "the_end2:")):
        text = text.replace(old, new, 1)
    broken.write_text(text, "utf-8")
    # the bundled scripts, with the bundled game's own schema
    game = tmp_path / "game"
    (game / "scripts").mkdir(parents=True)
    (game / "vn.schema.json").write_text(json.dumps(json_schema(game_names(None))), "utf-8")
    bundled = []
    for path in sorted((ROOT / "scripts").glob("0*.yaml")):
        copy = game / "scripts" / path.name
        copy.write_text("# yaml-language-server: $schema=../vn.schema.json\n" + path.read_text("utf-8"), "utf-8")
        bundled.append(copy)
    files = [mod / "scripts" / "my_scene.yaml", mod / "scripts" / "mod.yaml", broken] + bundled
    result = lsp_run(server, files, wait=60.0)
    by_name = {uri.rsplit("/", 1)[-1]: diags for uri, diags in result.items()}
    for path in files[:2] + bundled:
        assert by_name.get(path.name) == [], f"{path.name}: {by_name.get(path.name)}"
    lines = broken.read_text("utf-8").splitlines()
    flagged = {lines[d["range"]["start"]["line"]].strip() for d in by_name["broken.yaml"]}
    assert "- shwo: mira at ledge" in flagged
    assert "- show: zack resolute at sofa" in flagged
    assert sum(1 for line in flagged if line.endswith("jump: nowhere")) == 1

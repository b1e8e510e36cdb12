"""The command table drives the docs and the schema: both stay in step with it."""

from pathlib import Path

from vn.script.commands import COMMANDS
from vn.script.reference import BEGIN, END, reference_markdown
from vn.script.schema import json_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "script-format.md"


def test_reference_doc_is_generated_from_the_table():
    text = DOC.read_text("utf-8")
    generated = text[text.index(BEGIN): text.index(END) + len(END)]
    assert generated == reference_markdown(), "run: python -m vn.script.reference docs/script-format.md"
    for cmd in COMMANDS:
        assert f"### `{cmd.name}`" in generated


def test_schema_has_every_command_and_its_fields():
    variants = json_schema()["definitions"]["step"]["anyOf"]
    by_cmd = {v["title"]: v for v in variants if v.get("required")}
    for cmd in COMMANDS:
        assert cmd.name in by_cmd
        assert set(by_cmd[cmd.name]["properties"]) == {cmd.name} | {f.name for f in cmd.fields}


def test_schema_validates_the_design_example_shape():
    schema = json_schema()
    assert schema["additionalProperties"]["items"] == {"$ref": "#/definitions/step"}

"""`vn check --format sarif`, `--watch` and `--fix-ids`."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

from vn.cli import main
from vn.game import load_game
from vn.tools.check import sarif, watch
from vn.tools.new import create


def broken_mod(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    create(folder)
    script = folder / "scripts" / "my_scene.yaml"
    script.write_text(script.read_text("utf-8").replace("- show: mira at ledge", "- shwo: mira at ledge"), "utf-8")
    return folder


def test_sarif_names_file_line_column_and_rule(tmp_path: Path):
    folder = broken_mod(tmp_path)
    game = load_game(folder)
    log = sarif(game.diagnostics, game.root)
    assert log["version"] == "2.1.0"
    run, = log["runs"]
    result, = [r for r in run["results"] if r["level"] == "error"]
    assert result["ruleId"] == "unknown-command-or-character"
    assert result["ruleId"] in {r["id"] for r in run["tool"]["driver"]["rules"]}
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"] == {"uri": "scripts/my_scene.yaml", "uriBaseId": "%SRCROOT%"}
    text = (folder / "scripts" / "my_scene.yaml").read_text("utf-8").splitlines()
    line = text[where["region"]["startLine"] - 1]
    assert line[where["region"]["startColumn"] - 1:].startswith("shwo")
    assert "did you mean 'show'" in result["message"]["text"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file:///")


def test_sarif_from_the_command_line(tmp_path: Path, capsys):
    assert main(["check", str(broken_mod(tmp_path)), "--format", "sarif"]) == 1
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"]


def test_watch_checks_again_after_an_edit(tmp_path: Path):
    folder = tmp_path / "w"
    create(folder)
    schema = folder / ".vscode" / "vn.schema.json"
    out = io.StringIO()
    thread = threading.Thread(target=watch, args=(folder, "text", 8, out))
    thread.start()
    time.sleep(1.0)
    script = folder / "scripts" / "my_scene.yaml"
    script.write_text(script.read_text("utf-8") + "\nextra:\n  - jump: nowhere\n", "utf-8")
    thread.join(timeout=60)
    text = out.getvalue()
    assert text.startswith("0 errors, 0 warnings")
    assert "file changed (my_scene.yaml)" in text
    assert "unknown label 'nowhere'" in text
    assert "extra" in json.dumps(json.loads(schema.read_text("utf-8")))  # the schema learnt the new label


def test_fix_ids_writes_the_lock(tmp_path: Path):
    folder = tmp_path / "ids"
    create(folder)
    assert main(["check", str(folder), "--fix-ids"]) == 0
    lock = json.loads((folder / "scripts" / "ids.lock").read_text("utf-8"))
    assert lock["format"] == 1 and "my_scene" in lock["labels"]

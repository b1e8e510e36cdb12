"""Kind 5 of issue 10: every YAML data file goes through the scene scripts' loader, with the
same duplicate-key, tag, alias, nesting and YAML 1.2 rules."""

from __future__ import annotations

import pytest

from vn.stage.lighting import load_presets
from vn.stage.sprites import load_sprite

DAY = """presets:
  day:
    sky_top: "#4a78bf"
    sky_horizon: "#c9d8e6"
    ambient: "#b4b0a8"
"""


def presets(tmp_path, text: str):
    p = tmp_path / "lighting.yaml"
    p.write_text(text, encoding="utf-8")
    return load_presets(p)


def test_a_duplicated_beam_group_is_an_error_not_a_type_error(tmp_path):
    found, diags = presets(tmp_path, DAY + """  dusk:
    sky_top: "#000000"
    sky_horizon: "#000000"
    ambient: "#000000"
    beams:
      sun: {color: "#ff0000", strength: 0.5}
      sun: {color: "#00ff00", strength: 0.9}
""")
    d = [d for d in diags if d.severity == "error"]
    assert len(d) == 1 and "duplicate key 'sun'" in d[0].message and (d[0].line, d[0].col) == (12, 7)
    assert found["dusk"].beam("sun").strength == 0.5  # the first one is used, as reported


@pytest.mark.parametrize("dup", ["ambient", "sky_top", "day", "presets"])
def test_any_duplicated_key_is_reported_and_the_first_kept(tmp_path, dup):
    text = {
        "ambient": DAY + '    ambient: "#ffffff"\n',
        "sky_top": DAY + '    sky_top: "#ffffff"\n',
        "day": DAY + '  day:\n    sky_top: "#ffffff"\n    sky_horizon: "#ffffff"\n    ambient: "#ffffff"\n',
        "presets": DAY + 'presets:\n  night: {sky_top: "#000000"}\n',
    }[dup]
    found, diags = presets(tmp_path, text)
    errors = [d for d in diags if d.severity == "error"]
    assert len(errors) == 1 and f"duplicate key '{dup}'" in errors[0].message
    assert "line" in (errors[0].hint or "")
    assert found["day"].ambient == (0xb4, 0xb0, 0xa8) and found["day"].sky_top == (0x4a, 0x78, 0xbf)


@pytest.mark.parametrize(("text", "message"), [
    ("presets: !!python/object:os.system {}\n", "unsupported YAML tag"),
    ("presets: &a {day: *a}\n", "anchors and aliases"),
    ("presets:\n  day:\n    <<: {ambient: \"#000000\"}\n", "merge keys"),
    ("a: " + "[" * 150 + "]" * 150 + "\n", "nests too deeply"),
    ("presets:\n  day: {}\n\ufeff  x: 1\n", "byte-order mark"),
    ("presets:\n\x00", "NUL byte"),
])
def test_data_files_share_the_script_loaders_rules(tmp_path, text, message):
    _, diags = presets(tmp_path, text)
    assert any(message in d.message for d in diags), [d.format() for d in diags]
    assert all(d.line >= 1 for d in diags if message in d.message)


def test_sprite_files_share_the_rules_and_yaml_12(tmp_path):
    (tmp_path / "s").mkdir()
    p = tmp_path / "s.yaml"
    p.write_text("height: 900\nheight: 800\nanchor: [0.5, 1.0]\nfacing: left\nlayers:\n  a: s/a.svg\n"
                 "looks:\n  no: [a]\n", encoding="utf-8")
    sprite, diags = load_sprite(p)
    assert any("duplicate key 'height'" in d.message and d.line == 2 for d in diags)
    assert sprite is not None and "no" in sprite.looks  # `no` is a name in YAML 1.2, not false


def test_game_yaml_duplicates_are_reported():
    from vn.script import compile_game

    _, diags = compile_game(("game.yaml", "start: start\nstart: other\n"), [("s.yaml", "start:\n  - hi\n")])
    assert any("duplicate key 'start'" in d.message and (d.line, d.col) == (2, 1) for d in diags)

"""A game's files can never make the engine read a file outside the game's folders."""

from __future__ import annotations

from pathlib import Path

from vn.game import Game, load_game

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" orientation="orthogonal" renderorder="right-down" width="16" height="9"
     tilewidth="120" tileheight="120" infinite="0" nextlayerid="3" nextobjectid="1">
 <imagelayer id="1" name="up">
  <image source="../../../outside.png"/>
 </imagelayer>
 <imagelayer id="2" name="abs">
  <image source="{absolute}"/>
 </imagelayer>
</map>
"""


def make_game(tmp_path: Path) -> Path:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"not really a png")
    root = tmp_path / "game"
    (root / "scripts").mkdir(parents=True)
    (root / "assets" / "stages").mkdir(parents=True)
    (root / "assets" / "sprites").mkdir(parents=True)
    (root / "scripts" / "game.yaml").write_text("start: start\ncharacters:\n  a: {name: A, sprite: a}\n")
    (root / "scripts" / "s.yaml").write_text("start:\n  - stage: room\n  - show: a\n  - Hi.\n  - music: ../../x.ogg\n")
    (root / "assets" / "stages" / "room.tmx").write_text(TMX.format(absolute=outside))
    (root / "assets" / "sprites" / "a.yaml").write_text(
        f"height: 900\nlayers:\n  body: {outside}\nlooks:\n  n: [body]\ndefault: n\n")
    return root


def test_images_and_audio_outside_the_game_are_errors_and_never_loaded(tmp_path):
    game = load_game(make_game(tmp_path))
    outside = [d for d in game.diagnostics if "outside the game" in d.message]
    assert {Path(d.path).name for d in outside} == {"room.tmx", "a.yaml"}
    assert all(d.line > 0 for d in outside)
    assert any("unknown audio file" in d.message for d in game.diagnostics)
    # what would have been read is replaced by a visible placeholder's name
    layout = game.assets.stage("room")
    assert [str(layer.image) for layer in layout.layers] == ["(outside the game)"] * 2
    sprite = game.assets.sprite("a")
    assert [str(layer.image) for layer in sprite.layers.values()] == ["(outside the game)"]


def test_find_refuses_to_leave_the_game(tmp_path):
    root = make_game(tmp_path)
    game = Game([root])
    assert game.find("scripts/game.yaml") is not None
    for sneaky in ("../outside.png", "/etc/passwd", "assets/../../outside.png", "assets/stages/../../../outside.png"):
        assert game.find(sneaky) is None

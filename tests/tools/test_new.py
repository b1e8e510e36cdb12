"""`vn new`: both kinds of mod check clean, validate against their own schemas, autoplay to
both endings, render their own Tiled stage, and a layered mod's files win over the game's."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest
from yaml_views import editor_view, engine_view

from tests.probes import require_tmxrasterizer
from vn.game import bundled_root, load_game
from vn.tools.autoplay import all_paths
from vn.tools.new import create


@pytest.fixture(scope="module", params=["layered", "standalone"])
def mod(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(request.param) / "my_mod"
    create(folder, standalone=request.param == "standalone")
    return folder


def test_checks_clean(mod: Path):
    game = load_game(mod)
    assert game.program is not None
    assert [d.format() for d in game.diagnostics] == []
    assert game.program.start == "my_scene"
    assert "mira" in game.program.characters


def test_every_script_validates_against_its_own_schema(mod: Path):
    settings = json.loads((mod / ".vscode" / "settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    scripts = jsonschema.Draft7Validator(json.loads((mod / ".vscode" / "vn.schema.json").read_text("utf-8")))
    (manifest_schema, manifest_file), = [(k, v) for k, v in mapping.items() if isinstance(v, str)]
    manifest = jsonschema.Draft7Validator(json.loads((mod / manifest_schema).read_text("utf-8")))
    checked = 0
    for path in sorted((mod / "scripts").glob("*.yaml")):
        text = path.read_text("utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{path.name}'s schema line points at nothing"
        validator = manifest if path.name == Path(manifest_file).name else scripts
        for view in (editor_view, engine_view):
            errors = list(validator.iter_errors(view(text)))
            assert not errors, f"{path.name}: {errors[0].message}"
        checked += 1
    assert checked == 2
    # the schema knows this mod's own names
    assert not scripts.is_valid(editor_view("x:\n  - show: mira at nowhere\n"))
    assert scripts.is_valid(editor_view("x:\n  - show: mira smile at ledge\n"))
    assert not scripts.is_valid(editor_view("x:\n  - jump: nowhere\n"))


def test_autoplays_every_path_to_an_end(mod: Path):
    program = load_game(mod).program
    paths = list(all_paths(program))
    assert len(paths) == 2
    assert all(p.error is None and p.ending == "end" for p in paths), [p.error for p in paths]
    assert any(line.startswith("Mira: ") for p in paths for line in p.lines)


def test_stage_is_a_tiled_map_with_marks_and_a_light_polygon(mod: Path):
    """Read as plain TMX XML (what Tiled itself reads), independent of the engine's reader."""
    import xml.etree.ElementTree as ET

    root = ET.parse(mod / "assets" / "stages" / "rooftop.tmx").getroot()
    assert root.tag == "map" and root.get("orientation") == "orthogonal"
    layers = {el.get("name"): el for el in root if el.tag in ("layer", "imagelayer", "objectgroup", "group")}
    assert {"sky", "skyline", "windows", "roof", "marks", "lights"} <= set(layers)

    def props(el):
        return {p.get("name"): p.get("value") for p in el.iter("property")}

    assert {o.get("name") for o in layers["marks"].iter("object")} == {"ledge", "centre", "door"}
    polygons = [o for o in layers["lights"].iter("object") if o.find("polygon") is not None]
    assert polygons and props(polygons[0])["group"] == "sun"
    assert props(layers["sky"])["light"] == "sky"


def _render(folder: Path | None, at: str, out: Path, t: float = 0.0):
    import pygame

    from vn.tools.render import render_frame

    assert render_frame(folder, at, t, (480, 270), out) == 0
    return pygame.image.load(str(out))


def _mean(surface, rect) -> tuple[float, float, float]:
    import pygame

    sub = surface.subsurface(pygame.Rect(rect))
    avg = pygame.transform.average_color(sub)
    return avg[0], avg[1], avg[2]


def test_renders_its_own_stage_with_a_lit_sky_and_a_sprite(mod: Path, tmp_path: Path):
    label = "roof" if (mod / "scripts" / "mod.yaml").exists() else "my_scene"
    step = 6 if label == "roof" else 4
    frame = _render(mod, f"{label}:{step}", tmp_path / "f.png")
    sky = _mean(frame, (10, 10, 100, 40))
    assert max(sky) > 30, "the sky layer should be painted by the light preset"
    # Mira stands at the ledge mark (x 620 of 1920 -> 155 of 480); her coat is redder than the roof
    coat = _mean(frame, (148, 130, 14, 30))
    roof = _mean(frame, (400, 200, 40, 20))
    assert coat[0] - coat[2] > roof[0] - roof[2] + 5


def test_tmxrasterizer_draws_the_stage(mod: Path, tmp_path: Path):
    require_tmxrasterizer()
    import pygame

    out = tmp_path / "rooftop.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(["tmxrasterizer", str(mod / "assets" / "stages" / "rooftop.tmx"), str(out)],
                         env=env, capture_output=True, timeout=60)
    assert run.returncode == 0 and out.exists()
    picture = pygame.image.load(str(out))
    assert picture.get_size() == (1920, 1080)
    assert max(_mean(picture, (100, 900, 400, 100))) > 60, "the roof layer should be drawn"


def test_layered_mod_files_win(tmp_path: Path):
    base = (bundled_root() / "assets" / "lighting.yaml").read_text("utf-8")
    folder = tmp_path / "red_day"
    create(folder)
    day = base.index("  day:")
    top = base.index("sky_top:", day)
    end = base.index("\n", top)
    (folder / "assets" / "lighting.yaml").write_text(base[:top] + 'sky_top: "#ff0000"' + base[end:], "utf-8")
    assert [d.format() for d in load_game(folder).diagnostics] == []
    frame = _render(folder, "my_scene:3", tmp_path / "mod.png")  # the mod's scene lights the room `day`
    r, g, b = _mean(frame, (20, 8, 60, 12))  # the top of the sky through the glass
    assert r > g + 40 and r > b + 40, (r, g, b)


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        create(tmp_path / "x")
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def test_play_at_a_label_opens_on_the_picture_the_story_has_there(mod: Path):
    """`vn play GAME --label L` plays the first path to L headless: the stage, light and variables
    are those the story has on reaching L (not a black stage and default variables)."""
    from vn.story import Story
    from vn.tools.render import story_at

    program = load_game(mod).program
    story = story_at(program, "the_end")
    assert (story.state.label, story.state.pc) == ("the_end", 0)
    assert story.state.stage["stage"] == "rooftop"
    assert story.state.stage["light"] == "night"
    assert any(story.state.variables.values())  # the first option set went_up / stayed
    assert Story(program, label="the_end").state.stage.get("stage") is None


def test_play_at_a_label_of_the_bundled_game():
    from vn.tools.render import story_at

    program = load_game(None).program
    story = story_at(program, "dawn")
    assert story.state.stage["stage"] == "living_room" and story.state.stage["light"] == "night"


def test_check_warns_of_unreachable_labels_and_unused_assets(tmp_path: Path):
    folder = tmp_path / "messy"
    create(folder)
    stages = folder / "assets" / "stages"
    (stages / "attic.tmx").write_text((stages / "rooftop.tmx").read_text("utf-8"), "utf-8")
    (folder / "assets" / "audio").mkdir()
    (folder / "assets" / "audio" / "rain.ogg").write_bytes(b"OggS")
    (folder / "scripts" / "more.yaml").write_text("lost:\n  - Nobody comes here.\n", "utf-8")
    warnings = {d.message for d in load_game(folder).diagnostics if d.severity == "warning"}
    assert warnings == {"label 'lost' is never reached", "stage 'attic' is never shown",
                        "audio file 'rain.ogg' is never played"}

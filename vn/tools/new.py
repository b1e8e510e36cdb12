"""`vn new DIR [--standalone]`: a small working mod that teaches by example.

By default a *layered* mod: `scripts/mod.yaml` sets its start and adds a character, and the
bundled game supplies everything the mod does not have (its stage, characters, lighting). With
`--standalone`, a game of its own with `scripts/game.yaml` and `assets/lighting.yaml`.
Both have a scene with a choice, light changes and sprites, a stage made as a Tiled map
(`assets/stages/rooftop.tmx`, with `marks` and a `lights` polygon), comments explaining each
step, a README of next steps, and editor support (`.vscode/settings.json` mapping the game's own
JSON Schemas, and a `# yaml-language-server: $schema=` line in each script).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "newmod"

LAYOUT = {
    "layered": ("- `scripts/mod.yaml` — makes this a mod layered over the bundled game: where it starts,\n"
                "  a character it adds (Mira), its variables. The game's own stages and characters stay.\n"
                "- `scripts/my_scene.yaml` — the scene: a stage, light changes, sprites, a choice."),
    "standalone": ("- `scripts/game.yaml` — makes this a game of its own: its title, start, size, characters.\n"
                   "- `scripts/my_scene.yaml` — the scene: a stage, light changes, a sprite, a choice.\n"
                   "- `assets/lighting.yaml` — the light presets the scene switches between."),
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="the folder to create (must not exist, or be empty)")
    p.add_argument("--standalone", action="store_true",
                   help="a game of its own (with game.yaml) instead of a mod over the bundled game")
    p.add_argument("--title", help="the title (default: the folder's name)")


def vscode_settings(standalone: bool) -> dict:
    manifest = "scripts/game.yaml" if standalone else "scripts/mod.yaml"
    manifest_schema = "vn.game.schema.json" if standalone else "vn.mod.schema.json"
    return {
        "yaml.schemas": {
            "./.vscode/vn.schema.json": ["scripts/*.yaml", "scripts/*.yml", f"!{manifest}"],
            f"./.vscode/{manifest_schema}": manifest,
        },
        "yaml.validate": True,
        "files.associations": {"*.tmx": "xml"},
    }


def create(folder: Path, standalone: bool = False, title: str | None = None) -> list[Path]:
    """Write the mod into `folder` (created; it must not exist or must be empty).
    Returns the files written. Raises FileExistsError or OSError."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder} already exists and is not empty")
    kind = "standalone" if standalone else "layered"
    title = title or folder.resolve().name.replace("_", " ").replace("-", " ").strip().title() or "My Mod"
    shown = folder.as_posix() if not folder.is_absolute() else str(folder)
    written: list[Path] = []
    for part in ("common", kind):
        base = TEMPLATE / part
        for src in sorted(base.rglob("*")):
            if src.is_dir() or src.name.startswith(".") or "__pycache__" in src.parts:
                continue
            dst = folder / src.relative_to(base)
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.suffix in (".yaml", ".md"):
                text = src.read_text("utf-8")
                text = (text.replace("__TITLE__", title).replace("__DIR__", shown)
                        .replace("__KIND__", "standalone game" if standalone else "mod of *The Only Promise*")
                        .replace("__LAYOUT__", LAYOUT[kind]))
                dst.write_text(text, "utf-8")
            else:
                shutil.copyfile(src, dst)
            written.append(dst)
    vscode = folder / ".vscode"
    vscode.mkdir(exist_ok=True)
    (vscode / "settings.json").write_text(json.dumps(vscode_settings(standalone), indent=2) + "\n", "utf-8")
    written.append(vscode / "settings.json")
    from vn.tools.schema import write_schemas

    written += write_schemas(folder, vscode)
    return written


def run(args: argparse.Namespace) -> int:
    try:
        files = create(args.dir, args.standalone, args.title)
    except FileExistsError as exc:
        print(f"vn new: {exc}", file=sys.stderr)
        print("  hint: choose a new folder name", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"vn new: cannot write {args.dir}: {exc.strerror}", file=sys.stderr)
        return 1
    kind = "standalone game" if args.standalone else "mod over the bundled game"
    print(f"Created a {kind} in {args.dir} ({len(files)} files). Next:")
    print(f"  vn play {args.dir}")
    print(f"  read {args.dir / 'README.md'}")
    return 0

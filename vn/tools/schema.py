"""`vn schema [GAME]`: the JSON Schema of scene scripts, for editors' YAML plugins.

With no game, the generic schema (any key may be a character). With a game folder (or a mod),
a schema that knows that game's characters, labels, stages, marks, looks, presets and audio
files as enums, so an editor flags `- shwo: mira` and `- jump: nowhere`. The names are read
even when the game has errors (that is when an author needs the schema most).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("game", nargs="?", type=Path, default=None,
                   help="a game or mod folder: its names become enums (default: the generic schema)")
    p.add_argument("--manifest", action="store_true", help="the schema of scripts/game.yaml instead")
    p.add_argument("-o", "--output", type=Path, help="write to this file (default: standard output)")
    p.add_argument("--vscode", action="store_true",
                   help="write GAME/.vscode/vn.schema.json and the manifest's schema (as vn new does)")


def game_names(folder: Path | None):
    """The names a game defines, read leniently: labels are the top-level keys of its script
    files even when a script has errors. Returns `vn.script.schema.GameNames`."""
    from vn.game import MANIFESTS, load_game
    from vn.script.loader import load_yaml
    from vn.script.manifest import read_manifest
    from vn.script.schema import GameNames

    game = load_game(folder)
    labels: set[str] = set()
    chars: dict[str, str | None] = {}
    title = ""
    manifests = [game.find("scripts/game.yaml")]
    if len(game.layers) > 1:
        manifests.append(game.root / "scripts" / "mod.yaml")  # a layered mod's additions
    for manifest in manifests:
        if manifest is None or not manifest.is_file():
            continue
        root, _ = load_yaml(manifest.read_text("utf-8", errors="replace"), str(manifest))
        m, _ = read_manifest(str(manifest), root)
        chars.update({cid: c.sprite for cid, c in m.characters.items()})
        if root is not None and root.kind == "map" and root.get("title") is not None:
            title = m.title
    for name, path in game.listing("scripts", (".yaml", ".yml")).items():
        if name in MANIFESTS:
            continue
        root, _ = load_yaml(path.read_text("utf-8", errors="replace"), str(path))
        if root is not None and root.kind == "map":
            labels.update(str(k.value) for k, _ in root.pairs if isinstance(k.value, str))
    cat = game.catalog
    looks: dict[str, list[str]] = {}
    stages: list[str] = []
    marks: list[str] = []
    presets: list[str] = []
    audio: list[str] = []
    if cat is not None:
        looks = {s: sorted(v) for s, v in cat.looks.items()}
        stages, marks = sorted(cat.stages or {}), sorted(cat.all_marks())
        presets, audio = sorted(cat.presets or ()), sorted(cat.audio or ())
    return GameNames(chars, looks, sorted(labels), stages, marks, presets, audio, title)


def schema_text(folder: Path | None, manifest: bool = False, generic: bool = False) -> str:
    from vn.script.schema import json_schema, manifest_schema

    names = None if generic else game_names(folder)
    schema = manifest_schema(names) if manifest else json_schema(names)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path, target: Path | None = None) -> list[Path]:
    """Write the game's schemas into `target` (default FOLDER/.vscode): vn.schema.json for
    scripts, and vn.game.schema.json (a standalone game) or vn.mod.schema.json (a layered mod's
    mod.yaml). Returns the paths written. Raises OSError."""
    from vn.atomicfile import atomic_write_text
    from vn.game import layers_for
    from vn.script.schema import json_schema, manifest_schema

    target = target or folder / ".vscode"
    names = game_names(folder)
    layered = len(layers_for(folder)) > 1
    out = []
    for name, schema in (("vn.schema.json", json_schema(names)),
                         ("vn.mod.schema.json" if layered else "vn.game.schema.json",
                          manifest_schema(names, mod=layered))):
        path = target / name
        atomic_write_text(path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        out.append(path)
    return out


def run(args: argparse.Namespace) -> int:
    if args.game is not None and not args.game.is_dir():
        print(f"vn schema: {args.game}: no such game folder", file=sys.stderr)
        return 1
    if args.vscode:
        if args.game is None:
            print("vn schema: --vscode needs a game folder", file=sys.stderr)
            return 2
        try:
            for path in write_schemas(args.game):
                print(f"wrote {path}")
        except OSError as exc:
            print(f"vn schema: cannot write: {exc}", file=sys.stderr)
            return 1
        return 0
    text = schema_text(args.game, args.manifest, generic=args.game is None)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, "utf-8")
    except OSError as exc:
        print(f"vn schema: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0

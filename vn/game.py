"""Find, read and check a game: its folder(s), scripts, and the assets the scripts name.

A game is a folder holding `scripts/` (with `game.yaml`) and `assets/`. A folder whose
`scripts/` has no `game.yaml` is a *mod*: it is layered over the bundled game, and its files
win (a mod's `scripts/01_sunset.yaml` replaces the bundled one; new files add labels). A mod's
optional `scripts/mod.yaml` takes game.yaml's keys: its `title` and `start` replace the game's,
its `characters` and `variables` are added. `vn check` on a mod warns about the mod's own
unreached labels and unused assets, not the game's.

Every file is looked up through `Game.find`, which never leaves the game's folders: a scene
script can name assets, but never reach a file outside its game.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from vn.audio.formats import SUFFIXES
from vn.folders import bundled_root, layers_for  # noqa: F401 (where callers find them)
from vn.script import Catalog, Program, ProgramCache, compile_game
from vn.script.diagnostics import Diagnostic, error
from vn.script.loader import Node, load_yaml

_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_. -]*$")


def display(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass
class Game:
    """The folders of a game, top layer last, and what was read from them."""

    layers: list[Path]
    program: Program | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    assets: object | None = None  # vn.stage.assets.GameAssets, once loaded
    catalog: Catalog | None = None  # the asset names the scripts were checked against
    lang: str | None = None  # the translation applied (vn play --lang), if any

    @property
    def root(self) -> Path:
        return self.layers[-1]

    def find(self, relative: str) -> Path | None:
        """The file at `relative` (e.g. "assets/stages/room.tmx") in the top-most layer that has it.

        Refuses absolute paths, '..' and anything that resolves outside the game's folders.
        """
        rel = relative.replace("\\", "/")
        parts = [p for p in rel.split("/") if p not in ("", ".")]
        if rel.startswith("/") or not parts or any(p == ".." or not _SAFE_PART.match(p) for p in parts):
            return None
        for layer in reversed(self.layers):
            candidate = (layer / Path(*parts)).resolve()
            base = layer.resolve()
            if base not in candidate.parents:
                continue
            if candidate.is_file():
                return candidate
        return None

    def listing(self, folder: str, suffixes: tuple[str, ...]) -> dict[str, Path]:
        """Files directly in `folder` of every layer, by name; upper layers win."""
        out: dict[str, Path] = {}
        for layer in self.layers:
            d = layer / folder
            if d.is_dir():
                for p in sorted(d.iterdir()):
                    if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith("."):
                        out[p.name] = p
        return out


def load_game(folder: Path | None = None, *, check_assets: bool = True, check_audio: bool = False,
              lang: str | None = None) -> Game:
    """Read and compile a game. Diagnostics are collected in `game.diagnostics`; `program` is
    None when any error was found. `check_audio` also reads every audio file to check that it
    can be played (`vn check` does; playing does not, to start at once).

    Line ids carried across edits by `scripts/ids.lock` (vn.lineids) are applied; translation
    tables are checked; with `lang`, `translations/LANG.yaml` replaces the text of the lines it
    translates (vn.translation)."""
    game = Game(layers_for(folder), lang=lang)
    if folder is not None and not folder.is_dir():
        game.diagnostics.append(error(display(folder), 0, 0, "no such game folder",
                                      "a game is a folder with scripts/ and assets/"))
        return game
    manifest = game.find("scripts/game.yaml")
    if manifest is None:
        game.diagnostics.append(error(display(game.root / "scripts" / "game.yaml"), 0, 0,
                                      "the game has no scripts/game.yaml", "create it with title, start and characters"))
        return game
    files = []
    for name, path in game.listing("scripts", (".yaml", ".yml")).items():
        if name in MANIFESTS:
            continue
        files.append((display(path), _read(path, game.diagnostics)))
    manifest_text = _read(manifest, game.diagnostics)
    if manifest_text is None:
        return game
    overlay = None
    mod_manifest = game.root / "scripts" / "mod.yaml" if len(game.layers) > 1 else None
    if mod_manifest is not None and mod_manifest.is_file():
        overlay_text = _read(mod_manifest, game.diagnostics)
        if overlay_text is not None:
            overlay = (display(mod_manifest), overlay_text)
    script_read_errors = any(d.severity == "error" for d in game.diagnostics)
    if check_assets:
        mroot, _ = load_yaml(manifest_text, display(manifest))  # its errors come from compiling
        oroot = load_yaml(overlay[1], overlay[0])[0] if overlay else None
        catalog = build_catalog(game, mroot, display(manifest), oroot, overlay[0] if overlay else "",
                                check_audio=check_audio)
    else:
        catalog = Catalog()
    game.catalog = catalog
    program, diags = compile_game((display(manifest), manifest_text),
                                  [f for f in files if f[1] is not None], catalog, overlay, cache=program_cache(),
                                  finish=_id_lock(game))
    if len(game.layers) > 1:
        # a mod answers for its own labels: base labels its new start leaves unreached are not its problem
        diags = [d for d in diags if not (d.severity == "warning" and d.message.endswith("is never reached")
                                          and not _inside(d.path, game.root))]
    game.diagnostics.extend(diags)
    if program is not None:
        game.diagnostics.extend(_ids_and_translations(game, program, lang))
    if program is not None and check_assets and game.assets is not None:
        game.diagnostics.extend(unused_assets(game, program))
    # A script error stops the game; a broken asset does not: the game shows a placeholder
    # where the picture is missing (vn check still reports it as an error).
    game.program = None if script_read_errors else program
    return game


def program_cache() -> ProgramCache | None:
    """The compiled-program cache in the user cache folder (None when caching is off)."""
    from vn.cachedir import cache_dir

    folder = cache_dir("programs")
    return ProgramCache(folder) if folder is not None else None


MANIFESTS = ("game.yaml", "game.yml", "mod.yaml")


def lock_path(game: Game) -> Path:
    """The id lock of a game: beside the top layer's scripts."""
    from vn.lineids import LOCK_NAME

    return game.root / "scripts" / LOCK_NAME


def _id_lock(game: Game):
    """`compile_game`'s `finish` for the game's id lock: (the lock file's text, what applies it
    to a program that compiled), or None when there is no lock (an empty lock: vn.lineids is
    not even imported). The compiled-program cache keeps the locked program under a key with
    the lock's text in it, so a start or a check that finds it applies nothing again."""
    lock = lock_path(game)
    try:
        text = lock.read_bytes().decode("utf-8", "replace")
    except FileNotFoundError:
        return None
    except OSError as exc:
        text = f"unreadable: {exc}"

    def apply(program: Program) -> list[Diagnostic]:
        from vn.lineids import LockError, apply_lock, read_lock
        from vn.script.diagnostics import warning

        try:
            apply_lock(program, read_lock(lock))
        except LockError as exc:
            return [warning(display(lock), 1, 1, str(exc), "rewrite it: vn check --fix-ids")]
        return []

    return text, apply


def _ids_and_translations(game: Game, program: Program, lang: str | None) -> list[Diagnostic]:
    from vn.translation import apply_table, check_tables, read_table, tables

    out: list[Diagnostic] = []  # (the id lock is applied by compile_game: `_id_lock`)
    out += check_tables(game, program)
    if lang:
        path = tables(game).get(lang)
        if path is None:
            out.append(error(display(game.root / "translations" / f"{lang}.yaml"), 0, 0,
                             f"no translation '{lang}'", f"make one: vn translate {display(game.root)} --init {lang}"))
        else:
            table, diags = read_table(path, display(path))
            out += diags
            if table is not None:
                out += apply_table(program, table)
    return out


def unused_assets(game: Game, program: Program) -> list[Diagnostic]:
    """Warnings for stages, sprites, light presets and audio files nothing uses. In a layered
    mod only the mod's own files are its business."""
    from vn.script.diagnostics import warning

    uses = program.uses  # summed without making every instruction (a big mod's cached program)
    used: dict[str, set[str]] = {"stage": set(uses.stages), "preset": set(uses.presets), "audio": set(uses.audio)}
    assets = game.assets
    for name in used["stage"]:
        layout = assets.stage(name)
        if layout is not None:
            used["preset"].add(layout.default_light)
    used["preset"].add("day")  # the light of a stage with no `light` property
    sprites = {c.sprite for c in program.characters.values() if c.sprite}
    mine = game.root.resolve() if len(game.layers) > 1 else None

    def ours(path: Path) -> bool:
        return mine is None or path.resolve().is_relative_to(mine)

    out: list[Diagnostic] = []
    for name, path in sorted(game.listing("assets/stages", (".tmx",)).items()):
        if Path(name).stem not in used["stage"] and ours(path):
            out.append(warning(display(path), 1, 1, f"stage '{Path(name).stem}' is never shown",
                               f"no '- stage: {Path(name).stem}' step shows it; show it, or remove the file"))
    for name, path in sorted(game.listing("assets/sprites", (".yaml", ".yml")).items()):
        if Path(name).stem not in sprites and ours(path):
            out.append(warning(display(path), 1, 1, f"sprite '{Path(name).stem}' belongs to no character",
                               f"give a character 'sprite: {Path(name).stem}' in game.yaml, or remove the file"))
    lighting = game.find("assets/lighting.yaml")
    if lighting is not None and ours(lighting):
        for name in sorted(set(assets.presets) - used["preset"]):
            if name in _own_presets(lighting):
                out.append(warning(display(lighting), 1, 1, f"light preset '{name}' is never used",
                                   f"no '- light: {name}' step or stage 'light' property uses it"))
    for layer in game.layers:
        root = layer / "assets" / "audio"
        if root.is_dir() and ours(root):
            for p in sorted(root.rglob("*")):
                rel = p.relative_to(root).as_posix()
                if p.is_file() and p.suffix.lower() in AUDIO and rel not in used["audio"]:
                    out.append(warning(display(p), 1, 1, f"audio file '{rel}' is never played",
                                       f"play it with '- music: {rel}' or '- sound: {rel}', or remove it"))
    return out


def _own_presets(path: Path) -> set[str]:
    root, _ = load_yaml(path.read_text("utf-8", errors="replace"), display(path))
    presets = root.get("presets") if root is not None and root.kind == "map" else None
    return {str(k.value) for k, _ in presets.pairs} if presets is not None and presets.kind == "map" else set()


AUDIO = SUFFIXES  # the audio files a game may play (vn.audio.formats checks each kind)


def _inside(path: str, folder: Path) -> bool:
    """Is `path` (as diagnostics show it) a file of `folder`?"""
    return Path(path).resolve().is_relative_to(folder.resolve())


def _read(path: Path, diags: list[Diagnostic]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.append(error(display(path), 0, 0, f"cannot read the file: {exc.strerror}", None))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.append(error(display(path), line, col, "the file is not UTF-8 text", "save it as UTF-8"))
        return None


def build_catalog(game: Game, manifest: Node | None = None, manifest_path: str = "scripts/game.yaml",
                  overlay: Node | None = None, overlay_path: str = "", *, check_audio: bool = False) -> Catalog:
    """Read stages, presets and sprites so the compiler can check the names scripts use.

    `manifest` is game.yaml already parsed (read from the game when not given). The loaded
    GameAssets stay on the game (`game.assets`) for the renderer, so nothing is read twice.
    """
    from vn.stage.assets import GameAssets
    from vn.stage.fontcover import Coverage, bundled_font_dirs

    if manifest is None:
        path = game.find("scripts/game.yaml")
        if path is not None:
            manifest_path = display(path)
            manifest, _ = load_yaml(path.read_text("utf-8", errors="replace"), manifest_path)
    named = _manifest_sprites(manifest, manifest_path)
    named.update(_manifest_sprites(overlay, overlay_path))  # a mod's mod.yaml may add characters
    size = _manifest_size(manifest)
    roots = [Path(display(layer)) for layer in reversed(game.layers)]
    assets = GameAssets(roots, size=size, sprites={who: sprite for who, (sprite, _) in named.items()})
    game.assets = assets
    assets.check()
    for sprite, where in sorted({(s, w) for s, w in named.values()}):
        if assets.sprite(sprite) is None and game.find(f"assets/sprites/{sprite}.yaml") is None:
            game.diagnostics.append(error(*where, f"sprite '{sprite}' has no file",
                                          f"create assets/sprites/{sprite}.yaml, or remove 'sprite: {sprite}'"))
    game.diagnostics.extend(d for d in assets.diagnostics if not d.message.startswith("no sprite named"))
    stages: dict[str, frozenset[str]] = {}
    for name in assets.stage_names():
        layout = assets.stage(name)
        stages[name] = frozenset(layout.marks) if layout is not None else frozenset()
    looks = {}
    for sprite, _ in named.values():
        sdef = assets.sprite(sprite)
        if sdef is not None:
            looks[sprite] = frozenset(sdef.looks)
    audio = _audio_files(game)
    coverage = Coverage.of_dirs([Path(display(layer)) / "assets" / "fonts" for layer in game.layers]
                                + bundled_font_dirs())
    return Catalog(stages=stages, presets=frozenset(assets.presets), looks=looks,
                   audio=frozenset(audio), audio_problems=_audio_problems(audio) if check_audio else {},
                   drawable=coverage.has if coverage else None, drawable_key=coverage.key() if coverage else None)


def _manifest_size(root: Node | None) -> tuple[int, int]:
    size = root.get("size") if root is not None and root.kind == "map" else None
    if size is not None and size.kind == "seq" and len(size.items) == 2:
        w, h = size.items[0].value, size.items[1].value
        if isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0:
            return w, h
    return 1920, 1080


def _manifest_sprites(root: Node | None, shown: str) -> dict[str, tuple[str, tuple[str, int, int]]]:
    """character id -> (sprite name, where game.yaml names it), read before compiling."""
    chars = root.get("characters") if root is not None and root.kind == "map" else None
    out: dict[str, tuple[str, tuple[str, int, int]]] = {}
    if chars is not None and chars.kind == "map":
        for ck, cv in chars.pairs:
            sprite = cv.get("sprite") if cv.kind == "map" else None
            if sprite is not None and sprite.is_str() and _SAFE_PART.match(sprite.value):
                out[str(ck.value)] = (sprite.value, (shown, sprite.line, sprite.col))
    return out


def _audio_files(game: Game) -> dict[str, Path]:
    """Files under assets/audio/ by their name there; upper layers win."""
    out: dict[str, Path] = {}
    for layer in game.layers:
        root = layer / "assets" / "audio"
        if root.is_dir():
            for p in root.rglob("*"):
                if p.is_file() and p.suffix.lower() in AUDIO:
                    out[p.relative_to(root).as_posix()] = p
    return out


def _audio_problems(files: dict[str, Path]) -> dict[str, str]:
    from vn.audio.formats import problem

    return {name: text for name, path in files.items() if (text := problem(path)) is not None}

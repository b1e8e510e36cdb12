"""A game's picture data — stages, sprites, lighting presets — found and loaded once.

A game is a folder holding `scripts/` and `assets/`; a mod is another such folder layered over
it, and the mod's files win. `GameAssets` is what `Scene` and the compositor are given: it
resolves names (`living_room`, `sephiroth`, `sunset`) to loaded data and remembers every
diagnostic it met on the way, so `vn check` and the game report the same problems.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from vn.script.diagnostics import Diagnostic, did_you_mean, error, warning
from vn.stage.filekind import check_assets
from vn.stage.layout import Layout, load_layout
from vn.stage.lighting import Light, load_presets, load_sky
from vn.stage.sprites import SpriteDef, load_sprite

STAGES = "assets/stages"
SPRITES = "assets/sprites"
LIGHTING = "assets/lighting.yaml"


class GameAssets:
    """Loads lazily and caches by name; never raises for bad data.

    `roots`: game folders, the first wins (a mod first, then the game it modifies).
    `sprites`: character id -> sprite name (None: a voice-only character), from the manifest;
    a character it does not list uses the sprite of its own name.
    """

    def __init__(self, roots: Path | Sequence[Path], *, size: tuple[int, int] = (1920, 1080),
                 sprites: Mapping[str, str | None] | None = None) -> None:
        self.roots: tuple[Path, ...] = (Path(roots),) if isinstance(roots, (str, Path)) else \
            tuple(Path(r) for r in roots)
        self.size = (int(size[0]), int(size[1]))
        self.character_sprites: dict[str, str | None] = dict(sprites or {})
        self._stages: dict[str, Layout | None] = {}
        self._sprites: dict[str, SpriteDef | None] = {}
        self._presets: dict[str, Light] | None = None
        self._sky: dict[str, object] | None = None
        self._diags: list[Diagnostic] = []
        self._seen: set[Diagnostic] = set()
        self._files_checked = False
        self._resolved_roots: tuple[Path, ...] | None = None

    # --- finding files -----------------------------------------------------------------------

    def find(self, rel: str) -> Path | None:
        """The first root's copy of a game-relative path, or None."""
        for root in self.roots:
            p = root / rel
            if p.exists():
                return p
        return None

    def _names(self, folder: str, suffix: str) -> list[str]:
        names: set[str] = set()
        for root in self.roots:
            d = root / folder
            if d.is_dir():
                names.update(p.stem for p in d.glob(f"*{suffix}") if p.is_file())
        return sorted(names)

    def stage_names(self) -> list[str]:
        return self._names(STAGES, ".tmx")

    def sprite_names(self) -> list[str]:
        return self._names(SPRITES, ".yaml")

    def gallery_images(self) -> list[tuple[str, str]]:
        """(stage name, title) of every key-beat image — every map with a `gallery` property —
        in gallery order (`gallery_order`, then the name). Loads each map (not its images)."""
        found = []
        for name in self.stage_names():
            layout = self.stage(name)
            if layout is not None and layout.gallery is not None:
                found.append((layout.gallery_order, name, layout.gallery))
        return [(name, title) for _, name, title in sorted(found)]

    # --- loading -----------------------------------------------------------------------------

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every problem met so far, each once."""
        return list(self._diags)

    def _note(self, diags: Sequence[Diagnostic]) -> None:
        for d in diags:
            if d not in self._seen:
                self._seen.add(d)
                self._diags.append(d)

    def stage(self, name: str) -> Layout | None:
        if name not in self._stages:
            path = self.find(f"{STAGES}/{name}.tmx")
            if path is None:
                self._stages[name] = None
                self._note([error(f"{STAGES}/{name}.tmx", 0, 0, f"no stage named '{name}'",
                                  did_you_mean(name, self.stage_names()))])
            else:
                layout, diags = load_layout(path, self.inside)
                self._note(diags)
                if layout is not None:
                    layout = self._confine_layout(layout)
                self._stages[name] = layout  # any size: the camera frames it (vn.stage.camera)
        return self._stages[name]

    def sprite(self, name: str) -> SpriteDef | None:
        if name not in self._sprites:
            path = self.find(f"{SPRITES}/{name}.yaml")
            if path is None:
                self._sprites[name] = None
                self._note([error(f"{SPRITES}/{name}.yaml", 0, 0, f"no sprite named '{name}'",
                                  did_you_mean(name, self.sprite_names()))])
            else:
                sprite, diags = load_sprite(path)
                self._note(diags)
                if sprite is not None:
                    sprite = self._confine_sprite(sprite)
                self._sprites[name] = sprite
        return self._sprites[name]

    # --- confinement: game data never reaches a file outside the game's folders ------------------

    def inside(self, path: Path) -> bool:
        resolved = Path(path).resolve()
        if self._resolved_roots is None:  # once: a game checks ~100 images against them
            self._resolved_roots = tuple(root.resolve() for root in self.roots)
        parents = resolved.parents
        return any(root in parents for root in self._resolved_roots)

    def _outside(self, owner: Path, image: Path) -> Path:
        """Report an image outside the game; return a path that draws as a visible placeholder."""
        text = ""
        try:
            text = owner.read_text("utf-8", errors="replace")
        except OSError:
            pass
        line = col = 0
        for needle in (image.name, str(image)):
            at = text.find(needle)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                col = at - (text.rfind("\n", 0, at) + 1) + 1
                break
        self._note([error(str(owner), line, col, f"image outside the game's folder: {image}",
                          "game files may only use images inside the game folder")])
        return Path("(outside the game)")

    def _confine_layout(self, layout: Layout) -> Layout:
        layers = tuple(replace(layer, image=self._outside(layout.path, layer.image))
                       if layer.image is not None and not self.inside(layer.image) else layer
                       for layer in layout.layers)
        tiles = {}
        for gid, tile in layout.tile_images.items():
            if self.inside(tile.image):
                tiles[gid] = tile
            else:  # the tile is left out (drawn empty) and reported
                self._outside(layout.path, tile.image)
        return replace(layout, layers=layers, tile_images=MappingProxyType(tiles))

    def _confine_sprite(self, sprite: SpriteDef) -> SpriteDef:
        layers = {name: replace(layer, image=self._outside(sprite.path, layer.image))
                  if not self.inside(layer.image) else layer for name, layer in sprite.layers.items()}
        return replace(sprite, layers=MappingProxyType(layers))

    def sprite_name(self, who: str) -> str | None:
        return self.character_sprites.get(who, who)

    def sprite_for(self, who: str) -> SpriteDef | None:
        """The sprite of character `who`; None for a voice-only character or missing art."""
        name = self.sprite_name(who)
        return None if name is None else self.sprite(name)

    @property
    def presets(self) -> dict[str, Light]:
        """Every lighting preset; a mod's presets replace the game's of the same name."""
        if self._presets is None:
            merged: dict[str, Light] = {}
            found = False
            for root in reversed(self.roots):
                path = root / LIGHTING
                if path.exists():
                    found = True
                    presets, diags = load_presets(path)
                    merged.update(presets)
                    self._note(diags)
            if not found and self.stage_names():
                self._note([warning(str(self.roots[0] / LIGHTING), 0, 0,
                                    "no lighting presets: every light is plain day",
                                    "define presets in assets/lighting.yaml (see docs/stage-format.md)")])
            self._presets = merged
        return self._presets

    def preset(self, name: str) -> Light | None:
        return self.presets.get(name)

    @property
    def sky_properties(self) -> dict[str, object]:
        """The game's sun settings (`sun:` in assets/lighting.yaml; a mod's win)."""
        if self._sky is None:
            merged: dict[str, object] = {}
            for root in reversed(self.roots):
                path = root / LIGHTING
                if path.exists():
                    got, diags = load_sky(path)
                    merged.update(got)
                    self._note(diags)
            self._sky = merged
        return self._sky

    # --- checking ----------------------------------------------------------------------------

    def check(self) -> list[Diagnostic]:
        """Load every stage, sprite and preset and cross-check them (a stage's default light
        names a preset, every light polygon group is lit by some preset, every character with a
        sprite has its file). Returns all diagnostics met so far."""
        presets = self.presets
        self.sky_properties  # noqa: B018 - reports a bad `sun:` in lighting.yaml
        # `light: {time: …}` lights the `sun` (afternoon) and `sunrise` (morning) groups
        groups = {g for light in presets.values() for g, _ in light.beams} | {"sun", "sunrise"}
        for name in self.stage_names():
            layout = self.stage(name)
            if layout is None:
                continue
            where = str(layout.path)
            default = layout.properties.get("light")
            if isinstance(default, str) and presets and default not in presets:
                self._note([error(where, 0, 0, f"map property `light` names no preset: '{default}'",
                                  did_you_mean(default, presets))])
            for shape in layout.lights:
                if presets and shape.group not in groups:
                    self._note([warning(where, 0, 0,
                                        f"light '{shape.name}': no preset lights its group '{shape.group}'",
                                        did_you_mean(shape.group, groups))])
        for name in self.sprite_names():
            self.sprite(name)
        for name in self.character_sprites.values():
            if name is not None:
                self.sprite(name)
        if not self._files_checked:
            self._files_checked = True
            self._note(check_assets(list(self.roots)))
        return self.diagnostics

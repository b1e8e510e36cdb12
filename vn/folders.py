"""Where a game's folders are: the bundled game, or a mod layered over it (`vn.game` reads
them). Imports nothing of the engine, so a start can find them before loading anything
(`vn.firstframe`)."""

from __future__ import annotations

from pathlib import Path


def bundled_root() -> Path:
    """The bundled game: inside the installed package, or the repository root when run from source."""
    here = Path(__file__).resolve().parent
    packaged = here / "_bundled"
    if (packaged / "scripts" / "game.yaml").is_file():
        return packaged
    return here.parent


def layers_for(folder: Path | None) -> list[Path]:
    bundled = bundled_root()
    if folder is None:
        return [bundled]
    folder = folder.resolve()
    if (folder / "scripts" / "game.yaml").is_file():
        return [folder]
    return [bundled, folder]

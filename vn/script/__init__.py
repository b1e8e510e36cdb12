"""YAML scene scripts -> a checked Program. Imports no pygame.

`compile_game` is the entry point: it reads the manifest and every script file, lowers the
steps, runs the whole-program checks and returns the program with every diagnostic found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vn.script.catalog import Catalog
from vn.script.collector import collector_paused
from vn.script.diagnostics import Diagnostic, error, has_errors
from vn.script.program import Program
from vn.script.programcache import ProgramCache, cache_key, cacheable

__all__ = ["Catalog", "Diagnostic", "Program", "ProgramCache", "compile_game", "compile_text"]


def compile_game(manifest: tuple[str, str], files: Sequence[tuple[str, str]],
                 catalog: Catalog | None = None,
                 overlay: tuple[str, str] | None = None, *,
                 cache: ProgramCache | None = None,
                 workers: int | None = None,
                 finish: tuple[str, Callable[[Program], list[Diagnostic]]] | None = None,
                 ) -> tuple[Program | None, list[Diagnostic]]:
    """Compile `files` ((path, text) pairs) with the manifest (path, text).

    `overlay` is a layered mod's `scripts/mod.yaml` (path, text): the same keys as game.yaml,
    all optional; `title` and `start` replace the game's, `characters` and `variables` are
    added to the game's (the mod's win on a clash); `content_note` replaces the game's, which a
    mod with its own `start` does not keep (it speaks of the game's story).
    Returns the program (None when any error was found) and all diagnostics. With a `cache`,
    a program compiled before from the very same inputs (and engine) is read from it instead,
    with the same diagnostics; what a compile returns is written to it (a program, or the
    diagnostics of one that found errors: those are served as found, too). Big scripts are
    compiled in up to `workers` processes at once (None: as many as this machine's cores, see
    `vn.script.parallel`; 1: this process only), with the same result.

    `finish` is (text, change): a change made to a program that compiled before it is returned
    or cached — the game's id lock (`vn.lineids.apply_lock`), given as its file's text — whose
    diagnostics follow the compile's. The text is part of the cache key, so a hit is the
    changed program and `change` is not run again (a 100,000-line mod's lock made every label
    at every start).
    """
    with collector_paused():
        if cache is None or not cacheable(catalog):
            return _finished(*_compile(manifest, files, catalog, overlay, workers), finish)
        inputs = [*files, *([("overlay:" + overlay[0], overlay[1])] if overlay else []),
                  *([("finish:", finish[0])] if finish else [])]
        key = cache_key(manifest, inputs, catalog)
        hit = cache.get(key)
        if hit is not None:
            return hit
        program, diags = _finished(*_compile(manifest, files, catalog, overlay, workers), finish)
        cache.put(key, program, diags)
        return program, diags


def _finished(program: Program | None, diags: list[Diagnostic],
              finish: tuple[str, Callable[[Program], list[Diagnostic]]] | None) -> tuple[Program | None, list[Diagnostic]]:
    if program is not None and finish is not None:
        diags = [*diags, *finish[1](program)]
    return program, diags


def _compile(manifest: tuple[str, str], files: Sequence[tuple[str, str]], catalog: Catalog | None,
             overlay: tuple[str, str] | None, workers: int | None) -> tuple[Program | None, list[Diagnostic]]:
    # imported here: a start that finds its program in the cache never needs the compiler
    from vn.script.analysis import analyse
    from vn.script.compiler import Compiler
    from vn.script.loader import load_yaml
    from vn.script.manifest import read_manifest
    from vn.script.parallel import add_files

    mpath, mtext = manifest
    mroot, diags = load_yaml(mtext, mpath)
    man, mdiags = read_manifest(mpath, mroot) if mroot is not None or not diags else (None, [])
    diags += mdiags
    if man is None:
        from vn.script.compiler import Manifest

        man = Manifest()
    if overlay is not None:
        diags += _apply_overlay(man, *overlay)
    comp = Compiler(man, catalog or Catalog())
    comp.diags.extend(diags)
    add_files(comp, files, workers)  # in more than one process when the scripts are big
    prog = comp.program()
    if not comp.incomplete:  # a file that did not parse would only cause cascades of unknown names
        analyse(comp, prog)
    return (None if has_errors(comp.diags) else prog), comp.diags


def _apply_overlay(man, path: str, text: str) -> list[Diagnostic]:
    from vn.script.loader import load_yaml
    from vn.script.manifest import read_manifest

    root, diags = load_yaml(text, path)
    if root is None:
        return diags
    mod, mdiags = read_manifest(path, root)
    diags += [d for d in mdiags if "has no 'start:'" not in d.message]
    if root.kind != "map":
        return diags
    if root.get("title") is not None:
        man.title = mod.title
    if mod.start_where is not None:
        man.start, man.start_where = mod.start, mod.start_where
        man.content_note = None  # the game's note speaks of the game's story, not the mod's
    if mod.content_note_set:
        man.content_note = mod.content_note
    if root.get("size") is not None:
        diags.append(error(path, root.get("size").line, root.get("size").col,
                           "a mod cannot change the game's size", "remove 'size:' from mod.yaml"))
    man.characters.update(mod.characters)
    man.variables.update(mod.variables)
    return diags


def compile_text(text: str, path: str = "test.yaml", manifest: str = "start: start\n",
                 catalog: Catalog | None = None) -> tuple[Program | None, list[Diagnostic]]:
    """Compile one script with a small manifest: for tests and tools."""
    return compile_game(("game.yaml", manifest), [(path, text)], catalog)

"""The core imports no pygame: the story can be run, tested and saved headless and fast."""

import subprocess
import sys

BLOCK = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "pygame" or name.startswith("pygame."):
            raise ImportError("pygame is blocked in this test")
sys.meta_path.insert(0, Block())
import vn.script, vn.story, vn.stage, vn.game, vn.tools.autoplay
import vn.script.compiler, vn.script.analysis, vn.script.schema, vn.story.interpreter
import pkgutil, importlib, vn.stage as stage
for m in pkgutil.iter_modules(stage.__path__):
    importlib.import_module("vn.stage." + m.name)
from vn.game import load_game
from vn.tools.autoplay import run_path
game = load_game()
assert game.program is not None, [d.format() for d in game.diagnostics]
result = run_path(game.program)
assert result.ending and not result.error, result.error
assert "pygame" not in sys.modules
print("ok")
"""


def test_core_runs_with_pygame_unimportable():
    out = subprocess.run([sys.executable, "-c", BLOCK], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_public_surface():
    import vn.script
    import vn.story

    assert set(vn.script.__all__) == {"Catalog", "Diagnostic", "Program", "ProgramCache", "compile_game",
                                      "compile_text"}
    assert {"Story", "StoryState", "Line", "Choice", "Direction", "Wait", "End", "StoryError"} <= set(vn.story.__all__)

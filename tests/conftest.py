"""Test configuration: everything runs headless, whatever the developer's shell says."""

import os
import tempfile

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# No test reads or writes the developer's own settings, saves or caches: each run gets fresh
# folders (the engine's overrides of the platform's user dirs), removed when the run ends.
_USER_DIRS = tempfile.TemporaryDirectory(prefix="vn-tests-")
for _var in ("VN_CONFIG_DIR", "VN_DATA_DIR", "VN_CACHE_DIR"):
    os.environ[_var] = os.path.join(_USER_DIRS.name, _var.lower())

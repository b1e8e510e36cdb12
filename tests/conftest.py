"""Test configuration: everything runs headless, whatever the developer's shell says."""

import os
import tempfile

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# the engine's caches (compiled programs, rasterised images) go to a fresh folder, never the user's
os.environ["VN_CACHE_DIR"] = tempfile.mkdtemp(prefix="vn-test-cache-")

"""Self-voicing: the text read aloud by the system's speech engine (`espeak-ng`, or `espeak`).

The engine is probed once, on first use, by running it on a tiny input with its audio off
(`-q`): a program that is on PATH but does not run counts as absent. Each `say` stops what was
being said and starts the new text in a child process, so the game never waits on speech.
"""

from __future__ import annotations

import shutil
import subprocess

ENGINES = ("espeak-ng", "espeak")
MISSING = "No speech engine found: install espeak-ng to have the text read aloud."


class Speaker:
    def __init__(self, engines: tuple[str, ...] = ENGINES) -> None:
        self.engines = engines
        self._engine: str | None = None
        self._probed = False
        self._proc: subprocess.Popen | None = None

    @property
    def engine(self) -> str | None:
        """The path of a working speech engine, or None (probed once)."""
        if not self._probed:
            self._probed = True
            for name in self.engines:
                path = shutil.which(name)
                if path is None:
                    continue
                try:
                    done = subprocess.run([path, "-q", "ok"], capture_output=True, timeout=5)
                except (OSError, subprocess.SubprocessError):
                    continue
                if done.returncode == 0:
                    self._engine = path
                    break
        return self._engine

    @property
    def available(self) -> bool:
        return self.engine is not None

    def say(self, text: str) -> bool:
        """Speak `text` (stopping what was being said); False when no engine runs."""
        self.stop()
        engine = self.engine
        if engine is None or not text.strip():
            return False
        try:
            self._proc = subprocess.Popen([engine, "--", text], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            return False
        return True

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                proc.kill()

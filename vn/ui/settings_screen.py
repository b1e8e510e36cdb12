"""The settings screen: text, sound, display and accessibility, applied at once and kept.

Every row answers Left/Right (or a click: a toggle flips, a choice steps on, a slider takes
the value where it was clicked); each change goes to the host, which applies it to the window
and the story and writes `settings.json` (`vn.settings`).
"""

from __future__ import annotations

from vn.settings import TEXT_SIZES, TEXT_SPEEDS, speed_label
from vn.ui.menuscreen import MenuScreen
from vn.ui.widgets import Control, draw_text

LEFT_X, RIGHT_X = 120, 1000
COL_W = 800
ROW_H = 64
TOP = 250
AUTO_RANGE = (2.0, 40.0)  # afm_time: the wait is (25 + characters) / 250 * afm_time
TYPICAL_LINE = 100  # characters: the line the auto-forward value is shown for


def _on_off(v: bool) -> str:
    return "On" if v else "Off"


class SettingsView(MenuScreen):
    full_page = True
    heading = "Settings"
    heading_y = 70.0
    dim = 0.84

    def controls(self) -> list[Control]:
        s = self.host.settings
        speaker = getattr(self.host, "speaker", None)
        voiced = speaker is not None and speaker.available
        left = [
            ("speed", "Text speed", speed_label(s.cps), None, self._speed),
            ("auto", "Auto-forward", _on_off(s.auto), None, lambda d: self._flip("auto")),
            ("auto_time", "Auto-forward delay", f"{(25 + TYPICAL_LINE) / 250 * s.auto_time:.1f} s",
             (s.auto_time - AUTO_RANGE[0]) / (AUTO_RANGE[1] - AUTO_RANGE[0]), self._auto_time),
            ("skip_unseen", "Skip unread text too", _on_off(getattr(s, "skip_unseen", False)), None,
             lambda d: self._flip("skip_unseen")),
            ("text_size", "Text size", TEXT_SIZES[s.text_size][0], None, self._text_size),
            ("opacity", "Text box opacity", f"{round(s.textbox_opacity * 100)}%", s.textbox_opacity,
             lambda d: self._step("textbox_opacity", d * 0.1)),
            ("contrast", "High-contrast text", _on_off(s.high_contrast), None, lambda d: self._flip("high_contrast")),
            ("motion", "Reduce motion", _on_off(s.reduce_motion), None,
             lambda d: self._flip("reduce_motion")),
            ("voice", "Self-voicing (V)", _on_off(s.self_voicing) if voiced else "Not available", None,
             self._voicing),
        ]
        right = [
            ("music", "Music volume", f"{round(getattr(s, 'music_volume', 1.0) * 100)}%",
             getattr(s, "music_volume", 1.0), lambda d: self._step("music_volume", d * 0.1)),
            ("sound", "Sound volume", f"{round(getattr(s, 'sound_volume', 1.0) * 100)}%",
             getattr(s, "sound_volume", 1.0), lambda d: self._step("sound_volume", d * 0.1)),
            ("voice_volume", "Voice volume", f"{round(getattr(s, 'voice_volume', 1.0) * 100)}%",
             getattr(s, "voice_volume", 1.0), lambda d: self._step("voice_volume", d * 0.1)),
            ("mute", "Mute all", _on_off(getattr(s, "mute", False)), None, lambda d: self._flip("mute")),
            ("ducking", "Music dips under voices", _on_off(getattr(s, "ducking", True)), None,
             lambda d: self._flip("ducking")),
            ("display", "Display", "Fullscreen" if s.fullscreen else "Window", None,
             lambda d: self.host.toggle_fullscreen()),
        ]
        out = []
        for col, rows in ((LEFT_X, left), (RIGHT_X, right)):
            for n, (key, label, value, fraction, adjust) in enumerate(rows):
                on_set = None
                if fraction is not None:
                    on_set = self._setter(key)
                out.append(Control(key, (col, TOP + n * ROW_H, COL_W, ROW_H - 4), label, on_adjust=adjust,
                                   on_set=on_set, value=value, fraction=fraction, kind="row", size=27))
        out.append(Control("back", (960 - 150, 960, 300, 66), "Back", on_activate=self.close))
        return out

    # -- changes ------------------------------------------------------------------------------

    def _changed(self) -> None:
        self.host.settings_changed()
        self.rebuild()

    def _flip(self, name: str) -> None:
        s = self.host.settings
        setattr(s, name, not getattr(s, name, False))
        self._changed()

    def _step(self, name: str, delta: float) -> None:
        s = self.host.settings
        value = round(min(1.0, max(0.0, getattr(s, name, 1.0) + delta)), 2)
        setattr(s, name, value)
        self._changed()

    def _speed(self, d: int) -> None:
        s = self.host.settings
        speeds = [v for _, v in TEXT_SPEEDS]
        n = min(range(len(speeds)), key=lambda i: abs(speeds[i] - s.cps))
        s.cps = speeds[(n + d) % len(speeds)]
        self._changed()

    def _text_size(self, d: int) -> None:
        s = self.host.settings
        s.text_size = (s.text_size + d) % len(TEXT_SIZES)
        self._changed()

    def _auto_time(self, d: int) -> None:
        s = self.host.settings
        s.auto_time = min(AUTO_RANGE[1], max(AUTO_RANGE[0], round(s.auto_time + d * 2.0)))
        self._changed()

    def _voicing(self, d: int) -> None:
        speaker = getattr(self.host, "speaker", None)
        if speaker is None or not speaker.available:
            from vn.speech import MISSING

            self.host.notify(MISSING, 4.0)
            return
        self._flip("self_voicing")

    def _setter(self, key: str):
        def set_fraction(u: float) -> None:
            s = self.host.settings
            if key == "auto_time":
                s.auto_time = round(AUTO_RANGE[0] + u * (AUTO_RANGE[1] - AUTO_RANGE[0]))
            else:
                name = {"opacity": "textbox_opacity", "music": "music_volume", "sound": "sound_volume",
                        "voice_volume": "voice_volume"}[key]
                setattr(s, name, round(u, 2))
            self._changed()
        return set_fraction

    # -- drawing --------------------------------------------------------------------------------

    def draw_content(self, surface, vp, opacity: float) -> None:
        t = self.host.theme
        for x, title in ((LEFT_X, "Text"), (RIGHT_X, "Sound and display")):
            draw_text(surface, vp, self.host.text, title.upper(), x + 28, TOP - 52, COL_W, 22, color=t.accent,
                      opacity=opacity, theme=t)
        speaker = getattr(self.host, "speaker", None)
        if speaker is not None and not speaker.available:
            from vn.speech import MISSING

            draw_text(surface, vp, self.host.text, MISSING, LEFT_X + 28, TOP + 9 * ROW_H + 6, COL_W - 56, 22,
                      color=t.text_dim, opacity=opacity, theme=t)
        if getattr(self.host.settings, "read_only", False):
            draw_text(surface, vp, self.host.text, "Your settings file was written by a newer version: "
                      "changes apply now but are not saved.", RIGHT_X + 28, TOP + 6 * ROW_H + 20, COL_W - 56, 22,
                      color=t.text_dim, opacity=opacity, theme=t)

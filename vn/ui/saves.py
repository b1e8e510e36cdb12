"""What a save holds, from the window's side: the session's data, the slot screen's metadata and
a thumbnail of the picture (without the text box); and a session rebuilt from a save.

The files themselves are `vn.saves.SaveStore`'s; the session's data and how it lands after
script edits are `vn.session`'s. This module only joins them to the screen.
"""

from __future__ import annotations

import io

import pygame


def session_data(session) -> dict:
    return session.save()


def thumbnail(screen, session, t: float, window: tuple[int, int], size: tuple[int, int]) -> bytes | None:
    """The picture at game time `t`, drawn at the window's size without the text box and scaled
    down to `size`, as PNG bytes (None when drawing fails)."""
    try:
        frame = pygame.Surface(window)
        screen.draw(frame, session, t, ui=False)
        small = pygame.transform.smoothscale(frame, size)
        buf = io.BytesIO()
        pygame.image.save(small, buf, "thumb.png")
        return buf.getvalue()
    except (pygame.error, ValueError):
        return None


def save_parts(screen, session, t: float, window: tuple[int, int], size: tuple[int, int]):
    """(data, meta, thumbnail) for `SaveStore.write` and its kin."""
    from vn.saves import SaveMeta

    return session_data(session), SaveMeta.of(session), thumbnail(screen, session, t, window, size)


def restore_session(screen, data, audio=None, now: float = 0.0, persistent=None):
    """(session, notice or None) from a save's data, or the reason it cannot be restored. The
    notice is the one quiet line to show when the story resumed anywhere but the saved line."""
    from vn.story.state import SaveFormatError

    try:
        session = screen.load_session(data, now, audio, persistent)
    except SaveFormatError as exc:
        return str(exc)
    return session, session.notice

"""Extras > Credits: the game's credits.txt on a page of its own; long credits scroll inside
the page (never drawn over the heading or the Back button); Esc goes back to Extras."""

from __future__ import annotations

import pygame
from app_helpers import key, make_player, run, top, write_game
from ui_helpers import count_pixels, luminance

from vn.ui.credits import BOTTOM, TOP, CreditsView
from vn.ui.extras import ExtrasView

GAME = {
    "game.yaml": """
        title: Long Credits
        start: start
    """,
    "story.yaml": """
        start:
          - A line.
          - end
    """,
}


def long_game(folder):
    write_game(folder, GAME)
    lines = []
    for n in range(1, 13):
        lines += [f"# Department {n}", f"Person {n} A", f"Person {n} B", ""]
    lines.append("The very last line of the credits.")
    (folder / "assets" / "credits.txt").write_text("\n".join(lines), "utf-8")
    return folder


def bright(p, rect) -> int:
    return count_pixels(p.canvas, rect, lambda c: luminance(c) > 120)


def test_extras_opens_the_credits_and_esc_comes_back(dirs) -> None:
    p = make_player(None, (1280, 720))
    run(p, 0.3)
    p.open(ExtrasView(p))
    run(p, 0.3)
    extras = top(p)
    assert [c.key for c in extras.group.controls if not c.key.startswith("chapter")] == ["gallery", "credits", "back"]
    extras.group.focus_key = "credits"
    key(pygame.K_RETURN)
    run(p, 0.4)
    view = top(p)
    assert isinstance(view, CreditsView)
    p.draw()
    vp = p.viewport
    assert bright(p, vp.rect(360, TOP, 1200, BOTTOM - TOP)) > 300  # the words are drawn
    assert view.max_scroll() == 0.0  # the bundled credits fit one page
    key(pygame.K_ESCAPE)
    run(p, 0.3)
    assert top(p) is extras


def test_long_credits_scroll_inside_the_page(dirs) -> None:
    p = make_player(long_game(dirs / "g"), (1280, 720))
    run(p, 0.3)
    p.open(CreditsView(p))
    run(p, 0.4)
    view = top(p)
    assert view.max_scroll() > 200
    p.draw()
    vp = p.viewport
    column = vp.rect(360, TOP, 1200, BOTTOM - TOP)
    before = p.canvas.subsurface(column).copy()
    outside = vp.rect(360, BOTTOM + 4, 1200, 30)  # between the credits and the Back button
    assert bright(p, outside) == 0
    key(pygame.K_END)
    run(p, 0.1)
    assert view.scroll == view.max_scroll()
    p.draw()
    after = p.canvas.subsurface(column).copy()
    assert pygame.image.tobytes(before, "RGB") != pygame.image.tobytes(after, "RGB")
    assert bright(p, outside) == 0
    # the last line is on the page at the bottom of the column
    last = vp.rect(360, BOTTOM - 60, 1200, 60)
    assert bright(p, last) > 20
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=2, flipped=False, precise_x=0.0, precise_y=2.0))
    run(p, 0.1)
    assert view.scroll < view.max_scroll()


def test_the_end_screen_rolls_credits_longer_than_the_page(dirs) -> None:
    from vn.ui.ending import CREDITS_SECONDS, EndView

    p = make_player(long_game(dirs / "g"), (1280, 720))
    run(p, 0.3)
    view = EndView(p, "The End")
    p.open(view)
    run(p, 0.2)
    view.phase, view.phase_at = "credits", p.now
    vp = p.viewport
    column = vp.rect(360, TOP, 1200, BOTTOM - TOP)
    outside = vp.rect(360, BOTTOM + 4, 1200, 30)

    def frame(t: float) -> bytes:
        p._now = view.phase_at + t
        p.draw()
        assert bright(p, outside) == 0  # the roll stays inside the page
        return pygame.image.tobytes(p.canvas.subsurface(column), "RGB")

    start, middle = frame(1.5), frame(CREDITS_SECONDS / 2)
    assert start != middle
    assert view.next_redraw(p.now) == p.now  # rolling: every frame
    frame(CREDITS_SECONDS - 1.5)
    assert bright(p, vp.rect(360, BOTTOM - 60, 1200, 60)) > 20  # the last line has come up


def test_the_bundled_credits_hold_still_on_the_end_screen(dirs) -> None:
    from vn.ui.ending import EndView

    p = make_player(None, (1280, 720))
    run(p, 0.3)
    view = EndView(p, "The End")
    p.open(view)
    run(p, 0.2)
    view.phase, view.phase_at = "credits", p.now
    run(p, 3.0)
    assert view.next_redraw(p.now) > p.now + 1.0  # not rolling: the loop sleeps until the fade out

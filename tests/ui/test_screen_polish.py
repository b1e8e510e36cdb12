"""What a player sees on the screens around the story, measured in pixels: the quick menu's
labels stand at equal gaps, a save slot's words stay inside their card under the thumbnail's
left edge, and a confirm dialog hides the menu under it."""

from __future__ import annotations

import pygame
import pytest
from app_helpers import make_player, run, to_line, top, write_game
from ui_helpers import count_pixels, luminance

from vn.ui.confirm import PANEL, ConfirmView
from vn.ui.game import QUICK_MENU
from vn.ui.saveload import CARD_H, GAP_Y, THUMB_H, THUMB_W, SaveLoadView

LONG = ("Zack counted the seconds between the lights of the trains far below the glass, and lost "
        "count, and began again, because counting was easier than looking at the man by the window.")
GAME = {
    "game.yaml": """
        title: Polish
        start: start
        characters:
          zack: {name: Zack, color: "#8fb8ff"}
    """,
    "story.yaml": f"""
        start:
          - {LONG}
          - The second line.
          - end
    """,
}


def ink_runs(surface: pygame.Surface, rect: pygame.Rect, level: float = 90.0, join: int = 14) -> list[tuple[int, int]]:
    """Columns of `rect` holding bright pixels, merged into runs (letters closer than `join`
    px are one word): [(x0, x1)] in surface px."""
    cols = []
    for x in range(rect.left, rect.right):
        if any(luminance(surface.get_at((x, y))[:3]) > level for y in range(rect.top, rect.bottom, 1)):
            cols.append(x)
    runs: list[list[int]] = []
    for x in cols:
        if runs and x - runs[-1][1] <= join:
            runs[-1][1] = x
        else:
            runs.append([x, x])
    return [(a, b) for a, b in runs]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_quick_menu_labels_stand_at_equal_gaps(dirs, size) -> None:
    p = make_player(write_game(dirs / "g", GAME), size, label="start")
    run(p, 0.5)
    to_line(p, "The second line.")
    run(p, 1.0)
    p.draw()
    vp = p.viewport
    game = top(p)
    first, last = game.quick.controls[0].rect, game.quick.controls[-1].rect
    row = vp.rect(first[0], first[1] + 6, last[0] + last[2] - first[0], first[3] - 12)
    runs = ink_runs(p.canvas, row, level=70.0, join=round(vp.scale * 16))
    assert len(runs) == len(QUICK_MENU), runs
    gaps = [b[0] - a[1] for a, b in zip(runs, runs[1:], strict=False)]
    assert max(gaps) - min(gaps) <= max(3, round(4 * vp.scale)), gaps
    centre = (runs[0][0] + runs[-1][1]) / 2
    assert abs(centre - (vp.offset[0] + vp.px(960))) <= 4  # the row is centred


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_a_slot_keeps_its_words_inside_its_card_under_the_thumbnail(dirs, size) -> None:
    p = make_player(write_game(dirs / "g", GAME), size, label="start")
    run(p, 0.5)
    to_line(p, "Zack counted")
    run(p, 3.0)
    assert p.save_slot("1-1")
    p.open(SaveLoadView(p, "save", page="1"))
    run(p, 0.5)
    view = top(p)
    view.group.focus_key = "slot:1-2"  # the saved slot drawn unfocused
    p.draw()
    vp = p.viewport
    x, y, w, h = view.group.control("slot:1-1").rect
    thumb_left = x + (w - THUMB_W) / 2
    words = vp.rect(x, y + THUMB_H + 20, w, CARD_H - THUMB_H - 20)
    runs = ink_runs(p.canvas, words, level=110.0)
    assert runs, "the slot's words are drawn"
    assert abs(runs[0][0] - vp.rect(thumb_left, 0, 1, 1).x) <= vp.px(6)  # on the thumbnail's left edge
    assert runs[-1][1] <= vp.rect(thumb_left + THUMB_W, 0, 1, 1).x + vp.px(2)  # and no wider
    below = vp.rect(x, y + CARD_H + 1, w, GAP_Y - 2)  # between this card and the next row
    assert count_pixels(p.canvas, below, lambda c: luminance(c) > 110) == 0


def test_a_confirm_dialog_hides_the_menu_under_it(dirs) -> None:
    p = make_player(write_game(dirs / "g", GAME), (1920, 1080), label="start")
    run(p, 0.5)
    to_line(p, "Zack counted")
    top(p).open_menu()
    run(p, 0.5)
    p.open(ConfirmView(p, "Return to the main menu?", lambda: None, detail="Anything since your last save is lost."))
    run(p, 0.6)
    p.draw()
    vp = p.viewport
    px, py, pw, ph = PANEL
    # the panel's band between the question and the buttons, and below the buttons: no menu shows
    for band in (vp.rect(px + 120, py + 150, pw - 240, 60), vp.rect(px + 120, py + ph - 40, pw - 240, 30)):
        assert count_pixels(p.canvas, band, lambda c: luminance(c) > 40) == 0
    question = vp.rect(px + 100, py + 50, pw - 200, 50)
    assert count_pixels(p.canvas, question, lambda c: luminance(c) > 180) > 50


def test_a_locked_gallery_tile_stands_out_from_the_page(dirs) -> None:
    from vn.ui.gallery import GalleryView

    p = make_player(None, (1280, 720))
    run(p, 0.3)
    p.open(GalleryView(p))
    run(p, 0.6)
    view = top(p)
    p.draw()
    vp = p.viewport
    x, y, w, h = view.tile_rect(0)
    tile = vp.rect(x + 10, y + 10, 60, 60)  # inside the tile, clear of the padlock
    page = vp.rect(x + w + 8, y + 10, 30, 60)  # the page in the gap beside it

    def mean(rect: pygame.Rect) -> float:
        return luminance(pygame.transform.average_color(p.canvas, rect)[:3])

    assert mean(tile) > mean(page) + 5  # the tile is seen as a tile, not lost in the dark page


def test_the_continue_hint_reads_over_the_bright_sky(dirs) -> None:
    from vn.ui.title import HINT_X, TitleView

    p = make_player(None, (1280, 720), label="sunset")
    run(p, 0.5)
    to_line(p, "")
    run(p, 2.0)
    assert p.save_slot("1-1")
    p.to_title()
    run(p, 1.5)
    title = top(p)
    assert isinstance(title, TitleView) and title.group.focus_key == "continue"
    p.draw()
    vp = p.viewport
    y = 470 + 68 + 14
    words = vp.rect(HINT_X, y, 560, 30)
    assert count_pixels(p.canvas, words, lambda c: luminance(c) > 140) > 15  # the words are drawn (sampled)
    runs = ink_runs(p.canvas, words, level=140.0)
    span = runs[-1][1] - runs[0][0]
    above = pygame.Rect(runs[0][0] + span // 10, words.top - vp.px(10), span * 8 // 10, vp.px(8))
    assert count_pixels(p.canvas, above, lambda c: luminance(c) > 60) == 0  # the band, over the sunset


def test_a_quick_menu_button_is_not_left_marked_after_its_screen_closes(dirs) -> None:
    from app_helpers import click, key

    from vn.ui.settings_screen import SettingsView

    p = make_player(write_game(dirs / "g", GAME), (1280, 720), label="start")
    run(p, 0.5)
    to_line(p, "Zack counted")
    run(p, 3.0)
    game = top(p)
    rect = p.viewport.rect(*game.quick.control("settings").rect)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    run(p, 0.1)
    assert game.quick.focus_key == "settings"  # hovered: marked
    click(rect.center)
    run(p, 0.4)
    assert isinstance(top(p), SettingsView)
    key(pygame.K_ESCAPE)
    run(p, 0.4)
    assert top(p) is game and game.quick.focus_key is None  # the pointer is not on it any more


def test_every_seen_gallery_tile_gets_its_picture_and_then_the_loop_rests(dirs) -> None:
    from vn.ui.gallery import GalleryView

    p = make_player(None, (1280, 720))
    run(p, 0.3)
    images = [stage for stage, _ in p.screen.assets.gallery_images()]
    assert len(images) >= 3
    for stage in images[:3]:
        p.persistent().see_image(stage)
    p.open(GalleryView(p))
    run(p, 1.0)
    view = top(p)
    size = (p.viewport.px(480), p.viewport.px(270))
    assert {stage for stage, s in view.thumbs if s == size} == set(images[:3])  # one a frame, all made
    assert view.next_redraw(p.now) is None  # nothing left to make: no redraw every frame

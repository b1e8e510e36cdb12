"""Saving and loading through the screens and the keys, with the real loop and the real files."""

from __future__ import annotations

import json

import pygame
from app_helpers import click, key, make_player, run, to_choice, to_line, top, wheel

from vn.ui.confirm import ConfirmView
from vn.ui.game import GameView
from vn.ui.gamemenu import GameMenuView
from vn.ui.saveload import SaveLoadView
from vn.ui.title import TitleView


def region_means(surface: pygame.Surface, cols: int = 4, rows: int = 3) -> list[float]:
    """Mean luminance of a grid of regions over the picture above the text box."""
    w, h = surface.get_size()
    h = int(h * 0.7)
    out = []
    for r in range(rows):
        for c in range(cols):
            total = n = 0
            for y in range(r * h // rows, (r + 1) * h // rows, 6):
                for x in range(c * w // cols, (c + 1) * w // cols, 6):
                    col = surface.get_at((x, y))
                    total += 0.2126 * col.r + 0.7152 * col.g + 0.0722 * col.b
                    n += 1
            out.append(total / n)
    return out


def use(player, key_name: str) -> None:
    """Focus a control of the top view by key and press Enter."""
    view = top(player)
    assert view.group.control(key_name) is not None, key_name
    view.group.focus_key = key_name
    key(pygame.K_RETURN)
    run(player, 0.2)


def test_start_save_quit_continue_lands_on_the_same_line_with_the_same_picture(dirs):
    p = make_player(None)
    run(p, 0.3)
    use(p, "start")
    use(p, "continue")  # the content note
    to_line(p, "rust", limit=60)  # through the first card, into the sunset
    to_line(p, "breathing")
    run(p, 1.0)
    line_id = top(p).session.line.id
    p.draw()
    before = region_means(p.canvas)
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    use(p, "save")
    assert isinstance(top(p), SaveLoadView) and top(p).mode == "save"
    use(p, "slot:1-1")
    assert isinstance(top(p), SaveLoadView) and not top(p).infos[0].empty
    assert top(p).infos[0].meta.words.startswith("There was no sound anywhere")
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    assert isinstance(top(p), GameMenuView)
    use(p, "quit")
    assert isinstance(top(p), ConfirmView)
    use(p, "yes")
    assert not p.running

    again = make_player(None)
    run(again, 0.3)
    assert isinstance(top(again), TitleView) and top(again).group.focus_key == "continue"
    key(pygame.K_RETURN)
    run(again, 1.2)
    assert isinstance(top(again), GameView)
    assert top(again).session.line.id == line_id
    again.draw()
    after = region_means(again.canvas)
    assert max(abs(a - b) for a, b in zip(before, after, strict=True)) < 4.0
    assert max(before) > 40  # a lit picture, not black


def test_quick_save_and_quick_load(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    key(pygame.K_F5)
    run(p, 0.2)
    assert any("Quick saved" in text for text, _ in p.notices)
    to_line(p, "Line B")
    key(pygame.K_F9)
    run(p, 0.5)
    assert top(p).session.line.text.plain == "Line A."


def test_rollback_across_a_choice_and_choosing_again(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_choice(p)
    key(pygame.K_1)
    run(p, 0.5)
    to_line(p, "After left.")
    assert top(p).session.story.state.variables["picked"] == 1
    wheel(+1)  # wheel up: back to the choice
    run(p, 0.3)
    session = top(p).session
    assert session.choice is not None
    assert p.screen.choice_menu(session, top(p).game_time(p.now)).chosen == {0}  # picked before: marked
    key(pygame.K_PAGEUP)  # and back once more, to the line before it
    run(p, 0.3)
    assert top(p).session.line.text.plain == "Line B, said by Zack."
    key(pygame.K_PAGEDOWN)  # forward again: the choice
    run(p, 0.3)
    assert top(p).session.choice is not None
    key(pygame.K_2)
    run(p, 0.5)
    to_line(p, "After right.")
    assert top(p).session.story.state.variables["picked"] == 2


def test_an_autosave_is_made_at_a_choice_and_on_quit(small, dirs):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_choice(p)
    run(p, 0.2)
    saves = list((dirs / "data").rglob("auto-*.json"))
    assert len(saves) == 1
    p.quit()
    assert len(list((dirs / "data").rglob("auto-*.json"))) == 2


def test_a_corrupt_save_is_listed_as_unreadable_and_never_loaded(small, dirs):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    key(pygame.K_F5)
    run(p, 0.2)
    folder = p.saves.folder
    (folder / "1-1.json").write_text('{"format": 1, "engine": "vn", "meta": {"saved_at": "2026', "utf-8")
    (folder / "1-2.json").write_text(json.dumps({"format": 99, "engine": "vn"}), "utf-8")
    p.to_title()
    run(p, 0.3)
    use(p, "load")
    view = top(p)
    assert isinstance(view, SaveLoadView)
    use(p, "page:1")
    infos = {i.slot: i for i in view.infos}
    assert not infos["1-1"].readable and "damaged" in infos["1-1"].error
    assert not infos["1-2"].readable and "newer" in infos["1-2"].error
    p.draw()  # drawn with its reason, no exception
    use(p, "slot:1-1")
    assert isinstance(top(p), SaveLoadView)  # not loaded
    assert any("cannot be loaded" in text for text, _ in p.notices)
    # saving over it asks first
    p.start_game()
    run(p, 1.0)
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    use(p, "save")
    use(p, "page:1")
    use(p, "slot:1-1")
    assert isinstance(top(p), ConfirmView)
    use(p, "no")
    assert "damaged" in p.saves.info("1-1").error  # kept as it was


def test_the_load_screen_works_by_mouse(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line A.")
    key(pygame.K_F5)
    run(p, 0.2)
    to_line(p, "Line B")
    key(pygame.K_ESCAPE)
    run(p, 0.2)
    use(p, "load")
    view = top(p)
    use(p, "page:Q")
    x, y, w, h = view.group.control("slot:quick").rect
    click(p.viewport.point(x + w / 2, y + h / 2))
    run(p, 0.2)
    assert isinstance(top(p), ConfirmView)  # loading during a game asks first
    x, y, w, h = top(p).group.control("yes").rect
    click(p.viewport.point(x + w / 2, y + h / 2))
    run(p, 0.5)
    assert isinstance(top(p), GameView) and top(p).session.line.text.plain == "Line A."


def test_a_load_that_lands_elsewhere_says_so_in_one_quiet_line(small):
    p = make_player(small, label="start")
    run(p, 1.0)
    to_line(p, "Line B")
    key(pygame.K_F5)
    run(p, 0.2)
    p.quit()
    story = small / "scripts" / "story.yaml"
    # the saved line and its neighbourhood are rewritten: the story cannot land on it
    story.write_text(story.read_text("utf-8").replace("  - zack: Line B, said by Zack.\n", "")
                     .replace("Line A.", "A new first line."), "utf-8")
    again = make_player(small)
    run(again, 0.3)
    use(again, "load")
    use(again, "page:Q")
    use(again, "slot:quick")
    assert isinstance(top(again), GameView)
    notice = top(again).session.notice
    assert notice
    assert any(notice in text for text, _ in again.notices)

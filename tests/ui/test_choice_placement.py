"""Where the choice menu goes: away from the figures' faces and upper bodies, at every size and
for figures anywhere, the question still readable in the text box under it.

The figures' places in the real-loop tests are found from the pixels (the frame with one
figure against the frame with none), not from the compositor's own answer."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import pairwise

import pygame
import pytest
from app_helpers import FakeVoice, key, make_player, run, to_choice
from ui_helpers import choice, count_pixels, luminance

from tests.render.pixels import changed
from vn.render.text import TextRenderer
from vn.ui import ChoiceMenu, Viewport
from vn.ui.choice import place_column, upper_body

OPTIONS = ("Go to him.", "Stay by the door, and say his name once, quietly, to see if he turns.", "Say nothing.")
SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]


def _logical(vp: Viewport, r: pygame.Rect) -> tuple[float, float, float, float]:
    x, y = vp.to_logical(r.topleft)
    return x, y, r.w / vp.scale, r.h / vp.scale


def _out(vp: Viewport, r: tuple[float, float, float, float]) -> pygame.Rect:
    return vp.rect(*r)


def _placed(renderer: TextRenderer, size, figures, options=OPTIONS) -> ChoiceMenu:
    m = ChoiceMenu(renderer, choice(*options), now=0.0)
    m.set_figures(figures)
    m.draw(pygame.Surface(size), 5.0)
    return m


# --- the placement itself, figures given -----------------------------------------------------

# standing figures (logical px, where they have pixels): ~800 px tall, as at the bundled marks
LEFT = (330.0, 120.0, 300.0, 800.0)
MIDDLE = (820.0, 100.0, 300.0, 820.0)
RIGHT = (1350.0, 140.0, 280.0, 760.0)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("figures", [[LEFT, RIGHT], [MIDDLE], [LEFT, MIDDLE], [MIDDLE, RIGHT]])
def test_buttons_keep_clear_of_faces(renderer: TextRenderer, size, figures) -> None:
    m = _placed(renderer, size, figures)
    vp = Viewport.fit(size)
    rects = m.rects()
    assert m.placement in ("empty", "upper")
    for fig in figures:
        face = _out(vp, upper_body(fig))
        assert not any(r.colliderect(face) for r in rects), (m.placement, fig, rects)
    assert all(a.bottom < b.top for a, b in pairwise(rects))
    assert rects[-1].bottom < vp.y(1080 - 278)  # clear of the text box
    assert all(vp.frame.contains(r) for r in rects)


def test_an_empty_place_is_preferred_to_the_legs(renderer: TextRenderer) -> None:
    m = _placed(renderer, (1920, 1080), [LEFT, RIGHT])
    assert m.placement == "empty"
    rects = m.rects()
    for fig in (LEFT, RIGHT):
        assert not any(r.colliderect(pygame.Rect(fig)) for r in rects)


def test_no_figures_keeps_rens_py_column(renderer: TextRenderer) -> None:
    m = _placed(renderer, (1920, 1080), [])
    assert m.placement == "empty"
    assert all(abs(r.width - 1185) <= 1 and abs(r.centerx - 960) <= 1 for r in m.rects())


@pytest.mark.parametrize("seed", range(12))
def test_figures_anywhere(renderer: TextRenderer, seed: int) -> None:
    """A modder's stage: one to four figures of any size anywhere, at every size. Buttons never
    cross a face; when there is truly no room they are drawn on a dark panel instead."""
    rng = random.Random(seed)
    figures = []
    for _ in range(rng.randint(1, 4)):
        h = rng.uniform(300, 1000)
        w = h * rng.uniform(0.25, 0.5)
        figures.append((rng.uniform(-100, 1900 - w), rng.uniform(-50, 1000 - h * 0.5), w, h))
    for size in SIZES:
        m = _placed(renderer, size, figures)
        vp = Viewport.fit(size)
        if m.placement == "panel":
            continue
        for fig in figures:
            face = _out(vp, upper_body(fig))
            assert not any(r.colliderect(face) for r in m.rects()), (seed, size, fig)


@pytest.mark.parametrize("wall", [[(x, 60.0, 260.0, 1000.0) for x in range(0, 1920, 240)],
                                  [LEFT, MIDDLE, RIGHT]])  # three figures, the long option: no room
def test_a_crowded_picture_falls_back_to_a_panel(renderer: TextRenderer, wall) -> None:
    """Faces across the whole width: centred, on a darkened panel, still readable."""
    surface = pygame.Surface((1920, 1080))
    surface.fill((230, 200, 160))  # a bright picture
    m = ChoiceMenu(renderer, choice(*OPTIONS), now=0.0)
    m.set_figures(wall)
    m.draw(surface, 5.0)
    assert m.placement == "panel"
    r = m.rects()[0]
    beside = pygame.Rect(r.x + 40, r.bottom + 6, r.width - 80, 10)  # the panel between the buttons
    assert count_pixels(surface, beside, lambda c: luminance(c) < 90) > 0.8 * count_pixels(
        surface, beside, lambda c: True)


def test_place_column_nearest_the_preferred_place() -> None:
    area = (56.0, 40.0, 1808.0, 742.0)
    (x, y, w, h), kind = place_column(lambda w: 200.0, [], area, (960.0, 405.0))
    assert (x + w / 2, y + h / 2, w, kind) == (960.0, 405.0, 1185, "empty")
    # a figure in the middle: the column moves aside, narrower, still clear of it
    (x, y, w, h), kind = place_column(lambda w: 200.0, [MIDDLE], area, (960.0, 405.0))
    assert kind == "empty" and (x + w <= MIDDLE[0] or x >= MIDDLE[0] + MIDDLE[2])


# --- through the real loop, on the bundled stage ------------------------------------------------

def _mod(folder, staging: list[str]):
    scripts = folder / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "mod.yaml").write_text("title: Placement\nstart: scene\n", "utf-8")
    lines = ["scene:", "  - stage: living_room", "  - light: dusk", *(f"  - show: {x}" for x in staging),
             "  - Which way now, with the whole room watching?",
             "  - choice:",
             "      - Toward the glass:",
             "          - The glass.",
             "      - Toward the door, where the light from the hall falls across the floor:",
             "          - The door.",
             "      - Stay where he is:",
             "          - Still.",
             "  - end"]
    (scripts / "scene.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def _silhouette(p, view, who: str, size) -> pygame.Rect:
    """Where `who` changes the picture: that figure alone against the picture with nobody."""
    comp = p.screen.compositor
    bare, alone = pygame.Surface(size), pygame.Surface(size)
    comp.draw(bare, replace(view, sprites=()))
    comp.draw(alone, replace(view, sprites=tuple(s for s in view.sprites if s.who == who)))
    box = changed(alone, bare, threshold=13)
    assert box is not None, f"{who} is not in the picture"
    return box


@pytest.mark.parametrize("staging", [
    ["sephiroth at window", "zack at wall"],
    ["sephiroth chair at chair", "zack door at door"],
    ["sephiroth at near_door", "zack at door"],
    ["sephiroth dawn at glass", "zack at bedroom_door"],
])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_in_the_game_no_button_crosses_a_face_and_the_question_stays(dirs, staging, size) -> None:
    p = make_player(_mod(dirs / "mod", staging), size, label="scene")
    run(p, 0.5)
    to_choice(p)
    run(p, 1.0)  # the buttons have slid in
    game = p.game_view()
    s = game.session
    t = game.game_time(p.now)
    menu = p.screen.choice_menu(s, t)
    view = s.scene.view(t)
    for sv in view.sprites:
        body = _silhouette(p, view, sv.who, size)
        face = pygame.Rect(body.x, body.y, body.w, round(body.h * 0.45))
        hits = [r for r in menu.rects() if r.colliderect(face)]
        assert not hits, (staging, sv.who, face, menu.placement)
    # the question is in the text box, drawn, with no click-to-continue mark
    box = p.screen.textbox
    assert box.line is not None and box.line.text.plain.startswith("Which way now")
    assert not box.shows_indicator(t)
    frame = pygame.Surface(size)
    p.screen.draw(frame, s, t)
    vp = Viewport.fit(size)
    text_area = vp.rect(402, 1080 - 278 + 75, 1116, 50)
    assert count_pixels(frame, text_area, lambda c: luminance(c) > 180) > 30
    # the keyboard still picks: Down twice, Enter = the second option
    key(pygame.K_DOWN)
    key(pygame.K_DOWN)
    key(pygame.K_RETURN)
    run(p, 0.6)
    assert s.choice is None and s.line is not None and s.line.text.plain == "The door."


def test_self_voicing_reads_the_options_and_the_focused_one(small) -> None:
    p = make_player(small, label="start")
    p.speaker = voice = FakeVoice()
    p.settings.self_voicing = True
    run(p, 1.0)
    to_choice(p)
    run(p, 0.3)
    assert voice.said[-1] == "Go left. Go right"
    assert p.screen.textbox.line is not None and p.screen.textbox.line.text.plain == "Line B, said by Zack."
    key(pygame.K_DOWN)
    run(p, 0.1)
    assert voice.said[-1] == "Go left"
    key(pygame.K_DOWN)
    run(p, 0.1)
    assert voice.said[-1] == "Go right"


def test_a_move_under_way_when_the_choice_comes_is_avoided_where_it_ends(dirs) -> None:
    """The column is placed once (buttons never jump), clear of a figure where it stands and
    where its move will leave it."""
    scripts = dirs / "mod" / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "mod.yaml").write_text("title: Moving\nstart: scene\n", "utf-8")
    (scripts / "scene.yaml").write_text("\n".join([
        "scene:", "  - stage: living_room", "  - light: dusk", "  - show: sephiroth at window",
        "  - move: sephiroth", "    to: near_door", "    over: 8s",
        "  - Where will he stop?",
        "  - choice:", "      - Wait:", "          - Waited.", "      - Speak:", "          - Spoke.",
        "  - end"]) + "\n", "utf-8")
    size = (1280, 720)
    p = make_player(dirs / "mod", size, label="scene")
    run(p, 0.5)
    to_choice(p)
    run(p, 0.5)
    game = p.game_view()
    t = game.game_time(p.now)
    menu = p.screen.choice_menu(game.session, t)
    placed = [r.copy() for r in menu.rects()]
    run(p, 9.0)  # the move has ended
    t = game.game_time(p.now)
    view = game.session.scene.view(t)
    assert menu.rects() == placed
    body = _silhouette(p, view, "sephiroth", size)
    face = pygame.Rect(body.x, body.y, body.w, round(body.h * 0.45))
    assert not any(r.colliderect(face) for r in placed), (face, placed)

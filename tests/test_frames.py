"""Frames of the bundled game and of a small mod, rendered the way `vn render` renders them,
checked by pixel statistics over regions (never whole-image equality with a stored picture)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pygame
import pytest

from vn.cli import main
from vn.game import load_game
from vn.screen import Screen, headless_surface
from vn.tools.render import find_path, parse_at, play_to
from vn.ui import paint

SIZE = (640, 360)


def render(tmp_path: Path, at: str, t: float, game: Path | None = None, size=SIZE) -> pygame.Surface:
    out = tmp_path / f"{at.replace(':', '_')}_{t}.png"
    args = ["render"] + ([str(game)] if game else []) + ["--at", at, "--t", str(t), "--size",
                                                        f"{size[0]}x{size[1]}", "-o", str(out)]
    assert main(args) == 0
    return pygame.image.load(str(out))


def stats(surf: pygame.Surface, box=(0.0, 0.0, 1.0, 1.0)) -> tuple[float, float, float]:
    """Mean (r, g, b) over a box given in fractions of the frame."""
    w, h = surf.get_size()
    x0, y0, x1, y1 = int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)
    n = r = g = b = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            c = surf.get_at((x, y))
            r, g, b, n = r + c.r, g + c.g, b + c.b, n + 1
    return r / n, g / n, b / n


def luma(rgb) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def bright_points(surf: pygame.Surface, box, threshold: float = 150) -> int:
    w, h = surf.get_size()
    count = 0
    for y in range(int(box[1] * h), int(box[3] * h)):
        for x in range(int(box[0] * w), int(box[2] * w)):
            c = surf.get_at((x, y))
            if luma((c.r, c.g, c.b)) > threshold:
                count += 1
    return count


def sparks(surf: pygame.Surface, box) -> float:
    """The share of a region's pixels that stand out as points of light (much brighter than the
    region's median): city lights at night, not a city lit evenly by the sun."""
    w, h = surf.get_size()
    values = []
    for y in range(int(box[1] * h), int(box[3] * h)):
        for x in range(int(box[0] * w), int(box[2] * w)):
            c = surf.get_at((x, y))
            values.append(luma((c.r, c.g, c.b)))
    median = sorted(values)[len(values) // 2]
    return sum(1 for v in values if v > max(40.0, 2.5 * median)) / len(values)


def step_after(label: str, command: str, value: str, skip: int = 1) -> str:
    """'label:N' for the top-level step `skip` steps after the first `command: value` direction."""
    program = load_game().program
    lab = program.labels[label]
    for n, pc in enumerate(lab.steps, 1):
        ins = lab.code[pc]
        if ins.op == "direction" and ins.args["command"] == command and value in ins.args["args"].values():
            return f"{label}:{n + skip}"
    raise AssertionError(f"no {command}: {value} in {label}")


PICTURE = (0.0, 0.0, 1.0, 0.7)  # above the text box
CITY = (0.02, 0.45, 0.5, 0.66)  # the city seen through the glass, below the horizon


def test_sunset_is_red_dominant(tmp_path):
    r, g, b = stats(render(tmp_path, step_after("sunset", "light", "sunset", 3), 4.0), PICTURE)
    assert r > g * 1.15 and r > b * 1.2


def test_night_is_darker_and_bluer_with_the_city_lit(tmp_path):
    sunset = render(tmp_path, step_after("sunset", "light", "sunset", 3), 4.0)
    night = render(tmp_path, step_after("stay", "stage", "living_room", 4), 1.0)  # the wait after the Night card
    n = stats(night, PICTURE)
    assert luma(n) < luma(stats(sunset, PICTURE)) * 0.7
    assert n[2] > n[0]
    # city lights: points of light stand out of the dark city at night, not of the sunlit one
    assert sparks(night, CITY) > 0.02
    assert sparks(night, CITY) > 3 * sparks(sunset, CITY)


def test_sunrise_is_warmer_and_brighter_than_predawn(tmp_path):
    predawn = stats(render(tmp_path, step_after("dawn", "light", "predawn", 3), 3.0), PICTURE)
    sunrise_at = step_after("dawn", "light", "sunrise", 1)
    sunrise = stats(render(tmp_path, sunrise_at, 9.0), PICTURE)  # the 8 s tween has finished
    assert luma(sunrise) > luma(predawn) * 1.2
    assert (sunrise[0] - sunrise[2]) > (predawn[0] - predawn[2]) + 10


def test_text_box_holds_the_line_as_it_types(tmp_path):
    at = step_after("sunset", "light", "sunset", 3)
    box = (0.15, 0.78, 0.85, 0.98)
    empty = bright_points(render(tmp_path, at, 0.0), box, 170)
    typed = bright_points(render(tmp_path, at, 30.0), box, 170)
    assert empty < 20 < typed


def test_same_inputs_give_identical_frames(tmp_path):
    a = render(tmp_path / "a", "sunset:20", 1.5)
    b = render(tmp_path / "b", "sunset:20", 1.5)
    assert pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


def test_the_window_shows_what_a_single_render_shows():
    """Drawing every frame on the way (as the window does) ends on the same pixels as one
    headless render of the last moment: no state leaks between frames."""
    game = load_game()
    program = game.program
    label, _, pc = parse_at("sunset:1", program)
    path = find_path(program, label, pc)
    screen_a = Screen(game, SIZE)
    a = screen_a.new_session()
    t_end = play_to(a, label, pc, path, 0.0)
    surf_a = headless_surface(SIZE)
    t = t_end
    for _ in range(120):  # the card, the fade in, the text box fading in, the line typing
        t += 0.1
        a.update(t)
        screen_a.draw(surf_a, a, t)
    for cached in vars(paint).values():  # nothing drawn for A may be shared with B
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()
    screen_b = Screen(load_game(), SIZE)
    b = screen_b.new_session()
    t_b = play_to(b, label, pc, path, t - t_end)
    assert abs(t_b - t) < 1e-6
    surf_b = headless_surface(SIZE)
    screen_b.draw(surf_b, b, t_b)
    assert pygame.image.tobytes(surf_a, "RGB") == pygame.image.tobytes(surf_b, "RGB")


MOD = {
    "mod.yaml": "start: content_note\n",
    "00_content_note.yaml": """\
        content_note:
          - stage: living_room
          - light: day
          - show: zack hurt at wall
          - A line.
          - transition: dissolve
            over: 2s
          - light: night
          - hide: zack
          - Another line.
          - show: zack hurt at window
          - A third line.
    """,
}


@pytest.fixture()
def mod(tmp_path) -> Path:
    root = tmp_path / "mod"
    (root / "scripts").mkdir(parents=True)
    for name, text in MOD.items():
        (root / "scripts" / name).write_text(textwrap.dedent(text), "utf-8")
    return root


def test_a_dissolve_midpoint_lies_between_its_ends(tmp_path, mod):
    before = luma(stats(render(tmp_path, "content_note:5", 0.0, mod), PICTURE))
    middle = luma(stats(render(tmp_path, "content_note:5", 1.0, mod), PICTURE))
    after = luma(stats(render(tmp_path, "content_note:5", 2.5, mod), PICTURE))
    assert after < middle < before
    assert abs(middle - (before + after) / 2) < (before - after) * 0.3


def test_a_sprite_stands_where_its_mark_says(tmp_path, mod):
    game = load_game(mod)
    marks = game.assets.stage("living_room").marks
    empty = render(tmp_path, "content_note:8", 3.0, mod)  # night, nobody on stage
    shown = render(tmp_path, "content_note:10", 3.0, mod)  # night, zack at window
    w, h = SIZE
    xs = []
    for y in range(0, int(h * 0.7), 2):
        for x in range(0, w, 2):
            a, b = empty.get_at((x, y)), shown.get_at((x, y))
            if abs(a.r - b.r) + abs(a.g - b.g) + abs(a.b - b.b) > 30:
                xs.append(x)
    assert xs, "the sprite changed nothing"
    centre = sum(xs) / len(xs) / w * 1920
    assert abs(centre - marks["window"].x) < 120


def test_a_choice_is_on_screen_once_it_has_appeared(tmp_path):
    program = load_game().program
    menu_step = next(n for n, pc in enumerate(program.labels["sunset"].steps, 1)
                     if program.labels["sunset"].code[pc].op == "menu")
    before = render(tmp_path, f"sunset:{menu_step - 1}", 30.0)  # the last line before it
    frame = render(tmp_path, f"sunset:{menu_step}", 2.0)
    buttons = (0.3, 0.28, 0.7, 0.47)  # the options' text, centred in the picture
    assert bright_points(frame, buttons, 160) > 3 * bright_points(before, buttons, 160) + 20


def test_a_line_typing_over_a_still_picture_shows_what_single_renders_show():
    """While a line types, the picture and the text box's shade come from the plate (one blit)
    and the words are drawn over it: each frame equals a fresh render of its moment."""
    game = load_game()
    program = game.program
    label, _, pc = parse_at("sunset:24", program)
    path = find_path(program, label, pc)
    screen = Screen(game, SIZE)
    session = screen.new_session()
    t0 = play_to(session, label, pc, path, 0.0)
    surf = headless_surface(SIZE)
    hits = screen.compositor.plate.hits + screen.compositor.living_plate.hits
    checked = 0
    for i in range(40):
        t = t0 + 3.0 + i / 60
        session.update(t)
        screen.draw(surf, session, t)
        if i % 13 == 12:
            fresh = Screen(load_game(), SIZE)
            other = fresh.new_session()
            t_b = play_to(other, label, pc, path, t - t0)
            other.update(t_b)
            surf_b = headless_surface(SIZE)
            fresh.draw(surf_b, other, t_b)
            assert pygame.image.tobytes(surf, "RGB") == pygame.image.tobytes(surf_b, "RGB"), i
            checked += 1
    assert checked == 3
    assert screen.compositor.plate.hits + screen.compositor.living_plate.hits > hits + 20


def test_zacks_weight_shifts_toward_the_door_in_an_eased_walk():
    """"His weight shifted, the smallest movement toward the door.": Zack moves along the wall
    toward the door as that line appears — gradually (eased, never in one frame), and stays."""
    game = load_game()
    label, n, pc = parse_at(step_after("sunset", "move", "along_wall", skip=0), game.program)
    lab = game.program.labels[label]
    assert "weight shifted" in str(lab.code[lab.steps[n]].args)  # the step after the move: that line
    xs = []
    for t in (0.0, 0.2, 0.7, 1.2, 2.0, 3.0):
        session = Screen(game, SIZE).new_session()
        now = play_to(session, label, pc, find_path(game.program, label, pc), t)
        session.update(now)
        xs.append(next(s.x for s in session.scene.view(now).sprites if s.who == "zack"))
    door = game.assets.stage("living_room").marks["door"].x
    assert xs == sorted(xs) and xs[-1] < door  # toward the door, not to it
    assert 40 < xs[-1] - xs[0] < 120  # a half step, not a walk across the room
    steps = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    assert max(steps) < 0.7 * (xs[-1] - xs[0])  # eased over the frames, not popped
    assert xs[-1] == xs[-2]  # and he stays there


def line_step(label: str, words: str) -> str:
    """'label:N' of the top-level line whose text contains `words`."""
    lab = load_game().program.labels[label]
    for n, pc in enumerate(lab.steps, 1):
        ins = lab.code[pc]
        if ins.op == "line" and words in "".join(getattr(p, "text", "") for p in ins.args["text"].parts):
            return f"{label}:{n}"
    raise AssertionError(f"no line with {words!r} in {label}")


def test_the_leave_paths_places_agree_with_their_lines(tmp_path):
    """After the door the words go with Zack: a bright corridor for "The corridor outside was
    bright and ordinary", then the dark barracks where "a window the size of a book" shows the
    city's lights — not the General's glass wall —, then the briefing room in the morning."""
    def at(words, t):
        out = tmp_path / "f.png"
        assert main(["render", "--at", line_step("leave", words), "--t", str(t), "--choose", "1",
                     "--size", f"{SIZE[0]}x{SIZE[1]}", "-o", str(out)]) == 0
        return pygame.image.load(str(out))

    corridor = at("The corridor outside was bright", 3.0)
    assert luma(stats(corridor, PICTURE)) > 90  # bright and ordinary
    # he leans on the right wall by the elevator: a dark figure there, the wall round him pale
    mark = load_game().assets.stage("shinra_corridor").marks["by_elevator"]
    fx, fy = mark.x / 1920, mark.y / 1080
    wall = luma(stats(corridor, (fx + 0.05, fy - 0.3, fx + 0.09, fy - 0.2)))
    assert luma(stats(corridor, (fx - 0.035, fy - 0.26, fx, fy - 0.18))) < 0.4 * wall and wall > 110
    # and the corridor recedes: the walls dark at the frame's edges, lit toward the lobby
    lobby = luma(stats(corridor, (0.28, 0.25, 0.36, 0.5)))
    assert luma(stats(corridor, (0.0, 0.2, 0.03, 0.5))) < 0.7 * lobby
    assert luma(stats(corridor, (0.97, 0.2, 1.0, 0.5))) < 0.7 * lobby
    doors = at("In the elevator's steel doors", 3.0)  # his own figure in the steel, darker than it
    assert luma(stats(doors, (0.52, 0.3, 0.58, 0.5))) < 0.8 * luma(stats(doors, (0.25, 0.3, 0.35, 0.5)))
    bunk = at("That night he lay on his narrow bunk", 8.0)
    window = (0.63, 0.25, 0.72, 0.38)  # in the small window, high on the wall (x0, y0, x1, y1 fractions)
    assert sparks(bunk, window) > 0.01  # the city's lights in it
    assert luma(stats(bunk, (0.0, 0.0, 0.45, 0.7))) < 30  # the room around it dark
    assert sparks(bunk, (0.02, 0.05, 0.45, 0.6)) < 0.002  # and no glass wall full of city lights
    weeks = at("The arm knit the slow way", 3.0)  # by day, Zack trying the arm by his bunk
    stage = load_game().assets.stage("shinra_barracks")
    assert "by_his_bunk" in stage.marks
    # his dark figure in the aisle against the lit far wall, the little window bright on the left
    assert luma(stats(weeks, (0.47, 0.56, 0.5, 0.64))) < 0.5 * luma(stats(weeks, (0.52, 0.28, 0.56, 0.38)))
    assert luma(stats(weeks, (0.13, 0.36, 0.16, 0.42))) > 1.2 * luma(stats(weeks, (0.36, 0.3, 0.42, 0.4)))
    briefing = at("In the morning, at the briefing", 2.0)
    r, g, b = stats(briefing, (0.36, 0.3, 0.44, 0.45))  # the wall screen at the end of the table
    assert g > r + 30  # its green chart lit
    # the General standing at the head of the table, dark against it
    assert luma(stats(briefing, (0.485, 0.47, 0.515, 0.58))) < 0.3 * luma((r, g, b))
    assert luma(stats(briefing, (0.0, 0.2, 0.05, 0.6))) > 100  # the day in the windows on the left


def test_the_title_stays_in_the_living_room():
    """The title shows the first stage by name that is not a key-beat image: the leave path's
    places (shinra_*) must not take the room's place behind the title."""
    from vn.ui.title import title_stage

    game = load_game()
    assert title_stage(game, game.assets) == "living_room"

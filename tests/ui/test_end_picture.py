"""The end screen sets the ending's name and the credits over the ending's own last image (the
picture the story ended on, without its closing card), dimmed; a story that ended on black
stays black."""

from __future__ import annotations

import pygame
from app_helpers import key, make_player, run, top

from vn.ui.ending import EndView


def _mod(folder, light: str):
    scripts = folder / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "mod.yaml").write_text("title: Endings\nstart: scene\n", "utf-8")
    (scripts / "scene.yaml").write_text("\n".join([
        "scene:",
        "  - stage: living_room",
        f"  - light: {light}",
        "  - show: sephiroth at window",
        "  - The last line.",
        "  - textbox: hide",
        "  - card: An Ending",
        "    over: 1s",
        "  - end",
    ]) + "\n", "utf-8")
    return folder


def _to_end(p) -> EndView:
    run(p, 0.5)
    for _ in range(20):
        if isinstance(top(p), EndView):
            break
        key(pygame.K_SPACE)
        run(p, 0.6)
    view = top(p)
    assert isinstance(view, EndView)
    return view


def _mean(p, phase_time: float) -> tuple[float, float, float]:
    """The mean colour of the picture's left edge (no type is set there)."""
    run(p, phase_time)
    p.draw()
    edge = p.viewport.rect(0, 0, 240, 1080)
    c = pygame.transform.average_color(p.canvas, edge)
    return c[0], c[1], c[2]


def test_each_ending_has_its_own_last_image_behind_its_name(dirs) -> None:
    means = {}
    for light in ("sunset", "night"):
        p = make_player(_mod(dirs / light, light), label="scene")
        end = _to_end(p)
        assert end.title == "An Ending" and end.picture is not None and end.picture.card is None
        assert [s.who for s in end.picture.sprites] == ["sephiroth"]
        means[light] = _mean(p, 1.5)  # the name, over the picture faded in
        assert sum(means[light]) > 30, "the picture is shown, not black"
        end._next(p.now)
        credits = _mean(p, 1.5)
        assert sum(credits) < sum(means[light]) * 0.6  # dimmer under the credits
    sunset, night = means["sunset"], means["night"]
    assert sunset[0] - sunset[2] > night[0] - night[2] + 10  # the sunset ending is warmer


def test_an_ending_on_black_stays_black(small) -> None:
    p = make_player(small, label="start")
    run(p, 1.0)
    for _ in range(30):
        if isinstance(top(p), EndView):
            break
        if p.game_view().session.choice is not None:
            key(pygame.K_1)
        else:
            key(pygame.K_SPACE)
        run(p, 0.6)
    end = top(p)
    assert isinstance(end, EndView) and end.picture is None
    run(p, 1.5)
    p.draw()
    frame = p.viewport.frame
    corner = pygame.Rect(frame.x, frame.y, frame.w // 5, frame.h // 5)
    assert sum(pygame.transform.average_color(p.canvas, corner)[:3]) < 6

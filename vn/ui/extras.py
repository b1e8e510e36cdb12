"""Extras: the endings reached, a chapter select that starts the story again from a chapter's
card once it has been seen, the Gallery of key-beat images seen (`vn.ui.gallery`) and the
Credits (`vn.ui.credits`). What was
reached is remembered across runs and saves (`vn.saves.Persistent`).

The chapter select lists the program's chapter cards in story order (`vn.story.chapters`:
ending cards are not chapters); one not yet seen is a locked row. A chapter recorded by an
older engine or an older script that the program no longer has is not listed (the record is
kept in the file)."""

from __future__ import annotations

from vn.render.text import SERIF
from vn.story.chapters import chapter_cards
from vn.ui.menuscreen import MenuScreen
from vn.ui.widgets import Control, draw_text

LEFT_X, RIGHT_X = 160, 1000
COL_W = 760
TOP = 270
ROWS = 10  # chapter rows on one page
LOCKED = "Not yet seen"


class ExtrasView(MenuScreen):
    full_page = True
    heading = "Extras"
    heading_y = 70.0
    dim = 0.84

    def _records(self) -> tuple[list[dict], list[dict]]:
        store = self.host.saves
        if store is None:
            return [], []
        p = self.host.persistent()
        return list(getattr(p, "endings", [])), list(getattr(p, "chapters", []))

    page = 0

    def chapter_rows(self) -> list[tuple[str, str, bool]]:
        """(label, title, seen) for every chapter of the program, in story order."""
        self.endings, recorded = self._records()
        seen = {(r.get("label"), r.get("title")) for r in recorded if isinstance(r, dict)}
        return [(c.label, c.title, (c.label, c.title) in seen) for c in chapter_cards(self.host.screen.program)]

    def controls(self) -> list[Control]:
        rows = self.chapter_rows()
        self.chapters = [(label, title) for label, title, seen in rows if seen]
        pages = max(1, -(-len(rows) // ROWS))
        self.page = min(self.page, pages - 1)
        out = []
        for n, (label, title, seen) in enumerate(rows[self.page * ROWS:(self.page + 1) * ROWS]):
            out.append(Control(f"chapter:{self.page * ROWS + n}", (RIGHT_X, TOP + n * 64, COL_W, 60),
                               title if seen else LOCKED,
                               on_activate=(lambda lb=label, tt=title: self.host.start_game(lb, tt)),
                               enabled=seen, kind="item", size=28))
        if pages > 1:
            y = TOP + ROWS * 64 + 4
            out.append(Control("chapters:prev", (RIGHT_X + COL_W - 250, y, 120, 48), "\u2039",
                               on_activate=lambda: self.turn(-1), enabled=self.page > 0, size=28))
            out.append(Control("chapters:next", (RIGHT_X + COL_W - 120, y, 120, 48), "\u203a",
                               on_activate=lambda: self.turn(1), enabled=self.page < pages - 1, size=28))
        buttons = []
        images = self.host.screen.assets.gallery_images()
        if images:
            seen = set(getattr(self.host.persistent(), "gallery", [])) if self.host.saves is not None else set()
            count = sum(1 for stage, _ in images if stage in seen)
            buttons.append(("gallery", f"Gallery  {count}/{len(images)}", self.open_gallery))
        buttons.append(("credits", "Credits", self.open_credits))
        buttons.append(("back", "Back", self.close))
        width, gap = 300, 40  # a row of buttons, centred
        left = 960 - (len(buttons) * width + (len(buttons) - 1) * gap) / 2
        for n, (key, label, action) in enumerate(buttons):
            out.append(Control(key, (left + n * (width + gap), 960, width, 66), label, on_activate=action))
        return out

    def open_credits(self) -> None:
        from vn.ui.credits import CreditsView

        self.host.open(CreditsView(self.host))

    def turn(self, delta: int) -> None:
        self.page += delta
        self.rebuild()

    def open_gallery(self) -> None:
        from vn.ui.gallery import GalleryView

        self.host.open(GalleryView(self.host))

    def draw_content(self, surface, vp, opacity: float) -> None:
        t = self.host.theme
        r = self.host.text
        draw_text(surface, vp, r, "ENDINGS REACHED", LEFT_X + 28, TOP - 52, COL_W, 22, color=t.accent,
                  opacity=opacity, theme=t)
        draw_text(surface, vp, r, "CHAPTER SELECT", RIGHT_X + 28, TOP - 52, COL_W, 22, color=t.accent,
                  opacity=opacity, theme=t)
        if not self.endings:
            draw_text(surface, vp, r, "None yet. Every ending you reach is kept here.", LEFT_X + 28, TOP + 12,
                      COL_W - 56, 27, color=t.text_dim, opacity=opacity, theme=t)
        for n, rec in enumerate(self.endings[:10]):
            draw_text(surface, vp, r, rec.get("title", "?"), LEFT_X + 28, TOP + 12 + n * 64, COL_W - 56, 32,
                      family=SERIF, italic=True, opacity=opacity, theme=t)
        if not any(c.key.startswith("chapter:") for c in self.group.controls):
            draw_text(surface, vp, r, "This story has no chapter cards.", RIGHT_X + 28, TOP + 12,
                      COL_W - 56, 27, color=t.text_dim, opacity=opacity, theme=t)

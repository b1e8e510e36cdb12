"""Extras: the endings reached, a chapter select that starts the story again from a chapter's
card once it has been seen, and the Gallery of key-beat images seen (`vn.ui.gallery`). What was
reached is remembered across runs and saves (`vn.saves.Persistent`)."""

from __future__ import annotations

from vn.render.text import SERIF
from vn.ui.menuscreen import MenuScreen
from vn.ui.widgets import Control, draw_text

LEFT_X, RIGHT_X = 160, 1000
COL_W = 760
TOP = 270


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

    def controls(self) -> list[Control]:
        self.endings, self.chapters = self._records()
        out = []
        labels = self.host.screen.program.labels
        for n, rec in enumerate(self.chapters[:10]):
            label, title = rec.get("label"), rec.get("title")
            out.append(Control(f"chapter:{n}", (RIGHT_X, TOP + n * 64, COL_W, 60), rec.get("title", "?"),
                               on_activate=(lambda lb=label, tt=title: self.host.start_game(lb, tt)),
                               enabled=label in labels, kind="item", size=28))
        images = self.host.screen.assets.gallery_images()
        if images:
            seen = set(getattr(self.host.persistent(), "gallery", [])) if self.host.saves is not None else set()
            count = sum(1 for stage, _ in images if stage in seen)
            out.append(Control("gallery", (960 - 320, 960, 300, 66), f"Gallery  {count}/{len(images)}",
                               on_activate=self.open_gallery))
            out.append(Control("back", (960 + 20, 960, 300, 66), "Back", on_activate=self.close))
        else:
            out.append(Control("back", (960 - 150, 960, 300, 66), "Back", on_activate=self.close))
        return out

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
        if not self.chapters:
            draw_text(surface, vp, r, "Chapters appear here once you have seen them.", RIGHT_X + 28, TOP + 12,
                      COL_W - 56, 27, color=t.text_dim, opacity=opacity, theme=t)

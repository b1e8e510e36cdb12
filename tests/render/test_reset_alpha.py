"""`reset_alpha` undoes a one-off `set_alpha` without breaking either kind of surface."""

import pygame

from vn.render.images import reset_alpha


def test_per_pixel_alpha_keeps_blending():
    src = pygame.Surface((4, 4), pygame.SRCALPHA)
    src.fill((255, 255, 255, 0))
    src.set_alpha(100)
    reset_alpha(src)
    dest = pygame.Surface((4, 4))
    dest.fill((200, 0, 0))
    dest.blit(src, (0, 0))
    assert tuple(dest.get_at((0, 0)))[:3] == (200, 0, 0)  # transparent pixels stay transparent


def test_an_opaque_surface_goes_back_to_a_plain_copy():
    src = pygame.Surface((4, 4))
    src.set_alpha(100)
    reset_alpha(src)
    assert src.get_alpha() is None  # alpha 255 on an opaque surface is SDL's slow blending path

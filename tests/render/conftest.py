"""Shared set-up of the renderer's tests: pygame is initialised once for each test module."""

import pygame
import pytest


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield

"""Unit tests need nothing running: they go through the handlers with fakes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring_testing import World


@pytest.fixture
def world() -> World:
    return World()

"""make up builds the web app only when web/dist is missing or older than its sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devstack.web import ensure_built, is_stale


def app(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.tsx").write_text("export {};")
    (tmp_path / "package.json").write_text("{}")
    (tmp_path / "package-lock.json").write_text("{}")
    return tmp_path


def test_a_missing_build_is_stale(tmp_path: Path) -> None:
    assert is_stale(app(tmp_path))


def test_a_build_newer_than_every_source_is_fresh_until_a_source_changes(tmp_path: Path) -> None:
    web = app(tmp_path)
    (web / "dist").mkdir()
    index = web / "dist" / "index.html"
    index.write_text("<!doctype html>")
    os.utime(index, (2_000_000_000, 2_000_000_000))
    assert not is_stale(web)

    os.utime(web / "src" / "main.tsx", (2_000_000_100, 2_000_000_100))
    assert is_stale(web)


def test_without_node_the_platform_runs_and_says_why_there_is_no_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    said: list[str] = []

    assert ensure_built(app(tmp_path), out=said.append) is False
    assert "needs Node.js" in said[0]

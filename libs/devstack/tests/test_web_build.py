"""make up builds the web app only when web/dist is missing or older than its sources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from devstack.web import ensure_built, is_stale


def app(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
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


FAKE_NPM = """#!/bin/sh
# npm ci as far as ensure_installed can tell: slow, and it leaves node_modules behind.
echo "$$ $*" >> "$CALLS"
sleep 1
mkdir -p node_modules && echo '{}' > node_modules/.package-lock.json
"""

INSTALL = "import sys; from pathlib import Path; from devstack.web import ensure_installed; "
INSTALL += "ensure_installed(Path(sys.argv[1]), out=lambda line: None)"


def test_processes_that_need_the_app_at_once_install_it_once(tmp_path: Path) -> None:
    web = app(tmp_path / "web")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    npm.write_text(FAKE_NPM)
    npm.chmod(0o755)
    calls = tmp_path / "calls"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CALLS": str(calls)}

    installers = [
        subprocess.Popen([sys.executable, "-c", INSTALL, str(web)], env=env) for _ in range(3)
    ]
    assert [p.wait(timeout=60) for p in installers] == [0, 0, 0]
    # The first ran npm ci while the others waited; they then found node_modules fresh.
    assert len(calls.read_text().splitlines()) == 1

"""The member web app for ``make up``: built into ``web/dist`` when missing or older than
its sources, with ``npm ci`` when the lock file changed. Without Node.js the platform runs
without the app (the API does not need it). Installing and building take a lock file, so
processes that need the app at once (test workers, ``make up`` beside a test run) install
and build it once, one after the other, instead of writing ``node_modules`` together."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
WEB = REPO / "web"
DIST = WEB / "dist"
SOURCES = ("src", "index.html", "package.json", "package-lock.json", "vite.config.ts")


def newest(paths: list[Path]) -> float:
    stamps = [0.0]
    for path in paths:
        if path.is_dir():
            stamps += [p.stat().st_mtime for p in path.rglob("*") if p.is_file()]
        elif path.exists():
            stamps.append(path.stat().st_mtime)
    return max(stamps)


def is_stale(web: Path = WEB) -> bool:
    index = web / "dist" / "index.html"
    if not index.exists():
        return True
    return newest([web / s for s in SOURCES]) > index.stat().st_mtime


@contextlib.contextmanager
def _one_at_a_time(web: Path) -> Iterator[None]:
    with open(web / ".install.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield


def ensure_built(web: Path = WEB, out: Callable[[str], None] = print) -> bool:
    """Build the app when needed; whether ``web/dist`` holds a usable build afterwards."""
    if not (web / "package.json").exists():
        return False
    with _one_at_a_time(web):
        return _build(web, out)


def _build(web: Path, out: Callable[[str], None]) -> bool:
    if not is_stale(web):
        out("Web app     up to date in web/dist")
        return True
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        out(
            "Web app     not built: needs Node.js 20 and npm (https://nodejs.org); "
            "the API runs without it"
        )
        return (web / "dist" / "index.html").exists()
    try:
        _install(web, out)
        out("Web app     building web/dist ...")
        subprocess.run([npm, "run", "build"], cwd=web, check=True, stdout=subprocess.DEVNULL)
    except subprocess.CalledProcessError as exc:
        out(f"Web app     build failed ({exc}); the API runs without it")
    return (web / "dist" / "index.html").exists()


def ensure_installed(web: Path = WEB, out: Callable[[str], None] = print) -> None:
    """``npm ci`` when ``node_modules`` is missing or older than the lock file."""
    with _one_at_a_time(web):
        _install(web, out)


def _install(web: Path, out: Callable[[str], None]) -> None:
    lock = web / "package-lock.json"
    modules = web / "node_modules" / ".package-lock.json"
    if not modules.exists() or lock.stat().st_mtime > modules.stat().st_mtime:
        out("Web app     npm ci ...")
        npm = shutil.which("npm") or "npm"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=web, check=True)

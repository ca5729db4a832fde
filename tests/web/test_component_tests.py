"""The web app's own checks, run by ``make test`` when Node.js is present: its Vitest
component tests (formatting per locale, error sentences, level colours, components, fresh
generated types) and the TypeScript type check."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from devstack.web import WEB, ensure_installed

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None,
    reason="needs Node.js 20 and npm (the web app's tests run in Node)",
)


def npm(*args: str) -> subprocess.CompletedProcess[str]:
    ensure_installed(out=lambda line: print(line, file=sys.stderr))
    return subprocess.run(
        ["npm", *args], cwd=WEB, capture_output=True, text=True, timeout=300, check=False
    )


def test_the_web_apps_component_tests_pass() -> None:
    done = npm("test")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_web_app_type_checks() -> None:
    done = npm("run", "typecheck")
    assert done.returncode == 0, done.stdout + done.stderr

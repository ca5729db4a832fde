"""The service images, checked without a container engine: hadolint, and the rules an image
must keep (multi-stage, pinned slim base, non-root, only its own package without dev groups,
Tesseract only where OCR runs, the same command ``make up`` runs)."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HADOLINT = ROOT / "deploy" / "k8s" / ".tools" / "bin" / "hadolint"
SERVICES = sorted(p.parent.name for p in ROOT.glob("services/*/pyproject.toml"))
PINNED_PYTHON = re.compile(r"^python:3\.11\.\d+-slim-[a-z]+$")


def instructions(service: str) -> list[tuple[str, str]]:
    text = (ROOT / "services" / service / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def hadolint(path: Path) -> subprocess.CompletedProcess[str]:
    assert HADOLINT.exists(), "`make install` installs hadolint (deploy/k8s/tools)"
    return subprocess.run([str(HADOLINT), str(path)], capture_output=True, text=True)


@pytest.mark.parametrize("service", SERVICES)
def test_hadolint_finds_nothing(service: str) -> None:
    result = hadolint(ROOT / "services" / service / "Dockerfile")
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_does_flag_a_careless_dockerfile(tmp_path: Path) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get install -y tesseract-ocr\nCMD python -m ocr\n")
    result = hadolint(bad)
    assert result.returncode != 0
    assert "DL3007" in result.stdout and "DL3008" in result.stdout


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_is_multi_stage_pinned_non_root_and_runs_what_make_up_runs(
    service: str,
) -> None:
    steps = instructions(service)
    froms = [rest for word, rest in steps if word == "FROM"]
    assert len(froms) >= 2, "build and runtime stages"
    runtime_base = froms[-1].split()[0]
    assert PINNED_PYTHON.match(runtime_base), runtime_base
    for base in froms:
        image = base.split()[0]
        assert ":" in image and not image.endswith(":latest"), image
    last = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    runtime = steps[last:]
    users = [rest for word, rest in runtime if word == "USER"]
    assert users, "the runtime stage sets a USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) >= 10000, "a numeric non-root uid (runAsNonRoot checks it)"
    cmd = [rest for word, rest in runtime if word == "CMD"]
    # devstack starts `python -m <service>` (devstack.stack.Stack.command); so does the image.
    assert json.loads(cmd[-1]) == ["python", "-m", service]
    assert (ROOT / "services" / service / "src" / service / "__main__.py").exists()
    copies_from_build = [rest for word, rest in runtime if word == "COPY"]
    assert copies_from_build == ["--from=build /app /app"], "only the built environment"


@pytest.mark.parametrize("service", SERVICES)
def test_the_image_installs_its_own_package_without_dev_groups(service: str) -> None:
    project = tomllib.loads((ROOT / "services" / service / "pyproject.toml").read_text())
    syncs = [rest for word, rest in instructions(service) if word == "RUN" and "uv sync" in rest]
    assert len(syncs) == 1
    assert "--no-dev" in syncs[0] and "--frozen" in syncs[0] and "--no-editable" in syncs[0]
    assert f"--package {project['project']['name']}" in syncs[0]
    deps = " ".join(project["project"].get("dependencies", []))
    assert "devstack" not in deps and "datagen" not in deps


@pytest.mark.parametrize("service", SERVICES)
def test_tesseract_and_its_languages_are_only_in_the_ocr_image(service: str) -> None:
    text = (ROOT / "services" / service / "Dockerfile").read_text()
    runs = " ".join(rest for word, rest in instructions(service) if word == "RUN")
    if service == "ocr":
        for package in (
            "tesseract-ocr=",
            "tesseract-ocr-nld=",
            "tesseract-ocr-fra=",
            "tesseract-ocr-deu=",
        ):
            assert package in runs
        assert "--no-install-recommends" in runs and "rm -rf /var/lib/apt/lists" in runs
        assert "OMP_THREAD_LIMIT=1" in text
    else:
        assert "tesseract" not in runs and "apt-get" not in runs


def test_the_build_context_leaves_out_what_no_image_needs() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".git", ".venv", ".data", "tests", "deploy"):
        assert path in ignored

"""Render every overlay and check it offline; ``make validate-k8s`` runs this.

Runs with the tools environment (deploy/k8s/.tools/venv, tools/install.sh):
  1. ``kubectl kustomize overlays/<env>`` (kubectl's built-in kustomize), for each overlay;
  2. built-in kinds against the Kubernetes 1.30 OpenAPI schemas (kubernetes-validate, strict:
     unknown fields are errors);
  3. custom resources (KEDA, CloudNativePG, External Secrets) against schemas/*.json; an object
     of a kind that has neither is an error, so nothing passes unchecked;
  4. checkov's Kubernetes policies on the rendered output (skips: checkov.yaml, each justified);
  5. hadolint on every services/*/Dockerfile and web/Dockerfile.

``--file PATH`` checks one manifest file instead of the overlays (steps 2 and 3 only);
``--no-checkov`` leaves out step 4 (the pytest suite uses both).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import kubernetes_validate
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOOLS = HERE / ".tools"
KUBECTL = TOOLS / "bin" / "kubectl"
KUBERNETES_VERSION = "1.30.0"  # the oldest minor the manifests support (preStop sleep: 1.30)


def overlays() -> list[str]:
    return sorted(p.name for p in (HERE / "overlays").iterdir() if p.is_dir())


def render(overlay: str) -> str:
    return subprocess.run(
        [str(KUBECTL), "kustomize", str(HERE / "overlays" / overlay)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def crd_schemas() -> dict[tuple[str, str], jsonschema.protocols.Validator]:
    found = {}
    for path in sorted((HERE / "schemas").glob("*.json")):
        schema = json.loads(path.read_text())
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        api = schema["properties"]["apiVersion"]["const"]
        kind = schema["properties"]["kind"]["const"]
        found[(api, kind)] = cls(schema)
    return found


def check_objects(docs: list[dict], where: str) -> list[str]:
    errors = []
    customs = crd_schemas()
    for doc in docs:
        name = f"{where}: {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
        key = (doc.get("apiVersion"), doc.get("kind"))
        if key in customs:
            for e in customs[key].iter_errors(doc):
                errors.append(f"{name}: {'.'.join(map(str, e.absolute_path))}: {e.message}")
            continue
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            errors.append(f"{name}: no schema for {key[0]} {key[1]} (add one to schemas/)")
        except kubernetes_validate.ValidationError as e:
            path = ".".join(map(str, e.caused_by.absolute_path))
            errors.append(f"{name}: {path}: {e.caused_by.message}")
    return errors


def checkov(files: list[Path]) -> tuple[int, int, list[str]]:
    cmd = [str(TOOLS / "venv" / "bin" / "checkov"), "--config-file", str(HERE / "checkov.yaml"),
           "--framework", "kubernetes", "-o", "json", "--quiet"]  # fmt: skip
    for f in files:
        cmd += ["-f", str(f)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    reports = json.loads(out.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    passed = sum(r["summary"]["passed"] for r in reports)
    skipped = sum(r["summary"]["skipped"] for r in reports)
    failures = [
        f"checkov {c['check_id']} {c['resource']} ({c['check_name']})"
        for r in reports for c in r["results"]["failed_checks"]
    ]  # fmt: skip
    return passed, skipped, failures


def hadolint() -> tuple[int, list[str]]:
    files = [*sorted(ROOT.glob("services/*/Dockerfile")), ROOT / "web" / "Dockerfile"]
    out = subprocess.run(
        [str(TOOLS / "bin" / "hadolint"), *map(str, files)], capture_output=True, text=True
    )
    problems = [line for line in out.stdout.splitlines() if line.strip()]
    if out.returncode and not problems:
        problems = [out.stderr.strip() or f"hadolint exited {out.returncode}"]
    return len(files), problems


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", type=Path, help="check this manifest file only")
    ap.add_argument("--no-checkov", action="store_true")
    args = ap.parse_args()
    if args.file:
        docs = [d for d in yaml.safe_load_all(args.file.read_text()) if d]
        errors = check_objects(docs, args.file.name)
        print("\n".join(errors) or f"{args.file.name}: {len(docs)} objects valid")
        return 1 if errors else 0

    errors: list[str] = []
    rendered = []
    for overlay in overlays():
        text = render(overlay)
        path = TOOLS / "rendered" / f"{overlay}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        rendered.append(path)
        docs = [d for d in yaml.safe_load_all(text) if d]
        kinds = Counter(d["kind"] for d in docs)
        listing = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        print(f"{overlay}: {len(docs)} objects ({listing})")
        errors += check_objects(docs, overlay)
    print(
        f"schemas: built-in kinds against Kubernetes {KUBERNETES_VERSION} (strict), "
        f"{len(crd_schemas())} custom resource schemas: {'ok' if not errors else 'FAILED'}"
    )
    if not args.no_checkov:
        passed, skipped, failed = checkov(rendered)
        skips = yaml.safe_load((HERE / "checkov.yaml").read_text())["skip-check"]
        print(
            f"checkov: {passed} passed, {len(failed)} failed, {skipped} skipped in place; "
            f"{len(skips)} checks not run ({', '.join(skips)}: why in deploy/k8s/checkov.yaml)"
        )
        errors += failed
    count, problems = hadolint()
    print(f"hadolint: {count} Dockerfiles, {len(problems)} findings")
    errors += problems
    for e in errors:
        print("  " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

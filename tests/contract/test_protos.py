"""The contracts between services: generated code, events, RPCs."""

from __future__ import annotations

import filecmp
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from google.protobuf.descriptor import FileDescriptor

from chassis.events import subject_template
from chassis.messaging import StreamSpec

ROOT = Path(__file__).resolve().parents[2]
PROTOS = sorted((ROOT / "protos" / "kmo").rglob("*.proto"))
EVENT_MODULES = ["kmo.ingest.v1.events_pb2", "kmo.ocr.v1.events_pb2", "kmo.scoring.v1.events_pb2"]
# service -> (generated module, service name, servicer class path)
APIS = {
    "ingest": (
        "kmo.ingest.v1.ingest_pb2",
        "IngestService",
        "ingest.entrypoints.grpc_api.IngestApi",
    ),
    "ingest documents": (
        "kmo.ingest.v1.documents_pb2",
        "DocumentService",
        "ingest.entrypoints.documents_api.DocumentApi",
    ),
    "scoring": (
        "kmo.scoring.v1.scoring_pb2",
        "ScoringService",
        "scoring.entrypoints.grpc_api.ScoringApi",
    ),
    "benchmark": (
        "kmo.benchmark.v1.benchmark_pb2",
        "BenchmarkService",
        "benchmark.entrypoints.grpc_api.BenchmarkApi",
    ),
    "ocr": ("kmo.ocr.v1.ocr_pb2", "OcrService", "ocr.entrypoints.grpc_api.OcrApi"),
}


def test_generated_code_matches_the_protos(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            "-I",
            str(ROOT / "protos"),
            f"--python_out={tmp_path}",
            f"--mypy_out={tmp_path}",
            f"--grpc_python_out={tmp_path}",
            f"--mypy_grpc_out={tmp_path}",
            *map(str, PROTOS),
        ],
        check=True,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
    )
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed_root = ROOT / "protos" / "gen"
    committed = sorted(
        p.relative_to(committed_root)
        for p in committed_root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert fresh == committed, "run `make proto` and commit protos/gen"
    stale = [
        str(p) for p in fresh if not filecmp.cmp(tmp_path / p, committed_root / p, shallow=False)
    ]
    assert not stale, f"stale generated code, run `make proto`: {stale}"


def _event_messages() -> list[type]:
    found = []
    for name in EVENT_MODULES:
        module = importlib.import_module(name)
        file: FileDescriptor = module.DESCRIPTOR
        found += [getattr(module, m) for m in file.message_types_by_name]
    return found


@pytest.mark.parametrize("event", _event_messages(), ids=lambda e: e.DESCRIPTOR.full_name)
def test_every_event_declares_its_subject(event: type) -> None:
    """(What producers write and consumers read: test_event_contracts.py.)"""
    subject = subject_template(event)
    assert subject and " " not in subject


def _streams() -> list[StreamSpec]:
    specs: list[StreamSpec] = []
    for svc in ("ingest", "scoring", "ocr", "benchmark"):
        specs += list(importlib.import_module(f"{svc}.bootstrap").STREAMS)
    return specs


def _matches(pattern: str, subject: str) -> bool:
    p, s = pattern.split("."), subject.split(".")
    for i, token in enumerate(p):
        if token == ">":
            return len(s) > i
        if i >= len(s) or (token != "*" and token != s[i]):
            return False
    return len(p) == len(s)


@pytest.mark.parametrize("event", _event_messages(), ids=lambda e: e.DESCRIPTOR.full_name)
def test_every_event_subject_lands_in_exactly_one_stream(event: type) -> None:
    subject = subject_template(event).format(country="BE", vat="BE0123456749")
    owners = [s.name for s in _streams() if any(_matches(p, subject) for p in s.subjects)]
    assert len(owners) == 1, f"{subject} is captured by {owners}"


@pytest.mark.parametrize("service", sorted(APIS))
def test_every_rpc_is_implemented(service: str) -> None:
    module_name, service_name, servicer_path = APIS[service]
    descriptor = importlib.import_module(module_name).DESCRIPTOR.services_by_name[service_name]
    module_path, _, class_name = servicer_path.rpartition(".")
    servicer = getattr(importlib.import_module(module_path), class_name)
    generated = importlib.import_module(module_name.replace("_pb2", "_pb2_grpc"))
    base = getattr(generated, f"{service_name}Servicer")
    missing = [
        m.name for m in descriptor.methods if getattr(servicer, m.name) is getattr(base, m.name)
    ]
    assert not missing, f"{servicer_path} does not implement {missing}"

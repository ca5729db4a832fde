"""The contracts between services: generated code, events, RPCs."""

from __future__ import annotations

import filecmp
import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.descriptor import FileDescriptor

from chassis.events import subject_template
from chassis.limits import rpc_limit
from chassis.messaging import StreamSpec
from kmo.types.v1 import types_pb2

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


def _rpcs() -> list[Any]:
    found = []
    for module_name, service_name, _ in APIS.values():
        service = importlib.import_module(module_name).DESCRIPTOR.services_by_name[service_name]
        found += list(service.methods)
    return found


@pytest.mark.parametrize("rpc", _rpcs(), ids=lambda m: m.full_name)
def test_every_batch_and_list_rpc_declares_its_limit(rpc: Any) -> None:
    """A limit lives in the contract (chassis.limits reads it): a batch RPC (a repeated
    input of messages) declares max_items, a list RPC with pages max_page_size."""
    options = rpc.GetOptions()
    batches = [
        f.name for f in rpc.input_type.fields if f.is_repeated and f.message_type is not None
    ]
    if batches and not rpc.client_streaming:
        assert options.HasExtension(types_pb2.max_items), f"{rpc.full_name}: {batches}"
    if "page_size" in rpc.input_type.fields_by_name:
        assert options.HasExtension(types_pb2.max_page_size), rpc.full_name
    if options.HasExtension(types_pb2.max_items):
        assert 0 < options.Extensions[types_pb2.max_items] <= 10_000


def test_a_limit_nobody_declared_fails_at_import_not_at_run_time() -> None:
    from kmo.ingest.v1 import ingest_pb2

    assert rpc_limit(ingest_pb2, "IngestService.SubmitInvoices", types_pb2.max_items) == 500
    with pytest.raises(TypeError, match=r"declares no kmo\.types\.v1\.max_items"):
        rpc_limit(ingest_pb2, "IngestService.GetInvoice", types_pb2.max_items)

"""No breaking change to the service contracts since the recorded release
(``protos/baseline.binpb``, written by ``make proto-baseline`` when a release is cut).

Deployed services of different versions talk to each other during a rollout, and events
written by an old version are read by a new one for as long as streams keep them: a field,
an enum value, a message or an RPC may be added, never removed, renumbered or retyped.
Renaming a field breaks JSON and the generated code, so names are kept too.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from google.protobuf import descriptor_pb2, descriptor_pool

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "protos" / "baseline.binpb"
MODULES = sorted(
    "kmo." + ".".join(p.relative_to(ROOT / "protos" / "kmo").with_suffix("").parts) + "_pb2"
    for p in (ROOT / "protos" / "kmo").rglob("*.proto")
)


def _baseline() -> descriptor_pb2.FileDescriptorSet:
    released = descriptor_pb2.FileDescriptorSet()
    released.ParseFromString(BASELINE.read_bytes())
    return released


def _current() -> dict[str, descriptor_pb2.FileDescriptorProto]:
    files = {}
    for name in MODULES:
        module = importlib.import_module(name)
        proto = descriptor_pb2.FileDescriptorProto()
        module.DESCRIPTOR.CopyToProto(proto)
        files[proto.name] = proto
    return files


def _messages(
    prefix: str, messages: list[descriptor_pb2.DescriptorProto]
) -> dict[str, descriptor_pb2.DescriptorProto]:
    out = {}
    for m in messages:
        name = f"{prefix}.{m.name}"
        out[name] = m
        out |= _messages(name, list(m.nested_type))
    return out


def _enums(
    file: descriptor_pb2.FileDescriptorProto,
) -> dict[str, descriptor_pb2.EnumDescriptorProto]:
    out = {f"{file.package}.{e.name}": e for e in file.enum_type}
    for name, m in _messages(file.package, list(file.message_type)).items():
        out |= {f"{name}.{e.name}": e for e in m.enum_type}
    return out


def breaking_changes(
    old: descriptor_pb2.FileDescriptorProto, new: descriptor_pb2.FileDescriptorProto | None
) -> list[str]:
    if new is None:
        return [f"{old.name}: removed"]
    found = []
    new_messages = _messages(new.package, list(new.message_type))
    for name, message in _messages(old.package, list(old.message_type)).items():
        now = new_messages.get(name)
        if now is None:
            found.append(f"message {name} removed")
            continue
        fields = {f.number: f for f in now.field}
        for field in message.field:
            f = fields.get(field.number)
            where = f"{name}.{field.name} (= {field.number})"
            if f is None:
                found.append(f"{where} removed (reserve its number instead)")
            elif (f.name, f.type, f.type_name, f.label) != (
                field.name, field.type, field.type_name, field.label,
            ):  # fmt: skip
                found.append(f"{where} changed to {f.name} {f.type_name or f.type} {f.label}")
    new_enums = _enums(new)
    for name, enum in _enums(old).items():
        values = {v.number: v.name for v in new_enums[name].value} if name in new_enums else None
        if values is None:
            found.append(f"enum {name} removed")
            continue
        for value in enum.value:
            if values.get(value.number) != value.name:
                found.append(f"enum value {name}.{value.name} (= {value.number}) changed")
    services = {s.name: s for s in new.service}
    for service in old.service:
        now_service = services.get(service.name)
        if now_service is None:
            found.append(f"service {old.package}.{service.name} removed")
            continue
        methods = {m.name: m for m in now_service.method}
        for method in service.method:
            m = methods.get(method.name)
            shape = (
                method.input_type, method.output_type,
                method.client_streaming, method.server_streaming,
            )  # fmt: skip
            if m is None:
                found.append(f"rpc {service.name}.{method.name} removed")
            elif (m.input_type, m.output_type, m.client_streaming, m.server_streaming) != shape:
                found.append(f"rpc {service.name}.{method.name} changed its messages")
    return found


def test_no_contract_changed_incompatibly_since_the_release() -> None:
    current = _current()
    released = [f for f in _baseline().file if f.name.startswith("kmo/")]
    assert released, "protos/baseline.binpb holds no kmo protos: run make proto-baseline"

    found = [c for old in released for c in breaking_changes(old, current.get(old.name))]

    assert not found, "breaking changes to the contracts:\n" + "\n".join(found)


def test_the_check_finds_a_removed_field_a_retyped_one_and_a_removed_rpc() -> None:
    old = next(f for f in _baseline().file if f.name == "kmo/ingest/v1/ingest.proto")
    new = descriptor_pb2.FileDescriptorProto()
    new.CopyFrom(old)
    invoice = next(m for m in new.message_type if m.name == "Invoice")
    invoice.field.remove(invoice.field[0])
    invoice.field[0].type = descriptor_pb2.FieldDescriptorProto.TYPE_BYTES
    new.service[0].method.remove(new.service[0].method[0])

    found = breaking_changes(old, new)

    assert len(found) == 3, found
    assert any("removed (reserve its number" in c for c in found)
    assert any("changed to" in c for c in found)
    assert any(c.startswith("rpc IngestService.") for c in found)


def test_the_baseline_loads_in_a_pool_of_its_own() -> None:
    """The recorded set is complete (its imports included), so it can be read without the
    current code: what a check against an older release needs."""
    pool = descriptor_pool.DescriptorPool()
    for file in _baseline().file:
        pool.Add(file)
    assert pool.FindServiceByName("kmo.ingest.v1.IngestService").methods

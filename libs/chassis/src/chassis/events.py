"""Turning protobuf event messages into publishable events, and back."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from google.protobuf.message import DecodeError, Message

from kmo.types.v1 import types_pb2

HEADER_MSG_ID = "Nats-Msg-Id"
HEADER_EVENT_TYPE = "kmo-event-type"
HEADER_SCHEMA_VERSION = "kmo-schema-version"


class UndecodableEvent(Exception):
    """The payload does not match its declared type: redelivery cannot help."""


@dataclass(frozen=True, slots=True)
class OutgoingEvent:
    event_id: str
    subject: str
    event_type: str
    schema_version: int
    payload: bytes


def subject_template(message_type: type[Message]) -> str:
    subject: str = message_type.DESCRIPTOR.GetOptions().Extensions[types_pb2.event_subject]
    if not subject:
        raise TypeError(f"{message_type.DESCRIPTOR.full_name} declares no event_subject option")
    return subject


def schema_version(message_type: type[Message]) -> int:
    version: int = message_type.DESCRIPTOR.GetOptions().Extensions[types_pb2.event_schema_version]
    return version or 1


def new_event_id() -> str:
    """A random (version 4) UUID as text, at a third of ``str(uuid.uuid4())``'s cost."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


# Event type name -> (subject template, schema version): read from the descriptor once.
_DECLARED: dict[str, tuple[str, int]] = {}


def outgoing(
    message: Message, *, event_id: str | None = None, **subject_fields: str
) -> OutgoingEvent:
    """An event ready for the outbox; ``subject_fields`` fill ``{placeholders}``."""
    kind = type(message)
    name = kind.DESCRIPTOR.full_name
    declared = _DECLARED.get(name)
    if declared is None:
        declared = _DECLARED[name] = (subject_template(kind), schema_version(kind))
    subject, version = declared
    return OutgoingEvent(
        event_id=event_id or new_event_id(),
        subject=subject.format(**subject_fields),
        event_type=name,
        schema_version=version,
        payload=message.SerializeToString(),
    )


class EventRegistry:
    """The event types one consumer understands, by their ``kmo-event-type``."""

    def __init__(self, *types: type[Message]) -> None:
        self._types: Mapping[str, type[Message]] = {t.DESCRIPTOR.full_name: t for t in types}

    def decode(self, event_type: str, payload: bytes) -> Message:
        kind = self._types.get(event_type)
        if kind is None:
            raise UndecodableEvent(f"unknown event type {event_type!r}")
        message = kind()
        try:
            message.ParseFromString(payload)
        except DecodeError as exc:
            raise UndecodableEvent(f"payload is not a valid {event_type}") from exc
        return message

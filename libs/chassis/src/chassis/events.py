"""Turning protobuf event messages into publishable events, and back."""

from __future__ import annotations

import uuid
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


def outgoing(
    message: Message, *, event_id: str | None = None, **subject_fields: str
) -> OutgoingEvent:
    """An event ready for the outbox; ``subject_fields`` fill ``{placeholders}``."""
    kind = type(message)
    return OutgoingEvent(
        event_id=event_id or str(uuid.uuid4()),
        subject=subject_template(kind).format(**subject_fields),
        event_type=kind.DESCRIPTOR.full_name,
        schema_version=schema_version(kind),
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

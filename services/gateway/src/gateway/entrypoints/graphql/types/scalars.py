"""Conversions between protobuf value types and Python values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kmo.types.v1 import types_pb2


def to_date(value: types_pb2.Date) -> date:
    return date(value.year, value.month, value.day)


def pb_date(value: date) -> types_pb2.Date:
    return types_pb2.Date(year=value.year, month=value.month, day=value.day)


def to_decimal(value: types_pb2.Money) -> Decimal:
    return Decimal(value.amount or "0")

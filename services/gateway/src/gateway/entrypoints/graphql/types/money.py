from __future__ import annotations

from decimal import Decimal

import strawberry

from kmo.types.v1 import types_pb2


@strawberry.type(description="An exact amount: `amount` is a decimal string, never a float.")
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def from_proto(cls, msg: types_pb2.Money) -> Money:
        return cls(amount=Decimal(msg.amount or "0"), currency=msg.currency or "EUR")

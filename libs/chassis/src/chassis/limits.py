"""An RPC's limits, as its contract declares them (``kmo.types.v1.max_items``,
``max_page_size``, ``max_bytes`` method options): the serving service and its clients read
the same number from the same descriptor, so it is written once, in the ``.proto``."""

from __future__ import annotations

from types import ModuleType
from typing import Any


def rpc_limit(module: ModuleType, rpc: str, option: Any) -> int:
    """The ``option`` of ``rpc`` ("Service.Method") in a generated ``*_pb2`` module; a
    TypeError at import time if the contract declares none (a limit nobody wrote down)."""
    service, _, method = rpc.partition(".")
    found = module.DESCRIPTOR.services_by_name[service].methods_by_name[method]
    options = found.GetOptions()
    if not options.HasExtension(option):
        raise TypeError(f"{rpc} declares no {option.full_name} option")
    return int(options.Extensions[option])

"""A stop signal during a service's start waits until the stack has recorded the service."""

from __future__ import annotations

import os
import signal

import pytest

from devstack.stack import stop_signals_held


def _interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def test_a_stop_during_the_block_is_acted_on_after_it() -> None:
    previous = signal.signal(signal.SIGTERM, _interrupted)
    recorded = []
    try:
        with pytest.raises(KeyboardInterrupt), stop_signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            recorded.append("service")  # the line a raise would have skipped
        assert recorded == ["service"]
        assert signal.getsignal(signal.SIGTERM) is _interrupted
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_no_stop_leaves_the_handlers_as_they_were() -> None:
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    with stop_signals_held():
        pass
    assert {sig: signal.getsignal(sig) for sig in before} == before


def test_an_ignored_signal_stays_ignored() -> None:
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with stop_signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, previous)

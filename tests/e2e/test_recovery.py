"""Nothing is lost or counted twice when a consumer dies."""

from __future__ import annotations

import functools
import signal

from devstack.e2e import Platform, eventually, risk_profile, submit_invoice
from devstack.samples import belgian_vat


def test_scoring_killed_after_a_submission_processes_it_once_after_restart(
    platform: Platform,
) -> None:
    member = platform.new_member("Kill Test BV", belgian_vat())
    before_kill, while_dead = belgian_vat(), belgian_vat()

    submit_invoice(member, before_kill)
    platform.stack.kill("scoring", signal.SIGKILL)  # no shutdown, no ack, nothing flushed
    submit_invoice(member, while_dead)  # waits in JetStream, not in any process

    platform.stack.start_one("scoring")
    platform.stack.wait_ready(timeout=60, services=("scoring",))

    # Messages handed to the killed process come back after the ack wait (10 s).
    for vat in (before_kill, while_dead):
        found = eventually(functools.partial(risk_profile, member, vat), timeout=45)
        assert found["invoiceCount"] == 1
    # Redeliveries after the restart must not add the experience again.
    settled = eventually(lambda: risk_profile(member, before_kill), timeout=5)
    assert settled["invoiceCount"] == 1

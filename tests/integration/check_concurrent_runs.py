#!/usr/bin/env python3
# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two Odoo workers plan and send reminders at the same time: nothing twice.

Odoo unit tests run in one transaction and cannot show what two PostgreSQL
transactions do to each other. This check commits real data in a database
where relance_nc is installed, then starts two threads, each with its own
cursor (as two Odoo servers running crons would), that

1. plan the company's reminders at the same instant (advisory lock + unique
   open action per customer, level and channel), then
2. execute the due reminders at the same instant (``try_lock_for_update``
   skips rows the other worker holds).

Every channel is exercised: email, SMS through a real local HTTP gateway
(it counts each message id once, as a gateway deduplicates), phone calls
and, when relance_nc_edition is installed, letters. The clock is frozen
inside the sending window (a Wednesday morning in Nouméa), so the real
window rules apply. It asserts one action per customer, level and channel,
and one email, SMS, call task or letter per action, prints ``N passed, M
failed`` and exits 1 on failure. ``setup/test`` runs it on its fresh test
database and counts its checks in the summary; by hand:
``python3 tests/integration/check_concurrent_runs.py --db DB --db-port PORT``.
"""

import sys
import threading
from datetime import date, timedelta
from pathlib import Path

from freezegun import freeze_time

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from benchlib import (  # noqa: E402
    Checks,
    create_overdue_invoices,
    open_check_registry,
    parse_check_args,
    superuser_env,
)

CUSTOMERS = 40
# Wednesday 9 December 2026, 09:00 in Nouméa (UTC+11): inside the sending
# window of every channel, no public holiday.
NOW = "2026-12-08 22:00:00"
TODAY = date(2026, 12, 9)


def create_data(registry, gateway):
    """Commit customers with overdue invoices; return the company id."""
    with registry.cursor() as cr:
        env = superuser_env(cr)
        company = env.company
        company.write(
            {
                "email": "creancier@example.nc",
                "relance_sms_provider": "http",
                "relance_sms_url": gateway.url,
                "relance_sms_sender": "RELANCENC",
                "relance_sms_api_key": gateway.api_key,
            }
        )
        company.action_relance_accept_terms()
        policy = env["relance.policy"]._get_company_default(company)
        policy.level_ids.write({"review": "auto"})
        customers = env["res.partner"].create(
            [
                {
                    "name": f"Concurrent customer {i}",
                    "is_company": True,
                    "email": f"client{i}@example.nc",
                    "phone": "+687751234",
                    "street": f"{i} rue de Sébastopol",
                    "zip": "98800",
                    "city": "Nouméa",
                    "country_id": env.ref("base.nc").id,
                }
                for i in range(CUSTOMERS)
            ]
        )
        create_overdue_invoices(env, customers, TODAY - timedelta(days=10))
        # every channel at the level due (10 days overdue: the first reminder)
        channels = {"use_email": True, "use_sms": True, "use_call": True}
        if "relance.letter" in env:
            channels["use_letter"] = True
        policy.level_ids.filtered(lambda level: level.delay == 7).write(channels)
        cr.commit()
        return company.id, customers.ids


def in_parallel(registry, job):
    """Run ``job(env)`` in two threads with their own cursors, started together."""
    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            with registry.cursor() as cr:
                env = superuser_env(cr)
                barrier.wait(timeout=30)
                job(env)
                cr.commit()
        except Exception as err:  # reported as a failed check below
            errors.append(repr(err))

    threads = [threading.Thread(target=worker) for __ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


def run_checks(registry, gateway):
    """Plan then execute in two workers at once; return the checks."""
    company_id, customer_ids = create_data(registry, gateway)
    check = Checks()

    errors = in_parallel(
        registry,
        lambda env: env["relance.action"]._plan_company(
            env["res.company"].browse(company_id)
        ),
    )
    check("two concurrent plannings raise nothing", not errors, "; ".join(errors))
    with registry.cursor() as cr:
        env = superuser_env(cr)
        groups = env["relance.action"]._read_group(
            [("partner_id", "in", customer_ids)],
            ["partner_id", "level_id", "channel"],
            ["__count"],
        )
        duplicates = [g for g in groups if g[-1] > 1]
        check(
            "one action per customer, level and channel",
            not duplicates,
            f"{len(duplicates)} duplicated",
        )
        channels = sorted({channel for __, __, channel, __ in groups})
        check(
            f"every customer planned on every channel ({CUSTOMERS} x {channels})",
            len(groups) == CUSTOMERS * len(channels) and len(channels) >= 4,
            f"{len(groups)} planned",
        )

    def execute(env):
        env["relance.action"]._cron_execute(batch_size=CUSTOMERS * len(channels))

    # actions postponed because the other worker wrote the same invoices go
    # at the next run
    for name in (
        "two concurrent executions raise nothing",
        "the next concurrent run raises nothing",
    ):
        errors = in_parallel(registry, execute)
        check(name, not errors, "; ".join(errors))
    with registry.cursor() as cr:
        env = superuser_env(cr)
        check_sent(env, customer_ids, gateway, check)
    return check


def check_sent(env, customer_ids, gateway, check):
    """One email, SMS, call task or letter per action, each action handled."""
    actions = env["relance.action"].search([("partner_id", "in", customer_ids)])
    by_channel = actions.grouped("channel")
    for channel, group in sorted(by_channel.items()):
        # a call waits for its outcome, a letter for its posting
        expected = {"call": "scheduled", "letter": "scheduled"}.get(channel, "done")
        states = sorted(set(group.mapped("state")))
        check(f"every {channel} action handled", states == [expected], str(states))
    emails = env["mail.mail"].search(
        [("model", "=", "relance.action"), ("res_id", "in", by_channel["email"].ids)]
    )
    check(
        "one email per email action",
        sorted(emails.mapped("res_id")) == sorted(by_channel["email"].ids),
        f"{len(emails)} emails for {len(by_channel['email'])} actions",
    )
    sms = env["sms.sms"].search([("relance_action_id", "in", by_channel["sms"].ids)])
    check(
        "one SMS per SMS action, each delivered once by the gateway",
        len(sms) == len(by_channel["sms"]) == len(gateway.delivered),
        f"{len(sms)} SMS, {len(gateway.delivered)} delivered by the gateway "
        f"({len(gateway.requests)} requests)",
    )
    calls = env["mail.activity"].search(
        [("res_model", "=", "relance.action"), ("res_id", "in", by_channel["call"].ids)]
    )
    check(
        "one call task per call action",
        sorted(calls.mapped("res_id")) == sorted(by_channel["call"].ids),
        f"{len(calls)} tasks for {len(by_channel['call'])} calls",
    )
    if "letter" in by_channel:
        letters = env["relance.letter"].search(
            [("action_id", "in", by_channel["letter"].ids)]
        )
        check(
            "one letter per letter action",
            sorted(letters.mapped("action_id").ids) == sorted(by_channel["letter"].ids)
            and len(letters) == len(by_channel["letter"]),
            f"{len(letters)} letters for {len(by_channel['letter'])} actions",
        )


def main():
    registry = open_check_registry(parse_check_args(__doc__))
    # the SMS gateway of the Odoo tests: a real HTTP server on 127.0.0.1
    # that delivers each message id once, as the protocol requires
    from odoo.addons.relance_nc.tests.test_sms_gateway import (  # noqa: PLC0415
        API_KEY,
        FakeSmsGateway,
    )

    gateway = FakeSmsGateway()
    gateway.api_key = API_KEY
    gateway.start()
    clock = freeze_time(NOW)
    clock.start()
    try:
        checks = run_checks(registry, gateway)
    finally:
        clock.stop()
        gateway.stop()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())

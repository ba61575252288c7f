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

It asserts one action per customer and channel and one email per action,
prints ``N passed, M failed`` and exits 1 on failure. ``setup/test`` runs it
on its fresh test database; by hand:
``python3 tests/integration/check_concurrent_runs.py --db DB --db-port PORT``.
"""

import argparse
import sys
import threading
from datetime import date, timedelta
from pathlib import Path
from unittest.mock import patch

REPO = Path(__file__).resolve().parents[2]
CUSTOMERS = 40


def setup_odoo(args):
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [
            f"--addons-path={REPO}",
            f"--db_host={args.db_host}",
            f"--db_port={args.db_port}",
            f"--db_user={args.db_user}",
            "--log-level=warn",
        ]
    )
    from odoo.modules.registry import Registry  # noqa: PLC0415

    return Registry(args.db)


def create_data(registry):
    """Commit customers with overdue invoices; return the company id."""
    import odoo  # noqa: PLC0415
    from odoo import Command  # noqa: PLC0415

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.company
        company.write({"email": "creancier@example.nc"})
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
                    "country_id": env.ref("base.nc").id,
                }
                for i in range(CUSTOMERS)
            ]
        )
        due = date.today() - timedelta(days=10)
        moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": due - timedelta(days=30),
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Service", "price_unit": 1000, "tax_ids": []}
                        )
                    ],
                }
                for customer in customers
            ]
        )
        moves.action_post()
        # Email only: the SMS and call channels need their own services.
        policy.level_ids.write({"use_sms": False, "use_call": False})
        cr.commit()
        return company.id, customers.ids


def in_parallel(registry, job):
    """Run ``job(env)`` in two threads with their own cursors, started together."""
    import odoo  # noqa: PLC0415

    barrier = threading.Barrier(2)
    errors = []

    def worker():
        try:
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-port", default="54329")
    parser.add_argument("--db-user", default="odoo")
    args = parser.parse_args()

    import odoo  # noqa: PLC0415

    registry = setup_odoo(args)
    company_id, customer_ids = create_data(registry)
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    # Sending hours are not the subject here: let both workers send now,
    # whatever the hour in Nouméa.
    company_class = registry["res.company"]
    anytime = patch.object(company_class, "_relance_next_allowed", lambda s, m, c: m)
    anytime.start()
    errors = in_parallel(
        registry,
        lambda env: env["relance.action"]._plan_company(
            env["res.company"].browse(company_id)
        ),
    )
    check("two concurrent plannings raise nothing", not errors, "; ".join(errors))
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
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
        check(
            f"every customer planned ({CUSTOMERS})",
            len(groups) == CUSTOMERS,
            f"{len(groups)} planned",
        )

    errors = in_parallel(
        registry,
        lambda env: env["relance.action"]._cron_execute(batch_size=CUSTOMERS),
    )
    anytime.stop()
    check("two concurrent executions raise nothing", not errors, "; ".join(errors))
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        actions = env["relance.action"].search([("partner_id", "in", customer_ids)])
        mails = env["mail.mail"].search(
            [("model", "=", "relance.action"), ("res_id", "in", actions.ids)]
        )
        per_action = {}
        for mail in mails:
            per_action[mail.res_id] = per_action.get(mail.res_id, 0) + 1
        check(
            "every action sent",
            set(actions.mapped("state")) == {"done"},
            str(sorted(set(actions.mapped("state")))),
        )
        check(
            "one email per action",
            sorted(per_action.values()) == [1] * len(actions),
            f"{len(mails)} emails for {len(actions)} actions",
        )
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

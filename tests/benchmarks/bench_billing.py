#!/usr/bin/env python3
# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the provider's month-end invoicing (issue 12).

Prints wall time, SQL queries and peak memory for

1. recording ``--record`` usage lines through the idempotent bulk API
   (``relance.usage.line._relance_record_many``), then the same events again
   (nothing new is inserted);
2. the month-end invoicing of ``--clients`` clients (default 500) with
   ``--lines`` usage lines each (default 2 000: 1 million lines), target
   ≤ 60 s on a 2-core machine, with no query per usage line; then its re-run
   (nothing to invoice).

It uses the checkout's private PostgreSQL cluster (``setup/devenv.py``) and
the database ``relance_bench_billing`` with relance_nc installed (created when
missing). The invoicing commits per client, as the scheduled action does: the
script deletes the clients, usage lines and invoices of its previous run
first. Run: ``python3 tests/benchmarks/bench_billing.py``.
"""

import argparse
import contextlib
import cProfile
import pstats
import time
from datetime import timedelta

from benchlib import open_registry, peak_rss_mib, run_on_database, superuser_env

TARGET_S = 60.0
PREFIX = "Bench client"


def measure(env, label, func, target=None):
    """Run ``func``; print its wall time (next to ``target``), queries, memory."""
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    goal = f" (target ≤ {target:.0f} s)" if target else ""
    print(
        f"{label:<46} {elapsed:8.2f} s{goal} {env.cr.sql_log_count - queries:8d}"
        f" queries {peak_rss_mib():8.0f} MiB peak RSS",
        flush=True,
    )
    return result, env.cr.sql_log_count - queries


def clean(env):
    """Remove what an earlier run left (it committed per client)."""
    cr = env.cr
    cr.execute(
        "SELECT id FROM relance_client WHERE partner_id IN"
        " (SELECT id FROM res_partner WHERE name LIKE %s)",
        [PREFIX + "%"],
    )
    clients = [row[0] for row in cr.fetchall()]
    if clients:
        cr.execute(
            "DELETE FROM relance_usage_line WHERE client_id = ANY(%s)", [clients]
        )
        cr.execute(
            "DELETE FROM account_move WHERE relance_client_id = ANY(%s)", [clients]
        )
        cr.execute("DELETE FROM relance_client WHERE id = ANY(%s)", [clients])
    cr.execute("DELETE FROM res_partner WHERE name LIKE %s", [PREFIX + "%"])
    cr.commit()
    env.invalidate_all()


def setup_provider(env):
    company = env.ref("base.main_company")
    if not env["account.journal"].search_count(
        [("company_id", "=", company.id), ("type", "=", "sale")]
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
    company.relance_is_provider = True
    return company


def setup_clients(env, company, count):
    partners = env["res.partner"].create(
        [{"name": f"{PREFIX} {i:04d}", "is_company": True} for i in range(count)]
    )
    return env["relance.client"].create(
        [
            {
                "company_id": company.id,
                "partner_id": partner.id,
                "state": "active",
                "billing_mode": "deferred",
            }
            for partner in partners
        ]
    )


def insert_usage(env, clients, per_client, products, start):
    """Insert the usage lines with one SQL statement (setup, not measured)."""
    env.cr.execute(
        """
        INSERT INTO relance_usage_line (client_id, company_id, partner_id,
            product_id, date, quantity, price_unit, amount, event_key, state,
            create_uid, write_uid, create_date, write_date)
        SELECT c.id, c.company_id, c.partner_id,
               (%(products)s::int[])[1 + n %% %(nproducts)s],
               %(start)s::date + (n %% 28), 1 + n %% 3, 25, 25 * (1 + n %% 3),
               'bench:' || n, 'to_invoice', 1, 1,
               now() at time zone 'UTC', now() at time zone 'UTC'
          FROM relance_client c, generate_series(1, %(per_client)s) n
         WHERE c.id = ANY(%(clients)s)
        """,
        {
            "products": products.ids,
            "nproducts": len(products),
            "per_client": per_client,
            "clients": clients.ids,
            "start": start,
        },
    )
    env.cr.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="relance_bench_billing")
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--record", type=int, default=100_000)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the month-end invoicing (cProfile: costliest calls, SQL "
        "time by caller)",
    )
    args = parser.parse_args()

    run_on_database(args, "relance_nc", run)


def run(args, cluster):
    registry = open_registry(args.db, cluster.port)
    total = args.clients * args.lines
    print(
        f"relance.nc billing benchmark — {args.clients} clients × {args.lines} "
        f"usage lines = {total} lines"
    )
    with registry.cursor() as cr:
        env = superuser_env(cr)
        clean(env)
        company = setup_provider(env)
        # last month in Nouméa (no frozen clock: it would stop the timer too)
        start = (company._relance_today().replace(day=1) - timedelta(days=1)).replace(
            day=1
        )
        clients = setup_clients(env, company, args.clients)
        products = env["product.product"].search([("default_code", "=like", "RNC-%")])
        products = products[:5]
        usage = env["relance.usage.line"]
        vals = [
            {
                "client_id": clients[i % len(clients)].id,
                "product_id": products[i % len(products)].id,
                "quantity": 1,
                "event_key": f"record:{i}",
                "date": start + timedelta(days=i % 28),
            }
            for i in range(args.record)
        ]
        (inserted, __) = measure(
            env,
            f"record {args.record} usage lines (bulk API)",
            lambda: usage._relance_record_many(vals),
        )
        assert inserted == args.record, inserted
        (again, __) = measure(
            env,
            f"record the same {args.record} events again",
            lambda: usage._relance_record_many(vals),
        )
        assert again == 0, again
        cr.execute("DELETE FROM relance_usage_line WHERE event_key LIKE 'record:%%'")
        cr.commit()
        insert_usage(env, clients, args.lines, products, start)
        env.invalidate_all()
        profiler = cProfile.Profile() if args.profile else None
        with profiler or contextlib.nullcontext():  # last month's usage
            (__, queries) = measure(
                env,
                f"month-end invoices: {args.clients} clients, {total} lines",
                env["relance.client"]._cron_invoice_usage,
                target=TARGET_S,
            )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(90)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
            # the SQL time by caller
            pstats.Stats(profiler).sort_stats("tottime").print_callers(
                r"sql_db.py:\d+\(execute\)"
            )
        invoices = env["account.move"].search_count(
            [("relance_client_id", "in", clients.ids)]
        )
        left = usage.search_count(
            [("client_id", "in", clients.ids), ("state", "=", "to_invoice")]
        )
        print(
            f"{'':<46} {invoices} invoices, {left} lines left to invoice, "
            f"{queries / max(invoices, 1):.0f} queries per invoice "
            f"({queries / total:.4f} per usage line)",
            flush=True,
        )
        measure(
            env,
            "re-run (nothing to invoice)",
            env["relance.client"]._cron_invoice_usage,
        )
        clean(env)


if __name__ == "__main__":
    main()

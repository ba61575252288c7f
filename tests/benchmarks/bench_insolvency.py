#!/usr/bin/env python3
# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the collective procedures matching (issue 13).

Prints wall time, SQL queries and peak memory to match ``--announcements``
announcements (default 100 000) against ``--watched`` watched customers
(default 50 000) of ``--clients`` creditors (default 200): target ≤ 10 s on a
2-core machine, with a query count that does not grow with the announcements.

Measured: ``relance.insolvency.case._find_matches`` (reads the announcements
and the watch lists, pairs them by RID, SIREN and name) — the part that grows
with the data; creating the few cases is not. One announcement in 100 names
a watched company by its RID, one in 200 by its name only.

Uses the checkout's private PostgreSQL cluster (``setup/devenv.py``), creates
the database ``relance_bench_insolvency`` with relance_nc_insolvency installed
when missing, inserts its data with SQL and rolls everything back. Run:
``python3 tests/benchmarks/bench_insolvency.py``.
"""

import argparse
import random
import time

from benchlib import open_registry, peak_rss_mib, run_on_database, superuser_env

WORDS = (
    "Boulangerie Garage Pharmacie Transports Nickel Pêcherie Quincaillerie "
    "Menuiserie Électricité Plomberie Imprimerie Librairie Restaurant Hôtel "
    "Caillou Lagon Récif Niaouli Kagou Koné Nouméa Dumbéa Païta Bourail Lifou "
    "Maré Tontouta Magenta Vallée Anse Baie Pacifique Océanie Calédonie Sud Nord"
).split()


def company_name(rng, index):
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {index}"


def measure(env, label, func):
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print(
        f"{label:<56} {elapsed:8.2f} s {env.cr.sql_log_count - queries:6d} queries"
        f" {peak_rss_mib():8.0f} MiB peak RSS",
        flush=True,
    )
    return result


def insert_data(env, args):
    """Clients (companies), watched customers and announcements (SQL)."""
    rng = random.Random(13)
    from odoo.addons.relance_nc_insolvency.tools.names import (  # noqa: PLC0415
        normalize,
    )

    companies = (
        env["res.company"].create(
            [{"name": f"Client {i}"} for i in range(args.clients)]
        )
    ).ids
    watched = []
    for i in range(args.watched):
        rid = f"{1000000 + i * 3:07d}"
        name = company_name(rng, i)
        watched.append((companies[i % len(companies)], name, rid + "001", rid, name))
    env.cr.execute_values(
        "INSERT INTO relance_insolvency_watch (company_id, name, ridet, rid, name_key,"
        " origin, watchable) VALUES %s",
        [(c, n, r, rid, normalize(n)) for c, n, r, rid, _k in watched],
        template="(%s, %s, %s, %s, %s, 'upload', true)",
        page_size=5000,
    )
    rows = []
    for i in range(args.announcements):
        if i % 100 == 0:  # a watched company, another establishment
            _c, name, _r, rid, _k = watched[rng.randrange(len(watched))]
            ridet, debtor = rid + "002", name
        elif i % 200 == 1:  # a watched name without identifier
            ridet, debtor = None, watched[rng.randrange(len(watched))][1]
        else:
            ridet, debtor = f"{5000000 + i:07d}", company_name(rng, 900000 + i)
        rows.append(
            (debtor, ridet, ridet and ridet[:7], normalize(debtor), f"bench:{i}")
        )
    env.cr.execute_values(
        "INSERT INTO relance_insolvency_procedure (debtor_name, ridet, rid, name_key,"
        " external_id, kind, judgment_date, matched) VALUES %s",
        rows,
        template="(%s, %s, %s, %s, %s, 'liquidation', '2026-02-01', false)",
        page_size=5000,
    )
    env.invalidate_all()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="relance_bench_insolvency")
    parser.add_argument("--announcements", type=int, default=100_000)
    parser.add_argument("--watched", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=200)
    args = parser.parse_args()

    run_on_database(args, "relance_nc_insolvency", run)


def run(args, cluster):
    registry = open_registry(args.db, cluster.port)
    print(
        f"relance.nc insolvency benchmark — {args.announcements} announcements, "
        f"{args.watched} watched customers of {args.clients} clients"
    )
    with registry.cursor() as cr:
        env = superuser_env(cr)
        insert_data(env, args)
        procedures = env["relance.insolvency.procedure"].search(
            [("matched", "=", False)]
        )
        found, _watches = measure(
            env,
            f"match {len(procedures)} announcements",
            lambda: env["relance.insolvency.case"]._find_matches(procedures),
        )
        methods = {}
        for item in found:
            methods[item.method] = methods.get(item.method, 0) + 1
        print(f"{'':<56} matches: {methods}", flush=True)
        cr.rollback()


if __name__ == "__main__":
    main()

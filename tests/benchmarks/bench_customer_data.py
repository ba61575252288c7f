#!/usr/bin/env python3
# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the customer database update (issue 2): registry import and check.

Prints wall time, SQL queries and peak memory for

1. importing a RIDET establishments extract of ``--rows`` rows (default 100 000,
   target ≤ 30 s on a 2-core machine), then re-importing it (the weekly case);
2. checking ``--customers`` customers (default 50 000, target ≤ 60 s) against it.

It uses the checkout's private PostgreSQL cluster (``setup/devenv.py``), creates
the database ``relance_bench`` with relance_nc installed when missing (or
updates relance_nc in it), and rolls back everything it wrote. Run:
``python3 tests/benchmarks/bench_customer_data.py``.
"""

import argparse
import io
import time

from benchlib import open_registry, peak_rss_mib, run_on_database, superuser_env

CITIES = ["Nouméa", "Dumbéa", "Le Mont-Dore", "Païta", "Koné", "Bourail", "Lifou"]


def luhn_complete(digits):
    """Append the Luhn check digit to ``digits``."""
    for check in "0123456789":
        total = 0
        for i, char in enumerate(reversed(digits + check)):
            value = int(char)
            if i % 2:
                value = value * 2 - 9 if value > 4 else value * 2
            total += value
        if total % 10 == 0:
            return digits + check
    raise AssertionError("unreachable")


def make_extract(rows):
    """A RIDET establishments CSV of ``rows`` rows, as bytes, and its RIDETs."""
    out = io.StringIO()
    out.write(
        "rid7;ndegetablissement;denomination;sigle;enseigne;libelle_formjur;code_ape;"
        "libelle_naf;libelle_section_naf;libelle_commune;province;date_etablis_actif\n"
    )
    ridets = []
    for i in range(rows):
        rid = luhn_complete(f"{100000 + i // 2:06d}")
        etab = f"{1 + i % 2:03d}"
        ridets.append(rid + etab)
        out.write(
            f"{rid};{etab};ENTREPRISE {i} SARL;E{i};Enseigne {i};SARL;4711D;"
            f"Commerce;Commerce;{CITIES[i % len(CITIES)]};Province Sud;2015-01-01\n"
        )
    return out.getvalue().encode(), ridets


def insert_customers(env, ridets, count):
    """Insert ``count`` customers with SQL (setting up data is not measured)."""
    nc = env.ref("base.nc").id
    rows = []
    for i in range(count):
        # a third differ from the registry in name or city, some phones are wrong
        name = f"Entreprise {i} SARL" if i % 3 else f"Ets {i}"
        city = CITIES[i % len(CITIES)] if i % 5 else "Noumea"
        phone = ["75 12 34", "27 12 34", "40 12 34", "+687751234"][i % 4]
        ridet = ridets[i] if i % 10 else None
        rows.append((name, name, ridet, city, phone, nc))
    env.cr.execute_values(
        "INSERT INTO res_partner (name, complete_name, ridet, city, phone, country_id,"
        " is_company, active, type, customer_rank, autopost_bills, create_date,"
        " write_date) VALUES %s RETURNING id",
        rows,
        template="(%s, %s, %s, %s, %s, %s, true, true, 'contact', 1, 'ask',"
        " now() at time zone 'UTC', now() at time zone 'UTC')",
        page_size=5000,
        fetch=True,
    )
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id"
        " WHERE commercial_partner_id IS NULL"
    )
    env.invalidate_all()


def measure(env, label, func):
    """Run ``func`` and print its wall time, query count and peak memory."""
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    elapsed = time.perf_counter() - start
    peak = peak_rss_mib()
    print(
        f"{label:<44} {elapsed:8.2f} s {env.cr.sql_log_count - queries:8d} queries"
        f" {peak:8.0f} MiB peak RSS",
        flush=True,
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="relance_bench")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=50_000)
    args = parser.parse_args()

    run_on_database(args, "relance_nc", run)


def run(args, cluster):
    registry = open_registry(args.db, cluster.port)
    content, ridets = make_extract(args.rows)
    print(
        f"relance.nc customer data benchmark — {args.rows} registry rows, "
        f"{args.customers} customers"
    )
    with registry.cursor() as cr:
        env = superuser_env(cr)
        imports = env["relance.registry.import"]
        record = measure(
            env,
            f"import {args.rows} registry rows",
            lambda: imports._import_file(content, "bench.csv"),
        )
        assert record.unit_count == args.rows, record.unit_count
        measure(
            env,
            f"re-import {args.rows} registry rows",
            lambda: imports._import_file(content, "bench.csv"),
        )
        insert_customers(env, ridets, args.customers)
        partners = env["res.partner"].search(
            env["relance.partner.check"]._get_customer_domain()
        )
        check = env["relance.partner.check"].create({})
        measure(env, f"check {len(partners)} customers", lambda: check._run(partners))
        print(
            f"{'':<44} {check.partner_count} checked, {check.update_count} proposals",
            flush=True,
        )
        cr.rollback()


if __name__ == "__main__":
    main()

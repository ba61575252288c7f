#!/usr/bin/env python3
# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of a print batch (issues 5 and 11): render and merge N letters.

Prints the wall time to render and merge a batch of ``--letters`` reminder
letters (default 100) with relance_nc_edition, next to the time Odoo takes to
render the same number of invoice PDFs (``account.account_invoices``, one
record per wkhtmltopdf run, as Debian's unpatched-Qt build requires) and merge
them, with the page counts of both outputs and the ratio (target ≤ 0.15: the
batch prints many letters per wkhtmltopdf run). Both sides are measured in the
same run, one after the other, on the same machine.

Both sides print styled: the report stylesheets are built in the benchmark's
transaction and served to wkhtmltopdf by a small local HTTP server (port
``--assets-port``), as the Odoo server would serve them.

By default it uses the checkout's private PostgreSQL cluster
(``setup/devenv.py``); ``--db-port`` (and ``--db-host``, ``--db-user``) point it
at another server, e.g. the dev cluster: ``--db-port 5433 --db bench_edition``.
The database is created with relance_nc_edition installed when missing;
everything the benchmark writes is rolled back. Run:
``python3 tests/benchmarks/bench_edition.py --letters 100``.
"""

import argparse
import base64
import io
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "setup"))

import devenv  # noqa: E402

TARGET_RATIO = 0.15


def ensure_database(db, host, port, user):
    """Create ``db`` with relance_nc_edition installed unless it exists."""
    import psycopg2  # noqa: PLC0415

    conn = psycopg2.connect(host=host, port=port, user=user, dbname="postgres")
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            exists = cr.fetchone()
    finally:
        conn.close()
    if exists:
        return
    devenv.say(f"Creating the benchmark database {db} (relance_nc_edition)...")
    cmd = devenv.odoo_cmd(
        db,
        "-i",
        "relance_nc_edition",
        "--stop-after-init",
        "--log-level=warn",
        port=port,
    )
    cmd = [c.replace(f"--db_host={devenv.PG_HOST}", f"--db_host={host}") for c in cmd]
    cmd = [c.replace(f"--db_user={devenv.PG_USER}", f"--db_user={user}") for c in cmd]
    subprocess.run(cmd, check=True, env=devenv.odoo_env())


def make_data(env, count):
    """``count`` posted one-line invoices and their reminder letters."""
    today = date.today()
    partners = env["res.partner"].create(
        [
            {
                "name": f"Client {i} SARL",
                "is_company": True,
                "street": f"{i} rue de Sébastopol",
                "zip": "98800",
                "city": "Nouméa",
            }
            for i in range(count)
        ]
    )
    product = env["product.product"].create({"name": "Prestation", "list_price": 1000})
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": today - timedelta(days=40),
                "invoice_date_due": today - timedelta(days=10),
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "price_unit": 12500 + i,
                            "tax_ids": [],
                        },
                    )
                ],
            }
            for i, partner in enumerate(partners)
        ]
    )
    moves.action_post()
    letters = env["relance.letter"].create(
        [
            {
                "partner_id": move.partner_id.id,
                "kind": "reminder",
                "origin": "engine",
                "state": "validated",
                "move_line_ids": [
                    (
                        6,
                        0,
                        move.line_ids.filtered(
                            lambda line: line.account_type == "asset_receivable"
                        ).ids,
                    )
                ],
                "amount_due": move.amount_residual,
            }
            for move in moves
        ]
    )
    return moves, letters


@contextmanager
def serve_report_assets(env, port):
    """Serve the report stylesheets (built in ``env``'s transaction) on
    127.0.0.1:``port`` and point ``report.url`` at it."""
    qweb = env["ir.qweb"]
    for bundle in ("web.report_assets_common", "web.report_assets_pdf"):
        for autoprefix in (False, True):
            qweb._get_asset_bundle(bundle, js=False, autoprefix=autoprefix).css()
    attachments = env["ir.attachment"].search([("url", "=like", "/web/assets/%")])
    files = {att.url: att.raw for att in attachments}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{port}")
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def pages(data):
    from odoo.tools.pdf import PdfFileReader  # noqa: PLC0415

    return PdfFileReader(io.BytesIO(data), strict=False).getNumPages()


def bench_letters(env, letters):
    batch = env["relance.letter.batch"].create(
        {"letter_ids": [(6, 0, letters.ids)], "duplex": False}
    )
    start = time.perf_counter()
    batch.action_generate()
    env.flush_all()
    elapsed = time.perf_counter() - start
    return elapsed, pages(base64.b64decode(batch.pdf_file))


def bench_invoices(env, moves):
    from odoo.tools.pdf import merge_pdf  # noqa: PLC0415

    report = env.ref("account.account_invoices")
    start = time.perf_counter()
    documents = []
    for move in moves:
        content, __ = env["ir.actions.report"]._render_qweb_pdf(report, move.ids)
        documents.append(content)
    merged = merge_pdf(documents)
    env.flush_all()
    elapsed = time.perf_counter() - start
    return elapsed, pages(merged)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="relance_bench_edition")
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--assets-port", type=int, default=18390)
    parser.add_argument("--db-host", default=devenv.PG_HOST)
    parser.add_argument("--db-port", type=int, help="default: the private cluster")
    parser.add_argument("--db-user", default=devenv.PG_USER)
    args = parser.parse_args()

    devenv.require_odoo()
    cluster, started = None, False
    if args.db_port is None:
        cluster = devenv.Cluster()
        started = cluster.start()
        args.db_port = cluster.port
    try:
        ensure_database(args.db, args.db_host, args.db_port, args.db_user)
        run(args)
    finally:
        if started:
            cluster.stop()


def run(args):
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [
            f"--addons-path={REPO}",
            f"--db_host={args.db_host}",
            f"--db_port={args.db_port}",
            f"--db_user={args.db_user}",
            "--log-level=error",
        ]
    )
    registry = Registry(args.db)
    print(f"relance.nc print batch benchmark — {args.letters} letters")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        moves, letters = make_data(env, args.letters)
        env.flush_all()
        with serve_report_assets(env, args.assets_port):
            # warm up both reports (template compilation)
            bench_letters(env, letters[:1])
            env["ir.actions.report"]._render_qweb_pdf(
                "account.account_invoices", moves[:1].ids
            )
            letters[:1].write({"batch_id": False, "document": False})
            letter_time, letter_pages = bench_letters(env, letters)
            invoice_time, invoice_pages = bench_invoices(env, moves)
        rows = [
            ("letters: render + merge", letter_time, letter_pages),
            ("invoices: render + merge", invoice_time, invoice_pages),
        ]
        for label, elapsed, count in rows:
            print(f"{label:<36} {elapsed:8.1f} s {count:6d} pages")
        ratio = letter_time / invoice_time
        verdict = "OK" if ratio <= TARGET_RATIO else "TOO SLOW"
        label = "ratio letters / invoices"
        print(f"{label:<36} {ratio:8.2f}   (target <= {TARGET_RATIO:.2f}: {verdict})")
        cr.rollback()


if __name__ == "__main__":
    main()

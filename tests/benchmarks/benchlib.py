# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the benchmark scripts and the integration checks share: their
database, Odoo's options and registry, overdue invoices, memory, checks.

Imported by the scripts of this folder and of ``tests/integration``
(``from benchlib import …``); no Odoo import at module level, so that
``--help`` works without Odoo.
"""

import argparse
import json
import resource
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "setup"))

import devenv  # noqa: E402


def prepare_database(cluster, db, module, *, data_dir=None, fresh=False):
    """Create ``db`` with ``module`` installed (no demo data), or update
    ``module`` in it, so that the benchmark measures the checkout's code.
    ``fresh`` drops the database first."""
    exists = cluster.db_exists(db)
    if exists and fresh:
        devenv.say(f"Dropping {db} (--fresh)...")
    if exists and (fresh or not cluster.addons_installed(db, [module])):
        cluster.drop_db(db)
        exists = False
    devenv.say(
        f"Updating {module} in {db}..."
        if exists
        else f"Creating the benchmark database {db} ({module}, no demo)..."
    )
    odoo_init(cluster, db, "-u" if exists else "-i", module, data_dir=data_dir)


def odoo_init(cluster, db, *options, data_dir=None, quiet=False):
    """Run Odoo once on ``db`` with ``options`` (``-i``/``-u`` and add-ons,
    ``--addons-path``), no HTTP, warnings only; ``quiet`` hides them too."""
    subprocess.run(
        devenv.odoo_cmd(
            db,
            *options,
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
            port=cluster.port,
            data_dir=data_dir,
        ),
        check=True,
        env=devenv.odoo_env(),
        stdout=subprocess.DEVNULL if quiet else None,
    )


def run_on_database(args, module, run):
    """Start the private cluster, create or update ``args.db`` with
    ``module``, then call ``run(args, cluster)``; stop the cluster afterwards
    when this call started it."""
    devenv.require_odoo()
    cluster = devenv.Cluster()
    started = cluster.start()
    try:
        prepare_database(cluster, args.db, module)
        run(args, cluster)
    finally:
        if started:
            cluster.stop()


def configure_odoo(
    port,
    *,
    data_dir=None,
    log_level="warn",
    addons=(),
    host=devenv.PG_HOST,
    user=devenv.PG_USER,
):
    """Odoo's options for this checkout's add-ons (and the ``addons``
    directories) and the cluster on ``port``."""
    from odoo.tools import config  # noqa: PLC0415

    options = [
        f"--addons-path={','.join(map(str, [REPO, *addons]))}",
        f"--db_host={host}",
        f"--db_port={port}",
        f"--db_user={user}",
        f"--log-level={log_level}",
    ]
    if data_dir is not None:
        options.append(f"--data-dir={data_dir}")
    config.parse_config(options)


def peak_rss_mib():
    """Peak resident memory of this process, in MiB (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_registry(db, port, **options):
    """The registry of ``db`` on the cluster at ``port`` (options: see
    :func:`configure_odoo`)."""
    configure_odoo(port, **options)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    return Registry(db)


def superuser_env(cr):
    """An environment of the superuser on ``cr``."""
    import odoo  # noqa: PLC0415

    return odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def create_overdue_invoices(env, partners, due, prices=(1000,)):
    """Post one untaxed invoice per partner and price, due on ``due``; return them."""
    from odoo import Command  # noqa: PLC0415

    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": due - timedelta(days=30),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "price_unit": price, "tax_ids": []}
                    )
                ],
            }
            for partner in partners
            for price in prices
        ]
    )
    moves.action_post()
    return moves


def serve_json(answer):
    """A local HTTP server (a daemon thread on 127.0.0.1) answering each
    POSTed JSON body with the JSON of ``answer(body)``: an SMS gateway."""
    from werkzeug.serving import WSGIRequestHandler, make_server  # noqa: PLC0415
    from werkzeug.wrappers import Request, Response  # noqa: PLC0415

    class QuietHandler(WSGIRequestHandler):
        def log(self, *args):
            pass

    @Request.application
    def application(request):
        body = answer(json.loads(request.get_data()))
        return Response(json.dumps(body), content_type="application/json")

    server = make_server(
        "127.0.0.1", 0, application, threaded=True, request_handler=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---------------------------------------------------------------------------
# Integration checks (tests/integration/check_*.py)
# ---------------------------------------------------------------------------


def parse_check_args(doc):
    """The options ``setup/test`` passes to an integration check."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--db-host", default=devenv.PG_HOST)
    parser.add_argument("--db-port", default="54329")
    parser.add_argument("--db-user", default=devenv.PG_USER)
    return parser.parse_args()


def open_check_registry(args):
    """The registry of an integration check's database (:func:`parse_check_args`)."""
    return open_registry(args.db, args.db_port, host=args.db_host, user=args.db_user)


class Checks:
    """The named checks of an integration script: each printed as it is made,
    then ``N passed, M failed`` and the exit code."""

    def __init__(self):
        self.results = []

    def __call__(self, name, ok, detail=""):
        self.results.append(bool(ok))
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")
        sys.stdout.flush()
        return ok

    def exit_code(self):
        passed = sum(self.results)
        print(f"{passed} passed, {len(self.results) - passed} failed")
        return 0 if all(self.results) else 1

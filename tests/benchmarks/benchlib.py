# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the benchmark scripts share: their database, Odoo's options, memory.

Imported by the scripts of this folder (``from benchlib import …``); no Odoo
import at module level, so that ``--help`` works without Odoo.
"""

import resource
import subprocess
import sys
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
    subprocess.run(
        devenv.odoo_cmd(
            db,
            "-u" if exists else "-i",
            module,
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
            port=cluster.port,
            data_dir=data_dir,
        ),
        check=True,
        env=devenv.odoo_env(),
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


def configure_odoo(port, *, data_dir=None, log_level="warn", addons=()):
    """Odoo's options for this checkout's add-ons (and the ``addons``
    directories) and the cluster on ``port``."""
    from odoo.tools import config  # noqa: PLC0415

    options = [
        f"--addons-path={','.join(map(str, [REPO, *addons]))}",
        f"--db_host={devenv.PG_HOST}",
        f"--db_port={port}",
        f"--db_user={devenv.PG_USER}",
        f"--log-level={log_level}",
    ]
    if data_dir is not None:
        options.append(f"--data-dir={data_dir}")
    config.parse_config(options)


def peak_rss_mib():
    """Peak resident memory of this process, in MiB (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

"""Shared helpers for the ``setup/run`` and ``setup/test`` commands.

Standard library only: this module must import on a machine where nothing but
Python is installed, so that it can explain what is missing and install it.

It knows where the checkout is, whether Odoo 19.0 is importable, how to
install the Python and Debian requirements, and how to drive a private
PostgreSQL cluster kept inside the checkout (``.local/pgdata``), which works
both as a normal user and as root (the cluster then belongs to ``postgres``).

Environment variables:

``RELANCE_PGPORT``
    TCP port of the private cluster (default 54329, listening on 127.0.0.1).
``RELANCE_PGBIN``
    Directory holding ``initdb``/``pg_ctl``/``postgres`` when they are not in
    ``/usr/lib/postgresql/<version>/bin`` nor on ``PATH``.
"""

import contextlib
import glob
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCAL_DIR = REPO_ROOT / ".local"

ADDONS = (
    "relance_nc",
    "relance_nc_payment",
    "relance_nc_insolvency",
    "relance_nc_edition",
)
ODOO_SERIES = (19, 0)
ODOO_SERIES_STR = "19.0"

# https://www.postgresql.org/docs/15/runtime-config-query.html#GUC-RANDOM-PAGE-COST
SSD_RANDOM_PAGE_COST = 1.1
# https://www.postgresql.org/docs/15/runtime-config-client.html#GUC-DEFAULT-TOAST-COMPRESSION
TOAST_COMPRESSION = "lz4"
PG_HOST = "127.0.0.1"
PG_DEFAULT_PORT = 54329
PG_USER = "odoo"
PG_OS_USER = "postgres"

# Python modules the add-ons import, and the distribution that provides each.
RUNTIME_MODULES = {
    "phonenumbers": "phonenumbers",
    "stdnum": "python-stdnum",
    "requests": "requests",
    # gevent's plugins, loaded by Odoo's websocket process in prefork mode
    "zope.event": "zope.event",
    "zope.interface": "zope.interface",
}
TEST_MODULES = {
    "pytest": "pytest",
    "hypothesis": "hypothesis",
    "pre_commit": "pre-commit",
    "freezegun": "freezegun",
    "websocket": "websocket-client",
    "click_odoo_contrib": "click-odoo-contrib",
    "manifestoo": "manifestoo",
    "checklog_odoo": "checklog-odoo",
}

ODOO_MISSING_HINT = (
    "Odoo {series} Community is not importable by {python} (see README.rst)"
)


class SetupError(Exception):
    """A problem the user has to fix; the message says how."""


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


_OUTPUT = threading.local()
_PRINT_LOCK = threading.Lock()


def say(message="", *, stream=None):
    """Print a line of the scripts' own output (not Odoo's), flushed at once.

    In a thread running inside :func:`buffered_output`, the line is kept
    for later instead, so that steps run side by side print whole blocks.
    """
    buffer = getattr(_OUTPUT, "lines", None)
    if buffer is not None:
        buffer.append(str(message))
        return
    stream = stream or sys.stdout
    with _PRINT_LOCK:
        print(message, file=stream, flush=True)


@contextlib.contextmanager
def buffered_output():
    """Keep what :func:`say` prints in this thread; print it as one block at the end."""
    _OUTPUT.lines = lines = []
    try:
        yield
    finally:
        _OUTPUT.lines = None
        with _PRINT_LOCK:
            print("\n".join(lines), flush=True)


def step(title):
    """Print a step header."""
    say(f"==> {title}")


def warn(message):
    """Print a warning to stderr."""
    say(f"WARNING: {message}", stream=sys.stderr)


def format_cmd(cmd):
    """Render a command line for display, shortening the repository path."""
    text = shlex.join(str(part) for part in cmd)
    return text.replace(str(REPO_ROOT) + "/", "")


def is_root():
    """Tell whether we run as root (then PostgreSQL runs as ``postgres``)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def local_dir(*parts):
    """Return (and create) a directory under ``.local`` of the checkout."""
    path = LOCAL_DIR.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------------------
# Odoo detection
# ---------------------------------------------------------------------------


def odoo_status():
    """Return ``(ok, message)`` about the Odoo importable by this Python.

    ``ok`` is true only for Odoo 19.0; the message names the version found or
    explains how to provide Odoo.
    """
    hint = ODOO_MISSING_HINT.format(series=ODOO_SERIES_STR, python=sys.executable)
    try:
        if importlib.util.find_spec("odoo") is None:
            return False, hint
        release = importlib.import_module("odoo.release")
    except Exception as err:  # any import failure means: no usable Odoo
        return False, f"{hint} (import failed: {err})"
    version_info = tuple(getattr(release, "version_info", ())[:2])
    version = getattr(release, "version", "?")
    if version_info != ODOO_SERIES:
        return False, (
            f"{sys.executable} imports Odoo {version} from "
            f"{odoo_location()}, but relance.nc needs Odoo {ODOO_SERIES_STR} "
            "Community (see README.rst)"
        )
    return True, f"Odoo {version} ({odoo_location()})"


def odoo_location():
    """Return the directory the ``odoo`` package is imported from."""
    spec = importlib.util.find_spec("odoo")
    if spec is None:
        return "?"
    locations = list(spec.submodule_search_locations or [])
    return locations[0] if locations else (spec.origin or "?")


def require_odoo():
    """Raise :class:`SetupError` unless Odoo 19.0 is importable."""
    ok, message = odoo_status()
    if not ok:
        raise SetupError(message)
    return message


# ---------------------------------------------------------------------------
# Installing requirements
# ---------------------------------------------------------------------------


def _requirement_pins(path):
    """Map distribution name -> pinned version (or None) from a requirements file."""
    pins = {}
    if not path.exists():
        return pins
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(==\s*([^;\s]+))?", line)
        if match:
            pins[match.group(1).lower()] = match.group(3)
    return pins


def missing_python_modules(modules, requirements_file=None):
    """Return the distributions to install: absent, or not at their pinned version."""
    pins = {}
    if requirements_file is not None:
        pins = _requirement_pins(requirements_file)
    missing = []
    for module, dist in modules.items():
        if importlib.util.find_spec(module) is None:
            missing.append(dist)
            continue
        pinned = pins.get(dist.lower())
        if pinned:
            try:
                installed = importlib.metadata.version(dist)
            except importlib.metadata.PackageNotFoundError:
                installed = None
            if installed != pinned:
                missing.append(dist)
    return missing


def pip_install_requirements(requirements_file, reason):
    """``pip install -r`` a requirements file with this interpreter.

    Returns True on success; a failure is reported, not raised, because the
    caller's next step will say what precisely is missing.
    """
    cmd = [sys.executable, "-m", "pip", "install", "-r", str(requirements_file)]
    step(f"Installing Python packages ({reason}): {format_cmd(cmd)}")
    result = subprocess.run(cmd, check=False, cwd=REPO_ROOT)
    if result.returncode != 0:
        warn(f"pip install failed (exit {result.returncode})")
        return False
    importlib.invalidate_caches()
    return True


def ensure_python_requirements(install=True, *, test=False):
    """Install the add-ons' Python requirements (and the test tools) if missing."""
    wanted = dict(RUNTIME_MODULES)
    req = REPO_ROOT / "requirements.txt"
    if test:
        wanted.update(TEST_MODULES)
        req = REPO_ROOT / "requirements-test.txt"
    missing = missing_python_modules(wanted, req)
    if not missing:
        return True
    if not install:
        warn(
            "missing or unpinned Python packages: "
            + ", ".join(missing)
            + f"; run `{sys.executable} -m pip install -r {req.name}`"
        )
        return False
    return pip_install_requirements(req, "missing: " + ", ".join(missing))


def pg_bindir():
    """Return the directory holding PostgreSQL's server binaries, or None."""
    candidates = []
    if os.environ.get("RELANCE_PGBIN"):
        candidates.append(os.environ["RELANCE_PGBIN"])
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    versions.sort(key=lambda p: [int(x) for x in re.findall(r"\d+", p)], reverse=True)
    candidates.extend(versions)
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            candidates.append(
                subprocess.run(
                    [pg_config, "--bindir"], capture_output=True, text=True, check=True
                ).stdout.strip()
            )
    which_initdb = shutil.which("initdb")
    if which_initdb:
        candidates.append(str(Path(which_initdb).parent))
    for candidate in candidates:
        if all(os.access(os.path.join(candidate, b), os.X_OK) for b in _PG_BINARIES):
            return candidate
    return None


_PG_BINARIES = ("initdb", "pg_ctl", "postgres", "psql", "pg_isready", "dropdb")


def font_installed(family):
    """Tell whether fontconfig knows the font ``family``."""
    if shutil.which("fc-list") is None:
        return False
    result = subprocess.run(
        ["fc-list", family, "family"], capture_output=True, text=True, check=False
    )
    return bool(result.stdout.strip())


def missing_system_packages(*, chromium=False):
    """Return the Debian packages providing the binaries that are absent."""
    packages = []
    if pg_bindir() is None:
        packages.append("postgresql")
    if shutil.which("wkhtmltopdf") is None:
        packages.append("wkhtmltopdf")
    # Debian's wkhtmltopdf draws web fonts as outlines: the reports print with
    # system fonts, embedded with their text (relance_nc's report assets).
    if not font_installed("Lato"):
        packages.append("fonts-lato")  # Odoo's default report font
    if not font_installed("Liberation Sans"):
        packages.append("fonts-liberation2")  # the letters (Arial metrics)
    if shutil.which("soffice") is None:
        # relance_nc_edition converts uploaded Word letters to PDF with it
        packages.append("libreoffice-writer-nogui")
    if chromium and not any(
        shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
    ):
        packages.append("chromium")
    if chromium and shutil.which("pdftotext") is None:
        packages.append("poppler-utils")  # the tests read the PDFs' text
    if chromium and shutil.which("pandoc") is None:
        packages.append("pandoc")  # setup/gen_readme.py --check
    if chromium and shutil.which("npm") is None:
        packages.append("npm")  # pre-commit's prettier hook (pulls nodejs)
    return packages


def ensure_system_packages(install=True, *, chromium=False):
    """Install Debian packages when absent (as root), else print the command.

    PostgreSQL is required; a missing wkhtmltopdf or chromium is only warned
    about here (PDF reports, browser tests) and shows up later where it matters.
    """
    packages = missing_system_packages(chromium=chromium)
    if not packages:
        return
    if install and install_debian_packages(packages, "missing"):
        packages = missing_system_packages(chromium=chromium)
        if not packages:
            return
    message = f"missing: {', '.join(packages)}; run `{apt_command(packages)}`"
    if "postgresql" in packages:
        raise SetupError("PostgreSQL binaries not found (initdb, pg_ctl); " + message)
    warn(message)


def apt_command(packages):
    """The ``apt-get install`` command line a user runs for ``packages``."""
    prefix = "" if is_root() else "sudo "
    return f"{prefix}apt-get install -y " + " ".join(packages)


def install_debian_packages(packages, reason):
    """``apt-get install`` ``packages`` when root; return whether it was tried.

    As a normal user, only print the command to run.
    """
    if not (is_root() and shutil.which("apt-get")):
        warn(f"Debian packages {reason}: run `{apt_command(packages)}`")
        return False
    step(f"Installing Debian packages ({reason}): {apt_command(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", *packages], check=False, env=env)
    return True


# ---------------------------------------------------------------------------
# Private PostgreSQL cluster
# ---------------------------------------------------------------------------


def pg_port():
    """Port of the private cluster: ``$RELANCE_PGPORT`` or 54329."""
    value = os.environ.get("RELANCE_PGPORT", "").strip()
    if not value:
        return PG_DEFAULT_PORT
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SetupError(f"RELANCE_PGPORT={value!r} is not a TCP port number")
    return int(value)


def _os_user_can_reach(user, path):
    """Tell whether OS ``user`` can traverse to ``path`` (all parents +x)."""
    result = subprocess.run(
        ["runuser", "-u", user, "--", "test", "-x", str(path)],
        check=False,
        capture_output=True,
    )
    return result.returncode == 0


class Cluster:
    """The private PostgreSQL cluster of this checkout.

    Lives in ``.local/pgdata`` (socket in ``.local/pgrun``, log in
    ``.local/pg.log``), listens on 127.0.0.1 only, bootstrap superuser
    ``odoo`` with trust authentication. As root, the server runs as the
    ``postgres`` OS user; if that user cannot reach the checkout (e.g. a clone
    under ``/root``), the cluster lives in ``/var/tmp/relance-nc-<hash>``
    instead and a note says so.
    """

    def __init__(self, port=None):
        self.port = port or pg_port()
        self.bindir = pg_bindir()
        if self.bindir is None:
            raise SetupError(
                "PostgreSQL binaries not found (initdb, pg_ctl); install them with "
                "`apt-get install -y postgresql` or set RELANCE_PGBIN"
            )
        self.as_root = is_root()
        base = LOCAL_DIR
        if self.as_root:
            local_dir()
            if not _os_user_can_reach(PG_OS_USER, LOCAL_DIR):
                digest = hashlib.sha1(str(REPO_ROOT).encode()).hexdigest()[:10]
                base = Path(f"/var/tmp/relance-nc-{digest}")
                say(
                    f"Note: user {PG_OS_USER} cannot reach {LOCAL_DIR}; "
                    f"the PostgreSQL cluster lives in {base}"
                )
        self.base = base
        self.datadir = base / "pgdata"
        self.sockdir = base / "pgrun"
        self.logfile = base / "pg.log"
        self.started_here = False

    # -- running commands ---------------------------------------------------

    def _bin(self, name):
        return os.path.join(self.bindir, name)

    def _server_cmd(self, cmd):
        """Prefix a server-side command to run as ``postgres`` when root."""
        if self.as_root:
            return ["runuser", "-u", PG_OS_USER, "--", *cmd]
        return cmd

    def client_env(self):
        """Environment for psql/createdb/dropdb against this cluster."""
        env = dict(os.environ)
        env.update(
            PGHOST=PG_HOST,
            PGPORT=str(self.port),
            PGUSER=PG_USER,
            PGDATABASE="postgres",
        )
        env.pop("PGPASSWORD", None)
        return env

    def psql(self, sql, *, dbname="postgres", check=True):
        """Run one SQL statement with psql; return its unaligned output."""
        result = subprocess.run(
            [self._bin("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
            + ["-d", dbname, "-c", sql],
            env=self.client_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise SetupError(f"psql failed: {result.stderr.strip()}")
        return result.stdout.strip()

    # -- life cycle ---------------------------------------------------------

    def is_initialised(self):
        """Tell whether the data directory holds a cluster."""
        return (self.datadir / "PG_VERSION").exists()

    def init(self):
        """Create the cluster (``initdb -U odoo --auth=trust``) if absent."""
        if self.is_initialised():
            return False
        step(f"Creating the PostgreSQL cluster in {self.datadir}")
        for path in (self.base, self.sockdir):
            path.mkdir(parents=True, exist_ok=True)
        if self.datadir.exists() and any(self.datadir.iterdir()):
            raise SetupError(
                f"{self.datadir} exists but holds no cluster; remove it and retry"
            )
        self.datadir.mkdir(parents=True, exist_ok=True)
        self.datadir.chmod(0o700)
        self.logfile.touch()
        if self.as_root:
            for path in (self.datadir, self.sockdir, self.logfile):
                shutil.chown(path, PG_OS_USER, PG_OS_USER)
        cmd = self._server_cmd(
            [
                self._bin("initdb"),
                "-D",
                str(self.datadir),
                "-U",
                PG_USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            # Older PostgreSQL or a system without the C.UTF-8 locale.
            cmd = [c for c in cmd if c != "--locale=C.UTF-8"] + ["--no-locale"]
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SetupError(
                f"initdb failed: {format_cmd(cmd)}\n{result.stdout}{result.stderr}"
            )
        self._write_config()
        return True

    def _write_config(self):
        """Append the cluster's settings to its postgresql.conf."""
        conf = self.datadir / "postgresql.conf"
        settings = (
            "\n# --- relance.nc private cluster (setup/devenv.py) ---\n"
            f"listen_addresses = '{PG_HOST}'\n"
            f"port = {self.port}\n"
            f"unix_socket_directories = '{self.sockdir}'\n"
            "max_connections = 100\n"
            # A development cluster: losing the last transactions on an OS
            # crash is acceptable, corrupting data is not (fsync stays on).
            "synchronous_commit = off\n"
            "logging_collector = off\n"
        )
        with conf.open("a", encoding="utf-8") as handle:
            handle.write(settings)

    def status(self):
        """Return True when ``pg_ctl status`` reports the server running."""
        if not self.is_initialised():
            return False
        result = subprocess.run(
            self._server_cmd([self._bin("pg_ctl"), "status", "-D", str(self.datadir)]),
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def accepts_connections(self):
        """Tell whether the server answers on our host and port."""
        result = subprocess.run(
            [self._bin("pg_isready"), "-q", "-h", PG_HOST, "-p", str(self.port)],
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def wait_ready(self, timeout=60):
        """Wait until the server accepts connections, or raise."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.accepts_connections():
                return
            time.sleep(0.3)
        raise SetupError(
            f"PostgreSQL does not accept connections on {PG_HOST}:{self.port} "
            f"after {timeout}s; see {self.logfile}"
        )

    def start(self):
        """Init the cluster if needed and start it if not running.

        Returns True when this call started the server (so the caller knows
        whether to stop it).
        """
        self.init()
        if self.status():
            if not self.accepts_connections():
                self.wait_ready(timeout=30)
            say(f"PostgreSQL already running on {PG_HOST}:{self.port}")
            return False
        if port_in_use(PG_HOST, self.port):
            raise SetupError(
                f"port {self.port} is used by another program; set RELANCE_PGPORT "
                "to a free port"
            )
        step(f"Starting PostgreSQL on {PG_HOST}:{self.port} (log: {self.logfile})")
        self.sockdir.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(self.sockdir, PG_OS_USER, PG_OS_USER)
        # The machine's disks are solid-state: PostgreSQL's documentation
        # suggests random_page_cost = 1.1 for them (the default 4 models
        # spinning disks, and makes the planner scan a whole table rather than
        # look up a thousand rows by index). Bodies of emails are compressed
        # with lz4 rather than pglz: several times faster for a similar size,
        # and a tenth of the database time of a reminder email
        # (tests/benchmarks/bench_reminders.py).
        options = (
            f"-c port={self.port} -c listen_addresses={PG_HOST} "
            f"-c unix_socket_directories={self.sockdir} "
            f"-c random_page_cost={SSD_RANDOM_PAGE_COST} "
            f"-c default_toast_compression={TOAST_COMPRESSION}"
        )
        cmd = self._server_cmd(
            [self._bin("pg_ctl"), "start", "-D", str(self.datadir), "-w", "-t", "120"]
            + ["-l", str(self.logfile), "-o", options]
        )
        result = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
            # The postmaster must not receive the terminal's Ctrl-C: we stop
            # it ourselves, after Odoo.
            start_new_session=True,
        )
        if result.returncode != 0:
            raise SetupError(
                "PostgreSQL failed to start:\n"
                f"{result.stdout}{result.stderr}{self.log_tail()}"
            )
        self.wait_ready()
        self.started_here = True
        return True

    def stop(self):
        """Stop the server (``pg_ctl stop -m fast``) if it runs."""
        if not self.status():
            return
        step("Stopping PostgreSQL")
        result = subprocess.run(
            self._server_cmd(
                [self._bin("pg_ctl"), "stop", "-D", str(self.datadir), "-m", "fast"]
                + ["-w", "-t", "60"]
            ),
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            warn(f"pg_ctl stop failed: {result.stdout}{result.stderr}")

    def other_clients(self):
        """Count client sessions other than ours (used before stopping)."""
        try:
            out = self.psql(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
            )
            return int(out or 0)
        except (SetupError, ValueError):
            return 0

    def log_tail(self, lines=20):
        """Return the end of the server log, for error messages."""
        try:
            text = self.logfile.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # -- databases ----------------------------------------------------------

    def list_databases(self):
        """Return the names of the databases of the cluster."""
        out = self.psql("SELECT datname FROM pg_database WHERE NOT datistemplate")
        return [line for line in out.splitlines() if line]

    def db_exists(self, name):
        """Tell whether database ``name`` exists."""
        return name in self.list_databases()

    def db_is_odoo(self, name):
        """Tell whether database ``name`` holds an initialised Odoo database."""
        out = self.psql(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = 'ir_module_module'",
            dbname=name,
            check=False,
        )
        return out.strip() == "1"

    def addons_installed(self, name, addons):
        """Tell whether all ``addons`` are installed in Odoo database ``name``."""
        if not self.db_is_odoo(name):
            return False
        quoted = ",".join("'" + addon.replace("'", "''") + "'" for addon in addons)
        out = self.psql(
            "SELECT count(*) FROM ir_module_module "
            f"WHERE state = 'installed' AND name IN ({quoted})",
            dbname=name,
            check=False,
        )
        return out.strip() == str(len(set(addons)))

    def create_db(self, name, template=None):
        """Create a UTF-8 database: empty (Odoo initialises it on first use),
        or a copy of database ``template``."""
        subprocess.run(
            [self._bin("createdb"), "-E", "UTF8", "-T", template or "template0", name],
            env=self.client_env(),
            check=True,
        )

    def drop_db(self, name):
        """Drop database ``name`` if it exists, closing its connections."""
        result = subprocess.run(
            [self._bin("dropdb"), "--if-exists", "--force", name],
            env=self.client_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SetupError(f"dropdb {name} failed: {result.stderr.strip()}")


# ---------------------------------------------------------------------------
# Odoo command line
# ---------------------------------------------------------------------------


def odoo_config_file():
    """An empty Odoo config file in ``.local`` so that ``~/.odoorc`` is ignored."""
    path = local_dir() / "odoo.conf"
    if not path.exists():
        path.write_text(
            "; Written by setup/devenv.py so that ~/.odoorc is not read.\n"
            "; Options here apply to setup/run and setup/test.\n"
            "[options]\n",
            encoding="utf-8",
        )
    return path


def odoo_launcher(python=None):
    """The start of a command line running Odoo's server script with ``python``.

    Odoo's prefork server starts its websocket (gevent) process by running
    ``[sys.executable, sys.argv[0], "gevent", ...]``: ``sys.argv[0]`` must be
    a script, not ``odoo/__main__.py`` (``python -m odoo`` makes that process
    fail with "attempted relative import"). The script is the ``odoo``
    console script installed next to the interpreter, else the ``odoo-bin``
    of the source tree the ``odoo`` package is imported from.
    """
    python = python or sys.executable
    for script in (
        Path(python).parent / "odoo",
        Path(odoo_location()).parent / "odoo-bin",
    ):
        if script.is_file():
            return [python, str(script)]
    raise SetupError(
        f"neither an `odoo` console script next to {python} nor an odoo-bin "
        f"next to {odoo_location()}: reinstall Odoo with `pip install -e`"
    )


def odoo_cmd(db, *args, port=None, data_dir=None):
    """Build an Odoo command line against the private cluster.

    ``python3 <odoo script> --addons-path=<repo> --db_host=127.0.0.1
    --db_port=<port> --db_user=odoo -d <db> <args>``; Odoo adds its own
    add-ons by itself.
    """
    cmd = [
        *odoo_launcher(),
        f"--config={odoo_config_file()}",
        f"--addons-path={REPO_ROOT}",
        f"--db_host={PG_HOST}",
        f"--db_port={port or pg_port()}",
        f"--db_user={PG_USER}",
        "-d",
        db,
    ]
    if data_dir is not None:
        cmd.append(f"--data-dir={data_dir}")
    cmd.extend(args)
    return cmd


# Odoo's deployment guide ("Configuration sample", "Worker number calculation"):
# a worker above the soft memory limit is recycled once its request is done,
# the hard limit is the address-space rlimit; CPU and real time per request
# are generous because letter batches render many PDFs in one request; a
# worker is also recycled after ``limit_request`` requests (gracefully: the
# listening socket is shared, queued connections wait for the next worker).
PREFORK_LIMITS = {
    "limit_memory_soft": 2048 * 1024 * 1024,
    "limit_memory_hard": 2560 * 1024 * 1024,
    "limit_time_cpu": 600,
    "limit_time_real": 1200,
    "limit_request": 8192,
}
# Odoo's prefork server listens with a backlog of 8 per HTTP worker: with 2
# workers, the 17th client connecting at once has its handshake dropped and
# retried by the kernel, or reset. A socket bound by us is handed to Odoo as
# systemd does (socket activation, LISTEN_FDS) with a real backlog instead.
LISTEN_BACKLOG = 1024


def default_workers():
    """HTTP workers for this machine: 2 per CPU core plus one (Odoo's guide)."""
    return 2 * (os.cpu_count() or 1) + 1


def prefork_options(workers, cron_threads=1, gevent_port=None, proxy_mode=False):
    """Odoo options for the multi-process server: workers, crons, limits."""
    options = [f"--workers={workers}", f"--max-cron-threads={cron_threads}"]
    if workers:
        options += [
            f"--{name.replace('_', '-')}={value}"
            for name, value in PREFORK_LIMITS.items()
        ]
    if gevent_port:
        options.append(f"--gevent-port={gevent_port}")
    if proxy_mode:
        options.append("--proxy-mode")
    return options


def prefork_env():
    """Environment of a production Odoo server (see :func:`prefork_options`).

    A cron job that stops with work left (the ``ir.cron`` progress API: our
    reminder runs stop after Odoo's 10 s budget) is due again at once, but
    without ``ODOO_NOTIFY_CRON_CHANGES`` no cron worker hears of it before
    its next poll, a minute later: sending would proceed 10 s per minute.
    """
    return dict(odoo_env(), ODOO_NOTIFY_CRON_CHANGES="1")


def listening_socket(interface, port, backlog=LISTEN_BACKLOG):
    """A bound, listening, non-blocking TCP socket for Odoo's HTTP workers."""
    family = socket.AF_INET6 if ":" in interface else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((interface, port))
    sock.listen(backlog)
    # Odoo's workers all select() on it and accept() the ready connection;
    # the losers must get EAGAIN, not block.
    sock.setblocking(False)
    return sock


class FrontRouter:
    """What a reverse proxy does for ``setup/run`` without one: a connection
    whose request line asks for ``/websocket`` goes to Odoo's websocket
    process, every other one to its HTTP workers (Odoo's prefork workers
    refuse websockets with an error). Bytes are relayed unchanged.
    """

    def __init__(self, sock, http_port, websocket_port, host=PG_HOST):
        self.sock = sock
        self.http = (host, http_port)
        self.websocket = (host, websocket_port)
        self.sock.setblocking(True)

    def start(self):
        """Serve in a daemon thread until the socket is closed."""
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def _accept_loop(self):
        while True:
            try:
                client, __ = self.sock.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        with contextlib.ExitStack() as stack:
            stack.enter_context(client)
            head = b""
            while b"\n" not in head and len(head) < 8192:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            path = head.split(b" ", 2)[1] if head.count(b" ") >= 2 else b"/"
            target = self.websocket if path.startswith(b"/websocket") else self.http
            try:
                backend = stack.enter_context(socket.create_connection(target))
            except OSError:
                return
            backend.sendall(head)
            relay = threading.Thread(target=_pipe, args=(backend, client), daemon=True)
            relay.start()
            _pipe(client, backend)
            relay.join()


def _pipe(source, sink):
    """Copy ``source`` to ``sink`` until EOF, then half-close ``sink``."""
    with contextlib.suppress(OSError):
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


def socket_activation(cmd, sock):
    """``(cmd, popen kwargs)`` handing ``sock`` to Odoo as systemd would.

    The socket becomes file descriptor 3 of the child, with ``LISTEN_FDS=1``
    and ``LISTEN_PID`` set to the child's own pid (``exec`` keeps it), which
    is what ``odoo.tools.config.http_socket_activation`` checks.
    """
    wrapper = ["/bin/sh", "-c", 'export LISTEN_FDS=1 LISTEN_PID=$$; exec "$@"', "odoo"]
    fileno = sock.fileno()

    def hand_over():
        # dup2 makes fd 3 inheritable (unless it is the socket already); every
        # other fd of ours is close-on-exec.
        if fileno == 3:
            os.set_inheritable(3, True)
        else:
            os.dup2(fileno, 3)

    return [*wrapper, *cmd], {"preexec_fn": hand_over, "close_fds": False}


def odoo_env():
    """Environment for an Odoo subprocess (no stray libpq settings)."""
    env = dict(os.environ)
    for key in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "ODOO_RC"):
        env.pop(key, None)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


# ---------------------------------------------------------------------------
# Miscellaneous
# ---------------------------------------------------------------------------


def port_in_use(host, port):
    """Tell whether something listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def free_port(preferred, host=PG_HOST):
    """Return ``preferred`` if nothing listens there, else a free port."""
    for port in range(preferred, preferred + 100):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((host, port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def terminate(proc, timeout=60, sig=signal.SIGTERM):
    """Ask a child to stop with ``sig``, kill it after ``timeout`` seconds.

    The child must have been started with ``start_new_session=True``: what it
    left behind in its process group (wkhtmltopdf, chromium) is killed too.
    """
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            warn(f"process {proc.pid} did not stop within {timeout}s; killing it")
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait()
    kill_group(proc)
    return proc.returncode


def kill_group(proc):
    """Kill what remains of the process group led by ``proc`` (a new session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)

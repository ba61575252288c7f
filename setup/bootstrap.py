"""Obtain Odoo 19.0 when ``python3`` cannot import it.

``setup/run`` and ``setup/test`` call :func:`ensure_odoo` first. When the
running interpreter imports Odoo 19.0, nothing happens. Otherwise:

1. the Odoo source is taken from ``$RELANCE_ODOO_SRC`` -- a local source tree
   (used in place), a source archive (``.tar``, ``.tar.gz``, ``.tgz``,
   ``.tar.xz``, ``.zip``; extracted into ``.local/odoo``) or a git URL (shallow
   clone of branch 19.0 into ``.local/odoo``) -- by default the official
   repository's 19.0 branch;
2. the Debian packages needed to build Odoo's requirements are installed when
   missing (as root, like PostgreSQL; otherwise the ``apt-get`` command is
   printed);
3. a virtual environment ``.local/venv`` gets Odoo's ``requirements.txt``
   (what cannot be installed is skipped with its reason, see
   :data:`SKIPPED`), Odoo itself (editable; a local tree used in place is
   linked by a ``.pth`` file instead, so nothing is written into it) and our
   ``requirements.txt``;
4. the command re-executes itself with ``.local/venv/bin/python``.

A later run finds ``.local/venv`` ready and only re-executes. Standard library
only, like :mod:`devenv`.

Run directly, ``python3 setup/bootstrap.py --local DIR --src SRC`` builds
that environment in ``DIR`` (used by the check of ``setup/test --ci``).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devenv  # noqa: E402

SRC_ENV = "RELANCE_ODOO_SRC"
REEXEC_ENV = "RELANCE_BOOTSTRAPPED"
DEFAULT_SRC = "https://github.com/odoo/odoo.git"
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".zip")
# Requirements of Odoo we do not install, and why.
SKIPPED = {
    "python-ldap": "needs the OpenLDAP headers to build and is imported only by "
    "Odoo's auth_ldap add-on, which relance.nc does not use",
}
# Debian packages to build what has no wheel (psycopg2) and to make a venv.
BUILD_PACKAGES = {
    "git": "git",
    "gcc": "gcc",
    "pg_config": "libpq-dev",
}
REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._\-]*)")
USED_BY = re.compile(r"#.*\bused by (\w+)")


def venv_python(local):
    """The interpreter of the virtual environment under ``local``."""
    return Path(local) / "venv" / "bin" / "python"


def odoo_version_of(python):
    """Return the Odoo version ``python`` imports (e.g. ``"19.0"``), or None."""
    if not Path(python).exists():
        return None
    result = subprocess.run(
        [str(python), "-c", "import odoo.release as r; print(r.version)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else None


def ensure_odoo(script, argv, *, install=True):
    """Return when this interpreter imports Odoo 19.0, else obtain it and re-exec.

    Raises :class:`devenv.SetupError` when Odoo cannot be had.
    """
    ok, message = devenv.odoo_status()
    if ok:
        return message
    if os.environ.get(REEXEC_ENV):
        raise devenv.SetupError(f"the bootstrapped interpreter fails: {message}")
    python = venv_python(devenv.LOCAL_DIR)
    version = odoo_version_of(python)
    if version is None or not version.startswith(devenv.ODOO_SERIES_STR):
        if not install:
            raise devenv.SetupError(
                f"{message}; without --no-install this command obtains it itself"
            )
        devenv.say(f"{message}.")
        build_environment(devenv.LOCAL_DIR, os.environ.get(SRC_ENV) or DEFAULT_SRC)
    devenv.step(f"Continuing with {devenv.format_cmd([python])}")
    env = dict(os.environ, **{REEXEC_ENV: "1"})
    os.execve(str(python), [str(python), str(script), *argv], env)
    return None  # not reached


def build_environment(local, src):
    """Obtain the Odoo source ``src`` and build ``local/venv`` with it."""
    local = Path(local)
    local.mkdir(parents=True, exist_ok=True)
    devenv.step(f"Obtaining Odoo {devenv.ODOO_SERIES_STR} (source: {src})")
    ensure_build_packages()
    tree = obtain_source(src, local)
    python = create_venv(local)
    install_odoo_requirements(python, tree, local)
    if tree.is_relative_to(local):
        pip(python, "Odoo itself (editable)", "--no-deps", "-e", str(tree))
    else:
        link_tree(python, tree)
    version = odoo_version_of(python)
    if version is None:
        raise devenv.SetupError(f"the new environment {python} cannot import Odoo")
    devenv.say(f"Odoo {version} installed in {local / 'venv'}")
    return python


# ---------------------------------------------------------------------------
# The source
# ---------------------------------------------------------------------------


def is_odoo_tree(path):
    """Tell whether ``path`` is an Odoo source tree of the 19.0 series."""
    release = Path(path) / "odoo" / "release.py"
    if not release.is_file():
        return False
    text = release.read_text(encoding="utf-8", errors="replace")
    series = ", ".join(str(part) for part in devenv.ODOO_SERIES)
    return f"version_info = ({series}," in text


def obtain_source(src, local):
    """Return the Odoo source tree for ``src``; raise one clear sentence if none."""
    target = Path(local) / "odoo"
    path = Path(src).expanduser()
    if path.is_dir():
        tree = path.resolve()
    elif is_odoo_tree(target):
        devenv.say(f"Reusing the Odoo source already in {target}")
        return target
    elif path.is_file() and src.endswith(ARCHIVE_SUFFIXES):
        tree = extract_archive(path, target)
    elif path.exists():
        tree = None
    elif re.match(r"^[a-z+]+://|^[\w.-]+@[\w.-]+:", src) or src.endswith(".git"):
        tree = git_clone(src, target)
    else:
        raise no_source(src, "no such file or directory")
    if tree is None or not is_odoo_tree(tree):
        raise no_source(
            src, "it is not an Odoo 19.0 source (no odoo/release.py of 19.0)"
        )
    devenv.say(f"Odoo source: {tree}")
    return tree


def no_source(src, reason):
    """The one sentence said when Odoo cannot be obtained."""
    return devenv.SetupError(
        f"Odoo {devenv.ODOO_SERIES_STR} could not be obtained from {src} ({reason}); "
        f"set {SRC_ENV} to a local Odoo 19.0 source tree, a source archive or a git "
        "URL this machine can reach, or install Odoo 19.0 for python3 (README.rst)"
    )


def extract_archive(archive, target):
    """Extract ``archive`` into ``target``; return the tree inside it."""
    devenv.say(f"Extracting {archive} into {target}")
    shutil.rmtree(target, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix="odoo-", dir=target.parent))
    try:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as handle:
                handle.extractall(staging)
        else:
            with tarfile.open(archive) as handle:
                handle.extractall(staging, filter="data")
        roots = [staging, *staging.iterdir()]
        tree = next((path for path in roots if is_odoo_tree(path)), None)
        if tree is None:
            raise no_source(archive, "no Odoo 19.0 tree at its top level")
        tree.rename(target)
    except (OSError, tarfile.TarError, zipfile.BadZipFile) as err:
        raise no_source(archive, f"cannot extract it: {err}") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def git_clone(url, target):
    """Shallow-clone branch 19.0 of ``url`` into ``target``."""
    if shutil.which("git") is None:
        raise no_source(url, "git is not installed")
    shutil.rmtree(target, ignore_errors=True)
    cmd = ["git", "clone", "--depth", "1", "--branch", devenv.ODOO_SERIES_STR]
    cmd += ["--single-branch", "--progress", url, str(target)]
    devenv.say(f"$ {devenv.format_cmd(cmd)}  (several hundred MB)")
    result = subprocess.run(cmd, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        raise no_source(url, f"git clone failed with exit code {result.returncode}")
    return target


# ---------------------------------------------------------------------------
# The virtual environment
# ---------------------------------------------------------------------------


def ensure_build_packages():
    """Install the Debian build packages that are missing (as root)."""
    missing = [pkg for tool, pkg in BUILD_PACKAGES.items() if not shutil.which(tool)]
    if importlib_missing("ensurepip"):
        missing.append(f"python3.{sys.version_info.minor}-venv")
    if missing:
        devenv.install_debian_packages(missing, "to build Odoo's requirements")


def importlib_missing(module):
    """Tell whether ``module`` cannot be imported by this interpreter."""
    import importlib.util  # noqa: PLC0415 - only needed here

    return importlib.util.find_spec(module) is None


def create_venv(local):
    """Create ``local/venv`` (a real one: no system site-packages)."""
    python = venv_python(local)
    if not python.exists():
        devenv.say(f"Creating the virtual environment {python.parent.parent}")
        subprocess.run(
            [sys.executable, "-m", "venv", str(python.parent.parent)], check=True
        )
    return python


def link_tree(python, tree):
    """Make a local tree used in place importable without writing into it."""
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    out = subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    )
    site = Path(out.stdout.strip())
    (site / "relance-odoo-source.pth").write_text(f"{tree}\n", encoding="utf-8")
    devenv.say(f"  Odoo from {tree} (used in place, linked by a .pth file)")


def pip(python, what, *args, check=True, quiet=False):
    """``python -m pip install`` with a progress line; return the result.

    ``quiet`` captures pip's output (for :func:`last_error`) instead of
    showing it.
    """
    cmd = [str(python), "-m", "pip", "install", "--prefer-binary", *args]
    devenv.say(f"  installing {what}: {devenv.format_cmd(cmd)}")
    started = time.monotonic()
    result = subprocess.run(cmd, check=False, capture_output=quiet, text=True)
    devenv.say(f"  ({what}: {time.monotonic() - started:.0f}s)")
    if check and result.returncode != 0:
        raise devenv.SetupError(
            f"pip could not install {what} (exit {result.returncode})"
        )
    return result


def requirement_lines(tree):
    """Split Odoo's requirements into ``(lines to install, {line: reason skipped})``."""
    keep, skipped = [], {}
    for line in (
        (Path(tree) / "requirements.txt").read_text(encoding="utf-8").splitlines()
    ):
        match = REQUIREMENT_NAME.match(line)
        if not match:
            continue
        name = match.group(1).lower()
        used_by = USED_BY.search(line)
        if name in SKIPPED:
            skipped[line] = SKIPPED[name]
        elif used_by and not addon_exists(tree, used_by.group(1)):
            skipped[line] = f"only for add-on {used_by.group(1)}, absent from this Odoo"
        else:
            keep.append(line)
    return keep, skipped


def addon_exists(tree, name):
    """Tell whether the Odoo tree holds add-on ``name``."""
    tree = Path(tree)
    return any(
        (base / name).is_dir() for base in (tree / "addons", tree / "odoo" / "addons")
    )


def install_odoo_requirements(python, tree, local):
    """Install Odoo's requirements and ours; a line pip cannot install is skipped."""
    keep, skipped = requirement_lines(tree)
    filtered = Path(local) / "odoo-requirements.txt"
    filtered.write_text("\n".join(keep) + "\n", encoding="utf-8")
    ours = devenv.REPO_ROOT / "requirements.txt"
    what = "Odoo's and relance.nc's requirements"
    result = pip(python, what, "-r", str(filtered), "-r", str(ours), check=False)
    if result.returncode != 0:
        devenv.say("  some requirements failed; installing them one by one")
        for line in keep:
            name = line.split(";")[0].split("#")[0].strip()
            one = pip(python, name, line, check=False, quiet=True)
            if one.returncode != 0:
                skipped[line] = last_error(one)
        pip(python, "relance.nc's requirements", "-r", str(ours))
    for line, reason in skipped.items():
        devenv.warn(f"skipped Odoo requirement {line.split('#')[0].strip()}: {reason}")


def last_error(result):
    """The last meaningful line of a failed pip run."""
    lines = [ln.strip() for ln in (result.stderr or result.stdout or "").splitlines()]
    errors = [ln for ln in lines if ln.startswith("ERROR")] or [
        ln for ln in lines if ln
    ]
    return errors[-1][:300] if errors else f"pip exit {result.returncode}"


def main(argv):
    """Build an environment in ``--local`` from ``--src`` (no re-exec)."""
    parser = argparse.ArgumentParser(
        prog="setup/bootstrap.py", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--local", required=True, help="directory to build in (.local)")
    parser.add_argument("--src", default=os.environ.get(SRC_ENV) or DEFAULT_SRC)
    args = parser.parse_args(argv)
    try:
        build_environment(Path(args.local).resolve(), args.src)
    except devenv.SetupError as err:
        devenv.say(f"ERROR: {err}", stream=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

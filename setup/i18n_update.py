#!/usr/bin/env python3
"""Refresh the translation templates of the add-ons and merge them into fr.po.

Maintainer tool, standard library plus ``polib`` (which Odoo requires anyway).
Three steps, in this order:

1. **Export** (only when ``--db`` is given): re-export ``<addon>/i18n/<addon>.pot``
   with Odoo, from a database where the add-ons are installed and up to date::

       python3 -m odoo i18n export -c <temporary config> -d <db> <addons>

   The temporary config file holds ``db_host``, ``db_port``, ``db_user`` and
   ``addons_path`` (this checkout), so ``~/.odoorc`` is never read. Odoo writes
   an *empty* file for an add-on without translatable terms: such a template
   is rewritten as a valid header-only ``.pot`` so that ``fr.po`` can follow it.

2. **Merge** each ``<addon>.pot`` into ``<addon>/i18n/<lang>.po`` (``fr`` by
   default), like ``msgmerge``: existing translations are kept, new msgids are
   added with an empty msgstr, the ``#.``/``#:`` reference comments are taken
   from the template, msgids that left the template are dropped (or kept as
   ``#~`` obsolete entries with ``--keep-obsolete``). When a msgid changed only
   slightly, the old translation is carried over and flagged ``fuzzy`` so that a
   translator reviews it (``--no-fuzzy`` disables that). A missing ``fr.po`` is
   created from the template header. Files are written only when they change.

3. **Report** the untranslated and fuzzy entries of each add-on. With
   ``--check`` the exit status is 1 when any remain; with ``--check --dry-run``
   (nothing is written) a ``.po`` file that is not in sync with its template
   also fails, which suits CI.

Examples::

    setup/i18n_update.py                          # merge + report, all add-ons
    setup/i18n_update.py --db relance_demo        # export, merge, report
    setup/i18n_update.py --db demo1 --db-port 5433 relance_nc
    setup/i18n_update.py --check --dry-run        # CI: fail on missing work

Options: ``--db``, ``--db-host`` (127.0.0.1), ``--db-port`` (environment
variable ``RELANCE_PGPORT``, else 54329, the private cluster of ``setup/run``),
``--db-user`` (odoo), ``--lang`` (fr), ``--keep-obsolete``, ``--no-fuzzy``,
``--check``, ``--dry-run``; positional arguments restrict the add-ons (default:
every directory of the checkout with a ``__manifest__.py``).

The database must already have the add-ons installed (``setup/run`` creates
one); Odoo skips, with a warning, the add-ons that are not installed there.
"""

import argparse
import datetime
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import polib
except ImportError:  # pragma: no cover - polib ships with Odoo's requirements
    sys.exit("setup/i18n_update.py needs polib: python3 -m pip install polib")

REPO_ROOT = Path(__file__).resolve().parent.parent
ODOO_SERVER = "Odoo Server 19.0"
DEFAULT_PG_PORT = 54329
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
}
FUZZY_CUTOFF = 0.8
REPORT_WIDTH = 70


# ---------------------------------------------------------------------------
# Add-ons and files
# ---------------------------------------------------------------------------


def discover_addons():
    """Names of the add-ons of the checkout, sorted."""
    return sorted(path.parent.name for path in REPO_ROOT.glob("*/__manifest__.py"))


def pot_path(addon):
    return REPO_ROOT / addon / "i18n" / f"{addon}.pot"


def po_path(addon, lang):
    return REPO_ROOT / addon / "i18n" / f"{lang}.po"


def header_comment(addon):
    """The comment Odoo's exporter writes on top of a .pot/.po file."""
    return (
        "Translation of Odoo Server.\n"
        "This file contains the translation of the following modules:\n"
        f"\t* {addon}\n"
    )


def template_metadata():
    """The header fields Odoo's exporter writes, dated now as it does."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")
    return {
        "Project-Id-Version": ODOO_SERVER,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "",
        "Language-Team": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "",
        "Plural-Forms": "",
    }


def write_header_pot(addon):
    """Write a header-only template for an add-on without translatable terms."""
    path = pot_path(addon)
    pot = polib.POFile(wrapwidth=78)
    pot.header = header_comment(addon)
    pot.metadata = template_metadata()
    path.parent.mkdir(exist_ok=True)
    path.write_text(str(pot), encoding="utf-8")


# ---------------------------------------------------------------------------
# 1. Export
# ---------------------------------------------------------------------------


def odoo_env():
    """Environment for the Odoo subprocess, without stray libpq settings."""
    env = dict(os.environ)
    for key in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "ODOO_RC"):
        env.pop(key, None)
    return env


def export_pots(args, addons):
    """Re-export the templates with Odoo; fix the empty ones it leaves."""
    with tempfile.TemporaryDirectory(prefix="relance-i18n-") as tmp:
        config = Path(tmp) / "odoo.conf"
        config.write_text(
            "[options]\n"
            f"db_host = {args.db_host}\n"
            f"db_port = {args.db_port}\n"
            f"db_user = {args.db_user}\n"
            f"addons_path = {REPO_ROOT}\n",
            encoding="utf-8",
        )
        cmd = [sys.executable, "-m", "odoo", "i18n", "export"]
        cmd += ["-c", str(config), "-d", args.db, *addons]
        print("$ " + " ".join(cmd), flush=True)
        # Run outside the checkout so that nothing there shadows a module.
        result = subprocess.run(cmd, cwd=tmp, env=odoo_env(), check=False)
    if result.returncode:
        sys.exit(f"Odoo's export failed (exit status {result.returncode}).")
    for addon in addons:
        path = pot_path(addon)
        if not path.exists() or not path.read_text(encoding="utf-8").strip():
            print(f"{addon}: no translatable terms, header-only template written")
            write_header_pot(addon)


# ---------------------------------------------------------------------------
# 2. Merge
# ---------------------------------------------------------------------------


def entry_key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def new_po(pot, addon, lang):
    """An empty catalogue for ``lang`` with the template's header."""
    po = polib.POFile(wrapwidth=78)
    po.header = pot.header or header_comment(addon)
    po.metadata = dict(template_metadata(), **pot.metadata)
    po.metadata["Language"] = lang
    po.metadata["Plural-Forms"] = PLURAL_FORMS.get(lang, "")
    return po


def carry_translation(target, source, fuzzy):
    """Copy the translation of ``source`` onto ``target`` (a template entry)."""
    target.msgstr = source.msgstr
    target.msgstr_plural = dict(source.msgstr_plural)
    target.tcomment = source.tcomment
    target.previous_msgid = None
    target.flags = [flag for flag in target.flags if flag != "fuzzy"]
    if fuzzy or "fuzzy" in source.flags:
        target.flags.append("fuzzy")


def find_fuzzy_source(entry, candidates):
    """The old entry whose msgid is closest to ``entry``'s, or None."""
    if not entry.msgid:
        return None
    by_msgid = {old.msgid: old for old in candidates if old.msgstr}
    match = difflib.get_close_matches(
        entry.msgid, list(by_msgid), n=1, cutoff=FUZZY_CUTOFF
    )
    return by_msgid[match[0]] if match else None


def merge(pot, old_po, addon, lang, keep_obsolete=False, fuzzy=True):
    """Return the new catalogue: ``pot``'s entries with ``old_po``'s translations."""
    po = new_po(pot, addon, lang)
    if old_po is not None:
        po.header = old_po.header or po.header
        po.metadata = dict(old_po.metadata)
        po.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
    old = {entry_key(e): e for e in old_po or () if e.msgid}
    wanted = {entry_key(e) for e in pot if e.msgid}
    unused = [e for key, e in old.items() if key not in wanted]
    for template in pot:
        if not template.msgid:
            continue
        entry = polib.POEntry(
            msgctxt=template.msgctxt,
            msgid=template.msgid,
            msgid_plural=template.msgid_plural,
            msgstr="",
            msgstr_plural={k: "" for k in template.msgstr_plural},
            comment=template.comment,
            occurrences=list(template.occurrences),
            flags=[flag for flag in template.flags if flag != "fuzzy"],
        )
        previous = old.get(entry_key(template))
        if previous is not None:
            carry_translation(entry, previous, fuzzy=False)
        elif fuzzy and (close := find_fuzzy_source(template, unused)) is not None:
            carry_translation(entry, close, fuzzy=True)
        po.append(entry)
    if keep_obsolete:
        for entry in unused:
            if entry.msgstr or any(entry.msgstr_plural.values()):
                entry.obsolete = True
                entry.occurrences = []
                po.append(entry)
    return po


def load_po(path):
    return polib.pofile(str(path), wrapwidth=78) if path.exists() else None


def merge_addon(addon, args):
    """Merge one add-on; return (catalogue, changed) or None without a template."""
    path = pot_path(addon)
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        if args.dry_run:
            print(f"{addon}: {path.relative_to(REPO_ROOT)} is missing or empty")
            return None
        write_header_pot(addon)
    pot = polib.pofile(str(path), wrapwidth=78)
    target = po_path(addon, args.lang)
    po = merge(
        pot,
        load_po(target),
        addon,
        args.lang,
        keep_obsolete=args.keep_obsolete,
        fuzzy=not args.no_fuzzy,
    )
    text = str(po)
    old_text = target.read_text(encoding="utf-8") if target.exists() else None
    changed = text != old_text
    if changed and not args.dry_run:
        target.write_text(text, encoding="utf-8")
    return po, changed


# ---------------------------------------------------------------------------
# 3. Report
# ---------------------------------------------------------------------------


def shorten(text):
    text = " ".join(text.split())
    return text if len(text) <= REPORT_WIDTH else text[: REPORT_WIDTH - 1] + "…"


def report(addon, po, changed, args):
    """Print the state of one catalogue; return the number of problems."""
    active = [e for e in po if e.msgid and not e.obsolete]
    fuzzy = [e for e in active if "fuzzy" in e.flags]
    untranslated = [e for e in active if not e.translated() and e not in fuzzy]
    rel = po_path(addon, args.lang).relative_to(REPO_ROOT)
    if changed:
        verb = "would be updated" if args.dry_run else "updated"
    else:
        verb = "up to date"
    print(
        f"{rel}: {verb}; {len(active)} entries, {len(untranslated)} untranslated, "
        f"{len(fuzzy)} fuzzy"
    )
    for label, entries in (("untranslated", untranslated), ("fuzzy", fuzzy)):
        for entry in entries:
            print(f"    {label}: {shorten(entry.msgid)}")
    problems = len(untranslated) + len(fuzzy)
    if args.dry_run and changed:
        problems += 1
    return problems


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Export the add-ons' .pot files with Odoo (with --db), merge "
        "them into <lang>.po and report what is left to translate.",
    )
    parser.add_argument(
        "addons", nargs="*", metavar="ADDON", help="add-ons (default: all)"
    )
    parser.add_argument("--db", help="database to export the templates from")
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument(
        "--db-port",
        type=int,
        default=int(os.environ.get("RELANCE_PGPORT") or DEFAULT_PG_PORT),
        help="default: $RELANCE_PGPORT or %(default)s",
    )
    parser.add_argument("--db-user", default="odoo")
    parser.add_argument("--lang", default="fr", help="catalogue <lang>.po to merge")
    parser.add_argument(
        "--keep-obsolete",
        action="store_true",
        help="keep translations of removed msgids as #~ obsolete entries",
    )
    parser.add_argument(
        "--no-fuzzy",
        action="store_true",
        help="do not reuse the translation of a slightly changed msgid",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit with status 1 when untranslated or fuzzy entries remain",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="write nothing (with --check, a .po out of sync also fails)",
    )
    args = parser.parse_args(argv)
    known = discover_addons()
    unknown = sorted(set(args.addons) - set(known))
    if unknown:
        parser.error(f"unknown add-on(s): {', '.join(unknown)}")
    args.addons = args.addons or known
    if args.db and args.dry_run:
        parser.error("--db exports into the checkout: it cannot go with --dry-run")
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.db:
        export_pots(args, args.addons)
    problems = 0
    for addon in args.addons:
        merged = merge_addon(addon, args)
        if merged is None:
            problems += 1
            continue
        problems += report(addon, *merged, args)
    if args.check and problems:
        print(f"{problems} translation problem(s) left.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

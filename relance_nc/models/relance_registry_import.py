# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time
from urllib.parse import urljoin

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import const
from ..tools import registry as registry_tools, urls

_logger = logging.getLogger(__name__)

FORMATS = [
    ("ridet_company", "RIDET companies (data.gouv.nc)"),
    ("ridet_establishment", "RIDET establishments (data.gouv.nc)"),
    ("tahiti", "TAHITI register (ISPF)"),
]


class RelanceRegistryImport(models.Model):
    """One import of a public register extract, with its figures and row errors."""

    _name = "relance.registry.import"
    _description = "Registry Import"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    file_format = fields.Selection(FORMATS, string="Format", readonly=True)
    origin = fields.Selection(
        [("url", "Download"), ("file", "Uploaded file")], required=True, readonly=True
    )
    url = fields.Char(string="URL", readonly=True)
    file_name = fields.Char(readonly=True)
    complete = fields.Boolean(
        string="Complete Extract",
        readonly=True,
        help="Units missing from a complete extract are flagged as ceased.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done"), ("failed", "Failed")],
        default="draft",
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    date_start = fields.Datetime(readonly=True)
    date_end = fields.Datetime(readonly=True)
    row_count = fields.Integer(string="Rows Read", readonly=True)
    unit_count = fields.Integer(string="Units Imported", readonly=True)
    ceased_count = fields.Integer(string="Units Ceased", readonly=True)
    error_count = fields.Integer(string="Malformed Rows", readonly=True)
    error_log = fields.Text(string="Errors", readonly=True)

    @api.depends("file_format", "date_start")
    def _compute_name(self):
        labels = dict(self._fields["file_format"]._description_selection(self.env))
        for record in self:
            record.name = " - ".join(
                filter(
                    None,
                    [
                        labels.get(record.file_format) or record.file_name,
                        record.date_start
                        and fields.Datetime.to_string(record.date_start),
                    ],
                )
            ) or self.env._("Registry import")

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _import_url(self, url, complete=True, confirm_ceased=False):
        """Download ``url`` as a stream and import it; raise UserError on failure.

        Only from an https URL of a configured register's host (or of the
        allow-list), capped in size, time and line length; an error never
        shows what the server sent.
        """
        self._check_registry_url(url)
        record = self.create({"origin": "url", "url": url, "complete": complete})
        try:
            with self._registry_get(url) as response:
                chunks = registry_tools.cap_stream(
                    response.iter_content(const.REGISTRY_CHUNK_SIZE),
                    const.REGISTRY_MAX_BYTES,
                    const.REGISTRY_MAX_SECONDS,
                    time.monotonic,
                )
                record.with_context(
                    relance_registry_confirm_ceased=confirm_ceased
                )._load_lines(
                    registry_tools.cap_lines(
                        registry_tools.decode_lines(chunks), const.REGISTRY_MAX_LINE
                    ),
                    show_content=False,
                )
        except registry_tools.DownloadCapped as err:
            raise UserError(
                self.env._(
                    "The registry download from %(url)s was stopped: %(error)s",
                    url=url,
                    error=str(err),
                )
            ) from err
        except requests.exceptions.Timeout as err:
            raise UserError(
                self.env._(
                    "The registry at %(url)s did not answer within %(seconds)s seconds."
                    " Please try again later.",
                    url=url,
                    seconds=const.REGISTRY_HTTP_TIMEOUT,
                )
            ) from err
        except requests.exceptions.HTTPError as err:
            raise UserError(
                self.env._(
                    "The registry at %(url)s answered with HTTP error %(status)s.",
                    url=url,
                    status=err.response.status_code,
                )
            ) from err
        except requests.exceptions.RequestException as err:
            raise UserError(
                self.env._(
                    "The registry at %(url)s could not be downloaded: %(error)s",
                    url=url,
                    error=type(err).__name__,
                )
            ) from err
        return record

    @api.model
    def _registry_allowed_hosts(self):
        """Hosts that may serve extracts: those of the configured URLs, plus
        the allow-list of the system parameter ``relance_nc.registry_allowed_hosts``."""
        hosts = {urls.url_host(self._get_registry_url(code)) for code, __ in FORMATS}
        extra = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(const.REGISTRY_HOSTS_PARAM, const.REGISTRY_DEFAULT_HOSTS)
        )
        hosts.update(host.strip().lower() for host in (extra or "").split(","))
        return {host for host in hosts if host}

    @api.model
    def _check_registry_url(self, url):
        if not urls.host_allowed(url, self._registry_allowed_hosts()):
            raise UserError(
                self.env._(
                    "%(url)s is not an https address of a configured register. "
                    "Extracts are downloaded from the registers' own hosts only "
                    "(system parameter %(param)s adds others).",
                    url=url,
                    param=const.REGISTRY_HOSTS_PARAM,
                )
            )

    @api.model
    def _registry_get(self, url):
        """The streamed response of ``url``, following at most a few
        redirects, each to an allowed host."""
        for _hop in range(const.REGISTRY_MAX_REDIRECTS + 1):
            response = requests.get(
                url,
                stream=True,
                timeout=const.REGISTRY_HTTP_TIMEOUT,
                allow_redirects=False,
            )
            if not response.is_redirect:
                response.raise_for_status()
                return response
            response.close()
            url = urljoin(url, response.headers.get("Location", ""))
            self._check_registry_url(url)
        raise UserError(self.env._("The registry redirects too many times."))

    @api.model
    def _import_file(self, content, file_name, complete=True):
        """Import an uploaded extract given as bytes."""
        record = self.create(
            {"origin": "file", "file_name": file_name, "complete": complete}
        )
        size = const.REGISTRY_CHUNK_SIZE
        chunks = (content[i : i + size] for i in range(0, len(content), size))
        record._load_lines(registry_tools.decode_lines(chunks))
        return record

    def _load_lines(self, lines, show_content=True):
        """Parse ``lines`` and upsert the units in batches, keeping row errors.

        ``show_content=False`` (downloads): an unknown file is refused without
        quoting it.
        """
        self.ensure_one()
        self.date_start = fields.Datetime.now()
        try:
            file_format, rows = registry_tools.parse(lines)
        except registry_tools.RegistryFormatError as err:
            if not show_content:
                raise UserError(
                    self.env._(
                        "The downloaded file is not a registry extract that "
                        "relance.nc knows."
                    )
                ) from err
            raise UserError(
                self.env._(
                    "This file is not a registry extract that relance.nc knows: "
                    "%(error)s",
                    error=err,
                )
            ) from err
        except UnicodeDecodeError as err:
            raise UserError(self.env._("This file is not a text (CSV) file.")) from err
        stats = self._load_rows(rows)
        ceased = 0
        if self.complete:
            self._check_ceased_share(file_format)
            ceased = self.env["relance.registry.unit"]._mark_missing_ceased(
                const.FORMAT_SOURCE[file_format],
                const.FORMAT_KINDS[file_format],
                self,
            )
        self.write(
            dict(
                stats,
                file_format=file_format,
                ceased_count=ceased,
                state="done",
                date_end=fields.Datetime.now(),
            )
        )
        _logger.info(
            "Registry import %s: %s rows, %s units, %s errors, %s ceased",
            file_format,
            stats["row_count"],
            stats["unit_count"],
            stats["error_count"],
            ceased,
        )

    def _check_ceased_share(self, file_format):
        """Refuse a complete extract that would flag too many units as ceased
        (a truncated or wrong file), unless the user confirmed it."""
        if self.env.context.get("relance_registry_confirm_ceased"):
            return
        units = self.env["relance.registry.unit"].sudo()
        domain = [
            ("source", "=", const.FORMAT_SOURCE[file_format]),
            ("kind", "in", const.FORMAT_KINDS[file_format]),
            ("state", "=", "active"),
        ]
        total = units.search_count(domain)
        missing = units.search_count(
            domain
            + ["|", ("last_import_id", "=", False), ("last_import_id", "!=", self.id)]
        )
        if total and missing / total > const.REGISTRY_MAX_CEASED_SHARE:
            raise UserError(
                self.env._(
                    "This extract would flag %(missing)s of the %(total)s active "
                    "units of the register as ceased. If the extract is really "
                    "complete, import it again with 'Confirm mass cessation'.",
                    missing=missing,
                    total=total,
                )
            )

    def _load_rows(self, rows):
        """Upsert parsed ``rows`` in batches; return the figures to write."""
        units_model = self.env["relance.registry.unit"]
        batch, errors = [], []
        row_count = unit_count = error_count = 0
        for __, item in rows:
            row_count += 1
            if isinstance(item, registry_tools.RowError):
                error_count += 1
                if len(errors) < const.REGISTRY_MAX_LOGGED_ERRORS:
                    errors.append(
                        self.env._(
                            "Line %(line)s: %(error)s",
                            line=item.line,
                            error=item.message,
                        )
                    )
                continue
            batch.append(item)
            if len(batch) >= const.REGISTRY_BATCH_SIZE:
                unit_count += units_model._upsert_units(batch, self)
                batch = []
        unit_count += units_model._upsert_units(batch, self)
        if error_count > len(errors):
            errors.append(
                self.env._(
                    "… and %(count)s more malformed rows.",
                    count=error_count - len(errors),
                )
            )
        return {
            "row_count": row_count,
            "unit_count": unit_count,
            "error_count": error_count,
            "error_log": "\n".join(errors) or False,
        }

    @api.model
    def _get_registry_url(self, file_format):
        """URL of the public extract for ``file_format`` (system parameter)."""
        return (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(
                const.REGISTRY_URL_PARAM % file_format,
                const.REGISTRY_DEFAULT_URLS[file_format],
            )
        )

    @api.model
    def _cron_import_registries(self):
        """Download every configured register; one failure does not stop the others."""
        formats = [code for code, __ in FORMATS if self._get_registry_url(code)]
        self.env["ir.cron"]._commit_progress(remaining=len(formats))
        for file_format in formats:
            url = self._get_registry_url(file_format)
            try:
                with self.env.cr.savepoint():
                    self._import_url(url)
            except UserError as err:
                _logger.warning("Registry import from %s failed: %s", url, err)
                self.create(
                    {
                        "origin": "url",
                        "url": url,
                        "state": "failed",
                        "error_log": str(err),
                        "date_start": fields.Datetime.now(),
                    }
                )
            if not self.env["ir.cron"]._commit_progress(1):
                break

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc.relance_registry_unit_action"
        )
        action["domain"] = [("last_import_id", "=", self.id)]
        return action

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging
from datetime import date

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import const
from ..tools import feed

_logger = logging.getLogger(__name__)


class RelanceInsolvencySource(models.Model):
    """Where announcements come from, and how far they were read (cursor).

    The JONC has no machine feed: its announcements are typed in or imported
    from a file. Other relance.nc databases read the provider's JSON feed;
    debtors registered in France come from the BODACC open data.
    """

    _name = "relance.insolvency.source"
    _inherit = ["mail.thread"]
    _description = "Procedure Announcement Source"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(const.SOURCE_KINDS, required=True, default="file")
    url = fields.Char(
        string="URL",
        help="Provider feed: https://<provider>/relance/insolvency/feed; "
        "BODACC: the Opendatasoft records endpoint.",
    )
    api_key = fields.Char(
        string="API Key",
        groups="relance_nc.group_relance_provider_manager",
        copy=False,
        help="API key of the provider's user (sent as a Bearer token).",
    )
    file = fields.Binary(attachment=False, copy=False)
    file_name = fields.Char(copy=False)
    cursor = fields.Char(
        copy=False,
        help="Where the next import resumes: the last announcement read from "
        "the provider, the last BODACC publication date.",
    )
    timeout = fields.Integer(string="Timeout (s)", default=const.DEFAULT_TIMEOUT)
    max_bytes = fields.Integer(
        string="Maximum Size (bytes)", default=const.DEFAULT_MAX_BYTES
    )
    last_run = fields.Datetime(readonly=True, copy=False)
    last_count = fields.Integer(string="Last Imported", readonly=True, copy=False)
    last_error = fields.Text(readonly=True, copy=False)
    last_rejected = fields.Text(
        string="Rejected Entries",
        readonly=True,
        copy=False,
        help="Entries skipped by the last import, with their line and reason.",
    )
    procedure_ids = fields.One2many("relance.insolvency.procedure", "source_id")

    @api.model
    def _cron_import(self):
        """Import every active feed source, then match the new announcements."""
        sources = self.search([("kind", "in", ("provider", "bodacc"))])
        for index, source in enumerate(sources):
            try:
                with self.env.cr.savepoint():
                    source._import()
            except UserError as err:
                source._record_run(0, [], error=str(err))
                _logger.info("Insolvency source %s: %s", source.name, err)
            self.env["ir.cron"]._commit_progress(1, remaining=len(sources) - index - 1)
        self.env["relance.insolvency.case"]._match_procedures()

    def action_import(self):
        """Import now (the file of a file source) and match the new entries."""
        for source in self:
            procedures = source._import()
            self.env["relance.insolvency.case"]._match_procedures(procedures)
        return True

    def _import(self):
        """Read the source from its cursor; return the new announcements."""
        self.ensure_one()
        if self.kind == "file":
            entries, rejected = self._read_file()
            cursor = self.cursor
        else:
            entries, rejected, cursor = getattr(self, f"_read_{self.kind}")()
        procedures = self.env["relance.insolvency.procedure"]._import_entries(
            entries, self
        )
        self._record_run(len(procedures), rejected, cursor=cursor)
        return procedures

    def _record_run(self, count, rejected, error=False, cursor=None):
        vals = {
            "last_run": fields.Datetime.now(),
            "last_count": count,
            "last_error": error,
            "last_rejected": "\n".join(
                self.env._(
                    "%(position)s: %(reason)s", position=r.position, reason=r.reason
                )
                for r in rejected
            )
            or False,
        }
        if cursor is not None:
            vals["cursor"] = cursor
        self.write(vals)

    # ------------------------------------------------------------
    # Readers
    # ------------------------------------------------------------

    def _read_file(self):
        if not self.file:
            raise UserError(
                self.env._(
                    "Upload a CSV or JSON file on the source %(name)s.",
                    name=self.name,
                )
            )
        content = base64.b64decode(self.file)
        if len(content) > self.max_bytes:
            raise UserError(self._oversize_message(len(content)))
        is_json = (self.file_name or "").lower().endswith(".json")
        try:
            return feed.parse_json(content) if is_json else feed.parse_csv(content)
        except feed.FeedError as err:
            raise UserError(self._unreadable_message(err)) from err

    def _read_provider(self):
        """Pages of the provider feed after the cursor (``tools.feed`` format)."""
        entries, rejected, cursor = [], [], self.cursor
        headers = {"Authorization": f"Bearer {self.sudo().api_key or ''}"}
        for _page in range(const.MAX_PAGES):
            params = {"since": cursor or "0", "limit": const.PAGE_SIZE}
            text = self._http_get(self.url, params, headers)
            try:
                page, page_rejected, next_cursor, more = feed.parse_feed(text)
            except feed.FeedError as err:
                raise UserError(self._unreadable_message(err)) from err
            entries += page
            rejected += page_rejected
            cursor = next_cursor or cursor
            if not more:
                break
        return entries, rejected, cursor

    def _read_bodacc(self):
        """BODACC "Procédures collectives" published since the cursor date."""
        since = self.cursor or fields.Date.to_string(fields.Date.context_today(self))
        where = (
            f'familleavis_lib="{const.BODACC_FAMILY}" '
            f"AND dateparution>=date'{date.fromisoformat(since).isoformat()}'"
        )
        entries, rejected, last = [], [], since
        for page in range(const.MAX_PAGES):
            params = {
                "where": where,
                "order_by": "dateparution,id",
                "limit": const.PAGE_SIZE,
                "offset": page * const.PAGE_SIZE,
            }
            text = self._http_get(self.url or const.BODACC_URL, params, {})
            try:
                page_entries, page_rejected, total = feed.parse_bodacc(text)
            except feed.FeedError as err:
                raise UserError(self._unreadable_message(err)) from err
            entries += page_entries
            rejected += page_rejected
            dates = [
                e["publication_date"] for e in page_entries if e["publication_date"]
            ]
            last = max([last, *(d.isoformat() for d in dates)])
            if total is None or (page + 1) * const.PAGE_SIZE >= total:
                break
        return entries, rejected, last

    def _http_get(self, url, params, headers):
        """GET ``url`` within the timeout and the size cap; return its text."""
        if not url or not url.startswith(("http://", "https://")):
            raise UserError(
                self.env._("The source %(name)s has no valid URL.", name=self.name)
            )
        try:
            with requests.get(
                url, params=params, headers=headers, timeout=self.timeout, stream=True
            ) as response:
                if response.status_code != 200:
                    raise UserError(
                        self.env._(
                            "The source %(name)s answered HTTP %(status)s.",
                            name=self.name,
                            status=response.status_code,
                        )
                    )
                content = self._read_capped(response)
        except requests.Timeout as err:
            raise UserError(
                self.env._(
                    "The source %(name)s did not answer within %(seconds)s seconds.",
                    name=self.name,
                    seconds=self.timeout,
                )
            ) from err
        except requests.RequestException as err:
            raise UserError(
                self.env._(
                    "The source %(name)s cannot be reached: %(error)s",
                    name=self.name,
                    error=err,
                )
            ) from err
        return content.decode("utf-8", errors="replace")

    def _read_capped(self, response):
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise UserError(self._oversize_message(int(declared)))
        chunks, size = [], 0
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > self.max_bytes:
                raise UserError(self._oversize_message(size))
            chunks.append(chunk)
        return b"".join(chunks)

    def _oversize_message(self, size):
        return self.env._(
            "The source %(name)s sent more than %(limit)s bytes (%(size)s): "
            "import refused.",
            name=self.name,
            limit=self.max_bytes,
            size=size,
        )

    def _unreadable_message(self, err):
        return self.env._(
            "The source %(name)s sent unreadable data: %(error)s",
            name=self.name,
            error=err,
        )

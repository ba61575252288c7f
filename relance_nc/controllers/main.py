# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import json
import logging
import re

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import SUPERUSER_ID
from odoo.http import Controller, request, route

from .. import const

_logger = logging.getLogger(__name__)

#: A delivery report is a few short strings.
MAX_REPORT_SIZE = 4096
_ID_RE = re.compile(r"[0-9A-Za-z_.:-]{1,64}")


def _optional_text(value):
    return value is None or (isinstance(value, str) and "\x00" not in value)


REPORT_FIELDS = {
    "id": lambda value: isinstance(value, str) and bool(_ID_RE.fullmatch(value)),
    "status": lambda value: isinstance(value, str) and value in const.SMS_REPORT_STATES,
    "provider_id": _optional_text,
    "error": _optional_text,
}


class RelanceSmsController(Controller):
    """Delivery reports of the HTTP SMS gateway (see models/relance_sms_api.py)."""

    @route(
        const.SMS_STATUS_ROUTE,
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def relance_sms_status(self, **kwargs):
        """Apply a signed delivery report ``{"id", "provider_id", "status",
        "error"}``; the signature header is ``sha256=<hex HMAC-SHA256 of the raw
        body keyed with the company's webhook secret>``.

        Answers 200 ``{"result": "ok"}`` (also for a replay, which changes
        nothing), 400 for a malformed body, and 403 for an unknown id or a
        missing or wrong signature alike (nobody learns which ids exist).
        """
        raw = request.httprequest.get_data(cache=True)
        report = self._parse_report(raw)
        # Narrow superuser access: one SMS by its uuid, then its company's secret.
        sms_sudo = (
            request.env["sms.sms"]
            .with_user(SUPERUSER_ID)
            .search([("uuid", "=", report["id"])], limit=1)
        )
        secret = (
            sms_sudo._get_sms_company().sudo().relance_sms_webhook_secret
            if sms_sudo
            else False
        )
        signature = request.httprequest.headers.get(const.SMS_SIGNATURE_HEADER, "")
        if not self._check_signature(secret, raw, signature):
            _logger.info("SMS delivery report refused for %s", report["id"])
            raise Forbidden()
        sms_sudo._relance_apply_report_locked(
            report["status"], report.get("error"), report.get("provider_id")
        )
        return request.make_json_response({"result": "ok"})

    @staticmethod
    def _parse_report(raw):
        """The report as a dict of strings; raise BadRequest when it is not one
        (also for a body too large or nested too deep to be a report)."""
        if len(raw) > MAX_REPORT_SIZE:
            raise BadRequest("Report too large")
        try:
            report = json.loads(raw)
        except (ValueError, RecursionError) as err:
            raise BadRequest("Malformed JSON") from err
        if not isinstance(report, dict) or not all(
            check(report.get(key)) for key, check in REPORT_FIELDS.items()
        ):
            raise BadRequest("Expected {id, status[, provider_id, error]}")
        return report

    @staticmethod
    def _check_signature(secret, raw, signature):
        """Whether ``signature`` is the hex HMAC-SHA256 of ``raw`` under ``secret``."""
        if not secret or not signature.startswith(const.SMS_SIGNATURE_PREFIX):
            return False
        expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        received = signature[len(const.SMS_SIGNATURE_PREFIX) :].strip().lower()
        return hmac.compare_digest(expected.encode(), received.encode())

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The relance.nc HTTP SMS gateway: an adapter for core ``sms`` (not a model).

Core ``sms.sms`` sends through ``res.company._get_sms_api_class()``; for a
company whose ``relance_sms_provider`` is ``"http"`` that is
:class:`RelanceSmsApi`, which speaks this protocol (one request per batch):

``POST <relance_sms_url>`` with ``Authorization: Bearer <relance_sms_api_key>``
and ``Content-Type: application/json``::

    {"sender": "MACOMPAGNIE",
     "messages": [{"id": "<sms uuid>", "to": "+687751234", "text": "..."}],
     "status_url": "https://<odoo>/relance_nc/sms/status"}

The gateway answers ``2xx`` with one entry per message::

    {"messages": [{"id": "<sms uuid>", "status": "accepted" | "rejected",
                   "provider_id": "<its own id>", "error": "<code or text>"}]}

``error`` (for ``rejected``) is ``invalid_number``, ``no_credit`` or any
other text; the first two become the failure types ``sms_number_format`` and
``sms_credit``, anything else ``sms_server``. A non-2xx answer, a timeout, a
refused connection or an answer in another shape fails every message of the
batch with ``server_error`` (``sms_server``): nothing raises, the reminder
becomes ``failed`` with the reason and may be retried.

**Idempotency.** ``id`` is the idempotency key and the gateway must
deduplicate on it: an ``id`` it already accepted is answered ``accepted``
again (same ``provider_id``) and not sent a second time; an ``id`` it rejected
or never recorded is processed normally. relance.nc derives the ``id`` of each
part from the reminder, the number, the text and the attempt, so a batch sent
again after a timeout or a crash of Odoo carries the same ids, while a
deliberate new attempt after a definitive failure carries new ones.

Delivery reports come back on ``status_url`` (see ``controllers/main.py``),
signed with the company's webhook secret.
"""

import logging
import threading

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from odoo.tools.urls import urljoin

from odoo.addons.sms.tools.sms_api import SmsApiBase

from .. import const

_logger = logging.getLogger(__name__)
# One HTTP session per worker thread: its connections to the gateway stay open
# between requests (keep-alive), which saves a TCP and TLS handshake per batch.
_local = threading.local()


def _get_session():
    """The thread's session. A request on a kept-alive connection that the
    gateway closed meanwhile is sent once more on a new one: safe, since the
    gateway deduplicates on the message ids (see the protocol above)."""
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
        retry = Retry(
            total=1,
            connect=0,
            read=1,
            status=0,
            other=0,
            allowed_methods=frozenset({"POST"}),
            raise_on_status=False,
        )
        session.mount("http://", HTTPAdapter(max_retries=retry))
        session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


class RelanceSmsApi(SmsApiBase):
    """Send SMS through the company's HTTP gateway (protocol in the module doc)."""

    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        **const.SMS_GATEWAY_ERRORS,
        "rejected": "sms_server",
    }

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        """Send ``messages`` (core's format, grouped by text) in one request.

        ``delivery_reports_url`` (core's IAP route) is ignored: the gateway
        reports to relance.nc's own signed route. Return one result per
        number: ``uuid``, ``state`` (``"sent"`` when accepted, else an error
        code of :attr:`PROVIDER_TO_SMS_FAILURE_TYPE`), ``failure_reason`` and
        ``relance_provider_ref``.
        """
        payload = self._prepare_payload(messages)
        uuids = [message["id"] for message in payload["messages"]]
        company_sudo = self.company.sudo()
        if not (company_sudo.relance_sms_url and company_sudo.relance_sms_api_key):
            return self._server_errors(
                uuids,
                self.env._(
                    "The SMS gateway of %(company)s is not configured "
                    "(URL and API key).",
                    company=company_sudo.name,
                ),
            )
        try:
            response = _get_session().post(
                company_sudo.relance_sms_url,
                json=payload,
                headers={
                    "Authorization": f"Bearer {company_sudo.relance_sms_api_key}",
                    "Accept": "application/json",
                },
                timeout=const.SMS_HTTP_TIMEOUT,
            )
            response.raise_for_status()
        except requests.exceptions.HTTPError as err:
            reason = self.env._(
                "SMS gateway error: HTTP %(status)s %(body)s",
                status=err.response.status_code,
                body=(err.response.text or "")[:200],
            )
            return self._server_errors(uuids, reason)
        except requests.exceptions.RequestException as err:
            # refused connection, timeout, invalid URL
            return self._server_errors(
                uuids, self.env._("SMS gateway unreachable: %(error)s", error=err)
            )
        try:
            answers = self._parse_answers(response.json())
        except ValueError as err:
            return self._server_errors(
                uuids,
                self.env._(
                    "Unexpected answer of the SMS gateway: %(error)s", error=err
                ),
            )
        return [self._prepare_result(uuid, answers.get(uuid)) for uuid in uuids]

    def _prepare_payload(self, messages):
        """The JSON body of the gateway request."""
        company = self.company
        return {
            "sender": company.relance_sms_sender or "",
            "messages": [
                {
                    "id": number["uuid"],
                    "to": number["number"],
                    "text": message["content"],
                }
                for message in messages
                for number in message["numbers"]
            ],
            "status_url": urljoin(company.get_base_url(), const.SMS_STATUS_ROUTE),
        }

    @staticmethod
    def _parse_answers(data):
        """Map each message id to its answer; raise ValueError on another shape."""
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise ValueError(f"unexpected answer {str(data)[:200]!r}")
        return {
            answer["id"]: answer
            for answer in data["messages"]
            if isinstance(answer, dict) and isinstance(answer.get("id"), str)
        }

    def _prepare_result(self, uuid, answer):
        """Core's result dict for one message from the gateway's answer."""
        if not answer:
            return self._server_error(
                uuid, self.env._("The SMS gateway did not answer for this message.")
            )
        provider_ref = answer.get("provider_id")
        provider_ref = str(provider_ref) if provider_ref not in (None, "") else False
        if answer.get("status") == "accepted":
            return {
                "uuid": uuid,
                "state": "sent",
                "failure_reason": False,
                "relance_provider_ref": provider_ref,
            }
        error = str(answer.get("error") or answer.get("status") or "rejected")
        return {
            "uuid": uuid,
            "state": error if error in const.SMS_GATEWAY_ERRORS else "rejected",
            "failure_reason": self.env._(
                "Refused by the SMS gateway: %(error)s", error=error
            ),
            "relance_provider_ref": provider_ref,
        }

    def _server_error(self, uuid, reason):
        return {"uuid": uuid, "state": "server_error", "failure_reason": reason}

    def _server_errors(self, uuids, reason):
        _logger.info("SMS gateway of %s failed: %s", self.company.name, reason)
        return [self._server_error(uuid, reason) for uuid in uuids]

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The demo SMS gateway: an adapter for core ``sms`` that sends nothing.

A company whose ``relance_sms_provider`` is ``"demo"`` (the demo creditor,
or a trial database) sends its SMS through :class:`RelanceSmsDemoApi`: every
message is accepted at once with a ``DEMO-`` reference, without any network
call, and reported delivered when the transaction commits (see
``sms.sms._relance_demo_deliver``), as a real gateway reports on
``/relance_nc/sms/status``. No operator is ever reached.
"""

from odoo.addons.sms.tools.sms_api import SmsApiBase

from .. import const


class RelanceSmsDemoApi(SmsApiBase):
    """Accept every SMS without sending it (the demo gateway)."""

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        """Core's result for each number of ``messages``: accepted (``sent``)
        with a demo reference derived from the message key."""
        return [
            {
                "uuid": number["uuid"],
                "state": "sent",
                "failure_reason": False,
                "relance_provider_ref": f"{const.SMS_DEMO_REF_PREFIX}"
                f"{number['uuid'][:12]}",
            }
            for message in messages
            for number in message["numbers"]
        ]

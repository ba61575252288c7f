# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import NotFound

from odoo.http import request, route

from odoo.addons.relance_nc.controllers.portal_client import RelanceClientPortal


class RelancePayoutPortal(RelanceClientPortal):
    """The client's card payouts and their statements on its portal page."""

    def _relance_client_values(self, client):
        values = super()._relance_client_values(client)
        values["payouts"] = request.env["relance.payout"].search(
            [("partner_id", "=", client.partner_id.id), ("state", "!=", "draft")],
            order="period desc, id desc",
        )
        return values

    @route("/my/relance/payout/<int:payout_id>/statement", type="http", auth="user")
    def relance_payout_statement(self, payout_id, **kwargs):
        """The payout statement (PDF) of one of the contact's payouts."""
        client = self._relance_portal_client()
        payout = request.env["relance.payout"].search(
            [
                ("id", "=", payout_id),
                ("partner_id", "=", client.partner_id.id),
                ("state", "!=", "draft"),
            ],
            limit=1,
        )
        if not client or not payout:
            raise NotFound()
        return self._show_report(
            model=payout,
            report_type="pdf",
            report_ref="relance_nc_payment.action_report_relance_payout",
            download=kwargs.get("download") == "true",
        )

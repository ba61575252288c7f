# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import NotFound

from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal


class RelanceClientPortal(CustomerPortal):
    """The client's pages under /my/relance: its usage of the month, its
    month-end invoices and the reports of the calls made for it. Option
    add-ons extend :meth:`_relance_client_values` and the template."""

    def _relance_portal_client(self):
        """The client file of the logged-in contact (read through the portal
        record rules), or an empty recordset."""
        partner = request.env.user.commercial_partner_id
        return request.env["relance.client"].search(
            [("partner_id", "=", partner.id)], limit=1
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "relance_client_count" in counters:
            values["relance_client_count"] = len(self._relance_portal_client())
        return values

    def _relance_client_values(self, client):
        """Values of the client page; options add their sections."""
        # the provider's time zone is on its partner, not readable by portal users
        provider_sudo = client.company_id.sudo()
        today = provider_sudo._relance_today()
        groups = request.env["relance.usage.line"]._read_group(
            [("client_id", "=", client.id), ("date", ">=", today.replace(day=1))],
            ["product_id"],
            ["quantity:sum", "amount:sum"],
            order="product_id",
        )
        # service names: portal users do not read products
        usage = [
            (product.sudo().display_name, quantity, amount)
            for product, quantity, amount in groups
        ]
        invoices = request.env["account.move"].search(
            [("relance_client_id", "=", client.id), ("state", "=", "posted")],
            order="invoice_date desc, id desc",
        )
        return {
            "page_name": "relance_client",
            "client": client,
            "month": today,
            "usage": usage,
            "usage_total": sum(amount for __, __, amount in usage),
            "invoices": invoices,
            "calls": self._relance_call_reports_sudo(client),
        }

    def _relance_call_reports_sudo(self, client):
        """Reports of the calls made for the hosted client (read as superuser:
        portal users have no access to reminders; only these fields are
        shown)."""
        if not client.hosted_company_id:
            return request.env["relance.action"]
        return (
            request.env["relance.action"]
            .sudo()
            .search(
                [
                    ("company_id", "=", client.hosted_company_id.id),
                    ("channel", "=", "call"),
                    ("state", "=", "done"),
                ],
                order="done_at desc, id desc",
                limit=50,
            )
        )

    @route("/my/relance", type="http", auth="user", website=True)
    def relance_client_home(self, **kwargs):
        client = self._relance_portal_client()
        if not client:
            raise NotFound()
        return request.render(
            "relance_nc.portal_relance_client", self._relance_client_values(client)
        )

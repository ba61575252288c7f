# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.relance_nc.controllers.portal_access import portal_client_sudo

MAX_UPLOAD = 20 * 1024 * 1024


class InsolvencyPortal(CustomerPortal):
    """A portal client's watch list and alerts; its customer file upload."""

    @http.route(
        "/my/insolvency", type="http", auth="user", methods=["GET"], website=True
    )
    def portal_insolvency(self, **kwargs):
        client = portal_client_sudo(active_only=True)
        if not client:
            return request.not_found()
        return self._render(client)

    @http.route(
        "/my/insolvency/upload",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_upload(self, customer_file=None, **kwargs):
        client = portal_client_sudo(active_only=True)
        if not client:
            return request.not_found()
        if not hasattr(customer_file, "read"):
            return self._render(client, error=request.env._("Choose a file."))
        content = customer_file.read(MAX_UPLOAD + 1)
        if len(content) > MAX_UPLOAD:
            return self._render(client, error=request.env._("The file is too large."))
        try:
            report = request.env["relance.insolvency.watch"]._replace_client_list(
                client, content, customer_file.filename
            )
        except UserError as err:
            return self._render(client, error=str(err))
        return self._render(client, report=report)

    def _render(self, client, report=None, error=None):
        cases = request.env["relance.insolvency.case"].search(
            [("client_id", "=", client.id), ("state", "in", ("active", "lifted"))]
        )
        watched = request.env["relance.insolvency.watch"].search_count(
            [("client_id", "=", client.id)]
        )
        values = self._prepare_portal_layout_values()
        return request.render(
            "relance_nc_insolvency.portal_my_insolvency",
            {
                **values,
                "client": client,
                "cases": cases,
                "watched_count": watched,
                "report": report,
                "error": error,
                "page_name": "insolvency",
            },
        )

    @http.route(
        "/relance/insolvency/watchlist",
        type="http",
        auth="bearer",
        methods=["POST"],
        csrf=False,
    )
    def api_upload(self, filename="customers.csv", **kwargs):
        """Replace the client's watch list with the file sent as the body."""
        client = portal_client_sudo(active_only=True)
        if not client:
            return self._json(403, {"error": "no relance.nc client for this user"})
        content = request.httprequest.get_data(cache=False)[: MAX_UPLOAD + 1]
        if not content or len(content) > MAX_UPLOAD:
            return self._json(400, {"error": "send the file as the request body"})
        try:
            report = request.env["relance.insolvency.watch"]._replace_client_list(
                client, content, str(filename)
            )
        except UserError as err:
            status = 429 if client.relance_insolvency_upload_on else 400
            return self._json(status, {"error": str(err)})
        return self._json(200, report)

    def _json(self, status, body):
        return request.make_json_response(body, status=status)

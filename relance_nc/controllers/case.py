# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.http import Controller, request, route

from .portal_access import document_sudo


class RelanceCaseEscalation(Controller):
    """The link of the 15-day email: hand an Eco case over to classic
    collection, authenticated by the case's access token.

    GET shows the offer with one button (a mail scanner following the link
    must not hand the case over); POST hands it over.
    """

    @route(
        "/relance/case/<int:case_id>/escalate",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=False,
        sitemap=False,
    )
    def relance_case_escalate(self, case_id, access_token=None, **post):
        case_sudo = document_sudo("relance.case", case_id, access_token)
        if not case_sudo:
            raise request.not_found()
        error = None
        if request.httprequest.method == "POST" and case_sudo.state in (
            "submitted",
            "sent",
        ):
            try:
                case_sudo.action_escalate()
            except UserError as err:
                error = str(err)
        return request.render(
            "relance_nc.relance_case_escalate_page",
            {"case": case_sudo, "access_token": access_token, "error": error},
        )

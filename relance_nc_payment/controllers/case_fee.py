# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.account_payment.controllers.portal import PortalAccount
from odoo.addons.relance_nc.controllers.portal_access import document_sudo

from .payment import create_transaction


class RelanceCaseFeePortal(PortalAccount):
    """The card payment of a collection case's fee on the hosted shop,
    reached by the case's access token (portal client or prospect)."""

    def _relance_fee_invoices_data(self, case_sudo):
        return {
            "partner": case_sudo.client_id.partner_id,
            "company": case_sudo.provider_company_id,
            "total_amount": case_sudo.fee_amount,
            "currency": case_sudo.currency_id,
            "amount_residual": case_sudo.fee_amount,
            "payment_reference": case_sudo.name,
            "landing_route": "/relance/case/%s/fee?access_token=%s"
            % (case_sudo.id, case_sudo.access_token),
            "transaction_route": "/relance/case/%s/fee/transaction" % case_sudo.id,
        }

    @http.route(
        "/relance/case/<int:case_id>/fee",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def relance_case_fee_page(self, case_id, access_token=None, **kwargs):
        case_sudo = document_sudo("relance.case", case_id, access_token)
        if not case_sudo:
            raise request.not_found()
        values = {"case": case_sudo, "page_name": "relance_case_fee"}
        if case_sudo.state == "fee":
            values.update(
                self._get_common_page_view_values(
                    invoices_data=self._relance_fee_invoices_data(case_sudo),
                    access_token=access_token,
                    **kwargs,
                )
            )
        return request.render("relance_nc_payment.portal_case_fee_page", values)

    @http.route(
        "/relance/case/<int:case_id>/fee/transaction", type="jsonrpc", auth="public"
    )
    def relance_case_fee_transaction(self, case_id, access_token=None, **kwargs):
        case_sudo = document_sudo("relance.case", case_id, access_token)
        if not case_sudo or case_sudo.state != "fee":
            raise ValidationError(request.env._("Nothing is left to pay on this case."))
        self._validate_transaction_kwargs(kwargs)
        return create_transaction(
            self,
            kwargs,
            partner=case_sudo.client_id.partner_id,
            currency=case_sudo.currency_id,
            amount=case_sudo.fee_amount,
            relance_case_ids=[Command.set(case_sudo.ids)],
        )

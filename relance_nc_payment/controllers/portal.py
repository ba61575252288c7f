# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.account_payment.controllers.portal import PortalAccount

from .payment import check_offered_provider, create_transaction


class RelancePaymentPortal(PortalAccount):
    """Short payment links and the balance page of several invoices."""

    def _relance_error_page(self, status, title, message):
        return request.render(
            "relance_nc_payment.portal_link_error",
            {"title": title, "message": message},
            status=status,
        )

    def _relance_link_or_error(self, link_sudo):
        """The error page of an unknown or expired link, else None."""
        if not link_sudo:
            return self._relance_error_page(
                404,
                request.env._("Payment link not found"),
                request.env._(
                    "This payment link does not exist. Check that it was copied "
                    "in full, or contact the sender of the reminder."
                ),
            )
        if link_sudo._is_expired():
            return self._relance_error_page(
                403,
                request.env._("Payment link expired"),
                request.env._(
                    "This payment link has expired. Contact the sender of the "
                    "reminder to get a new one."
                ),
            )
        return None

    @http.route(
        "/r/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def relance_short_link(self, token, **kwargs):
        """The page of a short link, rendered at once: the invoice page or the
        balance page, as their own routes render them with the link's access
        token (a redirect would cost the debtor a second round trip on a
        mobile network); the creditor's own shop is redirected to."""
        link_sudo = request.env["relance.payment.link"].sudo()
        if token.isalnum() and len(token) <= 32:
            link_sudo = link_sudo.search([("token", "=", token)], limit=1)
        error = self._relance_link_or_error(link_sudo)
        if error:
            return error
        if link_sudo.shop_url:
            # The creditor's own shop (a URL built from its checked pattern).
            return request.redirect(link_sudo.shop_url, code=303, local=False)
        self._relance_use_partner_lang(link_sudo.partner_id)
        if len(link_sudo.move_ids) == 1:
            invoice_sudo = link_sudo.move_ids.sudo()
            invoice_sudo._portal_ensure_token()
            return self.portal_my_invoice_detail(
                invoice_sudo.id, access_token=invoice_sudo.access_token
            )
        return self.relance_balance_page(
            link_sudo.id, access_token=link_sudo.access_token
        )

    def _relance_use_partner_lang(self, partner):
        """Render in the debtor's language (French, mostly) when it is active,
        as the page's own URL with that language's prefix would."""
        lang = partner.lang
        if lang and request.env["ir.http"].get_nearest_lang(lang) == lang:
            request.lang = request.env["res.lang"]._get_data(code=lang)
            request.update_context(lang=lang)
            if request.cookies.get("frontend_lang") != lang:
                request.future_response.set_cookie("frontend_lang", lang)

    def _relance_balance_link(self, link_id, access_token):
        link_sudo = request.env["relance.payment.link"].sudo().browse(link_id).exists()
        if link_sudo and not link_sudo._check_access_token(access_token):
            return link_sudo, self._relance_error_page(
                403,
                request.env._("Invalid payment link"),
                request.env._("This payment link is not valid."),
            )
        return link_sudo, self._relance_link_or_error(link_sudo)

    @http.route(
        "/relance/balance/<int:link_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def relance_balance_page(self, link_id, access_token=None, **kwargs):
        link_sudo, error = self._relance_balance_link(link_id, access_token)
        if error:
            return error
        invoices = link_sudo.move_ids.filtered(lambda m: m._has_to_be_paid())
        values = {
            "page_name": "relance_balance",
            "link": link_sudo,
            "invoices": invoices,
            "paid_invoices": link_sudo.move_ids - invoices,
        }
        if invoices:
            currency = invoices[0].currency_id
            invoices = invoices.filtered(lambda m: m.currency_id == currency)
            amount = sum(invoices.mapped("amount_residual"))
            values.update(
                self._get_common_page_view_values(
                    invoices_data={
                        "partner": invoices[0].partner_id,
                        "company": invoices[0].company_id,
                        "total_amount": amount,
                        "currency": currency,
                        "amount_residual": amount,
                        "payment_reference": invoices[0].name
                        if len(invoices) == 1
                        else False,
                        "landing_route": link_sudo._get_target_path(),
                        "transaction_route": "/relance/balance/%s/transaction"
                        % link_sudo.id,
                    },
                    # Query parameters are not passed on: stray ones (e.g.
                    # currency_id=…) would reach the provider search.
                    access_token=access_token,
                )
            )
            values.update({"invoices": invoices, "amount": amount})
        return request.render("relance_nc_payment.portal_balance_page", values)

    @http.route(
        "/relance/balance/<int:link_id>/transaction", type="jsonrpc", auth="public"
    )
    def relance_balance_transaction(self, link_id, access_token=None, **kwargs):
        link_sudo, error = self._relance_balance_link(link_id, access_token)
        if error:
            raise ValidationError(request.env._("This payment link is not valid."))
        invoices = link_sudo.move_ids.filtered(lambda m: m._has_to_be_paid())
        if not invoices:
            raise ValidationError(request.env._("Nothing is left to pay."))
        currency = invoices[0].currency_id
        invoices = invoices.filtered(lambda m: m.currency_id == currency)
        self._validate_transaction_kwargs(kwargs)
        check_offered_provider(
            kwargs.get("provider_id"), invoices, invoices[0].partner_id
        )
        return create_transaction(
            self,
            kwargs,
            partner=invoices[0].partner_id,
            currency=currency,
            amount=sum(invoices.mapped("amount_residual")),
            invoice_ids=[Command.set(invoices.ids)],
        )

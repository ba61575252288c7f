# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request, route

from odoo.addons.account_payment.controllers.payment import PaymentPortal


def check_offered_provider(provider_id, invoices, partner, amount=None):
    """Refuse a provider that the payment form does not offer for ``invoices``.

    The payer posts the provider's id; only the providers the creditor's
    configuration offers on the invoice's page (its own, or the hosted shop of
    its provider company, enabled or in test mode, for that currency and
    amount) are accepted, never one of another company picked by the client.

    :raise ValidationError: the provider is not offered.
    """
    invoices = invoices.sudo()
    if (
        amount is None
        or isinstance(amount, bool)
        or not isinstance(amount, int | float)
    ):
        amount = sum(invoices.mapped("amount_residual"))
    offered = (
        request.env["payment.provider"]
        .sudo()
        ._get_compatible_providers(
            invoices[:1].company_id.id,
            partner.id,
            amount,
            currency_id=invoices[:1].currency_id.id,
        )
    )
    if isinstance(provider_id, bool) or provider_id not in offered.ids:
        raise ValidationError(
            request.env._("This payment method is not offered for this invoice.")
        )


def create_transaction(portal, kwargs, partner, currency, amount, **create_values):
    """Create the transaction of a relance.nc payment page for ``partner``
    (``kwargs`` as the payment form posts them, already validated, and
    ``create_values`` for the transaction) and return its processing values."""
    kwargs.update(
        {
            "currency_id": currency.id,
            "partner_id": partner.id,
            "amount": amount,
            "reference_prefix": None,
        }
    )
    tx_sudo = portal._create_transaction(custom_create_values=create_values, **kwargs)
    return tx_sudo._get_processing_values()


class RelanceInvoicePayment(PaymentPortal):
    @route()
    def invoice_transaction(self, invoice_id, access_token, **kwargs):
        """Only the providers offered on the invoice's page may pay it."""
        try:
            invoice_sudo = self._document_check_access(
                "account.move", invoice_id, access_token
            )
        except (AccessError, MissingError):
            return super().invoice_transaction(invoice_id, access_token, **kwargs)
        logged_in = not request.env.user._is_public()
        partner = request.env.user.partner_id if logged_in else invoice_sudo.partner_id
        check_offered_provider(
            kwargs.get("provider_id"), invoice_sudo, partner, kwargs.get("amount")
        )
        return super().invoice_transaction(invoice_id, access_token, **kwargs)

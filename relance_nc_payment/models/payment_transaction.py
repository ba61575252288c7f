# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.tools import email_normalize
from odoo.tools.urls import urljoin

from .. import const
from ..tools import lyra

_logger = logging.getLogger(__name__)

RETURN_ROUTE = "/payment/relance_lyra/return"
IPN_ROUTE = "/payment/relance_lyra/ipn"


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    # What the processor tells us about the card: the brand and the last four
    # digits only (the processor already masks the number); nothing else of
    # the card is stored.
    relance_card_brand = fields.Char(string="Card Brand", readonly=True, copy=False)
    relance_card_number = fields.Char(string="Card", readonly=True, copy=False)
    relance_payer_email = fields.Char(string="Payer Email", readonly=True, copy=False)
    relance_threeds_status = fields.Char(
        string="3-D Secure Result", readonly=True, copy=False
    )
    relance_lyra_status = fields.Char(
        string="Processor Status", readonly=True, copy=False
    )
    relance_auth_number = fields.Char(
        string="Authorization Number", readonly=True, copy=False
    )
    relance_receipt_sent = fields.Boolean(
        string="Ticket Sent", readonly=True, copy=False
    )

    # === RENDERING === #

    def _relance_lyra_form_values(self):
        """The signed ``vads_*`` fields posted to the hosted payment page."""
        self.ensure_one()
        provider = self.provider_id
        company = self.company_id
        currency_code, digits = const.CURRENCY_CODES[self.currency_id.name]
        base_url = provider.get_base_url()
        lang = (self.partner_lang or "fr").split("_")[0]
        values = {
            "vads_action_mode": "INTERACTIVE",
            "vads_amount": lyra.form_amount(self.amount, digits),
            "vads_ctx_mode": provider._relance_lyra_ctx_mode(),
            "vads_currency": currency_code,
            "vads_cust_email": self.partner_email or "",
            "vads_cust_id": str(self.partner_id.id),
            "vads_cust_name": (self.partner_name or "")[:63],
            "vads_language": lang if lang in ("fr", "en") else "fr",
            "vads_order_id": self.reference,
            "vads_page_action": "PAYMENT",
            "vads_payment_cards": ";".join(provider._relance_lyra_card_brands(company)),
            "vads_payment_config": "SINGLE",
            "vads_return_mode": "POST",
            "vads_site_id": provider.relance_lyra_site_id or "",
            "vads_threeds_mpi": const.THREEDS_MPI[
                provider._relance_lyra_threeds_mode(company)
            ],
            "vads_trans_date": fields.Datetime.now().strftime("%Y%m%d%H%M%S"),
            "vads_trans_id": lyra.trans_id(self.id),
            "vads_url_check": urljoin(base_url, IPN_ROUTE),
            "vads_url_return": urljoin(base_url, RETURN_ROUTE),
            "vads_version": "V2",
        }
        values["signature"] = provider._relance_lyra_sign(values)
        return values

    def _get_specific_rendering_values(self, processing_values):
        if self.provider_code != const.PROVIDER_CODE:
            return super()._get_specific_rendering_values(processing_values)
        values = self._relance_lyra_form_values()
        return {
            "api_url": self.provider_id._relance_lyra_get_api_url(),
            "form_fields": sorted(values.items()),
        }

    # === PROCESSING === #

    @api.model
    def _extract_reference(self, provider_code, payment_data):
        if provider_code != const.PROVIDER_CODE:
            return super()._extract_reference(provider_code, payment_data)
        return payment_data.get("vads_order_id")

    def _extract_amount_data(self, payment_data):
        if self.provider_code != const.PROVIDER_CODE:
            return super()._extract_amount_data(payment_data)
        by_number = {
            num: (name, dig) for name, (num, dig) in const.CURRENCY_CODES.items()
        }
        currency_code, digits = by_number.get(
            payment_data.get("vads_currency") or "", (None, 0)
        )
        try:
            amount = lyra.parse_amount(payment_data.get("vads_amount"), digits)
        except (TypeError, ValueError):
            amount = None
        return {
            "amount": amount,
            "currency_code": currency_code,
            "precision_digits": digits,
        }

    def _apply_updates(self, payment_data):
        if self.provider_code != const.PROVIDER_CODE:
            return super()._apply_updates(payment_data)
        self.provider_reference = payment_data.get(
            "vads_trans_uuid"
        ) or payment_data.get("vads_trans_id")
        brand = payment_data.get("vads_card_brand") or ""
        method_code = const.PAYMENT_METHODS_MAPPING.get(brand)
        method = method_code and self.env["payment.method"].with_context(
            active_test=False
        ).search([("code", "=", method_code)], limit=1)
        status = payment_data.get("vads_trans_status") or ""
        self.write(
            {
                "payment_method_id": (method or self.payment_method_id).id,
                "relance_card_brand": brand or self.relance_card_brand,
                "relance_card_number": lyra.mask_card_number(
                    payment_data.get("vads_card_number")
                )
                or self.relance_card_number,
                "relance_payer_email": email_normalize(
                    payment_data.get("vads_cust_email") or ""
                )
                or self.relance_payer_email,
                "relance_threeds_status": payment_data.get("vads_threeds_status")
                or self.relance_threeds_status,
                "relance_lyra_status": status,
                "relance_auth_number": payment_data.get("vads_auth_number")
                or self.relance_auth_number,
            }
        )
        group = lyra.status_group(status)
        if group == "done":
            self._set_done()
        elif group == "pending":
            self._set_pending()
        elif group == "cancel":
            self._set_canceled(
                state_message=self.env._("The payment was abandoned on the card page.")
            )
        else:
            self._set_error(
                self.env._(
                    "The card payment was refused (%(status)s, code %(code)s).",
                    status=status or "?",
                    code=payment_data.get("vads_auth_result") or "-",
                )
            )

    # === POST-PROCESSING: RECEIPTS === #

    def _post_process(self):
        res = super()._post_process()
        for tx in self.filtered(
            lambda t: (
                t.provider_code == const.PROVIDER_CODE
                and t.state == "done"
                and not t.relance_receipt_sent
            )
        ):
            tx._relance_send_receipts()
        return res

    def _relance_send_receipts(self):
        """The payment ticket: to the payer if known, always to the creditor."""
        self.ensure_one()
        template = self.env.ref(
            "relance_nc_payment.mail_template_payment_ticket", raise_if_not_found=False
        )
        if not template:
            return
        recipients = []
        if self.relance_payer_email:
            recipients.append((self.relance_payer_email, self.partner_lang))
        company = self.company_id
        if company.email:
            recipients.append((company.email, company.partner_id.lang))
        langs = self.env["res.lang"]
        for email, lang in recipients:
            # In the recipient's language when installed (French for most).
            lang = lang if lang and langs._lang_get(lang) else "fr_FR"
            if not langs._lang_get(lang):
                lang = self.env.lang
            template.with_context(lang=lang).sudo().send_mail(
                self.id,
                email_values={"email_to": email, "recipient_ids": []},
                force_send=False,
            )
        self.relance_receipt_sent = True
        _logger.info(
            "Payment ticket of %s sent to %d recipient(s)",
            self.reference,
            len(recipients),
        )

    def _relance_ticket_amount(self):
        self.ensure_one()
        return self.env["ir.qweb.field.monetary"].value_to_html(
            self.amount, {"display_currency": self.currency_id}
        )

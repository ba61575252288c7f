# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from markupsafe import Markup

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
    relance_processor_amount = fields.Monetary(
        string="Processor Amount",
        readonly=True,
        copy=False,
        help="The amount of the processor's last notification, when it differs "
        "from the transaction's.",
    )
    relance_amount_mismatch = fields.Boolean(
        string="Amount Differs",
        readonly=True,
        copy=False,
        index=True,
        help="The processor reported another amount: the payment is not paid "
        "out until the provider has settled the difference.",
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
    def _compute_reference(self, provider_code, prefix=None, separator="-", **kwargs):
        """Lyra takes ``[0-9A-Za-z_-]`` only in ``vads_order_id``: the invoice
        names' slashes become dashes."""
        if provider_code == const.PROVIDER_CODE:
            prefix = lyra.order_id_prefix(
                prefix or self.sudo()._compute_reference_prefix(separator, **kwargs)
            )
        return super()._compute_reference(
            provider_code, prefix=prefix, separator=separator, **kwargs
        )

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

    def _validate_amount(self, payment_data):
        """Record the processor's amount when it differs, and alert."""
        super()._validate_amount(payment_data)
        if self.provider_code != const.PROVIDER_CODE:
            return
        amount = self._extract_amount_data(payment_data)["amount"]
        if amount is None or self.currency_id.compare_amounts(amount, self.amount) == 0:
            return
        if self.relance_amount_mismatch and not self.currency_id.compare_amounts(
            amount, self.relance_processor_amount
        ):
            return  # the same difference told again
        self.write(
            {"relance_processor_amount": amount, "relance_amount_mismatch": True}
        )
        if self.state != "done":
            # Refused by the framework (state error): a person must look at it.
            self._relance_alert(
                self.env._(
                    "The card processor reported %(amount)s for payment "
                    "%(reference)s of %(expected)s: the payment was not recorded.",
                    amount=amount,
                    reference=self.reference,
                    expected=self.amount,
                )
            )

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
        if self.state == "done":
            self._relance_lyra_after_done(payment_data, group, status)
        elif group == "done":
            self._set_done()
        elif group == "authorized":
            # Authorised, captured only once validated in the processor's back
            # office: not paid yet. Pending, since Odoo itself captures nothing
            # for this provider (the framework's 'authorized' state needs
            # manual capture support).
            self._set_pending(
                state_message=self.env._(
                    "The card payment is authorised and waits for its validation "
                    "in the processor's back office."
                )
            )
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

    def _relance_lyra_after_done(self, payment_data, group, status):
        """A later notification about a payment already done.

        The processor's back office (``vads_url_check_src=BO``) tells that the
        payment was cancelled, expired, failed at capture, or captured for a
        lower amount. Not yet paid out and lost in full: the transaction is
        cancelled as the payment framework does (its payment is cancelled,
        the invoices are due again). Otherwise what is lost becomes a
        rejection, deducted from the client's next payout, of which the
        creditor is told. The creditor and the provider are alerted.
        """
        self.ensure_one()
        full = group in ("cancel", "error")
        if full:
            lost = self.amount
        elif self.relance_amount_mismatch:
            lost = self.amount - self.relance_processor_amount
        else:
            return  # the same payment told again
        lost -= sum(self.sudo().relance_rejection_ids.mapped("amount"))
        if self.currency_id.compare_amounts(lost, 0) <= 0:
            return  # already settled (a replayed notification)
        message = self.env._(
            "The card processor reports payment %(reference)s as %(status)s "
            "after it was confirmed: %(amount)s is not collected.",
            reference=self.reference,
            status=status or "?",
            amount=lost,
        )
        if full and not self.relance_payout_id:
            self._set_canceled(state_message=message, extra_allowed_states=("done",))
            self.relance_amount_mismatch = False
        else:
            self._relance_reject(lost, message, cancel=full)
        self._relance_alert(message)

    def _relance_reject(self, amount, message, cancel):
        """Record ``amount`` of this hosted shop payment as rejected."""
        self.ensure_one()
        company = self._relance_payout_company()
        if not company:
            return  # not paid out by relance.nc: the alert is all we can do
        self.env["relance.payment.rejection"].sudo().with_company(company).create(
            {
                "company_id": company.id,
                "transaction_id": self.id,
                "amount": amount,
                "reason": "rejected",
                "note": message,
            }
        )
        self.relance_amount_mismatch = False
        if cancel:
            self._set_canceled(state_message=message, extra_allowed_states=("done",))
            # The rejection books the creditor's side: the payment stays.
            self.is_post_processed = True

    def _relance_payout_company(self):
        """The company that pays this payment out (or did), if any."""
        self.ensure_one()
        if self.relance_payout_id:
            return self.relance_payout_id.company_id
        if not self.provider_id.relance_payout:
            return self.env["res.company"]
        client = self.relance_client_id
        # a handful of companies: every one may be a provider
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        return companies.filtered(lambda c: client.with_company(c).relance_client)[:1]

    def _relance_alert(self, message):
        """Tell the creditor and the provider that a payment needs a look."""
        self.ensure_one()
        self._log_message_on_linked_documents(message)
        companies = (
            (self.invoice_ids[:1].company_id or self.company_id)
            | self.provider_id.company_id
            | self._relance_payout_company()
        )
        emails = [email for email in companies.sudo().mapped("email") if email]
        if not emails:
            return
        self.env["mail.mail"].sudo().create(
            {
                "subject": self.env._(
                    "Card payment %(reference)s needs your attention",
                    reference=self.reference,
                ),
                "body_html": Markup("<p>%s</p>") % message,
                "email_to": ",".join(emails),
                "model": self._name,
                "res_id": self.id,
            }
        )
        _logger.warning("Card payment alert: %s", message)

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

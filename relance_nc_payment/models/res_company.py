# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import string
from urllib.parse import quote

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.relance_nc.tools import urls

from .. import const


class ResCompany(models.Model):
    _inherit = "res.company"

    relance_pay_link_target = fields.Selection(
        const.LINK_TARGETS,
        string="Payment Link Target",
        default="none",
        required=True,
        help="Where reminders send customers to pay: the relance.nc hosted shop "
        "(the invoice's portal page, paid by card) or the creditor's own shop.",
    )
    relance_pay_url_pattern = fields.Char(
        string="Own Shop URL",
        help="URL of the creditor's own shop, with placeholders {reference}, "
        "{amount}, {partner} and {currency}, e.g. "
        "https://shop.example.nc/pay?ref={reference}&amount={amount}",
    )
    relance_threeds_mode = fields.Selection(
        const.THREEDS_MODES,
        string="3-D Secure",
        help="Overrides the hosted shop's 3-D Secure mode for this creditor; "
        "empty: the provider's setting.",
    )
    relance_payment_brand_ids = fields.One2many(
        "relance.payment.brand", "company_id", string="Accepted Card Brands"
    )

    @api.model
    def _relance_pattern_error(self, pattern):
        """Translated reason why an own-shop URL pattern is wrong, or ''."""
        insecure = self.env._(
            "The own shop URL must start with https:// (http:// only for this machine)."
        )
        if not pattern.lower().startswith(("https://", "http://")):
            return insecure
        try:
            parts = list(string.Formatter().parse(pattern))
        except ValueError:
            return self.env._("The own shop URL has an unbalanced brace.")
        allowed = ", ".join("{%s}" % name for name in const.LINK_PLACEHOLDERS)
        for _text, name, spec, conversion in parts:
            if name is None:
                continue
            if name not in const.LINK_PLACEHOLDERS or spec or conversion:
                return self.env._(
                    "Unknown placeholder {%(name)s} in the own shop URL; "
                    "use %(allowed)s.",
                    name=name,
                    allowed=allowed,
                )
        sample = pattern.format(**dict.fromkeys(const.LINK_PLACEHOLDERS, "0"))
        if not urls.is_secure_url(sample):
            return insecure
        return ""

    @api.constrains("relance_pay_link_target", "relance_pay_url_pattern")
    def _check_relance_pay_url_pattern(self):
        for company in self:
            pattern = company.relance_pay_url_pattern
            if company.relance_pay_link_target == "own" and not pattern:
                raise ValidationError(
                    self.env._("Enter the URL of the own shop to send payment links.")
                )
            error = pattern and self._relance_pattern_error(pattern)
            if error:
                raise ValidationError(error)

    @api.constrains("relance_pay_link_target")
    def _check_relance_pay_link_hosted(self):
        """The provider's hosted shop is the client's "Card payment" option:
        a hosted client without it cannot choose it."""
        for company in self.filtered(lambda c: c.relance_pay_link_target == "hosted"):
            client = company._relance_client()
            if client:
                client._check_option("payment")

    def _relance_hosted_payment_allowed(self):
        """Whether payment links may lead to the provider's hosted shop: not
        for a hosted client whose file lacks the card payment option."""
        self.ensure_one()
        client = self._relance_client()
        return not client or (
            client.state == "active" and client._has_option("payment")
        )

    def _relance_own_shop_url(self, reference, amount, partner, currency):
        """The own-shop URL with its placeholders replaced (URL-encoded)."""
        self.ensure_one()
        values = {
            "reference": reference,
            "amount": currency.round(amount) if currency else amount,
            "partner": partner,
            "currency": currency.name if currency else "",
        }
        if currency and currency.decimal_places == 0:
            values["amount"] = int(values["amount"])
        encoded = {key: quote(str(value), safe="") for key, value in values.items()}
        return self.relance_pay_url_pattern.format(**encoded)

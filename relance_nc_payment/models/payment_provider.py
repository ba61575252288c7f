# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.relance_nc.tools import urls

from .. import const
from ..tools import lyra


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(
        selection_add=[(const.PROVIDER_CODE, "relance.nc hosted shop (Lyra)")],
        ondelete={const.PROVIDER_CODE: "set default"},
    )
    relance_lyra_site_id = fields.Char(
        string="Shop ID",
        help="The shop identifier (vads_site_id) given by the processor.",
        required_if_provider=const.PROVIDER_CODE,
        copy=False,
    )
    relance_lyra_test_key = fields.Char(
        string="Test Key",
        required_if_provider=const.PROVIDER_CODE,
        copy=False,
        groups="base.group_system",
    )
    relance_lyra_production_key = fields.Char(
        string="Production Key",
        copy=False,
        groups="base.group_system",
    )
    relance_lyra_brand = fields.Selection(
        const.BRANDS,
        string="Platform",
        default="epaync",
        required_if_provider=const.PROVIDER_CODE,
        help="Which Lyra white label hosts the payment page.",
    )
    relance_lyra_custom_url = fields.Char(
        string="Payment Page URL",
        help="Payment form URL (API V2) when the platform is 'Custom URL'.",
    )
    relance_lyra_threeds = fields.Selection(
        const.THREEDS_MODES,
        string="3-D Secure",
        default="required",
        help="Default for every creditor; a creditor company may override it.",
    )

    @api.constrains("code", "relance_lyra_brand", "relance_lyra_custom_url")
    def _check_relance_lyra_custom_url(self):
        for provider in self.filtered(lambda p: p.code == const.PROVIDER_CODE):
            url = provider.relance_lyra_custom_url or ""
            if provider.relance_lyra_brand == "custom" and not urls.is_secure_url(url):
                raise ValidationError(
                    self.env._(
                        "Enter the https:// URL of the payment page (http:// only "
                        "for this machine)."
                    )
                )

    # === BUSINESS METHODS === #

    def _get_supported_currencies(self):
        supported = super()._get_supported_currencies()
        if self.code == const.PROVIDER_CODE:
            supported = supported.filtered(lambda c: c.name in const.CURRENCY_CODES)
        return supported

    def _get_default_payment_method_codes(self):
        codes = super()._get_default_payment_method_codes()
        if self.code != const.PROVIDER_CODE:
            return codes
        return const.DEFAULT_PAYMENT_METHOD_CODES

    def _relance_lyra_get_api_url(self):
        self.ensure_one()
        if self.relance_lyra_brand == "custom":
            return self.relance_lyra_custom_url
        return const.BRAND_ENDPOINTS[self.relance_lyra_brand or "epaync"]

    def _relance_lyra_get_key(self):
        """The key of the provider's mode; none when it is disabled."""
        self.ensure_one()
        provider = self.sudo()
        if provider.state == "enabled":
            return provider.relance_lyra_production_key
        if provider.state == "test":
            return provider.relance_lyra_test_key
        return False

    def _relance_lyra_ctx_mode(self):
        self.ensure_one()
        return "PRODUCTION" if self.state == "enabled" else "TEST"

    def _relance_lyra_sign(self, values):
        """Sign ``values``; a disabled provider (or one without key) signs
        nothing.

        :raise UserError: the provider is disabled or has no key.
        """
        self.ensure_one()
        key = self._relance_lyra_get_key()
        if not key:
            raise UserError(
                self.env._(
                    "The payment provider %(provider)s is disabled or has no key.",
                    provider=self.name,
                )
            )
        return lyra.sign(values, key)

    def _relance_lyra_verify(self, values, signature):
        """Whether ``signature`` signs ``values`` with the key of the provider's
        mode and the values name its shop and mode; a disabled provider
        verifies nothing."""
        self.ensure_one()
        key = self._relance_lyra_get_key()
        return bool(
            key
            and lyra.verify(values, signature, key)
            and values.get("vads_site_id") == self.relance_lyra_site_id
            and values.get("vads_ctx_mode") == self._relance_lyra_ctx_mode()
        )

    def _relance_lyra_threeds_mode(self, company):
        """3-D Secure mode for a creditor company: its own, else the provider's."""
        self.ensure_one()
        return company.relance_threeds_mode or self.relance_lyra_threeds or "required"

    def _relance_lyra_card_brands(self, company):
        """Accepted brands: the default ones, plus those enabled for the creditor."""
        brands = list(const.DEFAULT_CARD_BRANDS)
        extra = (
            self.env["relance.payment.brand"]
            .sudo()
            .search([("company_id", "=", company.id), ("active", "=", True)])
        )
        for code in extra.mapped("brand"):
            if code not in brands:
                brands.append(code)
        return brands

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import new_test_user

from .common import RelanceInvoiceCommon


class RelanceProviderCommon(RelanceInvoiceCommon):
    """A provider (CRDC Nouméa) and clients: the test company as a hosted
    creditor, and a creditor working through the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        context = dict(cls.env.context)
        context.pop("allowed_company_ids")
        cls.env = cls.env(context=context)
        cls.provider = cls.setup_other_company(name="CRDC Nouméa")["company"]
        cls.provider.write({"relance_is_provider": True})
        cls.provider.partner_id.tz = "Pacific/Noumea"
        cls.env.user.company_ids |= cls.provider
        cls.env.user.group_ids |= cls.env.ref(
            "relance_nc.group_relance_provider_manager"
        )
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=(cls.company | cls.provider).ids,
            )
        )
        cls.options = cls.env["relance.service.option"].search([])
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Tarif Boulangeries",
                "company_id": cls.provider.id,
                "currency_id": cls.provider.currency_id.id,
            }
        )
        cls.client = cls._create_client(
            cls.company.partner_id, hosted_company_id=cls.company.id
        )
        cls.portal_creditor = cls.env["res.partner"].create(
            {"name": "Quincaillerie de Koné", "is_company": True}
        )
        cls.portal_client = cls._create_client(cls.portal_creditor)
        cls.sms = cls.env.ref("relance_nc.product_service_sms")
        cls.email = cls.env.ref("relance_nc.product_service_email")
        cls.call = cls.env.ref("relance_nc.product_service_call")
        cls.Usage = cls.env["relance.usage.line"]

    @classmethod
    def _create_client(cls, partner, **vals):
        return cls.env["relance.client"].create(
            {
                "company_id": cls.provider.id,
                "partner_id": partner.id,
                "state": "active",
                "option_ids": [Command.set(cls.options.ids)],
                "pricelist_id": cls.pricelist.id,
                **vals,
            }
        )

    @classmethod
    def _portal_user(cls, partner, login):
        contact = cls.env["res.partner"].create(
            {
                "name": f"Contact {login}",
                "parent_id": partner.id,
                "email": f"{login}@ex.nc",
            }
        )
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            company_id=cls.provider.id,
        )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    relance_is_provider = fields.Boolean(
        string="relance.nc Provider",
        help="This company sells relance.nc services to client creditors "
        "(CRDC Nouméa, CRDC Tahiti).",
    )
    relance_client_ids = fields.One2many(
        "relance.client", "company_id", string="relance.nc Clients"
    )

    def _relance_client(self):
        """The ``relance.client`` (sudo, maybe empty) of this hosted creditor
        company: the active client record of a provider."""
        self.ensure_one()
        return (
            self.env["relance.client"]
            .sudo()
            .search(
                [("hosted_company_id", "=", self.id), ("state", "!=", "closed")],
                order="state, id",
                limit=1,
            )
        )

    def write(self, vals):
        res = super().write(vals)
        if {"relance_is_provider", "account_fiscal_country_id"} & vals.keys():
            self._relance_setup_tgc()
        return res

    def _relance_setup_tgc(self):
        """Give each New Caledonian provider of ``self`` (with a chart of
        accounts) its sale tax TGC on services and set it on the service
        products for that company; idempotent.

        Rate: the TGC's "taux spécifique" of 6 % that applies to services in
        general (Code des impôts de la Nouvelle-Calédonie, TGC rates fixed by
        the Congress on 22 August 2018; see ``readme/CONFIGURE.md``). French
        Polynesian providers (TVA) are left to their chart of accounts.
        """
        nc = self.env.ref("base.nc")
        for company in self.filtered(
            lambda c: (
                c.relance_is_provider
                and c.account_fiscal_country_id == nc
                and c.chart_template
            )
        ):
            tax = company._relance_tgc_tax()
            products = (
                self.env["relance.service.option"]
                .sudo()
                .with_context(active_test=False)
                .search([("product_ids", "!=", False)])
                .product_ids
            )
            for template in products.product_tmpl_id:
                if tax not in template.taxes_id:
                    template.taxes_id = (
                        template.taxes_id.filtered(
                            lambda t, company=company: t.company_id != company
                        )
                        | tax
                    )

    def _relance_tgc_tax(self):
        """The provider's TGC sale tax on services (created on first use)."""
        self.ensure_one()
        xmlid = f"relance_nc.{self.id}_tax_tgc_services"
        tax = self.env.ref(xmlid, raise_if_not_found=False)
        if tax:
            return tax
        tax_sudo_model = self.env["account.tax"].sudo()
        group = (
            self.env["account.tax.group"]
            .sudo()
            .create(
                {
                    "name": self.env._("TGC 6%"),
                    "company_id": self.id,
                    "country_id": self.account_fiscal_country_id.id,
                }
            )
        )
        tax_account = self.account_sale_tax_id.invoice_repartition_line_ids.filtered(
            lambda line: line.repartition_type == "tax"
        ).account_id[:1]
        repartition = [
            Command.create({"repartition_type": "base"}),
            Command.create(
                {"repartition_type": "tax", "account_id": tax_account.id or False}
            ),
        ]
        tax = tax_sudo_model.create(
            {
                "name": self.env._("TGC 6% (services)"),
                "description": "TGC 6%",
                "invoice_label": "TGC 6%",
                "amount_type": "percent",
                "amount": 6.0,
                "type_tax_use": "sale",
                "company_id": self.id,
                "country_id": self.account_fiscal_country_id.id,
                "tax_group_id": group.id,
                "invoice_repartition_line_ids": repartition,
                "refund_repartition_line_ids": repartition,
            }
        )
        self.env["ir.model.data"].sudo()._update_xmlids(
            [{"xml_id": xmlid, "record": tax, "noupdate": True}]
        )
        return tax

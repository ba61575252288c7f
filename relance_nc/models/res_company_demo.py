# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.tools import file_open

from .relance_sms_demo import RelanceSmsDemoApi

DEMO_COMPANY_XMLID = "relance_nc.demo_company_creditor"


class ResCompany(models.Model):
    """Demo data of the creditor (demo/relance_nc_demo.xml)."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.relance_sms_provider == "demo":
            return RelanceSmsDemoApi
        return super()._get_sms_api_class()

    @api.model
    def _relance_load_demo(self):
        """Create the demo creditor (New Caledonia, XPF, Pacific/Noumea) with its
        customers, overdue invoices and a registry extract, log the admin in it
        and live its last weeks of reminders (``_relance_demo_history``).

        Done in Python because the company needs its chart of accounts loaded
        before invoices can be posted.
        """
        company = self._relance_demo_company()
        # the option add-ons' demo data find the creditor by this name
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": DEMO_COMPANY_XMLID, "record": company, "noupdate": True}]
        )
        partners = self._relance_demo_partners(company)
        self._relance_demo_invoices(company, partners)
        self._relance_demo_registry()
        admin = self.env.ref("base.user_admin")
        admin_vals = {
            "company_ids": [Command.link(company.id)],
            "company_id": company.id,
            "tz": "Pacific/Noumea",
        }
        if self.env["res.lang"]._lang_get("fr_FR"):
            admin_vals["lang"] = "fr_FR"
        admin.write(admin_vals)
        company._relance_demo_history()

    @api.model
    def _relance_demo_company(self):
        company = self._relance_demo_create_company(
            {
                "name": "Nouméa Fournitures SARL",
                "street": "12 rue de Sébastopol",
                "zip": "98800",
                "city": "Nouméa",
                "phone": "+687 27 12 34",
                "email": "compta@noumea-fournitures.example.nc",
                "ridet": "0123455001",
            }
        )
        # the chart made it fiscally American: corrected before any entry
        # (its demo invoices have no taxes)
        company.account_fiscal_country_id = self.env.ref("base.nc")
        return company

    @api.model
    def _relance_demo_create_company(self, vals):
        """A demo company of New Caledonia in XPF (Pacific/Noumea) with its
        chart of accounts: the demo creditor, and CRDC Nouméa as provider
        (``relance.client._relance_demo_provider``)."""
        nc, xpf = self.env.ref("base.nc"), self.env.ref("base.XPF")
        xpf.active = True
        company = self.create(
            dict(
                vals,
                country_id=nc.id,
                currency_id=xpf.id,
                # before the chart: its taxes take the fiscal country
                account_fiscal_country_id=nc.id,
            )
        )
        company.partner_id.tz = "Pacific/Noumea"
        # generic_coa is the chart Odoo picks for New Caledonia; it sets its
        # own currency and fiscal country (see _relance_demo_company).
        # _load, not try_loading: the latter warns while modules are installing.
        self.env["account.chart.template"]._load("generic_coa", company, False)
        company.currency_id = xpf
        return company

    @api.model
    def _relance_demo_partners(self, company):
        nc, pf = self.env.ref("base.nc"), self.env.ref("base.pf")
        common = {
            "is_company": True,
            "customer_rank": 1,
            "company_id": company.id,
            "lang": "fr_FR" if self.env["res.lang"]._lang_get("fr_FR") else False,
        }
        specs = [
            ("Boulangerie du Caillou", "0456780001", "Nouméa", nc, "75 12 34"),
            ("Transports Kanak Express", "1010107", "Dumbéa", nc, "27 45 67"),
            ("Pharmacie de l'Anse Vata", "1133552002", "Nouméa", nc, "87 65 43"),
            ("Garage du Mont-Dore", "0987651001", "Mont-Dore", nc, "401234"),
            ("Société Minière du Nord", "1200013001", "Koné", nc, "79 11 22"),
            # checksum warning: probably mistyped
            ("Restaurant Le Lagon", "0777772001", "Nouméa", nc, "78 90 12"),
            ("Épicerie de Païta", False, "Païta", nc, "74 33 21"),
            ("Pension Fare Ura", False, "Papeete", pf, "87 12 34 56"),
        ]
        streets = [
            "14 rue de l'Alma",
            "3 route de la Baie des Dames",
            "120 promenade Roger Laroque",
            "8 route du Sud",
            "2 avenue Foch",
            "45 rue Jules Garnier",
            "RT1, lot 12",
            "Avenue Pouvanaa a Oopa",
        ]
        partners = self.env["res.partner"].create(
            [
                dict(
                    common,
                    name=name,
                    street=street,
                    ridet=ridet,
                    city=city,
                    zip="98800" if country == nc else "98714",
                    country_id=country.id,
                    phone=phone,
                    email=f"contact@{name.split()[0].lower()}.example.nc",
                )
                for (name, ridet, city, country, phone), street in zip(
                    specs, streets, strict=True
                )
            ]
        )
        partners[-1].tahiti = "F95709-001"
        return partners

    @api.model
    def _relance_demo_invoices(self, company, partners):
        today = fields.Date.context_today(self)
        moves = self.env["account.move"].with_company(company)
        amounts = [125000, 48500, 310000, 15750, 980000, 62300, 7200, 214000]
        ages = [5, 20, 40, 70, 100, 130, 12, 45]
        vals_list = []
        for partner, amount, age in zip(partners, amounts, ages, strict=True):
            for part, days in ((1.0, age), (0.4, age // 2)):
                due = today - timedelta(days=days)
                vals_list.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": due - timedelta(days=30),
                        "invoice_date_due": due,
                        "currency_id": company.currency_id.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Fournitures de bureau",
                                    "quantity": 1,
                                    "price_unit": round(amount * part),
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
        moves.create(vals_list).action_post()

    @api.model
    def _relance_demo_registry(self):
        """A small registry extract, so that the customer check has findings."""
        with file_open("relance_nc/demo/ridet_etablissements_demo.csv", "rb") as file:
            self.env["relance.registry.import"]._import_file(
                file.read(), "ridet_etablissements_demo.csv", complete=False
            )

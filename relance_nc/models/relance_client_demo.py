# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, api, models

# (name, RIDET, city, billing mode, portal login) of the two portal clients
DEMO_PORTAL_CLIENTS = [
    ("Quincaillerie de Koné", "0765432001", "Koné", "card", "kone"),
    ("Cabinet Médical de Lifou", "1122334001", "Lifou", "deferred", "lifou"),
]
# (option code, product xmlid, events in the month, quantity per event)
DEMO_USAGE = [
    ("email", "relance_nc.product_service_email", 40, 1),
    ("sms", "relance_nc.product_service_sms", 25, 2),
    ("call", "relance_nc.product_service_call", 6, 1),
    ("data_update", "relance_nc.product_service_data_check", 1, 120),
]


class RelanceClient(models.Model):
    """Demo data of the provider back office (demo/relance_provider_demo.xml)."""

    _inherit = "relance.client"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _relance_load_provider_demo(self):
        """CRDC Nouméa as provider, the demo creditor as hosted client, two
        portal clients, last month's usage and its month-end invoice."""
        provider = self._relance_demo_provider()
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Tarif CRDC 2026",
                "company_id": provider.id,
                "currency_id": provider.currency_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.env.ref(
                                "relance_nc.product_service_sms"
                            ).id,
                            "compute_price": "fixed",
                            "fixed_price": 20,
                        }
                    )
                ],
            }
        )
        clients = self._relance_demo_clients(provider, pricelist)
        cutoff = provider._relance_today().replace(day=1)
        self._relance_demo_usage(clients[0], cutoff)
        clients[0]._relance_invoice_usage(cutoff)
        admin = self.env.ref("base.user_admin")
        admin.company_ids = [Command.link(provider.id)]

    @api.model
    def _relance_demo_provider(self):
        return self.env["res.company"]._relance_demo_create_company(
            {
                "name": "CRDC Nouméa",
                "street": "7 rue Jean Jaurès",
                "zip": "98800",
                "city": "Nouméa",
                "email": "contact@crdc.example.nc",
                "ridet": "0654321001",
                "relance_is_provider": True,
            }
        )

    @api.model
    def _relance_demo_clients(self, provider, pricelist):
        options = self.env["relance.service.option"].search([])  # pylint: disable=no-search-all
        hosted = self.env["res.company"].search([("ridet", "=", "0123455001")], limit=1)
        common = {
            "company_id": provider.id,
            "state": "active",
            "pricelist_id": pricelist.id,
            "option_ids": [Command.set(options.ids)],
        }
        vals_list = [
            dict(
                common,
                partner_id=hosted.partner_id.id,
                hosted_company_id=hosted.id,
                billing_mode="deferred",
                payment_term_id=self.env.ref("account.account_payment_term_30days").id,
            )
        ]
        logins = {}
        for name, ridet, city, billing, login in DEMO_PORTAL_CLIENTS:
            partner = self.env["res.partner"].create(
                {
                    "name": name,
                    "is_company": True,
                    "ridet": ridet,
                    "city": city,
                    "country_id": self.env.ref("base.nc").id,
                }
            )
            vals_list.append(dict(common, partner_id=partner.id, billing_mode=billing))
            logins[partner] = login
        clients = self.create(vals_list)
        for client in clients[1:]:
            self._relance_demo_portal_user(client, logins[client.partner_id])
        return clients

    @api.model
    def _relance_demo_portal_user(self, client, login):
        contact = self.env["res.partner"].create(
            {
                "name": f"Comptabilité {client.partner_id.name}",
                "parent_id": client.partner_id.id,
                "email": f"compta@{login}.example.nc",
            }
        )
        self.env["res.users"].with_context(no_reset_password=True).create(
            {
                "login": f"portail.{login}",
                "password": f"portail.{login}",
                "partner_id": contact.id,
                "company_id": client.company_id.id,
                "company_ids": [Command.set(client.company_id.ids)],
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )

    @api.model
    def _relance_demo_usage(self, client, cutoff):
        """A month of usage of the hosted client, dated last month."""
        start = (cutoff - timedelta(days=1)).replace(day=1)
        days = (cutoff - start).days
        vals_list = []
        for code, xmlid, events, quantity in DEMO_USAGE:
            product = self.env.ref(xmlid)
            vals_list += [
                {
                    "client_id": client.id,
                    "product_id": product.id,
                    "quantity": quantity,
                    "event_key": f"demo:{code}:{index}",
                    "date": start + timedelta(days=index * days // events),
                }
                for index in range(events)
            ]
        self.env["relance.usage.line"]._relance_record_many(vals_list)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.relance_nc.tests.common_provider import RelanceProviderCommon

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestClientLetters(RelanceProviderCommon, EditionCommon):
    """Letters of a hosted client: billed once when posted, refused without
    the printing option, queued on the provider's dashboard."""

    def _usage(self):
        return self.Usage.search([("client_id", "=", self.client.id)])

    def test_letter_belongs_to_the_hosted_client(self):
        self.assertEqual(self._letter().client_id, self.client)

    def test_posted_letter_is_billed_once_with_its_postage(self):
        letter = self._letter(state="printed")
        letter.write({"postage_cost": 110, "weight": 10})
        letter.action_mark_posted()
        letter.action_mark_posted()
        notice = self._letter(
            "formal_notice",
            mail_type="registered",
            state="printed",
            tracking_number="RR123456785NC",
        )
        notice.postage_cost = 700
        notice.action_mark_posted()
        self.assertRecordValues(
            self._usage().sorted("id"),
            [
                {
                    "product_id": self.env.ref("relance_nc.product_service_letter").id,
                    "price_unit": 350,
                    "res_id": letter.id,
                },
                {
                    "product_id": self.env.ref(
                        "relance_nc_edition.product_service_postage"
                    ).id,
                    "price_unit": 110,
                    "res_id": letter.id,
                },
                {
                    "product_id": self.env.ref(
                        "relance_nc.product_service_registered_letter"
                    ).id,
                    "price_unit": 1500,
                    "res_id": notice.id,
                },
                {
                    "product_id": self.env.ref(
                        "relance_nc_edition.product_service_postage"
                    ).id,
                    "price_unit": 700,
                    "res_id": notice.id,
                },
            ],
        )

    def test_postage_included_bills_the_letter_only(self):
        self.client.postage_billing = "included"
        letter = self._letter(state="printed")
        letter.postage_cost = 110
        letter.action_mark_posted()
        self.assertEqual(len(self._usage()), 1)

    def test_printing_and_enveloping_priced_separately_are_billed_apart(self):
        printing = self.env.ref("relance_nc_edition.product_service_printing")
        enveloping = self.env.ref("relance_nc_edition.product_service_enveloping")
        self.pricelist.item_ids = [
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": printing.id,
                    "compute_price": "fixed",
                    "fixed_price": 40,
                }
            ),
            Command.create(
                {
                    "applied_on": "1_product",
                    "product_tmpl_id": enveloping.product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": 30,
                }
            ),
        ]
        self.client.postage_billing = "included"
        letter = self._letter(state="printed")
        letter.write({"sheet_count": 2, "postage_cost": 110})
        letter.action_mark_posted()
        self.assertRecordValues(
            self._usage().sorted("id"),
            [
                {
                    "product_id": self.env.ref("relance_nc.product_service_letter").id,
                    "quantity": 1,
                    "price_unit": 350,
                },
                {"product_id": printing.id, "quantity": 2, "price_unit": 40},
                {"product_id": enveloping.id, "quantity": 1, "price_unit": 30},
            ],
        )

    def test_letters_refused_without_the_printing_option(self):
        self.client.option_ids -= self.env.ref("relance_nc.service_option_edition")
        letter = self._letter()
        with self.assertRaisesRegex(UserError, "Printing and mailing"):
            letter.action_submit()

    def test_dashboard_counts_letters_by_mail_type_and_to_validate(self):
        self._letter(state="validated")
        self._letter(state="validated", mail_type="priority")
        self._letter(state="validated", mail_type="priority")
        self._letter(state="to_validate", origin="provider")
        counts = {
            queue["key"]: queue["count"]
            for queue in self.env["relance.provider.dashboard"]._relance_queues()
        }
        self.assertEqual(counts["letters_to_print_ordinary"], 1)
        self.assertEqual(counts["letters_to_print_priority"], 2)
        self.assertEqual(counts["letters_to_print_registered"], 0)
        self.assertEqual(counts["letters_to_validate"], 1)

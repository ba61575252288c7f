# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import RelanceCommon


@tagged("post_install", "-at_install")
class TestPartnerIdentity(RelanceCommon):
    def test_ridet_is_stored_compact_and_displayed_formatted(self):
        partner = self._create_customer("Caillou", ridet="1 231 083.002")
        self.assertRecordValues(
            partner,
            [
                {
                    "ridet": "1231083002",
                    "ridet_formatted": "1 231 083.002",
                    "relance_ridet_warning": False,
                }
            ],
        )
        partner.ridet = "0 300 137 001"
        self.assertEqual(partner.ridet, "0300137001")

    def test_ridet_leading_zero_restored(self):
        partner = self._create_customer("Zero", ridet="426049")
        self.assertEqual(partner.ridet, "0426049")
        self.assertEqual(partner.ridet_formatted, "0 426 049")

    def test_ridet_wrong_length_is_refused_with_partner_and_value(self):
        with self.assertRaisesRegex(ValidationError, r"12345678.*Bad Length.*7 digits"):
            self._create_customer("Bad Length", ridet="12345678")

    def test_ridet_letters_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "characters that are not allowed"):
            self._create_customer("Letters", ridet="12A4567")

    def test_ridet_checksum_is_only_a_warning(self):
        partner = self._create_customer("Typo", ridet="1231084")
        self.assertEqual(partner.ridet, "1231084")
        self.assertIn("check digit", partner.relance_ridet_warning)
        self.assertIn(
            partner,
            self.env["res.partner"].search([("relance_ridet_warning", "!=", False)]),
        )

    def test_ridet_unique_per_company_among_active_companies(self):
        first = self._create_customer("First", ridet="1231083002")
        with (
            self.assertRaisesRegex(ValidationError, "1 231 083.002.*Second.*First"),
            self.env.cr.savepoint(),
        ):
            self._create_customer("Second", ridet="1 231 083.002")
        # another establishment of the same company is fine
        self._create_customer("Other site", ridet="1231083001")
        # an archived company frees its RIDET
        first.active = False
        self._create_customer("Successor", ridet="1231083002")

    def test_ridet_is_mirrored_on_contacts_and_not_checked_there(self):
        company = self._create_customer("Parent", ridet="1231083002")
        contact = self.env["res.partner"].create(
            {"name": "Accountant", "parent_id": company.id}
        )
        self.assertEqual(contact.ridet, "1231083002")
        company.ridet = "0300137001"
        self.assertEqual(contact.ridet, "0300137001")

    def test_search_by_formatted_ridet(self):
        partner = self._create_customer("Searchable", ridet="1231083002")
        partners = self.env["res.partner"]
        self.assertEqual(
            partners.search([("ridet_formatted", "ilike", "1 231 083")]), partner
        )
        self.assertEqual(
            partners.search([("ridet_formatted", "=", "1 231 083.002")]), partner
        )

    def test_tahiti_number(self):
        partner = self._create_customer(
            "Fare", country_id=self.pf.id, tahiti="f95709 001"
        )
        self.assertEqual(partner.tahiti, "F95709001")
        with self.assertRaisesRegex(ValidationError, "TAHITI number 12345"):
            partner.tahiti = "12345"

    def test_phones_are_normalised_and_typed(self):
        mobile = self._create_customer("Mobile", phone="75 12 34")
        fixed = self._create_customer("Fixed", phone="27 12 34")
        polynesia = self._create_customer(
            "Tahiti", phone="87 12 34 56", country_id=self.pf.id
        )
        invalid = self._create_customer("Invalid", phone="40 12 34")
        self.assertRecordValues(
            mobile + fixed + polynesia + invalid,
            [
                {"relance_phone_e164": "+687751234", "relance_phone_kind": "mobile"},
                {"relance_phone_e164": "+687271234", "relance_phone_kind": "fixed"},
                {"relance_phone_e164": "+68987123456", "relance_phone_kind": "mobile"},
                {"relance_phone_e164": False, "relance_phone_kind": "invalid"},
            ],
        )

    def test_form_shows_and_edits_ridet(self):
        with Form(self.env["res.partner"].with_user(self.relance_user)) as form:
            form.company_type = "company"
            form.name = "Via the form"
            form.ridet = "1 231 083.002"
        self.assertEqual(form.record.ridet, "1231083002")

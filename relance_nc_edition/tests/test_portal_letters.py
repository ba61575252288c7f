# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from odoo.addons.relance_nc.tests.common_provider import RelanceProviderCommon

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestPortalLetters(RelanceProviderCommon, EditionCommon, HttpCase):
    """The client validates or rejects the provider's letters on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a letter the provider wrote for its portal-only client
        cls.letter = cls.env["relance.letter"].create(
            {
                "company_id": cls.provider.id,
                "client_id": cls.portal_client.id,
                "partner_id": cls.customer.id,
                "kind": "free",
                "origin": "provider",
                "state": "to_validate",
                "subject": "Relance facture F-2026-118",
                "amount_due": 54000,
            }
        )
        cls.portal_user = cls._portal_user(cls.portal_creditor, "kone_portal")
        cls.portal_user.password = "kone_portal"
        other = cls.env["res.partner"].create(
            {"name": "Garage de Bourail", "is_company": True}
        )
        cls.other_client = cls._create_client(other)
        cls.other_user = cls._portal_user(other, "bourail_portal")
        cls.other_user.password = "bourail_portal"

    def test_letter_validated_on_the_portal_tour(self):
        self.start_tour(
            "/my/relance",
            "relance_nc_edition_portal_letter_validation",
            login="kone_portal",
        )
        self.assertEqual(self.letter.state, "validated")
        self.assertIn(
            "Validated by the client on the portal.",
            "".join(self.letter.message_ids.mapped("body")),
        )

    def test_rejection_comment_reaches_the_staff(self):
        self.authenticate("kone_portal", "kone_portal")
        page = self.url_open(f"/my/relance/letter/{self.letter.id}")
        self.assertEqual(page.status_code, 200)
        response = self.url_open(
            f"/my/relance/letter/{self.letter.id}/decide",
            data={
                "decision": "reject",
                "comment": "Le montant est faux",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(
            self.letter,
            [{"state": "draft", "validation_comment": "Le montant est faux"}],
        )
        activity = self.letter.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn("Le montant est faux", str(activity.note))

    def test_other_client_gets_404(self):
        self.authenticate("bourail_portal", "bourail_portal")
        response = self.url_open(f"/my/relance/letter/{self.letter.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(
            f"/my/relance/letter/{self.letter.id}/decide",
            data={"decision": "validate", "csrf_token": Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.letter.state, "to_validate")

    def test_client_page_shows_usage_and_letters(self):
        self.authenticate("kone_portal", "kone_portal")
        self.Usage._relance_record(self.portal_client, self.sms, 3, None, "sms:p")
        response = self.url_open("/my/relance")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.letter.name, response.text)
        self.assertIn(self.sms.name, response.text)

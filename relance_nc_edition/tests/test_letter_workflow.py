# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import EditionCommon


@tagged("post_install", "-at_install")
class TestLetterWorkflow(EditionCommon):
    def test_provider_letter_validation_loop(self):
        letter = self._letter(
            "free", origin="provider", subject="Offre", body="<p>Bonjour</p>"
        ).with_user(self.relance_user)
        self.assertEqual(letter.state, "draft")
        letter.action_submit()
        self.assertEqual(letter.state, "to_validate")
        with self.assertRaisesRegex(UserError, "validated letters"):
            letter.action_create_batch()
        wizard_action = letter.action_open_reject()
        with Form(
            self.env[wizard_action["res_model"]]
            .with_user(self.relance_user)
            .with_context(**wizard_action["context"])
        ) as wizard:
            wizard.comment = "Remplacer « Offre » par « Proposition »."
        wizard.record.action_reject()
        self.assertRecordValues(
            letter,
            [
                {
                    "state": "draft",
                    "validation_comment": "Remplacer « Offre » par « Proposition ».",
                }
            ],
        )
        self.assertIn("Proposition", letter.message_ids[0].body)
        letter.subject = "Proposition"
        letter.action_submit()
        self.assertFalse(letter.validation_comment)
        letter.action_validate()
        self.assertRecordValues(
            letter, [{"state": "validated", "validated_by_id": self.relance_user.id}]
        )

    def test_tracking_number_is_checked(self):
        letter = self._letter("formal_notice", mail_type="registered")
        with self.assertRaisesRegex(ValidationError, "RR123456784NC"):
            letter.tracking_number = "RR123456784NC"
        letter.tracking_number = "rr 123 456 785 nc"
        self.assertEqual(letter.tracking_number, "RR123456785NC")

    def _confirm_outcome(self, letters, action, **vals):
        """Fill the delivery outcome wizard the button opens, as the user."""
        result = getattr(letters.with_user(self.relance_user), action)()
        wizard = Form(
            self.env[result["res_model"]]
            .with_user(self.relance_user)
            .with_context(**result["context"])
        )
        for name, value in vals.items():
            setattr(wizard, name, value)
        return wizard.save().action_confirm()

    @freeze_time("2026-10-30 01:00")  # 12:00 in Nouméa
    def test_registered_letter_tracking_states(self):
        letter = self._letter("formal_notice", mail_type="registered", state="printed")
        with self.assertRaisesRegex(UserError, "tracking number"):
            letter.action_mark_posted()
        letter.tracking_number = "RR123456785NC"
        letter.action_mark_posted()
        self.assertRecordValues(
            letter, [{"state": "posted", "posted_on": date(2026, 10, 30)}]
        )
        letter.posted_on = date(2026, 10, 21)
        with self.assertRaisesRegex(ValidationError, "after today"):
            self._confirm_outcome(
                letter, "action_mark_delivered", date=date(2026, 10, 31)
            )
        with self.assertRaisesRegex(ValidationError, "before the letter was posted"):
            self._confirm_outcome(
                letter, "action_mark_delivered", date=date(2026, 10, 20)
            )
        self.assertEqual(letter.state, "posted")
        # the acknowledgment was signed on the 23rd, it reaches the office today
        self._confirm_outcome(
            letter,
            "action_mark_delivered",
            date=date(2026, 10, 23),
            ar_scan=self._b64(self._blank_pdf(1)),
        )
        self.assertRecordValues(
            letter,
            [
                {
                    "state": "delivered",
                    "ar_date": date(2026, 10, 23),
                    "delivered_on": date(2026, 10, 23),
                }
            ],
        )
        self.assertTrue(letter.ar_scan)

    def test_delivery_date_is_required(self):
        letter = self._letter("reminder", state="printed")
        letter.action_mark_posted()
        with self.assertRaises(AssertionError):  # Form: required field
            self._confirm_outcome(letter, "action_mark_delivered")
        with self.assertRaisesRegex(UserError, "Only posted letters"):
            self._letter("reminder").action_mark_delivered()

    @freeze_time("2026-10-30 01:00")
    def test_returned_letter_proposes_an_address_update(self):
        letter = self._letter("reminder", state="printed")
        letter.action_mark_posted()
        letter.posted_on = date(2026, 10, 21)
        self._confirm_outcome(
            letter, "action_mark_returned", outcome="returned", date=date(2026, 10, 27)
        )
        self.assertRecordValues(
            letter,
            [
                {
                    "state": "returned",
                    "returned_on": date(2026, 10, 27),
                    "return_reason": "unknown_address",
                }
            ],
        )
        self.assertTrue(self.customer.relance_address_invalid)
        self.assertIn("address unknown", self.customer.message_ids[0].body)
        proposal = self.env["relance.partner.update"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(
            proposal,
            [
                {
                    "kind": "address_unknown",
                    "state": "pending",
                    "field_name": "street",
                    "current_value": "5 avenue du Maréchal Foch, 98800, Nouméa",
                    "relance_letter_id": letter.id,
                    "company_id": self.company.id,
                    "can_apply": False,
                }
            ],
        )
        self.assertRecordValues(
            proposal.check_id, [{"partner_count": 1, "pending_count": 1}]
        )
        # correcting the address settles the proposal
        self.customer.street = "7 rue Jean Jaurès"
        self.assertFalse(self.customer.relance_address_invalid)
        self.assertEqual(proposal.state, "obsolete")

    def test_returned_refused_letter_proposes_nothing(self):
        letter = self._letter("reminder", state="printed")
        letter.action_mark_posted()
        self._confirm_outcome(
            letter,
            "action_mark_returned",
            outcome="returned",
            date=letter.posted_on,
            return_reason="refused",
        )
        self.assertEqual(letter.state, "returned")
        self.assertFalse(self.customer.relance_address_invalid)
        self.assertFalse(
            self.env["relance.partner.update"].search_count(
                [("partner_id", "=", self.customer.id)]
            )
        )

    def test_user_cannot_delete_or_edit_price_list(self):
        rate = self.env.ref("relance_nc_edition.postage_rate_ordinary_20")
        with self.assertRaises(AccessError):
            rate.with_user(self.relance_user).price = 1
        rate.with_user(self.relance_manager).price = 115
        self.assertEqual(rate.price, 115)

    def test_letters_of_another_creditor_are_hidden(self):
        other = self.env["res.company"].create({"name": "Autre créancier"})
        letter = self.Letter.sudo().create(
            {"partner_id": self.customer.id, "kind": "free", "company_id": other.id}
        )
        mine = self._letter("free", move_line_ids=[])
        found = self.Letter.with_user(self.relance_user).search(
            [("id", "in", (letter | mine).ids)]
        )
        self.assertEqual(found, mine)

    def test_user_cannot_delete_a_letter(self):
        letter = self._letter("free", origin="provider", move_line_ids=[])
        with self.assertRaises(AccessError):
            letter.with_user(self.relance_user).unlink()
        letter.with_user(self.relance_manager).unlink()
        self.assertFalse(letter.exists())

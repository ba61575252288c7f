# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import RelanceInvoiceCommon

DAY = date(2026, 10, 8)
# (tone, due date of the invoice on DAY, French email subject and sentence,
#  French SMS sentence), one row per level of the standard policy
WORDING = [
    (
        "courtesy",
        date(2026, 10, 10),
        "factures arrivant à échéance",
        "les factures suivantes arriveront à échéance aux dates indiquées",
        "arrivera à échéance le 10/10/2026",
    ),
    (
        "first",
        date(2026, 9, 30),
        "relance de paiement",
        "les factures suivantes restent impayées à ce jour",
        "restent impayés",
    ),
    (
        "second",
        date(2026, 9, 15),
        "deuxième relance de paiement",
        "Malgré notre précédente relance, les factures suivantes restent impayées",
        "deuxième relance",
    ),
    (
        "notice",
        date(2026, 8, 20),
        "mise en demeure de payer",
        "au plus tard le <strong>16/10/2026</strong>",  # 8 days after DAY
        "au plus tard le 16/10/2026",
    ),
]


@tagged("post_install", "-at_install")
class TestReminderWording(RelanceInvoiceCommon):
    """One text per level, in French, and one message per channel and day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["relance_nc"], ["fr_FR"], overwrite=True
        )
        cls.customer.lang = "fr_FR"
        cls.levels.write({"use_email": True, "use_sms": True})

    def _level(self, tone):
        return self.levels.filtered(lambda level: level.tone == tone)[:1]

    def test_standard_policy_tones(self):
        self.assertEqual(
            self.levels.mapped("tone"),
            ["courtesy", "first", "second", "notice", "notice"],
        )
        self.assertEqual(self.policy.notice_days, 8)

    @freeze_time("2026-10-08 01:00")
    def test_each_level_has_its_french_text(self):
        for index, (tone, due, subject, sentence, sms) in enumerate(WORDING):
            with self.subTest(tone=tone):
                customer = self._create_relance_customer(
                    f"Client{index} SARL", "75 12 34", lang="fr_FR"
                )
                self._invoice(customer, 15000, date(2026, 8, 1), due)
                actions = self._plan(DAY).filtered(
                    lambda a, c=customer: a.partner_id == c
                )
                self.assertEqual(actions.level_id, self._level(tone))
                email = actions.filtered(lambda a: a.channel == "email")
                email._execute()
                self.assertIn(subject, email.mail_id.subject)
                self.assertIn(sentence, email.mail_id.body_html)
                text = actions.filtered(lambda a: a.channel == "sms")._render_sms_text()
                self.assertIn(sms, text)

    @freeze_time("2026-10-08 01:00")
    def test_levels_due_together_make_one_message_per_channel(self):
        second = self._invoice(
            self.customer, 30000, date(2026, 8, 1), date(2026, 9, 15)
        )
        first = self._invoice(self.customer, 20000, date(2026, 8, 1), date(2026, 9, 30))
        coming = self._invoice(
            self.customer, 5000, date(2026, 8, 1), date(2026, 10, 10)
        )
        actions = self._plan(DAY)
        self.assertEqual(
            sorted(actions.mapped("channel")), ["call", "email", "sms"]
        )  # once each, at the highest due level
        self.assertEqual(actions.level_id, self._level("second"))
        for action in actions:
            self.assertEqual(action.move_ids, second | first | coming)
        # claimed: the overdue invoices; the coming one is for information
        self.assertEqual(actions[0].amount_overdue, 50000)
        email = actions.filtered(lambda a: a.channel == "email")
        email._execute()
        body = email.mail_id.body_html
        courtesy = body.index("Pour information, ces factures arriveront bientôt")
        self.assertLess(body.index(second.name), courtesy)
        self.assertLess(body.index(first.name), courtesy)
        self.assertGreater(body.index(coming.name), courtesy)
        # each invoice reaches the level it was due for, no more
        self.assertEqual(second.relance_level_id, self._level("second"))
        self.assertEqual(first.relance_level_id, self._level("first"))
        self.assertEqual(coming.relance_level_id, self._level("courtesy"))

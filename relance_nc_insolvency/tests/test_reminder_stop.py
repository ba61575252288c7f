# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged

from .common import InsolvencyCommon


@tagged("post_install", "-at_install")
class TestReminderStop(InsolvencyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(cls.customer, 50_000, "2026-01-05", "2026-01-20")

    def test_match_cancels_planned_reminders_and_plans_nothing_more(self):
        self._plan(self._today("2026-02-10"))
        planned = self._actions(state="scheduled") | self._actions(state="draft")
        self.assertTrue(planned)
        case = self._match(self._procedure())
        self.assertEqual(set(planned.mapped("state")), {"cancelled"})
        self.assertIn("Collective procedure", planned[0].error)
        self.assertIn("Collective procedure", planned[0].message_ids[0].body)
        self.assertEqual(self.invoice.relance_block, "insolvency")
        self.assertTrue(self.customer.relance_insolvency)
        self.assertIn(
            self.customer,
            self.env["res.partner"].search([("relance_insolvency", "=", True)]),
        )
        # The engine plans nothing more, even for a later level.
        self._plan(self._today("2026-03-30"))
        self.assertFalse(self._actions().filtered(lambda a: a.state != "cancelled"))
        # A new invoice for the customer is blocked as soon as it is posted.
        later = self._invoice(self.customer, 1_000, "2026-03-01", "2026-03-02")
        self.assertEqual(later.relance_block, "insolvency")
        self.assertEqual(case.state, "active")

    def test_creditor_is_alerted(self):
        responsible = new_test_user(
            self.env, login="responsable", groups="relance_nc.group_relance_user"
        )
        self.company.relance_insolvency_user_id = responsible
        case = self._match(self._procedure())
        self.assertEqual(case.user_id, responsible)
        self.assertTrue(case.activity_ids)
        self.assertIn(
            "Customer under collective procedure", case.activity_ids.mapped("summary")
        )
        alert = case.message_ids.filtered(
            lambda m: "is under a collective procedure" in (m.body or "")
        )
        self.assertEqual(len(alert), 1)
        self.assertIn(responsible.partner_id, alert.notified_partner_ids)
        self.assertEqual(case.activity_ids.user_id, responsible)
        self.assertIn(
            "is under a collective procedure",
            self.customer.message_ids[0].body,
        )

    def test_lifting_restores_the_engine(self):
        case = self._match(self._procedure())
        self._plan(self._today("2026-02-25"))
        self.assertFalse(self._actions().filtered(lambda a: a.state != "cancelled"))
        case.action_lift()
        self.assertEqual(case.state, "lifted")
        self.assertFalse(self.invoice.relance_block)
        self.assertFalse(self.customer.relance_insolvency)
        self.assertFalse(case.activity_ids)
        self._plan(self._today("2026-02-25"))
        self.assertTrue(self._actions().filtered(lambda a: a.state != "cancelled"))

    def test_closure_announcement_lifts(self):
        case = self._match(self._procedure())
        self._match(self._procedure(kind="closure", judgment_date="2026-06-01"))
        self.assertEqual(case.state, "lifted")
        self.assertIn("Announcement", case.lift_reason)
        self.assertFalse(self.invoice.relance_block)

    def test_dispute_block_is_kept_after_lifting(self):
        self.invoice.relance_block = "dispute"
        case = self._match(self._procedure())
        self.assertEqual(self.invoice.relance_block, "dispute")
        case.action_lift()
        self.assertEqual(self.invoice.relance_block, "dispute")

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
""" "May this invoice be reminded today on this channel" is stated twice: in
SQL by the planning query, in Python by ``relance.action._recheck`` (and
``account.move._relance_is_blocked``) just before sending. This table pins
the two together: for every case, the action planned before the change is
kept by the re-check exactly when a run after the change plans it again."""

from datetime import date

from odoo.tests import freeze_time, tagged

from .common import RelanceInvoiceCommon

DAY = date(2026, 10, 8)  # 7 days after the due date: first reminder

CASES = [
    # (case, what changes after planning, reminded after the change)
    ("unchanged", lambda t, inv: None, True),
    ("disputed", lambda t, inv: inv.write({"relance_block": "dispute"}), False),
    (
        "promise to pay, date to come",
        lambda t, inv: inv.write(
            {"relance_block": "promise", "relance_promise_date": date(2026, 10, 20)}
        ),
        False,
    ),
    (
        "promise to pay, date today",
        lambda t, inv: inv.write(
            {"relance_block": "promise", "relance_promise_date": DAY}
        ),
        False,
    ),
    (
        "promise to pay, date passed",
        lambda t, inv: inv.write(
            {"relance_block": "promise", "relance_promise_date": date(2026, 10, 5)}
        ),
        True,
    ),
    (
        "collective procedure (insolvency)",
        lambda t, inv: inv.write({"relance_block": "insolvency"}),
        False,
    ),
    ("excluded", lambda t, inv: inv.write({"relance_excluded": True}), False),
    ("paid meanwhile", lambda t, inv: t._register_payment(inv), False),
    (
        "partly paid meanwhile",
        lambda t, inv: t._register_payment(inv, amount=1000),
        True,
    ),
    (
        "in another policy",
        lambda t, inv: inv.partner_id.write({"relance_policy_id": t.other_policy.id}),
        False,
    ),
    (
        "opted out of the channel",
        lambda t, inv: inv.partner_id.write({"relance_optout_email": True}),
        False,
    ),
    (
        "opted out of another channel",
        lambda t, inv: inv.partner_id.write({"relance_optout_call": True}),
        True,
    ),
]


@tagged("post_install", "-at_install")
class TestRuleAgreement(RelanceInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vals = cls.env["relance.policy"]._prepare_default_policy_vals(cls.company)
        cls.other_policy = cls.env["relance.policy"].create(
            dict(vals, name="Autre politique", is_default=False)
        )

    @freeze_time("2026-10-08 01:00")
    def test_planning_and_recheck_agree(self):
        for index, (case, change, expected) in enumerate(CASES):
            with self.subTest(case=case):
                customer = self._create_relance_customer(
                    f"Client{index} SARL", "75 12 34"
                )
                invoice = self._invoice(
                    customer, 5000, date(2026, 9, 1), date(2026, 10, 1)
                )
                planned = self._plan(DAY).filtered(
                    lambda a, c=customer: a.partner_id == c and a.channel == "email"
                )
                self.assertEqual(len(planned), 1)
                change(self, invoice)
                kept = planned._recheck() and invoice in planned.move_ids
                planned.state = "cancelled"
                replanned = self._plan(DAY).filtered(
                    lambda a, c=customer, p=planned: (
                        a.partner_id == c
                        and a.channel == "email"
                        and a.level_id == p.level_id
                    )
                )
                self.assertEqual(bool(kept), expected, "Python re-check")
                self.assertEqual(bool(replanned), expected, "SQL planning")

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.relance_nc.models.bulk_create import bulk_create

from .common import RelanceInvoiceCommon


@tagged("post_install", "-at_install")
class TestBulkCreate(RelanceInvoiceCommon):
    """The bulk insert used by the planning run, on its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )
        cls.level = cls.levels.filtered(lambda level: level.delay == 7)

    def _vals(self, **vals):
        """Values of a planned action; ``None`` drops a key."""
        vals = {
            "company_id": self.company.id,
            "partner_id": self.customer.id,
            "level_id": self.level.id,
            "channel": "email",
            "state": "scheduled",
            "move_ids": [Command.set(self.invoice.ids)],
            **vals,
        }
        return {key: value for key, value in vals.items() if value is not None}

    def test_defaults_and_computed_fields_not_given(self):
        action = self.Action._create_planned([self._vals()])
        # defaults read once: uuid, the model's default for fields not given
        self.assertEqual(len(action.uuid), 36)
        self.assertEqual(action.company_id, self.company)
        # stored computed fields not given are computed by the ORM
        self.assertEqual(
            action.name, f"Boulangerie du Caillou - {self.level.name} - Email"
        )
        self.assertEqual(action.policy_id, self.policy)
        self.assertEqual(self.invoice.relance_action_ids, action)

    def test_given_computed_values_are_kept(self):
        action = self.Action._create_planned([self._vals(name="Given name")])
        self.assertEqual(action.name, "Given name")

    def test_create_overrides_are_skipped(self):
        bulk = self.Action._create_planned([self._vals()])
        orm = self.Action.with_context(
            tracking_disable=False, mail_create_nolog=False, mail_notrack=False
        ).create(self._vals(channel="sms"))
        # mail.thread's create() logs the creation; the bulk path writes no
        # message at all
        self.assertFalse(bulk.message_ids)
        self.assertTrue(orm.message_ids)

    def test_refuses_what_it_would_drop(self):
        with self.assertRaisesRegex(ValueError, "has no column"):
            bulk_create(self.Action, [self._vals(body="<p>x</p>", move_ids=None)])
        with self.assertRaisesRegex(ValueError, "accepts only Command.set"):
            bulk_create(
                self.env["relance.item.list"],
                [
                    {
                        "company_id": self.company.id,
                        "partner_id": self.customer.id,
                        "move_line_ids": [Command.link(self.invoice.line_ids[0].id)],
                    }
                ],
            )

    def test_unused_item_lists_are_vacuumed(self):
        kept, deleted = self.Action._create_planned(
            [self._vals(), self._vals(channel="sms", move_ids=[Command.set([])])]
        )
        lists = kept.item_list_id | deleted.item_list_id
        deleted.unlink()
        self.env["relance.item.list"]._gc_unused_lists()
        self.assertEqual(lists.exists(), kept.item_list_id)

    def test_nothing_to_insert(self):
        with self.assertQueryCount(0):
            self.assertFalse(bulk_create(self.Action, []))

    def test_rows_come_back_in_order_with_their_values(self):
        other = self.levels.filtered(lambda level: level.delay == 21)
        vals_list = [
            self._vals(channel="email", amount_overdue=125000.0),
            self._vals(
                channel="sms", level_id=other.id, state="draft", amount_overdue=0.0
            ),
            self._vals(
                channel="call",
                level_id=other.id,
                user_id=self.env.user.id,
                missing_info=False,
                move_ids=[Command.set([])],
            ),
        ]
        actions = self.Action._create_planned(vals_list)  # one INSERT for all
        self.assertRecordValues(
            actions,
            [
                {
                    "channel": "email",
                    "level_id": self.level.id,
                    "state": "scheduled",
                    "amount_overdue": 125000.0,
                    "user_id": False,
                },
                {
                    "channel": "sms",
                    "level_id": other.id,
                    "state": "draft",
                    "amount_overdue": 0.0,
                    "user_id": False,
                },
                {
                    "channel": "call",
                    "level_id": other.id,
                    "state": "scheduled",
                    "amount_overdue": 0.0,
                    "user_id": self.env.user.id,
                },
            ],
        )
        self.assertEqual(actions[:2].move_ids, self.invoice)
        self.assertFalse(actions[2].move_ids)
        # the actions listing the same items share one list
        self.assertEqual(len(actions[:2].item_list_id), 1)
        self.assertNotEqual(actions[2].item_list_id, actions[0].item_list_id)
        # defaults are read once per batch: a value per record, such as the
        # uuid, is given by the caller (planning does)
        self.assertEqual(len(set(actions.mapped("uuid"))), 1)

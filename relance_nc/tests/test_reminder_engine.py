# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime
from unittest.mock import patch

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.relance_nc import const
from odoo.addons.relance_nc.models.mail_template import INDENTATION
from odoo.addons.relance_nc.models.relance_action_channel import Channel

from .common import RelanceInvoiceCommon


@tagged("post_install", "-at_install")
class TestReminderPlanning(RelanceInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )

    def _level(self, delay):
        return self.levels.filtered(lambda level: level.delay == delay)

    @freeze_time("2026-10-08 20:00")  # 07:00 in Nouméa, 7 days after the due date
    def test_level_follows_days_overdue(self):
        actions = self._plan(date(2026, 10, 8))
        self.assertRecordValues(
            actions.sorted("channel"),
            [
                {
                    "channel": "email",
                    "level_id": self._level(7).id,
                    "state": "scheduled",
                },
                {"channel": "sms", "level_id": self._level(7).id, "state": "scheduled"},
            ],
        )
        self.assertEqual(actions.move_ids, self.invoice)
        self.assertEqual(actions[0].amount_overdue, 125000)
        # planned for 08:00 Nouméa time, the start of the sending window
        self.assertEqual(actions[0].scheduled_at, datetime(2026, 10, 8, 21, 0))
        # the next reminder date is that day in Nouméa, not in UTC
        self.assertEqual(self.invoice.relance_next_date, date(2026, 10, 9))

    @freeze_time("2026-10-08 01:00")
    def test_planning_twice_plans_nothing_more(self):
        first = self._plan(date(2026, 10, 8))
        self.assertTrue(first)
        self.assertFalse(self._plan(date(2026, 10, 8)))
        self.assertEqual(len(self._actions()), len(first))

    @freeze_time("2026-10-08 01:00")
    def test_level_reached_is_not_planned_again(self):
        actions = self._plan(date(2026, 10, 8))
        actions._set_done()
        self.assertEqual(self.invoice.relance_level_id, self._level(7))
        self.assertFalse(self._plan(date(2026, 10, 20)))
        later = self._plan(date(2026, 10, 22))
        self.assertEqual(later.level_id, self._level(21))
        self.assertEqual(set(later.mapped("channel")), {"email", "sms", "call"})

    @freeze_time("2026-09-28 01:00")
    def test_courtesy_reminder_before_due_date(self):
        actions = self._plan(date(2026, 9, 28))
        self.assertRecordValues(
            actions, [{"channel": "email", "level_id": self._level(-3).id}]
        )

    @freeze_time("2026-10-08 01:00")
    def test_blocked_invoices_are_skipped(self):
        self.invoice.write({"relance_block": "dispute", "relance_block_reason": "Qté"})
        self.assertFalse(self._plan(date(2026, 10, 8)))
        self.invoice.action_relance_unblock()
        self.invoice.relance_excluded = True
        self.assertFalse(self._plan(date(2026, 10, 8)))

    @freeze_time("2026-10-08 01:00")
    def test_promise_blocks_until_its_date(self):
        self.invoice.write(
            {
                "relance_block": "promise",
                "relance_promise_date": date(2026, 10, 15),
                "relance_promise_amount": 125000,
            }
        )
        self.assertFalse(self._plan(date(2026, 10, 8)))
        self.assertFalse(self._plan(date(2026, 10, 15)))
        self.assertTrue(self._plan(date(2026, 10, 16)))

    @freeze_time("2026-10-08 01:00")
    def test_partial_payment_and_credit_note_net_in_xpf(self):
        self._register_payment(self.invoice, amount=30000.0)
        refund = self._create_invoice_one_line(
            move_type="out_refund",
            price_unit=20000,
            partner_id=self.customer,
            invoice_date=date(2026, 9, 15),
            tax_ids=[],
        )
        refund.action_post()
        actions = self._plan(date(2026, 10, 8))
        self.assertEqual(self.invoice.amount_residual, 95000)
        self.assertEqual(set(actions.mapped("amount_overdue")), {75000})
        self.assertEqual(actions.currency_id.name, "XPF")

    @freeze_time("2026-10-08 01:00")
    def test_minimum_amount(self):
        self.policy.min_amount = 200000
        self.assertFalse(self._plan(date(2026, 10, 8)))
        self.policy.min_amount = 100000
        self.assertTrue(self._plan(date(2026, 10, 8)))

    @freeze_time("2026-10-08 01:00")
    def test_paid_invoice_is_not_planned(self):
        self._register_payment(self.invoice)
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertFalse(self._plan(date(2026, 10, 8)))

    @freeze_time("2026-10-08 01:00")
    def test_pause_opt_outs_and_reminder_contact(self):
        customer = self.customer.with_company(self.company)
        customer.write(
            {
                "relance_pause_until": date(2026, 10, 10),
                "relance_pause_reason": "Congés",
            }
        )
        self.assertFalse(self._plan(date(2026, 10, 8)))
        accountant = self.env["res.partner"].create(
            {"name": "Compta", "parent_id": self.customer.id, "email": "c@ex.nc"}
        )
        customer.write(
            {
                "relance_pause_until": False,
                "relance_optout_sms": True,
                "relance_contact_id": accountant.id,
            }
        )
        actions = self._plan(date(2026, 10, 8))
        self.assertRecordValues(
            actions, [{"channel": "email", "contact_id": accountant.id}]
        )

    @freeze_time("2026-10-08 01:00")
    def test_days_between_contacts(self):
        self._plan(date(2026, 10, 8))._set_done()
        self._invoice(self.customer, 5000, date(2026, 9, 1), date(2026, 10, 1))
        self.assertFalse(self._plan(date(2026, 10, 10)))
        self.assertTrue(self._plan(date(2026, 10, 14)))

    @freeze_time("2026-10-08 01:00")
    def test_instalments_are_reminded_on_their_own_due_dates(self):
        terms = self.env["account.payment.term"].create(
            {
                "name": "Deux échéances",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 60}
                    ),
                ],
            }
        )
        move = self._create_invoice_one_line(
            price_unit=100000,
            partner_id=self._create_relance_customer("Garage", "77 11 22"),
            invoice_date=date(2026, 9, 30),
            invoice_payment_term_id=terms,
            tax_ids=[],
        )
        move.action_post()
        actions = self._plan(date(2026, 10, 8)).filtered(
            lambda a: a.partner_id == move.partner_id
        )
        self.assertTrue(actions)
        self.assertEqual(len(actions[0].move_line_ids), 1)
        self.assertEqual(actions[0].amount_overdue, 50000)

    @freeze_time("2026-10-08 01:00")
    def test_manual_review_level_waits_for_validation(self):
        self._level(7).review = "manual"
        actions = self._plan(date(2026, 10, 8))
        self.assertEqual(set(actions.mapped("state")), {"draft"})
        actions.action_validate()
        self.assertEqual(set(actions.mapped("state")), {"scheduled"})

    @freeze_time("2026-10-08 01:00")
    def test_missing_information_is_listed_before_the_run(self):
        self.customer.write({"email": False, "phone": "27 12 34"})
        actions = self._plan(date(2026, 10, 8))
        self.assertEqual(
            sorted(actions.mapped("missing_info")),
            ["No email address", "No valid mobile number"],
        )

    @freeze_time("2026-10-08 20:00")  # 07:00 in Nouméa on the 9th
    def test_bulk_planned_actions_are_complete_records(self):
        other = self._create_relance_customer("Quincaillerie du Nord", "27 12 34")
        other_invoice = self._invoice(other, 48500, date(2026, 9, 1), date(2026, 10, 1))
        actions = self._plan(date(2026, 10, 8))
        self.assertEqual(len(actions), 4)  # level 7: email and SMS, two customers
        # the stored computed fields hold what the ORM computes
        fnames = ["name", "policy_id", "missing_info"]
        stored = actions.read(fnames)
        for fname in fnames:
            self.env.add_to_compute(self.Action._fields[fname], actions)
        self.assertEqual(actions.read(fnames), stored)
        self.assertIn(
            f"Boulangerie du Caillou - {self._level(7).name} - Email",
            actions.mapped("name"),
        )
        self.assertCountEqual(
            actions.mapped("missing_info"),
            [False, False, False, "No valid mobile number"],  # 27: a landline
        )
        self.assertEqual(len(set(actions.mapped("uuid"))), 4)
        self.assertEqual(actions.create_uid, self.env.user)
        self.assertTrue(all(actions.mapped("create_date")))
        # the invoice links, seen from both sides
        self.assertEqual(
            self.invoice.relance_action_ids, self._actions(), "inverse is fresh"
        )
        self.assertEqual(other_invoice.relance_action_ids.partner_id, other)
        self.assertEqual(
            self._actions().move_line_ids,
            self.invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ),
        )

    @freeze_time("2026-10-08 20:00")  # 07:00 in Nouméa on the 9th
    def test_reminder_users_plan_for_their_own_company(self):
        planner = new_test_user(
            self.env,
            login="relance_planner",
            groups="relance_nc.group_relance_user",
            company_id=self.company.id,
        )
        window = self.Action.with_user(planner)._action_plan_now()
        actions = self._actions()
        self.assertEqual(len(actions), 2)
        self.assertEqual(actions.create_uid, planner)
        self.assertEqual(self.Action.search(window["domain"]), actions)
        # the record rules apply to the bulk insert as to any create
        other = self.env["res.company"].create({"name": "Autre créancier"})
        stranger = new_test_user(
            self.env,
            login="relance_stranger",
            groups="relance_nc.group_relance_user",
            company_id=other.id,
        )
        vals = {
            "company_id": self.company.id,
            "partner_id": self.customer.id,
            "level_id": self._level(21).id,
            "channel": "email",
            "state": "scheduled",
            "move_ids": [Command.set(self.invoice.ids)],
        }
        with self.assertRaises(AccessError):
            self.Action.with_user(stranger)._create_planned([vals])

    @freeze_time("2026-10-08 20:00")  # 07:00 in Nouméa on the 9th
    def test_next_reminder_date_follows_the_open_actions(self):
        actions = self._plan(date(2026, 10, 8))
        self.assertEqual(self.invoice.relance_next_date, date(2026, 10, 9))
        self.assertEqual(self.customer.relance_next_date, date(2026, 10, 9))
        actions[0].scheduled_at = datetime(2026, 10, 11, 21, 0)  # Monday 12th
        self.assertEqual(self.invoice.relance_next_date, date(2026, 10, 9))
        actions[1]._set_done()
        self.assertEqual(self.invoice.relance_next_date, date(2026, 10, 12))
        actions[0].action_cancel()
        self.assertFalse(self.invoice.relance_next_date)
        self.customer.invalidate_recordset(["relance_next_date"])
        self.assertFalse(self.customer.relance_next_date)

    def test_customers_are_planned_in_slices(self):
        other = self._create_relance_customer("Garage de Magenta", "75 22 33")
        self._invoice(other, 48500, date(2026, 9, 1), date(2026, 10, 1))
        rows = self.Action._get_overdue_items(self.company, date(2026, 10, 8))
        slices = list(self.Action._split_per_customers(rows, size=1))
        self.assertEqual(
            [{row.partner_id for row in rows} for rows in slices],
            [{self.customer.id}, {other.id}],
        )
        self.assertEqual([row for rows in slices for row in rows], rows)
        with (
            patch.object(const, "PLAN_CHUNK_CUSTOMERS", 1),
            freeze_time("2026-10-08 01:00"),
        ):
            actions = self._plan(date(2026, 10, 8))
        # one slice per customer, the same actions as in one go
        self.assertEqual(
            sorted((a.partner_id.name, a.channel) for a in actions),
            [
                ("Boulangerie du Caillou", "email"),
                ("Boulangerie du Caillou", "sms"),
                ("Garage de Magenta", "email"),
                ("Garage de Magenta", "sms"),
            ],
        )
        self.assertEqual(
            actions.filtered(lambda a: a.partner_id == other).move_ids.partner_id,
            other,
        )

    def test_query_count_does_not_grow_with_customers(self):
        counts = []
        sizes = (2, 12, 22)
        for size in sizes:
            customers = self.env["res.partner"].create(
                [
                    {
                        "name": f"Client {size}-{i}",
                        "is_company": True,
                        "email": "x@y.nc",
                    }
                    for i in range(size)
                ]
            )
            for customer in customers:
                self._invoice(customer, 1000, date(2026, 9, 1), date(2026, 10, 1))
            self.Action.search([]).state = "cancelled"
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with freeze_time("2026-10-08 01:00"):
                self._plan(date(2026, 10, 8))
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        # after a first run that fills the caches, the same queries whatever
        # the number of customers: no query per customer (bulk reads, one
        # INSERT per 1 000 actions)
        growth_per_customer = (counts[2] - counts[1]) / (sizes[2] - sizes[1])
        self.assertEqual(growth_per_customer, 0, counts)


@tagged("post_install", "-at_install")
class TestReminderExecution(RelanceInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )

    def _plan_email(self):
        with freeze_time("2026-10-08 01:00"):
            return self._plan(date(2026, 10, 8)).filtered(
                lambda a: a.channel == "email"
            )

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa, a Thursday
    def test_email_is_queued_and_invoice_moves_to_level(self):
        action = self._plan_email()
        action._execute()
        self.assertRecordValues(
            action,
            [
                {
                    "state": "done",
                    "delivery_state": "queued",
                    "recipient": "boulangerie@client.example.nc",
                }
            ],
        )
        self.assertIn(self.invoice.name, action.mail_id.body_html)
        self.assertIn("125", action.mail_id.body_html)
        self.assertEqual(action.mail_id.state, "outgoing")
        self.assertEqual(self.invoice.relance_level_id, action.level_id)
        self.assertEqual(self.invoice.relance_last_date, date(2026, 10, 8))

    @freeze_time("2026-10-08 01:00")
    def test_invoice_paid_after_planning_cancels_the_action(self):
        action = self._plan_email()
        self._register_payment(self.invoice)
        action._execute()
        self.assertEqual(action.state, "cancelled")
        self.assertFalse(action.mail_id)

    @freeze_time("2026-10-08 01:00")
    def test_channels_share_one_item_list_until_one_narrows(self):
        second = self._invoice(
            self.customer, 48500, date(2026, 9, 1), date(2026, 10, 1)
        )
        actions = self._plan(date(2026, 10, 8))
        self.assertEqual(set(actions.mapped("channel")), {"email", "sms"})
        shared = actions.item_list_id
        self.assertEqual(len(shared), 1)
        self.assertEqual(shared.move_ids, self.invoice | second)
        self.assertEqual(
            shared.move_line_ids,
            (self.invoice | second).line_ids.filtered(
                lambda line: line.account_type == "asset_receivable"
            ),
        )
        self.assertEqual(second.relance_action_ids, actions)
        self._register_payment(second)
        email = actions.filtered(lambda a: a.channel == "email")
        self.assertTrue(email._recheck())
        # the email lists what is left; the SMS keeps the list it shares
        self.assertEqual(email.move_ids, self.invoice)
        self.assertEqual(email.amount_overdue, 125000)
        self.assertNotEqual(email.item_list_id, shared)
        self.assertEqual((actions - email).item_list_id, shared)
        self.assertEqual(shared.move_ids, self.invoice | second)
        self.assertEqual(second.relance_action_ids, actions - email)
        self.assertEqual(self.invoice.relance_action_ids, actions)

    @freeze_time("2026-10-08 11:00")  # 22:00 in Nouméa
    def test_nothing_is_sent_at_night(self):
        action = self._plan_email()
        action.scheduled_at = datetime(2026, 10, 8, 10, 0)
        action._execute()
        self.assertEqual(action.state, "scheduled")
        self.assertEqual(action.scheduled_at, datetime(2026, 10, 8, 21, 0))

    def test_nothing_is_sent_on_sundays_or_public_holidays(self):
        # Thursday 24 September 2026 is the Fête de la citoyenneté
        moment = datetime(2026, 9, 23, 23, 0)  # 10:00 in Nouméa on the 24th
        self.assertEqual(
            self.company._relance_next_allowed(moment, "email"),
            datetime(2026, 9, 24, 21, 0),  # Friday 25th, 08:00 in Nouméa
        )
        sunday = datetime(2026, 10, 10, 23, 0)  # Sunday 11th, 10:00 in Nouméa
        self.assertEqual(
            self.company._relance_next_allowed(sunday, "email"),
            datetime(2026, 10, 11, 21, 0),
        )
        self.env["relance.holiday"].create(
            {"date": date(2026, 10, 12), "name": "Fermeture", "closed": True}
        )
        self.assertEqual(
            self.company._relance_next_allowed(sunday, "email"),
            datetime(2026, 10, 12, 21, 0),
        )

    @freeze_time("2026-10-09 05:30")  # Friday 16:30 in Nouméa
    def test_calls_only_in_business_hours(self):
        late = datetime(2026, 10, 9, 6, 30)  # Friday 17:30 in Nouméa
        self.assertEqual(
            self.company._relance_next_allowed(late, "call"),
            datetime(2026, 10, 11, 21, 0),  # Monday 08:00
        )

    @freeze_time("2026-10-08 01:00")
    def test_responsibility_terms_gate_sending(self):
        self.company.relance_terms_acceptance_ids.sudo().unlink()
        self.assertFalse(self.company.relance_terms_accepted)
        action = self._plan_email()
        self.assertTrue(action, "the run plans without the terms")
        self.assertNotIn(action, self.Action.search(self.Action._get_due_domain()))
        self.company.action_relance_accept_terms()
        acceptance = self.company.relance_terms_acceptance_ids
        self.assertRecordValues(
            acceptance, [{"user_id": self.env.uid, "version": "2026-11"}]
        )
        self.assertIn("lawful", acceptance.text)
        self.assertIn(action, self.Action.search(self.Action._get_due_domain()))

    @freeze_time("2026-10-08 01:00")
    def test_email_without_address_fails_and_is_retryable(self):
        action = self._plan_email()
        self.customer.email = False
        action._execute()
        self.assertRecordValues(
            action, [{"state": "failed", "delivery_state": "failed"}]
        )
        self.assertIn("no email address", action.error)
        self.customer.email = "retour@client.example.nc"
        action.action_retry()
        action._execute()
        self.assertEqual(action.state, "done")

    @freeze_time("2026-10-08 01:00")
    def test_manual_channels_stay_visible(self):
        # A channel that no add-on executes (here a declared "fax" without
        # an executor) must stay listed for the agents, not be sent or dropped.
        base_registry = type(self.Action)._get_channel_registry

        def registry(model):
            channels = base_registry(model)
            channels["fax"] = Channel("fax", "Fax", "use_handover")
            return channels

        level = self.levels.filtered(lambda lvl: lvl.delay == 7)
        level.write({"use_email": False, "use_sms": False, "use_handover": True})
        with patch.object(type(self.Action), "_get_channel_registry", registry):
            actions = self._plan(date(2026, 10, 8))
            fax = actions.filtered(lambda a: a.channel == "fax")
            self.assertTrue(fax)
            due = self.Action.search(self.Action._get_due_domain())
            self.assertNotIn(fax, due)
            listed = [("channel", "=", "fax"), ("state", "=", "scheduled")]
            self.assertIn(fax, self.Action.search(listed))
            fax.action_mark_done()
            self.assertEqual(fax.state, "done")

    def test_crons_run_twice_send_nothing_twice(self):
        with freeze_time("2026-10-08 01:00"), self.enter_registry_test_mode():
            self.env.ref("relance_nc.ir_cron_relance_plan").method_direct_trigger()
            self.env.ref("relance_nc.ir_cron_relance_plan").method_direct_trigger()
            actions = self._actions()
            self.assertEqual(len(actions), 2)  # level 7: email and SMS
            self.env.ref("relance_nc.ir_cron_relance_execute").method_direct_trigger()
            self.env.ref("relance_nc.ir_cron_relance_execute").method_direct_trigger()
        email = actions.filtered(lambda a: a.channel == "email")
        self.assertEqual(email.state, "done")
        mails = self.env["mail.mail"].search(
            [("model", "=", "relance.action"), ("res_id", "=", email.id)]
        )
        self.assertEqual(len(mails), 1)

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa, a Thursday
    def test_batch_emails_compile_the_template_once(self):
        other = self._create_relance_customer("Quincaillerie du Nord", "27 12 34")
        other_invoice = self._invoice(other, 48500, date(2026, 9, 1), date(2026, 10, 1))
        emails = self._plan(date(2026, 10, 8)).filtered(lambda a: a.channel == "email")
        self.assertEqual(len(emails), 2)
        self.env.registry.clear_cache("templates")
        qweb = type(self.env["ir.qweb"])
        compiled = []
        generate_code = qweb._generate_code

        def spy(qweb_self, template):
            compiled.append(isinstance(template, etree._Element))
            return generate_code(qweb_self, template)

        cron = self.env.ref("relance_nc.ir_cron_relance_execute")
        with patch.object(qweb, "_generate_code", spy), self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.assertEqual(emails.mapped("state"), ["done", "done"])
        # mail checks the template's expressions once, then it is compiled
        # once for the batch, not once per email (that would make 3)
        self.assertEqual(compiled.count(True), 2)
        mine = emails.filtered(lambda a: a.partner_id == self.customer)
        theirs = emails - mine
        for action, invoice, amount, foreign in (
            (mine, self.invoice, "125", other_invoice),
            (theirs, other_invoice, "48", self.invoice),
        ):
            self.assertIn(invoice.name, action.mail_id.body_html)
            self.assertIn(amount, action.mail_id.body_html)
            self.assertNotIn(foreign.name, action.mail_id.body_html)
            # the email is logged in the action's chatter, with no tracking
            # message on top of it: a summary of what it claims
            self.assertEqual(action.email_message_id, action.mail_id.mail_message_id)
            self.assertEqual(action.message_ids, action.email_message_id)
            logged = action.email_message_id.body
            self.assertIn(invoice.name, logged)
            self.assertIn(amount, logged)
            self.assertIn("Content tab", logged)
            self.assertNotIn("<table", logged)
            # the content shown on the action is the reminder as sent, without
            # the light layout the email is wrapped in
            self.assertIn(invoice.name, action.body)
            self.assertIn("<table", action.body)
            self.assertIn('role="presentation"', action.mail_id.body_html)
            self.assertNotIn('role="presentation"', action.body)
            self.assertRecordValues(
                action.mail_id,
                [{"model": "relance.action", "res_id": action.id, "state": "outgoing"}],
            )


# A delivery status notification (RFC 3464) as a mail server returns it.
BOUNCE_REPORT = """\
From: MAILER-DAEMON@mx.example.nc
To: noreply@example.nc
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-0001@mx.example.nc>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

--DSN
Content-Type: text/plain

The email could not be delivered.

--DSN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.nc

Final-Recipient: rfc822; {email}
Action: failed
Status: 5.1.1

--DSN
Content-Type: text/rfc822-headers

Message-ID: {message_id}
To: {email}
Subject: {subject}

--DSN--
"""


@tagged("post_install", "-at_install")
class TestReminderDelivery(RelanceInvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )

    def _sent_email_action(self):
        with freeze_time("2026-10-08 01:00"):
            action = self._plan(date(2026, 10, 8)).filtered(
                lambda a: a.channel == "email"
            )
            action._execute()
        return action

    def test_refused_email_fails_the_action(self):
        action = self._sent_email_action()
        action.mail_id._postprocess_sent_message(
            success_pids=self.env["res.partner"],
            success_emails=[],
            failure_reason="550 mailbox unavailable",
            failure_type="mail_smtp",
        )
        self.assertRecordValues(
            action,
            [
                {
                    "state": "failed",
                    "delivery_state": "failed",
                    "error": "550 mailbox unavailable",
                }
            ],
        )

    def test_content_shows_the_email_sanitized(self):
        action = self._sent_email_action()
        self.assertIn(self.invoice.name, action.body)
        # stored raw (our rendering), shown through the sanitizer
        action.body_html = (
            '<p>Hello</p><script>alert(1)</script><img src="x" onerror="alert(2)">'
        )
        self.assertIn("<p>Hello</p>", action.body)
        self.assertNotIn("alert", action.body)

    def test_shared_layout_gives_the_email_core_renders(self):
        action = self._sent_email_action()
        template = action.level_id._get_template("email")
        lang = template._render_lang(action.ids)[action.id]
        template = template.with_context(lang=lang)
        company = action.company_id
        layout = template._relance_render_layout(company)
        self.assertTrue(layout, "the standard light layout is rendered once")
        shared = action._wrap_email(template, action.body_html, company, layout)
        # what mail's _render_encapsulate gives for this email alone, but for
        # the layout's indentation (dropped from the shared layout)
        alone = action._wrap_email(template, action.body_html, company, None)
        self.assertEqual(INDENTATION.sub("\n", shared), INDENTATION.sub("\n", alone))
        self.assertLess(len(shared), len(alone))
        self.assertEqual(str(action.mail_id.body_html), str(shared))
        self.assertIn(action.name.replace("/", "-"), shared)

    def test_customised_layout_is_rendered_for_each_email(self):
        self.env["ir.ui.view"].create(
            {
                "name": "relance.nc test: customised light layout",
                "type": "qweb",
                "inherit_id": self.env.ref("mail.mail_notification_light").id,
                "arch": '<xpath expr="//body" position="inside">'
                "<p>Custom footer</p></xpath>",
            }
        )
        action = self._sent_email_action()
        template = action.level_id._get_template("email")
        self.assertIsNone(template._relance_render_layout(action.company_id))
        self.assertIn("Custom footer", action.mail_id.body_html)
        self.assertIn(self.invoice.name, action.mail_id.body_html)

    def test_bounce_marks_the_action_and_the_contact(self):
        action = self._sent_email_action()
        action._message_receive_bounce(self.customer.email_normalized, self.customer)
        self.assertEqual(action.delivery_state, "bounced")
        self.assertTrue(self.customer.relance_email_bounced)
        self.invoice.relance_level_id = False
        with freeze_time("2026-10-22 01:00"):
            later = self._plan(date(2026, 10, 22)).filtered(
                lambda a: a.channel == "email"
            )
        self.assertEqual(later.missing_info, "Email address bounced")

    def test_bounce_email_reaches_the_action(self):
        """A delivery report through the mail gateway: mail finds the logged
        message by the email's Message-ID, then the action it belongs to."""
        action = self._sent_email_action()
        report = BOUNCE_REPORT.format(
            email=self.customer.email,
            message_id=action.mail_id.message_id,
            subject=action.mail_id.subject,
        )
        self.env["mail.thread"].message_process(False, report)
        self.assertEqual(action.delivery_state, "bounced")
        self.assertTrue(self.customer.relance_email_bounced)

    def test_french_rendering(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["relance_nc"], ["fr_FR"], overwrite=True
        )
        self.customer.lang = "fr_FR"
        action = self._sent_email_action()
        self.assertIn("relance de paiement", action.mail_id.subject)
        self.assertIn("Bonjour", action.mail_id.body_html)
        self.assertIn("125\xa0000", action.mail_id.body_html)
        with freeze_time("2026-10-08 01:00"):
            sms = self._actions(channel="sms")
            text = sms._render_sms_text()
        self.assertIn("125 000 XPF", text)
        self.assertIn("impayé", text)

    @freeze_time("2026-10-07 01:00")
    def test_preview_of_tomorrows_run(self):
        self.company.write({"relance_cost_email": 10, "relance_cost_sms": 25})
        self.customer.phone = "27 12 34"  # a fixed line: the SMS cannot go
        preview = self.env["relance.run.preview"].create({"day": date(2026, 10, 8)})
        preview.action_compute()
        self.assertRecordValues(
            preview.line_ids.sorted("channel"),
            [
                {"channel": "email", "cost": 10, "missing_info": False},
                {
                    "channel": "sms",
                    "cost": 25,
                    "missing_info": "No valid mobile number",
                },
            ],
        )
        self.assertEqual(preview.total_cost, 35)
        self.assertEqual(preview.missing_count, 1)
        self.assertFalse(self._actions(), "a preview plans nothing")

    def test_invoices_and_statement_attached_on_request(self):
        level = self.levels.filtered(lambda lvl: lvl.delay == 7)
        level.write({"attach_invoices": True, "attach_statement": True})
        action = self._sent_email_action()
        names = action.mail_id.attachment_ids.mapped("name")
        self.assertEqual(len(names), 2, names)
        self.assertTrue(any(self.invoice.name.replace("/", "_") in n for n in names))
        self.assertTrue(any("Boulangerie" in n for n in names))

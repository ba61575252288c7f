# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid
from datetime import datetime, time, timedelta

from odoo import Command, api, models

from odoo.addons.relance_nc.tools import schedule

from .. import const
from ..tools import lyra

# The demo hosted shop reaches no card processor: its payment page is on a
# closed local port, its keys are not Lyra's.
DEMO_SHOP_URL = "http://127.0.0.1:9/demo-payment/"
DEMO_SHOP_KEY = "DEMO0000000000000000"
DEMO_SHOP_SITE_ID = "00000000"
DEMO_PAYMENT_DELAY = timedelta(hours=2)  # after the reminder SMS
DEMO_CARDS = [("CB", "497010XXXXXX0055"), ("VISA", "497011XXXXXX0014")]
DEMO_FEE_PERCENT = 1.5
DEMO_CARD_PAYMENTS = 3  # at most, one per run from the oldest


class ResCompany(models.Model):
    """Card payments and a payout of the demo creditor
    (demo/relance_nc_payment_demo.xml): customers reminded by SMS pay by
    card through the hosted shop, the processor's notification processed as
    the IPN route does; CRDC Nouméa pays the month out."""

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _relance_payment_load_demo(self):
        """Card payments after the past runs' SMS (this add-on was not
        installed when they ran), each at its time, then the payout."""
        company = self.env.ref(
            "relance_nc.demo_company_creditor", raise_if_not_found=False
        )
        clock = self._relance_demo_clock_class()
        if not (company and clock):
            return
        company = company._relance_demo_env()
        actions = company.env["relance.action"].search(
            [
                ("company_id", "=", company.id),
                ("channel", "in", ("sms", "email")),
                ("state", "=", "done"),
            ],
            order="done_at, id",
        )
        paid = company.env["payment.transaction"].search_count(
            [
                ("provider_id.code", "=", const.PROVIDER_CODE),
                ("company_id", "=", company.id),
            ]
        )
        if not paid:  # else the history ran with this add-on installed
            for day_actions in actions.grouped(
                lambda a: company._relance_local_date(a.done_at)
            ).values():
                with clock(day_actions[0].done_at + DEMO_PAYMENT_DELAY):
                    company._relance_demo_card_payment(day_actions)
        company._relance_demo_payout()
        company._relance_demo_mail_sent()

    def _relance_demo_after_run(self, day, actions):
        res = super()._relance_demo_after_run(day, actions)
        self._relance_demo_card_payment(actions)
        return res

    def _relance_demo_after_history(self):
        res = super()._relance_demo_after_history()
        self._relance_demo_payout()
        return res

    def _relance_demo_finish(self):
        res = super()._relance_demo_finish()
        self._relance_demo_payout()
        return res

    def _relance_demo_shop(self):
        """The creditor's hosted shop, live while the demo's past payments
        are made (only live payments are paid out), in test mode after."""
        self.ensure_one()
        provider = self.env["payment.provider"].search(
            [("code", "=", const.PROVIDER_CODE), ("company_id", "=", self.id)],
            limit=1,
        )
        if provider:
            return provider
        # the add-on's post_init_hook creates its payment method, after the
        # demo data: the same call, done first here
        self.env["payment.provider"]._setup_payment_method(const.PROVIDER_CODE)
        provider = self.env.ref("relance_nc_payment.payment_provider_relance_lyra")
        journal = self.env["account.journal"].search(
            [("company_id", "=", self.id), ("type", "=", "bank")], limit=1
        )
        return provider.copy(
            {
                "company_id": self.id,
                "name": provider.name,
                "relance_lyra_site_id": DEMO_SHOP_SITE_ID,
                "relance_lyra_test_key": DEMO_SHOP_KEY,
                "relance_lyra_production_key": DEMO_SHOP_KEY,
                "relance_lyra_brand": "custom",
                "relance_lyra_custom_url": DEMO_SHOP_URL,
                "available_currency_ids": [Command.link(self.currency_id.id)],
                "journal_id": journal.id,
                "state": "enabled",
                "is_published": True,
            }
        )

    def _relance_demo_card_payment(self, actions):
        """A customer reminded by ``actions`` (by SMS first, else by email)
        pays an invoice by card: a transaction as the portal creates it, the
        processor's notification applied as the IPN route applies it, then
        posted."""
        self.ensure_one()
        provider = self._relance_demo_shop()
        if (
            self.env["payment.transaction"].search_count(
                [("provider_id", "=", provider.id)]
            )
            >= DEMO_CARD_PAYMENTS
        ):
            return
        reminded = actions.filtered(
            lambda a: a.channel in ("sms", "email") and a.state == "done"
        ).sorted(lambda a: (a.channel != "sms", a.id))
        for action in reminded:
            moves = action.move_ids.filtered(
                lambda m: m.payment_state == "not_paid" and not m.relance_block
            )
            if moves:
                break
        else:
            return
        move = moves.sorted(lambda m: (m.invoice_date_due, m.id))[0]
        transactions = self.env["payment.transaction"]
        tx = transactions.create(
            {
                "provider_id": provider.id,
                "payment_method_id": self.env.ref("payment.payment_method_card").id,
                "reference": transactions._compute_reference(
                    provider.code, invoice_ids=[Command.set(move.ids)]
                ),
                "amount": move.amount_residual,
                "currency_id": move.currency_id.id,
                "partner_id": move.partner_id.id,
                "operation": "online_redirect",
                "invoice_ids": [Command.set(move.ids)],
            }
        )
        brand, card = DEMO_CARDS[tx.id % len(DEMO_CARDS)]
        digits = const.CURRENCY_CODES[tx.currency_id.name][1]
        tx._process(
            const.PROVIDER_CODE,
            {
                "vads_order_id": tx.reference,
                "vads_amount": lyra.form_amount(tx.amount, digits),
                "vads_currency": const.CURRENCY_CODES[tx.currency_id.name][0],
                "vads_trans_status": "AUTHORISED",
                "vads_trans_uuid": uuid.uuid4().hex,
                "vads_card_brand": brand,
                "vads_card_number": card,
                "vads_auth_number": f"{tx.id:06d}",
                "vads_threeds_status": "Y",
                "vads_cust_email": move.partner_id.email or "",
            },
        )
        tx._post_process()

    def _relance_demo_payout(self):
        """CRDC Nouméa pays out the first month of card payments on its
        payout date, when that date has come; the shop then goes to test
        mode, so that the demo never takes a real payment."""
        self.ensure_one()
        provider = self._relance_demo_shop()
        txs = self.env["payment.transaction"].search(
            [("provider_id", "=", provider.id), ("state", "=", "done")],
            order="last_state_change",
        )
        hosting = self.env["relance.client"].search(
            [("hosted_company_id", "=", self.id)], limit=1
        )
        clock = self._relance_demo_clock_class()
        if not hosting:  # CRDC Nouméa's demo comes later
            return
        if not self._relance_demo_can_render():
            # the statement is a PDF: paid out by the demo's scheduled action
            self._relance_demo_finish_later()
            return
        if txs and clock:
            crdc = hosting.company_id
            period = self._relance_local_date(txs[0].last_state_change).replace(day=1)
            day = crdc._relance_payout_date(period)
            if day <= self._relance_today():
                self._relance_demo_fee_rule(crdc)
                payouts = self.env["relance.payout"].with_company(crdc)
                moment = schedule.to_utc(
                    datetime.combine(day, time(9)), crdc._relance_tz()
                )
                with clock(moment):
                    for client in payouts._relance_clients_due(crdc, period):
                        payouts._relance_pay_out(crdc, client, period)
        provider.state = "test"

    def _relance_demo_fee_rule(self, crdc):
        """CRDC's collection fee on the creditor's card payments."""
        rules = self.env["relance.fee.rule"]
        if not rules.search_count(
            [("company_id", "=", crdc.id), ("partner_id", "=", self.partner_id.id)]
        ):
            rules.create(
                {
                    "company_id": crdc.id,
                    "partner_id": self.partner_id.id,
                    "percent": DEMO_FEE_PERCENT,
                }
            )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import Command, fields

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

# Statement and audit reference date: a Tuesday, in Noumea.
TODAY = "2026-03-31"


class RelanceReportCommon(AccountTestInvoicingCommon):
    """A New Caledonian company in XPF with a RIDET, a customer with one
    invoice in each age bucket, partial payments, a credit note and an
    unreconciled payment, all dated around :data:`TODAY`.

    Open items of the customer on TODAY (XPF):

    ============  ==========  ==========  ========  ========  ===========
    document      date        due date    original  residual  bucket
    ============  ==========  ==========  ========  ========  ===========
    invoice 1     2025-12-01  2025-12-15   100 000    60 000  over 90
    invoice 5     2025-12-20  2026-01-15    15 000    15 000  61-90
    invoice 2     2026-01-20  2026-02-19    50 000    50 000  31-60
    invoice 3     2026-03-01  2026-03-16    30 000    20 000  1-30
    credit note   2026-03-20  2026-03-20    -5 000    -5 000  1-30
    payment       2026-03-30  2026-03-30    -7 000    -7 000  1-30
    invoice 4     2026-03-25  2026-04-24    25 000    25 000  not due
    ============  ==========  ==========  ========  ========  ===========

    Total due 158 000, of which overdue 133 000.
    """

    country_code = "NC"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.currency = cls.company.currency_id
        cls.env.user.group_ids |= cls.env.ref("relance_nc.group_relance_manager")
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.company.partner_id.write({"ridet": "0300137001", "tz": "Pacific/Noumea"})
        cls.customer = cls._create_customer(
            "Boulangerie du Caillou", ridet="1231083002", ref="C-0042"
        )
        cls.other_customer = cls._create_customer("Quincaillerie de Koné")
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.invoice_1 = cls._create_relance_invoice(
            cls.customer, "2025-12-01", "2025-12-15", 100_000
        )
        cls.invoice_2 = cls._create_relance_invoice(
            cls.customer, "2026-01-20", "2026-02-19", 50_000
        )
        cls.invoice_3 = cls._create_relance_invoice(
            cls.customer, "2026-03-01", "2026-03-16", 30_000
        )
        cls.invoice_4 = cls._create_relance_invoice(
            cls.customer, "2026-03-25", "2026-04-24", 25_000
        )
        cls.invoice_5 = cls._create_relance_invoice(
            cls.customer, "2025-12-20", "2026-01-15", 15_000
        )
        cls.credit_note = cls._create_relance_invoice(
            cls.customer, "2026-03-20", "2026-03-20", 5_000, move_type="out_refund"
        )
        cls._register_payment(cls.invoice_1, 40_000, "2026-01-10")
        cls._register_payment(cls.invoice_3, 10_000, "2026-03-20")
        cls.payment = cls._create_unreconciled_payment(
            cls.customer, 7_000, "2026-03-30"
        )
        cls.other_invoice = cls._create_relance_invoice(
            cls.other_customer, "2026-02-01", "2026-02-15", 12_345
        )

    @classmethod
    def _create_customer(cls, name, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "customer_rank": 1,
                "country_id": cls.env.ref("base.nc").id,
                **vals,
            }
        )

    @classmethod
    def _create_relance_invoice(
        cls, partner, invoice_date, due_date, amount, move_type="out_invoice"
    ):
        """A posted XPF invoice of one untaxed line, due on ``due_date``."""
        return cls._create_invoice(
            move_type=move_type,
            partner_id=partner.id,
            invoice_date=invoice_date,
            invoice_date_due=due_date,
            currency_id=cls.currency.id,
            invoice_line_ids=[cls._prepare_invoice_line(price_unit=amount, tax_ids=[])],
            post=True,
        )

    @classmethod
    def _register_payment(cls, invoices, amount, payment_date):
        """Pay ``amount`` on ``invoices`` with the payment register wizard."""
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(
                {
                    "amount": amount,
                    "payment_date": payment_date,
                    "journal_id": cls.bank_journal.id,
                }
            )
            ._create_payments()
        )

    @classmethod
    def _create_unreconciled_payment(cls, partner, amount, payment_date):
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "date": payment_date,
                "journal_id": cls.bank_journal.id,
            }
        )
        payment.action_post()
        return payment

    @classmethod
    def _create_level(cls, name="First reminder", delay=7):
        policy = cls.env["relance.policy"].create(
            {
                "name": "Report test policy",
                "company_id": cls.company.id,
                "level_ids": [
                    Command.create({"name": name, "delay": delay, "use_email": True}),
                    Command.create({"name": "Formal notice", "delay": 30}),
                ],
            }
        )
        return policy.level_ids.sorted("delay")

    def _create_done_action(self, partner, level, channel, moves, done_at, amount):
        """A reminder action recorded as done at ``done_at`` (UTC)."""
        return self.env["relance.action"].create(
            {
                "partner_id": partner.id,
                "company_id": self.company.id,
                "level_id": level.id,
                "channel": channel,
                "state": "done",
                "done_at": fields.Datetime.to_datetime(done_at),
                "move_ids": [Command.set(moves.ids)],
                "amount_overdue": amount,
            }
        )

    def _monetary(self, amount):
        """``amount`` as the reports print it, without markup."""
        return self._html_text(
            self.env["ir.qweb.field.monetary"].value_to_html(
                amount, {"display_currency": self.currency}
            )
        )

    @staticmethod
    def _html_text(html):
        """Text of rendered report HTML: tags removed, entities kept."""
        if isinstance(html, bytes):
            html = html.decode()
        return re.sub(r"<[^>]+>", "", str(html))

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo import Command, fields, models
from odoo.exceptions import UserError

from odoo.addons.relance_nc.tools import schedule

from ..tools import payout as payout_tools

#: First code tried for the hosted shop clearing account (current assets).
CLEARING_ACCOUNT_CODE = "101900"


# The payout half of the model, kept apart from the hosted shop half while
# both are written in parallel.
class ResCompany(models.Model):
    """Both sides of the hosted shop money.

    Provider side (the company of the collection firm): payout dates, fee
    invoices. Creditor side (a company whose debtors pay by card): the
    clearing account, and the entries that mirror the provider's payout,
    rejections and invoices.
    """

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    relance_shop_clearing_account_id = fields.Many2one(
        "account.account",
        string="Hosted Shop Clearing Account",
        check_company=True,
        help="Card payments of debtors wait here until relance.nc pays them "
        "out; created on demand.",
    )
    relance_fee_journal_id = fields.Many2one(
        "account.journal",
        string="Card Fees Journal",
        check_company=True,
        domain=[("type", "=", "sale")],
        help="Sales journal of the monthly card fee invoices to clients "
        "(default: the first sales journal).",
    )

    # ------------------------------------------------------------
    # PROVIDER SIDE
    # ------------------------------------------------------------

    def _relance_due_payout_period(self, today=None):
        """First day of the month to pay out today, or None (see
        ``tools/payout.py``: the 5th or the next business day)."""
        self.ensure_one()
        today = today or self._relance_today()
        holidays = self._relance_holidays({today.year})
        return payout_tools.due_period(today, holidays)

    def _relance_payout_date(self, period):
        """Payout date of the funds collected in the month starting ``period``."""
        self.ensure_one()
        month = payout_tools.period_end(period)
        holidays = self._relance_holidays({month.year, month.year + 1})
        return payout_tools.payout_date(month.year, month.month, holidays)

    def _relance_period_cutoff(self, period):
        """Naive UTC datetime at which the month starting ``period`` ends in
        the company's time zone: payments confirmed before it are paid out."""
        self.ensure_one()
        end = payout_tools.period_end(period)
        return schedule.to_utc(
            datetime.combine(end, datetime.min.time()), self._relance_tz()
        )

    def _relance_fee_journal(self):
        self.ensure_one()
        journal = self.relance_fee_journal_id or self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self),
                ("type", "=", "sale"),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "%(company)s has no sales journal for the card fee invoices.",
                    company=self.name,
                )
            )
        return journal

    # ------------------------------------------------------------
    # CREDITOR SIDE
    # ------------------------------------------------------------

    def _relance_shop_clearing_account(self):
        """The hosted shop clearing account of the company, created on demand."""
        self.ensure_one()
        if self.relance_shop_clearing_account_id:
            return self.relance_shop_clearing_account_id
        accounts = self.env["account.account"].sudo().with_company(self)
        account = accounts.create(
            {
                "name": self.env._("Hosted shop clearing"),
                "code": accounts._search_new_account_code(CLEARING_ACCOUNT_CODE),
                "account_type": "asset_current",
                "reconcile": True,
                "company_ids": [Command.set(self.ids)],
            }
        )
        self.sudo().relance_shop_clearing_account_id = account
        return account

    def _relance_journal(self, journal_type):
        self.ensure_one()
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self),
                ("type", "=", journal_type),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "%(company)s has no journal of type %(type)s.",
                    company=self.name,
                    type=journal_type,
                )
            )
        return journal

    def _relance_shop_bank_journal(self):
        """Bank journal that receives the payouts: the hosted shop provider's."""
        self.ensure_one()
        providers = (
            self.env["payment.provider"]
            .sudo()
            .search([("company_id", "=", self.id), ("relance_payout", "=", True)])
        )
        return providers.journal_id[:1] or self._relance_journal("bank")

    def _relance_book_entry(self, journal, day, ref, lines):
        """Post a journal entry of ``lines`` ((account, partner, balance, label))."""
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(self)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": day,
                    "ref": ref,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": account.id,
                                "partner_id": partner.id,
                                "balance": balance,
                                "name": label,
                            }
                        )
                        for account, partner, balance, label in lines
                    ],
                }
            )
        )
        move.action_post()
        return move

    def _relance_book_rejection(self, rejection):
        """The debtor owes the rejected amount again: receivable ← clearing."""
        self.ensure_one()
        tx = rejection.transaction_id.sudo()
        debtor = tx.partner_id.commercial_partner_id.with_company(self)
        clearing = self._relance_shop_clearing_account()
        label = self.env._(
            "Card payment rejected: %(reference)s", reference=tx.reference
        )
        return self._relance_book_entry(
            self._relance_journal("general"),
            rejection.date,
            rejection.name,
            [
                (
                    debtor.property_account_receivable_id,
                    debtor,
                    rejection.amount,
                    label,
                ),
                (clearing, debtor, -rejection.amount, label),
            ],
        )

    def _relance_book_payout(self, payout):
        """The payout reaches the bank: bank ← clearing, on the payout date."""
        self.ensure_one()
        if not payout.amount_payout:
            return self.env["account.move"]
        journal = self._relance_shop_bank_journal()
        clearing = self._relance_shop_clearing_account()
        provider = payout.company_id.partner_id
        label = self.env._("Card payments payout %(name)s", name=payout.name)
        return self._relance_book_entry(
            journal,
            payout.payout_date,
            payout.name,
            [
                (journal.default_account_id, provider, payout.amount_payout, label),
                (clearing, provider, -payout.amount_payout, label),
            ],
        )

    def _relance_book_vendor_bill(self, invoice, account):
        """Mirror a customer invoice of the provider as a posted vendor bill
        whose single line goes to ``account`` (fees: an expense; rejections
        left over: the clearing account)."""
        self.ensure_one()
        bill = (
            self.env["account.move"]
            .sudo()
            .with_company(self)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": invoice.company_id.partner_id.id,
                    "ref": invoice.name,
                    "invoice_date": invoice.invoice_date,
                    "date": invoice.invoice_date,
                    "currency_id": invoice.currency_id.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": line.name,
                                "account_id": account.id,
                                "quantity": 1,
                                "price_unit": line.price_total,
                                "tax_ids": [],
                            }
                        )
                        for line in invoice.invoice_line_ids
                    ],
                }
            )
        )
        bill.action_post()
        return bill

    def _relance_expense_account(self):
        self.ensure_one()
        return (
            self.expense_account_id
            or self._relance_journal("purchase").default_account_id
        )

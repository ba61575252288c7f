# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools import payout as payout_tools

_logger = logging.getLogger(__name__)

STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("paid", "Paid")]


class RelancePayout(models.Model):
    """What relance.nc pays out to one client for one month of card payments.

    Lines: the payments collected during the month (and any older one not yet
    paid out), less the rejections and chargebacks recorded since the last
    payout; what the payments cannot cover is invoiced to the client. The
    month's collection fees are invoiced separately, by a customer invoice of
    the provider company. Created and confirmed by the monthly scheduled
    action on the 5th, or the next business day (``tools/payout.py``).
    """

    _name = "relance.payout"
    _inherit = ["mail.thread"]
    _description = "relance.nc Card Payout"
    _order = "period desc, partner_id, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True, ondelete="restrict"
    )
    period = fields.Date(
        required=True, help="First day of the month whose payments are paid out."
    )
    payout_date = fields.Date(required=True)
    paid_date = fields.Date(readonly=True, copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(STATES, default="draft", required=True, tracking=True)
    line_ids = fields.One2many("relance.payout.line", "payout_id", string="Lines")
    transaction_ids = fields.One2many(
        "payment.transaction", "relance_payout_id", string="Payments"
    )
    rejection_ids = fields.One2many(
        "relance.payment.rejection", "payout_id", string="Rejections"
    )
    amount_collected = fields.Monetary(compute="_compute_amounts", store=True)
    amount_rejected = fields.Monetary(compute="_compute_amounts", store=True)
    amount_invoiced = fields.Monetary(
        string="Rejections Invoiced",
        compute="_compute_amounts",
        store=True,
        help="Rejections the payments could not cover, invoiced to the client.",
    )
    amount_payout = fields.Monetary(
        string="Amount Paid Out", compute="_compute_amounts", store=True
    )
    amount_fees = fields.Monetary(
        string="Collection Fees", compute="_compute_amounts", store=True
    )
    fee_move_id = fields.Many2one(
        "account.move", string="Fee Invoice", readonly=True, copy=False
    )
    remainder_move_id = fields.Many2one(
        "account.move", string="Rejections Invoice", readonly=True, copy=False
    )
    creditor_move_ids = fields.Many2many(
        "account.move",
        "relance_payout_creditor_move_rel",
        string="Creditor Entries",
        readonly=True,
        copy=False,
        help="Entries of the creditor company when it is in this database.",
    )

    _client_period_uniq = models.Constraint(
        "UNIQUE(company_id, partner_id, period)",
        "A client has one payout per month.",
    )

    @api.depends("partner_id.name", "period")
    def _compute_name(self):
        for payout in self:
            month = payout.period.strftime("%Y-%m") if payout.period else ""
            payout.name = f"{month} {payout.partner_id.name or ''}".strip()

    @api.depends("line_ids.amount", "line_ids.kind", "line_ids.fee")
    def _compute_amounts(self):
        for payout in self:
            by_kind = defaultdict(float)
            for line in payout.line_ids:
                by_kind[line.kind] += line.amount
            payout.amount_collected = by_kind["payment"]
            payout.amount_rejected = -by_kind["rejection"]
            payout.amount_invoiced = by_kind["invoiced"]
            payout.amount_payout = sum(by_kind.values())
            payout.amount_fees = sum(payout.line_ids.mapped("fee"))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        """Freeze the payout: invoice the fees and the uncovered rejections,
        book the creditor's entries, send the statement."""
        for payout in self.filtered(lambda p: p.state == "draft"):
            payout._relance_invoice_fees()
            payout._relance_invoice_remainder()
            payout.state = "confirmed"
            payout._relance_book_creditor_side()
            payout._relance_send_statement()
        return True

    def action_mark_paid(self):
        """The transfer to the client has been made."""
        for payout in self:
            if payout.state != "confirmed":
                raise UserError(
                    self.env._(
                        "Only a confirmed payout can be marked as paid: %(name)s.",
                        name=payout.name,
                    )
                )
        self.write({"state": "paid", "paid_date": fields.Date.context_today(self)})
        return True

    def action_view_moves(self):
        self.ensure_one()
        moves = self.fee_move_id | self.remainder_move_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update(domain=[("id", "in", moves.ids)], context={})
        return action

    # ------------------------------------------------------------
    # SCHEDULED ACTION
    # ------------------------------------------------------------

    @api.model
    def _cron_monthly_payouts(self):
        """Create and confirm the payouts due today, one client per commit.

        Runs every day; from the payout date of the month on (the 5th, or the
        next business day), each company pays out, per client, what was
        collected up to the end of the previous month. A client already paid
        out for that month is skipped, so that a second run creates nothing.
        """
        todo = []
        # a handful of companies: every one may be a provider
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            period = company._relance_due_payout_period()
            if period:
                clients = self._relance_clients_due(company, period)
                todo += [(company, client, period) for client in clients]
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(todo))
        for company, client, period in todo:
            self.with_company(company)._relance_pay_out(company, client, period)
            if not cron._commit_progress(1):
                break

    @api.model
    def _relance_clients_due(self, company, period):
        """Clients of ``company`` with payments or rejections to pay out for
        ``period`` and no payout for it yet (two grouped queries)."""
        clients = (
            self.env["res.partner"]
            .with_company(company)
            .search([("relance_client", "=", True)])
        )
        cutoff = company._relance_period_cutoff(period)
        groups = (
            self.env["payment.transaction"]
            .sudo()
            ._read_group(
                self._relance_pending_tx_domain(clients, cutoff), ["relance_client_id"]
            )
        )
        due = self.env["res.partner"].union(*(client for (client,) in groups))
        groups = (
            self.env["relance.payment.rejection"]
            .sudo()
            ._read_group(
                self._relance_pending_rejection_domain(company, clients),
                ["partner_id"],
            )
        )
        due |= self.env["res.partner"].union(*(client for (client,) in groups))
        done = self.sudo().search(
            [("company_id", "=", company.id), ("period", "=", period)]
        )
        return due - done.partner_id

    @api.model
    def _relance_pending_tx_domain(self, clients, cutoff):
        """Confirmed hosted shop payments of ``clients`` not yet paid out and
        confirmed before ``cutoff`` (naive UTC).

        Only real money: payments made in production (``is_live``) through a
        provider that is still enabled; test-mode payments are never paid out,
        nor a payment whose processor amount differs until that is settled.
        """
        return Domain(
            [
                ("state", "=", "done"),
                ("is_live", "=", True),
                ("operation", "!=", "validation"),
                ("provider_id.relance_payout", "=", True),
                ("provider_id.state", "=", "enabled"),
                ("relance_amount_mismatch", "=", False),
                ("relance_client_id", "in", clients.ids),
                ("relance_payout_id", "=", False),
                ("last_state_change", "<", cutoff),
            ]
        )

    @api.model
    def _relance_pending_rejection_domain(self, company, clients):
        """Rejections of ``clients`` recorded in ``company`` and not yet
        deducted from a payout, whatever their date: the next payout takes
        them all."""
        return Domain(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", clients.ids),
                ("payout_id", "=", False),
            ]
        )

    @api.model
    def _relance_pay_out(self, company, client, period):
        """Create and confirm the payout of ``client`` for ``period``.

        The client row is locked so that two workers never pay out the same
        client at once (the second one skips it; the unique constraint per
        client and month is the last guard). A business error (no journal…)
        is logged on the client and leaves it for the next run.
        """
        if not client.try_lock_for_update(allow_referencing=True):
            _logger.info("Payout of %s runs elsewhere", client.display_name)
            return self.browse()
        if self.sudo().search_count(
            [
                ("company_id", "=", company.id),
                ("partner_id", "=", client.id),
                ("period", "=", period),
            ]
        ):
            return self.browse()
        try:
            with self.env.cr.savepoint():
                payout = self.create(self._prepare_payout_vals(company, client, period))
                payout.action_confirm()
        except UserError as err:
            _logger.warning("Payout of %s failed: %s", client.display_name, err)
            client.message_post(
                body=self.env._("Card payout not made: %(error)s", error=str(err))
            )
            return self.browse()
        return payout

    @api.model
    def _prepare_payout_vals(self, company, client, period):
        """Values of the payout of ``client``: its lines net the payments
        against the pending rejections (``tools/payout.net_payout``)."""
        txs = (
            self.env["payment.transaction"]
            .sudo()
            .search(
                self._relance_pending_tx_domain(
                    client, company._relance_period_cutoff(period)
                ),
                order="last_state_change, id",
            )
        )
        rejections = self.env["relance.payment.rejection"].search(
            self._relance_pending_rejection_domain(company, client), order="date, id"
        )
        rules = self.env["relance.fee.rule"]._relance_rules_by_brand(company, client)
        lines = [self._prepare_payment_line_vals(tx, rules, company) for tx in txs]
        netting = payout_tools.net_payout(
            sum(txs.mapped("amount")), rejections.mapped("amount")
        )
        for rejection, invoiced in zip(rejections, netting.invoiced, strict=True):
            lines += self._prepare_rejection_line_vals(rejection, invoiced)
        return {
            "company_id": company.id,
            "partner_id": client.id,
            "period": period,
            "payout_date": company._relance_payout_date(period),
            "line_ids": [Command.create(vals) for vals in lines],
            "transaction_ids": [Command.set(txs.ids)],
            "rejection_ids": [Command.set(rejections.ids)],
        }

    @api.model
    def _prepare_payment_line_vals(self, tx, rules, company):
        brand = tx._relance_fee_brand()
        rule = self.env["relance.fee.rule"]._relance_match(rules, brand)
        return {
            "kind": "payment",
            "transaction_id": tx.id,
            "date": tx.last_state_change,
            "name": tx.reference,
            "brand": brand,
            "amount": tx.amount,
            "fee": rule._relance_fee(tx.amount, company.currency_id),
        }

    @api.model
    def _prepare_rejection_line_vals(self, rejection, invoiced):
        """One line deducting the rejection, and one adding back the part
        invoiced to the client, if any."""
        vals = [
            {
                "kind": "rejection",
                "rejection_id": rejection.id,
                "transaction_id": rejection.transaction_id.id,
                "date": rejection.create_date,
                "name": rejection.name,
                "amount": -rejection.amount,
            }
        ]
        if invoiced:
            vals.append(
                {
                    "kind": "invoiced",
                    "rejection_id": rejection.id,
                    "transaction_id": rejection.transaction_id.id,
                    "date": rejection.create_date,
                    "name": self.env._(
                        "%(rejection)s: invoiced", rejection=rejection.name
                    ),
                    "amount": invoiced,
                }
            )
        return vals

    # ------------------------------------------------------------
    # INVOICES, CREDITOR ENTRIES, STATEMENT
    # ------------------------------------------------------------

    def _relance_invoice_fees(self):
        """The month's collection fees: one customer invoice, a line per brand."""
        self.ensure_one()
        fee_lines = self.line_ids.filtered(lambda line: line.fee)
        if not fee_lines or self.fee_move_id:
            return
        product = self.env.ref("relance_nc_payment.product_relance_card_fee")
        labels = dict(
            self.env["relance.fee.rule"]
            ._fields["brand"]
            ._description_selection(self.env)
        )
        invoice_lines = []
        for brand, lines in fee_lines.grouped("brand").items():
            invoice_lines.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "name": self.env._(
                            "Card collection fees %(month)s - %(brand)s: "
                            "%(count)s payments",
                            month=self.period.strftime("%m/%Y"),
                            brand=labels.get(brand) or self.env._("other cards"),
                            count=len(lines),
                        ),
                        "quantity": 1,
                        "price_unit": sum(lines.mapped("fee")),
                    }
                )
            )
        self.fee_move_id = self._relance_create_invoice(invoice_lines)

    def _relance_invoice_remainder(self):
        """Rejections the payments could not cover, invoiced to the client."""
        self.ensure_one()
        if not self.amount_invoiced or self.remainder_move_id:
            return
        lines = [
            Command.create(
                {
                    "name": self.env._(
                        "Card payment rejected, not covered by the payout: "
                        "%(reference)s",
                        reference=line.rejection_id.name,
                    ),
                    "quantity": 1,
                    "price_unit": line.amount,
                    "tax_ids": [],
                }
            )
            for line in self.line_ids.filtered(lambda line: line.kind == "invoiced")
        ]
        self.remainder_move_id = self._relance_create_invoice(lines)

    def _relance_create_invoice(self, invoice_lines):
        journal = self.company_id._relance_fee_journal()
        invoice = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "journal_id": journal.id,
                    "partner_id": self.partner_id.id,
                    "invoice_date": self.payout_date,
                    "currency_id": self.currency_id.id,
                    "invoice_origin": self.name,
                    "invoice_line_ids": invoice_lines,
                }
            )
        )
        invoice.action_post()
        return invoice

    def _relance_creditor_company(self):
        """The creditor company of this database whose partner is the client."""
        self.ensure_one()
        return (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "=", self.partner_id.id)], limit=1)
        )

    def _relance_book_creditor_side(self):
        """When the creditor keeps its books in this database, book its side:
        clearing → bank for the payout, vendor bills for the invoices."""
        self.ensure_one()
        creditor = self._relance_creditor_company()
        if not creditor:
            return
        moves = creditor._relance_book_payout(self)
        if self.fee_move_id:
            moves |= creditor._relance_book_vendor_bill(
                self.fee_move_id, creditor._relance_expense_account()
            )
        if self.remainder_move_id:
            moves |= creditor._relance_book_vendor_bill(
                self.remainder_move_id, creditor._relance_shop_clearing_account()
            )
        self.creditor_move_ids = moves

    def _relance_send_statement(self):
        """Email the payout statement (PDF attached) to the client."""
        template = self.env.ref(
            "relance_nc_payment.mail_template_relance_payout", raise_if_not_found=False
        )
        if not template or not self.partner_id.email:
            return
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() in (
            "install",
            "broken",
        ):
            self.message_post(
                body=self.env._("Statement not emailed: no PDF engine (wkhtmltopdf).")
            )
            return
        template.send_mail(self.id)

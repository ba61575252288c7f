# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

REASONS = [
    ("chargeback", "Chargeback (disputed by the cardholder)"),
    ("rejected", "Payment rejected by the bank"),
    ("fraud", "Fraud"),
    ("other", "Other"),
]


class RelancePaymentRejection(models.Model):
    """A rejected or charged-back card payment, in full or in part.

    Recorded on the provider side; the client (creditor) is told by email at
    once, and the amount is deducted from its next payout (what the payout
    cannot cover is invoiced to it).
    """

    _name = "relance.payment.rejection"
    _inherit = ["mail.thread"]
    _description = "relance.nc Card Payment Rejection"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    transaction_id = fields.Many2one(
        "payment.transaction",
        string="Payment",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("state", "=", "done"), ("provider_id.relance_payout", "=", True)],
    )
    partner_id = fields.Many2one(
        related="transaction_id.relance_client_id",
        string="Client",
        store=True,
        index=True,
    )
    debtor_id = fields.Many2one(
        related="transaction_id.partner_id", string="Payer", store=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    reason = fields.Selection(REASONS, required=True, default="chargeback")
    note = fields.Text()
    payout_id = fields.Many2one(
        "relance.payout", readonly=True, copy=False, index="btree_not_null"
    )
    state = fields.Selection(
        [
            ("pending", "To deduct"),
            ("deducted", "Deducted"),
            ("invoiced", "Invoiced"),
        ],
        compute="_compute_state",
        store=True,
    )
    creditor_move_id = fields.Many2one(
        "account.move", string="Creditor Entry", readonly=True, copy=False
    )

    _amount_positive = models.Constraint(
        "CHECK (amount > 0)", "A rejected amount must be positive."
    )

    @api.depends("transaction_id.reference", "date")
    def _compute_name(self):
        for rejection in self:
            rejection.name = self.env._(
                "Rejection %(reference)s", reference=rejection.transaction_id.reference
            )

    @api.depends("payout_id.line_ids.kind")
    def _compute_state(self):
        for rejection in self:
            kinds = rejection.payout_id.line_ids.filtered(
                lambda line, r=rejection: line.rejection_id == r
            ).mapped("kind")
            if not rejection.payout_id:
                rejection.state = "pending"
            elif "invoiced" in kinds:
                rejection.state = "invoiced"
            else:
                rejection.state = "deducted"

    @api.constrains("amount", "transaction_id")
    def _check_amount(self):
        for tx in self.transaction_id:
            rejected = sum(tx.sudo().relance_rejection_ids.mapped("amount"))
            if rejected > tx.amount:
                raise ValidationError(
                    self.env._(
                        "The rejections of payment %(reference)s total "
                        "%(rejected)s, more than its amount %(amount)s.",
                        reference=tx.reference,
                        rejected=rejected,
                        amount=tx.amount,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        """Notify the client and book its side at once."""
        rejections = super().create(vals_list)
        for rejection in rejections:
            rejection._relance_book_creditor_side()
            rejection._relance_notify()
        return rejections

    @api.ondelete(at_uninstall=False)
    def _unlink_except_deducted(self):
        if self.filtered("payout_id"):
            raise ValidationError(
                self.env._("A rejection deducted from a payout cannot be deleted.")
            )

    def _relance_notify(self):
        """Email the client that a payment was rejected (French-ready)."""
        self.ensure_one()
        template = self.env.ref("relance_nc_payment.mail_template_relance_rejection")
        template.send_mail(self.id)

    def _relance_book_creditor_side(self):
        """When the creditor keeps its books in this database, its debtor owes
        the amount again (receivable ← clearing)."""
        self.ensure_one()
        creditor = (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "=", self.partner_id.id)], limit=1)
        )
        if creditor:
            self.creditor_move_id = creditor._relance_book_rejection(self)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import const


class RelanceLetterDeliveryWizard(models.TransientModel):
    """The outcome of posted letters, on the date of its proof.

    A registered letter is delivered on the date the customer signed the
    acknowledgment of receipt, and a letter is returned on the date the post
    stamped on it: the user enters that date, which is rarely the day the
    proof reaches the office.
    """

    _name = "relance.letter.delivery.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Letter Delivery Outcome"

    letter_ids = fields.Many2many("relance.letter", required=True)
    outcome = fields.Selection(
        [("delivered", "Delivered"), ("returned", "Returned")],
        required=True,
        default="delivered",
    )
    has_registered = fields.Boolean(compute="_compute_has_registered")
    date = fields.Date(
        string="Date of the Proof",
        required=True,
        help="Delivered: the date signed on the acknowledgment of receipt (or "
        "the delivery date of the tracking). Returned: the date stamped by the "
        "post on the returned letter.",
    )
    ar_scan = fields.Binary(string="Signed Acknowledgment")
    ar_scan_name = fields.Char()
    return_reason = fields.Selection(const.RETURN_REASONS, default="unknown_address")

    @api.depends("letter_ids.mail_type")
    def _compute_has_registered(self):
        for wizard in self:
            wizard.has_registered = "registered" in wizard.letter_ids.mapped(
                "mail_type"
            )

    def action_confirm(self):
        self.ensure_one()
        self._check_proof_date()
        if self.outcome == "delivered":
            self.letter_ids._set_delivered(self.date, self.ar_scan, self.ar_scan_name)
        else:
            self.letter_ids._set_returned(self.date, self.return_reason)
        return {"type": "ir.actions.act_window_close"}

    def _check_proof_date(self):
        """The proof is dated between the posting and today."""
        for letter in self.letter_ids:
            if self.date > letter.company_id._relance_today():
                message = self.env._(
                    "The proof of %(letter)s cannot be dated %(date)s, after today.",
                    letter=letter.name,
                    date=self.date,
                )
            elif letter.posted_on and self.date < letter.posted_on:
                message = self.env._(
                    "The proof of %(letter)s cannot be dated %(date)s, before "
                    "the letter was posted on %(posted)s.",
                    letter=letter.name,
                    date=self.date,
                    posted=letter.posted_on,
                )
            else:
                continue
            raise ValidationError(message)

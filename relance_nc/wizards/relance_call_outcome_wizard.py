# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import const


class RelanceCallOutcomeWizard(models.TransientModel):
    """The agent records how a reminder call went; the creditor gets a report."""

    _name = "relance.call.outcome.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Reminder Call Outcome"

    action_id = fields.Many2one(
        "relance.action", required=True, domain=[("channel", "=", "call")]
    )
    currency_id = fields.Many2one(related="action_id.currency_id")
    partner_id = fields.Many2one(related="action_id.partner_id")
    amount_overdue = fields.Monetary(related="action_id.amount_overdue")
    outcome = fields.Selection(const.CALL_OUTCOMES, required=True)
    note = fields.Text()
    promise_date = fields.Date()
    promise_amount = fields.Monetary()
    dispute_reason = fields.Char()

    @api.onchange("outcome")
    def _onchange_outcome(self):
        if self.outcome == "promise" and not self.promise_amount:
            self.promise_amount = self.amount_overdue

    def action_save(self):
        self.ensure_one()
        action = self.action_id
        if action.state not in ("scheduled", "failed", "draft"):
            raise UserError(
                self.env._("The outcome of this call was already recorded.")
            )
        self._check_outcome_values()
        action.write(
            {
                "call_outcome": self.outcome,
                "call_note": self.note or self.dispute_reason,
                "call_promise_date": self.promise_date,
                "call_promise_amount": self.promise_amount,
                "recipient": (action.contact_id or action.partner_id).phone,
                "user_id": action.user_id.id or self.env.uid,
                "delivery_state": "delivered",
            }
        )
        self._apply_to_invoices()
        action._set_done()
        action.activity_feedback(
            ["mail.mail_activity_data_call"], feedback=action._get_call_outcome_label()
        )
        self._send_report()
        return True

    def _check_outcome_values(self):
        if self.outcome == "promise" and not (
            self.promise_date and self.promise_amount
        ):
            raise UserError(
                self.env._("A promise to pay needs the promised date and amount.")
            )
        if self.outcome == "dispute" and not self.dispute_reason:
            raise UserError(self.env._("Please give the reason of the dispute."))

    def _apply_to_invoices(self):
        """A promise blocks reminders until its date; a dispute until resolved."""
        moves = self.action_id.move_ids
        if self.outcome == "promise":
            moves.write(
                {
                    "relance_block": "promise",
                    "relance_block_reason": self.note or False,
                    "relance_promise_date": self.promise_date,
                    "relance_promise_amount": self.promise_amount / len(moves)
                    if moves
                    else 0.0,
                }
            )
        elif self.outcome == "dispute":
            moves.write(
                {
                    "relance_block": "dispute",
                    "relance_block_reason": self.dispute_reason,
                }
            )
        elif self.outcome == "wrong_number":
            contact = self.action_id.contact_id or self.action_id.partner_id
            contact.message_post(
                body=self.env._(
                    "Wrong phone number reported by a reminder call: %(phone)s",
                    phone=contact.phone or "",
                )
            )

    def _send_report(self):
        """Email the short call report to the creditor and log it."""
        action = self.action_id
        template = self.env.ref("relance_nc.mail_template_relance_call_report")
        if action.company_id.email:
            template.send_mail(action.id, force_send=False)
        body = template._render_field("body_html", action.ids, compute_lang=True)[
            action.id
        ]
        action.message_post(
            body=Markup("%s<br/>%s") % (self.env._("Call report"), body),
            subtype_xmlid="mail.mt_note",
        )
        action.partner_id.message_post(body=body, subtype_xmlid="mail.mt_note")

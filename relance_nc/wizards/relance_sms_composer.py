# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_datetime


class RelanceSmsComposer(models.TransientModel):
    """Review the text of an SMS reminder, with its live count, and send it now
    or at a chosen time. The text chosen replaces the level's template."""

    _name = "relance.sms.composer"
    _inherit = ["relance.wizard.mixin"]
    _description = "Reminder SMS Composer"

    action_id = fields.Many2one(
        "relance.action",
        required=True,
        readonly=True,
        ondelete="cascade",
        domain=[("channel", "=", "sms"), ("state", "in", ("draft", "scheduled"))],
    )
    contact_id = fields.Many2one(
        "res.partner", string="Recipient", compute="_compute_contact"
    )
    number = fields.Char(string="Mobile", compute="_compute_contact")
    body = fields.Text(
        string="Text",
        compute="_compute_body",
        store=True,
        readonly=False,
    )
    send_mode = fields.Selection(
        [("now", "Now"), ("scheduled", "At a chosen time")],
        string="Send",
        default="now",
        required=True,
    )
    scheduled_at = fields.Datetime(string="Send At")

    @api.depends("action_id")
    def _compute_contact(self):
        for wizard in self:
            contact = wizard.action_id.contact_id or wizard.action_id.partner_id
            wizard.contact_id = contact
            wizard.number = contact.relance_phone_e164 or contact.phone

    @api.depends("action_id")
    def _compute_body(self):
        for wizard in self:
            wizard.body = (
                wizard.action_id._render_sms_text() if wizard.action_id else False
            )

    def action_send(self):
        """Store the text on the reminder, then send it or schedule it."""
        self.ensure_one()
        action = self._check_action()
        vals = {"body_text": self.body, "sms_text_custom": True}
        if self.send_mode == "scheduled":
            if not self.scheduled_at:
                raise UserError(self.env._("Please choose when to send the SMS."))
            action.write(dict(vals, state="scheduled", scheduled_at=self.scheduled_at))
            self.env.ref("relance_nc.ir_cron_relance_execute")._trigger(
                at=self.scheduled_at
            )
            return {"type": "ir.actions.act_window_close"}
        self._check_terms(action)
        action.write(dict(vals, state="scheduled", scheduled_at=fields.Datetime.now()))
        action._execute()
        return self._notify_result(action)

    def _check_action(self):
        """The reminder, locked, if it may still be sent from here."""
        action = self.action_id
        if action.channel != "sms" or action.state not in ("draft", "scheduled"):
            raise UserError(
                self.env._(
                    "%(action)s is not an SMS reminder waiting to be sent.",
                    action=action.display_name,
                )
            )
        if not (self.body or "").strip():
            raise UserError(self.env._("The SMS text is empty."))
        locked = action.try_lock_for_update()
        if not locked:
            raise UserError(
                self.env._(
                    "%(action)s is being sent by another process; try again later.",
                    action=action.display_name,
                )
            )
        return locked

    def _check_terms(self, action):
        """Nothing is sent before the company accepted the content terms."""
        if action.company_id._relance_gated_companies():
            raise UserError(
                self.env._(
                    "Accept the content-responsibility terms of %(company)s in the "
                    "settings before sending reminders.",
                    company=action.company_id.name,
                )
            )

    def _notify_result(self, action):
        """Close the dialog and say what became of the SMS."""
        if action.state == "done":
            kind, message = "success", self.env._("The SMS was sent.")
        elif action.state == "failed":
            kind, message = "danger", action.error
        elif action.state == "scheduled":
            kind = "warning"
            message = self.env._(
                "Outside the sending hours: the SMS will leave on %(date)s.",
                date=format_datetime(self.env, action.scheduled_at, dt_format="short"),
            )
        else:
            kind, message = "warning", action.error or action.state
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": kind,
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceAction(models.Model):
    """Phone call channel: a task for the agent, then its outcome."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    def _execute_call(self):
        """A call becomes a task for the agent on the scheduled day."""
        self.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.to_date(self.scheduled_at),
            summary=self.env._("Call %(customer)s", customer=self.partner_id.name),
            note=self._get_call_brief(),
            user_id=(self.user_id or self.env.user).id,
        )
        self.write({"delivery_state": "queued"})

    def _get_call_brief(self):
        """What the agent needs at hand: numbers, invoices, amounts."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "relance_nc.relance_call_brief", {"action": self}
        )

    def _get_call_outcome_label(self):
        self.ensure_one()
        labels = dict(self._fields["call_outcome"]._description_selection(self.env))
        return labels.get(self.call_outcome, "")

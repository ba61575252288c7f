# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class RelanceHoliday(models.Model):
    """A change to the company's default public holidays (tools.schedule):
    an extra closed day, or a default holiday declared open."""

    _name = "relance.holiday"
    _description = "Reminder Calendar Exception"
    _order = "date desc"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True)
    name = fields.Char(required=True, translate=True)
    closed = fields.Boolean(
        string="Closed Day",
        default=True,
        help="Closed: nothing is sent that day. Unticked: a default public "
        "holiday on which reminders are sent anyway.",
    )

    _company_date_uniq = models.Constraint(
        "UNIQUE (company_id, date)", "This day is already in the calendar."
    )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_date


class RelanceRunPreview(models.TransientModel):
    """What the reminder run of a given day would send, to whom, at what cost,
    and what is missing to send it, before anything is planned or sent."""

    _name = "relance.run.preview"
    _description = "Reminder Run Preview"

    day = fields.Date(
        required=True,
        default=lambda self: (
            self.env["relance.action"]._company_today(self.env.company)
            + timedelta(days=1)
        ),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("relance.run.preview.line", "preview_id", readonly=True)
    action_count = fields.Integer(compute="_compute_totals")
    total_cost = fields.Monetary(compute="_compute_totals")
    missing_count = fields.Integer(compute="_compute_totals")

    @api.depends("line_ids.cost", "line_ids.missing_info")
    def _compute_totals(self):
        for preview in self:
            preview.action_count = len(preview.line_ids)
            preview.total_cost = sum(preview.line_ids.mapped("cost"))
            preview.missing_count = len(preview.line_ids.filtered("missing_info"))

    @api.depends("day", "company_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for preview in self:
            preview.display_name = self.env._(
                "Reminder run of %(day)s",
                day=format_date(self.env, preview.day) if preview.day else "",
            )

    def action_compute(self):
        self.ensure_one()
        actions = self.env["relance.action"]
        vals_list = actions._preview_company(self.company_id, self.day)
        contacts = self.env["res.partner"].browse(
            {vals["contact_id"] for vals in vals_list}
        )
        contacts.fetch(
            ["email", "relance_email_bounced", "relance_phone_kind", "street", "city"]
        )
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(
                {
                    "partner_id": vals["partner_id"],
                    "contact_id": vals["contact_id"],
                    "level_id": vals["level_id"],
                    "channel": vals["channel"],
                    "amount_overdue": vals["amount_overdue"],
                    "cost": vals["cost"],
                    "review": vals["state"] == "draft",
                    "missing_info": actions._missing_info_for(
                        vals["channel"], contacts.browse(vals["contact_id"])
                    )
                    or False,
                }
            )
            for vals in vals_list
        ]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }


class RelanceRunPreviewLine(models.TransientModel):
    _name = "relance.run.preview.line"
    _inherit = ["relance.wizard.mixin"]
    _description = "Reminder Run Preview Line"
    _order = "missing_info, partner_id, level_id"

    preview_id = fields.Many2one(
        "relance.run.preview", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="preview_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer")
    contact_id = fields.Many2one("res.partner", string="Recipient")
    level_id = fields.Many2one("relance.level")
    channel = fields.Selection(selection="_selection_channel")
    amount_overdue = fields.Monetary(string="Overdue Amount")
    cost = fields.Monetary()
    review = fields.Boolean(string="Needs Review")
    missing_info = fields.Char(string="Missing Information")

    @api.model
    def _selection_channel(self):
        return self.env["relance.action"]._selection_channel()

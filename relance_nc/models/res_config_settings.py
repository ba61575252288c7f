# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools.urls import urljoin

from .. import const


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    relance_territory = fields.Selection(
        related="company_id.relance_territory", readonly=False
    )
    relance_send_start = fields.Float(
        related="company_id.relance_send_start", readonly=False
    )
    relance_send_end = fields.Float(
        related="company_id.relance_send_end", readonly=False
    )
    relance_send_saturday = fields.Boolean(
        related="company_id.relance_send_saturday", readonly=False
    )
    relance_call_start = fields.Float(
        related="company_id.relance_call_start", readonly=False
    )
    relance_call_end = fields.Float(
        related="company_id.relance_call_end", readonly=False
    )
    relance_cost_email = fields.Monetary(
        related="company_id.relance_cost_email", readonly=False
    )
    relance_cost_sms = fields.Monetary(
        related="company_id.relance_cost_sms", readonly=False
    )
    relance_cost_letter = fields.Monetary(
        related="company_id.relance_cost_letter", readonly=False
    )
    relance_cost_registered_letter = fields.Monetary(
        related="company_id.relance_cost_registered_letter", readonly=False
    )
    relance_cost_call = fields.Monetary(
        related="company_id.relance_cost_call", readonly=False
    )
    relance_cost_handover = fields.Monetary(
        related="company_id.relance_cost_handover", readonly=False
    )
    relance_sms_provider = fields.Selection(
        related="company_id.relance_sms_provider", readonly=False
    )
    relance_sms_url = fields.Char(related="company_id.relance_sms_url", readonly=False)
    relance_sms_sender = fields.Char(
        related="company_id.relance_sms_sender", readonly=False
    )
    relance_sms_api_key = fields.Char(
        related="company_id.relance_sms_api_key", readonly=False
    )
    relance_sms_webhook_secret = fields.Char(
        related="company_id.relance_sms_webhook_secret", readonly=False
    )
    relance_sms_status_url = fields.Char(
        string="Delivery Report URL", compute="_compute_relance_sms_status_url"
    )
    relance_terms_accepted = fields.Boolean(related="company_id.relance_terms_accepted")
    relance_terms_text = fields.Text(compute="_compute_relance_terms_text")

    def _compute_relance_sms_status_url(self):
        for settings in self:
            settings.relance_sms_status_url = urljoin(
                settings.company_id.get_base_url(), const.SMS_STATUS_ROUTE
            )

    def _compute_relance_terms_text(self):
        text = self.env["relance.terms.acceptance"]._get_terms_text()
        for settings in self:
            settings.relance_terms_text = text

    def action_relance_accept_terms(self):
        self.company_id.action_relance_accept_terms()
        return {"type": "ir.actions.client", "tag": "reload"}

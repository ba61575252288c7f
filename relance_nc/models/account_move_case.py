# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _relance_case_invoices(self):
        """Posted customer invoices of ``self`` still unpaid and overdue."""
        today = fields.Date.context_today(self)
        return self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
                and m.invoice_date_due
                and m.invoice_date_due < today
            )
        )

    def action_relance_create_case(self):
        """Hand the selected overdue invoices to the collection firm."""
        moves = self._relance_case_invoices()
        if not moves:
            raise UserError(
                self.env._(
                    "Select posted customer invoices that are overdue and unpaid."
                )
            )
        cases = self.env["relance.case"]._create_from_invoices(moves)
        return cases._action_open()


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def action_relance_create_case(self):
        """Hand the customer's overdue invoices to the collection firm."""
        self.ensure_one()
        moves = (
            self.env["account.move"]
            .search(
                [
                    ("commercial_partner_id", "=", self.commercial_partner_id.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("company_id", "=", self.env.company.id),
                ]
            )
            ._relance_case_invoices()
        )
        if not moves:
            raise UserError(
                self.env._(
                    "%(customer)s has no overdue unpaid invoice.",
                    customer=self.display_name,
                )
            )
        return self.env["relance.case"]._create_from_invoices(moves)._action_open()

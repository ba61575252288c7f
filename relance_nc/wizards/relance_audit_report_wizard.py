# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.fields import Domain

from ..tools import kpi

TOP_CUSTOMERS = 10
RECOVERY_MONTHS = 12


class RelanceAuditReportWizard(models.TransientModel):
    """Print the receivables audit report ("Suivre vos comptes clients").

    The report gathers the aging of the open items, the DSO, the overdue
    ratio, the customers most overdue and the amounts recovered after each
    reminder level and channel over the last twelve months. The open items are
    those open now; their ages, the 90-day sales of the DSO and the twelve
    months of recoveries are counted back from the chosen date.
    """

    _name = "relance.audit.report.wizard"
    _inherit = ["relance.wizard.mixin"]
    _description = "Receivables Audit Report"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        required=True,
        default=lambda self: self.env["relance.action"]._company_today(
            self.env.company
        ),
        help="Reference date of the ages, of the DSO period and of the twelve "
        "months of recoveries.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        domain=[("is_company", "=", True)],
        help="Limit the report to one customer (its commercial entity).",
    )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_print(self):
        self.ensure_one()
        return self.env.ref("relance_nc.action_report_relance_audit").report_action(
            self
        )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_audit_values(self):
        """Figures of the report, in a handful of grouped queries."""
        self.ensure_one()
        aging = self._get_aging()
        total = sum(amount for __, __, amount in aging)
        overdue = sum(amount for code, __, amount in aging if code != "not_due")
        credit_sales = self._get_credit_sales()
        return {
            "date": self.date,
            "company": self.company_id,
            "currency": self.currency_id,
            "partner": self.partner_id.commercial_partner_id,
            "aging": aging,
            "total_receivable": total,
            "overdue": overdue,
            "overdue_ratio": kpi.overdue_ratio(overdue, total),
            "credit_sales": credit_sales,
            "dso_period": kpi.DSO_PERIOD,
            "dso": kpi.dso(total, credit_sales, kpi.DSO_PERIOD),
            "top_customers": self._get_top_customers(),
            "recovery_since": self.date - relativedelta(months=RECOVERY_MONTHS),
            "recovered": self._get_recovered(),
        }

    def _get_receivable_domain(self):
        domain = Domain("company_id", "=", self.company_id.id)
        if self.partner_id:
            domain &= Domain(
                "partner_id", "=", self.partner_id.commercial_partner_id.id
            )
        return domain

    def _receivable_report(self):
        return self.env["relance.receivable.report"].with_context(
            relance_report_date=self.date
        )

    def _get_aging(self):
        """[(bucket code, label, balance)] for every bucket, youngest first."""
        report = self._receivable_report()
        totals = dict(
            report._read_group(
                self._get_receivable_domain(),
                ["age_bucket"],
                ["amount_residual:sum"],
            )
        )
        labels = dict(report._fields["age_bucket"]._description_selection(self.env))
        return [(code, labels[code], totals.get(code, 0.0)) for code in kpi.BUCKETS]

    def _get_top_customers(self):
        """[(partner, overdue balance, oldest days overdue)], most overdue first."""
        return self._receivable_report()._read_group(
            self._get_receivable_domain() & Domain("days_overdue", ">", 0),
            ["partner_id"],
            ["amount_residual:sum", "days_overdue:max"],
            having=[("amount_residual:sum", ">", 0)],
            order="amount_residual:sum desc",
            limit=TOP_CUSTOMERS,
        )

    def _get_credit_sales(self):
        """Invoiced sales net of credit notes over the DSO period."""
        domain = Domain(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("invoice_date", ">", self.date - relativedelta(days=kpi.DSO_PERIOD)),
                ("invoice_date", "<=", self.date),
            ]
        )
        if self.partner_id:
            domain &= Domain(
                "commercial_partner_id", "=", self.partner_id.commercial_partner_id.id
            )
        [(amount,)] = self.env["account.move"]._read_group(
            domain, [], ["amount_total_signed:sum"]
        )
        return amount or 0.0

    def _get_recovered(self):
        """Actions done in the last twelve months per level and channel:
        [{level, channel, count, claimed, recovered, rate}]."""
        domain = (
            self._get_receivable_domain()
            & Domain(
                "done_date", ">", self.date - relativedelta(months=RECOVERY_MONTHS)
            )
            & Domain("done_date", "<=", self.date)
        )
        report = self.env["relance.recovery.report"]
        channels = dict(report._fields["channel"]._description_selection(self.env))
        return [
            {
                "level": level,
                "channel": channels.get(channel, channel),
                "count": count,
                "claimed": claimed,
                "recovered": recovered,
                "rate": kpi.recovery_rate(recovered, claimed),
            }
            for level, channel, count, claimed, recovered in report._read_group(
                domain,
                ["level_id", "channel"],
                ["__count", "amount_claimed:sum", "amount_recovered:sum"],
            )
        ]

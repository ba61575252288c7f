# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL

from ..tools import kpi


class ReportRelanceStatement(models.AbstractModel):
    """Account statement (relevé de compte) of customers.

    Lists the open receivable items of each customer (commercial entity) in
    the current company: invoices, credit notes and unreconciled payments,
    their age on the statement date, the totals per age bucket and the total
    due. The items of all the customers are read in one query.
    """

    _name = "report.relance_nc.report_statement"
    _description = "Customer Account Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Values of the template; the statement date is the context key
        ``relance_statement_date``, else today in the company's time zone."""
        # The items are read in SQL: only users who may read journal items
        # get them (the report's group only hides it from the Print menu).
        self.env["account.move.line"].check_access("read")
        company = self.env.company
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        today = (
            self.env["relance.receivable.report"]
            .with_context(
                relance_report_date=self.env.context.get("relance_statement_date")
            )
            ._get_report_date()
        )
        lines = self._get_statement_lines(company, partners, today)
        bucket_labels = dict(
            self.env["relance.receivable.report"]
            ._fields["age_bucket"]
            ._description_selection(self.env)
        )
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            "currency": company.currency_id,
            "today": today,
            "buckets": [(code, bucket_labels[code]) for code in kpi.BUCKETS],
            "statements": {
                partner.id: self._prepare_statement(lines.get(partner.id, []), today)
                for partner in partners
            },
        }

    @api.model
    def _get_statement_lines(self, company, partners, today):
        """Open items of ``partners`` aged on ``today``: {partner id: [dict]}."""
        if not partners:
            return {}
        report = self.env["relance.receivable.report"].with_context(
            relance_report_date=today
        )
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT item.partner_id, item.kind, item.date, item.date_maturity,
                       item.days_overdue, item.age_bucket, item.amount,
                       item.amount_residual,
                       move.name AS document, move.ref, move.move_type
                  FROM %(items)s item
                  JOIN account_move move ON move.id = item.move_id
                 WHERE item.company_id = %(company)s
                   AND item.partner_id IN %(partners)s
                 ORDER BY item.partner_id, item.date_maturity, item.date, item.id
                """,
                items=report._table_sql,
                company=company.id,
                partners=tuple(partners.ids),
            )
        )
        by_partner = {}
        for row in rows:
            by_partner.setdefault(row["partner_id"], []).append(row)
        return by_partner

    @api.model
    def _prepare_statement(self, lines, today):
        """Totals of one customer's statement from its ``lines``."""
        totals = dict.fromkeys(kpi.BUCKETS, 0.0)
        for line in lines:
            totals[line["age_bucket"]] += line["amount_residual"]
        return {
            "lines": lines,
            "bucket_totals": totals,
            "total": sum(totals.values()),
            "overdue": sum(v for code, v in totals.items() if code != "not_due"),
        }

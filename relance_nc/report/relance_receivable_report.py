# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from ..tools import kpi

AGE_BUCKETS = [
    ("not_due", "Not due"),
    ("1_30", "1-30 days"),
    ("31_60", "31-60 days"),
    ("61_90", "61-90 days"),
    ("over_90", "Over 90 days"),
]
ITEM_KINDS = [
    ("invoice", "Invoice"),
    ("credit_note", "Credit Note"),
    ("payment", "Payment"),
    ("other", "Other"),
]


class RelanceReceivableReport(models.Model):
    """Open customer receivable items, aged ("Suivre vos comptes clients").

    One row per open receivable journal item (an invoice instalment, a credit
    note, an unreconciled payment) of a customer, in the company currency.
    The items are the SQL view created by :meth:`init` (named after the
    model's table, so that uninstalling drops it). Their age depends on the
    reference date, which PostgreSQL's clock cannot give (the company's time
    zone, a date chosen in the audit wizard, frozen dates in tests), so the
    ORM reads the view through :attr:`_table_query`, which adds the age
    columns for the context key ``relance_report_date`` or the company's local
    date. Buckets follow :mod:`..tools.kpi`.
    """

    _name = "relance.receivable.report"
    _description = "Customer Receivables Analysis"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"
    _depends = {
        "account.move.line": [
            "account_id",
            "amount_residual",
            "balance",
            "company_id",
            "date",
            "date_maturity",
            "move_id",
            "parent_state",
            "partner_id",
            "reconciled",
        ],
        "account.move": [
            "move_type",
            "name",
            "origin_payment_id",
            "payment_state",
            "relance_block",
            "relance_excluded",
            "relance_promise_date",
            "ref",
            "statement_line_id",
        ],
        "account.account": ["account_type"],
        "relance.move.level": ["level_id", "move_id"],
        "res.partner": ["commercial_partner_id"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    kind = fields.Selection(ITEM_KINDS, readonly=True)
    date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    amount = fields.Monetary(string="Original Amount", readonly=True)
    amount_residual = fields.Monetary(string="Balance", readonly=True)
    amount_overdue = fields.Monetary(string="Overdue", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    age_bucket = fields.Selection(AGE_BUCKETS, string="Age", readonly=True)
    relance_level_id = fields.Many2one(
        "relance.level", string="Reminder Level", readonly=True
    )
    blocked = fields.Boolean(
        readonly=True,
        help="Excluded from reminders, payment on hold, in dispute, under a "
        "promise to pay not yet due or in a collective procedure.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._get_item_query(),
            )
        )

    @property
    def _table_query(self):
        return self._get_aged_query(self._get_report_date())

    @api.model
    def _get_item_query(self):
        """Open receivable items of customers, without their age."""
        return SQL(
            """
            SELECT line.id AS id,
                   line.company_id AS company_id,
                   company.currency_id AS currency_id,
                   COALESCE(partner.commercial_partner_id, partner.id) AS partner_id,
                   line.move_id AS move_id,
                   CASE
                       WHEN move.move_type IN ('out_invoice', 'out_receipt')
                           THEN 'invoice'
                       WHEN move.move_type = 'out_refund' THEN 'credit_note'
                       WHEN move.origin_payment_id IS NOT NULL
                            OR move.statement_line_id IS NOT NULL THEN 'payment'
                       ELSE 'other'
                   END AS kind,
                   line.date AS date,
                   COALESCE(line.date_maturity, line.date) AS date_maturity,
                   line.balance AS amount,
                   line.amount_residual AS amount_residual,
                   reached.level_id AS relance_level_id,
                   move.relance_block AS relance_block,
                   move.relance_promise_date AS relance_promise_date,
                   (COALESCE(move.relance_excluded, FALSE)
                    OR move.payment_state = 'blocked') AS excluded
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              JOIN res_company company ON company.id = line.company_id
              JOIN res_partner partner ON partner.id = line.partner_id
              LEFT JOIN relance_move_level reached ON reached.move_id = move.id
             WHERE line.parent_state = 'posted'
               AND account.account_type = 'asset_receivable'
               AND NOT line.reconciled
               AND line.amount_residual != 0
            """
        )

    @api.model
    def _get_aged_query(self, today):
        """The items of the view with their age on ``today``."""
        days = SQL("GREATEST(%s - item.date_maturity, 0)", today)
        return SQL(
            """
            SELECT item.id, item.company_id, item.currency_id, item.partner_id,
                   item.move_id, item.kind, item.date, item.date_maturity,
                   item.amount, item.amount_residual, item.relance_level_id,
                   %(days)s AS days_overdue,
                   %(bucket)s AS age_bucket,
                   CASE WHEN %(days)s > 0 THEN item.amount_residual ELSE 0 END
                       AS amount_overdue,
                   (item.excluded
                    OR (item.relance_block IS NOT NULL
                        AND (item.relance_block != 'promise'
                             OR item.relance_promise_date >= %(today)s))) AS blocked
              FROM %(items)s item
            """,
            items=SQL.identifier(self._table),
            days=days,
            bucket=self._get_bucket_sql(days),
            today=today,
        )

    @api.model
    def _get_bucket_sql(self, days):
        """SQL CASE giving the bucket of ``days``, built from kpi.BUCKET_LIMITS."""
        whens = [
            SQL("WHEN %s <= %s THEN %s", days, limit, code)
            for code, limit in kpi.BUCKET_LIMITS
            if limit is not None
        ]
        return SQL(
            "(CASE %s ELSE %s END)", SQL(" ").join(whens), kpi.BUCKET_LIMITS[-1][0]
        )

    @api.model
    def _get_report_date(self):
        """Reference date of the ages: ``relance_report_date`` in the context,
        else today in the current company's time zone."""
        value = self.env.context.get("relance_report_date")
        if value:
            return value if isinstance(value, date) else fields.Date.to_date(value)
        return self.env["relance.action"]._company_today(self.env.company)

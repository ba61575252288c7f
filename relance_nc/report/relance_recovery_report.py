# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import drop_view_if_exists

from .. import const


class RelanceRecoveryReport(models.Model):
    """Amounts recovered after each reminder ("Suivre vos comptes clients").

    One row per done reminder action: what it claimed and what was paid
    afterwards on the invoices it listed, in the company currency.

    Attribution rule: a payment (a journal entry of a payment or of a bank
    statement line) reconciled with an invoice is attributed to the **last**
    action done on that invoice on or before the payment's date, and to that
    action only, so that an amount is never counted twice when an invoice
    was reminded several times (first email, then SMS, then call). The day an
    action was done is taken in the company's time zone, as payment dates
    have no time; ties go to the action done last. Credit notes and
    write-offs reconciled with the invoice are not recoveries.
    """

    _name = "relance.recovery.report"
    _description = "Recovered Amounts Analysis"
    _auto = False
    _order = "done_at desc, id desc"
    _rec_name = "action_id"
    _depends = {
        "relance.item.list": ["move_line_ids"],
        "relance.action": [
            "amount_overdue",
            "channel",
            "company_id",
            "done_at",
            "item_list_id",
            "level_id",
            "partner_id",
            "policy_id",
            "state",
        ],
        "account.partial.reconcile": ["amount", "credit_move_id", "debit_move_id"],
        "account.move.line": ["date", "move_id"],
        "account.move": ["origin_payment_id", "statement_line_id"],
    }

    action_id = fields.Many2one("relance.action", string="Reminder", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    policy_id = fields.Many2one("relance.policy", readonly=True)
    level_id = fields.Many2one("relance.level", readonly=True)
    channel = fields.Selection(selection="_selection_channel", readonly=True)
    done_at = fields.Datetime(readonly=True)
    done_date = fields.Date(string="Done On", readonly=True)
    amount_claimed = fields.Monetary(string="Claimed", readonly=True)
    amount_recovered = fields.Monetary(string="Recovered", readonly=True)
    payment_count = fields.Integer(string="Payments", readonly=True)

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._get_view_query(),
            )
        )

    @api.model
    def _get_view_query(self):
        """Done actions with the payments attributed to them (see the class)."""
        return SQL(
            """
            WITH done_action AS (
                SELECT action.id, action.company_id, action.partner_id,
                       action.policy_id, action.level_id, action.channel,
                       action.done_at, action.amount_overdue,
                       action.item_list_id,
                       (action.done_at AT TIME ZONE 'UTC'
                        AT TIME ZONE COALESCE(company_partner.tz, %(tz)s))::date
                           AS done_date
                  FROM relance_action action
                  JOIN res_company company ON company.id = action.company_id
                  JOIN res_partner company_partner
                    ON company_partner.id = company.partner_id
                 WHERE action.state = 'done'
                   AND action.done_at IS NOT NULL
            ),
            attributed AS (
                SELECT DISTINCT ON (partial.id)
                       partial.id AS partial_id, partial.amount,
                       action.id AS action_id
                  FROM account_partial_reconcile partial
                  JOIN account_move_line invoice_line
                    ON invoice_line.id = partial.debit_move_id
                  JOIN account_move_line payment_line
                    ON payment_line.id = partial.credit_move_id
                  JOIN account_move payment_move
                    ON payment_move.id = payment_line.move_id
                  JOIN account_move_line listed
                    ON listed.move_id = invoice_line.move_id
                  JOIN relance_item_list_account_move_line_rel rel
                    ON rel.line_id = listed.id
                  JOIN done_action action ON action.item_list_id = rel.list_id
                 WHERE (payment_move.origin_payment_id IS NOT NULL
                        OR payment_move.statement_line_id IS NOT NULL)
                   AND payment_line.date >= action.done_date
                 ORDER BY partial.id, action.done_at DESC, action.id DESC
            )
            SELECT action.id AS id,
                   action.id AS action_id,
                   action.company_id,
                   company.currency_id,
                   action.partner_id,
                   action.policy_id,
                   action.level_id,
                   action.channel,
                   action.done_at,
                   action.done_date,
                   action.amount_overdue AS amount_claimed,
                   COALESCE(SUM(attributed.amount), 0) AS amount_recovered,
                   COUNT(attributed.partial_id) AS payment_count
              FROM done_action action
              JOIN res_company company ON company.id = action.company_id
         LEFT JOIN attributed ON attributed.action_id = action.id
          GROUP BY action.id, action.company_id, company.currency_id,
                   action.partner_id, action.policy_id, action.level_id,
                   action.channel, action.done_at, action.done_date,
                   action.amount_overdue
            """,
            tz=const.DEFAULT_TZ,
        )

    @api.model
    def _selection_channel(self):
        return self.env["relance.action"]._selection_channel()

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

# Free room left in each page of the table, so that PostgreSQL updates a
# row in place (a HOT update, no index touched) when a reminder moves an
# invoice up: the level and the date are not indexed.
FILLFACTOR = 70


class RelanceMoveLevel(models.Model):
    """The reminder level an invoice reached and the day of its last reminder.

    One row per invoice reminded at least once, read on the invoice as
    ``account.move.relance_level_id`` and ``relance_last_date``. Sending
    reminders writes here, not on ``account_move``: a row of this narrow table
    is updated in place, whereas updating an invoice rewrote every index of
    ``account_move`` and was half of the database time of a reminder email
    (tests/benchmarks/bench_reminders.py).
    """

    _name = "relance.move.level"
    _description = "Invoice Reminder Level"
    _rec_name = "move_id"
    # A row per invoice, written by each reminder: no author and date columns,
    # and no company column (the invoice's), each a foreign key that
    # PostgreSQL checks for every row written; the reminders have them.
    _log_access = False

    move_id = fields.Many2one(
        "account.move", string="Invoice", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="move_id.company_id")
    level_id = fields.Many2one(
        "relance.level",
        string="Reminder Level",
        ondelete="set null",
        help="Last reminder level sent for this invoice.",
    )
    last_date = fields.Date(string="Last Reminder")

    _move_uniq = models.Constraint(
        "UNIQUE(move_id)", "An invoice has one reminder level."
    )

    def init(self):
        self.env.cr.execute(
            SQL(
                "ALTER TABLE %s SET (fillfactor = %s)",
                SQL.identifier(self._table),
                FILLFACTOR,
            )
        )

    @api.model
    def _record(self, moves, vals):
        """Write ``vals`` (``level_id``, ``last_date``: ids and dates, or
        False) as the reminder state of ``moves``, in one statement; the
        fields not in ``vals`` keep their value.

        Two workers reminding the same invoice at once: the second one's
        statement fails with a serialization error in Odoo's repeatable-read
        transactions, and the execution cron postpones its actions
        (``relance.action._run_or_postpone``).
        """
        if not moves or not vals:
            return
        self.flush_model()
        columns = sorted(vals)
        self.env.execute_query(
            SQL(
                """
                INSERT INTO relance_move_level (move_id, %(columns)s)
                SELECT unnest(%(moves)s::int[]), %(values)s
                ON CONFLICT (move_id) DO UPDATE SET %(updates)s
                """,
                columns=SQL(", ").join(map(SQL.identifier, columns)),
                values=SQL(", ").join(
                    SQL(
                        "%s::%s",
                        self._fields[column].convert_to_column(vals[column], self),
                        SQL(self._fields[column].column_type[1]),
                    )
                    for column in columns
                ),
                updates=SQL(", ").join(
                    SQL("%s = EXCLUDED.%s", SQL.identifier(c), SQL.identifier(c))
                    for c in columns
                ),
                moves=moves.ids,
            )
        )
        self.invalidate_model()
        moves.invalidate_recordset(["relance_level_id", "relance_last_date"])

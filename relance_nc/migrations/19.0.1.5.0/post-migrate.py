# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Move the invoices and items of each reminder to an item list
(relance.item.list, 19.0.1.5.0), in a few set-based statements.

Before, every action linked its invoices (``relance_action_account_move_rel``)
and its journal items (``account_move_line_relance_action_rel``). Each action
gets a list of its own items; an action that linked invoices without items
lists the receivable items of those invoices. The old link tables are then
dropped (Odoo keeps the table of a many2many field that no longer exists)."""

from odoo.tools import SQL

OLD_MOVES = "relance_action_account_move_rel"
OLD_LINES = "account_move_line_relance_action_rel"


def _table_exists(cr, table):
    cr.execute(SQL("SELECT to_regclass(%s) IS NOT NULL", table))
    return cr.fetchone()[0]


def migrate(cr, version):
    if not version or not _table_exists(cr, OLD_MOVES):
        return
    has_lines = _table_exists(cr, OLD_LINES)
    cr.execute("ALTER TABLE relance_item_list ADD COLUMN relance_migrated_action int")
    cr.execute(
        SQL(
            """
            INSERT INTO relance_item_list (company_id, partner_id, create_uid,
                   create_date, write_uid, write_date, relance_migrated_action)
            SELECT action.company_id, action.partner_id, action.create_uid,
                   action.create_date, action.write_uid, action.write_date,
                   action.id
              FROM relance_action action
             WHERE action.item_list_id IS NULL
               AND EXISTS (SELECT 1 FROM %s rel WHERE rel.action_id = action.id)
            """,
            SQL.identifier(OLD_MOVES),
        )
    )
    cr.execute(
        """
        UPDATE relance_action action
           SET item_list_id = list.id
          FROM relance_item_list list
         WHERE list.relance_migrated_action = action.id
        """
    )
    old_lines = (
        SQL(
            "SELECT relance_action_id AS action_id, account_move_line_id AS line_id"
            " FROM %s",
            SQL.identifier(OLD_LINES),
        )
        if has_lines
        else SQL("SELECT NULL::int AS action_id, NULL::int AS line_id WHERE FALSE")
    )
    # the items each action listed, and the receivable items of the invoices
    # it listed without any of their items
    cr.execute(
        SQL(
            """
            WITH old_line AS (%(old_lines)s)
            INSERT INTO relance_item_list_account_move_line_rel (list_id, line_id)
            SELECT list.id, old.line_id
              FROM relance_item_list list
              JOIN old_line old ON old.action_id = list.relance_migrated_action
             UNION
            SELECT list.id, line.id
              FROM relance_item_list list
              JOIN %(old_moves)s rel ON rel.action_id = list.relance_migrated_action
              JOIN account_move_line line ON line.move_id = rel.move_id
              JOIN account_account account ON account.id = line.account_id
             WHERE account.account_type = 'asset_receivable'
               AND NOT EXISTS (
                   SELECT 1
                     FROM old_line old
                     JOIN account_move_line other ON other.id = old.line_id
                    WHERE old.action_id = rel.action_id
                      AND other.move_id = rel.move_id)
            """,
            old_lines=old_lines,
            old_moves=SQL.identifier(OLD_MOVES),
        )
    )
    cr.execute("ALTER TABLE relance_item_list DROP COLUMN relance_migrated_action")
    for table in (OLD_MOVES, OLD_LINES):
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
    cr.execute(
        "DELETE FROM ir_model_relation WHERE name IN %s", [(OLD_MOVES, OLD_LINES)]
    )

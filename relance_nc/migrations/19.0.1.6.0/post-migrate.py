# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.6.0:

- move the reminder level and last reminder date of the invoices from
  ``account_move`` to ``relance_move_level``, then drop the two columns: Odoo
  keeps the column of a field that is no longer stored;
- in the reminder templates (not updated, ``noupdate``) still as shipped,
  replace the expressions that mail evaluated as code for each message by
  the field paths it reads (``relance.action.mail_allowed_qweb_expressions``).
"""

from odoo.tools import SQL


def _column_exists(cr, table, column):
    cr.execute(
        SQL(
            "SELECT 1 FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = %s",
            table,
            column,
        )
    )
    return bool(cr.fetchone())


# (model table, column): {expression as shipped: field path}
TEMPLATE_EXPRESSIONS = {
    ("mail_template", "email_from"): {
        "{{ object.company_id.email_formatted or user.email_formatted }}": (
            "{{ object.company_id.email_formatted }}"
        ),
    },
    ("mail_template", "partner_to"): {
        "{{ object.contact_id.id or object.partner_id.id }}": (
            "{{ object.recipient_id.id }}"
        ),
    },
    ("mail_template", "lang"): {
        "{{ object.contact_id.lang or object.partner_id.lang }}": (
            "{{ object.recipient_id.lang }}"
        ),
    },
    ("sms_template", "lang"): {
        "{{ object.contact_id.lang or object.partner_id.lang }}": (
            "{{ object.recipient_id.lang }}"
        ),
    },
}


def migrate(cr, version):
    if not version:
        return
    _migrate_template_expressions(cr)
    if _column_exists(cr, "account_move", "relance_level_id"):
        _migrate_move_levels(cr)


def _migrate_template_expressions(cr):
    for (table, column), expressions in TEMPLATE_EXPRESSIONS.items():
        for old, new in expressions.items():
            cr.execute(
                SQL(
                    """
                    UPDATE %(table)s template SET %(column)s = %(new)s
                      FROM ir_model model
                     WHERE model.id = template.model_id
                       AND model.model = 'relance.action'
                       AND template.%(column)s = %(old)s
                    """,
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    old=old,
                    new=new,
                )
            )


def _migrate_move_levels(cr):
    # the table as the installed code creates it: from 19.0.1.6.1, without
    # the company column (see relance.move.level)
    cr.execute(
        """
        INSERT INTO relance_move_level (move_id, level_id, last_date)
        SELECT move.id, level.id, move.relance_last_date
          FROM account_move move
          LEFT JOIN relance_level level ON level.id = move.relance_level_id
         WHERE move.relance_level_id IS NOT NULL
            OR move.relance_last_date IS NOT NULL
        ON CONFLICT (move_id) DO NOTHING
        """
    )
    cr.execute(
        "ALTER TABLE account_move"
        " DROP COLUMN relance_level_id, DROP COLUMN relance_last_date"
    )

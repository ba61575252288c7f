# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import ridet as ridet_tools

SOURCES = [("ridet", "RIDET (New Caledonia)"), ("tahiti", "TAHITI (French Polynesia)")]

# Columns written by the bulk upsert, in the order of RegistryUnit values.
UPSERT_COLUMNS = (
    "source",
    "kind",
    "identifier",
    "company_number",
    "establishment",
    "name",
    "acronym",
    "trade_name",
    "legal_form",
    "activity_code",
    "activity_label",
    "street",
    "zip",
    "po_box",
    "city",
    "province",
    "state",
    "ceased_date",
    "last_import_id",
)


class RelanceRegistryUnit(models.Model):
    """A company or establishment as published by a public business register.

    Rows are public data shared by all companies of the database. They are
    written in bulk by :meth:`relance.registry.import._load_units`, never one
    ORM call per row.
    """

    _name = "relance.registry.unit"
    _description = "Registry Unit"
    _order = "source, identifier"
    _rec_name = "name"

    source = fields.Selection(SOURCES, required=True, index=True)
    kind = fields.Selection(
        [("company", "Company"), ("establishment", "Establishment")], required=True
    )
    identifier = fields.Char(
        string="Compact Identifier",
        required=True,
        help="RIDET or TAHITI without separators.",
    )
    identifier_formatted = fields.Char(
        string="Identifier", compute="_compute_identifier_formatted"
    )
    company_number = fields.Char(index=True)
    establishment = fields.Char()
    name = fields.Char()
    acronym = fields.Char()
    trade_name = fields.Char()
    legal_form = fields.Char()
    activity_code = fields.Char()
    activity_label = fields.Char(string="Activity")
    street = fields.Char()
    zip = fields.Char()
    po_box = fields.Char(string="PO Box")
    city = fields.Char()
    province = fields.Char()
    state = fields.Selection(
        [("active", "Active"), ("ceased", "Ceased")],
        required=True,
        default="active",
        index=True,
    )
    ceased_date = fields.Date()
    last_import_id = fields.Many2one(
        "relance.registry.import", string="Last Seen In", ondelete="set null"
    )

    _source_identifier_uniq = models.Constraint(
        "UNIQUE (source, identifier)",
        "A registry unit with this identifier already exists.",
    )

    @api.depends("source", "identifier")
    def _compute_identifier_formatted(self):
        for unit in self:
            if unit.source == "ridet" and ridet_tools.is_valid(unit.identifier or ""):
                unit.identifier_formatted = ridet_tools.format(unit.identifier)
            elif unit.source == "tahiti" and unit.establishment:
                unit.identifier_formatted = (
                    f"{unit.company_number}-{unit.establishment}"
                )
            else:
                unit.identifier_formatted = unit.identifier

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _upsert_units(self, units, import_record):
        """Insert or update ``units`` (tools.registry.RegistryUnit) in one statement.

        :return: the number of rows written.
        """
        if not units:
            return 0
        rows = {}
        for unit in units:  # the last row of a duplicated identifier wins
            rows[(unit.source, unit.identifier)] = self._prepare_upsert_row(
                unit, import_record
            ) + (self.env.uid, self.env.uid)
        # Column names are the module constant UPSERT_COLUMNS, never user input.
        columns = ", ".join(UPSERT_COLUMNS)
        updates = ", ".join(
            f"{col} = EXCLUDED.{col}"
            for col in UPSERT_COLUMNS
            if col not in ("source", "identifier")
        )
        query = (
            f"INSERT INTO relance_registry_unit ({columns}, create_uid, write_uid, "
            "create_date, write_date) VALUES %s "
            f"ON CONFLICT (source, identifier) DO UPDATE SET {updates}, "
            "write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date"
        )
        placeholders = ", ".join(["%s"] * (len(UPSERT_COLUMNS) + 2))
        template = (
            f"({placeholders}, now() at time zone 'UTC', now() at time zone 'UTC')"
        )
        self.flush_model()
        self.env.cr.execute_values(query, list(rows.values()), template, page_size=1000)
        self.invalidate_model()
        return len(rows)

    @api.model
    def _prepare_upsert_row(self, unit, import_record):
        """Return the column values of one registry row, in UPSERT_COLUMNS order."""
        return (
            unit.source,
            "establishment" if unit.establishment else "company",
            unit.identifier,
            unit.company_number,
            unit.establishment or None,
            unit.name or None,
            unit.acronym or None,
            unit.trade_name or None,
            unit.legal_form or None,
            unit.activity_code or None,
            unit.activity_label or None,
            unit.street or None,
            unit.zip or None,
            unit.po_box or None,
            unit.city or None,
            unit.province or None,
            "ceased" if unit.is_ceased else "active",
            unit.ceased_date,
            import_record.id,
        )

    @api.model
    def _mark_missing_ceased(self, source, kinds, import_record):
        """Flag as ceased the active units of ``source``/``kinds`` that a complete
        import did not list: the open data only publishes active units.

        :return: the number of units flagged.
        """
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "UPDATE relance_registry_unit SET state = 'ceased', "
                "ceased_date = COALESCE(ceased_date, %(today)s), "
                "write_uid = %(uid)s, write_date = now() at time zone 'UTC' "
                "WHERE source = %(source)s AND kind IN %(kinds)s AND state = 'active' "
                "AND (last_import_id IS NULL OR last_import_id != %(import_id)s)",
                today=fields.Date.context_today(self),
                uid=self.env.uid,
                source=source,
                kinds=tuple(kinds),
                import_id=import_record.id,
            )
        )
        self.invalidate_model()
        return self.env.cr.rowcount

    @api.model
    def _get_units_by_identifier(self, source, identifiers):
        """Return ``{identifier: unit}`` for the given identifiers, in one query."""
        if not identifiers:
            return {}
        units = self.search_fetch(
            [("source", "=", source), ("identifier", "in", list(identifiers))],
            [
                "source",
                "identifier",
                "name",
                "trade_name",
                "street",
                "zip",
                "city",
                "state",
                "ceased_date",
                "po_box",
                "establishment",
                "company_number",
            ],
        )
        return {unit.identifier: unit for unit in units}

    @api.model
    def _get_loaded_sources(self):
        """Return the set of sources that hold at least one unit."""
        return {
            source
            for source, __ in SOURCES
            if self.search_count([("source", "=", source)], limit=1)
        }

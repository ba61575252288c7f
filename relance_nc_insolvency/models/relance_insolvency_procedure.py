# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import const
from ..tools import deadline, identifiers, names


class RelanceInsolvencyProcedure(models.Model):
    """A collective procedure announced against a debtor (JONC, BODACC…).

    Announcements are public facts shared by every company of the database:
    the provider's staff enter or import them once for all its clients; what
    concerns one creditor is its ``relance.insolvency.case``.
    """

    _name = "relance.insolvency.procedure"
    _inherit = ["mail.thread"]
    _description = "Collective Procedure"
    _order = "judgment_date desc, id desc"
    _rec_names_search = ["debtor_name", "ridet", "siren", "publication_ref"]

    debtor_name = fields.Char(required=True, tracking=True)
    ridet = fields.Char(
        string="RIDET",
        help="RIDET or RID (7 digits) of the debtor in New Caledonia; every "
        "establishment of the company is concerned.",
    )
    rid = fields.Char(
        string="Company Number (RID)",
        compute="_compute_identifiers",
        store=True,
        index="btree_not_null",
    )
    siren = fields.Char(
        string="SIREN", help="For debtors registered in France (BODACC)."
    )
    kind = fields.Selection(
        const.PROCEDURE_KINDS, required=True, default="reorganisation", tracking=True
    )
    judgment_date = fields.Date(required=True, tracking=True)
    court = fields.Selection(const.COURTS, default="tmc_noumea")
    court_name = fields.Char(
        help="The court as written in the announcement, when it is another court."
    )
    publication_date = fields.Date(
        string="Publication Date (JONC)",
        tracking=True,
        help="Publication of the judgment in the JONC: the time to declare "
        "claims runs from this date.",
    )
    publication_ref = fields.Char(string="Publication Reference")
    administrator_name = fields.Char(
        string="Court-appointed Administrator",
        help="Mandataire judiciaire (liquidator in a liquidation), to whom the "
        "claims are declared.",
    )
    administrator_contact = fields.Text()
    administrator_partner_id = fields.Many2one(
        "res.partner",
        string="Administrator",
        help="Contact used to send the declarations of claims.",
    )
    source_id = fields.Many2one(
        "relance.insolvency.source", readonly=True, index="btree_not_null"
    )
    external_id = fields.Char(
        string="Source Reference",
        readonly=True,
        copy=False,
        help="Identity of the announcement in its source: a re-import never "
        "creates it twice.",
    )
    raw_text = fields.Text(string="Announcement Text")
    name_key = fields.Char(compute="_compute_identifiers", store=True)
    case_ids = fields.One2many("relance.insolvency.case", "procedure_id")
    case_count = fields.Integer(compute="_compute_case_count")
    matched = fields.Boolean(
        readonly=True, copy=False, index=True, help="Matched against the watch lists."
    )

    _external_id_uniq = models.Constraint(
        "UNIQUE(external_id)",
        "This announcement was already imported.",
    )

    @api.depends("ridet", "debtor_name")
    def _compute_identifiers(self):
        for procedure in self:
            procedure.rid = identifiers.rid_of(procedure.ridet)
            procedure.name_key = names.normalize(procedure.debtor_name)

    @api.depends("case_ids")
    def _compute_case_count(self):
        counts = dict(
            self.env["relance.insolvency.case"]._read_group(
                [("procedure_id", "in", self.ids)], ["procedure_id"], ["__count"]
            )
        )
        for procedure in self:
            procedure.case_count = counts.get(procedure, 0)

    @api.depends("debtor_name", "kind", "judgment_date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for procedure in self:
            procedure.display_name = self.env._(
                "%(debtor)s - %(kind)s (%(date)s)",
                debtor=procedure.debtor_name or "",
                kind=kinds.get(procedure.kind, ""),
                date=procedure.judgment_date or "",
            )

    @api.constrains("ridet", "siren")
    def _check_identifiers(self):
        for procedure in self:
            if procedure.ridet and not identifiers.rid_of(procedure.ridet):
                raise ValidationError(
                    self.env._(
                        "The RIDET %(value)s of %(debtor)s is not a RID (7 digits) "
                        "or a RIDET (10 digits).",
                        value=procedure.ridet,
                        debtor=procedure.debtor_name,
                    )
                )
            if procedure.siren and not identifiers.siren_of(procedure.siren):
                raise ValidationError(
                    self.env._(
                        "The SIREN %(value)s of %(debtor)s is not valid.",
                        value=procedure.siren,
                        debtor=procedure.debtor_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("siren"):
                vals["siren"] = identifiers.siren_of(vals["siren"]) or vals["siren"]
        return super().create(vals_list)

    def action_open_cases(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc_insolvency.action_relance_insolvency_case"
        )
        action["domain"] = [("procedure_id", "in", self.ids)]
        return action

    def action_match(self):
        """Match these announcements against every watch list now."""
        self.env["relance.insolvency.case"]._match_procedures(self)
        return True

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _deadline_for(self, company):
        """Last day for ``company`` to declare claims in this procedure."""
        self.ensure_one()
        start = self.publication_date or self.judgment_date
        outside = (company.country_id.code or "NC") != "NC"
        return deadline.declaration_deadline(start, outside_nc=outside)

    @api.model
    def _court_code(self, text):
        """Court code of a court named in a file or feed."""
        lowered = (text or "").lower()
        for code, pattern in const.COURT_PATTERNS:
            if re.search(pattern, lowered):
                return code
        return "other" if lowered else False

    @api.model
    def _prepare_import_vals(self, entry, source):
        """Record values of one announcement parsed by ``tools.feed``."""
        court = self._court_code(entry.get("court"))
        return {
            "debtor_name": entry["debtor_name"],
            "ridet": entry.get("ridet"),
            "siren": entry.get("siren"),
            "kind": entry["kind"],
            "judgment_date": entry["judgment_date"],
            "court": court,
            "court_name": entry.get("court") if court == "other" else False,
            "publication_date": entry.get("publication_date"),
            "publication_ref": entry.get("publication_ref"),
            "administrator_name": entry.get("administrator_name"),
            "administrator_contact": entry.get("administrator_contact"),
            "raw_text": entry.get("raw_text"),
            "external_id": entry["external_id"],
            "source_id": source.id if source else False,
        }

    @api.model
    def _import_entries(self, entries, source=None):
        """Create the announcements not imported yet; return the new ones.

        Existing references are read in one query, so that a re-import of
        the same file or feed page creates nothing.
        """
        keys = {entry["external_id"] for entry in entries}
        known = set(
            self.sudo()
            .with_context(active_test=False)
            .search([("external_id", "in", list(keys))])
            .mapped("external_id")
        )
        vals_list, seen = [], set(known)
        for entry in entries:
            if entry["external_id"] not in seen:
                seen.add(entry["external_id"])
                vals_list.append(self._prepare_import_vals(entry, source))
        return self.create(vals_list)

    def _feed_entry(self):
        """This announcement in the provider feed format (``tools.feed``)."""
        self.ensure_one()
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        court = dict(const.COURTS).get(self.court) if self.court != "other" else None
        return {
            "id": self.external_id or f"relance:{uuid}:{self.id}",
            "debtor_name": self.debtor_name,
            "ridet": self.ridet or None,
            "siren": self.siren or None,
            "kind": self.kind,
            "judgment_date": self.judgment_date.isoformat(),
            "court": self.court_name or court,
            "publication_date": self.publication_date
            and self.publication_date.isoformat(),
            "publication_ref": self.publication_ref or None,
            "administrator_name": self.administrator_name or None,
            "administrator_contact": self.administrator_contact or None,
            "raw_text": self.raw_text or None,
        }

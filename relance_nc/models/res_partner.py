# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from stdnum.exceptions import (
    InvalidFormat,
    InvalidLength,
    ValidationError as StdnumError,
)

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools import phone as phone_tools, ridet as ridet_tools, tahiti as tahiti_tools

REGISTRY_STATES = [
    ("active", "Active"),
    ("ceased", "Closed or struck off"),
    ("not_found", "Not found"),
    ("invalid", "Invalid identifier"),
]
PHONE_KINDS = [
    ("mobile", "Mobile"),
    ("fixed", "Fixed line"),
    ("other", "Other"),
    ("invalid", "Invalid"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    ridet = fields.Char(
        string="RIDET",
        index="btree_not_null",
        tracking=True,
        help="New Caledonian company identifier: the 7-digit company number, "
        "optionally followed by the 3-digit establishment number "
        "(e.g. 1 231 083.002). Stored without separators.",
    )
    ridet_formatted = fields.Char(
        string="RIDET (formatted)",
        compute="_compute_ridet_formatted",
        search="_search_ridet_formatted",
    )
    relance_ridet_warning = fields.Char(
        string="RIDET Warning",
        compute="_compute_relance_ridet_warning",
        store=True,
    )
    tahiti = fields.Char(
        string="TAHITI Number",
        index="btree_not_null",
        tracking=True,
        help="French Polynesian company number (numéro TAHITI): 6 characters, "
        "optionally followed by the 3-digit establishment number (e.g. 003970-001).",
    )
    relance_phone_e164 = fields.Char(
        string="Phone (E.164)",
        compute="_compute_relance_phone",
        store=True,
        help="Phone number in international E.164 form, as sent to SMS gateways.",
    )
    relance_phone_kind = fields.Selection(
        PHONE_KINDS,
        string="Phone Type",
        compute="_compute_relance_phone",
        store=True,
        help="Only mobile numbers receive SMS reminders.",
    )
    relance_registry_state = fields.Selection(
        REGISTRY_STATES,
        string="Registry Status",
        copy=False,
        help="Status found by the last check against the public registries "
        "(RIDET for New Caledonia, TAHITI for French Polynesia).",
    )
    relance_registry_checked_on = fields.Datetime(
        string="Registry Checked On", copy=False, readonly=True
    )
    relance_update_ids = fields.One2many(
        "relance.partner.update", "partner_id", string="Data Update Proposals"
    )
    relance_update_count = fields.Integer(
        string="Pending Updates", compute="_compute_relance_update_count"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("ridet")
    def _compute_ridet_formatted(self):
        for partner in self:
            partner.ridet_formatted = (
                ridet_tools.format(partner.ridet)
                if ridet_tools.is_valid(partner.ridet or "")
                else partner.ridet
            )

    def _search_ridet_formatted(self, operator, value):
        if operator not in ("ilike", "like", "=", "in"):
            return NotImplemented
        values = value if operator == "in" else [value]
        compacts = [ridet_tools.compact(v) for v in values if v]
        if operator in ("=", "in"):
            return Domain("ridet", "in", compacts)
        return Domain.OR(Domain("ridet", "like", c) for c in compacts)

    @api.depends("ridet")
    def _compute_relance_ridet_warning(self):
        messages = {
            "checksum": self.env._(
                "The company number fails the usual check digit: probably mistyped."
            ),
            "establishment": self.env._(
                "Establishment number 000 is unusual: ISEE numbers from 001."
            ),
        }
        for partner in self:
            codes = []
            if partner.ridet and ridet_tools.is_valid(partner.ridet):
                codes = ridet_tools.warnings(partner.ridet)
            partner.relance_ridet_warning = (
                " ".join(messages[c] for c in codes) or False
            )

    @api.depends("phone", "country_id")
    def _compute_relance_phone(self):
        for partner in self:
            if not partner.phone:
                partner.relance_phone_e164 = False
                partner.relance_phone_kind = False
                continue
            check = phone_tools.check_phone(partner.phone, partner.country_id.code)
            partner.relance_phone_e164 = check.e164 or False
            partner.relance_phone_kind = check.kind

    def _compute_relance_update_count(self):
        counts = dict(
            self.env["relance.partner.update"]._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "pending")],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.relance_update_count = counts.get(partner, 0)

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("ridet", "tahiti", "parent_id", "is_company")
    def _check_relance_identifiers(self):
        for partner in self.filtered(lambda p: p._is_relance_commercial_entity()):
            if partner.ridet:
                partner._check_identifier(ridet_tools, partner.ridet, "RIDET")
            if partner.tahiti:
                partner._check_identifier(tahiti_tools, partner.tahiti, "TAHITI")

    def _check_identifier(self, module, value, label):
        """Validate ``value`` with the stdnum-style ``module`` or raise a message
        naming the partner, the number and what is wrong with it."""
        try:
            module.validate(value)
        except InvalidLength as err:
            if module is ridet_tools:
                msg = self.env._(
                    "The RIDET %(value)s of %(partner)s must have 7 digits (company "
                    "number) or 10 digits (company and establishment numbers).",
                    value=value,
                    partner=self.display_name,
                )
            else:
                msg = self.env._(
                    "The TAHITI number %(value)s of %(partner)s must have 6 characters,"
                    " optionally followed by a 3-digit establishment number.",
                    value=value,
                    partner=self.display_name,
                )
            raise ValidationError(msg) from err
        except InvalidFormat as err:
            raise ValidationError(
                self.env._(
                    "The %(label)s %(value)s of %(partner)s contains characters that "
                    "are not allowed.",
                    label=label,
                    value=value,
                    partner=self.display_name,
                )
            ) from err
        except StdnumError as err:
            raise ValidationError(
                self.env._(
                    "The %(label)s %(value)s of %(partner)s is not valid.",
                    label=label,
                    value=value,
                    partner=self.display_name,
                )
            ) from err

    @api.constrains("ridet", "active", "company_id", "parent_id", "is_company")
    def _check_relance_ridet_unique(self):
        partners = self.filtered(
            lambda p: p.ridet and p.active and p._is_relance_commercial_entity()
        )
        if not partners:
            return
        others = self.search_fetch(
            [
                ("ridet", "in", partners.mapped("ridet")),
                ("id", "not in", partners.ids),
                "|",
                ("parent_id", "=", False),
                ("is_company", "=", True),
            ],
            ["ridet", "company_id", "display_name"],
        )
        seen = {(p.ridet, p.company_id.id): p for p in others}
        for partner in partners:
            other = seen.setdefault((partner.ridet, partner.company_id.id), partner)
            if other != partner:
                raise ValidationError(
                    self.env._(
                        "The RIDET %(value)s of %(partner)s is already used by "
                        "%(other)s.",
                        value=partner.ridet_formatted,
                        partner=partner.display_name,
                        other=other.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._relance_compact_identifiers(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._relance_compact_identifiers(vals)
        return super().write(vals)

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["ridet", "tahiti"]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_relance_open_updates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc.relance_partner_update_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"search_default_filter_pending": 1}
        return action

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    @api.model
    def _relance_compact_identifiers(self, vals):
        """Store identifiers without separators, whatever the user typed."""
        for fname, module in (("ridet", ridet_tools), ("tahiti", tahiti_tools)):
            if vals.get(fname):
                vals[fname] = module.compact(vals[fname]) or False

    def _is_relance_commercial_entity(self):
        """RIDET and TAHITI belong to the company; contacts only mirror them."""
        self.ensure_one()
        return self.is_company or not self.parent_id

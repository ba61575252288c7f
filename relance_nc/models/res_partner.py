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
    # Reminders (company-dependent: a shared customer is chased per creditor)
    relance_policy_id = fields.Many2one(
        "relance.policy",
        string="Reminder Policy",
        company_dependent=True,
        check_company=True,
        help="Leave empty to use the default policy of the company.",
    )
    relance_responsible_id = fields.Many2one(
        "res.users",
        string="Reminder Responsible",
        company_dependent=True,
        help="Agent who handles the calls and manual reminders of this customer.",
    )
    relance_pause_until = fields.Date(
        string="Reminders Paused Until", company_dependent=True
    )
    relance_pause_reason = fields.Char(string="Pause Reason", company_dependent=True)
    relance_contact_id = fields.Many2one(
        "res.partner",
        string="Reminder Contact",
        domain="[('parent_id', '=', id)]",
        help="Contact who receives the reminders instead of the invoice address.",
    )
    relance_optout_email = fields.Boolean(string="No Reminder Emails")
    relance_optout_sms = fields.Boolean(string="No Reminder SMS")
    relance_optout_call = fields.Boolean(string="No Reminder Calls")
    relance_optout_letter = fields.Boolean(string="No Reminder Letters")
    relance_email_bounced = fields.Boolean(
        string="Reminder Email Bounced",
        copy=False,
        help="Set when a reminder email to this contact bounced.",
    )
    relance_action_ids = fields.One2many(
        "relance.action", "partner_id", string="Reminder History"
    )
    relance_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_relance_overdue",
        currency_field="relance_currency_id",
    )
    relance_currency_id = fields.Many2one(
        "res.currency", compute="_compute_relance_overdue"
    )
    relance_max_level_id = fields.Many2one(
        "relance.level", string="Highest Level", compute="_compute_relance_overdue"
    )
    relance_next_date = fields.Date(
        string="Next Reminder", compute="_compute_relance_overdue"
    )
    relance_blocked_count = fields.Integer(
        string="Blocked Invoices", compute="_compute_relance_overdue"
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

    @api.depends_context("company")
    def _compute_relance_overdue(self):
        """Overdue figures of the current company, in four grouped queries."""
        company = self.env.company
        today = fields.Date.context_today(self)
        moves = self.env["account.move"]
        base = [
            ("commercial_partner_id", "in", self.ids),
            ("company_id", "=", company.id),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_receipt")),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
        overdue = dict(
            moves._read_group(
                base + [("invoice_date_due", "<", today)],
                ["commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        )
        levels = dict(
            moves._read_group(
                base, ["commercial_partner_id"], ["relance_level_id:array_agg"]
            )
        )
        next_at = dict(
            self.env["relance.action"]._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("company_id", "=", company.id),
                    ("state", "in", ("draft", "scheduled")),
                ],
                ["partner_id"],
                ["scheduled_at:min"],
            )
        )
        blocked = dict(
            moves._read_group(
                base + [("relance_block", "!=", False)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        level_model = self.env["relance.level"]
        for partner in self:
            level_ids = levels.get(partner, [])
            partner_levels = level_model.browse([i for i in level_ids if i])
            partner.relance_overdue_amount = overdue.get(partner, 0.0)
            partner.relance_currency_id = company.currency_id
            partner.relance_max_level_id = partner_levels.sorted("delay")[-1:]
            moment = next_at.get(partner)
            partner.relance_next_date = moment and company._relance_local_date(moment)
            partner.relance_blocked_count = blocked.get(partner, 0)

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

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import const

KINDS = [
    ("identifier_invalid", "Invalid identifier"),
    ("not_found", "Not in the registry"),
    ("ceased", "Closed or struck off"),
    ("name", "Company name"),
    ("street", "Street"),
    ("zip", "Postal code"),
    ("city", "City"),
    ("phone_format", "Phone format"),
    ("phone_invalid", "Invalid phone"),
    ("phone_not_mobile", "Phone is not a mobile"),
]


class RelancePartnerUpdate(models.Model):
    """A change of customer data proposed by a check, accepted or rejected by a user.

    Informational findings (invalid identifier, closed company, invalid phone)
    carry no value to apply: they are reviewed and dismissed.
    """

    _name = "relance.partner.update"
    _description = "Customer Data Update Proposal"
    _order = "check_id desc, partner_id, id"
    _rec_name = "partner_id"

    check_id = fields.Many2one(
        "relance.partner.check", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="check_id.company_id", store=True, index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade", index=True
    )
    partner_ridet = fields.Char(related="partner_id.ridet_formatted", string="RIDET")
    kind = fields.Selection(KINDS, required=True, readonly=True)
    field_name = fields.Char(readonly=True)
    field_label = fields.Char(string="Field", compute="_compute_field_label")
    current_value = fields.Char(readonly=True)
    proposed_value = fields.Char(readonly=True)
    can_apply = fields.Boolean(compute="_compute_can_apply")
    state = fields.Selection(
        [
            ("pending", "To Review"),
            ("accepted", "Accepted"),
            ("rejected", "Rejected"),
            ("obsolete", "Obsolete"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    decided_uid = fields.Many2one("res.users", string="Decided By", readonly=True)
    decided_date = fields.Datetime(string="Decided On", readonly=True)

    @api.depends("field_name")
    def _compute_field_label(self):
        partner_fields = self.env["res.partner"]._fields
        for update in self:
            field = partner_fields.get(update.field_name or "")
            update.field_label = (
                field._description_string(self.env) if field else update.field_name
            )

    @api.depends("kind", "state")
    def _compute_can_apply(self):
        for update in self:
            update.can_apply = (
                update.kind in const.APPLICABLE_KINDS and update.state == "pending"
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_accept(self):
        """Write the accepted values on the customers, one write and one chatter
        message per customer."""
        pending = self.filtered(lambda u: u.state == "pending")
        if not pending.filtered("can_apply"):
            raise UserError(
                self.env._(
                    "These findings carry no value to apply: correct the customer by "
                    "hand or reject them."
                )
            )
        applied = self.browse()
        for partner, updates in (
            pending.filtered("can_apply").grouped("partner_id").items()
        ):
            applied |= updates._apply_to_partner(partner)
        applied._set_decision("accepted")
        (pending.filtered("can_apply") - applied).state = "obsolete"
        return True

    def action_reject(self):
        self.filtered(lambda u: u.state == "pending")._set_decision("rejected")
        return True

    def action_reset(self):
        self.filtered(lambda u: u.state in ("accepted", "rejected")).write(
            {"state": "pending", "decided_uid": False, "decided_date": False}
        )
        return True

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _apply_to_partner(self, partner):
        """Apply the still-current proposals of one partner; return them."""
        vals, changes, applied = {}, [], self.browse()
        for update in self:
            if (partner[update.field_name] or "") != (update.current_value or ""):
                continue  # the customer changed since the check: stale proposal
            vals[update.field_name] = update.proposed_value or False
            changes.append(
                Markup("<li>%s: %s → %s</li>")
                % (
                    update.field_label,
                    update.current_value or "",
                    update.proposed_value,
                )
            )
            applied |= update
        if vals:
            partner.write(vals)
            partner.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._("Customer data updated after a registry check:"),
                    Markup().join(changes),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return applied

    def _set_decision(self, state):
        self.write(
            {
                "state": state,
                "decided_uid": self.env.uid,
                "decided_date": fields.Datetime.now(),
            }
        )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain

from ..tools import (
    phone as phone_tools,
    registry as registry_tools,
    ridet as ridet_tools,
    tahiti as tahiti_tools,
)

CUSTOMER_FIELDS = ["name", "ridet", "tahiti", "street", "zip", "city", "phone"]


class RelancePartnerCheck(models.Model):
    """A check of customers against the public registers and the phone rules.

    The check records the registry status of each customer and proposes data
    updates (:class:`relance.partner.update`) that a user accepts or rejects.
    """

    _name = "relance.partner.check"
    _description = "Customer Data Check"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: self.env._("Customer check"))
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    partner_count = fields.Integer(string="Customers Checked", readonly=True)
    update_ids = fields.One2many("relance.partner.update", "check_id")
    update_count = fields.Integer(
        string="Proposals", compute="_compute_update_counts", store=True
    )
    pending_count = fields.Integer(
        string="Pending", compute="_compute_update_counts", store=True
    )

    @api.depends("update_ids.state")
    def _compute_update_counts(self):
        groups = self.env["relance.partner.update"]._read_group(
            [("check_id", "in", self.ids)],
            groupby=["check_id", "state"],
            aggregates=["__count"],
        )
        totals, pending = {}, {}
        for check, state, count in groups:
            totals[check] = totals.get(check, 0) + count
            if state == "pending":
                pending[check] = count
        for check in self:
            check.update_count = totals.get(check, 0)
            check.pending_count = pending.get(check, 0)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _get_customer_domain(self):
        """Customers checked by "all customers": active commercial entities."""
        return Domain("customer_rank", ">", 0) & (
            Domain("parent_id", "=", False) | Domain("is_company", "=", True)
        )

    def _run(self, partners):
        """Compare ``partners`` with the registers; store statuses and proposals.

        Works in a fixed number of queries whatever the number of partners.
        """
        self.ensure_one()
        partners = partners.commercial_partner_id
        partners.fetch(CUSTOMER_FIELDS + ["country_id", "relance_registry_state"])
        country_codes = {c.id: c.code for c in partners.country_id}
        units = self._get_matching_units(partners)
        loaded = self.env["relance.registry.unit"]._get_loaded_sources()
        statuses, vals_list = {}, []
        for partner in partners:
            customer = self._prepare_customer(partner, country_codes)
            source, unit = self._find_unit(customer, units)
            proposals = registry_tools.compare_customer(
                customer,
                unit,
                registry_loaded=source in loaded,
                phone_check=phone_tools.check_phone,
            )
            state = self._registry_state(source, unit, proposals, loaded)
            if state:
                statuses.setdefault(state, []).append(partner.id)
            vals_list += [
                self._prepare_update_vals(partner, proposal) for proposal in proposals
            ]
        self._write_statuses(statuses)
        self.env["relance.partner.update"].search(
            [("partner_id", "in", partners.ids), ("state", "=", "pending")]
        ).state = "obsolete"
        self.env["relance.partner.update"].create(vals_list)
        self.partner_count = len(partners)

    @api.model
    def _prepare_customer(self, partner, country_codes):
        """Plain mapping of the partner values that tools.registry compares."""
        customer = {fname: partner[fname] or "" for fname in CUSTOMER_FIELDS}
        customer["country_code"] = country_codes.get(partner.country_id.id, "")
        customer["registry_state"] = partner.relance_registry_state or ""
        return customer

    @api.model
    def _get_matching_units(self, partners):
        """Load, per source, the registry units any partner may match (2 queries)."""
        keys = {"ridet": set(), "tahiti": set()}
        for partner in partners:
            for source, module in (("ridet", ridet_tools), ("tahiti", tahiti_tools)):
                if partner[source] and module.is_valid(partner[source]):
                    keys[source].update(
                        registry_tools.unit_key_candidates(partner[source])
                    )
                    break
        unit_model = self.env["relance.registry.unit"]
        return {
            source: {
                identifier: self._to_registry_unit(unit)
                for identifier, unit in unit_model._get_units_by_identifier(
                    source, identifiers
                ).items()
            }
            for source, identifiers in keys.items()
        }

    @api.model
    def _find_unit(self, customer, units):
        """Return (source, unit or None) for the customer's identifier."""
        for source, module in (("ridet", ridet_tools), ("tahiti", tahiti_tools)):
            value = customer[source]
            if not value:
                continue
            if not module.is_valid(value):
                return source, None
            for key in registry_tools.unit_key_candidates(value):
                if key in units[source]:
                    return source, units[source][key]
            return source, None
        return None, None

    @api.model
    def _registry_state(self, source, unit, proposals, loaded):
        """Registry status to store on the customer, or None to leave it."""
        kinds = {proposal.kind for proposal in proposals}
        if "identifier_invalid" in kinds:
            return "invalid"
        if "ceased" in kinds or (unit is not None and unit.is_ceased):
            return "ceased"
        if unit is not None:
            return "active"
        if source in loaded:
            return "not_found"
        return None

    @api.model
    def _to_registry_unit(self, unit):
        """Plain tools.registry.RegistryUnit from a relance.registry.unit record."""
        ceased_date = None
        if unit.state == "ceased":
            ceased_date = unit.ceased_date or fields.Date.context_today(self)
        return registry_tools.RegistryUnit(
            source=unit.source,
            identifier=unit.identifier,
            company_number=unit.company_number or "",
            establishment=unit.establishment or "",
            name=unit.name or "",
            acronym="",
            trade_name=unit.trade_name or "",
            legal_form="",
            activity_code="",
            activity_label="",
            street=unit.street or "",
            zip=unit.zip or "",
            po_box=unit.po_box or "",
            city=unit.city or "",
            province="",
            ceased_date=ceased_date,
        )

    def _prepare_update_vals(self, partner, proposal):
        return {
            "check_id": self.id,
            "partner_id": partner.id,
            "kind": proposal.kind,
            "field_name": proposal.field,
            "current_value": proposal.current or False,
            "proposed_value": proposal.proposed or False,
        }

    def _write_statuses(self, statuses):
        """Store registry statuses with one write per status."""
        now = fields.Datetime.now()
        partner_model = self.env["res.partner"].with_context(tracking_disable=True)
        for state, partner_ids in statuses.items():
            partner_model.browse(partner_ids).write(
                {"relance_registry_state": state, "relance_registry_checked_on": now}
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_updates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc.relance_partner_update_action"
        )
        action["domain"] = [("check_id", "=", self.id)]
        action["context"] = {"search_default_filter_pending": 1}
        return action

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import const
from ..tools import deadline as deadline_tools, matching


class RelanceInsolvencyCase(models.Model):
    """A procedure concerning one customer of one creditor.

    A match by RIDET or SIREN opens the case at once: the creditor is
    alerted, the customer's reminders stop and the claims are computed. A
    match by name only waits in "To Review" until a person confirms it.
    """

    _name = "relance.insolvency.case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Customer under Collective Procedure"
    _order = "deadline, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    procedure_id = fields.Many2one(
        "relance.insolvency.procedure", required=True, index=True, ondelete="restrict"
    )
    watch_id = fields.Many2one(
        "relance.insolvency.watch", string="Watch Entry", ondelete="set null"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        check_company=True,
    )
    client_id = fields.Many2one(
        "relance.client",
        index="btree_not_null",
        readonly=True,
        help="The provider's client concerned: its uploaded watch list, or its "
        "hosted company.",
    )
    watched_name = fields.Char(related="watch_id.name", string="Watched As")
    watched_ridet = fields.Char(related="watch_id.ridet", string="Watched RIDET")
    kind = fields.Selection(related="procedure_id.kind")
    judgment_date = fields.Date(related="procedure_id.judgment_date", store=True)
    method = fields.Selection(
        const.MATCH_METHODS, string="Matched by", required=True, readonly=True
    )
    score = fields.Float(string="Name Similarity", readonly=True, digits=(3, 2))
    state = fields.Selection(
        const.CASE_STATES, default="proposed", required=True, tracking=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    deadline = fields.Date(
        string="Declaration Deadline",
        compute="_compute_deadline",
        store=True,
        help="Two months from the JONC publication, four for a creditor "
        "established outside New Caledonia (délibération n° 352 of 18 January "
        "2008).",
    )
    is_overdue = fields.Boolean(
        string="Deadline Passed",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )
    declaration_state = fields.Selection(
        const.DECLARATION_STATES,
        default="to_declare",
        required=True,
        tracking=True,
        index=True,
    )
    declared_on = fields.Date(readonly=True, copy=False, tracking=True)
    claim_ids = fields.One2many("relance.insolvency.claim", "case_id", string="Claims")
    amount_due = fields.Monetary(compute="_compute_amounts", store=True)
    amount_not_yet_due = fields.Monetary(compute="_compute_amounts", store=True)
    has_payments_after = fields.Boolean(
        string="Payments after Judgment", compute="_compute_amounts", store=True
    )
    lift_reason = fields.Char(readonly=True, copy=False)
    administrator_partner_id = fields.Many2one(
        related="procedure_id.administrator_partner_id", readonly=False
    )
    securities = fields.Text(
        string="Securities and Privileges",
        help="Nature and basis of any security or privilege of the claim.",
    )
    interest_rule = fields.Text(
        string="Interest",
        default=lambda self: self.env._(
            "No interest runs after the opening judgment (claim stated at the "
            "judgment date)."
        ),
        help="How interest still running is calculated, if any.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Supporting Documents",
        help="Listed in the bordereau of the declaration.",
    )
    declaration_attachment_id = fields.Many2one(
        "ir.attachment", string="Declaration PDF", readonly=True, copy=False
    )

    _procedure_partner_uniq = models.Constraint(
        "UNIQUE(procedure_id, company_id, partner_id, watch_id)",
        "This customer is already matched with this procedure.",
    )

    @api.depends("procedure_id.debtor_name", "partner_id.name", "watch_id.name")
    def _compute_name(self):
        for case in self:
            case.name = (
                case.partner_id.name
                or case.watch_id.name
                or case.procedure_id.debtor_name
            )

    @api.depends("procedure_id.publication_date", "procedure_id.judgment_date")
    def _compute_deadline(self):
        for case in self:
            case.deadline = (
                case.procedure_id.judgment_date
                and case.procedure_id._deadline_for(case.company_id)
            )

    def _compute_is_overdue(self):
        for case in self:
            today = fields.Date.context_today(case)
            case.is_overdue = bool(
                case.deadline
                and case.state == "active"
                and case.declaration_state == "to_declare"
                and deadline_tools.is_overdue(case.deadline, today)
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the deadline."))
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "active"),
            ("declaration_state", "=", "to_declare"),
            ("deadline", "<", today),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", "&", *domain]

    @api.depends("claim_ids.amount_due", "claim_ids.amount_not_yet_due")
    def _compute_amounts(self):
        for case in self:
            claims = case.claim_ids.filtered(
                lambda c, k=case: c.currency_id == k.currency_id
            )
            case.amount_due = sum(claims.mapped("amount_due"))
            case.amount_not_yet_due = sum(claims.mapped("amount_not_yet_due"))
            case.has_payments_after = any(case.claim_ids.mapped("paid_after"))

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_confirm(self):
        """A person confirms a name-only match: the case opens."""
        cases = self.filtered(lambda c: c.state == "proposed")
        if cases.filtered(lambda c: not c.partner_id):
            raise UserError(
                self.env._("Choose the customer before confirming the match.")
            )
        cases._activate()
        return True

    def action_dismiss(self):
        self.filtered(lambda c: c.state == "proposed").write({"state": "dismissed"})
        return True

    def action_lift(self):
        """Lift the stop of reminders (procedure closed, plan adopted)."""
        self._lift(self.env._("Lifted by %(user)s", user=self.env.user.name))
        return True

    def action_compute_claims(self):
        self._compute_claims()
        return True

    def action_open_declaration(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Declaration of Claims"),
            "res_model": "relance.insolvency.declaration.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_set_admitted(self):
        return self._set_declaration_state("admitted")

    def action_set_contested(self):
        return self._set_declaration_state("contested")

    def action_set_rejected(self):
        return self._set_declaration_state("rejected")

    def _set_declaration_state(self, state):
        if self.filtered(lambda c: c.declaration_state == "to_declare"):
            raise UserError(
                self.env._(
                    "Only a declared claim can be admitted, contested or rejected."
                )
            )
        self.write({"declaration_state": state})
        return True

    # ------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------

    @api.model
    def _match_procedures(self, procedures=None):
        """Match announcements not matched yet against every watch list.

        Set-based: the watch lists and the existing cases are read once,
        ``tools.matching`` pairs them in memory, cases are created in one
        ``create``; no query per announcement.
        """
        Procedure = self.env["relance.insolvency.procedure"].sudo()
        procedures = (procedures or Procedure.search([("matched", "=", False)])).sudo()
        if not procedures:
            return self.browse()
        self.env["relance.insolvency.watch"]._refresh_hosted()
        found, watches = self._find_matches(procedures)
        procedures.write({"matched": True})
        return self._create_from_matches(found, procedures, watches)

    @api.model
    def _find_matches(self, procedures):
        """Pairs (``tools.matching.Match``) of ``procedures`` and watched
        customers, and the watch entries concerned; two queries whatever the
        sizes (plain rows: building 150 000 records would cost more than the
        matching itself)."""
        self.env["relance.insolvency.procedure"].flush_model(
            ["rid", "siren", "name_key"]
        )
        self.env["relance.insolvency.watch"].flush_model(
            ["rid", "siren", "name_key", "watchable"]
        )
        announcements = self.env.execute_query(
            SQL(
                "SELECT id, rid, siren, name_key FROM relance_insolvency_procedure"
                " WHERE id = ANY(%s)",
                procedures.ids,
            )
        )
        watched = self.env.execute_query(
            SQL(
                "SELECT id, rid, siren, name_key FROM relance_insolvency_watch"
                " WHERE watchable"
            )
        )
        found = matching.match(
            [matching.Party(*row) for row in announcements],
            [matching.Party(*row) for row in watched],
        )
        watches = (
            self.env["relance.insolvency.watch"]
            .sudo()
            .browse(sorted({item.watched for item in found}))
        )
        return found, watches

    @api.model
    def _create_from_matches(self, found, procedures, watches):
        procedures_by_id = {p.id: p for p in procedures}
        watches_by_id = {w.id: w for w in watches}
        lifting, vals_list = [], []
        for item in found:
            procedure = procedures_by_id[item.announcement]
            watch = watches_by_id[item.watched]
            if procedure.kind in const.LIFTING_KINDS:
                if item.method != "name":
                    lifting.append((watch, procedure))
                continue
            vals_list.append(self._prepare_case_vals(procedure, watch, item))
        vals_list = self._drop_existing(vals_list)
        cases = self.sudo().create(vals_list)
        cases.filtered(lambda c: c.method != "name")._activate()
        self._lift_from_announcements(lifting)
        return cases

    @api.model
    def _prepare_case_vals(self, procedure, watch, item):
        partner = watch.partner_id
        client = watch.client_id or watch.company_id._relance_client()
        return {
            "client_id": client.id,
            "procedure_id": procedure.id,
            "company_id": watch.company_id.id,
            "watch_id": watch.id,
            "partner_id": partner.id,
            "method": item.method,
            "score": item.score if item.method == "name" else 0.0,
            "user_id": (
                (watch.client_id.user_id.id if watch.client_id else False)
                or partner.with_company(watch.company_id).relance_responsible_id.id
                or watch.company_id.relance_insolvency_user_id.id
                or self.env.ref("base.user_admin", raise_if_not_found=False).id
            ),
        }

    @api.model
    def _drop_existing(self, vals_list):
        """Keep the matches that have no case yet (one query for all)."""
        existing = set(
            (c.procedure_id.id, c.company_id.id, c.watch_id.id)
            for c in self.sudo().search(
                [("procedure_id", "in", list({v["procedure_id"] for v in vals_list}))]
            )
        )
        result = []
        for vals in vals_list:
            key = (vals["procedure_id"], vals["company_id"], vals["watch_id"])
            if key not in existing:
                existing.add(key)
                result.append(vals)
        return result

    @api.model
    def _lift_from_announcements(self, pairs):
        """Close the open cases of customers whose procedure ended."""
        if not pairs:
            return
        partners = {watch.partner_id.id for watch, _procedure in pairs}
        active = self.sudo().search(
            [("state", "=", "active"), ("partner_id", "in", list(partners))]
        )
        for watch, procedure in pairs:
            cases = active.filtered(
                lambda c, w=watch: (
                    c.partner_id == w.partner_id and c.company_id == w.company_id
                )
            )
            cases._lift(
                self.env._(
                    "Announcement: %(procedure)s", procedure=procedure.display_name
                )
            )

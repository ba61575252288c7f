# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import const
from ..tools import case as case_tools

CASE_STATES = [
    ("draft", "Draft"),
    ("fee", "Awaiting Fee Payment"),
    ("submitted", "Submitted"),
    ("sent", "Email Sent"),
    ("paid", "Paid"),
    ("escalated", "Classic Collection"),
    ("closed", "Closed"),
]
OPEN_STATES = ("draft", "fee", "submitted", "sent", "escalated")


class RelanceCase(models.Model):
    """A claim a creditor hands to the collection firm (seed 002).

    ``eco``: one circumstantial email from the firm asking the debtor to pay
    the creditor directly, at a fixed fee; ``classic``: the firm's own
    collection work, from an Eco case or directly. The case lives in the
    creditor's company (``company_id``) and in the provider's queue
    (``provider_company_id``); its invoice lines are snapshots, so the
    provider's staff never needs to read the creditor's books.
    """

    _name = "relance.case"
    _description = "Collection Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company",
        string="Creditor Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The creditor's company when it is hosted here, else the "
        "provider's company.",
    )
    client_id = fields.Many2one(
        "relance.client",
        index=True,
        tracking=True,
        help="The creditor as a client of the collection firm.",
    )
    provider_company_id = fields.Many2one(
        "res.company",
        string="Collection Firm",
        required=True,
        index=True,
        compute="_compute_provider_company_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    creditor_partner_id = fields.Many2one(
        "res.partner",
        string="Creditor",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_creditor_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    creditor_email = fields.Char(help="Where the follow-up offers are sent.")
    kind = fields.Selection(
        [("eco", "Relance Eco"), ("classic", "Classic Collection")],
        required=True,
        default="eco",
        tracking=True,
    )
    state = fields.Selection(
        CASE_STATES, required=True, default="draft", tracking=True, index=True
    )
    close_reason = fields.Selection(
        [("paid", "Paid"), ("abandoned", "Abandoned"), ("disputed", "Disputed")],
        tracking=True,
    )
    # The debtor as the creditor describes it (the provider may not read the
    # creditor's partners).
    debtor_partner_id = fields.Many2one("res.partner", string="Debtor Contact")
    debtor_name = fields.Char(string="Debtor", required=True, tracking=True)
    debtor_email = fields.Char(tracking=True)
    debtor_phone = fields.Char()
    debtor_address = fields.Text()
    debtor_ridet = fields.Char(string="Debtor RIDET / TAHITI")
    line_ids = fields.One2many(
        "relance.case.line", "case_id", string="Invoices", copy=True
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount_total = fields.Monetary(
        string="Total Due", compute="_compute_amounts", store=True
    )
    amount_principal = fields.Monetary(
        string="Principal", compute="_compute_amounts", store=True
    )
    amount_accessories = fields.Monetary(
        string="Invoiced Accessories", compute="_compute_amounts", store=True
    )
    invoice_count = fields.Integer(compute="_compute_amounts", store=True)
    first_invoice_date = fields.Date(compute="_compute_amounts", store=True)
    last_invoice_date = fields.Date(compute="_compute_amounts", store=True)
    due_date = fields.Date(compute="_compute_amounts", store=True)
    last_letter_date = fields.Date(
        string="Last Letter",
        help="Date of the creditor's last letter claiming this amount "
        "(required for several invoices).",
    )
    apply_terms_of_sale = fields.Boolean(
        string="Apply My Terms of Sale",
        help="The creditor wants its terms of sale (penalties, indemnity, "
        "interest) applied: the firm's staff contacts it before acting.",
    )
    payment_instructions = fields.Text(
        help="How the debtor pays the creditor directly (bank account, cheque "
        "payee, online link): quoted in the Eco email.",
    )
    note = fields.Text(string="Notes")
    idempotency_key = fields.Char(readonly=True, copy=False, index=True)
    jurisdiction_id = fields.Many2one(
        "relance.case.jurisdiction",
        compute="_compute_jurisdiction_id",
        store=True,
        readonly=False,
    )
    # Eco conditions acceptance (who, when, which text), like the
    # content-responsibility terms (relance.terms.acceptance).
    conditions_accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    conditions_accepted_name = fields.Char(readonly=True, copy=False)
    conditions_accepted_on = fields.Datetime(readonly=True, copy=False)
    conditions_version = fields.Char(readonly=True, copy=False)
    conditions_text = fields.Text(readonly=True, copy=False)
    # Fee of the firm
    fee_product_id = fields.Many2one("product.product", readonly=True, copy=False)
    fee_amount = fields.Monetary(readonly=True, copy=False)
    fee_mode = fields.Selection(
        [("card", "Card"), ("deferred", "Month-end Invoice"), ("none", "None")],
        readonly=True,
        copy=False,
    )
    fee_paid = fields.Boolean(readonly=True, copy=False)
    handover_fee = fields.Selection(
        [
            (case_tools.FEE_FULL, "Full Fee"),
            (case_tools.FEE_AFTER_ECO, "Reduced Fee after Eco"),
            (case_tools.FEE_NONE, "None (Annual Contract)"),
        ],
        string="Hand-over Fee",
        readonly=True,
        copy=False,
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    email_sent_on = fields.Datetime(readonly=True, copy=False)
    followup_sent_on = fields.Datetime(readonly=True, copy=False)
    escalated_on = fields.Datetime(readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)
    relance_action_id = fields.Many2one(
        "relance.action", string="Hand-over Reminder", readonly=True, copy=False
    )

    _idempotency_key_uniq = models.UniqueIndex(
        "(company_id, idempotency_key) WHERE idempotency_key IS NOT NULL "
        "AND state != 'closed'",
        "This claim is already an open case.",
    )

    @api.depends("client_id")
    def _compute_provider_company_id(self):
        for case in self:
            if case.client_id:
                case.provider_company_id = case.client_id.company_id
            elif not case.provider_company_id:
                case.provider_company_id = case.company_id or self.env.company

    @api.depends("client_id")
    def _compute_creditor_partner_id(self):
        for case in self.filtered("client_id"):
            case.creditor_partner_id = case.client_id.partner_id

    @api.depends(
        "line_ids.amount",
        "line_ids.kind",
        "line_ids.date",
        "line_ids.due_date",
        "last_letter_date",
    )
    def _compute_amounts(self):
        for case in self:
            summary = case_tools.summarize(
                case.line_ids._to_tool_lines(), case.last_letter_date
            )
            case.amount_total = summary.total
            case.amount_principal = summary.principal
            case.amount_accessories = summary.accessories
            case.invoice_count = summary.count
            case.first_invoice_date = summary.first_date
            case.last_invoice_date = summary.last_date
            case.due_date = summary.due_date

    @api.depends("provider_company_id.country_id")
    def _compute_jurisdiction_id(self):
        by_country = {
            j.country_id.id: j
            for j in self.env["relance.case.jurisdiction"].sudo().search([])
        }
        for case in self:
            case.jurisdiction_id = by_country.get(
                case.provider_company_id.country_id.id
            ) or by_country.get(self.env.ref("base.nc").id)

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("relance.case") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------
    # CREATION FROM THE CREDITOR'S INVOICES
    # ------------------------------------------------------------

    @api.model
    def _create_from_invoices(self, moves, action=None):
        """Draft cases for overdue ``moves``, one per customer, filled from
        the invoices (an open case for the same claim is reused)."""
        vals_list = [
            self._prepare_case_vals_from_invoices(partner, partner_moves, action)
            for partner, partner_moves in moves.grouped("commercial_partner_id").items()
        ]
        keys = {}
        for vals in vals_list:
            vals["idempotency_key"] = case_tools.case_key(
                vals["creditor_partner_id"],
                vals["debtor_ridet"] or vals["debtor_name"],
                [line[2]["reference"] for line in vals["line_ids"]],
            )
            keys[vals["idempotency_key"]] = vals
        existing = self.search(
            [
                ("idempotency_key", "in", list(keys)),
                ("company_id", "=", moves.company_id[:1].id),
                ("state", "!=", "closed"),
            ]
        )
        new = [
            v for k, v in keys.items() if k not in existing.mapped("idempotency_key")
        ]
        return existing | self.create(new)

    @api.model
    def _prepare_case_vals_from_invoices(self, partner, moves, action=None):
        company = moves.company_id[:1]
        moves = moves.sorted(lambda m: (m.invoice_date or m.date, m.id))
        banks = company.partner_id.bank_ids[:1]
        letters = [d for d in moves.mapped("relance_last_date") if d]
        return {
            "company_id": company.id,
            "client_id": company._relance_client().id,
            "creditor_partner_id": company.partner_id.id,
            "creditor_email": company.email,
            "currency_id": company.currency_id.id,
            "debtor_partner_id": partner.id,
            "debtor_name": partner.name,
            "debtor_email": partner.email,
            "debtor_phone": partner.phone,
            "debtor_address": partner._display_address(without_company=True),
            "debtor_ridet": partner.ridet or partner.tahiti or False,
            "last_letter_date": max(letters) if len(moves) > 1 and letters else False,
            "payment_instructions": banks
            and self.env._("Bank transfer to %(account)s", account=banks.display_name),
            "relance_action_id": action.id if action else False,
            "line_ids": [
                fields.Command.create(
                    {
                        "move_id": move.id,
                        "reference": move.name,
                        "date": move.invoice_date or move.date,
                        "due_date": move.invoice_date_due,
                        "amount": move.amount_residual,
                    }
                )
                for move in moves
            ],
        }

    def _action_open(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc.relance_case_action"
        )
        if len(self) == 1:
            action.update(
                {"res_id": self.id, "view_mode": "form", "views": [(False, "form")]}
            )
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    # ------------------------------------------------------------
    # CONDITIONS AND SUBMISSION
    # ------------------------------------------------------------

    @api.model
    def _get_conditions_text(self):
        """The Eco conditions the creditor accepts before submitting."""
        return self.env._(
            "The email to your customer is sent by the collection firm under the "
            "rules of its amicable debt-collection activity. By sending the data "
            "of your claim you guarantee that they match your books; they are "
            "deemed true and sincere. If they are wrong or unfounded, you alone "
            "answer for the consequences of the firm's step should it be held "
            "abusive or vexatious. In Eco mode only the principal is claimed, "
            "besides the penalties, indemnities and fees you invoiced and listed."
        )

    def _accept_conditions(self, name=None):
        """Store who accepted the current Eco conditions, when, and the text."""
        user = self.env.user
        self.sudo().write(
            {
                "conditions_accepted_by_id": user.id
                if not user._is_public()
                else False,
                "conditions_accepted_name": name or user.name,
                "conditions_accepted_on": fields.Datetime.now(),
                "conditions_version": const.CASE_CONDITIONS_VERSION,
                "conditions_text": self._get_conditions_text(),
            }
        )

    def _check_case_data(self):
        """Raise a ValidationError listing, in the user's language, every
        problem of the case's data (seed 002 rules, tools/case.py)."""
        today = fields.Date.context_today(self)
        for case in self:
            lines = case.line_ids.sorted("sequence")
            problems = case_tools.check_lines(
                lines._to_tool_lines(), case.last_letter_date, today
            )
            if not case.debtor_name:
                problems.insert(0, case_tools.Problem("no_debtor"))
            if case.kind == "eco" and not case.debtor_email:
                problems.insert(0, case_tools.Problem("no_debtor_email"))
            if case.kind == "eco" and not (case.payment_instructions or "").strip():
                problems.append(case_tools.Problem("no_payment_means"))
            if problems:
                messages = self._problem_messages(problems, lines)
                raise ValidationError(
                    self.env._("Case %(case)s:", case=case.name)
                    + "\n- "
                    + "\n- ".join(messages)
                )

    @api.model
    def _problem_messages(self, problems, lines=None):
        """Translated messages of ``tools.case.Problem`` items."""
        texts = self._problem_texts()
        messages = []
        for problem in problems:
            text = texts.get(problem.code, problem.code)
            if problem.index is not None:
                label = lines[problem.index].reference if lines else ""
                text = self.env._(
                    "Invoice %(number)s %(reference)s: %(problem)s",
                    number=problem.index + 1,
                    reference=label or "",
                    problem=text,
                )
            messages.append(text)
        return messages

    @api.model
    def _problem_texts(self):
        return {
            "no_line": self.env._("Give at least one invoice."),
            "no_reference": self.env._("its number is missing."),
            "no_date": self.env._("its date is missing."),
            "no_due_date": self.env._("its due date is missing."),
            "amount": self.env._("its amount including tax must be positive."),
            "kind": self.env._("its kind is unknown."),
            "future_date": self.env._("its date is in the future."),
            "due_before_date": self.env._("its due date is before its date."),
            "not_due": self.env._("it is not overdue yet."),
            "duplicate": self.env._("it is listed twice."),
            "no_principal": self.env._(
                "List at least one invoice of principal: penalties and fees "
                "alone are not claimed."
            ),
            "letter_missing": self.env._(
                "For several invoices, give the date of your last letter "
                "claiming this amount."
            ),
            "letter_future": self.env._(
                "The date of your last letter is in the future."
            ),
            "letter_before_invoice": self.env._(
                "Your last letter cannot be older than the last invoice it claims."
            ),
            "no_debtor": self.env._("Give the name of your customer."),
            "no_payment_means": self.env._(
                "Say how your customer pays you directly (bank account, "
                "cheque payee...)."
            ),
            "no_debtor_email": self.env._(
                "Give your customer's email address: the Eco intervention is an email."
            ),
        }

    def action_open_submit_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Submit the Case"),
            "res_model": "relance.case.submit.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def action_submit(self):
        """Submit draft cases: check the data and the accepted conditions,
        then ask for the fee (card) or bill it at month end."""
        cases = self.filtered(lambda c: c.state == "draft")
        cases._check_case_data()
        for case in cases:
            if case.conditions_version != const.CASE_CONDITIONS_VERSION:
                raise UserError(
                    self.env._(
                        "Case %(case)s: accept the Eco conditions before submitting.",
                        case=case.name,
                    )
                )
            case._submit_one()
        return True

    def _submit_one(self):
        self.ensure_one()
        if not self.client_id:
            raise UserError(
                self.env._(
                    "Case %(case)s: %(creditor)s is not a client of the collection "
                    "firm yet; contact the firm to open an account.",
                    case=self.name,
                    creditor=self.creditor_partner_id.display_name,
                )
            )
        client = self.client_id.sudo()
        # A prospect of the public form pays its first case by card.
        if not (client.state == "prospect" and client.billing_mode == "card"):
            client._check_option("case")
        key = self._compute_idempotency_key()
        twin = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("company_id", "=", self.company_id.id),
                ("idempotency_key", "=", key),
                ("state", "!=", "closed"),
            ],
            limit=1,
        )
        if twin:
            raise UserError(
                self.env._(
                    "This claim was already handed over as case %(case)s.",
                    case=twin.name,
                )
            )
        self.write({"submitted_on": fields.Datetime.now(), "idempotency_key": key})
        fee = self._prepare_fee_vals(self.kind == "classic" and case_tools.FEE_FULL)
        self.write(fee)
        if fee["fee_mode"] == "card":
            self.state = "fee"
        else:
            self._start()
        if self.apply_terms_of_sale:
            self._schedule_staff_activity(
                self.env._("Contact the creditor: it wants its terms of sale applied.")
            )

    def _compute_idempotency_key(self):
        self.ensure_one()
        return case_tools.case_key(
            self.creditor_partner_id.id,
            self.debtor_ridet or self.debtor_name,
            self.line_ids.mapped("reference"),
        )

    def _start(self):
        """The fee is settled (or deferred): the case enters the firm's queue."""
        for case in self:
            if case.fee_mode == "deferred":
                case._record_fee_usage()
            case.state = "submitted" if case.kind == "eco" else "escalated"
            if case.kind == "classic":
                case.escalated_on = fields.Datetime.now()

    def _relance_fee_paid(self):
        """The fee of cases awaiting it was paid by card: start them."""
        cases = self.filtered(lambda c: c.state == "fee")
        cases.write({"fee_paid": True})
        cases._start()
        for case in cases:
            case.message_post(body=self.env._("The fee was paid by card."))

    # ------------------------------------------------------------
    # FEE (prices are pricelist data, see _get_fee_price)
    # ------------------------------------------------------------

    def _get_fee_product(self, handover_fee=False):
        self.ensure_one()
        code = {
            False: "case_eco",
            case_tools.FEE_FULL: "case_classic_full",
            case_tools.FEE_AFTER_ECO: "case_classic_after_eco",
            case_tools.FEE_NONE: False,
        }[handover_fee]
        return code and self.env.ref(
            f"relance_nc.product_service_{code}", raise_if_not_found=False
        )

    def _get_fee_price(self, product):
        """The client's pricelist price (seed 002 fees are pricelist data)."""
        self.ensure_one()
        return self.client_id.sudo()._relance_price(
            product, 1.0, fields.Date.context_today(self)
        )

    def _get_billing_mode(self):
        """``card`` (paid online before the case starts) or ``deferred``."""
        self.ensure_one()
        return self.client_id.sudo().billing_mode or "card"

    def _prepare_fee_vals(self, handover_fee=False):
        self.ensure_one()
        product = self._get_fee_product(handover_fee)
        amount = self._get_fee_price(product) if product else 0.0
        return {
            "fee_product_id": product.id if product else False,
            "fee_amount": amount,
            "fee_mode": self._get_billing_mode() if amount else "none",
            "fee_paid": False,
            "handover_fee": handover_fee,
        }

    def _record_fee_usage(self):
        """Bill the fee at month end: one usage line of the client per fee
        (the event key keeps it single if the case is started twice)."""
        self.ensure_one()
        if not (self.fee_product_id and self.fee_amount):
            return self.env["relance.usage.line"]
        return (
            self.env["relance.usage.line"]
            .sudo()
            ._relance_record(
                self.client_id.sudo(),
                self.fee_product_id,
                1.0,
                self,
                f"relance.case:{self.id}:{self.handover_fee or 'eco'}",
            )
        )

    # ------------------------------------------------------------
    # PROVIDER SIDE
    # ------------------------------------------------------------

    def _schedule_staff_activity(self, summary):
        self.ensure_one()
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, user_id=self.env.uid
        )

    def action_send_eco_email(self):
        """Send the firm's Eco email to the debtor (submitted Eco cases)."""
        self._check_provider_staff()
        cases = self.filtered(lambda c: c.kind == "eco" and c.state == "submitted")
        if not cases:
            raise UserError(self.env._("Only submitted Eco cases can be emailed."))
        template = self.env.ref("relance_nc.mail_template_relance_case_eco")
        cases.write({"state": "sent", "email_sent_on": fields.Datetime.now()})
        for case in cases:
            template.send_mail(case.id)
            case.message_post(
                body=self.env._("Eco email sent to %(email)s.", email=case.debtor_email)
            )
        return True

    def _check_provider_staff(self):
        if not self.env.user.has_group("relance_nc.group_relance_provider_agent"):
            raise AccessError(
                self.env._("Only the collection firm's staff works the cases.")
            )

    def _get_debtor_lang(self):
        """The jurisdiction's language (French) when installed."""
        self.ensure_one()
        lang = self.jurisdiction_id.lang or "fr_FR"
        return lang if self.env["res.lang"]._lang_get(lang) else False

    def _get_creditor_lang(self):
        self.ensure_one()
        lang = self.creditor_partner_id.lang or "fr_FR"
        return lang if self.env["res.lang"]._lang_get(lang) else False

    def action_mark_paid(self):
        """The debtor paid: reported by the creditor or the staff."""
        self.filtered(lambda c: c.state in OPEN_STATES).write({"state": "paid"})
        return True

    def _close(self, reason):
        self.filtered(lambda c: c.state != "closed").write(
            {
                "state": "closed",
                "close_reason": reason,
                "closed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_close_paid(self):
        return self._close("paid")

    def action_close_abandoned(self):
        return self._close("abandoned")

    def action_close_disputed(self):
        return self._close("disputed")

    def action_escalate(self):
        """Hand the case over to classic collection, with its fee:
        none under an annual contract, reduced after an Eco email, else full."""
        for case in self:
            if case.state not in ("submitted", "sent", "draft"):
                raise UserError(
                    self.env._(
                        "Case %(case)s cannot be handed over in its state.",
                        case=case.name,
                    )
                )
            if case.state == "draft":
                case.kind = "classic"
                case.action_submit()
                continue
            choice = case_tools.handover_fee(
                case._has_annual_contract(), after_eco=bool(case.email_sent_on)
            )
            case.write(dict(case._prepare_fee_vals(choice), kind="classic"))
            if case.fee_mode == "card":
                case.state = "fee"
            else:
                case._start()
            case.message_post(
                body=self.env._(
                    "Handed over to classic collection (fee: %(fee)s).",
                    fee=dict(
                        case._fields["handover_fee"]._description_selection(case.env)
                    )[choice],
                )
            )
        return True

    def _has_annual_contract(self):
        self.ensure_one()
        client = self.client_id.sudo()
        return bool(client) and client.has_annual_contract_at(
            fields.Date.context_today(self)
        )

    @api.model
    def _cron_followup(self):
        """Fifteen days after the Eco email, offer the creditor the classic
        collection (once), unless it recorded the payment."""
        limit = fields.Datetime.subtract(
            fields.Datetime.now(), days=case_tools.FOLLOWUP_DAYS
        )
        cases = self.search(
            [
                ("state", "=", "sent"),
                ("followup_sent_on", "=", False),
                ("email_sent_on", "<=", limit),
            ],
            limit=200,
        )
        template = self.env.ref("relance_nc.mail_template_relance_case_followup")
        for case in cases:
            case._portal_ensure_token()
            template.send_mail(case.id)
            case.followup_sent_on = fields.Datetime.now()
            self.env["ir.cron"]._commit_progress(1)

    def _get_escalation_url(self):
        self.ensure_one()
        return "%s/relance/case/%s/escalate?access_token=%s" % (
            self.get_base_url(),
            self.id,
            self._portal_ensure_token(),
        )

    def _relance_after_submit_url(self):
        """Where the web forms go after a submission: the card payment of the
        fee when it is due first, else the case (portal) or a thank-you page."""
        self.ensure_one()
        if self.state == "fee":
            url = self._relance_fee_payment_url()
            if url:
                return url
        if self.origin == "portal":
            return self.access_url
        token = self._portal_ensure_token()
        return f"/relance/eco/thanks?access_token={token}&case={self.id}"

    def _relance_fee_payment_url(self):
        """The card payment page of the fee (relance_nc_payment)."""
        return False

    def _compute_access_url(self):
        for case in self:
            case.access_url = f"/my/cases/{case.id}"

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a case does: alerts, stop and restart of reminders, claims."""

import base64
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import claims as claim_tools, deadline as deadline_tools

OPEN_ACTION_STATES = ("draft", "scheduled")
DECLARATION_REPORT = "relance_nc_insolvency.action_report_declaration"


class RelanceInsolvencyCase(models.Model):
    _inherit = "relance.insolvency.case"

    declared_by_provider = fields.Boolean(readonly=True, copy=False)

    # ------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------

    def _activate(self):
        """Open the cases: stop reminders, compute claims, alert the creditor."""
        if not self:
            return
        self.write({"state": "active"})
        self._block_reminders()
        self._compute_claims()
        self._alert_creditor()
        self._schedule_deadline_activities()

    def _block_reason(self):
        self.ensure_one()
        return self.env._(
            "Collective procedure: %(procedure)s",
            procedure=self.procedure_id.display_name,
        )

    def _customer_moves_domain(self):
        """The journal entries of the case's customer in the case's company."""
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
        ]

    def _open_moves_domain(self):
        self.ensure_one()
        return self._customer_moves_domain() + [
            ("move_type", "in", ("out_invoice", "out_receipt")),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    def _block_reminders(self):
        """Block the open invoices and cancel the open reminders, with the reason."""
        Move = self.env["account.move"].sudo()
        Action = self.env["relance.action"].sudo()
        for case in self.filtered("partner_id"):
            reason = case._block_reason()
            moves = Move.search(
                case._open_moves_domain()
                + [
                    "|",
                    ("relance_block", "=", False),
                    ("relance_block", "=", "promise"),
                ]
            )
            moves.write({"relance_block": "insolvency", "relance_block_reason": reason})
            actions = Action.search(
                [
                    ("company_id", "=", case.company_id.id),
                    ("partner_id", "=", case.partner_id.commercial_partner_id.id),
                    ("state", "in", OPEN_ACTION_STATES),
                ]
            )
            actions.write({"state": "cancelled", "error": reason})
            actions._message_log_batch({action.id: reason for action in actions})

    def _alert_creditor(self):
        """Chatter on the customer, to-do and email for the responsible."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for case in self:
            body = case._alert_body()
            if case.partner_id:
                case.partner_id.sudo()._message_log(body=body)
            case.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Customer under collective procedure"),
                note=body,
                user_id=case.user_id.id or self.env.uid,
                date_deadline=fields.Date.context_today(case),
            )
            partner_ids = case.user_id.partner_id.ids
            if case.watch_id.client_id:  # a portal client: its own contact too
                partner_ids += case.client_id.partner_id.ids
            case.message_post(
                body=body,
                subject=self.env._(
                    "Collective procedure: %(customer)s", customer=case.name
                ),
                partner_ids=partner_ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _alert_body(self):
        self.ensure_one()
        procedure = self.procedure_id
        return self.env._(
            "%(customer)s is under a collective procedure: %(procedure)s, "
            "%(court)s. Reminders are stopped. Declare the claims to %(admin)s "
            "by %(deadline)s.",
            customer=self.name,
            procedure=procedure.display_name,
            court=procedure.court_name
            or dict(procedure._fields["court"]._description_selection(self.env)).get(
                procedure.court, ""
            ),
            admin=procedure.administrator_name or self.env._("the administrator"),
            deadline=format_date(self.env, self.deadline),
        )

    def _schedule_deadline_activities(self):
        """To-dos before the declaration deadline (30, 15 and 7 days)."""
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for case in self.filtered("deadline"):
            for day in deadline_tools.reminder_dates(case.deadline, today):
                case.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._(
                        "Declare the claims before %(deadline)s",
                        deadline=format_date(self.env, case.deadline),
                    ),
                    user_id=case.user_id.id or self.env.uid,
                    date_deadline=day,
                )

    # ------------------------------------------------------------
    # Lifting
    # ------------------------------------------------------------

    def _lift(self, reason):
        """Restart the reminders of customers with no other open case."""
        cases = self.filtered(lambda c: c.state == "active")
        if not cases:
            return
        cases.write({"state": "lifted", "lift_reason": reason})
        Move = self.env["account.move"].sudo()
        still = self.sudo().search(
            [("state", "=", "active"), ("partner_id", "in", cases.partner_id.ids)]
        )
        for case in cases.filtered("partner_id"):
            if still.filtered(
                lambda c, k=case: (
                    c.partner_id == k.partner_id and c.company_id == k.company_id
                )
            ):
                continue
            moves = Move.search(
                case._customer_moves_domain() + [("relance_block", "=", "insolvency")]
            )
            moves.write({"relance_block": False, "relance_block_reason": False})
            message = self.env._("Reminders restarted: %(reason)s", reason=reason)
            case.message_post(body=message)
            case.partner_id.sudo()._message_log(body=message)
        cases.activity_unlink(["mail.mail_activity_data_todo"])

    # ------------------------------------------------------------
    # Claims at the judgment date
    # ------------------------------------------------------------

    def _compute_claims(self):
        """(Re)compute the claim of every invoice issued before the judgment."""
        Move = self.env["account.move"].sudo()
        for case in self.filtered("partner_id"):
            case.claim_ids.unlink()
            moves = Move.search(
                case._customer_moves_domain()
                + [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("invoice_date", "<=", case.judgment_date),
                ]
            )
            vals_list = [
                vals
                for move in moves
                if (vals := case._prepare_claim_vals(move))
                and (
                    vals["amount_due"]
                    or vals["amount_not_yet_due"]
                    or vals["paid_after"]
                )
            ]
            self.env["relance.insolvency.claim"].sudo().create(vals_list)

    def _prepare_claim_vals(self, move):
        """Claim values of ``move`` at the judgment date, in its currency."""
        lines = move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        instalments = [
            claim_tools.Instalment(
                line.date_maturity or move.invoice_date, abs(line.amount_currency)
            )
            for line in lines
            if line.amount_currency > 0
        ]
        payments = [
            claim_tools.Payment(partial.max_date, partial.debit_amount_currency)
            for partial in lines.matched_credit_ids
        ]
        if not instalments:
            return None
        claim = claim_tools.invoice_claim(
            move.name,
            move.currency_id.name,
            sum(i.amount for i in instalments),
            instalments,
            payments,
            self.judgment_date,
        )
        currency = move.currency_id
        return {
            "case_id": self.id,
            "move_id": move.id,
            "currency_id": currency.id,
            "amount_total": move.amount_total,
            "amount_due": currency.round(claim.due),
            "amount_not_yet_due": currency.round(claim.not_yet_due),
            "not_yet_due_dates": ", ".join(
                format_date(self.env, i.due_date) for i in claim.instalments_not_yet_due
            )
            or False,
            "paid_after": currency.round(claim.paid_after),
            "paid_after_dates": ", ".join(
                format_date(self.env, p.date) for p in claim.payments_after
            )
            or False,
        }

    def _cron_deadlines(self):
        """Warn once more about declarations whose deadline passed yesterday."""
        yesterday = fields.Date.context_today(self) - timedelta(days=1)
        cases = self.search(
            [
                ("state", "=", "active"),
                ("declaration_state", "=", "to_declare"),
                ("deadline", "=", yesterday),
            ]
        )
        for case in cases:
            case.message_post(
                body=self.env._(
                    "The deadline to declare the claims passed on %(deadline)s.",
                    deadline=format_date(self.env, case.deadline),
                ),
                partner_ids=case.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )

    # ------------------------------------------------------------
    # Declaration
    # ------------------------------------------------------------

    def _relance_is_provider_side(self):
        """True when the provider declares: a portal client's case, or a
        provider agent working on a client's case."""
        self.ensure_one()
        if self.watch_id.client_id:
            return True
        return bool(self.client_id) and self.env.user.has_group(
            "relance_nc.group_relance_provider_agent"
        )

    def _check_declarable(self, declarant="creditor"):
        """A declaration is filed once; the provider only under mandate."""
        self.ensure_one()
        if self.declaration_state != "to_declare":
            raise UserError(
                self.env._(
                    "The claims of %(case)s are already declared.", case=self.name
                )
            )
        if declarant == "provider" or self.watch_id.client_id:
            client = self.client_id or self.company_id._relance_client()
            if not client:
                raise UserError(
                    self.env._(
                        "%(case)s belongs to no client of the provider: the "
                        "provider cannot declare for it.",
                        case=self.name,
                    )
                )
            client._check_option("insolvency")
            client._check_mandate(represent=False)

    def _record_declaration_usage(self):
        """A declaration filed by the provider is a billable service."""
        product = self.env.ref(
            "relance_nc.product_service_insolvency_declaration",
            raise_if_not_found=False,
        )
        client = self.client_id or self.company_id._relance_client()
        if product and client:
            self.env["relance.usage.line"].sudo()._relance_record(
                client,
                product,
                1.0,
                self,
                f"relance.insolvency.case:{self.id}:declaration",
            )

    def _render_declaration(self):
        """Render the declaration PDF and keep it attached to the case."""
        self.ensure_one()
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(
            DECLARATION_REPORT, self.ids
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Declaration of claims - %(customer)s.pdf", customer=self.name
                ),
                "datas": base64.b64encode(pdf),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )
        self.declaration_attachment_id = attachment
        return attachment

    def _send_declaration_email(self, attachment):
        admin = self.administrator_partner_id
        if not admin.email:
            raise UserError(
                self.env._(
                    "The administrator %(admin)s has no email address.",
                    admin=admin.display_name,
                )
            )
        self.message_post(
            body=self.env._(
                "Please find attached our declaration of claims against %(debtor)s.",
                debtor=self.procedure_id.debtor_name,
            ),
            subject=self.env._("Declaration of claims - %(debtor)s", debtor=self.name),
            partner_ids=admin.ids,
            attachment_ids=(attachment | self.attachment_ids).ids,
            subtype_xmlid="mail.mt_comment",
        )

    def _send_declaration_letter(self, attachment):
        """Hand the PDF to relance_nc_edition as a registered letter."""
        letter = self.env["relance.letter"].create(
            {
                "company_id": self.company_id.id,
                "partner_id": self.administrator_partner_id.id,
                "kind": "upload",
                "origin": "creditor",
                "mail_type": "registered",
                "subject": attachment.name,
                "upload_file": attachment.datas,
                "upload_filename": attachment.name,
            }
        )
        letter.action_submit()
        self.message_post(
            body=self.env._(
                "Declaration sent by registered letter %(letter)s.", letter=letter.name
            )
        )
        return letter

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..tools import case as case_tools

FORM_ROWS = 6  # invoice rows of the web forms
RATE_LIMIT = 3  # public submissions per address and hour
LINE_FIELDS = ("ref", "date", "due", "amount", "kind")


class RelanceCase(models.Model):
    """Cases submitted through the web: the portal and the public form."""

    _inherit = "relance.case"

    origin = fields.Selection(
        [("backend", "Odoo"), ("portal", "Portal"), ("public", "Public Form")],
        default="backend",
        readonly=True,
    )
    origin_ip = fields.Char(readonly=True, copy=False)

    @api.model
    def _relance_form_parse(self, post, public=False):
        """Read a web form: return ``(vals, errors)``; ``errors`` maps a field
        name (or ``"case"``) to translated messages. Nothing is written."""
        errors = {}
        vals = {
            "debtor_name": self._form_text(post, "debtor_name"),
            "debtor_email": self._form_text(post, "debtor_email"),
            "debtor_phone": self._form_text(post, "debtor_phone"),
            "debtor_address": self._form_text(post, "debtor_address"),
            "payment_instructions": self._form_text(post, "payment_instructions"),
            "apply_terms_of_sale": bool(post.get("apply_terms_of_sale")),
            "note": self._form_text(post, "note"),
        }
        vals["last_letter_date"] = self._form_date(post, "last_letter_date", errors)
        lines = self._form_lines(post, errors)
        vals["line_ids"] = [fields.Command.create(line) for line in lines]
        if vals["debtor_email"] and not email_normalize(vals["debtor_email"]):
            errors["debtor_email"] = [self.env._("This email address is not valid.")]
        if public:
            vals.update(self._form_creditor(post, errors))
        if not post.get("accept"):
            errors["accept"] = [self.env._("Accept the conditions of the Eco mode.")]
        if not errors:
            self._form_check_data(vals, lines, errors)
        return vals, errors

    @api.model
    def _form_text(self, post, name, size=500):
        value = post.get(name)
        return value.strip()[:size] if isinstance(value, str) else ""

    @api.model
    def _form_date(self, post, name, errors):
        raw = self._form_text(post, name, 20)
        if not raw:
            return False
        try:
            return fields.Date.to_date(raw)
        except ValueError:
            errors[name] = [self.env._("Give a date, e.g. 2026-03-31.")]
            return False

    @api.model
    def _form_amount(self, post, name, errors):
        raw = re.sub(r"[\s\u00a0\u202f]", "", self._form_text(post, name, 30))
        if not raw:
            return 0.0
        try:
            return float(raw.replace(",", "."))
        except ValueError:
            errors[name] = [self.env._("Give an amount, e.g. 11300.")]
            return 0.0

    @api.model
    def _form_lines(self, post, errors):
        kinds = dict(self.env["relance.case.line"]._fields["kind"].selection)
        lines = []
        for row in range(FORM_ROWS):
            names = {key: f"{key}_{row}" for key in LINE_FIELDS}
            if not any(self._form_text(post, names[key]) for key in LINE_FIELDS[:4]):
                continue
            kind = self._form_text(post, names["kind"], 30) or "principal"
            lines.append(
                {
                    "sequence": row,
                    "reference": self._form_text(post, names["ref"], 64),
                    "date": self._form_date(post, names["date"], errors),
                    "due_date": self._form_date(post, names["due"], errors),
                    "amount": self._form_amount(post, names["amount"], errors),
                    "kind": kind if kind in kinds else "principal",
                }
            )
        return lines

    @api.model
    def _form_creditor(self, post, errors):
        """The creditor of the public form (not a client yet)."""
        name = self._form_text(post, "creditor_name")
        email = email_normalize(self._form_text(post, "creditor_email"))
        if not name:
            errors["creditor_name"] = [self.env._("Give your company name.")]
        if not email:
            errors["creditor_email"] = [self.env._("Give a valid email address.")]
        return {
            "creditor_email": email or self._form_text(post, "creditor_email"),
            "_creditor": {
                "name": name,
                "email": email,
                "phone": self._form_text(post, "creditor_phone"),
                "ridet": self._form_text(post, "creditor_ridet", 20),
            },
        }

    @api.model
    def _form_check_data(self, vals, lines, errors):
        """The seed 002 data rules (tools/case.py), as form errors."""
        today = fields.Date.context_today(self)
        tool_lines = [
            case_tools.Line(
                line["reference"],
                line["date"] or None,
                line["due_date"] or None,
                line["amount"],
                line["kind"],
            )
            for line in lines
        ]
        problems = case_tools.check_lines(tool_lines, vals["last_letter_date"], today)
        if not vals["debtor_name"]:
            problems.append(case_tools.Problem("no_debtor"))
        if not vals["debtor_email"]:
            problems.append(case_tools.Problem("no_debtor_email"))
        if not vals["payment_instructions"]:
            problems.append(case_tools.Problem("no_payment_means"))
        if problems:
            errors["case"] = self._problem_messages(problems, tool_lines)

    @api.model
    def _relance_check_rate_limit(self, ip, email):
        """At most RATE_LIMIT public submissions per IP or email and hour."""
        since = fields.Datetime.now() - timedelta(hours=1)
        domain = [("origin", "=", "public"), ("create_date", ">=", since)]
        address = [("origin_ip", "=", ip)]
        if email:
            address = ["|", ("creditor_email", "=", email), *address]
        if self.sudo().search_count(domain + address) >= RATE_LIMIT:
            raise UserError(
                self.env._(
                    "Too many cases were sent from this address; try again in an hour."
                )
            )

    @api.model
    def _relance_create_from_form(self, vals, client, origin, ip=None, name=None):
        """Create, accept the conditions and submit a web case (sudo: the
        caller checked the client belongs to the user or is a new prospect)."""
        vals = dict(vals)
        vals.pop("_creditor", None)
        case_sudo = self.sudo().create(
            dict(
                vals,
                client_id=client.id,
                company_id=client.company_id.id,
                currency_id=client.company_id.currency_id.id,
                creditor_email=vals.get("creditor_email") or client.partner_id.email,
                origin=origin,
                origin_ip=ip,
            )
        )
        case_sudo._accept_conditions(name=name)
        case_sudo.action_submit()
        return case_sudo

    @api.model
    def _relance_prospect_client(self, creditor):
        """The relance.client of a public-form creditor: an existing client
        with that email, or a new prospect paying by card."""
        Client = self.env["relance.client"].sudo()
        provider = self._default_web_provider()
        partner = (
            self.env["res.partner"]
            .sudo()
            .search(
                [("email", "=ilike", creditor["email"]), ("is_company", "=", True)],
                limit=1,
            )
        )
        client = partner and Client.search(
            [("partner_id", "=", partner.id), ("company_id", "=", provider.id)],
            limit=1,
        )
        if client:
            return client
        partner = partner or self.env["res.partner"].sudo().create(
            {
                "name": creditor["name"],
                "email": creditor["email"],
                "phone": creditor["phone"],
                "is_company": True,
                "comment": creditor["ridet"] and f"RIDET/TAHITI: {creditor['ridet']}",
            }
        )
        return Client.create(
            {
                "company_id": provider.id,
                "partner_id": partner.id,
                "state": "prospect",
                "billing_mode": "card",
                "option_ids": [
                    fields.Command.link(
                        self.env.ref("relance_nc.service_option_case").id
                    )
                ],
            }
        )

    @api.model
    def _default_web_provider(self):
        """The firm receiving public-form cases: the provider company of the
        website's company, else the first provider company."""
        companies = self.env["res.company"].sudo()
        company = self.env.company
        if company.relance_is_provider:
            return company
        return (
            companies.search([("relance_is_provider", "=", True)], limit=1) or company
        )

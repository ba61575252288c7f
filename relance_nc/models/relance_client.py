# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

CLIENT_STATES = [
    ("prospect", "Prospect"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("closed", "Closed"),
]


class RelanceClient(models.Model):
    """A creditor that buys relance.nc services from a provider company.

    One per (provider company, creditor partner). The creditor either is a
    company hosted in this database (``hosted_company_id``) or works through
    the portal. Every service performed for it writes a ``relance.usage.line``
    invoiced at month end.
    """

    _name = "relance.client"
    _description = "relance.nc Client"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(related="partner_id.name", store=True, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        string="Provider",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("relance_is_provider", "=", True)],
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Creditor",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", True)],
        tracking=True,
    )
    hosted_company_id = fields.Many2one(
        "res.company",
        index="btree_not_null",
        help="The creditor's own company in this database, when it invoices "
        "its customers here.",
    )
    ridet = fields.Char(related="partner_id.ridet", readonly=False)
    tahiti = fields.Char(related="partner_id.tahiti", readonly=False)
    state = fields.Selection(
        CLIENT_STATES, default="prospect", required=True, tracking=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        default=lambda self: self.env.user,
        tracking=True,
    )
    annual_contract = fields.Boolean(tracking=True)
    contract_date_start = fields.Date(string="Contract Start")
    contract_date_end = fields.Date(string="Contract End")
    option_ids = fields.Many2many(
        "relance.service.option", string="Subscribed Options", tracking=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Price List",
        check_company=True,
        tracking=True,
        help="Prices of the services; the list price of the service applies "
        "when empty.",
    )
    billing_mode = fields.Selection(
        [("card", "Card Payment"), ("deferred", "Deferred Account")],
        default="deferred",
        required=True,
        tracking=True,
    )
    credit_limit = fields.Monetary(tracking=True)
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", check_company=True
    )
    # Claim-declaration mandate (seed: the creditor mandates the provider)
    mandate_date = fields.Date(tracking=True)
    mandate_scope = fields.Selection(
        [
            ("declare", "Declare Claims"),
            ("declare_represent", "Declare Claims and Represent"),
        ],
        tracking=True,
    )
    mandate_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed Mandate", copy=False
    )
    has_valid_mandate = fields.Boolean(
        compute="_compute_has_valid_mandate", search="_search_has_valid_mandate"
    )
    payout_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Payout Bank Account",
        domain="[('partner_id', '=', partner_id)]",
        tracking=True,
    )
    usage_line_ids = fields.One2many("relance.usage.line", "client_id")
    usage_count = fields.Integer(compute="_compute_usage_count")
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    active = fields.Boolean(default=True)

    _partner_uniq = models.Constraint(
        "UNIQUE(company_id, partner_id)",
        "A creditor is a client of a provider once.",
    )

    @api.depends("mandate_date", "mandate_attachment_id", "state")
    def _compute_has_valid_mandate(self):
        for client in self:
            client.has_valid_mandate = bool(
                client.mandate_date
                and client.mandate_attachment_id
                and client.state == "active"
            )

    def _search_has_valid_mandate(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = [
            ("mandate_date", "!=", False),
            ("mandate_attachment_id", "!=", False),
            ("state", "=", "active"),
        ]
        domain = Domain.AND([domain])
        return domain if (operator == "in") == (True in value) else ~domain

    def _compute_usage_count(self):
        counts = dict(
            self.env["relance.usage.line"]._read_group(
                [("client_id", "in", self.ids)], ["client_id"], ["__count"]
            )
        )
        for client in self:
            client.usage_count = counts.get(client, 0)

    def _compute_invoice_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                [("relance_client_id", "in", self.ids)],
                ["relance_client_id"],
                ["__count"],
            )
        )
        for client in self:
            client.invoice_count = counts.get(client, 0)

    @api.constrains("contract_date_start", "contract_date_end")
    def _check_contract_dates(self):
        for client in self:
            start, end = client.contract_date_start, client.contract_date_end
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "The contract of %(client)s ends (%(end)s) before it "
                        "starts (%(start)s).",
                        client=client.display_name,
                        end=end,
                        start=start,
                    )
                )

    @api.constrains("hosted_company_id", "company_id")
    def _check_hosted_company(self):
        for client in self:
            if client.hosted_company_id == client.company_id:
                raise ValidationError(
                    self.env._(
                        "%(client)s cannot be a client of its own company.",
                        client=client.display_name,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS (contract: _notes/BACKOFFICE_CONTRACT.md)
    # ------------------------------------------------------------

    def has_annual_contract_at(self, date):
        """True when the client's annual contract covers ``date``."""
        self.ensure_one()
        return bool(
            self.annual_contract
            and (not self.contract_date_start or self.contract_date_start <= date)
            and (not self.contract_date_end or date <= self.contract_date_end)
        )

    def _has_option(self, code):
        """Whether the client subscribed to the option ``code``; the options
        (the provider's catalogue) are read as superuser, so that a portal
        contact of the client, who may not read the catalogue, is served."""
        self.ensure_one()
        client_sudo = self.sudo()
        return code in client_sudo.option_ids.mapped("code")

    def _check_option(self, code):
        """Raise a translated UserError unless the client is active and
        subscribed to the option ``code``."""
        self.ensure_one()
        if self.state != "active":
            raise UserError(
                self.env._(
                    "%(client)s is not an active relance.nc client (%(state)s): "
                    "no service can be performed for it.",
                    client=self.display_name,
                    state=dict(CLIENT_STATES)[self.state],
                )
            )
        if not self._has_option(code):
            option_sudo = (
                self.env["relance.service.option"]
                .sudo()
                .search([("code", "=", code)], limit=1)
            )
            raise UserError(
                self.env._(
                    "%(client)s has not subscribed to the option "
                    "\u201c%(option)s\u201d: ask its account manager to add it.",
                    client=self.display_name,
                    option=option_sudo.name or code,
                )
            )

    def _check_mandate(self, represent=False):
        """Raise a translated UserError unless the client's claim-declaration
        mandate is valid (and covers representation when ``represent``)."""
        self.ensure_one()
        if not self.has_valid_mandate:
            raise UserError(
                self.env._(
                    "%(client)s has no valid claim-declaration mandate: a date, "
                    "the signed document and an active client are needed.",
                    client=self.display_name,
                )
            )
        if represent and self.mandate_scope != "declare_represent":
            raise UserError(
                self.env._(
                    "The mandate of %(client)s covers claim declarations only, "
                    "not representation.",
                    client=self.display_name,
                )
            )

    def _relance_price(self, product, quantity=1.0, date=None):
        """Unit price of ``product`` for this client at ``date`` (XPF)."""
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        if not self.pricelist_id:
            return product.lst_price
        return self.pricelist_id._get_product_price(
            product, quantity, currency=self.currency_id, date=date
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_activate(self):
        self.write({"state": "active"})

    def action_suspend(self):
        self.write({"state": "suspended"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_view_usage(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc.relance_usage_line_action"
        )
        action["domain"] = [("client_id", "=", self.id)]
        action["context"] = {"default_client_id": self.id}
        return action

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("relance_client_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

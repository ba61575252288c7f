# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import time, timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import file_open

from .. import const
from ..tools import schedule, urls
from .relance_sms_api import RelanceSmsApi


class ResCompany(models.Model):
    _inherit = "res.company"

    ridet = fields.Char(related="partner_id.ridet", readonly=False)
    tahiti = fields.Char(related="partner_id.tahiti", readonly=False)

    # Reminder calendar
    relance_territory = fields.Selection(
        [("NC", "New Caledonia"), ("PF", "French Polynesia")],
        string="Public Holidays",
        default="NC",
        required=True,
    )
    relance_holiday_ids = fields.One2many(
        "relance.holiday", "company_id", string="Calendar Exceptions"
    )
    relance_send_start = fields.Float(string="Send From", default=8.0)
    relance_send_end = fields.Float(string="Send Until", default=18.0)
    relance_send_saturday = fields.Boolean(string="Send on Saturday", default=True)
    relance_call_start = fields.Float(string="Calls From", default=8.0)
    relance_call_end = fields.Float(string="Calls Until", default=17.0)
    # Channel costs recorded on each action (billed by the provider)
    relance_cost_email = fields.Monetary(string="Email Cost")
    relance_cost_sms = fields.Monetary(string="SMS Cost")
    relance_cost_letter = fields.Monetary(string="Letter Cost")
    relance_cost_registered_letter = fields.Monetary(string="Registered Letter Cost")
    relance_cost_call = fields.Monetary(string="Call Cost")
    relance_cost_handover = fields.Monetary(string="Hand-over Cost")
    # SMS provider (models/relance_sms_api.py); secrets for admins only
    relance_sms_provider = fields.Selection(
        const.SMS_PROVIDERS,
        string="SMS Provider",
        default="iap",
        required=True,
        help="Odoo IAP, or the HTTP gateway configured below.",
    )
    relance_sms_url = fields.Char(
        string="SMS Gateway URL", help="Where the SMS batches are POSTed as JSON."
    )
    relance_sms_sender = fields.Char(
        string="SMS Sender Name",
        help="Name shown to the customer: at most 11 letters or digits.",
    )
    relance_sms_api_key = fields.Char(
        string="SMS Gateway API Key", groups="base.group_system", copy=False
    )
    relance_sms_webhook_secret = fields.Char(
        string="SMS Webhook Secret",
        groups="base.group_system",
        copy=False,
        help="Key of the HMAC-SHA256 signature of the gateway's delivery reports.",
    )
    # Content responsibility (seed §E3, §F3, §G3)
    relance_terms_acceptance_ids = fields.One2many(
        "relance.terms.acceptance", "company_id", string="Terms Acceptances"
    )
    relance_terms_accepted = fields.Boolean(
        string="Responsibility Terms Accepted",
        compute="_compute_relance_terms_accepted",
    )

    @api.depends("relance_terms_acceptance_ids.version")
    def _compute_relance_terms_accepted(self):
        accepted = self._relance_accepted_companies()
        for company in self:
            company.relance_terms_accepted = company in accepted

    @api.constrains("relance_sms_sender", "relance_sms_url")
    def _check_relance_sms_gateway(self):
        for company in self:
            sender = company.relance_sms_sender
            if sender and not re.fullmatch(const.SMS_SENDER_PATTERN, sender):
                raise ValidationError(
                    self.env._(
                        "The SMS sender name of %(company)s must be at most 11 "
                        "letters or digits, without spaces or accents: %(sender)s",
                        company=company.name,
                        sender=sender,
                    )
                )
            url = company.relance_sms_url
            if url and not urls.is_secure_url(url):
                raise ValidationError(
                    self.env._(
                        "The SMS gateway URL of %(company)s must start with "
                        "https:// (http:// only for this machine): %(url)s",
                        company=company.name,
                        url=url,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _relance_accepted_companies(self):
        """Companies of ``self`` that accepted the current terms (one query)."""
        groups = (
            self.env["relance.terms.acceptance"]
            .sudo()
            ._read_group(
                [("company_id", "in", self.ids), ("version", "=", const.TERMS_VERSION)],
                ["company_id"],
            )
        )
        return self.browse([company.id for (company,) in groups])

    def _relance_gated_companies(self):
        """Companies of ``self`` that may not send: terms not accepted."""
        return self - self._relance_accepted_companies()

    def action_relance_accept_terms(self):
        """Accept the content-responsibility terms for this company.

        Callable over RPC: only a relance.nc administrator who works for the
        company may accept, and the acceptance names that user.
        """
        self.ensure_one()
        self._relance_check_terms_acceptor()
        self.env["relance.terms.acceptance"]._accept(self)
        return True

    def _relance_check_terms_acceptor(self):
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        if not user.has_group("relance_nc.group_relance_manager") or (
            self not in user.company_ids
        ):
            raise AccessError(
                self.env._(
                    "Only a relance.nc administrator of %(company)s may accept its "
                    "content-responsibility terms.",
                    company=self.name,
                )
            )

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.relance_sms_provider == "http":
            return RelanceSmsApi
        return super()._get_sms_api_class()

    def _relance_channel_costs(self):
        self.ensure_one()
        registry = self.env["relance.action"]._get_channel_registry()
        return {
            code: self[channel.cost_field] if channel.cost_field else 0.0
            for code, channel in registry.items()
        }

    def _relance_holidays(self, years):
        """Closed days of the company for ``years``: the territory's public
        holidays, plus its extra closed days, less the days declared open."""
        self.ensure_one()
        days = set()
        for year in years:
            days.update(schedule.public_holidays(year, self.relance_territory))
        for exception in self.relance_holiday_ids:
            if exception.closed:
                days.add(exception.date)
            else:
                days.discard(exception.date)
        return days

    def _relance_window(self, channel):
        """The schedule.SendWindow in which ``channel`` may reach a customer."""
        self.ensure_one()
        if channel == "call":
            return schedule.SendWindow(
                _float_time(self.relance_call_start),
                _float_time(self.relance_call_end),
                frozenset(range(5)),
            )
        weekdays = range(6) if self.relance_send_saturday else range(5)
        return schedule.SendWindow(
            _float_time(self.relance_send_start),
            _float_time(self.relance_send_end),
            frozenset(weekdays),
        )

    def _relance_tz(self):
        """Time zone of the company's reminders: its own, Nouméa by default."""
        self.ensure_one()
        return self.partner_id.tz or const.DEFAULT_TZ

    def _relance_local_date(self, moment):
        """Day of ``moment`` (naive UTC) in the company's time zone."""
        return schedule.to_local(moment, self._relance_tz()).date()

    def _relance_today(self):
        """Today in the company's time zone."""
        return self._relance_local_date(fields.Datetime.now())

    def _relance_next_allowed(self, moment, channel):
        """First UTC time at or after ``moment`` (naive UTC) when ``channel`` may
        reach customers: no night, no closed weekday, no holiday."""
        tz = self._relance_tz()
        local = schedule.to_local(moment, tz)
        holidays = self._relance_holidays({local.year, local.year + 1})
        allowed = schedule.next_allowed(
            local.replace(microsecond=0), self._relance_window(channel), holidays
        )
        return schedule.to_utc(allowed, tz)

    # ------------------------------------------------------------
    # DEMO DATA
    # ------------------------------------------------------------

    @api.model
    def _relance_load_demo(self):
        """Create the demo creditor (New Caledonia, XPF, Pacific/Noumea) with its
        customers, overdue invoices and a registry extract, and log the admin in it.

        Done in Python because the company needs its chart of accounts loaded
        before invoices can be posted.
        """
        company = self._relance_demo_company()
        partners = self._relance_demo_partners(company)
        self._relance_demo_invoices(company, partners)
        self._relance_demo_registry()
        admin = self.env.ref("base.user_admin")
        admin_vals = {
            "company_ids": [Command.link(company.id)],
            "company_id": company.id,
            "tz": "Pacific/Noumea",
        }
        if self.env["res.lang"]._lang_get("fr_FR"):
            admin_vals["lang"] = "fr_FR"
        admin.write(admin_vals)

    @api.model
    def _relance_demo_company(self):
        self.env.ref("base.XPF").active = True
        company = self.create(
            {
                "name": "Nouméa Fournitures SARL",
                "street": "12 rue de Sébastopol",
                "zip": "98800",
                "city": "Nouméa",
                "country_id": self.env.ref("base.nc").id,
                "currency_id": self.env.ref("base.XPF").id,
                "phone": "+687 27 12 34",
                "email": "compta@noumea-fournitures.example.nc",
                "ridet": "0123455001",
            }
        )
        company.partner_id.tz = "Pacific/Noumea"
        # generic_coa is the chart Odoo picks for New Caledonia; it makes the
        # company fiscally American, which the demo corrects before any entry.
        # _load, not try_loading: the latter warns while modules are installing.
        self.env["account.chart.template"]._load("generic_coa", company, False)
        company.write(
            {
                "currency_id": self.env.ref("base.XPF").id,
                "account_fiscal_country_id": self.env.ref("base.nc").id,
            }
        )
        return company

    @api.model
    def _relance_demo_partners(self, company):
        nc, pf = self.env.ref("base.nc"), self.env.ref("base.pf")
        common = {"is_company": True, "customer_rank": 1, "company_id": company.id}
        specs = [
            ("Boulangerie du Caillou", "0456780001", "Nouméa", nc, "75 12 34"),
            ("Transports Kanak Express", "1010107", "Dumbéa", nc, "27 45 67"),
            ("Pharmacie de l'Anse Vata", "1133552002", "Nouméa", nc, "87 65 43"),
            ("Garage du Mont-Dore", "0987651001", "Mont-Dore", nc, "401234"),
            ("Société Minière du Nord", "1200013001", "Koné", nc, "79 11 22"),
            # checksum warning: probably mistyped
            ("Restaurant Le Lagon", "0777772001", "Nouméa", nc, "78 90 12"),
            ("Épicerie de Païta", False, "Païta", nc, "74 33 21"),
            ("Pension Fare Ura", False, "Papeete", pf, "87 12 34 56"),
        ]
        partners = self.env["res.partner"].create(
            [
                dict(
                    common,
                    name=name,
                    ridet=ridet,
                    city=city,
                    zip="98800" if country == nc else "98714",
                    country_id=country.id,
                    phone=phone,
                    email=f"contact@{name.split()[0].lower()}.example.nc",
                    lang="fr_FR",
                )
                for name, ridet, city, country, phone in specs
            ]
        )
        partners[-1].tahiti = "F95709-001"
        return partners

    @api.model
    def _relance_demo_invoices(self, company, partners):
        today = fields.Date.context_today(self)
        moves = self.env["account.move"].with_company(company)
        amounts = [125000, 48500, 310000, 15750, 980000, 62300, 7200, 214000]
        ages = [5, 20, 40, 70, 100, 130, 12, 45]
        vals_list = []
        for partner, amount, age in zip(partners, amounts, ages, strict=True):
            for part, days in ((1.0, age), (0.4, age // 2)):
                due = today - timedelta(days=days)
                vals_list.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": due - timedelta(days=30),
                        "invoice_date_due": due,
                        "currency_id": company.currency_id.id,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Fournitures de bureau",
                                    "quantity": 1,
                                    "price_unit": round(amount * part),
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
        moves.create(vals_list).action_post()

    @api.model
    def _relance_demo_registry(self):
        """A small registry extract, so that the customer check has findings."""
        with file_open("relance_nc/demo/ridet_etablissements_demo.csv", "rb") as file:
            self.env["relance.registry.import"]._import_file(
                file.read(), "ridet_etablissements_demo.csv", complete=False
            )


def _float_time(hour):
    """``time`` of a float hour as Odoo's float_time widget stores it."""
    minutes = round(hour * 60)
    return time(min(minutes // 60, 23), minutes % 60)

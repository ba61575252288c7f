# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

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


def _float_time(hour):
    """``time`` of a float hour as Odoo's float_time widget stores it."""
    minutes = round(hour * 60)
    return time(min(minutes // 60, 23), minutes % 60)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dataclasses import dataclass

from odoo import api, models


@dataclass(frozen=True)
class Channel:
    """Declaration of a reminder channel (see readme/DEVELOP.md).

    ``level_field``: Boolean of ``relance.level``, the level uses the channel;
    ``requires``: what the recipient needs (``email``, ``mobile``, ``phone``,
    ``address``: ``relance.action._get_missing_<requires>`` tells what is
    missing), or None; ``optout_field``: Boolean of ``res.partner``, the
    customer refuses the channel; ``cost_field``: Monetary of ``res.company``,
    the cost of one action on the channel.
    """

    code: str
    label: str
    level_field: str
    requires: str | None = None
    optout_field: str | None = None
    cost_field: str | None = None

    @classmethod
    def declare(cls, code, label, requires=None, optout=None):
        """The channel named by the conventions: level field ``use_<code>``,
        company cost ``relance_cost_<code>``, partner opt-out
        ``relance_optout_<optout>`` (none when ``optout`` is None)."""
        return cls(
            code,
            label,
            f"use_{code}",
            requires=requires,
            optout_field=optout and f"relance_optout_{optout}",
            cost_field=f"relance_cost_{code}",
        )


class RelanceAction(models.Model):
    """The channel registry: which channels exist, what each one needs, and
    which ones the execution cron sends (those with an ``_execute_<code>``)."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _get_channel_registry(self):
        """The channels, in the order a level executes them: ``{code: Channel}``.

        An add-on adds a channel by extending this method through ``super()``
        (one :class:`Channel` entry, its level field) and by defining
        ``_execute_<code>`` in its own files; the execution cron then sends
        it. A channel without an executor is handled by hand (marked done).
        """
        env = self.env
        # code, label, what the recipient needs, opt-out (relance_optout_<x>)
        channels = [
            Channel.declare("email", env._("Email"), "email", "email"),
            Channel.declare("sms", env._("SMS"), "mobile", "sms"),
            Channel.declare("letter", env._("Letter"), "address", "letter"),
            Channel.declare(
                "registered_letter",
                env._("Registered letter (LR AR)"),
                "address",
                "letter",
            ),
            Channel.declare("call", env._("Phone call"), "phone", "call"),
            Channel.declare("handover", env._("Hand-over to collection")),
        ]
        return {channel.code: channel for channel in channels}

    @api.model
    def _selection_channel(self):
        return [
            (channel.code, channel.label)
            for channel in self._get_channel_registry().values()
        ]

    @api.model
    def _get_optout_fields(self):
        """The customer's opt-out fields of the channels (``res.partner``)."""
        return sorted(
            {
                channel.optout_field
                for channel in self._get_channel_registry().values()
                if channel.optout_field
            }
        )

    @api.model
    def _get_executed_channels(self):
        """Codes of the channels the execution cron sends: those with an
        executor ``_execute_<code>``."""
        return [
            code
            for code in self._get_channel_registry()
            if callable(getattr(self, f"_execute_{code}", None))
        ]

    @api.model
    def _missing_info_for(self, channel, contact, registry=None):
        """Translated description of what ``channel`` needs and ``contact``
        lacks, or an empty string. ``registry``: the channel registry when
        the caller already has it."""
        if registry is None:
            registry = self._get_channel_registry()
        spec = registry.get(channel)
        if not spec or not spec.requires:
            return ""
        return getattr(self, f"_get_missing_{spec.requires}")(contact)

    @api.model
    def _get_missing_email(self, contact):
        if not contact.email:
            return self.env._("No email address")
        if contact.relance_email_bounced:
            return self.env._("Email address bounced")
        return ""

    @api.model
    def _get_missing_mobile(self, contact):
        if contact.relance_phone_kind != "mobile":
            return self.env._("No valid mobile number")
        return ""

    @api.model
    def _get_missing_phone(self, contact):
        if contact.relance_phone_kind in (False, "invalid"):
            return self.env._("No valid phone number")
        return ""

    @api.model
    def _get_missing_address(self, contact):
        if not (contact.street and contact.city):
            return self.env._("Incomplete postal address")
        return ""

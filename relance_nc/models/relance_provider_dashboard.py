# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import api, models
from odoo.fields import Domain


class RelanceProviderDashboard(models.AbstractModel):
    """The provider's work queues across its clients.

    Each queue is a dict ``{"key", "name", "count", "action", "sequence"}``;
    option add-ons append theirs by overriding :meth:`_relance_queues` and
    calling super (contract: _notes/BACKOFFICE_CONTRACT.md).
    """

    _name = "relance.provider.dashboard"
    _description = "relance.nc Provider Dashboard"

    @api.model
    def _relance_hosted_companies(self):
        """Creditor companies hosted by the current provider companies."""
        clients = self.env["relance.client"].search(
            [("hosted_company_id", "!=", False), ("state", "=", "active")]
        )
        return clients.hosted_company_id

    @api.model
    def _relance_queue_client_field(self, model):
        """The field of ``model`` that names the client of a record, which
        the queue's list is grouped by: ``client_id`` when the model has it,
        else its company (a hosted creditor is a client); none for the
        clients themselves."""
        fields_ = self.env[model]._fields
        if model == "relance.client":
            return None
        if "client_id" in fields_:
            return "client_id"
        return "company_id" if "company_id" in fields_ else None

    @api.model
    def _relance_queue(self, key, name, model, domain, sequence=10, **action):
        """A queue counting ``model`` records matching ``domain``; its list
        opens grouped by client unless ``action`` gives its own context."""
        client_field = self._relance_queue_client_field(model)
        if client_field and "context" not in action:
            action["context"] = {"group_by": [client_field]}
        return {
            "key": key,
            "name": name,
            "sequence": sequence,
            "count": self.env[model].search_count(domain),
            "action": dict(
                {
                    "type": "ir.actions.act_window",
                    "name": name,
                    "res_model": model,
                    "views": [(False, "list"), (False, "form")],
                    "domain": list(domain),
                },
                **action,
            ),
        }

    @api.model
    def _relance_queues(self):
        """The queues of today (provider's time zone), sorted by sequence."""
        companies = self._relance_hosted_companies()
        company = self.env.company
        today = company._relance_today()
        tz_end = datetime.combine(
            today + timedelta(days=1), time.min, ZoneInfo(company._relance_tz())
        )
        end_utc = tz_end.astimezone(UTC).replace(tzinfo=None)
        action_domain = Domain("company_id", "in", companies.ids)
        return [
            self._relance_queue(
                "calls",
                self.env._("Calls to make today"),
                "relance.action",
                action_domain
                & Domain("channel", "=", "call")
                & Domain("state", "=", "scheduled")
                & Domain("scheduled_at", "<", end_utc),
                sequence=20,
            ),
            self._relance_queue(
                "failed",
                self.env._("Failed sends"),
                "relance.action",
                action_domain & Domain("state", "=", "failed"),
                sequence=40,
            ),
            self._relance_queue(
                "mandate",
                self.env._("Clients without valid mandate or bank account"),
                "relance.client",
                Domain("state", "=", "active")
                & (
                    Domain("has_valid_mandate", "=", False)
                    | Domain("payout_bank_id", "=", False)
                ),
                sequence=50,
            ),
        ]

    @api.model
    def action_open_dashboard(self):
        """Refresh the queue cards and open them."""
        queues = sorted(self._relance_queues(), key=lambda q: q.get("sequence", 10))
        cards = self.env["relance.provider.queue"].create(
            [
                {
                    "key": queue["key"],
                    "name": queue["name"],
                    "count": queue["count"],
                    "sequence": index,
                    "action_data": queue["action"],
                }
                for index, queue in enumerate(queues)
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Today's Work"),
            "res_model": "relance.provider.queue",
            "views": [(False, "kanban")],
            "domain": [("id", "in", cards.ids)],
            "context": {"create": False},
        }

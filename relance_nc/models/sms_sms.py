# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.sql_db import Cursor

from .. import const

# Progress of an SMS: a delivery report never moves it backwards, and the
# final states (delivered, error, cancelled) are not changed by later reports.
_STATE_RANK = {"outgoing": 0, "process": 1, "pending": 2, "sent": 3, "error": 3}


class SmsSms(models.Model):
    _inherit = "sms.sms"

    relance_action_id = fields.Many2one(
        "relance.action", index="btree_not_null", ondelete="set null"
    )
    relance_provider_ref = fields.Char(
        string="Gateway Reference", readonly=True, copy=False
    )
    relance_error = fields.Char(string="Gateway Error", readonly=True, copy=False)

    # ------------------------------------------------------------
    # SENDING (the sms_twilio way)
    # ------------------------------------------------------------

    def _get_sms_company(self):
        return self.relance_action_id.company_id or super()._get_sms_company()

    def _split_by_api(self):
        """Send the SMS of companies using the HTTP gateway through it, the
        others through the next provider (IAP by default)."""
        todo_via_super = self.browse()
        for company, company_sms in self.grouped(
            lambda sms: sms._get_sms_company()
        ).items():
            if company.relance_sms_provider == "http":
                sms_api = company._get_sms_api_class()(self.env)
                sms_api._set_company(company)
                yield sms_api, company_sms
            else:
                todo_via_super |= company_sms
        if todo_via_super:
            yield from super(SmsSms, todo_via_super)._split_by_api()

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """The queue cron sends a batch of any companies without an API: split
        it per provider, as :meth:`send` does, instead of assuming one company."""
        if self.env.context.get("sms_api"):
            return super()._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )
        for sms_api, batch in self._split_by_api():
            super(SmsSms, batch.with_context(sms_api=sms_api))._send(
                unlink_failed=unlink_failed,
                unlink_sent=unlink_sent,
                raise_exception=raise_exception,
            )

    def _handle_call_result_hook(self, results):
        """Keep the gateway's reference and error: core stores neither, and
        our SMS stay to follow delivery reports."""
        by_uuid = self.grouped("uuid")
        for result in results:
            sms = by_uuid.get(result.get("uuid"))
            vals = {
                "relance_provider_ref": result.get("relance_provider_ref"),
                "relance_error": result.get("failure_reason"),
            }
            if sms and any(vals.values()):
                sms.write({key: value or False for key, value in vals.items()})
        return super()._handle_call_result_hook(results)

    # ------------------------------------------------------------
    # DELIVERY REPORTS
    # ------------------------------------------------------------

    def _relance_apply_report_locked(self, status, error=False, provider_ref=False):
        """Apply a delivery report to this SMS in a transaction of its own,
        committed before returning; return whether it changed anything.

        The reminder's row, then the SMS's, are locked first, in READ
        COMMITTED: a concurrent report of the same SMS (a gateway retry) or
        of another part of the same reminder waits for this one, then sees
        its outcome. Applied in the request's REPEATABLE READ transaction, it
        would fail to serialize, and Odoo would sleep up to 2 s before trying
        the whole request again.
        """
        self.ensure_one()
        if not self._relance_moves_forward(status):
            # A replay: the SMS only moves forward, so it cannot have moved
            # back since this transaction began either.
            return False
        with self.env.registry.cursor() as cr:
            # (A test cursor is a savepoint inside the test's transaction.)
            if isinstance(cr, Cursor):
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                """SELECT id FROM relance_action WHERE id = (
                       SELECT relance_action_id FROM sms_sms WHERE id = %s)
                   FOR UPDATE""",
                [self.id],
            )
            cr.execute("SELECT id FROM sms_sms WHERE id = %s FOR UPDATE", [self.id])
            sms = self.with_env(self.env(cr=cr))
            return sms._relance_apply_report(status, error, provider_ref)

    def _relance_apply_report(self, status, error=False, provider_ref=False):
        """Apply a delivery report of the HTTP gateway to this SMS, its tracker
        (chatter notification) and its reminder; return whether it changed
        anything. A report that does not move the SMS forward (a replay, a late
        "sent" after "delivered") changes nothing.
        """
        self.ensure_one()
        if not self._relance_moves_forward(status):
            return False
        state = const.SMS_REPORT_STATES[status]
        failure_type = False
        if state == "error":
            failure_type = const.SMS_GATEWAY_ERRORS.get(error, "unknown")
            self.sms_tracker_id.with_context(
                sms_known_failure_reason=error or False
            )._action_update_from_provider_error(const.SMS_REPORT_ERRORS[status])
        else:
            self.sms_tracker_id._action_update_from_sms_state(state)
        vals = {"state": state, "failure_type": failure_type}
        if error:
            vals["relance_error"] = str(error)[:500]
        if provider_ref and not self.relance_provider_ref:
            vals["relance_provider_ref"] = str(provider_ref)[:100]
        self.write(vals)
        if self.relance_action_id:
            self.relance_action_id._apply_sms_report(self, status)
        return True

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _relance_moves_forward(self, status):
        """Whether a report ``status`` would move this SMS forward."""
        self.ensure_one()
        state = const.SMS_REPORT_STATES[status]
        return _STATE_RANK[state] > _STATE_RANK.get(self.state, 3)

    def _relance_is_spent(self):
        """Whether this SMS definitively failed, so that a new attempt needs a
        new key; a transport error (``sms_server``) may have reached the
        gateway and is sent again with the same key."""
        self.ensure_one()
        return self.state == "canceled" or (
            self.state == "error" and self.failure_type != "sms_server"
        )

    def _relance_get_error_message(self):
        """Why this SMS failed, as the gateway said or as core's failure type."""
        self.ensure_one()
        if self.relance_error:
            return self.relance_error
        labels = dict(self._fields["failure_type"]._description_selection(self.env))
        return self.env._(
            "The SMS provider refused the message: %(reason)s",
            reason=labels.get(self.failure_type, self.failure_type or "-"),
        )

    @api.model
    def _relance_report_label(self, status):
        """Translated label of a failed delivery report status."""
        return {
            "failed": self.env._("failed"),
            "expired": self.env._("expired"),
            "rejected": self.env._("rejected by the network"),
        }.get(status, status)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError

from ..tools import sms as sms_tools

# Channel -> (option code, service product xmlid) billed to the creditor's
# provider when the creditor is a hosted client. Letters are billed by
# relance_nc_edition (by kind and weight).
CHANNEL_SERVICES = {
    "email": ("email", "relance_nc.product_service_email"),
    "sms": ("sms", "relance_nc.product_service_sms"),
    "call": ("call", "relance_nc.product_service_call"),
}


class RelanceAction(models.Model):
    """Usage of the provider's services by the reminders of hosted clients."""

    _inherit = "relance.action"

    def _relance_clients_by_company(self):
        """{creditor company: its relance.client (sudo)} for ``self``'s
        companies that are hosted clients of a provider."""
        clients = (
            self.env["relance.client"]
            .sudo()
            .search(
                [
                    ("hosted_company_id", "in", self.company_id.ids),
                    ("state", "!=", "closed"),
                ]
            )
        )
        return {client.hosted_company_id: client for client in clients}

    def _relance_check_service(self):
        """Refuse a channel the creditor's client file does not subscribe."""
        self.ensure_one()
        service = CHANNEL_SERVICES.get(self.channel)
        client = self.company_id._relance_client()
        if service and client:
            client._check_option(service[0])

    def _execute_email(self):
        self._relance_check_service()
        return super()._execute_email()

    def _execute_sms(self):
        self._relance_check_service()
        return super()._execute_sms()

    def _execute_call(self):
        self._relance_check_service()
        return super()._execute_call()

    def _execute_email_batch(self):
        """Fail the emails of clients without the email option, batch the rest."""
        rest = self._relance_fail_unsubscribed("email")
        return super(RelanceAction, rest)._execute_email_batch()

    def _execute_sms_batch(self):
        """Fail the SMS of clients without the SMS option, batch the rest."""
        rest = self._relance_fail_unsubscribed("sms")
        return super(RelanceAction, rest)._execute_sms_batch()

    def _relance_fail_unsubscribed(self, option):
        """Fail the actions of clients whose file lacks ``option`` (one query
        for the batch); return the others."""
        clients = self._relance_clients_by_company()
        refused = self.browse()
        for action in self:
            client = clients.get(action.company_id)
            if client and not (
                client.state == "active"
                and client._has_option(option)
                and not client.credit_exceeded
            ):
                refused |= action
        for action in refused:
            try:
                action._relance_check_service()
            except UserError as err:
                action._set_failed(str(err))
        return self - refused

    def _set_done(self):
        res = super()._set_done()
        self._relance_record_usage()
        return res

    def _relance_record_usage(self):
        """One usage line per action done on a billed channel (the key is the
        action: a retried or re-closed action is not billed again)."""
        clients = self._relance_clients_by_company()
        if not clients:
            return
        vals_list = []
        for action in self:
            client = clients.get(action.company_id)
            service = CHANNEL_SERVICES.get(action.channel)
            if not client or not service:
                continue
            product = self.env.ref(service[1])
            vals_list.append(
                {
                    "client_id": client.id,
                    "product_id": product.id,
                    "quantity": action._relance_usage_quantity(),
                    "res_model": self._name,
                    "res_id": action.id,
                    "event_key": f"relance.action:{action.id}:{action.channel}",
                    "date": self._company_today(action.company_id),
                }
            )
        self.env["relance.usage.line"].sudo()._relance_record_many(vals_list)

    def _relance_usage_quantity(self):
        """Units billed for this action: SMS are billed per message sent."""
        self.ensure_one()
        if self.channel == "sms" and self.body_text:
            return len(sms_tools.split_sms(self.body_text))
        return 1.0

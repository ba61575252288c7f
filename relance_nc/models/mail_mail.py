# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _relance_attach(self, files):
        """Attach ``files`` (``[(name, base64 data)]``) to the email and its
        message, as core ``mail.template.send_mail_batch`` attaches reports."""
        self.ensure_one()
        self.with_context(default_type=None).write(
            {
                "attachment_ids": [
                    fields.Command.create(
                        {
                            "name": name,
                            "datas": datas,
                            "type": "binary",
                            "res_model": "mail.message",
                            "res_id": self.mail_message_id.id,
                        }
                    )
                    for name, datas in files
                ]
            }
        )

    def _postprocess_sent_message(
        self, success_pids, success_emails, failure_reason=False, failure_type=None
    ):
        """Report the outcome of reminder emails on their actions: a refused
        email fails its action (retryable) instead of vanishing."""
        actions = (
            self.env["relance.action"].sudo().search([("mail_id", "in", self.ids)])
        )
        if actions:
            if failure_type:
                actions._set_failed(
                    failure_reason
                    or self.env._(
                        "The mail server refused the email (%(type)s).",
                        type=failure_type,
                    )
                )
            else:
                actions.write({"delivery_state": "sent"})
        return super()._postprocess_sent_message(
            success_pids, success_emails, failure_reason, failure_type
        )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from .. import const


class RelanceAction(models.Model):
    """Email channel: batch rendering, attachments, bounces."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    def _is_batch_email(self):
        """Emails without per-action attachments can be rendered in batch."""
        self.ensure_one()
        level = self.level_id
        return self.channel == "email" and not (
            level.attach_invoices or level.attach_statement
        )

    def _execute_email_batch(self):
        """Re-check, then render and queue the emails of ``self`` in batch.

        A rendering error falls back to one action at a time, so that only
        the faulty action fails.
        """
        now = fields.Datetime.now()
        allowed_by_company = {}
        ready = self.browse()
        for action in self:
            if not action._recheck():
                continue
            company = action.company_id
            if company not in allowed_by_company:
                allowed_by_company[company] = company._relance_next_allowed(
                    now, "email"
                )
            allowed = allowed_by_company[company]
            if allowed > now:
                action.scheduled_at = allowed
            elif not action.contact_id.email:
                action._set_failed(action._get_missing_info())
            else:
                ready |= action
        templates = {level: level._get_template("email") for level in ready.level_id}
        self.env.cr.cache[const.FORMAT_MEMO_KEY] = {}
        try:
            for template, actions in ready.grouped(
                lambda a: templates[a.level_id]
            ).items():
                try:
                    with self.env.cr.savepoint():
                        mails = actions._queue_emails(template)
                except UserError:
                    for action in actions:
                        action._execute()
                    continue
                actions._record_emails(mails)
        finally:
            self.env.cr.cache.pop(const.FORMAT_MEMO_KEY, None)

    def _queue_emails(self, template):
        """Render ``template`` on the actions and queue one ``mail.mail``
        each (not sent): core ``mail.template.send_mail_batch``, except that
        the message logged in the action's chatter holds the reminder's text,
        as a ``message_post`` would, while the email itself is wrapped in the
        light notification layout.

        The layout (tables and inline styles) would otherwise be stored in
        the chatter too, and the chatter's sanitizer, which walks every tag,
        made up a fifth of the time of a reminder email
        (tests/benchmarks/bench_reminders.py, ``--profile``).
        """
        template = template.with_context(relance_reuse_compiled_qweb=True)
        template._send_check_access(self.ids)
        values_by_id = template._generate_template(
            self.ids,
            (
                "attachment_ids",
                "auto_delete",
                "body_html",
                "email_cc",
                "email_from",
                "email_to",
                "mail_server_id",
                "model",
                "partner_to",
                "reply_to",
                "report_template_ids",
                "res_id",
                "scheduled_date",
                "subject",
            ),
        )
        langs = template._render_lang(self.ids) if template.lang else {}
        companies = self._mail_get_companies(default=self.env.company)
        model_description = {}
        values_list, reports = [], []
        for action in self:
            values = values_by_id[action.id]
            values["recipient_ids"] = [
                fields.Command.link(pid) for pid in values.pop("partner_ids", [])
            ]
            values["attachment_ids"] = [
                fields.Command.link(aid) for aid in values.get("attachment_ids") or []
            ]
            reports.append(values.pop("attachments", []))
            if "email_from" in values and not values["email_from"]:
                values.pop("email_from")
            lang = langs.get(action.id) or self.env.lang
            if lang not in model_description:
                model_description[lang] = (
                    self.env["ir.model"]._get(self._name).with_context(lang=lang)
                ).display_name
            values["body"] = values["body_html"]
            values["body_html"] = template.with_context(lang=lang)._render_encapsulate(
                "mail.mail_notification_light",
                values["body_html"],
                add_context={
                    "company": companies.get(action.id) or self.env.company,
                    "model_description": model_description[lang],
                },
                context_record=action.with_context(lang=lang),
            )
            values_list.append(values)
        mails = self.env["mail.mail"].sudo().create(values_list)
        # reports of the template, attached after creation as core does
        for mail, attachments in zip(mails, reports, strict=True):
            if attachments:
                mail.with_context(default_type=None).write(
                    {
                        "attachment_ids": [
                            fields.Command.create(
                                {
                                    "name": name,
                                    "datas": datas,
                                    "type": "binary",
                                    "res_model": "mail.message",
                                    "res_id": mail.mail_message_id.id,
                                }
                            )
                            for name, datas in attachments
                        ]
                    }
                )
        return mails

    def _record_emails(self, mails):
        """Link the queued ``mails`` to their actions and mark these done.

        The email itself is logged in the action's chatter: no tracking
        message on top of it.
        """
        actions = self.with_context(mail_notrack=True)
        by_action = {mail.res_id: mail for mail in mails}
        for action in actions:
            action.write(action._get_email_vals(by_action[action.id]))
        actions._set_done()

    def _get_email_vals(self, mail):
        return {
            "mail_id": mail.id,
            "email_message_id": mail.mail_message_id.id,
            "subject": mail.subject,
            "recipient": self.contact_id.email,
            "delivery_state": "queued",
        }

    def _execute_email(self):
        template = self.level_id._get_template("email")
        if not self.contact_id.email:
            raise UserError(
                self.env._(
                    "%(customer)s has no email address.",
                    customer=self.contact_id.display_name,
                )
            )
        mail_id = template.send_mail(
            self.id,
            force_send=False,
            email_layout_xmlid="mail.mail_notification_light",
            email_values=self._prepare_email_values(),
        )
        self._record_emails(self.env["mail.mail"].browse(mail_id))

    def _prepare_email_values(self):
        """Extra values of the email: invoice PDFs and the account statement
        when the level asks (one document per rendering, see §10 of the notes)."""
        reports = self.env["ir.actions.report"]
        documents = []
        if self.level_id.attach_invoices:
            report = self.env.ref("account.account_invoices")
            documents += [
                (f"{move.name.replace('/', '_')}.pdf", report, move)
                for move in self.move_ids
            ]
        if self.level_id.attach_statement:
            report = self.env.ref("relance_nc.action_report_relance_statement")
            name = self.env._("Statement - %(customer)s", customer=self.partner_id.name)
            documents.append((f"{name}.pdf", report, self.partner_id))
        attachments = []
        for name, report, record in documents:
            content, __ = reports._render_qweb_pdf(report, record.ids)
            attachments.append((name, base64.b64encode(content)))
        return {"attachments": attachments} if attachments else {}

    def _message_receive_bounce(self, email, partner):
        """A reminder email bounced: mark the action and the contact, so that
        the next run lists the address as missing information."""
        self.write(
            {
                "delivery_state": "bounced",
                "error": self.env._("The email to %(email)s bounced.", email=email),
            }
        )
        contacts = partner or self.contact_id.filtered(
            lambda contact: contact.email_normalized == email
        )
        contacts.sudo().write({"relance_email_bounced": True})
        return super()._message_receive_bounce(email, partner)

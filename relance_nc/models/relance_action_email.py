# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import const
from .mail_template import EMAIL_LAYOUT, email_preview


class RelanceAction(models.Model):
    """Email channel: batch rendering, attachments, bounces."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    body_html = fields.Text(
        string="Email Body",
        readonly=True,
        copy=False,
        help="The reminder email as rendered when it was queued, without the "
        "notification layout around it.",
    )
    body = fields.Html(
        string="Content",
        compute="_compute_body",
        sanitize_style=True,
        help="Content of the email, as rendered when it was queued.",
    )

    @api.depends("body_html", "email_message_id.body")
    def _compute_body(self):
        """The email as rendered, sanitized when shown (as core's
        ``mail.mail.body_content``): storing it raw spares the sanitizer's
        walk of every tag for each email sent. Reminders emailed before the
        chatter kept a summary show the chatter's copy."""
        for action in self:
            action.body = action.body_html or action.email_message_id.body

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
        self._prefetch_recheck()
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
        # what the emails of the batch share or read together (see
        # _get_due_lines_html)
        self.env.cr.cache[const.FORMAT_MEMO_KEY] = {"lines": ready._read_due_lines()}
        try:
            for template, actions in ready.grouped(
                lambda a: templates[a.level_id]
            ).items():
                try:
                    with self.env.cr.savepoint():
                        queued = actions._queue_emails(template)
                except UserError:
                    for action in actions:
                        action._execute()
                    continue
                actions._record_emails(queued)
        finally:
            self.env.cr.cache.pop(const.FORMAT_MEMO_KEY, None)

    def _queue_emails(self, template, attachments=None):
        """Render ``template`` on the actions and queue one ``mail.mail``
        each (not sent), with the ``attachments`` given per action id
        (``[(name, base64 data)]``) besides the template's reports: core
        ``mail.template.send_mail_batch`` with the light notification layout,
        except for what the action's chatter keeps.

        The chatter logs a summary of the email (``_get_email_log_body``);
        the reminder itself is stored on the action (``body_html``, shown in
        its Content tab). The chatter's field is sanitized on write, a walk
        of every tag of the invoice table that made up a quarter of the time
        of a reminder email (tests/benchmarks/bench_reminders.py,
        ``--profile``).

        :return: ``{action id: (mail.mail, rendered body)}``
        """
        attachments = attachments or {}
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
        layouts = {}
        values_list, files, bodies = [], [], []
        for action in self:
            values = values_by_id[action.id]
            values["recipient_ids"] = [
                fields.Command.link(pid) for pid in values.pop("partner_ids", [])
            ]
            values["attachment_ids"] = [
                fields.Command.link(aid) for aid in values.get("attachment_ids") or []
            ]
            files.append(values.pop("attachments", []) + attachments.get(action.id, []))
            if "email_from" in values and not values["email_from"]:
                values.pop("email_from")
            lang = langs.get(action.id) or self.env.lang
            company = companies.get(action.id) or self.env.company
            if (company, lang) not in layouts:
                layouts[company, lang] = template.with_context(
                    lang=lang
                )._relance_render_layout(company)
            bodies.append(values["body_html"])
            values["body"] = action._get_email_log_body()
            values["body_html"] = action._wrap_email(
                template.with_context(lang=lang),
                values["body_html"],
                company,
                layouts[company, lang],
            )
            values_list.append(values)
        mails = self.env["mail.mail"].sudo().create(values_list)
        for mail, mail_files in zip(mails, files, strict=True):
            if mail_files:
                mail._relance_attach(mail_files)
        return {
            mail.res_id: (mail, body) for mail, body in zip(mails, bodies, strict=True)
        }

    def _wrap_email(self, template, body, company, layout):
        """``body`` in the light notification layout: the ``layout`` shared
        by the emails of one company and language (see
        ``mail.template._relance_render_layout``), or rendered for this email
        when it cannot be shared."""
        self.ensure_one()
        if layout:
            return layout.fill(
                body=body,
                preview=escape(email_preview(body)),
                name=escape((self.display_name or "").replace("/", "-")),
            )
        # the preview of the shared layout: the cells of the table apart
        message = (
            template.env["mail.message"]
            .sudo()
            .new(
                {
                    "body": body,
                    "model": self._name,
                    "res_id": self.id,
                    "preview": email_preview(body),
                }
            )
        )
        return template._render_encapsulate(
            EMAIL_LAYOUT,
            body,
            add_context={
                "company": company,
                "message": message,
                "model_description": template.env["ir.model"]
                ._get(self._name)
                .display_name,
            },
            context_record=self.with_env(template.env),
        )

    def _get_email_log_body(self):
        """What the action's chatter keeps of its email: the amount and the
        invoices claimed; the email itself is in the Content tab."""
        self.ensure_one()
        return Markup("<p>%s</p>") % self.env._(
            "Reminder emailed to %(email)s: %(amount)s claimed, invoices "
            "%(invoices)s. The email as sent is in the Content tab.",
            email=self.contact_id.email,
            amount=self._get_amount_formatter()(self.amount_overdue),
            invoices=", ".join(
                dict.fromkeys(line["name"] for line in self._get_due_lines_info())
            ),
        )

    def _record_emails(self, queued):
        """Link the ``queued`` emails (see ``_queue_emails``) to their actions
        and mark these done.

        The email itself is logged in the action's chatter: no tracking
        message on top of it.
        """
        actions = self.with_context(mail_notrack=True)
        for action in actions:
            action.write(action._get_email_vals(*queued[action.id]))
        actions._set_done()

    def _get_email_vals(self, mail, body):
        return {
            "mail_id": mail.id,
            "email_message_id": mail.mail_message_id.id,
            "subject": mail.subject,
            "body_html": body,
            "recipient": self.contact_id.email,
            "delivery_state": "queued",
        }

    def _execute_email(self):
        """Send one email, with the documents the level attaches."""
        template = self.level_id._get_template("email")
        if not self.contact_id.email:
            raise UserError(
                self.env._(
                    "%(customer)s has no email address.",
                    customer=self.contact_id.display_name,
                )
            )
        files = self._prepare_email_values().get("attachments", [])
        self._record_emails(self._queue_emails(template, {self.id: files}))

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

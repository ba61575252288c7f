# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from ..tools import sms as sms_tools


class RelanceAction(models.Model):
    """SMS channel: split, idempotency keys, delivery reports."""

    _inherit = "relance.action"  # pylint: disable=consider-merging-classes-inherited

    def _execute_sms(self):
        """Send the SMS, split into separate messages of 160 units (70 when a
        character is outside GSM), through the company's SMS provider.

        A part refused or lost in transport leaves the action failed with the
        reason; the SMS records stay, so that a retry sends the same keys
        again (see :meth:`_get_sms_records`).
        """
        contact = self._get_sms_contact()
        self._send_sms_texts({self: (contact, self._render_sms_text())})

    def _execute_sms_batch(self):
        """Re-check, then render and send the SMS of ``self`` together: one
        request to the gateway for the whole batch (the protocol takes a list
        of messages), instead of one per action.

        Each message keeps its own idempotency key (:meth:`_get_sms_key`), so
        a batch sent again after a crash before its commit is not delivered
        twice; an action that cannot be sent (no mobile, rendering error)
        fails alone, retryable.
        """
        now = fields.Datetime.now()
        allowed_by_company = {}
        contacts = {}
        self._prefetch_recheck()
        for action in self:
            if not action._recheck():
                continue
            company = action.company_id
            if company not in allowed_by_company:
                allowed_by_company[company] = company._relance_next_allowed(now, "sms")
            if allowed_by_company[company] > now:
                action.scheduled_at = allowed_by_company[company]
                continue
            try:
                contacts[action] = action._get_sms_contact()
            except UserError as err:
                action._set_failed(str(err))
        ready = self.browse().union(*contacts)
        try:
            with self.env.cr.savepoint():
                texts = ready._render_sms_texts()
        except UserError:
            for action in ready:  # find the faulty one
                action._execute()
            return
        if texts:
            self._send_sms_texts(
                {action: (contacts[action], text) for action, text in texts.items()}
            )

    def _get_sms_contact(self):
        """The contact the SMS goes to, or UserError when it cannot be sent
        (an add-on adds its own checks here)."""
        self.ensure_one()
        contact = self.contact_id or self.partner_id
        if contact.relance_phone_kind != "mobile":
            raise UserError(
                self.env._(
                    "%(customer)s has no valid mobile number: SMS only go to mobiles.",
                    customer=contact.display_name,
                )
            )
        return contact

    @api.model
    def _send_sms_texts(self, texts):
        """Send ``{action: (contact, text)}`` in one ``sms.sms.send()`` (one
        gateway request per 500 messages, core's batch) and record each
        action's outcome: done with its cost, or failed with the reason."""
        parts_by_action = {
            action: sms_tools.split_sms(text) for action, (__, text) in texts.items()
        }
        messages_by_action = self._get_sms_records_many(
            {
                action: (contact, parts_by_action[action])
                for action, (contact, __) in texts.items()
            }
        )
        self.env["sms.sms"].sudo().union(*messages_by_action.values()).send(
            unlink_failed=False, unlink_sent=False, raise_exception=False
        )
        done = self.browse().with_context(mail_notrack=True)
        # the SMS is logged below, one message per action: no tracking
        # message on top of it (the email channel does the same)
        texts = {
            action.with_context(mail_notrack=True): vals
            for action, vals in texts.items()
        }
        for action, (contact, text) in texts.items():
            messages = messages_by_action[action]
            refs = [ref for ref in messages.mapped("relance_provider_ref") if ref]
            vals = {
                "recipient": contact.relance_phone_e164,
                "provider_ref": ", ".join(refs) or False,
            }
            failed = messages.filtered(lambda sms: sms.state == "error")
            if failed:
                action.write(vals)
                action._set_failed(failed[0]._relance_get_error_message())
                continue
            parts = parts_by_action[action]
            action.write(
                dict(
                    vals,
                    body_text=text,
                    delivery_state="sent",
                    cost=action.level_id.fee
                    + len(parts) * action.company_id.relance_cost_sms,
                )
            )
            done |= action
        done._set_done()
        done._message_log_batch(
            {
                action.id: Markup("%s<br/>%s")
                % (
                    self.env._("SMS sent to %(number)s", number=action.recipient),
                    action.body_text,
                )
                for action in done
            }
        )

    def _get_sms_records(self, contact, parts):
        """The ``sms.sms`` of each part of the text, in order.

        The uuid of a part, the gateway's idempotency key, derives from the
        action, the number, the part and an attempt number. A part whose
        earlier SMS is queued, accepted or lost in transport (``sms_server``)
        reuses it, so a retry or a run after a crash sends the same key and
        the gateway does not deliver it twice; after a definitive failure
        (refused number, no credit, not delivered) the next attempt gets a
        new key.
        """
        self.ensure_one()
        return self._get_sms_records_many({self: (contact, parts)})[self]

    @api.model
    def _get_sms_records_many(self, todo):
        """:meth:`_get_sms_records` of several actions, ``{action: (contact,
        parts)}`` → ``{action: sms.sms}``, with one search and one create."""
        sms_model = self.env["sms.sms"].sudo()
        action_ids = [action.id for action in todo]
        by_uuid = sms_model.search([("relance_action_id", "in", action_ids)]).grouped(
            "uuid"
        )
        slots_by_action = {}
        to_create = []
        for action, (contact, parts) in todo.items():
            number = contact.relance_phone_e164
            slots = []
            for index, part in enumerate(parts):
                attempt = 0
                while True:
                    key = action._get_sms_key(number, index, part, attempt)
                    sms = by_uuid.get(key)
                    if not sms or not sms._relance_is_spent():
                        break
                    attempt += 1
                if not sms:
                    sms = {
                        "uuid": key,
                        "number": number,
                        "body": part,
                        "partner_id": contact.id,
                        "relance_action_id": action.id,
                    }
                    to_create.append(sms)
                slots.append(sms)
            slots_by_action[action] = slots
        created = iter(sms_model.create(to_create))
        result = {
            action: sms_model.union(
                *(next(created) if isinstance(s, dict) else s for s in slots)
            )
            for action, slots in slots_by_action.items()
        }
        sms_model.union(*result.values()).filtered(
            lambda sms: sms.state == "error"
        ).write({"state": "outgoing", "failure_type": False, "relance_error": False})
        return result

    def _get_sms_key(self, number, index, part, attempt):
        """Deterministic uuid (32 hex digits, as core's) of one SMS part."""
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"relance.action:{self.uuid}")
        return uuid.uuid5(namespace, f"{attempt}:{index}:{number}:{part}").hex

    def _render_sms_text(self):
        """SMS text written in the composer, else from the level's template,
        transliterated to stay in GSM."""
        self.ensure_one()
        return self._render_sms_texts()[self]

    def _render_sms_texts(self):
        """:meth:`_render_sms_text` of each action, ``{action: text}``: one
        rendering per template for the whole batch."""
        texts = {}
        custom = self.filtered(lambda a: a.sms_text_custom and a.body_text)
        for action in custom:
            texts[action] = action.body_text
        templates = {level: level._get_template("sms") for level in self.level_id}
        for template, actions in (
            (self - custom).grouped(lambda a: templates[a.level_id]).items()
        ):
            bodies = template._render_field("body", actions.ids, compute_lang=True)
            for action in actions:
                texts[action] = sms_tools.transliterate(bodies[action.id] or "")
        return {action: texts[action] for action in self}

    def _apply_sms_report(self, sms, status):
        """Follow the delivery report ``status`` of one of the action's SMS.

        Delivered when all its parts are; a part not delivered fails the
        action (retryable) and is noted on the contact, never dropped.
        """
        self.ensure_one()
        if sms.state == "sent":
            parts = (
                self.env["sms.sms"]
                .sudo()
                .search(
                    [
                        ("relance_action_id", "=", self.id),
                        ("state", "in", ("pending", "sent")),
                    ]
                )
            )
            if self.state == "done" and all(p.state == "sent" for p in parts):
                self.delivery_state = "delivered"
            return
        if sms.state != "error":
            return
        error = self.env._(
            "SMS to %(number)s not delivered (%(status)s): %(error)s",
            number=sms.number,
            status=sms._relance_report_label(status),
            error=sms.relance_error or "-",
        )
        if self.state == "done":
            self._set_failed(error)
        else:
            self._message_log(body=error)
        # A note in the chatter, notifying nobody: logged, not posted (a
        # post computes recipients and reply-to for every report).
        contact = self.contact_id or self.partner_id
        contact._message_log(
            body=self.env._(
                "Reminder SMS failed: %(error)s (%(action)s)",
                error=error,
                action=self.display_name,
            )
        )

    def _get_sms_amount(self):
        """Overdue amount for an SMS: plain spaces, so that it stays in GSM."""
        self.ensure_one()
        amount = format_amount(self.env, self.amount_overdue, self.currency_id)
        return " ".join(sms_tools.transliterate(amount).split())

    def _get_sms_due_date(self):
        """Earliest due date of the invoices listed, in the recipient's format."""
        self.ensure_one()
        dates = self.move_line_ids.mapped("date_maturity")
        return format_date(self.env, min(dates)) if dates else ""

    def _get_sms_notice_deadline(self):
        self.ensure_one()
        return format_date(self.env, self._get_notice_deadline())

    def _get_sms_payment_suffix(self):
        link = self._get_payment_link()
        return self.env._(" Pay online: %(link)s", link=link) if link else ""

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import uuid

from odoo import models
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
        contact = self.contact_id or self.partner_id
        if contact.relance_phone_kind != "mobile":
            raise UserError(
                self.env._(
                    "%(customer)s has no valid mobile number: SMS only go to mobiles.",
                    customer=contact.display_name,
                )
            )
        text = self._render_sms_text()
        parts = sms_tools.split_sms(text)
        messages = self._get_sms_records(contact, parts)
        messages.send(unlink_failed=False, unlink_sent=False, raise_exception=False)
        refs = messages.filtered("relance_provider_ref").mapped("relance_provider_ref")
        vals = {
            "recipient": contact.relance_phone_e164,
            "provider_ref": ", ".join(refs) or False,
        }
        failed = messages.filtered(lambda sms: sms.state == "error")
        if failed:
            self.write(vals)
            self._set_failed(failed[0]._relance_get_error_message())
            return
        self.write(
            dict(
                vals,
                body_text=text,
                delivery_state="sent",
                cost=self.level_id.fee + len(parts) * self.company_id.relance_cost_sms,
            )
        )
        self._set_done()

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
        number = contact.relance_phone_e164
        sms_model = self.env["sms.sms"].sudo()
        existing = sms_model.search([("relance_action_id", "=", self.id)])
        by_uuid = existing.grouped("uuid")
        slots = []
        for index, part in enumerate(parts):
            attempt = 0
            while True:
                key = self._get_sms_key(number, index, part, attempt)
                sms = by_uuid.get(key)
                if not sms or not sms._relance_is_spent():
                    break
                attempt += 1
            slots.append(
                sms
                or {
                    "uuid": key,
                    "number": number,
                    "body": part,
                    "partner_id": contact.id,
                    "relance_action_id": self.id,
                }
            )
        created = iter(sms_model.create([s for s in slots if isinstance(s, dict)]))
        messages = sms_model.union(
            *(next(created) if isinstance(s, dict) else s for s in slots)
        )
        messages.filtered(lambda sms: sms.state == "error").write(
            {"state": "outgoing", "failure_type": False, "relance_error": False}
        )
        return messages

    def _get_sms_key(self, number, index, part, attempt):
        """Deterministic uuid (32 hex digits, as core's) of one SMS part."""
        namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"relance.action:{self.uuid}")
        return uuid.uuid5(namespace, f"{attempt}:{index}:{number}:{part}").hex

    def _render_sms_text(self):
        """SMS text written in the composer, else from the level's template,
        transliterated to stay in GSM."""
        if self.sms_text_custom and self.body_text:
            return self.body_text
        template = self.level_id._get_template("sms")
        text = template._render_field("body", self.ids, compute_lang=True)[self.id]
        return sms_tools.transliterate(text or "")

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

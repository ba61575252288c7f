# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import textwrap
from datetime import date

from markupsafe import Markup

from odoo.tests import freeze_time, tagged
from odoo.tools.mail import html_to_inner_content

from odoo.addons.relance_nc.models.mail_template import PREVIEW_LENGTH, email_preview

from .common import RelanceInvoiceCommon


@tagged("post_install", "-at_install")
class TestMoveLevel(RelanceInvoiceCommon):
    """The reminder level of invoices, kept in relance.move.level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.customer, 125000, date(2026, 9, 1), date(2026, 10, 1)
        )
        cls.other = cls._invoice(
            cls.customer, 48500, date(2026, 10, 1), date(2026, 11, 30)
        )

    def _write_date(self, move):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT write_date FROM account_move WHERE id = %s", [move.id]
        )
        return self.env.cr.fetchone()[0]

    @freeze_time("2026-10-08 01:00")  # 12:00 in Nouméa
    def test_sending_a_reminder_writes_no_invoice(self):
        action = self._plan(date(2026, 10, 8)).filtered(lambda a: a.channel == "email")
        before = self._write_date(self.invoice)
        action._execute()
        self.assertEqual(action.state, "done")
        self.assertEqual(self._write_date(self.invoice), before)
        self.assertEqual(self.invoice.relance_level_id, action.level_id)
        self.assertEqual(self.invoice.relance_last_date, date(2026, 10, 8))
        state = self.env["relance.move.level"].search(
            [("move_id", "=", self.invoice.id)]
        )
        self.assertRecordValues(
            state,
            [
                {
                    "company_id": self.company.id,
                    "level_id": action.level_id.id,
                    "last_date": date(2026, 10, 8),
                }
            ],
        )
        self.assertFalse(self.other.relance_level_id)

    def test_invoices_are_searched_and_grouped_by_level(self):
        first, second = self.levels[1:3]
        self.invoice.relance_level_id = second
        self.invoice.relance_last_date = date(2026, 10, 8)
        moves = self.env["account.move"]
        mine = [("id", "in", (self.invoice | self.other).ids)]
        self.assertEqual(
            moves.search(mine + [("relance_level_id", "=", second.id)]), self.invoice
        )
        self.assertEqual(
            moves.search(mine + [("relance_level_id", "=", False)]), self.other
        )
        self.assertEqual(
            moves.search(mine + [("relance_level_id", "!=", first.id)]),
            self.invoice | self.other,
        )
        self.assertEqual(
            moves.search(mine + [("relance_level_id.policy_id", "=", self.policy.id)]),
            self.invoice,
        )
        self.assertEqual(
            moves.search(mine + [("relance_last_date", ">=", date(2026, 10, 1))]),
            self.invoice,
        )
        groups = dict(moves._read_group(mine, ["relance_level_id"], ["__count"]))
        self.assertEqual(groups, {second: 1, self.env["relance.level"]: 1})
        self.assertTrue(
            moves.fields_get(["relance_level_id"], ["groupable"])["relance_level_id"][
                "groupable"
            ]
        )

    def test_writing_the_level_keeps_one_row_per_invoice(self):
        self.invoice.relance_level_id = self.levels[1]
        self.invoice.relance_level_id = self.levels[2]
        self.invoice.relance_level_id = False
        states = self.env["relance.move.level"].search(
            [("move_id", "=", self.invoice.id)]
        )
        self.assertEqual(len(states), 1)
        self.assertFalse(states.level_id)
        self.assertFalse(self.invoice.relance_level_id)

    def test_deleting_an_invoice_deletes_its_level(self):
        draft = self._create_invoice_one_line(price_unit=1000, partner_id=self.customer)
        draft.relance_level_id = self.levels[1]
        state = self.env["relance.move.level"].search([("move_id", "=", draft.id)])
        draft.unlink()
        self.assertFalse(state.exists())

    def test_reminder_templates_read_fields_without_code(self):
        """The addressing of the shipped reminder templates is made of field
        paths that mail reads for each message, not code it evaluates."""
        templates = self.levels.mapped(lambda level: level._get_template("email"))
        sms_templates = self.levels.mapped(lambda level: level._get_template("sms"))
        self.assertTrue(templates and sms_templates)
        render = self.env["mail.template"]
        for template in templates:
            for fname in ("subject", "email_from", "partner_to", "lang"):
                with self.subTest(template=template.name, field=fname):
                    self.assertFalse(
                        render._has_unsafe_expression_template_inline_template(
                            template[fname], "relance.action"
                        )
                    )
        for template in sms_templates:
            self.assertFalse(
                render._has_unsafe_expression_template_inline_template(
                    template.lang, "relance.action"
                )
            )

    @freeze_time("2026-10-08 01:00")
    def test_reminder_templates_address_the_contact_else_the_customer(self):
        action = self._plan(date(2026, 10, 8)).filtered(lambda a: a.channel == "email")
        template = action.level_id._get_template("email")
        contact = self.env["res.partner"].create(
            {"name": "Comptabilité", "parent_id": self.customer.id, "lang": "en_US"}
        )
        action.contact_id = contact
        self.assertEqual(
            template._render_field("partner_to", action.ids)[action.id], str(contact.id)
        )
        self.assertEqual(template._render_lang(action.ids)[action.id], "en_US")
        action.contact_id = False
        self.assertEqual(action.recipient_id, self.customer)
        self.assertEqual(
            template._render_field("partner_to", action.ids)[action.id],
            str(self.customer.id),
        )
        self.assertEqual(
            template._render_field("email_from", action.ids)[action.id],
            self.company.email_formatted,
        )

    def test_email_preview_is_mail_preview(self):
        """The layout's preview is mail.message's (textwrap.shorten of the
        whole text), computed on the start of the HTML and of the text only."""
        word = "x" * (PREVIEW_LENGTH - 3)
        bodies = [
            "<p>Bonjour,</p>",
            "<p>" + "a " * (PREVIEW_LENGTH // 2) + "</p>",
            "<p>" + "mot " * 400 + "</p>",
            "<p>" + "b" * 200 + "</p>",
            f"<p>{word} cd</p><p>suite du texte</p>",
            f"<p>{word[:-1]}   \n  cd ef</p>",
            "<p>" + "é&amp;" * 40 + " " + "z" * 300 + "</p>",
            # longer than the HTML read first: cut after a tag, or read whole
            '<p style="margin: 0;">' + "<b>mot</b> " * 600 + "</p>",
            '<p style="color: #000;"></p>' * 200 + "<p>fin du texte</p>",
            "<p>" + "c" * 5000 + "</p>",
            '<div style="' + "x" * 3000 + '">après un long attribut</div>',
        ]
        for body in bodies:
            with self.subTest(body=body[:40]):
                self.assertEqual(
                    email_preview(body),
                    textwrap.shorten(html_to_inner_content(body), PREVIEW_LENGTH),
                )
        # the invoice table is written without spaces: its cells are apart
        table = (
            "<p>Bonjour,</p><table><tr><th>Facture</th><th>Échéance</th></tr>"
            "<tr><td>F/001</td><td>01/10/2026</td></tr></table>"
        )
        for html in (table, Markup(table)):
            self.assertEqual(
                email_preview(html), "Bonjour, Facture Échéance F/001 01/10/2026"
            )

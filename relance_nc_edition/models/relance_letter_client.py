# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class RelanceLetter(models.Model):
    """Letters printed and posted for a client of the provider: billed once
    on posting (service by mail type, postage by weight), validated by the
    client on the portal."""

    _inherit = "relance.letter"

    client_id = fields.Many2one(
        "relance.client",
        string="Client File",
        compute="_compute_client_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The provider's client the letter is written for: the hosted "
        "creditor's, or chosen for a client working through the portal.",
    )

    @api.depends("company_id")
    def _compute_client_id(self):
        for company, letters in self.grouped("company_id").items():
            client = company._relance_client() if company else False
            for letter in letters:
                if not letter.client_id or client:
                    letter.client_id = client

    def _check_printable(self):
        res = super()._check_printable()
        if self.client_id:
            self.client_id._check_option("edition")
        return res

    def action_mark_posted(self):
        printed = self.filtered(lambda letter: letter.state == "printed")
        res = super().action_mark_posted()
        posted = printed.filtered(lambda letter: letter.state == "posted")
        posted._relance_record_usage()
        return res

    def _relance_record_usage(self):
        """One service line per letter posted, by mail type; its printing
        (per sheet) and enveloping when the client's price list prices them
        separately; its postage by weight unless the client's price includes
        it."""
        service = {
            "registered": self.env.ref("relance_nc.product_service_registered_letter"),
        }
        letter_product = self.env.ref("relance_nc.product_service_letter")
        postage = self.env.ref("relance_nc_edition.product_service_postage")
        parts = self.env.ref("relance_nc_edition.product_service_printing") | (
            self.env.ref("relance_nc_edition.product_service_enveloping")
        )
        vals_list = []
        separate = {
            client: client._relance_priced_separately(parts)
            for client in self.client_id
        }
        for letter in self.filtered("client_id"):
            client = letter.client_id
            source = {"res_model": self._name, "res_id": letter.id}
            day = letter.posted_on or fields.Date.context_today(self)
            product = service.get(letter.mail_type, letter_product)
            vals_list.append(
                dict(
                    source,
                    client_id=client.id,
                    product_id=product.id,
                    quantity=1,
                    event_key=f"relance.letter:{letter.id}:posted",
                    date=day,
                )
            )
            for part in separate[client]:
                printing = part == parts[0]
                vals_list.append(
                    dict(
                        source,
                        client_id=client.id,
                        product_id=part.id,
                        quantity=max(letter.sheet_count, 1) if printing else 1,
                        event_key=f"relance.letter:{letter.id}:"
                        + ("printing" if printing else "enveloping"),
                        date=day,
                    )
                )
            if client.postage_billing == "separate" and letter.postage_cost:
                vals_list.append(
                    dict(
                        source,
                        client_id=client.id,
                        product_id=postage.id,
                        quantity=1,
                        price_unit=letter.postage_cost,
                        event_key=f"relance.letter:{letter.id}:postage",
                        date=day,
                    )
                )
        self.env["relance.usage.line"].sudo()._relance_record_many(vals_list)

    def _relance_portal_validate(self):
        """Validation by the client's portal contact (controller, sudo)."""
        self.action_validate()
        for letter in self:
            letter.message_post(
                body=self.env._("Validated by the client on the portal.")
            )

    def _relance_portal_reject(self, comment):
        """Rejection by the client's portal contact (controller, sudo): the
        letter goes back to draft with the comment, and its writer gets a
        to-do."""
        self._reject(comment)
        for letter in self:
            user = letter.create_uid if not letter.create_uid.share else False
            letter.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Letter rejected by the client"),
                note=comment,
                user_id=(user or letter.client_id.user_id or self.env.user).id,
            )


class RelanceClient(models.Model):
    _inherit = "relance.client"

    postage_billing = fields.Selection(
        [("separate", "Billed Separately"), ("included", "Included in the Price")],
        string="Postage",
        default="separate",
        required=True,
        help="Whether the postage of each letter, by weight, is billed on top "
        "of the letter service.",
    )
    letter_ids = fields.One2many("relance.letter", "client_id", string="Letters")
    letter_count = fields.Integer(compute="_compute_letter_count")

    def _relance_priced_separately(self, products):
        """The ``products`` that the client's price list prices with a rule
        of their own (billed as separate lines)."""
        self.ensure_one()
        items = self.sudo().pricelist_id.item_ids
        return products.filtered(
            lambda product: any(
                item.product_id == product
                or (
                    item.applied_on == "1_product"
                    and item.product_tmpl_id == product.product_tmpl_id
                )
                for item in items
            )
        )

    def _compute_letter_count(self):
        counts = dict(
            self.env["relance.letter"]._read_group(
                [("client_id", "in", self.ids)], ["client_id"], ["__count"]
            )
        )
        for client in self:
            client.letter_count = counts.get(client, 0)

    def action_view_letters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "relance_nc_edition.relance_letter_action"
        )
        action["domain"] = [("client_id", "=", self.id)]
        action["context"] = {"default_client_id": self.id}
        return action

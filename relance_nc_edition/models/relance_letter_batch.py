# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from .. import const

BATCH_STATES = [
    ("draft", "Draft"),
    ("ready", "Ready to Print"),
    ("printed", "Printed"),
    ("posted", "Posted"),
]


class RelanceLetterBatch(models.Model):
    """Validated letters printed together: one merged PDF for the printer.

    Every letter starts on a new sheet: an address sheet comes first when the
    document does not place the address in the envelope window, and in duplex
    a blank back follows any part of an odd number of pages. The batch counts
    sheets and envelopes, weighs the letters and prices their postage.
    """

    _name = "relance.letter.batch"
    _inherit = ["mail.thread"]
    _description = "Print Batch"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        BATCH_STATES, default="draft", required=True, tracking=True, copy=False
    )
    duplex = fields.Boolean(default=lambda self: self.env.company.relance_print_duplex)
    letter_ids = fields.One2many("relance.letter", "batch_id", string="Letters")
    letter_count = fields.Integer(compute="_compute_totals", store=True)
    pdf_file = fields.Binary(string="PDF for the Printer", attachment=True, copy=False)
    pdf_filename = fields.Char(copy=False)
    page_count = fields.Integer(string="Pages", readonly=True, copy=False)
    sheet_count = fields.Integer(compute="_compute_totals", store=True, string="Sheets")
    envelope_count = fields.Integer(
        compute="_compute_totals", store=True, string="Envelopes"
    )
    weight_total = fields.Float(
        compute="_compute_totals", store=True, string="Weight (g)"
    )
    postage_total = fields.Monetary(compute="_compute_totals", store=True)
    cost_total = fields.Monetary(
        compute="_compute_totals", store=True, string="Total Cost"
    )

    @api.depends(
        "letter_ids.sheet_count",
        "letter_ids.weight",
        "letter_ids.postage_cost",
        "letter_ids.total_cost",
    )
    def _compute_totals(self):
        for batch in self:
            letters = batch.letter_ids
            batch.letter_count = len(letters)
            batch.envelope_count = len(letters)
            batch.sheet_count = sum(letters.mapped("sheet_count"))
            batch.weight_total = sum(letters.mapped("weight"))
            batch.postage_total = sum(letters.mapped("postage_cost"))
            batch.cost_total = sum(letters.mapped("total_cost"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "relance.letter.batch"
                )
        return super().create(vals_list)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_generate(self):
        """Render the letters, merge them into the printer's PDF, count and price."""
        for batch in self:
            if batch.state not in ("draft", "ready"):
                raise UserError(
                    self.env._(
                        "The batch %(batch)s is already printed.", batch=batch.name
                    )
                )
            if not batch.letter_ids:
                raise UserError(
                    self.env._("The batch %(batch)s has no letter.", batch=batch.name)
                )
            if batch.letter_ids._recheck_before_print():
                batch._generate_pdf()
            else:
                batch.message_post(
                    body=self.env._(
                        "Nothing to print: the invoices of every letter were "
                        "paid or blocked."
                    )
                )
        return True

    def action_mark_printed(self):
        for batch in self:
            if batch.state != "ready":
                raise UserError(
                    self.env._("Generate the PDF of %(batch)s first.", batch=batch.name)
                )
        self.letter_ids.write({"state": "printed"})
        self.write({"state": "printed"})
        return True

    def action_mark_posted(self):
        for batch in self.filtered(lambda b: b.state == "printed"):
            batch.letter_ids.action_mark_posted()
            batch.state = "posted"
        return True

    def action_open_letters(self):
        self.ensure_one()
        title = self.env._("Letters")
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "relance.letter",
            "view_mode": "list,form",
            "domain": [("batch_id", "=", self.id)],
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _generate_pdf(self):
        """Render missing documents and merge them with the PDF library Odoo ships."""
        self.ensure_one()
        letters = self.letter_ids.sorted(
            lambda rec: (rec.company_id.id, rec.partner_id.id, rec.id)
        )
        letters.filtered(lambda rec: not rec.document)._render_document()
        address_pdfs = letters.filtered("address_page")._render_address_pages()
        writer = PdfFileWriter()
        for letter in letters:
            parts = letter._get_print_parts(self.duplex, address_pdfs.get(letter))
            for content, __, blanks in parts:
                reader = PdfFileReader(io.BytesIO(content), strict=False)
                for index in range(reader.getNumPages()):
                    writer.addPage(reader.getPage(index))
                for __ in range(blanks):
                    writer.addBlankPage(const.A4_WIDTH_PT, const.A4_HEIGHT_PT)
        letters._update_costs(self.duplex)
        with io.BytesIO() as buffer:
            writer.write(buffer)
            data = buffer.getvalue()
        self.write(
            {
                "pdf_file": base64.b64encode(data),
                "pdf_filename": f"{self.name.replace('/', '_')}.pdf",
                "page_count": writer.getNumPages(),
                "state": "ready",
            }
        )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import split_every
from odoo.tools.pdf import (
    ArrayObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
)

from odoo.addons.base.models.ir_actions_report import _wkhtml

from .. import const
from ..tools import documents, mailing, s10

_logger = logging.getLogger(__name__)

GENERATED_KINDS = ("statement", "reminder", "formal_notice", "free")
# States in which the content may still change.
EDITABLE_STATES = ("draft", "to_validate", "validated")


class RelanceLetter(models.Model):
    """A printed letter to a customer or prospect, from writing to delivery.

    Workflow: draft -> (to_validate, when the provider wrote it) -> validated
    -> printed (in a print batch) -> posted -> delivered or returned. Letters
    of the reminder engine come from the creditor's own levels and are
    validated at once; uploaded letters are the creditor's and are validated
    when their file passes the checks. The reminder action of a letter is done
    when the letter is posted: the invoices move to the level then, not when
    the letter waits for the printer.
    """

    _name = "relance.letter"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Printed Letter"
    _order = "date desc, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company",
        string="Creditor",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        required=True,
        index=True,
        tracking=True,
        help="Customer or prospect the letter is addressed to.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    action_id = fields.Many2one(
        "relance.action",
        string="Reminder",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    level_id = fields.Many2one(related="action_id.level_id")
    kind = fields.Selection(const.LETTER_KINDS, required=True, default="free")
    origin = fields.Selection(
        const.LETTER_ORIGINS,
        required=True,
        default="provider",
        help="Letters written by the provider wait for the creditor's validation.",
    )
    state = fields.Selection(
        const.LETTER_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    mail_type = fields.Selection(
        const.MAIL_TYPES, required=True, default="ordinary", tracking=True
    )
    date = fields.Date(
        string="Letter Date", required=True, default=fields.Date.context_today
    )
    subject = fields.Char()
    body = fields.Html(
        string="Text", help="Text of a free letter; an extra paragraph otherwise."
    )
    move_line_ids = fields.Many2many(
        "account.move.line",
        string="Items Claimed",
        help="Receivable items listed by the letter.",
    )
    amount_due = fields.Monetary(
        string="Principal", help="Principal claimed by the letter."
    )
    penalty_rate = fields.Float(
        string="Penalty Rate (%)",
        readonly=True,
        help="Annual late-payment penalty rate claimed (formal notices only).",
    )
    penalty_amount = fields.Monetary(string="Late-payment Penalties", readonly=True)
    notice_days = fields.Integer(
        string="Days to Pay",
        default=const.DEFAULT_NOTICE_DAYS,
        help="Days after receipt given by a formal notice to pay.",
    )
    # Documents
    document = fields.Binary(string="PDF", attachment=True, copy=False)
    document_name = fields.Char(string="PDF Name", copy=False)
    upload_file = fields.Binary(
        string="File", attachment=True, copy=False, help="PDF or Word (.docx)."
    )
    upload_filename = fields.Char(copy=False)
    page_count = fields.Integer(string="Pages", readonly=True, copy=False)
    address_page = fields.Boolean(
        help="Print an address sheet in window position before the document "
        "(for documents that do not place the address in the window).",
    )
    # Validation
    validation_comment = fields.Text(
        string="Creditor's Comment", readonly=True, copy=False, tracking=True
    )
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    validated_on = fields.Datetime(readonly=True, copy=False)
    # Printing and posting
    batch_id = fields.Many2one(
        "relance.letter.batch",
        string="Print Batch",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )
    print_page_count = fields.Integer(
        string="Printed Pages",
        readonly=True,
        copy=False,
        help="Pages sent to the printer, address sheet and blank backs included.",
    )
    sheet_count = fields.Integer(string="Sheets", readonly=True, copy=False)
    weight = fields.Float(string="Weight (g)", readonly=True, copy=False)
    printing_cost = fields.Monetary(readonly=True, copy=False)
    enveloping_cost = fields.Monetary(readonly=True, copy=False)
    postage_cost = fields.Monetary(readonly=True, copy=False)
    total_cost = fields.Monetary(
        compute="_compute_total_cost", store=True, aggregator="sum"
    )
    posted_on = fields.Date(readonly=True, copy=False, tracking=True)
    tracking_number = fields.Char(copy=False, tracking=True)
    ar_date = fields.Date(
        string="Acknowledgment Date", copy=False, tracking=True, readonly=True
    )
    ar_scan = fields.Binary(string="Signed Acknowledgment", attachment=True, copy=False)
    ar_scan_name = fields.Char(copy=False)
    delivered_on = fields.Date(readonly=True, copy=False)
    returned_on = fields.Date(readonly=True, copy=False)
    return_reason = fields.Selection(const.RETURN_REASONS, copy=False, tracking=True)

    _name_company_uniq = models.UniqueIndex(
        "(company_id, name) WHERE name != '/'",
        "A letter reference must be unique per creditor.",
    )

    # ------------------------------------------------------------
    # COMPUTE / CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends("printing_cost", "enveloping_cost", "postage_cost")
    def _compute_total_cost(self):
        for letter in self:
            letter.total_cost = (
                letter.printing_cost + letter.enveloping_cost + letter.postage_cost
            )

    @api.constrains("tracking_number")
    def _check_tracking_number(self):
        for letter in self.filtered("tracking_number"):
            if not s10.is_valid(letter.tracking_number):
                raise ValidationError(
                    self.env._(
                        "The tracking number %(number)s of the letter %(letter)s "
                        "is not a valid registered-item number (format RR123456785NC: "
                        "2 letters, 8 digits, a check digit, 2 letters).",
                        number=letter.tracking_number,
                        letter=letter.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("relance.letter")
            if vals.get("tracking_number"):
                vals["tracking_number"] = s10.compact(vals["tracking_number"])
        letters = super().create(vals_list)
        letters.filtered("upload_file")._load_upload()
        return letters

    def write(self, vals):
        if vals.get("tracking_number"):
            vals["tracking_number"] = s10.compact(vals["tracking_number"])
        if "upload_file" in vals and self.filtered(
            lambda letter: letter.state not in ("draft", "to_validate")
        ):
            raise UserError(
                self.env._("The file of a validated or printed letter cannot change.")
            )
        result = super().write(vals)
        if vals.get("upload_file"):
            self._load_upload()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if self.filtered(lambda letter: letter.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._("Only draft or cancelled letters can be deleted.")
            )

    # ------------------------------------------------------------
    # ACTIONS: validation
    # ------------------------------------------------------------

    def action_submit(self):
        """Send provider-written letters to the creditor; others are validated."""
        for letter in self.filtered(lambda letter: letter.state == "draft"):
            letter._check_printable()
            if letter.origin == "provider":
                letter.write({"state": "to_validate", "validation_comment": False})
            else:
                letter._set_validated()
        return True

    def action_validate(self):
        """The creditor approves the letters: they may be printed."""
        letters = self.filtered(lambda letter: letter.state == "to_validate")
        letters._set_validated()
        return True

    def action_open_reject(self):
        title = self.env._("Reject Letter")
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "relance.letter.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_letter_ids": self.ids},
        }

    def _reject(self, comment):
        """Send the letters back to their writer with the creditor's comment."""
        letters = self.filtered(lambda letter: letter.state == "to_validate")
        letters.write({"state": "draft", "validation_comment": comment})
        for letter in letters:
            letter.message_post(
                body=self.env._(
                    "Rejected by the creditor: %(comment)s", comment=comment
                )
            )

    def action_reset_draft(self):
        self.filtered(lambda letter: letter.state in ("validated", "cancelled")).write(
            {"state": "draft", "batch_id": False}
        )
        return True

    def action_cancel(self):
        letters = self.filtered(lambda letter: letter.state in EDITABLE_STATES)
        letters.write({"state": "cancelled", "batch_id": False})
        for action in letters.action_id.filtered(lambda a: a.state == "scheduled"):
            action._set_failed(self.env._("The letter was cancelled."))
        return True

    def action_render(self):
        """(Re)generate the PDF of generated letters and show it."""
        self._render_document()
        return True

    def action_create_batch(self):
        """Put the validated letters not yet batched into a new print batch."""
        letters = self.filtered(
            lambda letter: letter.state == "validated" and not letter.batch_id
        )
        if not letters:
            raise UserError(
                self.env._("Select validated letters that are not in a batch.")
            )
        batch = self.env["relance.letter.batch"].create(
            {"letter_ids": [fields.Command.set(letters.ids)]}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "relance.letter.batch",
            "res_id": batch.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # ACTIONS: posting and tracking
    # ------------------------------------------------------------

    def action_mark_posted(self):
        letters = self.filtered(lambda letter: letter.state == "printed")
        missing = letters.filtered(
            lambda letter: (
                letter.mail_type == "registered" and not letter.tracking_number
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "Enter the tracking number of the registered letters %(letters)s "
                    "before posting them.",
                    letters=", ".join(missing.mapped("name")),
                )
            )
        letters.write({"state": "posted", "posted_on": fields.Date.context_today(self)})
        actions = letters.action_id.filtered(lambda a: a.state == "scheduled")
        actions.write({"delivery_state": "sent"})
        actions._set_done()
        return True

    def action_mark_delivered(self):
        """Ask for the date of the delivery proof (signed acknowledgment)."""
        return self._action_open_delivery("delivered")

    def action_mark_returned(self):
        """Ask for the date the post returned the letters, and why."""
        return self._action_open_delivery("returned")

    def _action_open_delivery(self, outcome):
        states = ("posted",) if outcome == "delivered" else ("posted", "delivered")
        letters = self.filtered(lambda letter: letter.state in states)
        if not letters:
            raise UserError(
                self.env._("Only posted letters can be delivered or returned.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delivery Outcome"),
            "res_model": "relance.letter.delivery.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_letter_ids": letters.ids,
                "default_outcome": outcome,
            },
        }

    def _set_delivered(self, day, ar_scan=False, ar_scan_name=False):
        """The letters reached their customers on ``day`` (the date of the
        proof: for a registered letter, the signed acknowledgment)."""
        letters = self.filtered(lambda letter: letter.state == "posted")
        letters.write({"state": "delivered", "delivered_on": day})
        registered = letters.filtered(lambda letter: letter.mail_type == "registered")
        vals = {"ar_date": day}
        if ar_scan:
            vals.update(ar_scan=ar_scan, ar_scan_name=ar_scan_name)
        registered.write(vals)
        letters.action_id.write({"delivery_state": "delivered"})
        return letters

    def _set_returned(self, day, reason="unknown_address"):
        """The post returned the letters on ``day``; an unknown address
        proposes to update the customer's postal address."""
        letters = self.filtered(lambda letter: letter.state in ("posted", "delivered"))
        letters.write(
            {"state": "returned", "returned_on": day, "return_reason": reason}
        )
        letters.action_id.write({"delivery_state": "bounced"})
        if reason == "unknown_address":
            letters.partner_id._relance_flag_address(letters)
        return letters

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _set_validated(self):
        self.write(
            {
                "state": "validated",
                "validated_by_id": self.env.user.id,
                "validated_on": fields.Datetime.now(),
            }
        )

    def _recheck_before_print(self):
        """Re-check the engine's letters against their invoices before printing.

        Like an email re-checked just before sending (``relance.action._recheck``),
        a letter whose invoices were all paid or blocked since it was made is
        withdrawn (cancelled, out of its batch, its reminder cancelled); when
        only some of them were, it claims the others, for the amount the
        re-check computes, and its document is rendered again. Returns the
        letters still to print.
        """
        withdrawn = self.browse()
        for letter in self.filtered(
            lambda letter: (
                letter.origin == "engine"
                and letter.state == "validated"
                and letter.action_id.state == "scheduled"
            )
        ):
            action = letter.action_id
            if not action._recheck():
                withdrawn |= letter
            elif letter.move_line_ids != action.move_line_ids:
                vals = {
                    "move_line_ids": [fields.Command.set(action.move_line_ids.ids)],
                    "amount_due": action.amount_overdue,
                    "document": False,
                }
                if letter.kind == "formal_notice":
                    vals.update(
                        self._prepare_penalty_vals(
                            letter.company_id, action.move_line_ids, letter.date
                        )
                    )
                letter.write(vals)
        withdrawn.write({"state": "cancelled", "batch_id": False})
        for letter in withdrawn:
            letter.message_post(
                body=self.env._(
                    "Withdrawn before printing: the invoices were paid or blocked."
                )
            )
        return self - withdrawn

    def _check_printable(self):
        """Raise when the letter lacks what printing needs."""
        self.ensure_one()
        if self.kind == "upload" and not self.document:
            raise UserError(
                self.env._(
                    "Upload the PDF or Word file of %(letter)s first.", letter=self.name
                )
            )
        if not (self.partner_id.street and self.partner_id.city):
            raise UserError(
                self.env._(
                    "The postal address of %(recipient)s is incomplete.",
                    recipient=self.partner_id.display_name,
                )
            )

    @api.model
    def _prepare_action_letter_vals(self, action):
        """Values of the letter that carries out a letter reminder action."""
        kind, mail_type = const.CHANNEL_LETTERS[action.channel]
        vals = {
            "company_id": action.company_id.id,
            "partner_id": (action.contact_id or action.partner_id).id,
            "action_id": action.id,
            "kind": kind,
            "mail_type": mail_type,
            "origin": "engine",
            "date": action._company_today(action.company_id),
            "move_line_ids": [fields.Command.set(action.move_line_ids.ids)],
            "amount_due": action.amount_overdue,
            "state": "validated",
        }
        if kind == "formal_notice":
            vals.update(
                self._prepare_penalty_vals(
                    action.company_id, action.move_line_ids, vals["date"]
                )
            )
        return vals

    @api.model
    def _prepare_statement_vals(self, partner, company):
        """Values of the account statement of ``partner``: every open
        receivable item, due or not."""
        commercial = partner.commercial_partner_id
        lines = self.env["account.move.line"].search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "=", commercial.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
            ]
        )
        return {
            "company_id": company.id,
            "partner_id": (commercial.relance_contact_id or commercial).id,
            "kind": "statement",
            "origin": "creditor",
            "mail_type": "ordinary",
            "move_line_ids": [fields.Command.set(lines.ids)],
            "amount_due": company.currency_id.round(
                sum(lines.mapped("amount_residual"))
            ),
        }

    @api.model
    def _prepare_penalty_vals(self, company, lines, day):
        """Late-payment penalties claimed: only when the creditor asks for them
        and declares that its invoices stated the rate (Lp. 441-3 and 441-6);
        never a fixed recovery indemnity (none is known in New Caledonia)."""
        rate = company.relance_penalty_rate
        if not (
            company.relance_penalty_claim
            and company.relance_penalty_stated
            and rate > 0
        ):
            return {"penalty_rate": 0.0, "penalty_amount": 0.0}
        amount = sum(
            line.amount_residual
            * rate
            / 100
            * max((day - line.date_maturity).days, 0)
            / const.DAYS_PER_YEAR
            for line in lines
            if line.date_maturity
        )
        return {
            "penalty_rate": rate,
            "penalty_amount": company.currency_id.round(amount),
        }

    def _load_upload(self):
        """Check the uploaded file by its content, convert Word to PDF, count
        the pages; a file that is not a readable PDF or DOCX is refused."""
        for letter in self:
            data = base64.b64decode(letter.upload_file)
            kind = documents.sniff(data)
            if kind is None:
                raise UserError(
                    self.env._(
                        "The file %(file)s is neither a PDF nor a Word (.docx) "
                        "document. Save it as PDF or .docx and upload it again.",
                        file=letter.upload_filename or "-",
                    )
                )
            if kind == "docx":
                data = letter._convert_docx(data)
            pages = letter._count_pages(data)
            stem = (letter.upload_filename or letter.name).rsplit(".", 1)[0]
            letter.write(
                {
                    "kind": "upload",
                    "document": base64.b64encode(data),
                    "document_name": f"{stem}.pdf",
                    "page_count": pages,
                    "address_page": True,
                }
            )

    def _convert_docx(self, data):
        self.ensure_one()
        try:
            return documents.docx_to_pdf(data, const.SOFFICE_TIMEOUT)
        except documents.ConversionError as err:
            raise UserError(
                self.env._(
                    "The Word file %(file)s could not be converted to PDF: %(error)s",
                    file=self.upload_filename or "-",
                    error=str(err),
                )
            ) from err

    def _count_pages(self, data):
        """Pages of the PDF ``data``; a damaged or empty PDF is refused."""
        self.ensure_one()
        try:
            pages = PdfFileReader(io.BytesIO(data), strict=False).getNumPages()
        # A hostile file makes the parser fail in many ways (IndexError,
        # RecursionError, AttributeError…): whatever it raises, it is refused.
        except Exception as err:  # noqa: BLE001  pylint: disable=broad-exception-caught
            _logger.info("Unreadable PDF for %s: %r", self.name, err)
            pages = 0
        if not pages:
            raise UserError(
                self.env._(
                    "The PDF %(file)s is damaged or has no page.",
                    file=self.upload_filename or self.name,
                )
            )
        if pages > const.UPLOAD_MAX_PAGES:
            raise UserError(
                self.env._(
                    "The document %(file)s has %(pages)s pages; a letter has at "
                    "most %(max)s.",
                    file=self.upload_filename or self.name,
                    pages=pages,
                    max=const.UPLOAD_MAX_PAGES,
                )
            )
        return pages

    def _render_document(self):
        """Render generated letters to PDF, many per wkhtmltopdf run."""
        report = self.env.ref("relance_nc_edition.action_report_letter")
        letters = self.filtered(
            lambda rec: rec.kind in GENERATED_KINDS and rec.state in EDITABLE_STATES
        )
        for letter, content in letters._render_together(report).items():
            letter.write(
                {
                    "document": base64.b64encode(content),
                    "document_name": f"{letter.name.replace('/', '_')}.pdf",
                    "page_count": letter._count_pages(content),
                }
            )

    def _render_address_pages(self):
        """PDF of the address sheet (window position) of each letter:
        ``{letter: pdf bytes}``."""
        report = self.env.ref("relance_nc_edition.action_report_letter_address")
        return self._render_together(report)

    def _render_together(self, report):
        """PDF of each letter by ``report``: ``{letter: pdf bytes}``.

        Debian's wkhtmltopdf (unpatched Qt) prints one article per run, and a
        run costs a second or so before the first page. Letters are therefore
        printed by chunks in one article (each on a new page, its first page
        marked by a link), and the PDF is cut at the marks.
        """
        result = {}
        for chunk in split_every(const.LETTERS_PER_RUN, self.ids, self.browse):
            if len(chunk) == 1:
                content, __ = report._render_qweb_pdf(report, chunk.ids)
                result[chunk] = content
                continue
            content, __ = report._render_qweb_pdf(
                report, chunk.ids, data={"relance_together": True}
            )
            result.update(chunk._split_printed_together(content))
        return result

    def _split_printed_together(self, content):
        """Cut the PDF of the letters printed together at their page marks
        (which are removed): ``{letter: pdf bytes}``."""
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        page_count = reader.getNumPages()
        first_pages = {}
        for index in range(page_count):
            page = reader.getPage(index)
            for letter_id in self._pop_page_markers(page):
                first_pages[letter_id] = index
        missing = self.filtered(lambda rec: rec.id not in first_pages)
        try:
            if missing:
                raise mailing.PageMarkerError("no page mark")
            ranges = mailing.page_ranges(first_pages, page_count)
        except mailing.PageMarkerError as err:
            raise UserError(
                self.env._(
                    "The letters %(letters)s could not be cut out of their "
                    "common PDF: %(error)s.",
                    letters=", ".join((missing or self).mapped("name")),
                    error=str(err),
                )
            ) from err
        result = {}
        for letter in self:
            start, end = ranges[letter.id]
            writer = PdfFileWriter()
            for index in range(start, end):
                writer.addPage(reader.getPage(index))
            with io.BytesIO() as buffer:
                writer.write(buffer)
                result[letter] = buffer.getvalue()
        return result

    @api.model
    def _pop_page_markers(self, page):
        """Ids of the letters whose page mark is on ``page``, marks removed."""
        annotations = page.get("/Annots")
        if not annotations:
            return []
        found, kept = [], ArrayObject()
        for annotation in annotations.get_object():
            uri = annotation.get_object().get("/A", {}).get("/URI", "")
            letter_id = str(uri).removeprefix(const.PAGE_MARKER_URL)
            if letter_id != str(uri) and letter_id.isdigit():
                found.append(int(letter_id))
            else:
                kept.append(annotation)
        if found:
            page[NameObject("/Annots")] = kept
        return found

    def _get_print_parts(self, duplex, address_pdf=None):
        """PDF documents of the letter in print order, with blank backs:
        ``[(pdf bytes, pages, blank pages after)]``; ``address_pdf`` is its
        address sheet when rendered beforehand."""
        self.ensure_one()
        parts = []
        if self.address_page:
            address_pdf = address_pdf or self._render_address_pages()[self]
            parts.append((address_pdf, 1, mailing.blank_backs(1, duplex)))
        pages = self.page_count
        parts.append(
            (base64.b64decode(self.document), pages, mailing.blank_backs(pages, duplex))
        )
        return parts

    def _update_costs(self, duplex):
        """Record sheets, weight and costs (printing, enveloping, postage)."""
        rates = self.env["relance.postage.rate"].search(
            [("company_id", "in", [False, *self.company_id.ids])]
        )
        for letter in self:
            company = letter.company_id
            pages = letter.page_count + (1 if letter.address_page else 0)
            sheets = mailing.sheets(letter.page_count, duplex) + (
                1 if letter.address_page else 0
            )
            extra = const.AR_CARD_WEIGHT_G if letter.mail_type == "registered" else 0
            grams = mailing.weight(
                sheets, const.SHEET_WEIGHT_G, const.ENVELOPE_WEIGHT_G, extra
            )
            postage = rates._get_price(company, letter.mail_type, grams, rates)
            if postage is None:
                raise UserError(
                    self.env._(
                        "No postage rate for a %(type)s letter of %(grams)s g "
                        "(%(letter)s): complete the postage price list.",
                        type=dict(const.MAIL_TYPES)[letter.mail_type],
                        grams=grams,
                        letter=letter.name,
                    )
                )
            letter.write(
                {
                    "print_page_count": pages,
                    "sheet_count": sheets,
                    "weight": grams,
                    "printing_cost": pages * company.relance_print_cost_page,
                    "enveloping_cost": company.relance_envelope_cost,
                    "postage_cost": postage,
                }
            )

    # ------------------------------------------------------------
    # HELPERS FOR THE TEMPLATES
    # ------------------------------------------------------------

    def _get_address_lines(self):
        """Recipient address, at most 6 lines (La Poste norm)."""
        self.ensure_one()
        partner = self.partner_id
        names = [partner.commercial_partner_id.name]
        if partner != partner.commercial_partner_id and partner.name:
            names.append(partner.name)
        city = " ".join(filter(None, [partner.zip, partner.city]))
        country = (
            partner.country_id.name.upper()
            if partner.country_id and partner.country_id != self.company_id.country_id
            else ""
        )
        lines = names + [partner.street, partner.street2, city, country]
        return [line for line in lines if line][: const.ADDRESS_MAX_LINES]

    @api.model
    def _get_article_style(self, first=True):
        """CSS of the letter: fonts, and a zoom that cancels the smart
        shrinking of Debian's unpatched-Qt wkhtmltopdf (it ignores
        --disable-smart-shrinking), so that millimetres stay millimetres.
        A letter printed after another one starts on a new page."""
        zoom = 1.0 if _wkhtml().is_patched_qt else const.UNPATCHED_QT_ZOOM
        page_break = "" if first else "page-break-before: always; "
        return (
            f"font-family: {const.LETTER_FONTS}; font-size: 10pt; "
            f"color: #000; zoom: {zoom}; position: relative; {page_break}"
        ).strip()

    def _get_page_marker(self):
        """Link marking the first page of the letter printed with others."""
        self.ensure_one()
        return f"{const.PAGE_MARKER_URL}{self.id}"

    def _get_window_style(self):
        """CSS position of the address block in the window of a DL envelope."""
        top = const.WINDOW_TOP_MM - const.PAGE_MARGIN_TOP_MM
        left = const.WINDOW_LEFT_MM - const.PAGE_MARGIN_LEFT_MM
        if not _wkhtml().is_patched_qt:
            offset, slope = const.UNPATCHED_QT_X
            left = round((left - offset) / slope, 1)
        return (
            f"position: absolute; top: {top}mm; left: {left}mm; "
            f"width: {const.WINDOW_WIDTH_MM}mm; height: {const.WINDOW_HEIGHT_MM}mm; "
            "overflow: hidden;"
        )

    def _get_lines_info(self):
        """Items listed by the letter: invoice, dates, residual, sorted by due date."""
        self.ensure_one()
        return [
            {
                "name": line.move_id.name,
                "ref": line.move_id.ref or "",
                "date": line.move_id.invoice_date or line.date,
                "due": line.date_maturity,
                "amount": line.amount_currency
                if line.currency_id != self.currency_id
                else line.balance,
                "residual": line.amount_residual,
                "overdue": bool(line.date_maturity and line.date_maturity < self.date),
            }
            for line in self.move_line_ids.sorted(
                lambda rec: (rec.date_maturity or rec.date, rec.id)
            )
        ]

    def _get_level_rank(self):
        """'first', 'middle' or 'last': tone of a reminder letter per level."""
        self.ensure_one()
        level = self.action_id.level_id
        if not level:
            return "first"
        levels = level.policy_id.level_ids.filtered(
            lambda lv: lv.use_letter or lv.use_registered_letter
        ).sorted("delay")
        if level == levels[:1]:
            return "first"
        return "last" if level == levels[-1:] else "middle"

    def _get_deadline(self):
        """Date by which a formal notice asks to pay (from the letter date;
        the legal start is the receipt, recalled in the text)."""
        self.ensure_one()
        return fields.Date.add(self.date, days=self.notice_days)

    def _get_bank_accounts(self):
        self.ensure_one()
        return self.company_id.partner_id.bank_ids[:1]

    def _get_payment_link(self):
        self.ensure_one()
        return self.action_id._get_payment_link() if self.action_id else False

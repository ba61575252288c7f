# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import textwrap
import uuid

from markupsafe import Markup

from odoo import models
from odoo.tools.mail import html_to_inner_content

from .. import const

EMAIL_LAYOUT = "mail.mail_notification_light"
PREVIEW_LENGTH = 190  # as mail.message._compute_preview
# HTML read for a preview: the text of a reminder's first paragraphs
PREVIEW_SOURCE = 1024
CELL_END = re.compile(r"</t[dh]>")
LAYOUT_PARTS = ("body", "preview", "name")


def email_preview(body):
    """The preview of ``body`` as ``mail.message._compute_preview`` makes it,
    with a space between the cells of a table (written without spaces, see
    ``relance.action._render_due_lines``), from the start of the HTML only:
    its first ``PREVIEW_SOURCE`` characters up to their last tag, or the
    whole body when their text is too short. Stripping the tags of a
    reminder's invoice table took a tenth of the rendering of its email
    (tests/benchmarks/bench_reminders.py).

    Only the first ``PREVIEW_LENGTH + 2`` characters of the text are
    shortened: ``textwrap.shorten`` walks every word it is given, and a word
    cut there ends past the preview anyway."""
    head = body
    if len(body) > PREVIEW_SOURCE:
        end = body.rfind(">", 0, PREVIEW_SOURCE) + 1
        head = body[:end] if end else body
    text = _inner_text(head)
    if len(text) <= PREVIEW_LENGTH + 1 and len(head) < len(body):
        text = _inner_text(body)
    return textwrap.shorten(text[: PREVIEW_LENGTH + 2], PREVIEW_LENGTH)


def _inner_text(html):
    html = Markup(CELL_END.sub(r"\g<0> ", str(html)))
    return " ".join(html_to_inner_content(html).split())


# a line break and the indentation after it (not inside the parts of an
# email: the layout only)
INDENTATION = re.compile(r"\n\s+")


class SharedLayout:
    """A notification layout rendered once, with a marker where each part of
    an email goes (:data:`LAYOUT_PARTS`).

    The indentation of the layout's source is dropped (a line break renders
    as the spaces it replaces): it was a third of the size of a reminder
    email, stored for each email (``mail_mail.body_html``), and above the
    size PostgreSQL keeps in the row (TOAST)."""

    def __init__(self, html, token):
        self.html = INDENTATION.sub("\n", html)
        self.pattern = re.compile(f"relance-({'|'.join(LAYOUT_PARTS)})-{token}")

    def fill(self, **parts):
        """The layout around one email: ``parts`` are HTML (``Markup``) or
        escaped text, set in one pass (a part cannot hold another's marker)."""
        return Markup(self.pattern.sub(lambda match: parts[match[1]], self.html))


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _render_eval_context(self):
        """In a batch of reminder emails, templates' ``format_amount`` reads
        the language's settings once for the batch (the same text, see
        ``relance.action._get_amount_formatter``)."""
        context = super()._render_eval_context()
        if self.env.cr.cache.get(const.FORMAT_MEMO_KEY) is None:
            return context
        actions = self.env["relance.action"]
        format_amount = context["format_amount"]

        def format_amount_batched(amount, currency, lang_code=False):
            if lang_code or not currency:
                return format_amount(amount, currency, lang_code)
            return actions._get_amount_formatter(currency)(amount)

        context["format_amount"] = format_amount_batched
        return context

    def _relance_render_layout(self, company):
        """The light notification layout of ``company``'s emails in the
        context's language, rendered once for a batch of reminders, or None
        when it cannot be shared.

        mail renders the layout around each email (``_render_encapsulate``):
        a seventh of the time of a reminder email
        (tests/benchmarks/bench_reminders.py). Only the body, its preview and
        the record's name differ from one email to the next: they are left as
        markers, filled for each email by ``relance.action._wrap_email``.
        A layout customised by another module (inherited), or that does not
        show each of these parts exactly once, is rendered for every email.
        """
        view = self.env.ref(EMAIL_LAYOUT, raise_if_not_found=False)
        if not view or view.sudo().inherit_children_ids:
            return None
        token = uuid.uuid4().hex
        marks = {part: f"relance-{part}-{token}" for part in LAYOUT_PARTS}
        message = (
            self.env["mail.message"]
            .sudo()
            .new({"body": Markup(marks["body"]), "preview": marks["preview"]})
        )
        html = self._render_encapsulate(
            EMAIL_LAYOUT,
            message.body,
            add_context={
                "company": company,
                "message": message,
                "record_name": marks["name"],
                "model_description": (
                    self.env["ir.model"]._get(self.render_model).display_name
                ),
            },
        )
        if any(html.count(mark) != 1 for mark in marks.values()):
            return None
        return SharedLayout(html, token)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import textwrap
import uuid

from markupsafe import Markup

from odoo import models
from odoo.tools.mail import html_to_inner_content

EMAIL_LAYOUT = "mail.mail_notification_light"
PREVIEW_LENGTH = 190  # as mail.message._compute_preview
LAYOUT_PARTS = ("body", "preview", "name")


def email_preview(body):
    """The preview of ``body`` as ``mail.message._compute_preview`` makes it,
    shortening only the first ``PREVIEW_LENGTH + 2`` characters of its text:
    ``textwrap.shorten`` walks every word it is given, and a word cut there
    ends past the preview anyway."""
    text = " ".join(html_to_inner_content(body).split())
    return textwrap.shorten(text[: PREVIEW_LENGTH + 2], PREVIEW_LENGTH)


class SharedLayout:
    """A notification layout rendered once, with a marker where each part of
    an email goes (:data:`LAYOUT_PARTS`)."""

    def __init__(self, html, token):
        self.html = html
        self.pattern = re.compile(f"relance-({'|'.join(LAYOUT_PARTS)})-{token}")

    def fill(self, **parts):
        """The layout around one email: ``parts`` are HTML (``Markup``) or
        escaped text, set in one pass (a part cannot hold another's marker)."""
        return Markup(self.pattern.sub(lambda match: parts[match[1]], self.html))


class MailTemplate(models.Model):
    _inherit = "mail.template"

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

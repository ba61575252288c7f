# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import NotFound

from odoo.http import request, route

from odoo.addons.relance_nc.controllers.portal_client import RelanceClientPortal


class RelanceLetterPortal(RelanceClientPortal):
    """The client validates, or rejects with a comment, the letters the
    provider wrote for it (the portal half of the back-office validation)."""

    def _relance_client_values(self, client):
        values = super()._relance_client_values(client)
        values["letters_to_validate"] = self._relance_letters_sudo(
            client, [("state", "=", "to_validate")]
        )
        return values

    def _relance_letters_sudo(self, client, domain):
        """Letters written for ``client`` (as superuser: a hosted client's
        letters belong to its own company, outside the portal user's
        companies; the client is the portal user's own)."""
        if not client:
            return request.env["relance.letter"]
        return (
            request.env["relance.letter"]
            .sudo()
            .search(
                [
                    ("client_id", "=", client.id),
                    # drafts are the writer's, except the ones the client rejected
                    "|",
                    ("state", "!=", "draft"),
                    ("validation_comment", "!=", False),
                    *domain,
                ],
                order="date, id",
            )
        )

    def _relance_portal_letter(self, letter_id):
        """The letter (sudo) of the contact's own client, else 404."""
        client = self._relance_portal_client()
        letter_sudo = self._relance_letters_sudo(client, [("id", "=", letter_id)])
        if not letter_sudo:
            raise NotFound()
        return letter_sudo

    @route("/my/relance/letter/<int:letter_id>", type="http", auth="user", website=True)
    def relance_letter_page(self, letter_id, **kwargs):
        letter_sudo = self._relance_portal_letter(letter_id)
        return request.render(
            "relance_nc_edition.portal_relance_letter",
            {
                "page_name": "relance_client_letter",
                "breadcrumb_title": letter_sudo.name,
                "letter": letter_sudo,
                "done": kwargs.get("done"),
            },
        )

    @route("/my/relance/letter/<int:letter_id>/pdf", type="http", auth="user")
    def relance_letter_pdf(self, letter_id, **kwargs):
        letter = self._relance_portal_letter(letter_id)
        if not letter.document:
            raise NotFound()
        return (
            request.env["ir.binary"]
            ._get_stream_from(
                letter,
                "document",
                filename=letter.document_name or f"{letter.name}.pdf",
            )
            .get_response(as_attachment=False)
        )

    @route(
        "/my/relance/letter/<int:letter_id>/decide",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def relance_letter_decide(self, letter_id, decision=None, comment=None, **kwargs):
        letter_sudo = self._relance_portal_letter(letter_id)
        url = f"/my/relance/letter/{letter_sudo.id}"
        if letter_sudo.state != "to_validate" or decision not in (
            "validate",
            "reject",
        ):
            return request.redirect(url)
        comment = comment.strip() if isinstance(comment, str) else ""
        if decision == "reject" and not comment:
            return request.redirect(f"{url}?done=comment")
        if decision == "validate":
            letter_sudo._relance_portal_validate()
        else:
            letter_sudo._relance_portal_reject(comment[:2000])
        return request.redirect(f"{url}?done={decision}")

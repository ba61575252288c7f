# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.relance_case_form import FORM_ROWS
from .portal_access import document_sudo, portal_client_sudo


class RelanceCasePortal(CustomerPortal):
    """Collection cases on the portal (/my/cases) and the public Eco form."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "relance_case_count" in counters:
            Case = request.env["relance.case"]
            values["relance_case_count"] = (
                Case.search_count(self._relance_case_domain())
                if Case.has_access("read")
                else 0
            )
        return values

    def _relance_case_domain(self):
        partner = request.env.user.commercial_partner_id
        return [("client_id.partner_id", "=", partner.id)]

    def _relance_portal_client(self):
        """The client file of the portal user's company (sudo), or empty."""
        return portal_client_sudo()

    @route("/my/cases", type="http", auth="user", website=True, sitemap=False)
    def relance_portal_cases(self, **kw):
        cases = request.env["relance.case"].search(self._relance_case_domain())
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "cases": cases,
                "page_name": "relance_cases",
                "can_submit": bool(self._relance_portal_client()),
            }
        )
        return request.render("relance_nc.portal_my_cases", values)

    @route(
        "/my/cases/<int:case_id>", type="http", auth="user", website=True, sitemap=False
    )
    def relance_portal_case(self, case_id, access_token=None, **kw):
        case_sudo = document_sudo("relance.case", case_id, access_token)
        if not case_sudo:
            return request.redirect("/my/cases")
        values = self._prepare_portal_layout_values()
        values.update({"case": case_sudo, "page_name": "relance_case"})
        return request.render("relance_nc.portal_my_case", values)

    @route(
        "/my/cases/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def relance_portal_case_new(self, **post):
        client = self._relance_portal_client()
        if not client:
            return request.redirect("/my/cases")
        Case = request.env["relance.case"]

        def create(vals):
            return Case._relance_create_from_form(
                vals, client, "portal", ip=request.httprequest.remote_addr
            )

        return self._relance_case_form(post, Case, create)

    @route(
        "/relance/eco",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=True,
    )
    def relance_public_case(self, **post):
        """The public Eco form: a creditor who is not a client yet becomes a
        prospect; guarded by a honeypot and a rate limit per address."""
        if request.httprequest.method == "POST" and post.get("website_url"):
            # honeypot: only robots fill it
            return request.render("relance_nc.relance_case_thanks", {"case": None})
        Case = request.env["relance.case"].with_context(lang=self._relance_lang())
        ip = request.httprequest.remote_addr

        def create(vals):
            Case._relance_check_rate_limit(ip, vals["creditor_email"])
            client = Case._relance_prospect_client(vals["_creditor"])
            return Case._relance_create_from_form(
                vals, client, "public", ip=ip, name=vals["_creditor"]["name"]
            )

        return self._relance_case_form(post, Case, create, public=True)

    def _relance_case_form(self, post, Case, create, public=False):
        """The case form; on a POST without errors, ``create(vals)`` makes the
        case (in a savepoint) and the visitor goes on to its next page."""
        values = {"post": post, "errors": {}, "public": public}
        if request.httprequest.method == "POST":
            vals, errors = Case._relance_form_parse(post, public=public)
            if not errors:
                try:
                    with request.env.cr.savepoint():
                        case_sudo = create(vals)
                    return request.redirect(case_sudo._relance_after_submit_url())
                except UserError as err:
                    errors = {"case": [str(err)]}
            values["errors"] = errors
        return self._relance_render_form(values)

    @route(
        "/relance/eco/thanks", type="http", auth="public", website=True, sitemap=False
    )
    def relance_public_case_thanks(self, case=None, access_token=None, **kw):
        try:
            case_id = int(case or 0)
        except ValueError:
            raise request.not_found() from None
        case_sudo = document_sudo("relance.case", case_id, access_token)
        if not case_sudo:
            raise request.not_found()
        return request.render("relance_nc.relance_case_thanks", {"case": case_sudo})

    def _relance_lang(self):
        """French for visitors (the firm's audience), else the user's."""
        if request.env.user._is_public() and request.env["res.lang"]._lang_get("fr_FR"):
            return "fr_FR"
        return request.env.lang

    def _relance_render_form(self, values):
        Case = request.env["relance.case"].with_context(lang=self._relance_lang())
        kinds = request.env["relance.case.line"]._fields["kind"]
        values.update(
            {
                "rows": range(FORM_ROWS),
                "kinds": kinds._description_selection(Case.env),
                "conditions_text": Case._get_conditions_text(),
                "page_name": "relance_case_new",
            }
        )
        if not values["public"]:
            values.update(self._prepare_portal_layout_values())
        status = 400 if values["errors"] else 200
        return request.render(
            "relance_nc.relance_case_form_page", values, status=status
        )

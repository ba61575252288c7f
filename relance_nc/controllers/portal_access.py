# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Who may see what on the portal, shared by the controllers of relance.nc and
of its options: a document reached by its access token, the client file of
the logged-in contact."""

from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def document_sudo(model_name, record_id, access_token=None):
    """The record (sudo) that the current user may read, or that
    ``access_token`` opens; None when it does not exist or is refused."""
    try:
        return CustomerPortal()._document_check_access(
            model_name, record_id, access_token=access_token
        )
    except (AccessError, MissingError):
        return None


def portal_client_sudo(active_only=False):
    """The client file (``relance.client``, sudo) of the logged-in contact's
    company, or an empty recordset; with ``active_only``, an active one."""
    domain = [("partner_id", "=", request.env.user.commercial_partner_id.id)]
    if active_only:
        domain.append(("state", "=", "active"))
    return request.env["relance.client"].sudo().search(domain, limit=1)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets
import string
import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import consteq

from .. import const

TOKEN_ALPHABET = string.ascii_letters + string.digits


def _new_token(_records=None):
    return "".join(
        secrets.choice(TOKEN_ALPHABET) for _i in range(const.SHORT_TOKEN_LENGTH)
    )


class RelancePaymentLink(models.Model):
    """A short payment link (``/r/<token>``) for SMS reminders.

    It points to the portal page of one invoice, or to the balance page of
    several overdue invoices of one customer, and expires.
    """

    _name = "relance.payment.link"
    _description = "Short Payment Link"
    _order = "id desc"
    _check_company_auto = True

    # The token opens the debtor's payment page: readable by the system only
    # (the short link itself is built in sudo, see ``_get_short_url``).
    token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        index=True,
        default=_new_token,
        groups="base.group_system",
    )
    access_token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: str(uuid.uuid4()),
        groups="base.group_system",
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    action_id = fields.Many2one("relance.action", index=True, ondelete="cascade")
    move_ids = fields.Many2many("account.move", string="Invoices")
    shop_url = fields.Char(
        string="Own Shop URL",
        readonly=True,
        help="The creditor's own shop URL the link redirects to, if any.",
    )
    expires_at = fields.Datetime(
        required=True,
        default=lambda self: (
            fields.Datetime.now() + timedelta(days=const.SHORT_LINK_DAYS)
        ),
    )

    _token_uniq = models.Constraint("UNIQUE(token)", "The link token must be unique.")

    def _is_expired(self):
        self.ensure_one()
        return self.expires_at < fields.Datetime.now()

    def _check_access_token(self, token):
        self.ensure_one()
        return bool(token) and consteq(self.sudo().access_token, str(token))

    def _get_short_url(self):
        self.ensure_one()
        return (
            self.get_base_url().rstrip("/") + const.SHORT_LINK_ROUTE + self.sudo().token
        )

    def _get_target_path(self):
        """Portal path (with its access token) the short link redirects to."""
        self.ensure_one()
        if self.shop_url:
            return self.shop_url
        if len(self.move_ids) == 1:
            return self.move_ids.sudo().get_portal_url()
        return "/relance/balance/%s?access_token=%s" % (
            self.id,
            self.sudo().access_token,
        )

    def _get_target_url(self):
        self.ensure_one()
        if self.shop_url:
            return self.shop_url
        path = self._get_target_path().lstrip("/")
        return self.get_base_url().rstrip("/") + "/" + path

    @api.model
    def _get_or_create(self, action, moves, shop_url=False):
        """The live link of a reminder action, created on first use."""
        link = self.search(
            [
                ("action_id", "=", action.id),
                ("expires_at", ">", fields.Datetime.now()),
            ],
            limit=1,
        )
        if (
            link
            and set(link.move_ids.ids) == set(moves.ids)
            and (link.shop_url or False) == shop_url
        ):
            return link
        return self.create(
            {
                "company_id": action.company_id.id,
                "partner_id": action.partner_id.id,
                "action_id": action.id,
                "move_ids": [fields.Command.set(moves.ids)],
                "shop_url": shop_url,
            }
        )

    @api.autovacuum
    def _gc_expired_links(self):
        limit = fields.Datetime.now() - timedelta(days=const.SHORT_LINK_DAYS)
        self.search([("expires_at", "<", limit)]).unlink()

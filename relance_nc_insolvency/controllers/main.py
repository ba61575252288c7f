# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request

from .. import const
from ..tools import feed


class InsolvencyFeedController(http.Controller):
    """The provider's announcements as a JSON feed for other relance.nc
    databases (format ``relance.nc/insolvency-feed/1``, see readme/USAGE.md).

    Authenticated by an API key of a user of the group "Collective
    procedures feed" (``Authorization: Bearer <key>``).
    """

    @http.route(
        "/relance/insolvency/feed",
        type="http",
        auth="bearer",
        methods=["GET"],
        readonly=True,
    )
    def feed(self, since="0", limit=None, **kwargs):
        if not request.env.user.has_group(
            "relance_nc_insolvency.group_insolvency_feed"
        ):
            return self._error(403, "forbidden")
        try:
            since = int(since or 0)
            limit = min(int(limit or const.PAGE_SIZE), const.FEED_MAX_LIMIT)
        except (TypeError, ValueError):
            return self._error(400, "since and limit must be integers")
        if since < 0 or limit < 1:
            return self._error(400, "since and limit must be positive")
        procedures = (
            request.env["relance.insolvency.procedure"]
            .sudo()
            .search([("id", ">", since)], order="id", limit=limit + 1)
        )
        page = procedures[:limit]
        body = {
            "format": feed.FEED_FORMAT,
            "announcements": [procedure._feed_entry() for procedure in page],
            "next_cursor": str(page[-1].id) if page else str(since),
            "has_more": len(procedures) > limit,
        }
        return request.make_json_response(body)

    def _error(self, status, message):
        return request.make_json_response({"error": message}, status=status)

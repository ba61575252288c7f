# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.http import request
from odoo.tools import SQL

from .. import const
from ..models.payment_transaction import IPN_ROUTE, RETURN_ROUTE

_logger = logging.getLogger(__name__)


class RelanceLyraController(http.Controller):
    """Browser return and server-to-server notification (IPN) of Lyra."""

    @http.route(
        RETURN_ROUTE,
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def relance_lyra_return(self, **data):
        """The payer's browser comes back; the data is processed if signed."""
        tx_sudo = self._relance_lyra_verified_tx(data)
        if tx_sudo:
            self._relance_lyra_process(tx_sudo, data)
        return request.redirect("/payment/status")

    @http.route(IPN_ROUTE, type="http", auth="public", methods=["POST"], csrf=False)
    def relance_lyra_ipn(self, **data):
        """Instant payment notification: 403 on a bad signature, never a 500."""
        tx_sudo = self._relance_lyra_verified_tx(data)
        if not tx_sudo:
            return request.make_response("UNKNOWN ORDER", status=404)
        self._relance_lyra_process(tx_sudo, data)
        return request.make_response("OK")

    @staticmethod
    def _relance_lyra_verified_tx(data):
        """The transaction of the data, after checking its signature.

        :raise Forbidden: the signature is missing or wrong.
        """
        reference = data.get("vads_order_id")
        if not reference:
            return request.env["payment.transaction"]
        tx_sudo = (
            request.env["payment.transaction"]
            .sudo()
            .search(
                [
                    ("reference", "=", reference),
                    ("provider_code", "=", const.PROVIDER_CODE),
                ],
                limit=1,
            )
        )
        if not tx_sudo:
            _logger.info("Lyra data for unknown reference %s", reference)
            return tx_sudo
        if not tx_sudo.provider_id._relance_lyra_verify(data, data.get("signature")):
            _logger.info("Lyra data with an invalid signature for %s", reference)
            raise Forbidden()
        return tx_sudo

    @staticmethod
    def _relance_lyra_process(tx_sudo, data):
        """Process once: a replayed notification changes nothing."""
        # Serialise the return and the IPN of the same payment.
        tx_sudo.env.cr.execute(
            SQL(
                "SELECT 1 FROM payment_transaction WHERE id = %s FOR UPDATE",
                tx_sudo.id,
            )
        )
        tx_sudo.invalidate_recordset()
        # A payment of the form API is final once done, cancelled or in error
        # (also after a wrong amount): a new attempt is a new transaction.
        if tx_sudo.state in ("done", "cancel", "error"):
            _logger.info("Lyra data replayed for %s: ignored", tx_sudo.reference)
            return
        tx_sudo._process(const.PROVIDER_CODE, data)
        if tx_sudo.state == "done" and not tx_sudo.is_post_processed:
            # Reconcile the invoice and send the tickets now; if that fails,
            # the notification is still acknowledged and the post-processing
            # cron of the payment module retries.
            try:
                with tx_sudo.env.cr.savepoint():
                    tx_sudo._post_process()
            except Exception:
                _logger.exception("Post-processing of %s failed", tx_sudo.reference)

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import http
from odoo.http import request
from odoo.tools import SQL

from .. import const
from ..models.payment_transaction import IPN_ROUTE, RETURN_ROUTE
from ..tools import lyra

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
        if not tx_sudo:
            return self._relance_refused()
        self._relance_lyra_process(tx_sudo, data)
        return request.redirect("/payment/status")

    @http.route(IPN_ROUTE, type="http", auth="public", methods=["POST"], csrf=False)
    def relance_lyra_ipn(self, **data):
        """Instant payment notification, also sent later by the processor's
        back office (``vads_url_check_src=BO``)."""
        tx_sudo = self._relance_lyra_verified_tx(data)
        if not tx_sudo:
            return self._relance_refused()
        self._relance_lyra_process(tx_sudo, data)
        return request.make_response("OK")

    @staticmethod
    def _relance_refused():
        """One answer for malformed, unknown and wrongly signed data alike, so
        that nobody learns whether a reference exists."""
        return request.make_response(
            "REFUSED", headers=[("Content-Type", "text/plain")], status=403
        )

    @staticmethod
    def _relance_lyra_verified_tx(data):
        """The transaction of the data if it is well formed, known and signed
        by its enabled provider (shop id and mode included), else nothing."""
        reference = data.get("vads_order_id")
        signature = data.get("signature")
        txs = request.env["payment.transaction"].sudo()
        if not lyra.valid_order_id(reference) or not isinstance(signature, str):
            _logger.info("Lyra data with a malformed reference")
            return txs.browse()
        tx_sudo = txs.search(
            [
                ("reference", "=", reference),
                ("provider_code", "=", const.PROVIDER_CODE),
            ],
            limit=1,
        )
        if not tx_sudo or not tx_sudo.provider_id._relance_lyra_verify(data, signature):
            _logger.info("Lyra data refused for reference %s", reference)
            return txs.browse()
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
        # Cancelled or in error (also after a wrong amount) is final: a new
        # attempt is a new transaction. A done payment still follows the
        # processor's later notifications (cancelled, expired, lower amount).
        if tx_sudo.state in ("cancel", "error"):
            _logger.info("Lyra data replayed for %s: ignored", tx_sudo.reference)
            return
        tx_sudo._process(const.PROVIDER_CODE, data)
        if tx_sudo.state in ("done", "cancel") and not tx_sudo.is_post_processed:
            # Reconcile (or cancel) the payment and send the tickets now; if
            # that fails, the notification is still acknowledged and the
            # post-processing cron of the payment module retries.
            try:
                with tx_sudo.env.cr.savepoint():
                    tx_sudo._post_process()
            except Exception:
                _logger.exception("Post-processing of %s failed", tx_sudo.reference)

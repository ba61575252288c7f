# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from odoo import fields

from odoo.addons.relance_nc.tests.common import RelanceInvoiceCommon

JUDGMENT = "2026-02-15"


class InsolvencyCommon(RelanceInvoiceCommon):
    """The relance_nc invoicing fixture plus customers with RIDET/SIREN."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Announcements and their sources are the provider's staff's to enter.
        cls.env.user.group_ids |= cls.env.ref(
            "relance_nc.group_relance_provider_manager"
        )
        cls.customer.write({"ridet": "1231083002", "company_id": cls.company.id})
        cls.other = cls._create_relance_customer(
            "Quincaillerie de Koné",
            "75 22 33",
            ridet="0426049001",
            company_id=cls.company.id,
        )
        cls.french = cls._create_relance_customer(
            "Nickel Export SAS",
            "75 44 55",
            company_registry="732 829 320",
            company_id=cls.company.id,
        )
        cls.nameless = cls._create_relance_customer(
            "Épicerie Chez Léa", "75 66 77", company_id=cls.company.id
        )
        cls.Procedure = cls.env["relance.insolvency.procedure"]
        cls.Case = cls.env["relance.insolvency.case"]
        cls.Watch = cls.env["relance.insolvency.watch"]
        cls.company.relance_insolvency_watch_all = True

    @classmethod
    def _procedure(cls, **vals):
        return cls.Procedure.create(
            {
                "debtor_name": "SARL Boulangerie du Caillou",
                "ridet": "1231083001",
                "kind": "reorganisation",
                "judgment_date": JUDGMENT,
                "publication_date": "2026-02-20",
                "publication_ref": "JONC n° 10512",
                "court": "tmc_noumea",
                "administrator_name": "SELARL Mandataire Exemple",
                **vals,
            }
        )

    def _match(self, procedures):
        return self.Case._match_procedures(procedures)

    def _pay(self, move, amount, date):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"amount": amount, "payment_date": date})
            ._create_payments()
        )

    @contextmanager
    def _feed_server(self, handler):
        """A real HTTP server on 127.0.0.1 answering with ``handler``.

        ``handler(path, query, headers)`` returns ``(status, body bytes)`` or
        ``(status, body bytes, delay in seconds)``. Yields the base URL and
        the list of requests received, as ``(path, query, headers)``.
        """
        received = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                received.append((url.path, query, dict(self.headers)))
                status, body, *delay = handler(url.path, query, self.headers)
                if delay:
                    time.sleep(delay[0])
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (timeout, size cap): expected

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}", received
        finally:
            server.shutdown()
            server.server_close()
            thread.join()

    @staticmethod
    def _json(data):
        return json.dumps(data).encode()

    @staticmethod
    def _today(date):
        return fields.Date.to_date(date)

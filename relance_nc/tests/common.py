# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import new_test_user
from odoo.tools import file_open

from odoo.addons.base.tests.common import BaseCommon


class RelanceCommon(BaseCommon):
    """Base class: a New Caledonian company in XPF and a relance.nc user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nc = cls.env.ref("base.nc")
        cls.pf = cls.env.ref("base.pf")
        cls.company = cls.env.company
        cls.company.write({"country_id": cls.nc.id})
        cls.relance_user = new_test_user(
            cls.env,
            login="relance_user",
            groups="relance_nc.group_relance_user",
            company_id=cls.company.id,
        )
        cls.relance_manager = new_test_user(
            cls.env,
            login="relance_manager",
            groups="relance_nc.group_relance_manager",
            company_id=cls.company.id,
        )

    @classmethod
    def _create_customer(cls, name, **vals):
        return cls.env["res.partner"].create(
            dict(
                {
                    "name": name,
                    "is_company": True,
                    "customer_rank": 1,
                    "country_id": cls.nc.id,
                },
                **vals,
            )
        )

    @staticmethod
    def _read_test_file(name):
        with file_open(f"relance_nc/tests/data/{name}", "rb") as file:
            return file.read()

    @contextmanager
    def _local_http_server(self, routes):
        """Serve ``routes`` ({path: (status, body bytes)}) on 127.0.0.1.

        A real HTTP server in a thread, so that requests, timeouts and HTTP
        errors are exercised for real. Yields the base URL.
        """

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                status, body = routes.get(self.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", "text/csv; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()

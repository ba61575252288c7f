# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import new_test_user
from odoo.tools import file_open

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
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
        """Serve ``routes`` ({path: (status, body bytes[, headers])}) on 127.0.0.1.

        A real HTTP server in a thread, so that requests, timeouts and HTTP
        errors are exercised for real. Yields the base URL.
        """

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server API)
                status, body, *extra = routes.get(self.path, (404, b"not found"))
                self.send_response(status)
                for name, value in (extra[0] if extra else {}).items():
                    self.send_header(name, value)
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


class RelanceInvoiceCommon(AccountTestInvoicingCommon):
    """A New Caledonian company in XPF with the standard policy, accepted
    terms, customers with an email and a mobile, and invoice factories."""

    country_code = "NC"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.env.user.group_ids |= cls.env.ref("relance_nc.group_relance_manager")
        cls.company.write({"email": "compta@creancier.example.nc"})
        cls.company.partner_id.tz = "Pacific/Noumea"
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.company.action_relance_accept_terms()
        cls.policy = cls.env["relance.policy"]._get_company_default(cls.company)
        cls.levels = cls.policy.level_ids.sorted("delay")
        cls.customer = cls._create_relance_customer(
            "Boulangerie du Caillou", "75 12 34"
        )
        cls.Action = cls.env["relance.action"]

    @classmethod
    def _create_relance_customer(cls, name, phone, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "customer_rank": 1,
                "country_id": cls.env.ref("base.nc").id,
                "email": f"{name.split()[0].lower()}@client.example.nc",
                "phone": phone,
                "lang": "fr_FR" if cls.env["res.lang"]._lang_get("fr_FR") else "en_US",
                **vals,
            }
        )

    @classmethod
    def _invoice(cls, partner, amount, invoice_date, due_date=None, **vals):
        """A posted XPF invoice of one untaxed line."""
        move = cls._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner,
            invoice_date=invoice_date,
            invoice_payment_term_id=False,
            invoice_date_due=due_date or invoice_date,
            tax_ids=[],
            **vals,
        )
        move.action_post()
        return move

    def _plan(self, today):
        return self.Action._plan_company(self.company, today=today)

    def _actions(self, partner=None, **domain):
        return self.Action.search(
            [("partner_id", "=", (partner or self.customer).id)]
            + [(key, "=", value) for key, value in domain.items()]
        )

# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import html
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lxml import html as lxml_html

from odoo.tests import HttpCase

from odoo.addons.relance_nc.tests.common import RelanceInvoiceCommon

from ..tools import lyra

TEST_KEY = "1122334455667788"
SITE_ID = "12345678"


class FakeLyra:
    """A real HTTP server on 127.0.0.1 playing the Lyra hosted payment page.

    It receives the browser's form POST, checks its signature, sends the
    notification (IPN) to the shop's ``vads_url_check`` and answers the
    browser with a page that posts the result back to ``vads_url_return``.
    ``scenario`` picks the outcome: ``success``, ``refused``, ``abandoned``,
    ``tampered`` (signature broken after signing), ``wrong_amount`` (a
    properly signed lower amount) and ``replay`` (the same IPN twice).
    """

    def __init__(self, key, dbname):
        self.key = key
        # The test server holds several databases: say which one, as a
        # deployment's dbfilter would (Lyra itself sends no such header).
        self.dbname = dbname
        self.scenario = "success"
        self.forms = []
        self.ipn_statuses = []
        self.payer_email = "payeur@client.example.nc"
        self.server = None
        self.thread = None

    @property
    def url(self):
        return "http://127.0.0.1:%s/vads-payment/" % self.server.server_address[1]

    def _result(self, form):
        scenario = self.scenario
        status = {"refused": "REFUSED", "abandoned": "ABANDONED"}.get(
            scenario, "AUTHORISED"
        )
        result = {
            name: value
            for name, value in form.items()
            if name.startswith("vads_")
            and name not in ("vads_url_check", "vads_url_return", "vads_payment_cards")
        }
        threeds = form.get("vads_threeds_mpi") != "2"
        result.update(
            {
                "vads_trans_status": status,
                "vads_trans_uuid": uuid.uuid4().hex,
                "vads_url_check_src": "PAY",
                "vads_card_brand": "VISA",
                "vads_card_number": "497010XXXXXX0000",
                "vads_auth_number": "3fe4a2" if status == "AUTHORISED" else "",
                "vads_auth_result": "00" if status == "AUTHORISED" else "05",
                "vads_threeds_status": "Y" if threeds else "",
                "vads_threeds_cavv": "Q2F2dkNhdnZDYXZ2Q2F2dkNhdnY=" if threeds else "",
                "vads_cust_email": self.payer_email or "",
                "vads_result": "00" if status == "AUTHORISED" else "05",
            }
        )
        if scenario == "wrong_amount":
            result["vads_amount"] = str(int(result["vads_amount"]) - 100)
        result["signature"] = lyra.sign(result, self.key)
        if scenario == "tampered":
            result["vads_amount"] = str(int(result["vads_amount"]) - 100)
        return result

    def _post(self, url, fields, cookie):
        data = urllib.parse.urlencode(fields).encode()
        headers = {"X-Odoo-Database": self.dbname}
        if cookie:
            # Odoo's HttpCase only serves requests carrying its test cookie.
            headers["Cookie"] = "test_request_key=%s" % cookie
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def _handle(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length).decode()
        form = dict(urllib.parse.parse_qsl(body, keep_blank_values=True))
        self.forms.append(form)
        if not lyra.verify(form, form.get("signature"), self.key):
            handler.send_response(400)
            handler.end_headers()
            handler.wfile.write(b"bad signature")
            return
        cookies = SimpleCookie(handler.headers.get("Cookie") or "")
        cookie = (
            cookies["test_request_key"].value if "test_request_key" in cookies else ""
        )
        result = self._result(form)
        times = 2 if self.scenario == "replay" else 1
        for _i in range(times):
            self.ipn_statuses.append(self._post(form["vads_url_check"], result, cookie))
        inputs = "".join(
            '<input type="hidden" name="%s" value="%s"/>'
            % (html.escape(name), html.escape(value))
            for name, value in result.items()
        )
        page = (
            "<html><body><p>Fake Lyra: %s</p>"
            '<form id="f" method="post" action="%s">%s</form>'
            "<script>document.getElementById('f').submit();</script>"
            "</body></html>"
            % (self.scenario, html.escape(form["vads_url_return"]), inputs)
        ).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)

    @contextmanager
    def running(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                fake._handle(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            self.thread.join()


class LyraShopMixin:
    """For an HttpCase: a copy of the hosted shop in test mode, card payments,
    the server's own base URL, and the redirect forms of the payment flow."""

    @classmethod
    def _setup_lyra_shop(cls, company, name):
        """The hosted shop of ``company`` in test mode (card enabled)."""
        shop = (
            cls.env.ref("relance_nc_payment.payment_provider_relance_lyra")
            .sudo()
            .copy({"company_id": company.id, "name": name})
        )
        shop.write(
            {
                "relance_lyra_site_id": SITE_ID,
                "relance_lyra_test_key": TEST_KEY,
                "relance_lyra_brand": "custom",
                "relance_lyra_custom_url": "http://127.0.0.1:9/vads-payment/",
                "state": "test",
                "is_published": True,
            }
        )
        cls.card = cls.env.ref("payment.payment_method_card")
        cls.card.active = True
        return shop

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param(
            "web.base.url", self.base_url()
        )

    @staticmethod
    def _redirect_form(page_html):
        """``(action, {input name: value})`` of the form in ``page_html``."""
        tree = lxml_html.fromstring(page_html)
        form = tree if tree.tag == "form" else tree.find(".//form")
        inputs = {i.get("name"): i.get("value") or "" for i in form.iter("input")}
        return form.get("action"), inputs

    def _form(self, processing_values):
        return self._redirect_form(processing_values["redirect_form_html"])


class RelancePaymentCommon(LyraShopMixin, RelanceInvoiceCommon, HttpCase):
    """An XPF creditor with the hosted shop in test mode and invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls._setup_lyra_shop(cls.company, "relance.nc hosted shop")
        cls.invoice = cls._invoice(cls.customer, 1234.5, "2026-01-10", "2026-02-10")

    def _invoice_tx(self, invoice=None, amount=None):
        """Create the transaction the way the portal payment form does."""
        invoice = invoice or self.invoice
        invoice._portal_ensure_token()
        return self.make_jsonrpc_request(
            "/invoice/transaction/%s" % invoice.id,
            {
                "access_token": invoice.access_token,
                "provider_id": self.provider.id,
                "payment_method_id": self.card.id,
                "token_id": None,
                "amount": amount or invoice.amount_residual,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": invoice.get_portal_url(),
                "is_validation": False,
            },
        )

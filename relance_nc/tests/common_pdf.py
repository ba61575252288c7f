# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

from odoo.tests import HttpCase


class PdfDownloadCase(HttpCase):
    """PDFs as a user downloads them from the running server, read back with
    the poppler tools (pdftotext, pdffonts).

    In a test database, ``/report/pdf/...`` answers the HTML of the report
    unless the context asks for a real rendering (``force_report_rendering``,
    see ``ir.actions.report._pre_render_qweb_pdf``); wkhtmltopdf then loads
    the report stylesheet from the test server, as in production.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        report = cls.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() not in ("ok", "upgrade"):
            cls.skipTest(cls, "wkhtmltopdf is not available")
        if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
            cls.skipTest(cls, "pdftotext (poppler-utils) is not available")
        cls._generate_report_assets()

    @classmethod
    def _generate_report_assets(cls):
        """Build the report stylesheets before any download: the report
        route runs on a read-only cursor, which the test server shares with
        the stylesheet requests of wkhtmltopdf (in production each request
        has its own cursor and the bundle is built on first use)."""
        qweb = cls.env["ir.qweb"]
        for bundle in ("web.report_assets_common", "web.report_assets_pdf"):
            for autoprefix in (False, True):
                qweb._get_asset_bundle(bundle, js=False, autoprefix=autoprefix).css()

    def _download_report(self, report_name, ids, **context):
        """Bytes of ``/report/pdf/<report_name>/<ids>``, checked to be a PDF."""
        context = dict(context, force_report_rendering=True)
        url = "/report/pdf/{}/{}?context={}".format(
            report_name, ",".join(str(i) for i in ids), quote(json.dumps(context))
        )
        return self._download_pdf(url)

    def _download_pdf(self, url):
        response = self.url_open(url, timeout=300)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF-"), "a real PDF")
        return response.content

    @staticmethod
    def _poppler(tool, data, *args):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "document.pdf"
            path.write_bytes(data)
            return subprocess.run(
                [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                capture_output=True,
                check=True,
                timeout=120,
            ).stdout.decode()

    def _pdf_pages(self, data, *args):
        """Text of each page (pdftotext), whitespace and no-break spaces
        normalised."""
        text = self._poppler("pdftotext", data, *args)
        return [
            re.sub(r"[\u00a0\u202f\s]+", " ", page).strip()
            for page in text.split("\f")[:-1]
        ]

    def _pdf_fonts(self, data):
        """Names of the fonts embedded in the PDF (pdffonts), subset prefix
        removed."""
        lines = self._poppler("pdffonts", data).splitlines()[2:]
        return {line.split()[0].split("+")[-1] for line in lines if line.strip()}

    def assertRealText(self, data, font):
        """The PDF draws its text with the embedded ``font`` (the styled
        document), not with outlines."""
        fonts = self._pdf_fonts(data)
        self.assertTrue(
            any(name.startswith(font) for name in fonts),
            f"{font} is not among the embedded fonts {sorted(fonts)}",
        )
        self.assertTrue(self._pdf_pages(data)[0], "the first page has text")

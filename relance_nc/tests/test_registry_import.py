# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .. import const
from .common import RelanceCommon


@tagged("post_install", "-at_install")
class TestRegistryImport(RelanceCommon):
    def _units(self):
        return self.env["relance.registry.unit"].search([("source", "=", "ridet")])

    def test_import_file_reports_malformed_rows_with_line_numbers(self):
        record = self.env["relance.registry.import"]._import_file(
            self._read_test_file("ridet_entreprises.csv"), "ridet_entreprises.csv"
        )
        self.assertRecordValues(
            record,
            [
                {
                    "state": "done",
                    "file_format": "ridet_company",
                    "row_count": 6,
                    "unit_count": 4,
                    "error_count": 2,
                }
            ],
        )
        self.assertIn("Line 5:", record.error_log)
        self.assertIn("Line 6:", record.error_log)
        unit = self._units().filtered(lambda u: u.identifier == "0987651")
        self.assertRecordValues(
            unit,
            [
                {
                    "kind": "company",
                    "name": "GARAGE DU MONT-DORE",
                    "city": "Le Mont-Dore",
                    "state": "active",
                    "identifier_formatted": "0 987 651",
                }
            ],
        )

    def test_unit_missing_from_next_complete_import_is_ceased(self):
        imports = self.env["relance.registry.import"]
        imports._import_file(self._read_test_file("ridet_entreprises.csv"), "a.csv")
        # One unit of four (25 %) is more than the share ceased without a word.
        with self.assertRaisesRegex(UserError, "1 of the 4 active units"):
            imports._import_file(
                self._read_test_file("ridet_entreprises_next.csv"), "b.csv"
            )
        record = imports.with_context(
            relance_registry_confirm_ceased=True
        )._import_file(self._read_test_file("ridet_entreprises_next.csv"), "b.csv")
        self.assertEqual(record.ceased_count, 1)
        ceased = self._units().filtered(lambda u: u.state == "ceased")
        self.assertEqual(ceased.mapped("identifier"), ["1010107"])
        self.assertTrue(ceased.ceased_date)

    def test_partial_import_ceases_nothing(self):
        imports = self.env["relance.registry.import"]
        imports._import_file(self._read_test_file("ridet_entreprises.csv"), "a.csv")
        imports._import_file(
            self._read_test_file("ridet_entreprises_next.csv"), "b.csv", complete=False
        )
        self.assertEqual(set(self._units().mapped("state")), {"active"})

    def test_reimport_updates_instead_of_duplicating(self):
        imports = self.env["relance.registry.import"]
        content = self._read_test_file("ridet_entreprises.csv")
        imports._import_file(content, "a.csv")
        imports._import_file(content.replace(b"Le Mont-Dore", b"Mont-Dore"), "a.csv")
        units = self._units()
        self.assertEqual(len(units), 4)
        self.assertIn("Mont-Dore", units.mapped("city"))

    def test_not_a_registry_file_is_refused(self):
        with self.assertRaisesRegex(UserError, "not a registry extract"):
            self.env["relance.registry.import"]._import_file(
                b"foo;bar\n1;2\n", "other.csv"
            )

    def setUp(self):
        super().setUp()
        # The local test server is an allowed host, as a deployment would add
        # a mirror of the registers.
        self.env["ir.config_parameter"].set_param(
            "relance_nc.registry_allowed_hosts", "127.0.0.1"
        )

    def test_url_of_another_host_or_scheme_is_refused(self):
        imports = self.env["relance.registry.import"]
        self.env["ir.config_parameter"].set_param(
            "relance_nc.registry_allowed_hosts", ""
        )
        for url in (
            "https://evil.example.com/ridet.csv",
            "http://data.gouv.nc/api/explore/v2.1/catalog/datasets/x.csv",
            "https://data.gouv.nc.evil.example.com/x.csv",
            "file:///etc/passwd",
            "http://127.0.0.1:9/x.csv",
        ):
            with (
                self.subTest(url=url),
                self.assertRaisesRegex(UserError, "not an https address"),
            ):
                imports._import_url(url)
        self.assertFalse(imports.search([("origin", "=", "url")]))

    def test_redirect_to_another_host_is_refused(self):
        body = self._read_test_file("ridet_entreprises.csv")
        routes = {
            "/moved.csv": (302, b"", {"Location": "https://evil.example.com/x.csv"}),
            "/here.csv": (302, b"", {"Location": "/export.csv"}),
            "/export.csv": (200, body),
        }
        imports = self.env["relance.registry.import"]
        with self._local_http_server(routes) as base_url:
            with self.assertRaisesRegex(UserError, "not an https address"):
                imports._import_url(f"{base_url}/moved.csv")
            record = imports._import_url(f"{base_url}/here.csv")
        self.assertEqual(record.unit_count, 4)

    def test_download_caps_and_no_echo(self):
        imports = self.env["relance.registry.import"]
        header = self._read_test_file("ridet_entreprises.csv").split(b"\n")[0]
        long_line = header + b"\n" + b"1;" + b"x" * 20000 + b"\n"
        routes = {
            "/secret.csv": (200, b"SECRET-CONTENT;col\nTOKEN-123;2\n"),
            "/long.csv": (200, long_line),
            "/big.csv": (200, self._read_test_file("ridet_entreprises.csv")),
        }
        with self._local_http_server(routes) as base_url:
            with self.assertRaises(UserError) as error:
                imports._import_url(f"{base_url}/secret.csv")
            self.assertNotIn("SECRET-CONTENT", str(error.exception))
            self.assertNotIn("TOKEN-123", str(error.exception))
            with self.assertRaisesRegex(UserError, "Line 2 is longer than"):
                imports._import_url(f"{base_url}/long.csv")
            with (
                patch.object(const, "REGISTRY_MAX_BYTES", 100),
                self.assertRaisesRegex(UserError, "larger than 100 bytes"),
            ):
                imports._import_url(f"{base_url}/big.csv")
        self.assertFalse(self._units())

    def test_import_from_url_over_http(self):
        body = self._read_test_file("ridet_entreprises.csv")
        with self._local_http_server({"/export.csv": (200, body)}) as base_url:
            wizard = self.env["relance.registry.import.wizard"].create(
                {"origin": "url", "url": f"{base_url}/export.csv"}
            )
            action = wizard.action_import()
        record = self.env["relance.registry.import"].browse(action["res_id"])
        self.assertRecordValues(
            record, [{"state": "done", "origin": "url", "unit_count": 4}]
        )

    def test_http_error_is_a_clear_error_and_changes_nothing(self):
        with self._local_http_server({"/down.csv": (503, b"busy")}) as base_url:
            with self.assertRaisesRegex(UserError, "HTTP error 503"):
                self.env["relance.registry.import"]._import_url(f"{base_url}/down.csv")
        self.assertFalse(self._units())

    def test_unreachable_server_is_a_clear_error(self):
        with self._local_http_server({}) as base_url:
            pass  # the server is stopped: its port refuses connections
        with self.assertRaisesRegex(UserError, "could not be downloaded"):
            self.env["relance.registry.import"]._import_url(f"{base_url}/gone.csv")

    def test_upload_through_the_wizard(self):
        wizard = self.env["relance.registry.import.wizard"].create(
            {
                "origin": "file",
                "file": base64.b64encode(self._read_test_file("ridet_entreprises.csv")),
                "file_name": "ridet_entreprises.csv",
            }
        )
        action = wizard.action_import()
        record = self.env["relance.registry.import"].browse(action["res_id"])
        self.assertEqual(record.unit_count, 4)

    def test_only_managers_import(self):
        wizard_model = self.env["relance.registry.import.wizard"]
        with self.assertRaises(AccessError):
            wizard_model.with_user(self.relance_user).create({"origin": "file"})
        wizard_model.with_user(self.relance_manager).create({"origin": "file"})

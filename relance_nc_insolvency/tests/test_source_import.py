# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import json

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..tools import feed
from .common import InsolvencyCommon

CSV = (
    "nom;ridet;siren;type;date_jugement;tribunal;date_publication;jonc;mandataire\n"
    "SARL Boulangerie du Caillou;1 231 083.001;;Redressement judiciaire;15/02/2026;"
    "Tribunal mixte de commerce de Nouméa;20/02/2026;JONC n° 10512;SELARL MJP\n"
    "Sans date;0426049;;liquidation judiciaire;;;;;\n"
    "Garage de Koné;0300137;;liquidation judiciaire;2026-02-10;"
    "TPI Nouméa section détachée de Koné;;;\n"
).encode()


def _announcement(number, **vals):
    return {
        "id": f"provider-{number}",
        "debtor_name": f"Débiteur {number}",
        "ridet": None,
        "kind": "liquidation",
        "judgment_date": "2026-02-01",
        **vals,
    }


@tagged("post_install", "-at_install")
class TestSourceImport(InsolvencyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Source = cls.env["relance.insolvency.source"]

    def _provider_source(self, url, **vals):
        return self.Source.create(
            {
                "name": "CRDC Nouméa",
                "kind": "provider",
                "url": f"{url}/relance/insolvency/feed",
                "api_key": "secret-key",
                **vals,
            }
        )

    def test_csv_file_imports_good_rows_and_reports_bad_ones(self):
        source = self.Source.create(
            {
                "name": "JONC",
                "kind": "file",
                "file": base64.b64encode(CSV),
                "file_name": "jonc.csv",
            }
        )
        source.action_import()
        procedures = source.procedure_ids.sorted("debtor_name")
        self.assertRecordValues(
            procedures,
            [
                {
                    "debtor_name": "Garage de Koné",
                    "court": "tpi_kone",
                    "kind": "liquidation",
                    "publication_ref": False,
                    "administrator_name": False,
                    "rid": "0300137",
                },
                {
                    "debtor_name": "SARL Boulangerie du Caillou",
                    "court": "tmc_noumea",
                    "kind": "reorganisation",
                    "publication_ref": "JONC n° 10512",
                    "administrator_name": "SELARL MJP",
                    "rid": "1231083",
                },
            ],
        )
        self.assertEqual(source.last_count, 2)
        self.assertEqual(source.last_rejected, "3: missing judgment date")
        # The customer of the company is matched at once by its RID.
        case = self.Case.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(case.method, "ridet")
        # Importing the same file again creates nothing.
        source.action_import()
        self.assertEqual(len(source.procedure_ids), 2)
        self.assertEqual(source.last_count, 0)

    def test_unreadable_file_is_refused(self):
        source = self.Source.create(
            {
                "name": "JONC",
                "kind": "file",
                "file": base64.b64encode(b"{oops"),
                "file_name": "jonc.json",
            }
        )
        with self.assertRaisesRegex(UserError, "unreadable data"):
            source.action_import()

    def test_provider_feed_pages_cursor_and_duplicates(self):
        pages = {
            "0": {
                "next_cursor": "2",
                "has_more": True,
                "announcements": [_announcement(1), _announcement(2)],
            },
            "2": {
                "next_cursor": "3",
                "has_more": False,
                "announcements": [_announcement(3, ridet="1231083")],
            },
            "3": {"next_cursor": "3", "has_more": False, "announcements": []},
        }

        def handler(path, query, headers):
            if headers.get("Authorization") != "Bearer secret-key":
                return 401, b"{}"
            page = dict(pages[query["since"]], format=feed.FEED_FORMAT)
            return 200, self._json(page)

        with self._feed_server(handler) as (url, received):
            source = self._provider_source(url)
            source.action_import()
            self.assertEqual(source.cursor, "3")
            self.assertEqual(len(source.procedure_ids), 3)
            self.assertEqual([q["since"] for _p, q, _h in received], ["0", "2"])
            # Next run resumes at the cursor; the same page again adds nothing.
            pages["3"]["announcements"] = [_announcement(3, ridet="1231083")]
            source.action_import()
            self.assertEqual(received[-1][1]["since"], "3")
            self.assertEqual(len(source.procedure_ids), 3)
        self.assertEqual(
            self.Case.search([("partner_id", "=", self.customer.id)]).method, "ridet"
        )

    def test_provider_feed_malformed_entries_are_skipped(self):
        page = {
            "format": feed.FEED_FORMAT,
            "next_cursor": "9",
            "has_more": False,
            "announcements": [
                _announcement(1),
                _announcement(2, judgment_date="hier"),
                _announcement(3, kind="vente"),
                "garbage",
            ],
        }
        with self._feed_server(lambda *a: (200, self._json(page))) as (url, _r):
            source = self._provider_source(url)
            source.action_import()
        self.assertEqual(len(source.procedure_ids), 1)
        self.assertEqual(
            source.last_rejected.splitlines(),
            [
                "2: invalid date 'hier'",
                "3: unknown kind of procedure 'vente'",
                "4: entry is not an object",
            ],
        )
        self.assertEqual(source.cursor, "9")

    def test_provider_feed_errors(self):
        cases = [
            (lambda *a: (200, b"not json"), "unreadable data"),
            (lambda *a: (200, self._json({"announcements": []})), "unreadable data"),
            (lambda *a: (401, b"{}"), "answered HTTP 401"),
            (lambda *a: (200, b"{}", 11), "did not answer within 10 seconds"),
            (lambda *a: (200, b"x" * 5000), "sent more than 1000 bytes"),
        ]
        for handler, message in cases:
            with self.subTest(message=message), self._feed_server(handler) as (url, _r):
                source = self._provider_source(url, timeout=10, max_bytes=1000)
                with self.assertRaisesRegex(UserError, message):
                    source.action_import()
                self.assertFalse(source.cursor)

    def test_cron_records_the_error_and_goes_on(self):
        with self._feed_server(lambda *a: (200, b"x" * 5000)) as (url, _r):
            source = self._provider_source(url, max_bytes=1000)
            self.Source.search([("id", "!=", source.id)]).active = False
            with self.enter_registry_test_mode():
                cron = self.env.ref("relance_nc_insolvency.ir_cron_insolvency_import")
                cron.method_direct_trigger()
                cron.method_direct_trigger()  # a second run fails the same way
        source.invalidate_recordset()
        self.assertIn("sent more than 1000 bytes", source.last_error)

    def test_bodacc_page(self):
        record = {
            "id": "A202600120345",
            "publicationavis": "A",
            "dateparution": "2026-02-20",
            "numeroannonce": 345,
            "familleavis_lib": "Procédures collectives",
            "tribunal": "TRIBUNAL DE COMMERCE DE PARIS",
            "commercant": "NICKEL EXPORT",
            "registre": ["732 829 320", "732829320"],
            "jugement": json.dumps(
                {
                    "nature": "Jugement d'ouverture d'une procédure de liquidation "
                    "judiciaire",
                    "date": "2026-02-12",
                }
            ),
        }

        def handler(path, query, headers):
            self.assertIn("Procédures collectives", query["where"])
            self.assertIn("dateparution>=date'2026-02-01'", query["where"])
            return 200, self._json({"total_count": 1, "results": [record]})

        with self._feed_server(handler) as (url, _r):
            source = self.Source.create(
                {
                    "name": "BODACC",
                    "kind": "bodacc",
                    "url": url + "/records",
                    "cursor": "2026-02-01",
                }
            )
            source.action_import()
        self.assertRecordValues(
            source.procedure_ids,
            [
                {
                    "siren": "732829320",
                    "kind": "liquidation",
                    "court": "other",
                    "court_name": "TRIBUNAL DE COMMERCE DE PARIS",
                    "publication_ref": "BODACC A n° 345",
                }
            ],
        )
        self.assertEqual(source.cursor, "2026-02-20")
        case = self.Case.search([("partner_id", "=", self.french.id)])
        self.assertEqual(case.method, "siren")
        self.assertEqual(case.state, "active")

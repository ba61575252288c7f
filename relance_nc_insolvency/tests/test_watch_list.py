# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import InsolvencyCommon


@tagged("post_install", "-at_install")
class TestWatchList(InsolvencyCommon):
    def _watched(self):
        self.Watch._refresh_company(self.company)
        return self.Watch.search([("company_id", "=", self.company.id)])

    def test_customer_under_reminder_is_watched_automatically(self):
        self.company.relance_insolvency_watch_all = False
        self._invoice(self.customer, 10_000, "2026-01-01", "2026-01-31")
        self._invoice(self.other, 10_000, "2026-01-01", "2026-01-31")
        self._plan(self._today("2026-02-10"))
        self.assertTrue(self.Action.search([("partner_id", "=", self.customer.id)]))
        watched = self._watched()
        self.assertEqual(set(watched.partner_id.ids), {self.customer.id, self.other.id})
        self.assertEqual(set(watched.mapped("origin")), {"reminder"})
        self.assertTrue(all(watched.mapped("watchable")))
        self.assertEqual(
            watched.filtered(lambda w: w.partner_id == self.customer).rid, "1231083"
        )

    def test_without_reminder_nothing_is_watched_unless_whole_base(self):
        self.company.relance_insolvency_watch_all = False
        self.assertFalse(self._watched())
        self.company.relance_insolvency_watch_all = True
        watched = self._watched()
        self.assertIn(self.customer, watched.partner_id)
        self.assertEqual(
            watched.filtered(lambda w: w.partner_id == self.customer).origin, "customer"
        )

    def test_not_watchable_list_gives_the_reason(self):
        watched = self._watched()
        nameless = watched.filtered(lambda w: w.partner_id == self.nameless)
        self.assertFalse(nameless.watchable)
        self.assertEqual(nameless.reason, "No RIDET, TAHITI or SIREN number")
        french = watched.filtered(lambda w: w.partner_id == self.french)
        self.assertTrue(french.watchable)
        self.assertEqual(french.siren, "732829320")
        not_watchable = self.Watch.search(
            [("company_id", "=", self.company.id), ("watchable", "=", False)]
        )
        self.assertNotIn(self.customer, not_watchable.partner_id)

    def test_refresh_follows_the_customers(self):
        watched = self._watched()
        self.other.ridet = "0300137001"
        self.nameless.active = False
        watched = self._watched()
        self.assertEqual(
            watched.filtered(lambda w: w.partner_id == self.other).rid, "0300137"
        )
        self.assertNotIn(self.nameless, watched.partner_id)

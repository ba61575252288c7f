# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import feed


@tagged("post_install", "-at_install")
class TestFeedController(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = new_test_user(
            cls.env,
            login="feed_reader",
            groups="base.group_user,relance_nc_insolvency.group_insolvency_feed",
        )
        cls.outsider = new_test_user(
            cls.env, login="feed_outsider", groups="base.group_user"
        )
        cls.key = cls._api_key(cls.reader)
        cls.outsider_key = cls._api_key(cls.outsider)
        cls.procedures = cls.env["relance.insolvency.procedure"].create(
            [
                {
                    "debtor_name": f"Débiteur {i}",
                    "ridet": "1231083",
                    "kind": "liquidation",
                    "judgment_date": "2026-02-01",
                    "court": "tmc_noumea",
                }
                for i in range(3)
            ]
        )

    @classmethod
    def _api_key(cls, user):
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            ._generate(None, "feed", fields.Datetime.now() + timedelta(days=1))
        )

    def _get(self, key, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self.url_open(
            f"/relance/insolvency/feed?{query}",
            headers={"Authorization": f"Bearer {key}"} if key else {},
        )

    def test_pages_in_the_documented_format(self):
        since = self.procedures[0].id - 1
        response = self._get(self.key, since=since, limit=2)
        self.assertEqual(response.status_code, 200)
        entries, rejected, cursor, more = feed.parse_feed(response.text)
        self.assertEqual(rejected, [])
        self.assertEqual(len(entries), 2)
        self.assertTrue(more)
        self.assertEqual(cursor, str(self.procedures[1].id))
        self.assertEqual(entries[0]["court"], "Tribunal mixte de commerce de Nouméa")
        last = feed.parse_feed(self._get(self.key, since=cursor).text)
        self.assertEqual(len(last[0]), 1)
        self.assertFalse(last[3])

    def test_authentication_and_bad_input(self):
        self.assertEqual(self._get(None).status_code, 401)
        self.assertEqual(self._get("wrong-key").status_code, 401)
        self.assertEqual(self._get(self.outsider_key).status_code, 403)
        self.assertEqual(self._get(self.key, since="abc").status_code, 400)
        self.assertEqual(self._get(self.key, since="-5").status_code, 400)

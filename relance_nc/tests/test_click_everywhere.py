# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

CLICKBOT = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    ".startClickEverywhere('relance_nc.menu_relance_root');"
)


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    """Odoo's clickbot (web's test_click_everywhere) on the relance.nc app:
    every menu, view and filter of the installed relance.nc add-ons opens in
    French for a creditor's accountant without an error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        modules = [
            "base",
            "web",
            *cls.env["ir.module.module"]
            .search([("name", "=like", "relance_nc%"), ("state", "=", "installed")])
            .mapped("name"),
        ]
        cls.env["ir.module.module"]._load_module_terms(modules, ["fr_FR"])
        cls.accountant = new_test_user(
            cls.env,
            login="relance_accountant",
            groups="account.group_account_invoice,relance_nc.group_relance_user",
            lang="fr_FR",
            tz="Pacific/Noumea",
        )

    def test_click_everywhere_in_relance_nc_as_creditor(self):
        self.browser_js(
            "/odoo",
            CLICKBOT,
            "odoo.isReady === true",
            login=self.accountant.login,
            timeout=900,
            success_signal="clickbot test succeeded",
        )

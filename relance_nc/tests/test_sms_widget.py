# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from odoo.addons.web.tests.test_js import unit_test_error_checker


def _hoot_id(name):
    """Hoot's id of a test suite (web/tests/test_js.py HOOTCommon)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestSmsWidget(HttpCase):
    """The composer's live SMS counter (static/tests/sms_text_field.test.js),
    run by Hoot in the browser; skipped where Chrome is missing."""

    def test_sms_counter_widget(self):
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&id={_hoot_id('@relance_nc')}",
            "",
            "",
            login="admin",
            timeout=300,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=unit_test_error_checker,
        )

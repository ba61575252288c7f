# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from odoo.addons.relance_nc.models.relance_action_channel import Channel

from .common import RelanceInvoiceCommon


@tagged("post_install", "-at_install")
class TestChannelRegistry(RelanceInvoiceCommon):
    """A channel is one registry entry plus its executor."""

    def test_base_channels(self):
        registry = self.Action._get_channel_registry()
        self.assertEqual(
            list(registry),
            ["email", "sms", "letter", "registered_letter", "call", "handover"],
        )
        self.assertEqual(
            self.Action._selection_channel(),
            [(code, channel.label) for code, channel in registry.items()],
        )
        executed = self.Action._get_executed_channels()
        # the hand-over's executor opens a draft collection case (relance.case)
        self.assertIn("handover", executed)
        self.assertTrue({"email", "sms", "call"} <= set(executed))
        # letters are sent when an add-on gives them an executor
        has_letters = "_execute_letter" in dir(type(self.Action))
        self.assertEqual("letter" in executed, has_letters)

    @freeze_time("2026-10-08 01:00")  # noon in Nouméa, in the sending window
    def test_a_new_channel_is_one_declaration_and_its_executor(self):
        sent = []
        base_registry = type(self.Action)._get_channel_registry

        def registry(model):
            channels = base_registry(model)
            channels["fax"] = Channel(
                "fax",
                "Fax",
                "use_handover",  # any level switch: a real add-on adds its own
                requires="phone",
                optout_field="relance_optout_call",
            )
            return channels

        def execute_fax(action):
            sent.append(action.partner_id)
            action._set_done()

        invoice = self._invoice(
            self.customer, 9000, date(2026, 9, 1), date(2026, 10, 1)
        )
        level = self.levels.filtered(lambda lvl: lvl.delay == 7)
        level.write({"use_email": False, "use_sms": False, "use_handover": True})
        with (
            patch.object(type(self.Action), "_get_channel_registry", registry),
            patch.object(type(self.Action), "_execute_fax", execute_fax, create=True),
        ):
            self.assertIn(("fax", "Fax"), self.Action._selection_channel())
            self.assertEqual(level._get_channels(), ["handover", "fax"])
            # the customer's opt-out declared for the channel applies
            self.customer.relance_optout_call = True
            self.assertEqual(self._plan(date(2026, 10, 8)).channel, "handover")
            self._actions().action_cancel()
            self.customer.relance_optout_call = False
            actions = self._plan(date(2026, 10, 8))
            self.assertEqual(sorted(actions.mapped("channel")), ["fax", "handover"])
            fax = actions.filtered(lambda a: a.channel == "fax")
            self.assertFalse(fax.missing_info)  # 75: a mobile, a phone
            due = self.Action.search(self.Action._get_due_domain())
            self.assertEqual(due & actions, actions)  # the hand-over is sent too
            fax._execute()
            self.assertEqual(sent, [self.customer])
            self.assertEqual(fax.state, "done")
            self.assertEqual(invoice.relance_level_id, level)

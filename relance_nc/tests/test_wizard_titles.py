# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWizardTitles(TransactionCase):
    """Transient screens of the installed relance.nc add-ons are titled by
    what they do: no dialog or breadcrumb reads ``<model>,NewId_…``."""

    def _our_transient_models(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("module", "=like", "relance_nc%")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        return sorted(set(models.filtered("transient").mapped("model")))

    def test_every_transient_model_of_ours_has_a_title(self):
        names = self._our_transient_models()
        self.assertIn("relance.call.outcome.wizard", names)
        self.assertIn("res.config.settings", names)
        for name in names:
            with self.subTest(model=name):
                model = self.env[name]
                # a screen with a name field (a dashboard card) shows that name
                values = {model._rec_name: "Card"} if model._rec_name else {}
                record = model.new(values)
                self.assertTrue(record.display_name)
                self.assertNotIn("NewId", record.display_name)
                self.assertNotIn(name, record.display_name)

    def test_title_is_the_screen_description(self):
        wizard = self.env["relance.call.outcome.wizard"].new({})
        self.assertEqual(wizard.display_name, "Reminder Call Outcome")

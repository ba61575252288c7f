# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from unittest.mock import patch


@contextmanager
def installing_demo(env):
    """Build demo data as at installation, when no PDF can be rendered
    (``res.company._relance_demo_can_render``); yield the demo's scheduled
    action, which Odoo runs once it serves (``method_direct_trigger()``)."""
    companies = env["res.company"]
    with patch.object(type(companies), "_relance_demo_can_render", lambda self: False):
        yield env.ref("relance_nc.ir_cron_relance_demo_finish")

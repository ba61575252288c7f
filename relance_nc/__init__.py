# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import controllers
from . import models
from . import report
from . import wizards


def post_init_hook(env):
    """Give every existing company its standard reminder policy."""
    env["relance.policy"]._create_company_defaults(env["res.company"].search([]))

# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import controllers
from . import models

from odoo.addons.payment import reset_payment_provider, setup_provider

from .const import PROVIDER_CODE


def post_init_hook(env):
    setup_provider(env, PROVIDER_CODE)


def uninstall_hook(env):
    reset_payment_provider(env, PROVIDER_CODE)

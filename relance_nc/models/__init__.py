# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import res_company
from . import res_company_first_use
from . import res_partner
from . import relance_registry_unit
from . import relance_registry_import
from . import relance_partner_check
from . import relance_partner_update
from . import relance_policy
from . import relance_level
from . import relance_holiday
from . import relance_terms_acceptance
from . import relance_action
from . import account_move
from . import sms_sms
from . import res_config_settings
from . import mail_mail
from . import ir_qweb

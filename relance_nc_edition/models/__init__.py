# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import relance_postage_rate
from . import relance_letter
from . import relance_letter_batch
from . import relance_action
from . import relance_level
from . import res_company
from . import res_partner
from . import relance_partner_update
from . import relance_letter_client
from . import relance_provider_dashboard
from . import res_company_demo

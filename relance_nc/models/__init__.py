# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import res_company
from . import res_partner
from . import relance_registry_unit
from . import relance_registry_import
from . import relance_partner_check
from . import relance_partner_update

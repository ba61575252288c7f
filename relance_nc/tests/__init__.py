# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_partner_identity
from . import test_registry_import
from . import test_partner_check
from . import test_statement
from . import test_receivable_analysis
from . import test_reminder_engine
from . import test_call_outcome
from . import test_sms_gateway
from . import test_sms_widget
from . import test_first_use
from . import test_click_everywhere

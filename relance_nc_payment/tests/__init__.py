# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_payment_links
from . import test_lyra_flows
from . import test_portal_tour
from . import test_payout
from . import test_payment_integrity
from . import test_client_payout
from . import test_case_fee
from . import test_demo

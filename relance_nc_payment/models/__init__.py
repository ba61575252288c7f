# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Payment links and the hosted shop
from . import payment_provider
from . import payment_transaction
from . import relance_payment_brand
from . import relance_payment_link
from . import res_company
from . import res_config_settings
from . import relance_action

# Collected funds, payouts, fees, rejections
from . import payment_provider_payout
from . import payment_transaction_payout
from . import relance_fee_rule
from . import relance_payment_rejection
from . import relance_payout
from . import relance_payout_line
from . import res_company_payout
from . import res_partner_payout

# Client files of the provider back office (relance_nc)
from . import account_move
from . import relance_client
from . import relance_client_file_mixin
from . import relance_fee_rule_client
from . import relance_payout_client

# Card payment of the collection case fees
from . import payment_transaction_case
from . import relance_case

# Demo data
from . import res_company_demo

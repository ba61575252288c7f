# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import relance_receivable_report
from . import relance_recovery_report
from . import relance_statement
from . import relance_audit_report
from . import ir_actions_report

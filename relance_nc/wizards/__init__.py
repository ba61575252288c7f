# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import relance_wizard_mixin
from . import relance_registry_import_wizard
from . import relance_partner_check_wizard
from . import relance_call_outcome_wizard
from . import relance_sms_composer
from . import relance_audit_report_wizard
from . import relance_run_preview
from . import relance_case_submit_wizard
from . import relance_provider_queue

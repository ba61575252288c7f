# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import relance_letter_reject_wizard
from . import relance_letter_delivery_wizard

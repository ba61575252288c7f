# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import portal_access
from . import main
from . import portal_client
from . import case
from . import case_portal

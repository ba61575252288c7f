# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_letter_render
from . import test_letter_upload
from . import test_letter_workflow
from . import test_letter_batch
from . import test_engine
from . import test_client_letters
from . import test_portal_letters
from . import test_demo

from . import test_watch_list
from . import test_source_import
from . import test_matching
from . import test_reminder_stop
from . import test_claims
from . import test_declaration
from . import test_feed_controller
from . import test_client_watch

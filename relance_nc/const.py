# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Constants shared by the relance_nc models (no logic, no Odoo import)."""

# Public registries: default export URLs, overridable in ir.config_parameter.
# data.gouv.nc runs Opendatasoft Explore API v2.1; `exports/csv` has no row cap.
REGISTRY_DEFAULT_URLS = {
    "ridet_company": (
        "https://data.gouv.nc/api/explore/v2.1/catalog/datasets/"
        "entreprises-actives-au-ridet/exports/csv?delimiter=%3B"
    ),
    "ridet_establishment": (
        "https://data.gouv.nc/api/explore/v2.1/catalog/datasets/"
        "etablissements-actifs-au-ridet/exports/csv?delimiter=%3B"
    ),
    # ISPF "exportrte.csv", published on data.gouv.fr, updated daily.
    "tahiti": (
        "https://www.data.gouv.fr/api/1/datasets/r/34184a7f-a4bf-4cf3-ac36-531388f3a6cb"
    ),
}
REGISTRY_URL_PARAM = "relance_nc.registry_url_%s"

# Which registry a file format feeds, and which unit kinds it lists in full
# (a unit of those kinds missing from a complete import is flagged as ceased).
FORMAT_SOURCE = {
    "ridet_company": "ridet",
    "ridet_establishment": "ridet",
    "tahiti": "tahiti",
}
FORMAT_KINDS = {
    "ridet_company": ("company",),
    "ridet_establishment": ("establishment",),
    "tahiti": ("company", "establishment"),
}

REGISTRY_HTTP_TIMEOUT = 60  # seconds, per network read
# Caps of one download: total size, total time, length of a line, redirects.
REGISTRY_MAX_BYTES = 300 * 1024 * 1024
REGISTRY_MAX_SECONDS = 900
REGISTRY_MAX_LINE = 16384
REGISTRY_MAX_REDIRECTS = 3
# Extra hosts allowed to serve extracts (comma-separated; the hosts of the
# configured URLs are always allowed). data.gouv.fr redirects to its CDN.
REGISTRY_HOSTS_PARAM = "relance_nc.registry_allowed_hosts"
REGISTRY_DEFAULT_HOSTS = "static.data.gouv.fr"
# A complete extract that would flag more than this share of the active
# units of its register as ceased is refused unless confirmed.
REGISTRY_MAX_CEASED_SHARE = 0.2
REGISTRY_CHUNK_SIZE = 1 << 16
REGISTRY_BATCH_SIZE = 2000  # rows per upsert statement
REGISTRY_MAX_LOGGED_ERRORS = 500

# Proposal kinds that carry a value the user can apply to the customer.
APPLICABLE_KINDS = ("name", "street", "zip", "city", "phone_format")

# Reminder channels: see relance.action._get_channel_registry.
# Invoice payment states that end reminders (planning query and _recheck).
NOT_REMINDED_PAYMENT_STATES = ("paid", "in_payment", "reversed", "blocked")
# Tone of a level's texts (relance.level.tone) and its default templates.
TONES = [
    ("courtesy", "Courtesy (before the due date)"),
    ("first", "First reminder"),
    ("second", "Second reminder"),
    ("notice", "Formal notice"),
]
DEFAULT_TEMPLATES = {
    "email": {
        "courtesy": "relance_nc.mail_template_relance_courtesy",
        "first": "relance_nc.mail_template_relance_reminder",
        "second": "relance_nc.mail_template_relance_second",
        "notice": "relance_nc.mail_template_relance_notice",
    },
    "sms": {
        "courtesy": "relance_nc.sms_template_relance_courtesy",
        "first": "relance_nc.sms_template_relance_reminder",
        "second": "relance_nc.sms_template_relance_second",
        "notice": "relance_nc.sms_template_relance_notice",
    },
}
DEFAULT_NOTICE_DAYS = 8  # days a formal notice gives to pay
DEFAULT_MIN_DAYS_BETWEEN = 5
# Version of the content-responsibility terms (seed §E3, §F3, §G3). Bump it
# when the text changes: every company must then accept the new version.
TERMS_VERSION = "2026-11"
EXECUTE_BATCH_SIZE = 200
# Emails rendered and queued together, then committed (see _cron_execute).
EMAIL_CHUNK_SIZE = 100
# SMS sent to the gateway in one request, then committed (see _cron_execute).
SMS_CHUNK_SIZE = 100
# Key in ``cr.cache`` of the dates and amounts formatted for a batch of emails
# while it renders (set and removed by relance.action._execute_email_batch).
FORMAT_MEMO_KEY = "relance_format_memo"
CALL_OUTCOMES = [
    ("reached", "Reached"),
    ("voicemail", "Voicemail"),
    ("no_answer", "No answer"),
    ("wrong_number", "Wrong number"),
    ("promise", "Promise to pay"),
    ("dispute", "Dispute"),
    ("paid", "Already paid"),
]
DEFAULT_TZ = "Pacific/Noumea"
# First key of the advisory lock taken while planning a company's reminders.
PLAN_LOCK_KEY = 687_001
# Customers planned per batch of actions: bounds a run's memory, whatever
# the number of customers (tests/benchmarks/bench_reminders.py --scale).
PLAN_CHUNK_CUSTOMERS = 2_000

# HTTP SMS gateway (models/relance_sms_api.py, controllers/main.py)
SMS_PROVIDERS = [
    ("iap", "Odoo IAP"),
    ("http", "HTTP gateway"),
    # models/relance_sms_demo.py: no network, no operator, every SMS delivered
    ("demo", "Demo gateway (no SMS sent)"),
]
SMS_DEMO_REF_PREFIX = "DEMO-"
SMS_HTTP_TIMEOUT = 15  # seconds, connection and read
SMS_STATUS_ROUTE = "/relance_nc/sms/status"
SMS_SIGNATURE_HEADER = "X-Relance-Signature"
SMS_SIGNATURE_PREFIX = "sha256="
# Alphanumeric sender ID: at most 11 letters or digits (3GPP TS 23.040).
SMS_SENDER_PATTERN = r"[A-Za-z0-9]{1,11}"
# Gateway rejection codes -> sms.sms failure_type; any other code: sms_server.
SMS_GATEWAY_ERRORS = {
    "invalid_number": "sms_number_format",
    "no_credit": "sms_credit",
}
# Delivery report status -> sms.sms state.
SMS_REPORT_STATES = {
    "sent": "pending",
    "delivered": "sent",
    "failed": "error",
    "expired": "error",
    "rejected": "error",
}
# Delivery report failure -> provider error of sms.tracker (core's sms_<error>
# delivery failure types: not_delivered, expired, rejected).
SMS_REPORT_ERRORS = {
    "failed": "not_delivered",
    "expired": "expired",
    "rejected": "rejected",
}

# Version of the Eco conditions a creditor accepts before submitting a
# collection case (models/relance_case.py). Bump it when the text changes.
CASE_CONDITIONS_VERSION = "2026-12"

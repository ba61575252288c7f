# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Constants of relance_nc_insolvency."""

PROCEDURE_KINDS = [
    ("safeguard", "Safeguard (sauvegarde)"),
    ("reorganisation", "Receivership (redressement judiciaire)"),
    ("liquidation", "Compulsory liquidation (liquidation judiciaire)"),
    ("plan", "Plan adopted"),
    ("conversion", "Conversion"),
    ("closure", "Closure"),
    ("other", "Other"),
]
# Kinds that stop the reminders of a matched customer, and those that lift it.
BLOCKING_KINDS = ("safeguard", "reorganisation", "liquidation", "conversion")
LIFTING_KINDS = ("plan", "closure")

COURTS = [
    ("tmc_noumea", "Tribunal mixte de commerce de Nouméa"),
    ("tpi_noumea", "Tribunal de première instance de Nouméa"),
    ("tpi_kone", "Tribunal de première instance de Nouméa, section détachée de Koné"),
    ("tmc_papeete", "Tribunal mixte de commerce de Papeete"),
    ("tpi_papeete", "Tribunal de première instance de Papeete"),
    ("other", "Other court"),
]
# Court named in a file or feed -> code; first pattern found wins.
COURT_PATTERNS = (
    ("tpi_kone", r"kon[eé]"),
    ("tmc_papeete", r"commerce.*papeete"),
    ("tpi_papeete", r"papeete"),
    ("tmc_noumea", r"mixte de commerce|\btmc\b"),
    ("tpi_noumea", r"premi[eè]re instance|\btpi\b"),
)

SOURCE_KINDS = [
    ("file", "CSV/JSON file"),
    ("provider", "relance.nc provider feed"),
    ("bodacc", "BODACC (France)"),
]
BODACC_URL = (
    "https://bodacc-datadila.opendatasoft.com/api/explore/v2.1/catalog/datasets/"
    "annonces-commerciales/records"
)
BODACC_FAMILY = "Procédures collectives"
DEFAULT_TIMEOUT = 30
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
PAGE_SIZE = 100
MAX_PAGES = 50
FEED_MAX_LIMIT = 1000

CASE_STATES = [
    ("proposed", "To Review"),
    ("active", "Under Procedure"),
    ("dismissed", "Dismissed"),
    ("lifted", "Lifted"),
]
MATCH_METHODS = [
    ("ridet", "RIDET"),
    ("siren", "SIREN"),
    ("name", "Name similarity"),
    ("manual", "Manual"),
]
DECLARATION_STATES = [
    ("to_declare", "To Declare"),
    ("declared", "Declared"),
    ("admitted", "Admitted"),
    ("contested", "Contested"),
    ("rejected", "Rejected"),
]
WATCH_ORIGINS = [
    ("reminder", "Under reminder"),
    ("customer", "Customer base"),
    ("upload", "Uploaded list"),
]

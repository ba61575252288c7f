# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Constants of the relance.nc hosted shop (Lyra platform)."""

PROVIDER_CODE = "relance_lyra"

#: Payment form (API V2) endpoints of the Lyra white labels (nc-domain.md §8).
BRAND_ENDPOINTS = {
    "epaync": "https://epaync.nc/vads-payment/",
    "osb": "https://secure.osb.pf/vads-payment/",
    "payzen": "https://secure.payzen.eu/vads-payment/",
}
BRANDS = [
    ("epaync", "EpayNC (New Caledonia)"),
    ("osb", "OSB (French Polynesia)"),
    ("payzen", "PayZen"),
    ("custom", "Custom URL"),
]

#: ISO 4217 numeric codes sent as vads_currency, with their minor units.
CURRENCY_CODES = {
    "XPF": ("953", 0),
    "EUR": ("978", 2),
    "AUD": ("036", 2),
    "NZD": ("554", 2),
    "USD": ("840", 2),
}

#: 3-D Secure: vads_threeds_mpi values of the form API V2. Empty or "0":
#: authentication handled by the platform (3DS performed); "2": 3DS
#: disabled (needs the "selective 3DS" option of the shop contract).
THREEDS_MODES = [("required", "Required"), ("disabled", "Disabled")]
THREEDS_MPI = {"required": "0", "disabled": "2"}

#: Card brands (vads_payment_cards / vads_card_brand codes).
DEFAULT_CARD_BRANDS = ("CB", "VISA", "MASTERCARD")
CARD_BRANDS = [
    ("CB", "CB"),
    ("VISA", "Visa"),
    ("MASTERCARD", "Mastercard"),
    ("VISA_ELECTRON", "Visa Electron"),
    ("MAESTRO", "Maestro"),
    ("E-CARTEBLEUE", "e-Carte Bleue"),
    ("AMEX", "American Express"),
    ("JCB", "JCB"),
    ("DINERS", "Diners Club"),
    ("CUP", "UnionPay"),
    ("PRV_BDP", "Private card BDP"),
    ("PRV_BDT", "Private card BDT"),
    ("PRV_OPT", "Private card OPT"),
    ("PRV_SOC", "Private card SOCREDO"),
]

#: Lyra brand code -> Odoo payment.method code.
PAYMENT_METHODS_MAPPING = {
    "CB": "cartes_bancaires",
    "VISA": "visa",
    "VISA_ELECTRON": "visa",
    "E-CARTEBLEUE": "visa",
    "MASTERCARD": "mastercard",
    "MAESTRO": "maestro",
    "AMEX": "amex",
    "JCB": "jcb",
    "DINERS": "diners",
    "CUP": "unionpay",
}
DEFAULT_PAYMENT_METHOD_CODES = {"card", "cartes_bancaires", "visa", "mastercard"}

#: Payment link targets of a creditor company.
LINK_TARGETS = [
    ("none", "No payment link"),
    ("hosted", "relance.nc hosted shop"),
    ("own", "Own online shop"),
]
#: Placeholders allowed in an own-shop URL pattern.
LINK_PLACEHOLDERS = ("reference", "amount", "partner", "currency")
SHORT_LINK_ROUTE = "/r/"
SHORT_TOKEN_LENGTH = 10
SHORT_LINK_DAYS = 90

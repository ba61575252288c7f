# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Amounts written as Odoo writes them (``odoo.tools.format_amount``), with
the language's and the currency's settings read once.

``format_amount`` looks the language up and parses its digit grouping at
each call: a tenth of a millisecond, paid for every line of every reminder
email. An :class:`AmountFormat` holds these settings; writing an amount is
then string work only. The amount is rounded by the caller, with the
currency's own rounding (``res.currency.round``).

The grouping is the language's (``res.lang.grouping``): sizes of the digit
groups from the right, the last one repeated when followed by 0, no more
grouping after -1 (``odoo/addons/base/models/res_lang.py``, ``split``).

>>> xpf_fr = AmountFormat(0, ",", "\\u202f", parse_grouping("[3,0]"), "XPF")
>>> xpf_fr.format(1234567.0)
'1\\u202f234\\u202f567\\xa0XPF'
>>> xpf_fr.format(-93000.0)
'-\\ufeff93\\u202f000\\xa0XPF'
>>> xpf_fr.format(0.0)
'0\\xa0XPF'
>>> eur_en = AmountFormat(2, ".", ",", parse_grouping("[3,0]"), "€", before=True)
>>> eur_en.format(1234.5)
'€\\xa01,234.50'
>>> inr = AmountFormat(2, ".", ",", parse_grouping("[3,2,-1]"), "₹", before=True)
>>> inr.format(123456789.0)
'₹\\xa01234,56,789.00'
>>> AmountFormat(2, ",", " ", parse_grouping("[3,0]"), "€").format(98765.4)
'98\\xa0765,40\\xa0€'
>>> AmountFormat(0, ",", "", parse_grouping("[]"), "").format(1234567.0)
'1234567\\xa0'
"""

import ast
from typing import NamedTuple

NBSP = "\N{NO-BREAK SPACE}"
MINUS = "-\N{ZERO WIDTH NO-BREAK SPACE}"


def parse_grouping(grouping):
    """The digit group sizes of a language's grouping setting.

    >>> parse_grouping("[3,0]")
    (3, 0)
    >>> parse_grouping("[]")
    ()
    """
    return tuple(ast.literal_eval(grouping or "[]"))


def group_digits(digits, grouping, separator):
    """``digits`` with ``separator`` between the groups ``grouping`` sizes
    from the right (Odoo's ``res_lang.intersperse``).

    >>> group_digits("1234567", (3, 0), ".")
    '1.234.567'
    >>> group_digits("1234567", (3, 2, -1), ",")
    '12,34,567'
    >>> group_digits("123", (3, 0), ",")
    '123'
    >>> group_digits("1234567", (), ",")
    '1234567'
    """
    groups = []
    rest = digits
    size = len(rest)  # a 0 repeats the previous size
    for count in grouping:
        if not rest or count == -1:
            break
        if count == 0:
            while rest:
                groups.append(rest[-size:])
                rest = rest[:-size]
            break
        groups.append(rest[-count:])
        rest = rest[:-count]
        size = count
    if rest:
        groups.append(rest)
    return separator.join(reversed(groups))


class AmountFormat(NamedTuple):
    """How the amounts of one currency read in one language: its number of
    ``decimals``, the language's ``decimal_point``, ``thousands_sep`` and
    ``grouping`` (see :func:`parse_grouping`), the currency's ``symbol``,
    written ``before`` or after the amount."""

    decimals: int
    decimal_point: str
    thousands_sep: str
    grouping: tuple
    symbol: str
    before: bool = False

    def format(self, amount):
        """``amount`` (already rounded) as ``odoo.tools.format_amount``
        writes it, with its trailing zeros.

        >>> AmountFormat(2, ".", ",", (3, 0), "$", before=True).format(-0.5)
        '$\\xa0-\\ufeff0.50'
        """
        text = f"{amount:.{self.decimals}f}"
        sign = "-" if text.startswith("-") else ""
        integral, __, decimals = text.lstrip("-").partition(".")
        number = sign + group_digits(integral, self.grouping, self.thousands_sep)
        if decimals:
            number += self.decimal_point + decimals
        number = number.replace(" ", NBSP).replace("-", MINUS)
        if self.before:
            return f"{self.symbol}{NBSP}{number}"
        return f"{number}{NBSP}{self.symbol}"

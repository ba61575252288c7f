# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Which URLs the add-ons may call or send people to, without Odoo.

Rule: secrets (gateway keys, card data, payment links) only travel over
HTTPS; plain ``http://`` is accepted for a loopback host only (a local test
server or a gateway on the same machine). Downloads of the public registers
go to their configured hosts only (see ``readme/CONFIGURE.md`` of
relance_nc).

>>> is_secure_url("https://sms.example.nc/send"), is_secure_url("http://sms.example.nc/")
(True, False)
>>> is_secure_url("http://127.0.0.1:8069/x"), is_secure_url("http://[::1]/"), is_secure_url("http://localhost/")
(True, True, True)
>>> url_host("https://data.gouv.nc:443/path?q=1"), url_host("ftp://x/")
('data.gouv.nc', '')
"""

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = ("localhost",)


def url_host(url):
    """Lower-case host of an ``http(s)`` URL, or ``''`` for anything else."""
    if not isinstance(url, str) or any(ch.isspace() or ch == "\x00" for ch in url):
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port  # raises ValueError for a bad port
    except ValueError:
        return ""
    if port == 0:
        return ""
    if parts.scheme not in ("http", "https"):
        return ""
    return host.lower()


def is_loopback(host):
    """Whether ``host`` names this machine.

    >>> is_loopback("127.0.0.2"), is_loopback("10.0.0.1"), is_loopback("localhost")
    (True, False, True)
    """
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_secure_url(url):
    """``https://`` URL, or ``http://`` to a loopback host.

    >>> is_secure_url("javascript:alert(1)"), is_secure_url("https://"), is_secure_url("http://127.0.0.1.evil.nc/")
    (False, False, False)
    """
    host = url_host(url)
    if not host:
        return False
    if url.lower().startswith("https://"):
        return True
    return is_loopback(host)


def host_allowed(url, hosts):
    """Whether ``url`` is a secure URL (see :func:`is_secure_url`) whose host
    is one of ``hosts`` (case-insensitive).

    >>> host_allowed("https://data.isee.nc/x.csv", ["data.isee.nc"])
    True
    >>> host_allowed("https://data.isee.nc.evil.com/x.csv", ["data.isee.nc"])
    False
    >>> host_allowed("file:///etc/passwd", ["data.isee.nc"])
    False
    """
    allowed = {host.strip().lower() for host in hosts if host and host.strip()}
    return is_secure_url(url) and url_host(url) in allowed

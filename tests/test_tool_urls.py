# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/urls.py (which URLs secrets may travel to)."""

import doctest
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def urls(load_tool):
    return load_tool("relance_nc", "urls")


def test_doctests(urls):
    result = doctest.testmod(urls)
    assert result.attempted >= 8
    assert result.failed == 0


def test_module_does_not_import_odoo(urls):
    source = Path(urls.__file__).read_text(encoding="utf-8")
    assert "import odoo" not in source
    assert "from odoo" not in source


@pytest.mark.parametrize(
    ("url", "secure"),
    [
        ("https://sms.example.nc/send", True),
        ("HTTPS://sms.example.nc/send", True),
        ("http://sms.example.nc/send", False),
        ("http://127.0.0.1:9/vads-payment/", True),
        ("http://127.8.9.10/", True),
        ("http://localhost:8069/", True),
        ("http://[::1]:8069/", True),
        ("http://10.0.0.1/", False),
        ("http://localhost.evil.nc/", False),
        ("http://127.0.0.1@evil.nc/", False),
        ("ftp://sms.example.nc/", False),
        ("file:///etc/passwd", False),
        ("//sms.example.nc", False),
        ("https://sms.example.nc:99999/", False),
        ("https://sms.example.nc/a b", False),
        ("https://sms.example.nc/\x00", False),
        ("", False),
        (None, False),
        (["https://x.nc"], False),
    ],
)
def test_is_secure_url(urls, url, secure):
    assert urls.is_secure_url(url) is secure


@pytest.mark.parametrize(
    ("url", "hosts", "allowed"),
    [
        ("https://data.isee.nc/ridet.csv", ["data.isee.nc"], True),
        ("https://DATA.isee.nc/ridet.csv", [" data.isee.nc "], True),
        ("http://data.isee.nc/ridet.csv", ["data.isee.nc"], False),
        ("https://evil.nc/ridet.csv", ["data.isee.nc"], False),
        ("https://data.isee.nc.evil.nc/", ["data.isee.nc"], False),
        ("http://127.0.0.1:8000/r.csv", ["127.0.0.1"], True),
        ("https://data.isee.nc/", [], False),
    ],
)
def test_host_allowed(urls, url, hosts, allowed):
    assert urls.host_allowed(url, hosts) is allowed

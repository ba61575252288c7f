# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc/tools/urls.py (which URLs secrets may travel to)."""

import pytest
from conftest import tool_fixture

urls = tool_fixture("relance_nc", "urls")


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

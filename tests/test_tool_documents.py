# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tests of relance_nc_edition/tools/documents.py: the LibreOffice
conversion leaves no process and no folder behind, and has no network."""

import io
import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import tool_fixture

documents = tool_fixture("relance_nc_edition", "documents")


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _processes_mentioning(text):
    """Live (non-zombie) processes whose command line contains ``text``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if text.encode() in cmdline:
            found.append((pid, cmdline.replace(b"\0", b" ")[:200]))
    return found


def test_timeout_kills_the_whole_group_and_cleans_up(documents, tmp_path):
    if not documents.soffice_path():
        pytest.fail("LibreOffice (soffice) is required for this test")
    parent = tmp_path / "work"
    parent.mkdir()
    start = time.monotonic()
    with pytest.raises(documents.ConversionError, match="timed out"):
        # Far too short for LibreOffice even to start: it cannot finish.
        documents.docx_to_pdf(_docx(), 0.5, tmp_parent=str(parent))
    assert time.monotonic() - start < 15
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(parent)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(parent)) == []
    assert list(parent.iterdir()) == []


def test_converter_has_no_network(documents):
    prefix = documents.network_sandbox()
    if not prefix:
        pytest.skip("no network namespace on this system (see CONFIGURE.md)")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        probe = (
            "import socket\n"
            f"socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
        )
        outside = subprocess.run([sys.executable, "-c", probe], check=False)
        inside = subprocess.run(
            [*prefix, sys.executable, "-c", probe], capture_output=True, check=False
        )
    assert outside.returncode == 0
    assert inside.returncode != 0


def test_resource_limits_apply_in_the_child(documents):
    limits = documents._limit_resources(512 * 1024 * 1024, 7, 1024 * 1024)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource as r; print(r.getrlimit(r.RLIMIT_CPU)[0], "
            "r.getrlimit(r.RLIMIT_FSIZE)[0], r.getrlimit(r.RLIMIT_AS)[0])",
        ],
        preexec_fn=limits,  # noqa: PLW1509
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["7", str(1024 * 1024), str(512 * 1024 * 1024)]

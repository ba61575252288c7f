# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Recognise uploaded letters by their content and convert Word files to PDF.

A file is taken for what its bytes are, never for its name: a PDF starts with
``%PDF-`` (ISO 32000-1, 7.5.2, within the first 1024 bytes tolerated by
readers; we require it at the start); a Word document (.docx, ECMA-376 /
ISO/IEC 29500) is a ZIP package holding ``word/document.xml``. Word is turned
into PDF by LibreOffice headless (Debian package ``libreoffice-writer-nogui``)
in a private temporary directory and user profile, in its own process group
(killed whole), with a timeout, resource limits and no network.

>>> sniff(b"%PDF-1.7 ...")
'pdf'
>>> sniff(b"GIF89a") is None
True
>>> import io, zipfile
>>> buffer = io.BytesIO()
>>> with zipfile.ZipFile(buffer, "w") as archive:
...     archive.writestr("word/document.xml", "<w:document/>")
>>> sniff(buffer.getvalue())
'docx'
"""

import contextlib
import functools
import io
import math
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile

#: Address space and output file size allowed to LibreOffice.
MEMORY_MB = 3072
FILE_MB = 200


class ConversionError(Exception):
    """LibreOffice is missing, failed or timed out."""


def sniff(data):
    """``'pdf'``, ``'docx'`` or None, from the content of ``data``."""
    if not data:
        return None
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def soffice_path():
    """Path of the LibreOffice executable, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def network_sandbox():
    """Command prefix that runs a program without network, or ``[]``.

    ``unshare -n`` (util-linux) gives the program an empty network namespace
    (no interface but a down loopback); it needs root or user namespaces, in
    which case ``unshare -rn`` maps the user to root in its own namespace.
    Where neither works (containers without user namespaces), the conversion
    still runs, with network: see ``readme/CONFIGURE.md``.
    """
    binary = shutil.which("unshare")
    if not binary:
        return []
    for prefix in ([binary, "-n"], [binary, "-rn"]):
        try:
            probe = subprocess.run(
                [*prefix, "true"], capture_output=True, timeout=10, check=False
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return prefix
    return []


def _limit_resources(memory_bytes, cpu_seconds, file_bytes):
    """Resource limits of the converter, set in the child before ``exec``."""

    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _kill_group(process):
    """Kill the converter and every process it started (its process group)."""
    # The group is gone once every member has exited: nothing left to kill.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired, ValueError):
        process.communicate(timeout=10)


def docx_to_pdf(
    data,
    timeout,
    *,
    memory_mb=MEMORY_MB,
    file_mb=FILE_MB,
    tmp_parent=None,
):
    """PDF bytes of the Word document ``data``; raises ConversionError.

    LibreOffice runs in its own session and process group (killed as a
    whole on timeout or error, so that ``soffice.bin`` never survives its
    wrapper), without network when the system allows it, with memory, CPU
    time and file size limits, and a private profile in a temporary folder
    removed in every case (created under ``tmp_parent`` if given).
    """
    binary = soffice_path()
    if not binary:
        raise ConversionError("LibreOffice (soffice) is not installed.")
    tmp = tempfile.mkdtemp(prefix="relance_docx_", dir=tmp_parent)
    try:
        source = os.path.join(tmp, "letter.docx")
        with open(source, "wb") as file:
            file.write(data)
        command = [
            *network_sandbox(),
            binary,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp,
            source,
        ]
        _run(command, tmp, timeout, memory_mb, file_mb)
        target = os.path.join(tmp, "letter.pdf")
        if not os.path.exists(target):
            raise ConversionError("LibreOffice produced no PDF.")
        with open(target, "rb") as file:
            return file.read()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run(command, tmp, timeout, memory_mb, file_mb):
    """Run ``command`` in ``tmp`` under the limits; the group never survives."""
    env = {
        "HOME": tmp,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "TMPDIR": tmp,
    }
    process = subprocess.Popen(  # noqa: S603 (fixed command, no shell)
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp,
        env=env,
        start_new_session=True,
        preexec_fn=_limit_resources(  # noqa: PLW1509 (limits need preexec)
            memory_mb * 1024 * 1024,
            max(1, math.ceil(timeout)) + 1,
            file_mb * 1024 * 1024,
        ),
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise ConversionError(f"LibreOffice timed out after {timeout} s.") from err
    finally:
        _kill_group(process)
    if process.returncode:
        output = (stderr or stdout or b"").decode(errors="replace")
        raise ConversionError(output.strip()[-500:] or "LibreOffice failed.")

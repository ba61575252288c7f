# Copyright 2026 relance.nc
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Recognise uploaded letters by their content and convert Word files to PDF.

A file is taken for what its bytes are, never for its name: a PDF starts with
``%PDF-`` (ISO 32000-1, 7.5.2, within the first 1024 bytes tolerated by
readers; we require it at the start); a Word document (.docx, ECMA-376 /
ISO/IEC 29500) is a ZIP package holding ``word/document.xml``. Word is turned
into PDF by LibreOffice headless (Debian package ``libreoffice-writer-nogui``)
in a private temporary directory and user profile, with a timeout.

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

import io
import os
import shutil
import subprocess
import tempfile
import zipfile


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


def docx_to_pdf(data, timeout):
    """PDF bytes of the Word document ``data``; raises ConversionError."""
    binary = soffice_path()
    if not binary:
        raise ConversionError("LibreOffice (soffice) is not installed.")
    with tempfile.TemporaryDirectory(prefix="relance_docx_") as tmp:
        source = os.path.join(tmp, "letter.docx")
        with open(source, "wb") as file:
            file.write(data)
        command = [
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
        try:
            subprocess.run(
                command, capture_output=True, timeout=timeout, check=True, cwd=tmp
            )
        except subprocess.TimeoutExpired as err:
            raise ConversionError(f"LibreOffice timed out after {timeout} s.") from err
        except subprocess.CalledProcessError as err:
            output = (err.stderr or err.stdout or b"").decode(errors="replace")
            raise ConversionError(output.strip()[-500:]) from err
        target = os.path.join(tmp, "letter.pdf")
        if not os.path.exists(target):
            raise ConversionError("LibreOffice produced no PDF.")
        with open(target, "rb") as file:
            return file.read()

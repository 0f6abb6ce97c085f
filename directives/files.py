"""Uploaded documents: PDF, DOCX or XLSX only, recognised by their content, never by their name.

A file is stored under a random name (the original name is kept in a separate column for the
download) in MEDIA_ROOT and served only through a permission-checked view.
"""

import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common.text import nfc


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


PDF = FileKind(".pdf", "application/pdf")
DOCX = FileKind(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
BY_EXTENSION = {k.extension: k for k in (PDF, DOCX, XLSX)}


def detect(upload) -> FileKind | None:
    """The kind of `upload` from its bytes: "%PDF-" or an OOXML zip with its main part."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            with archive.open("[Content_Types].xml") as part:
                types = part.read(200_000)  # bounded: a crafted archive cannot inflate without limit
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
        return DOCX
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
        return XLSX
    return None


def check_upload(upload, *, field: str) -> tuple[File, str]:
    """Validate `upload`; return it renamed to a random name, and its original (NFC) name.

    Raises ValidationError naming `field` for a file too large or of another type.
    """
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError({field: _("The file is %(size)s; the limit is %(limit)s.")
                               % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}})
    kind = detect(upload)
    if kind is None:
        raise ValidationError({field: _("Only PDF, Word (.docx) or Excel (.xlsx) files are accepted; "
                                        "this file is none of these.")})
    original = nfc(getattr(upload, "name", "") or "")[:150] or f"tep{kind.extension}"
    upload.name = f"{uuid.uuid4().hex}{kind.extension}"
    return upload, original


def kind_of(name: str) -> FileKind:
    """The kind of a stored file, from the extension we gave it ourselves."""
    for extension, kind in BY_EXTENSION.items():
        if name.endswith(extension):
            return kind
    return FileKind("", "application/octet-stream")

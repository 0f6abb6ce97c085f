"""Uploaded documents: PDF, DOCX or XLSX only, recognised by their content, never by their name.

A file is stored under a random name (the original name is kept in a separate column for the
download) in MEDIA_ROOT and served only through a permission-checked view.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common.text import nfc
from common.uploads import DOCX, PDF, XLSX, FileKind, sniff

DOCUMENT_KINDS = (PDF, DOCX, XLSX)
BY_EXTENSION = {k.extension: k for k in DOCUMENT_KINDS}


def check_upload(upload, *, field: str) -> tuple[File, str]:
    """Validate `upload`; return it renamed to a random name, and its original (NFC) name.

    Raises ValidationError naming `field` for a file too large or of another type.
    """
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError({field: _("The file is %(size)s; the limit is %(limit)s.")
                               % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}})
    kind = sniff(upload, allowed=DOCUMENT_KINDS)
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

"""Scanned letters: PDF, JPEG or PNG, recognised by their content (not their name), size-capped."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from common.uploads import JPEG, PDF, PNG, sniff

SCAN_KINDS = (PDF, JPEG, PNG)


def check_scan(upload) -> str:
    """The content type of an acceptable scan; ValidationError otherwise."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        raise ValidationError(_("The file is larger than %(max)s.") % {"max": limit})
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    kind = sniff(upload, allowed=SCAN_KINDS)
    if kind is None:
        raise ValidationError(_("Only PDF, JPEG or PNG scans are accepted (checked by the file's content)."))
    return kind.content_type

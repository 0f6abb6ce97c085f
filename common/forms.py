"""The one place where a service's refusal (`ValidationError`) becomes the page's errors.

Services raise `ValidationError` with a message, a list, or a {field: messages} dict (see the
HackSoft styleguide's `ApiErrorsMixin`). A view that shows a form hands the error to
`apply_validation_error`; a view that redirects hands it to `message_validation_error`.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest


def apply_validation_error(form: forms.BaseForm, exc: ValidationError, *, strip_prefix: str = "") -> None:
    """Put each field's messages on that field of `form` when the form has it (after removing
    `strip_prefix` from the service's field name), and every other message on the form itself."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        if strip_prefix and field.startswith(strip_prefix):
            field = field[len(strip_prefix):]
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)


def message_validation_error(request: HttpRequest, exc: ValidationError) -> None:
    """Show each message of the refusal as an error message on the next page."""
    for message in exc.messages:
        messages.error(request, message)

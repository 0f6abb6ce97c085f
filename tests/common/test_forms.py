"""The one translation point from a service's ValidationError to a page's errors."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from common.forms import apply_validation_error, message_validation_error


class NoteForm(forms.Form):
    note = forms.CharField(required=False)
    plan_file = forms.CharField(required=False)


def bound():
    form = NoteForm({"note": "x", "plan_file": "y"})
    assert form.is_valid()
    return form


def test_field_errors_go_to_fields_the_form_has_and_the_rest_to_the_form():
    form = bound()
    apply_validation_error(form, ValidationError({"note": "Too short.", "hamlet": "Choose a hamlet."}))
    assert form.errors["note"] == ["Too short."]
    assert form.non_field_errors() == ["Choose a hamlet."]
    assert "note" not in form.cleaned_data


def test_a_plain_refusal_is_a_form_error():
    form = bound()
    apply_validation_error(form, ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]


def test_a_prefix_of_the_services_field_names_can_be_stripped():
    form = bound()
    apply_validation_error(form, ValidationError({"plan_note": "Say what is planned."}), strip_prefix="plan_")
    assert form.errors["note"] == ["Say what is planned."]


def test_a_redirecting_view_shows_each_message():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    message_validation_error(request, ValidationError({"note": ["A."], "__all__": ["B."]}))
    assert sorted(str(m) for m in get_messages(request)) == ["A.", "B."]

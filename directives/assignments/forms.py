"""Forms of the tasks of a directive: defining a task with its report fields, reporting on it,
returning a report for completion. Field validation only; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import OrganisationKind

from ..forms import ACCEPT, DATE_WIDGET
from .models import TASK_LEVELS, FieldKind, TaskField
from .rules import figure
from .services import field_key

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    description = forms.CharField(label=_("What is asked"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    levels = forms.MultipleChoiceField(label=_("Owed by"), widget=forms.CheckboxSelectMultiple,
                                       choices=[(k, dict(OrganisationKind.choices)[k]) for k in TASK_LEVELS])
    due = forms.DateField(label=_("Report due"), required=False, widget=DATE_WIDGET, input_formats=DATE_FORMATS)


class FieldSpecForm(forms.Form):
    label = forms.CharField(label=_("What is reported"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=FieldKind.choices, initial=FieldKind.NUMBER)
    unit = forms.CharField(label=pgettext_lazy("of measure", "Unit"), max_length=40, required=False)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)


FieldSpecFormSet = forms.formset_factory(FieldSpecForm, extra=4, max_num=20)


def _form_field(field: TaskField) -> forms.Field:
    common = {"label": f"{field.label} ({field.unit})" if field.unit else field.label, "required": field.required}
    if field.kind == FieldKind.NUMBER:
        # Parsed by the service the Vietnamese way (1.240 is a thousand two hundred and forty).
        return forms.CharField(max_length=30, widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
    if field.kind == FieldKind.DATE:
        return forms.DateField(widget=DATE_WIDGET, input_formats=DATE_FORMATS, **common)
    if field.kind == FieldKind.YES_NO:
        return forms.TypedChoiceField(choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))],
                                      coerce=lambda v: v == "1", empty_value=None, **common)
    if field.kind == FieldKind.FILE:
        return forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                               **{**common, "required": False})
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)


class TaskReportForm(forms.Form):
    """One input per field of the task, named `field_<id>` as the service expects."""

    def __init__(self, *args, task, report=None, **kwargs):
        initial = {}
        if report is not None:
            for value in report.values.all():
                key = field_key(value.field)
                if value.field.kind == FieldKind.YES_NO:
                    initial[key] = "" if value.value_bool is None else ("1" if value.value_bool else "0")
                elif value.field.kind == FieldKind.NUMBER:
                    initial[key] = figure(value.value_number) if value.value_number is not None else ""
                elif value.field.kind != FieldKind.FILE:
                    initial[key] = value.display()
        super().__init__(*args, initial=initial, **kwargs)
        self.files_kept = {v.field_id: v for v in report.values.all() if v.value_file} if report else {}
        for field in task.fields.all():
            self.fields[field_key(field)] = _form_field(field)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("What is to be completed"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=5000)

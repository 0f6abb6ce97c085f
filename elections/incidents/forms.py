"""Input parsing for incidents; the rules (dates, scope, workflow) live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import IncidentKind, IncidentStatus, Severity

# A phone's date-and-time picker sends "2024-09-01T08:30"; typed dates come as dd/mm/yyyy hh:mm.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"]


def datetime_field(label, required=True):
    return forms.DateTimeField(label=label, required=required, input_formats=DATETIME_FORMATS,
                               widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M",
                                                          attrs={"type": "datetime-local"}))


class HamletChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.commune.name}" if obj.commune_id else obj.name


class IncidentLogForm(forms.Form):
    hamlet = HamletChoiceField(label=_("Hamlet"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of incident"), choices=IncidentKind.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.MINOR,
                                 help_text=_("Serious incidents are sent at once to the district (or commune) "
                                             "committee and the provincial office."))
    occurred_at = datetime_field(_("Occurred at"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    handler = forms.CharField(label=_("Handling force"), max_length=200, required=False,
                              help_text=_("E.g. the commune police, the election team, the commune committee."))

    def __init__(self, *args, hamlets, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("occurred_at", timezone.localtime().replace(second=0,
                                                                                                microsecond=0))
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets
        first_two = list(hamlets[:2])
        if len(first_two) == 1:  # a cell reports for its own hamlet
            self.fields["hamlet"].initial = first_two[0].pk


class IncidentHandleForm(forms.Form):
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    handler = forms.CharField(label=_("Handling force"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=IncidentStatus.choices)
    resolution = forms.CharField(label=_("Resolution"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("Required to resolve the incident."))
    resolved_at = datetime_field(_("Resolved at"), required=False)


class IncidentFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of incident"), required=False,
                             choices=[("", _("All")), *IncidentKind.choices])
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=[("", _("All")), *Severity.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *IncidentStatus.choices])
    unit = HamletChoiceField(label=_("Unit"), required=False, queryset=None, empty_label=_("All"))
    serious = forms.BooleanField(label=_("Serious or very serious"), required=False)
    serious_open = forms.BooleanField(label=_("Serious, not yet resolved"), required=False)

    def __init__(self, *args, units, listed, **kwargs):
        """`units`: every unit the user may filter by (a dashboard's link may name a province or a
        hamlet); `listed`: the few offered in the select (districts and communes)."""
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units
        chosen = units.filter(pk=self.data.get("unit")).first() if str(self.data.get("unit", "")).isdigit() else None
        listed = list(listed)
        if chosen is not None and chosen not in listed:
            listed.insert(0, chosen)
        if not listed:
            del self.fields["unit"]
            return
        field.widget.choices = [("", field.empty_label), *((u.pk, field.label_from_instance(u)) for u in listed)]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {name: data.get(name) or default for name, default in (
            ("kind", ""), ("severity", ""), ("status", ""), ("unit", None), ("serious", False),
            ("serious_open", False))}

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    """What the office enters before a report is generated: the moment, and its own text."""

    as_of = forms.DateTimeField(
        label=_("Figures as of"), required=False, input_formats=["%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M"],
        help_text=_("dd/mm/yyyy hh:mm; leave empty for now."),
        widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M"),
    )
    assessment = forms.CharField(label=_("Assessment"), required=False, max_length=8000,
                                 widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text=_("Strengths, shortcomings and their causes; printed in section VI."))
    proposals = forms.CharField(label=_("Difficulties and proposals"), required=False, max_length=8000,
                                widget=forms.Textarea(attrs={"rows": 5}),
                                help_text=_("Printed in section VI of the report."))

    def clean_as_of(self):
        value = self.cleaned_data.get("as_of")
        if value and value > timezone.now():
            raise forms.ValidationError(_("A report cannot describe a moment in the future."))
        return value

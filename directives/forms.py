from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationKind

from .models import Directive, DirectiveType, IssuerKind, normalise_number, validate_number

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
ACCEPT = ".pdf,.docx,.xlsx,application/pdf"


class DirectiveForm(forms.ModelForm):
    file = forms.FileField(label=_("Attached file (PDF, DOCX or XLSX)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    recipients = forms.ModelMultipleChoiceField(
        label=_("Addressees"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("District committees forward it to their communes, communes to their cells, when the "
                    "deployment allows."),
    )
    all_districts = forms.BooleanField(label=_("All district committees"), required=False)
    for_information = forms.ModelMultipleChoiceField(
        label=_("For information (để biết)"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("These addressees receive it for information: they acknowledge receipt and owe no plan, "
                    "report or task."),
    )

    class Meta:
        model = Directive
        fields = ["issuer_kind", "number", "kind", "issued_on", "issuer", "summary", "body", "election",
                  "plan_required", "plan_due", "report_required", "report_due", "duties", "ack_within_days", "depth"]
        widgets = {"issued_on": DATE_WIDGET, "plan_due": DATE_WIDGET, "report_due": DATE_WIDGET,
                   "body": forms.Textarea(attrs={"rows": 8})}

    members = forms.ModelMultipleChoiceField(
        label=_("Members of the Provincial Party Executive Committee, by name"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each receives it personally, for information, and acknowledges receipt."))
    all_members = forms.BooleanField(label=_("All members of the Provincial Party Executive Committee"),
                                     required=False)

    def __init__(self, *args, recipient_choices, elections=None, member_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = recipient_choices
        self.fields["members"].queryset = member_choices if member_choices is not None else \
            self.fields["recipients"].queryset.none()
        self.fields["for_information"].queryset = recipient_choices
        if elections is not None:
            self.fields["election"].queryset = elections
        self.fields["kind"].initial = DirectiveType.OFFICIAL_LETTER
        self.fields["issuer_kind"].required = False  # a Party document unless said otherwise
        for name in ("issued_on", "plan_due", "report_due"):
            self.fields[name].input_formats = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]

    def clean_issuer_kind(self):
        return self.cleaned_data.get("issuer_kind") or IssuerKind.PARTY

    def clean_number(self):
        number = normalise_number(self.cleaned_data["number"])
        validate_number(number, self.cleaned_data.get("issuer_kind") or IssuerKind.PARTY)
        return number

    def clean(self):
        data = super().clean()
        for duty in ("plan", "report"):
            if data.get(f"{duty}_required") and not data.get(f"{duty}_due") and f"{duty}_due" not in self.errors:
                self.add_error(f"{duty}_due", _("Give the date the plan is due.") if duty == "plan"
                               else _("Give the date the report is due."))
        if data.get("all_districts"):
            districts = self.fields["recipients"].queryset.filter(kind=OrganisationKind.DISTRICT_COMMITTEE)
            data["recipients"] = list(data.get("recipients") or []) + [
                o for o in districts if o not in (data.get("recipients") or [])]
        return data

    def _post_clean(self):
        # The model is validated by the service (with the file); only field validation here.
        pass


class SubmissionForm(forms.Form):
    text = forms.CharField(label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(label=_("Attached file (PDF, DOCX or XLSX)"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Write the text or attach the file."))
        return data


class DifficultyForm(forms.Form):
    text = forms.CharField(label=_("Difficulty or problem to report"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=5000)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)


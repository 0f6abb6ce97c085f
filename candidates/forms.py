from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ConcurrencyException, ExceptionDecision, Nominee
from .services import NOMINEE_FIELDS

DATE_HELP = _("dd/mm/yyyy")


def _date_widget():
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class NomineeForm(forms.ModelForm):
    class Meta:
        model = Nominee
        fields = list(NOMINEE_FIELDS)
        widgets = {"date_of_birth": _date_widget(), "party_join_date": _date_widget(),
                   "notes": forms.Textarea(attrs={"rows": 3}),
                   "citizen_id": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].help_text = DATE_HELP
        self.fields["party_join_date"].help_text = DATE_HELP

    def validate_unique(self):
        """Uniqueness and eligibility are the service's job (it sees the other nominees)."""


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("reason for return"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The district sees this reason and corrects its list."))


class ExceptionRequestForm(forms.ModelForm):
    class Meta:
        model = ConcurrencyException
        fields = ["reason", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}


class ExceptionDecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), widget=forms.RadioSelect, choices=[
        (ExceptionDecision.APPROVED, ExceptionDecision.APPROVED.label),
        (ExceptionDecision.REFUSED, ExceptionDecision.REFUSED.label)])
    decision_number = forms.CharField(label=_("decision number"), max_length=60,
                                      help_text=_("E.g. 125-QĐ/HU"))
    decision_date = forms.DateField(label=_("decision date"), widget=_date_widget(), help_text=DATE_HELP)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload the .xlsx template downloaded from this page."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload

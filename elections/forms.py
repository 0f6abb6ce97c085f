from django import forms
from django.utils.translation import gettext_lazy as _

from territory.models import Level, Unit

from .models import Election


class ElectionForm(forms.ModelForm):
    province = forms.ModelChoiceField(Unit.objects.filter(level=Level.PROVINCE), label=_("province"))

    class Meta:
        model = Election
        fields = ["name", "province", "term_start_year", "term_end_year", "term_months", "nomination_deadline",
                  "election_start", "election_end"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_superuser:
            # The provincial office creates campaigns for its own province only.
            self.fields["province"].queryset = Unit.objects.filter(pk=user.organisation.unit_id)
            self.fields["province"].initial = user.organisation.unit_id
        for name in ("nomination_deadline", "election_start", "election_end"):
            self.fields[name].widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
            self.fields[name].help_text = _("dd/mm/yyyy")

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CellSecretary
from .services import CELL_SECRETARY_FIELDS

DATE_HELP = _("dd/mm/yyyy")


def _date_widget():
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class CellSecretaryForm(forms.ModelForm):
    class Meta:
        model = CellSecretary
        fields = list(CELL_SECRETARY_FIELDS)
        widgets = {"date_of_birth": _date_widget(), "term_start": _date_widget(), "term_end": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].help_text = DATE_HELP
        self.fields["term_start"].help_text = _("dd/mm/yyyy: the day of the cell congress that elected them.")
        self.fields["term_end"].help_text = _("dd/mm/yyyy; leave empty while the secretary is in office.")

    def validate_unique(self):
        """Overlapping terms are the service's job (it sees the cell's other terms)."""

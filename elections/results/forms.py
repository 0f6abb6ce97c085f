"""Input parsing for election day. The rules (arithmetic, outcome, workflow) live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.choices import Gender
from common.text import nfc

from .models import CandidateOrigin, MilestoneKind, VotingMethod
from .services import CandidateRow, MinutesData


class DateInput(forms.DateInput):
    """dd/mm/yyyy text input, as offices write dates."""

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, **kwargs)


def date_field(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


class MilestonesForm(forms.Form):
    """The four preparation milestones, each a date and a document number (both optional)."""

    def __init__(self, *args, milestones=None, **kwargs):
        initial = kwargs.setdefault("initial", {})
        for kind, milestone in (milestones or {}).items():
            initial.setdefault(f"{kind}_date", milestone.date)
            initial.setdefault(f"{kind}_number", milestone.document_number)
        super().__init__(*args, **kwargs)
        for kind in MilestoneKind:
            self.fields[f"{kind.value}_date"] = date_field(kind.label, required=False)
            self.fields[f"{kind.value}_number"] = forms.CharField(label=_("Document number"), required=False,
                                                                  max_length=60)

    def pairs(self):
        for kind in MilestoneKind:
            yield kind, self[f"{kind.value}_date"], self[f"{kind.value}_number"]

    def values(self) -> dict:
        return {kind.value: (self.cleaned_data[f"{kind.value}_date"], nfc(self.cleaned_data[f"{kind.value}_number"]))
                for kind in MilestoneKind}


class MinutesForm(forms.Form):
    held_on = date_field(_("Election date"))
    voting_method = forms.ChoiceField(label=_("Voting method chosen by the meeting"), choices=VotingMethod.choices,
                                      widget=forms.RadioSelect)
    counting_board = forms.CharField(
        label=_("Counting board (secret ballot)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("3 to 5 members, one full name per line."))
    roll = forms.IntegerField(label=_("Household representatives on the roll"), min_value=0)
    attending = forms.IntegerField(label=_("Household representatives attending"), min_value=0)
    ballots_issued = forms.IntegerField(label=_("Ballots issued"), min_value=0, required=False)
    ballots_returned = forms.IntegerField(label=_("Ballots returned"), min_value=0, required=False)
    ballots_valid = forms.IntegerField(label=_("Valid ballots"), min_value=0, required=False)
    ballots_invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0, required=False)
    minutes_received_on = date_field(_("Minutes received by the commune on"), required=False,
                                     help_text=_("Leave empty for today. The recognition deadline counts from it."))
    roll_confirmation = forms.CharField(
        label=_("Reason, when the roll is far from the household count"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when the roll is outside the range above: why the figure on the minutes is right. "
                    "It is kept in the history."))

    def __init__(self, *args, roll_range: tuple[int, int] | None = None, households: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if roll_range is None:
            del self.fields["roll_confirmation"]  # no household count: nothing to compare with
        else:
            self.fields["roll"].help_text = _(
                "The hamlet has %(households)s households: a roll from %(low)s to %(high)s needs no reason.") % {
                "households": households, "low": roll_range[0], "high": roll_range[1]}

    def minutes_data(self) -> MinutesData:
        d = self.cleaned_data
        board = tuple(nfc(line) for line in d["counting_board"].splitlines() if line.strip())
        return MinutesData(
            held_on=d["held_on"], voting_method=d["voting_method"], roll=d["roll"], attending=d["attending"],
            minutes_received_on=d["minutes_received_on"] or timezone.localdate(),
            ballots_issued=d["ballots_issued"], ballots_returned=d["ballots_returned"],
            ballots_valid=d["ballots_valid"], ballots_invalid=d["ballots_invalid"], counting_board=board,
            roll_confirmation=nfc(d.get("roll_confirmation", "")),
        )


class CandidateRowForm(forms.Form):
    """One candidate row; a row with neither name nor votes is an unused row and is ignored."""

    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False,
                                widget=forms.TextInput(attrs={"size": 26}))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    is_party_member = forms.BooleanField(label=_("Party member"), required=False)
    is_cell_secretary = forms.BooleanField(label=_("Cell secretary"), required=False)
    is_incumbent = forms.BooleanField(label=_("Incumbent"), required=False)
    origin = forms.ChoiceField(label=_("Nominated by"), choices=CandidateOrigin.choices)
    votes = forms.IntegerField(label=_("Votes"), min_value=0, required=False,
                               widget=forms.TextInput(attrs={"size": 6, "inputmode": "numeric"}))
    nominee_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date_of_birth = date_field(_("Date of birth"), required=False,
                               help_text=_("For candidates not taken from the nominee list."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label

    def clean(self):
        d = super().clean()
        name, votes = (d.get("full_name") or "").strip(), d.get("votes")
        self.is_unused = not name and votes is None and "votes" not in self.errors
        if not self.is_unused:
            if not name:
                self.add_error("full_name", _("Enter the candidate's full name."))
            if votes is None and "votes" not in self.errors:
                self.add_error("votes", _("Enter the votes (0 if none)."))
        return d

    def row(self) -> CandidateRow:
        d = self.cleaned_data
        return CandidateRow(full_name=nfc(d["full_name"]), gender=d["gender"], votes=d["votes"],
                            is_party_member=d["is_party_member"], is_cell_secretary=d["is_cell_secretary"],
                            is_incumbent=d["is_incumbent"], origin=d["origin"], nominee_id=d["nominee_id"],
                            date_of_birth=d["date_of_birth"])


class BaseCandidateFormSet(forms.BaseFormSet):
    def rows(self) -> list[CandidateRow]:
        return [f.row() for f in self.forms if not getattr(f, "is_unused", True)]

    def clean(self):
        super().clean()
        if not any(self.errors) and not self.rows():
            raise forms.ValidationError(_("Enter at least one candidate."))


CandidateFormSet = forms.formset_factory(CandidateRowForm, formset=BaseCandidateFormSet, extra=3, max_num=20,
                                         validate_max=True)


def candidate_initial(prefill: list[dict]) -> list[dict]:
    """Rows from `registry.ballot_prefill` as initial data for the formset (front-list origin)."""
    keys = ("full_name", "gender", "is_party_member", "is_cell_secretary", "nominee_id")
    return [{**{k: row.get(k) for k in keys}, "origin": CandidateOrigin.FRONT_LIST} for row in prefill]


class DecisionForm(forms.Form):
    RECOGNISE, REFUSE = "recognise", "refuse"
    decision = forms.ChoiceField(label=_("The commune chairman's decision"), widget=forms.RadioSelect, choices=[
        (RECOGNISE, _("Recognise the elected head")), (REFUSE, _("Refuse recognition (a re-run follows)"))])
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_date = date_field(_("Decision date"))
    reasons = forms.CharField(label=_("Reasons for refusal"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        d = super().clean()
        if d.get("decision") == self.RECOGNISE and not (d.get("decision_number") or "").strip():
            self.add_error("decision_number", _("Enter the number of the recognition decision."))
        if d.get("decision") == self.REFUSE and not (d.get("reasons") or "").strip():
            self.add_error("reasons", _("Give the reasons for refusing recognition."))
        return d


class RerunForm(forms.Form):
    date = date_field(_("Re-run date"))


class ActingHeadForm(forms.Form):
    full_name = forms.CharField(label=_("Full name of the acting head"), max_length=150)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    is_party_member = forms.BooleanField(label=_("Party member"), required=False)
    is_cell_secretary = forms.BooleanField(label=_("Cell secretary"), required=False)
    decision_number = forms.CharField(label=_("Appointment decision number"), max_length=60)
    decision_date = date_field(_("Appointment decision date"))

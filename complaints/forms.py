"""Input parsing for letters: intake, the handling steps, the queue's filter bar."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import holders
from candidates.models import Nominee
from territory.models import Level, Unit
from territory.scoping import scope_of

from .models import Channel, Complexity, Kind, Outcome, Status

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label, **kwargs):
    return forms.DateField(label=label, input_formats=DATE_FORMATS,
                           widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
                           **kwargs)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} — {obj.organisation}" if obj.organisation_id else str(obj)


def hamlet_label(hamlet) -> str:
    """"Ấp 1, xã Trung Hòa": hamlet names repeat across communes (30 of 112 in Chợ Gạo), so a hamlet
    is always shown with its commune (select_related("parent") where hamlets are listed)."""
    if hamlet.parent_id is None:
        return hamlet.name
    commune = hamlet.parent.name
    return f"{hamlet.name}, {commune[:1].lower()}{commune[1:]}"


class HamletChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return hamlet_label(obj)


class NomineeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {hamlet_label(obj.hamlet_election.hamlet)}"


def complexity_field(**kwargs):
    # Not required: a form posted without it records a simple case, the default of the law's counts.
    return forms.TypedChoiceField(
        label=_("Complexity of the case"), choices=Complexity.choices, required=False, initial=Complexity.SIMPLE,
        empty_value=Complexity.SIMPLE.value,
        help_text=_("A complex complaint has 45 days instead of 30; a complex denunciation may be extended once, "
                    "an especially complex one twice (Luật Tố cáo 2018, Điều 30)."), **kwargs)


def complexity_reason_field(**kwargs):
    return forms.CharField(label=_("Why the case is complex"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), **kwargs)


def handler_choices(user):
    """Officers and leaders of the committees over or under the user's area (the service then
    checks that the chosen one covers the letter's hamlet)."""
    scope = scope_of(user)
    qs = User.objects.filter(holders("complaint.handle"), is_active=True).select_related("organisation")
    if not scope.everything:
        if scope.unit is None:
            return qs.none()
        above = [int(x) for x in scope.unit.path.strip("/").split("/") if x]
        qs = qs.filter(Q(organisation__unit_id__in=above) | Q(organisation__unit__path__startswith=scope.unit.path))
    return qs.order_by("organisation__kind", "organisation__name", "last_name", "first_name")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of letter"), choices=Kind.choices)
    channel = forms.ChoiceField(label=_("Received through"), choices=Channel.choices)
    received_on = date_field(_("Received on"))
    forwarded_by = forms.CharField(label=_("Forwarded by"), max_length=200, required=False,
                                   help_text=_("Only for letters forwarded by another body."))
    hamlet = HamletChoiceField(label=_("Hamlet"), queryset=Unit.objects.none())
    nominee = NomineeChoiceField(label=_("Nominee concerned"), queryset=Nominee.objects.none(), required=False,
                                 help_text=_("Leave empty when the letter names no nominee."))
    about_election = forms.BooleanField(
        label=_("The letter is about the hamlet's election itself (the vote, the roll, the count)"), required=False,
        help_text=_("With no nominee named: the letter is linked to the hamlet's election in the current campaign "
                    "and the election cannot be recognised until the letter is settled."))
    signatories = forms.IntegerField(label=_("Number of signatories"), min_value=0, max_value=999, initial=1)
    signed_in_person = forms.BooleanField(label=_("Signed in person by the sender"), required=False, initial=True)
    complexity = complexity_field()
    complexity_reason = complexity_reason_field()
    summary = forms.CharField(label=_("Gist of the letter"), max_length=300)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    handler = UserChoiceField(label=_("Handler"), queryset=User.objects.none(),
                              help_text=_("The officer who handles the letter and may see the sender."))
    approver = UserChoiceField(label=_("Approving leader"), queryset=User.objects.none(), required=False)
    sender_name = forms.CharField(
        label=_("Sender's full name"), max_length=150, required=False,
        help_text=_("Leave empty for an anonymous letter. For a complaint signed by several people, the "
                    "representative they chose (Luật Khiếu nại 2011)."))
    sender_address = forms.CharField(label=_("Sender's address"), max_length=300, required=False)
    sender_phone = forms.CharField(label=_("Sender's phone"), max_length=30, required=False)
    sender_id_number = forms.CharField(label=_("Sender's ID number"), max_length=20, required=False)
    scans = MultipleFileField(label=_("Scans of the letter"), required=False,
                              help_text=_("PDF, JPEG or PNG."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = (Unit.objects.filter(level=Level.HAMLET, is_active=True).visible_to(user)
                                          .select_related("parent").order_by("path"))
        self.fields["nominee"].queryset = (
            Nominee.objects.filter(status="active").select_related("hamlet_election__hamlet__parent")
            .visible_to(user).order_by("hamlet_election__hamlet__path", "search_name"))
        handlers = handler_choices(user)
        self.fields["handler"].queryset = handlers
        self.fields["approver"].queryset = handlers.filter(role="leader")
        if not self.is_bound and user in handlers:
            self.initial.setdefault("handler", user.pk)


class ClassifyForm(forms.Form):
    false_name = forms.BooleanField(label=_("The name is false"), required=False)
    already_concluded = forms.BooleanField(label=_("Already concluded, with no new evidence"), required=False)
    outside_remit = forms.BooleanField(label=_("Outside our remit"), required=False)
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=200, required=False)
    request_check = forms.BooleanField(
        label=_("Content is clear and verifiable: ask a leader to approve checking it"), required=False)
    justification = forms.CharField(label=_("Justification for checking"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    internal_note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    message_to_sender = forms.CharField(label=_("Message to the sender"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))


class DecideCheckForm(forms.Form):
    approve = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                     choices=[("yes", _("Approve checking")), ("no", _("Refuse: not processed"))])
    note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AcceptForm(forms.Form):
    accepted_on = date_field(_("Accepted on"), required=False)
    internal_note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    message_to_sender = forms.CharField(label=_("Message to the sender"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    internal_note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ComplexityForm(forms.Form):
    complexity = complexity_field()
    reason = complexity_reason_field()


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}))


class ConcludeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Conclusion"), choices=[("", "---------"), *Outcome.choices])
    conclusion_number = forms.CharField(label=_("Conclusion number"), max_length=60)
    conclusion_date = date_field(_("Conclusion date"))
    internal_note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    message_to_sender = forms.CharField(label=_("Message to the sender"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))


class NotifyForm(forms.Form):
    notified_on = date_field(_("Notified on"), required=False)
    message_to_sender = forms.CharField(label=_("What was sent to the sender"),
                                        widget=forms.Textarea(attrs={"rows": 3}))
    internal_note = forms.CharField(label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EmptyForm(forms.Form):
    pass


class AssignForm(forms.Form):
    handler = UserChoiceField(label=_("Handler"), queryset=User.objects.none())
    approver = UserChoiceField(label=_("Approving leader"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        handlers = handler_choices(user)
        self.fields["handler"].queryset = handlers
        self.fields["approver"].queryset = handlers.filter(role="leader")


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), ("open", _("Not settled"))] + list(Status.choices))
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + list(Kind.choices))
    due = forms.ChoiceField(label=_("Deadline"), required=False,
                            choices=[("", _("All")), ("late", _("Overdue")), ("soon", _("Due soon"))])
    mine = forms.BooleanField(label=_("Only mine"), required=False)
    area = forms.IntegerField(required=False, widget=forms.HiddenInput)

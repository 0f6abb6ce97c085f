"""The law on election day, as pure functions: no database, table-testable.

- `decide`: who (if anyone) is elected, from the roll, the attendance and the votes.
- `check_minutes`: the arithmetic of the minutes (biên bản kiểm phiếu).
- `milestone_warnings`: preparation steps later than the lead time before election day.

Sources: domain-rules.md §1.4-1.6 and §6.2-6.4 (NQLT 09/2008 Điều 8; NĐ 59/2023; TT 04/2012 Điều 12).
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.numbers import percent

from .models import MilestoneKind, RerunReason, VotingMethod

ELECTED = "elected"


@dataclass(frozen=True)
class Outcome:
    """`kind` is "elected" or a `RerunReason` value; `winner` the index of the winning vote count."""

    kind: str
    winner: int | None
    quorum: bool
    turnout: Decimal | None
    percents: tuple[Decimal | None, ...]

    @property
    def is_elected(self) -> bool:
        return self.kind == ELECTED


def decide(*, roll: int, attending: int, votes: Sequence[int]) -> Outcome:
    """The outcome of a community meeting.

    - The meeting is valid only if more than half of the household representatives on the roll
      attend: attending * 2 > roll (NQLT 09/2008 Điều 8 khoản 1; NĐ 59/2023).
    - The winner has the strictly highest votes and more than half of the household representatives
      on the roll (not of the ballots): votes * 2 > roll. 110 votes of 310 households is no win,
      even with 210 valid ballots.
    - Otherwise no one is elected. When nobody reaches the majority the reason is "no majority";
      when the highest count reaches it but is shared, "tie".
    Percentages are against the roll.
    """
    if roll <= 0:
        raise ValueError("roll must be positive")
    percents = tuple(percent(v, roll) for v in votes)
    turnout = percent(attending, roll)
    quorum = attending * 2 > roll
    if not quorum:
        return Outcome(RerunReason.NO_QUORUM.value, None, False, turnout, percents)
    top = max(votes, default=0)
    if top * 2 <= roll:
        return Outcome(RerunReason.NO_MAJORITY.value, None, True, turnout, percents)
    leaders = [i for i, v in enumerate(votes) if v == top]
    if len(leaders) > 1:
        return Outcome(RerunReason.TIE.value, None, True, turnout, percents)
    return Outcome(ELECTED, leaders[0], True, turnout, percents)


@dataclass(frozen=True)
class MinutesFigures:
    voting_method: str
    roll: int | None
    attending: int | None
    ballots_issued: int | None = None
    ballots_returned: int | None = None
    ballots_valid: int | None = None
    ballots_invalid: int | None = None
    counting_board: Sequence[str] = ()


def check_minutes(figures: MinutesFigures, votes: Sequence[tuple[str, int]]) -> list[str]:
    """Every arithmetic error of the minutes, as messages naming the figures (domain-rules §6.3).

    `votes` is (candidate name, votes) per row. An empty list means the minutes add up.
    """
    f = figures
    errors: list[str] = []
    if f.roll is None or f.roll <= 0:
        errors.append(_("The number of household representatives on the roll must be greater than 0."))
    if f.attending is None:
        errors.append(_("Enter the number of household representatives attending."))
    elif f.roll and f.attending > f.roll:
        errors.append(_("Attending (%(attending)s) cannot exceed the household representatives on the roll "
                        "(%(roll)s).") % {"attending": f.attending, "roll": f.roll})
    if not votes:
        errors.append(_("Enter at least one candidate."))
    if f.voting_method == VotingMethod.SECRET_BALLOT:
        board = len(f.counting_board)
        if not 3 <= board <= 5:
            errors.append(_("A secret ballot needs a counting board of 3 to 5 members (%(n)s entered).")
                          % {"n": board})
        labels = {"ballots_issued": _("ballots issued"), "ballots_returned": _("ballots returned"),
                  "ballots_valid": _("valid ballots"), "ballots_invalid": _("invalid ballots")}
        missing = [str(label) for name, label in labels.items() if getattr(f, name) is None]
        if missing:
            errors.append(_("A secret ballot needs every ballot count: %(fields)s.") % {"fields": ", ".join(missing)})
            return errors
        issued, returned = f.ballots_issued, f.ballots_returned
        valid, invalid = f.ballots_valid, f.ballots_invalid
        if f.attending is not None and issued > f.attending:
            errors.append(_("Ballots issued (%(issued)s) cannot exceed the representatives attending "
                            "(%(attending)s).") % {"issued": issued, "attending": f.attending})
        if returned > issued:
            errors.append(_("Ballots returned (%(returned)s) cannot exceed ballots issued (%(issued)s).")
                          % {"returned": returned, "issued": issued})
        if valid + invalid != returned:
            errors.append(_("Valid (%(valid)s) plus invalid (%(invalid)s) ballots must equal the ballots "
                            "returned (%(returned)s).") % {"valid": valid, "invalid": invalid, "returned": returned})
        for name, count in votes:
            if count > valid:
                errors.append(_("%(name)s: %(votes)s votes is more than the valid ballots (%(valid)s).")
                              % {"name": name, "votes": count, "valid": valid})
        total = sum(count for _name, count in votes)
        if total > valid:
            errors.append(_("The votes of all candidates together (%(total)s) exceed the valid ballots "
                            "(%(valid)s): each ballot elects one person.") % {"total": total, "valid": valid})
    elif f.attending is not None:
        for name, count in votes:
            if count > f.attending:
                errors.append(_("%(name)s: %(votes)s votes is more than the representatives attending "
                                "(%(attending)s).") % {"name": name, "votes": count, "attending": f.attending})
    return errors


def milestone_warnings(election_date: datetime.date | None, milestones: Mapping[str, datetime.date],
                       lead_days: Mapping[str, int]) -> list[str]:
    """Warnings (never blocks: records are often entered late) for each recorded milestone that is
    later than its lead time before election day (NĐ 59/2023: 20, 15, 10, 7 days)."""
    if election_date is None:
        return []
    warnings = []
    for kind in MilestoneKind:
        when = milestones.get(kind.value)
        days = lead_days.get(kind.value)
        if when is None or days is None:
            continue
        latest = election_date - datetime.timedelta(days=days)
        if when > latest:
            warnings.append(_("%(milestone)s on %(date)s is late: it is due at least %(days)s days before "
                              "election day, by %(latest)s.") % {
                "milestone": kind.label, "date": date_format(when, "SHORT_DATE_FORMAT"), "days": days,
                "latest": date_format(latest, "SHORT_DATE_FORMAT")})
    return warnings

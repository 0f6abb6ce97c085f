"""The law on election day, as pure functions: no database, table-testable.

- `decide`: who (if anyone) is elected, from the roll, the attendance and the votes.
- `check_minutes`: the arithmetic of the minutes (biên bản kiểm phiếu) and who may count.
- `roll_range`: the roll the hamlet's household count allows.
- `age_on`, `MIN_AGE`: the age rule for a head (TT 04/2012 Điều 11); the candidates app reuses them.
- `milestone_warnings`, `late_warning`: dates later than the law wants, warned about, never refused.

Sources: domain-rules.md §1.3-1.6 and §6.2-6.4 (NQLT 09/2008 Điều 8; NĐ 59/2023; TT 04/2012 Điều 11, 12).
"""

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.numbers import percent
from common.text import search_key

from .models import MilestoneKind, RerunReason, VotingMethod

ELECTED = "elected"
MIN_AGE = 21  # TT 04/2012 Điều 11 (as amended, 08/VBHN-BNV): a head is aged 21 or older on election day


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years of age on `day`: the 21st birthday itself counts as 21."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def roll_range(households: int | None, tolerance: float | Decimal) -> tuple[int, int] | None:
    """The lowest and highest roll allowed for a hamlet of `households` households: within
    `tolerance` (a share, 0.2 = 20 %) of its count, bounds included. None when the count is unknown.

    The roll is one representative per household (forms.md §3.6, H), so it should match the count;
    the share leaves room for households formed or gone since the count was imported."""
    if not households:
        return None
    share = Decimal(str(tolerance))
    return math.ceil(households * (1 - share)), math.floor(households * (1 + share))


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
    One post, one vote: each household representative (show of hands) or valid ballot (secret
    ballot) elects one person, so the votes together cannot exceed them (forms.md §3.6). A member
    of the counting board may not stand (domain-rules §6.2.3, NĐ 59/2023): names are compared
    without accents or case.
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
        board_keys = {search_key(member) for member in f.counting_board}
        for name, _count in votes:
            if search_key(name) in board_keys:
                errors.append(_("%(name)s is on the counting board and is also a candidate: a member of the "
                                "counting board may not stand for election.") % {"name": name})
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
        total = sum(count for _name, count in votes)
        if total > f.attending:
            errors.append(_("The votes of all candidates together (%(total)s) exceed the representatives "
                            "attending (%(attending)s): each of them elects one person.")
                          % {"total": total, "attending": f.attending})
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


def late_warning(kind: str, *, done: datetime.date | None, due: datetime.date | None) -> str | None:
    """A warning when `done` is after `due` (accepted: records are often entered late), else None.

    `kind` names the step: "rerun" (a re-run held or scheduled after its limit, RERUN_WITHIN_DAYS
    after the failed meeting or ACTING_HEAD_ELECTION_MONTHS after an acting head), "receipt" (the
    minutes reached the commune later than MINUTES_RECEIPT_WORKING_DAYS after the meeting) or
    "decision" (the chairman decided later than RECOGNITION_DEADLINE_WORKING_DAYS after receiving
    them, NĐ 59/2023 Điều 8 as reported in forms.md §4.4)."""
    if done is None or due is None or done <= due:
        return None
    values = {"date": date_format(done, "SHORT_DATE_FORMAT"), "due": date_format(due, "SHORT_DATE_FORMAT")}
    if kind == "rerun":
        return _("The re-run on %(date)s is after its limit, %(due)s.") % values
    if kind == "receipt":
        return _("The minutes reached the commune on %(date)s, later than they were due (%(due)s).") % values
    return _("The commune chairman's decision of %(date)s is later than its deadline, %(due)s.") % values

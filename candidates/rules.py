"""Who may do what on a nominee list, and the eligibility rules for a nominee (one place each)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.permissions import holds

MIN_AGE = 21  # TT 04/2012 Điều 11: aged 21 or older on election day


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_owner(user, nominee_list, *, action: str = "nominee_list.prepare") -> bool:
    """A member of the committee that owns the list (the district committee, or the commune
    committee where the province has no districts: the list's unit is then the commune), whose
    kind and role the permission table allows `action`."""
    return _active(user) and holds(user, action) and user.organisation.unit_id == nominee_list.unit_id


def is_office(user, election, *, action: str = "nominee_list.review") -> bool:
    """A member of the provincial office of the campaign's province allowed `action`."""
    return _active(user) and holds(user, action) and user.organisation.unit_id == election.province_id


def can_edit_list(user, nominee_list) -> bool:
    return _active(user) and (user.is_superuser or is_owner(user, nominee_list)
                              or is_office(user, nominee_list.election))


def can_start_list(user, nominee_list) -> bool:
    """Starting a unit's list is its first change: whoever may edit the list may start it."""
    return can_edit_list(user, nominee_list)


def can_review_lists(user, election) -> bool:
    """Accepting or returning the campaign's lists: the provincial office (`nominee_list.review`)
    of the campaign's province, or an administrator."""
    return is_office(user, election) or user.is_superuser


def can_request_exception(user, nominee_list) -> bool:
    """Asking for a concurrency exception: the owning committee (`exception.request`), or an administrator."""
    return user.is_superuser or is_owner(user, nominee_list, action="exception.request")


def can_decide_exception(user, nominee_list) -> bool:
    """Deciding a concurrency exception: the owning committee's leaders (`exception.decide`), or an administrator."""
    return user.is_superuser or is_owner(user, nominee_list, action="exception.decide")


def can_see_every_citizen_id(user, election) -> bool:
    """The provincial office that reviews the campaign's lists (and administrators) see every
    nominee's citizen ID in clear; others only those of lists they may edit."""
    return can_review_lists(user, election)


def can_see_citizen_ids(user, nominee_list) -> bool:
    """Citizen IDs in clear only for officers/leaders of the owning district and the provincial office."""
    return can_edit_list(user, nominee_list)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def coming_of_age(born: datetime.date) -> datetime.date:
    """The first day on which someone born on `born` is MIN_AGE (born 29/02: 1 March of a common year)."""
    try:
        return born.replace(year=born.year + MIN_AGE)
    except ValueError:
        return datetime.date(born.year + MIN_AGE, 3, 1)


@dataclass(frozen=True)
class AgeVerdict:
    problem: str = ""  # refused now
    warning: str = ""  # accepted, to be checked again once the hamlet's election date is set


def age_verdict(date_of_birth: datetime.date | None, *, election_date: datetime.date | None,
                window_start: datetime.date, window_end: datetime.date) -> AgeVerdict:
    """TT 04/2012 Điều 11: a nominee is 21 or older on election day.

    With the hamlet's election date: refused if under 21 that day. Without it: refused if still
    under 21 on the campaign's last day (no day of the window would do); accepted with a warning
    if 21 only during the window (eligible only if the hamlet votes on or after the birthday),
    which is checked again when the date is set.
    """
    if date_of_birth is None:
        return AgeVerdict()
    if election_date is not None:
        if age_on(date_of_birth, election_date) < MIN_AGE:
            return AgeVerdict(problem=_(
                "The nominee must be at least %(age)d years old on election day (%(day)s) (TT 04/2012, Article 11)."
            ) % {"age": MIN_AGE, "day": _day(election_date)})
        return AgeVerdict()
    if age_on(date_of_birth, window_end) < MIN_AGE:
        return AgeVerdict(problem=_(
            "The nominee must be at least %(age)d years old on election day, and is still under %(age)d on the "
            "last day of the election window (%(day)s) (TT 04/2012, Article 11).") % {
            "age": MIN_AGE, "day": _day(window_end)})
    if age_on(date_of_birth, window_start) < MIN_AGE:
        return AgeVerdict(warning=_(
            "Turns %(age)d on %(birthday)s, during the election window: eligible only if the hamlet's election is "
            "held on or after that day. The age will be checked again once the hamlet's election date is set.") % {
            "age": MIN_AGE, "birthday": _day(coming_of_age(date_of_birth))})
    return AgeVerdict()


def secretary_day(election_date: datetime.date | None, window_end: datetime.date) -> datetime.date:
    """The day on which the cell's secretary is looked up: the hamlet's election date, else the
    campaign's last day (the secretary who would also serve as head, Đề án 02-ĐA/TU)."""
    return election_date or window_end


def secretary_problem(*, is_cell_secretary: bool, search_name: str, secretary, day: datetime.date) -> str:
    """A nominee marked as the cell secretary must be the secretary the hamlet's cell recorded for
    `day` (matched on the accent-free name); `secretary` is that record, or None when the cell
    recorded none (then nothing can be refused: see `secretary_warning`)."""
    if not is_cell_secretary or secretary is None or secretary.search_name == search_name:
        return ""
    return _("The secretary of the hamlet's party cell on %(day)s is %(name)s, as recorded by the cell; this "
             "nominee is not. Untick this box, or ask the cell to correct its record.") % {
        "day": _day(day), "name": secretary.full_name}


def secretary_warning(*, is_cell_secretary: bool, secretary, day: datetime.date) -> str:
    """A nominee marked as secretary in a hamlet whose cell recorded no secretary for `day` is
    accepted, but shown as not checked against the cell."""
    if not is_cell_secretary or secretary is not None:
        return ""
    return _("Not checked against the party cell: the cell has not recorded its secretary for %(day)s.") % {
        "day": _day(day)}


def nominees_per_hamlet_max() -> int:
    """NOMINEES_PER_HAMLET_MAX (default 2): the old rule allowed 1-2 people per hamlet; NĐ 59/2023
    only requires at least one, so this is province policy (domain-rules §6.2.2)."""
    return int(getattr(settings, "NOMINEES_PER_HAMLET_MAX", 2))


def eligibility_problems(*, election_date: datetime.date | None, window_start: datetime.date,
                         window_end: datetime.date, date_of_birth, is_permanent_resident: bool,
                         on_election_team: bool, active_count_other: int) -> dict[str, str]:
    """The eligibility rules for a nominee, field -> message (empty when eligible).

    TT 04/2012 Điều 11 (as amended): 21 or older on election day (`age_verdict`), permanent
    resident of the hamlet; NĐ 59/2023: not a member of the election team or counting board;
    province policy: at most NOMINEES_PER_HAMLET_MAX active nominees per hamlet.
    """
    problems: dict[str, str] = {}
    age = age_verdict(date_of_birth, election_date=election_date, window_start=window_start, window_end=window_end)
    if age.problem:
        problems["date_of_birth"] = age.problem
    if not is_permanent_resident:
        problems["is_permanent_resident"] = _(
            "The nominee must be a permanent resident of the hamlet (TT 04/2012, Article 11).")
    if on_election_team:
        problems["on_election_team"] = _(
            "A member of the election team or the counting board may not stand for election.")
    limit = nominees_per_hamlet_max()
    if active_count_other >= limit:
        problems["__all__"] = _("This hamlet already has %(n)d nominee(s), the most allowed.") % {"n": limit}
    return problems


def citizen_id_display(nominee, show: bool) -> str:
    """The one way a citizen ID reaches a page or a file: in clear only when `show`."""
    from .models import mask_citizen_id

    return nominee.citizen_id if show else mask_citizen_id(nominee.citizen_id)

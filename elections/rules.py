"""The law on campaigns, as pure functions (the election-day law is in `results/rules.py`)."""

from django.utils.translation import gettext as _

FIVE_YEARS, TWO_AND_A_HALF_YEARS = 60, 30


def term_problem(start_year: int | None, end_year: int | None, months: int | None) -> str | None:
    """Why the term length does not follow the campaign's term years, or None.

    A head's term is 5 years or 2.5 years, set uniformly by the provincial People's Committee
    (TT 04/2012 Điều 12 khoản 2 điểm a, as amended by TT 14/2018; domain-rules §1.2, §6.4.2): so 60
    months over a 5-year span (2024-2029), or 30 months over the 2- or 3-year span a 2.5-year term
    is labelled with (Tiền Giang's 2014-2016 and 2016-2019 terms).
    """
    if start_year is None or end_year is None or months is None or end_year <= start_year:
        return None  # missing, or refused by the model's own constraint
    span = end_year - start_year
    if (months == FIVE_YEARS and span == 5) or (months == TWO_AND_A_HALF_YEARS and span in (2, 3)):
        return None
    return _("A term of %(start)s-%(end)s cannot last %(months)s months: a term is 60 months over 5 years "
             "(e.g. 2024-2029) or, where the province chose 2.5 years, 30 months over 2 or 3 years "
             "(TT 04/2012, Article 12).") % {"start": start_year, "end": end_year, "months": months}

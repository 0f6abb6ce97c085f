"""Document types and official numbers: the Party's style (Hướng dẫn 36-HD/VPTW, "3321-CV/TU") and the
state's (Nghị định 30/2020/NĐ-CP, "15/HD-SNV"), how a typed number is normalised, parsed and checked,
and the type its abbreviation stands for."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.text import nfc


class DirectiveType(models.TextChoices):
    OFFICIAL_LETTER = "cong_van", _("Official letter (công văn)")
    PLAN = "ke_hoach", _("Plan (kế hoạch)")
    GUIDANCE = "huong_dan", _("Guidance (hướng dẫn)")
    NOTICE = "thong_bao", _("Notice (thông báo)")
    DIRECTIVE = "chi_thi", _("Directive (chỉ thị)")
    RESOLUTION = "nghi_quyet", _("Resolution (nghị quyết)")
    CONCLUSION = "ket_luan", _("Conclusion (kết luận)")
    DECISION = "quyet_dinh", _("Decision (quyết định)")
    REGULATION = "quy_dinh", _("Regulation (quy định)")
    RULES = "quy_che", _("Rules (quy chế)")
    REPORT = "bao_cao", _("Report (báo cáo)")
    SUBMISSION = "to_trinh", _("Submission (tờ trình)")
    SCHEME = "de_an", _("Scheme (đề án)")
    PROGRAMME = "chuong_trinh", _("Programme (chương trình)")
    MINUTES = "bien_ban", _("Minutes (biên bản)")
    OTHER = "khac", pgettext_lazy("directives", "Other")


# The type abbreviation inside an official number and the type it stands for (HD 36-HD/VPTW).
TYPE_BY_ABBREVIATION = {
    "CV": DirectiveType.OFFICIAL_LETTER, "KH": DirectiveType.PLAN, "HD": DirectiveType.GUIDANCE,
    "TB": DirectiveType.NOTICE, "CT": DirectiveType.DIRECTIVE, "NQ": DirectiveType.RESOLUTION,
    "KL": DirectiveType.CONCLUSION, "QĐ": DirectiveType.DECISION, "QĐi": DirectiveType.REGULATION,
    "QC": DirectiveType.RULES, "BC": DirectiveType.REPORT, "TTr": DirectiveType.SUBMISSION,
    "ĐA": DirectiveType.SCHEME, "CTr": DirectiveType.PROGRAMME, "BB": DirectiveType.MINUTES,
    "TT": DirectiveType.OTHER,
}
NUMBER_PATTERN = re.compile(
    r"^(?P<n>\d+)-(?P<type>" + "|".join(sorted(TYPE_BY_ABBREVIATION, key=len, reverse=True))
    + r")/(?P<issuer>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*)$"
)


class IssuerKind(models.TextChoices):
    """Who issued the document: the Party (numbers per Hướng dẫn 36-HD/VPTW, "3321-CV/TU") or a state
    or Front body, whose guidance carries the procedure (numbers per Nghị định 30/2020/NĐ-CP,
    "15/HD-SNV", "120/KH-UBND"); issue 21 point 4."""

    PARTY = "party", _("Party committee or body")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee (UBND)")
    DEPARTMENT = "department", _("Department or state agency (Sở, ban, ngành)")
    FRONT = "front", _("Fatherland Front (Mặt trận Tổ quốc)")


# The state type abbreviations (Nghị định 30/2020/NĐ-CP, Phụ lục III) and the type each stands for;
# a state letter (công văn) has none: "45/SNV-XDCQ" (number / issuer-drafting unit).
STATE_TYPE_BY_ABBREVIATION = {
    "NQ": DirectiveType.RESOLUTION, "QĐ": DirectiveType.DECISION, "CT": DirectiveType.DIRECTIVE,
    "QC": DirectiveType.RULES, "QyĐ": DirectiveType.REGULATION, "TB": DirectiveType.NOTICE,
    "HD": DirectiveType.GUIDANCE, "CTr": DirectiveType.PROGRAMME, "KH": DirectiveType.PLAN,
    "ĐA": DirectiveType.SCHEME, "BC": DirectiveType.REPORT, "BB": DirectiveType.MINUTES,
    "TTr": DirectiveType.SUBMISSION, **dict.fromkeys(
        ("TC", "PA", "DA", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "NĐ", "TT"),
        DirectiveType.OTHER),
}
STATE_NUMBER_PATTERN = re.compile(
    r"^(?P<n>\d+)/(?:(?P<year>\d{4})/)?(?:(?P<type>"
    + "|".join(sorted(STATE_TYPE_BY_ABBREVIATION, key=len, reverse=True))
    + r")-)?(?P<issuer>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*)$"
)


def normalise_number(value: str) -> str:
    """NFC, no spaces, without a leading "Số" or "Số:": "Số 3321 - CV/TU" -> "3321-CV/TU"."""
    text = nfc(value)
    text = re.sub(r"^(số|so)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", "", text)


def number_match(value: str, issuer_kind: str = IssuerKind.PARTY):
    """The number's parts (n, type, issuer) in the style of its issuer, or None."""
    pattern = NUMBER_PATTERN if issuer_kind == IssuerKind.PARTY else STATE_NUMBER_PATTERN
    return pattern.match(normalise_number(value))


def type_of_number(match, issuer_kind: str = IssuerKind.PARTY) -> str:
    """The document type the number's abbreviation stands for (a state letter has none: công văn)."""
    if issuer_kind == IssuerKind.PARTY:
        return TYPE_BY_ABBREVIATION[match["type"]]
    return STATE_TYPE_BY_ABBREVIATION[match["type"]] if match["type"] else DirectiveType.OFFICIAL_LETTER


def validate_number(value: str, issuer_kind: str = IssuerKind.PARTY) -> None:
    """Official number and symbol: for the Party, number, dash, type abbreviation, slash, issuer
    (3321-CV/TU, HD 36-HD/VPTW); for a state or Front body, number, slash, type abbreviation, dash,
    issuer (15/HD-SNV, 120/KH-UBND; a letter without a type: 45/SNV-XDCQ; NĐ 30/2020)."""
    if number_match(value, issuer_kind):
        return
    if issuer_kind == IssuerKind.PARTY:
        raise ValidationError(
            _("“%(value)s” is not an official number and symbol: write the number, a dash, the type "
              "abbreviation (CV, KH, HD, TB, CT, NQ, KL, QĐ, QĐi, BC, TTr, ĐA, CTr…), a slash and the "
              "issuer's abbreviation, e.g. 3321-CV/TU."),
            code="invalid_number", params={"value": value},
        )
    raise ValidationError(
        _("“%(value)s” is not a state document number and symbol: write the number, a slash, the type "
          "abbreviation (KH, HD, QĐ, TB, CT, BC…), a dash and the issuer's abbreviation, e.g. 15/HD-SNV or "
          "120/KH-UBND; a letter has no type abbreviation, e.g. 45/SNV-XDCQ."),
        code="invalid_number", params={"value": value},
    )

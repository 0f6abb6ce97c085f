"""Pure rules of the progress report's layout (Hướng dẫn 36-HD/VPTW, domain-rules.md §3.3)."""

CHIEF = "CHÁNH VĂN PHÒNG"
DEPUTY = "PHÓ CHÁNH VĂN PHÒNG"
BY_ORDER_OF_THE_STANDING_COMMITTEE = "T/L BAN THƯỜNG VỤ"


def issued_by_the_office(issuer_symbol: str) -> bool:
    """"-BC/VPTU" (VPTU, VPThU…) is the office's own report; "-BC/TU" (TU, ThU, HU…) is the committee's."""
    return issuer_symbol.upper().startswith("VP")


def signer_block(issuer_symbol: str, *, deputy: bool = False) -> tuple[str, ...]:
    """The lines above the signature, which must match the number the report carries (HD 36-HD/VPTW;
    the slash forms T/M, K/T, T/L of Party documents, domain-rules.md §3.3):

    - "Số …-BC/VPTU", the office's own report: the chief of office signs "CHÁNH VĂN PHÒNG"; a deputy
      signs for the chief, "K/T CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG";
    - "Số …-BC/TU", a report in the committee's name: the chief of office signs by order of the
      standing committee, "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG"; a deputy signs for the chief under the
      same order, "T/L BAN THƯỜNG VỤ / K/T CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG" (the order may be
      handed on to the deputy, as Nghị định 30/2020 Điều 13 allows for state documents [M]).
    """
    lines = (f"K/T {CHIEF}", DEPUTY) if deputy else (CHIEF,)
    if issued_by_the_office(issuer_symbol):
        return lines
    return (BY_ORDER_OF_THE_STANDING_COMMITTEE, *lines)

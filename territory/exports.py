"""Spreadsheets of hamlets: the export, and the import template (the same columns, so an export
edited in Excel can be imported back)."""

from django.utils.translation import gettext as _

from common.xlsx import write_xlsx

from .imports import KIND_LABELS, TEMPLATE_HEADERS

DISTRICT_HEADER = "Huyện, thị xã, thành phố"  # the level heading (docs/glossary.md); the import ignores it
EXPORT_HEADERS = [DISTRICT_HEADER, *TEMPLATE_HEADERS]


def _hamlet_rows(hamlets):
    for hamlet in hamlets:
        yield [hamlet.district.name if hamlet.district_id else "", hamlet.commune.code, hamlet.commune.name,
               hamlet.name, KIND_LABELS.get(hamlet.kind, "").lower(), hamlet.households]


def hamlets_xlsx(hamlets) -> bytes:
    return write_xlsx([(_("Hamlets"), EXPORT_HEADERS, _hamlet_rows(hamlets))])


def hamlets_template_xlsx(hamlets, communes) -> bytes:
    """The hamlets already registered, with drop-downs for the kind and the commune code, and the
    list of communes on a second sheet."""
    communes = list(communes)
    return write_xlsx([
        (_("Hamlets"), EXPORT_HEADERS, _hamlet_rows(hamlets),
         {1: [c.code for c in communes], 4: ["ấp", "khu phố"]}),
        (_("Communes"), [DISTRICT_HEADER, "Mã xã", "Tên xã"],
         [[c.district.name if c.district_id else "", c.code, c.name] for c in communes]),
    ])

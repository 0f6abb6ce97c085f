from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.formats import date_format

from tools.untranslated import untranslated, vietnamese_catalogues

ROOT = Path(__file__).resolve().parent.parent


def test_every_marked_string_has_a_vietnamese_translation():
    assert untranslated() == []


def test_compiled_catalogues_match_their_sources():
    catalogues = [p for p in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in p.parts]
    assert len(vietnamese_catalogues()) >= 3
    for po_path in catalogues:
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), f"{mo_path} missing: run `make compilemessages`"
        compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo_path)) if e.msgid}
        source = {e.msgid: e.msgstr for e in polib.pofile(str(po_path)).translated_entries()}
        assert compiled == source, f"{mo_path} is stale: run `make compilemessages`"


def test_dates_are_shown_as_day_month_year():
    import datetime

    with translation.override("vi"):
        assert date_format(datetime.date(2024, 7, 26)) == "26/07/2024"
        assert date_format(datetime.date(2024, 7, 26), "SHORT_DATE_FORMAT") == "26/07/2024"


@pytest.mark.django_db
def test_pages_stay_vietnamese_for_an_english_browser_until_the_user_switches(client):
    html = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Đăng nhập" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/tai-khoan/dang-nhap/"})
    html = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "Log in" in html and 'lang="en"' in html

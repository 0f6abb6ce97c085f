"""The results spreadsheet heads its columns in the glossary's words (docs/glossary.md): "STT" for the
row number, and each level of the territory with every kind it holds."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_the_export_heads_the_row_number_stt_and_each_level_with_its_kinds(client, tree, he):
    client.force_login(tree.user("district", 0, "viewer"))
    response = client.get(reverse("elections:results_export", args=[tree.districts[0].pk]))
    header = [cell.value for cell in load_workbook(BytesIO(response.content)).active[5]]
    assert header[:4] == ["STT", "Huyện, thị xã, thành phố", "Xã, phường, thị trấn", "Ấp, khu phố"]

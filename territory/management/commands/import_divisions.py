"""Load a province's districts and communes from the official list (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.spreadsheets import SpreadsheetError, read_table
from territory.services import DIVISION_COLUMNS, DIVISION_REQUIRED, divisions_import

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "divisions_2024.csv"


class Command(BaseCommand):
    help = ("Load a province's districts and communes with their official codes, from the bundled "
            "statistical office list or from a fresh export (--file .xlsx/.csv).")

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True, help="Province code, e.g. 82 for Tiền Giang.")
        parser.add_argument("--file", type=Path, default=None,
                            help="The statistical office's export (.xlsx or .csv) instead of the bundled list.")

    def handle(self, *args, province, file, **options):
        path = file or BUNDLED
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            rows = read_table(path, columns=DIVISION_COLUMNS, required=DIVISION_REQUIRED, max_rows=20000,
                              max_bytes=50 * 1024 * 1024)
            summary = divisions_import(rows=rows, province_code=province)
        except SpreadsheetError as error:
            raise CommandError("\n".join(str(e) for e in error.errors)) from None
        for warning in getattr(rows, "warnings", []):
            self.stdout.write(self.style.WARNING(warning))
        if summary.changed:
            self.stdout.write(self.style.SUCCESS(
                f"Tỉnh {province}: thêm mới {summary.created}, cập nhật {summary.updated}, "
                f"giữ nguyên {summary.unchanged} đơn vị hành chính."))
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Tỉnh {province}: không có gì thay đổi ({summary.unchanged} đơn vị hành chính đã đúng)."))
        for unit in summary.not_in_file:
            self.stdout.write(self.style.WARNING(
                f"Không có trong danh mục (giữ nguyên, không tự ẩn): {unit.code} {unit.name}"))

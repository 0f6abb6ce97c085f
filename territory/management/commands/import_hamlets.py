"""Import hamlets (ấp, khu phố) from a spreadsheet, as an administrator (no territorial limit)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.spreadsheets import SpreadsheetError
from territory.imports import hamlets_import


class Command(BaseCommand):
    help = ("Import hamlets from an .xlsx or .csv file with the columns Mã xã (or Tên xã), "
            "Tên ấp, khu phố, Loại, Số hộ. Nothing is written if any row is wrong.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if not file.exists():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            summary = hamlets_import(source=file, by=None)
        except SpreadsheetError as error:
            raise CommandError("Không nhập gì vì tệp có lỗi:\n" + "\n".join(f"  {e}" for e in error.errors)) from None
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(warning))
        if summary.changed:
            self.stdout.write(self.style.SUCCESS(
                f"Thêm mới {summary.created}, cập nhật {summary.updated}, giữ nguyên {summary.unchanged} ấp, khu phố; "
                f"thêm {summary.organisations_created} tổ chức đảng."))
        else:
            self.stdout.write(self.style.SUCCESS(
                f"Không có gì thay đổi ({summary.unchanged} ấp, khu phố đã đúng)."))

"""Load the demo data: each project app may have a `demo.py` with `seed(*, password, stdout)`.

Idempotent: running it again creates nothing twice. `make run` calls it on an empty database.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the Tiền Giang demo data and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=settings.DEMO_PASSWORD,
                            help="Password for every demo account (default: the DEMO_PASSWORD setting).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already holds users.")
        parser.add_argument("--scale", choices=["demo", "province", "national"], default="demo",
                            help="demo: Tiền Giang with demo accounts (default); province: one province of about "
                                 "1,000 hamlets filled in bulk; national: the 63 provinces, about 100,000 hamlets.")

    def handle(self, *args, password, if_empty, scale="demo", **options):
        from accounts.models import User

        if if_empty and User.objects.exists():
            self.stdout.write("Dữ liệu đã có sẵn; bỏ qua việc nạp dữ liệu mẫu.")
            self._print_accounts(password)
            return
        if scale != "demo":
            from territory.scale import seed

            seed(scale=scale, password=password, stdout=self.stdout)
            return
        with transaction.atomic():
            for app in settings.PROJECT_APPS:
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(password=password, stdout=self.stdout)
        self._print_accounts(password)

    def _print_accounts(self, password):
        from accounts.demo import demo_accounts

        self.stdout.write(self.style.SUCCESS(f"Tài khoản dùng thử (mật khẩu chung: {password}):"))
        for username, description in demo_accounts():
            self.stdout.write(f"  {username:<22} {description}")

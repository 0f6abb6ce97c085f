"""Load the demo data: each app's part is a module of the `demo` app with `seed(*, password, stdout)`,
run in the order of the layers (territory, accounts, elections and its incidents, candidates, complaints,
directives).

Idempotent: running it again creates nothing twice. `make run` calls it on an empty database.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from demo import accounts, candidates, complaints, directives, elections, incidents, territory
from demo.scale import seed as seed_at_scale

# Each part needs the ones before it (the organisations before the accounts, the campaign before the lists).
PARTS = (territory, accounts, elections, incidents, candidates, complaints, directives)


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
        if if_empty and User.objects.exists():
            self.stdout.write("Dữ liệu đã có sẵn; bỏ qua việc nạp dữ liệu mẫu.")
            self._print_accounts(password)
            return
        if scale != "demo":
            seed_at_scale(scale=scale, password=password, stdout=self.stdout)
            return
        with transaction.atomic():
            for part in PARTS:
                part.seed(password=password, stdout=self.stdout)
        self._print_accounts(password)

    def _print_accounts(self, password):
        self.stdout.write(self.style.SUCCESS(f"Tài khoản dùng thử (mật khẩu chung: {password}):"))
        for username, description in accounts.demo_accounts():
            self.stdout.write(f"  {username:<22} {description}")

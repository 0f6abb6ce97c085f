"""Demo accounts. The territory's demo data adds organisations and their users."""

from accounts.models import User


def seed(*, password: str, stdout) -> None:
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True, "first_name": "Quản trị"}
    )
    if created:
        admin.set_password(password)
        admin.save()


def demo_accounts() -> list[tuple[str, str]]:
    """(username, description) of every demo account, administrators first."""
    users = User.objects.select_related("organisation").order_by("-is_superuser", "organisation__kind", "username")
    return [
        (u.username, "Quản trị hệ thống" if u.is_superuser else f"{u.organisation} · {u.get_role_display()}")
        for u in users
    ]

"""Import a district's filled-in nominee template from the shell, through the same service as the page.

    manage.py import_nominees danh-sach.xlsx --district 815 [--election ID] [--user USERNAME]
"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import User
from elections.models import Election
from territory.models import Level, Unit

from ...imports import ImportFailed, import_nominees
from ...services import nominee_list_get_or_create


class Command(BaseCommand):
    help = "Import nominees of one district (or commune without district) from an .xlsx template."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--district", required=True,
                            help="Code of the district (or of the commune where there are no districts).")
        parser.add_argument("--election", type=int, help="Campaign id (default: the province's active campaign).")
        parser.add_argument("--user", help="Username recorded as the author (default: the first administrator).")

    def handle(self, *args, file, district, election=None, user=None, **options):
        unit = Unit.objects.filter(code=district, level__in=[Level.DISTRICT, Level.COMMUNE]).order_by("level").first()
        if unit is None:
            raise CommandError(_("There is no district or commune with code %(code)s.") % {"code": district})
        elections = Election.objects.filter(province_id=unit.province_id)
        campaign = (elections.filter(pk=election).first() if election
                    else elections.filter(is_active=True).order_by("-election_start").first())
        if campaign is None:
            raise CommandError(_("No election campaign was found for this province."))
        by = (User.objects.filter(username=user).first() if user
              else User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first())
        if by is None:
            raise CommandError(_("No user was found to record as the author of the import."))
        nominee_list = nominee_list_get_or_create(election=campaign, unit=unit)
        try:
            with open(file, "rb") as source:
                result = import_nominees(nominee_list=nominee_list, source=source, by=by)
        except OSError as exc:
            raise CommandError(_("The file cannot be opened: %(error)s") % {"error": exc}) from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(_("%(n)d problems; nothing was saved.") % {"n": len(exc.errors)}) from None
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(
            _("Import finished: %(created)d added, %(updated)d updated, %(unchanged)d unchanged.") % result.counts()))

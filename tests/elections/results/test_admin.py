from django.urls import reverse

from elections.models import Meeting
from elections.results.services import minutes_record

from .support import candidates, minutes


def test_result_records_are_read_only_in_the_admin_and_the_workflow_fields_too(admin_client, he, recorder):
    meeting = minutes_record(hamlet_election=he, data=minutes(), candidates=candidates(200), by=recorder)
    assert admin_client.get(reverse("admin:elections_meeting_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:elections_meeting_change", args=[meeting.pk]))
    assert page.status_code == 200 and "Nguyễn Văn An" in page.content.decode()
    assert admin_client.get(reverse("admin:elections_meeting_add")).status_code == 403
    html = admin_client.get(reverse("admin:elections_hamletelection_change", args=[he.pk])).content.decode()
    assert 'name="status"' not in html and 'name="election_date"' in html
    admin_client.post(reverse("admin:elections_hamletelection_change", args=[he.pk]),
                      {"election_date": "20/10/2024", "status": "recognised"})
    he.refresh_from_db()
    assert he.status == "elected" and Meeting.objects.count() == 1

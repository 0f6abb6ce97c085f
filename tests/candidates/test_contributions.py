"""Nomination feeds the election results through elections.registry (candidates/contributions.py,
registered at start-up)."""

import datetime

from candidates import services
from elections import registry

from .conftest import person


def test_the_minutes_form_is_prefilled_with_the_hamlets_active_nominees(world):
    officer = world.tree.user("district", 0, "officer")
    kept = services.nominee_create(by=officer, hamlet_election=world.he(0), **person(full_name="Trần Thị Lan",
                                                                                    gender="female"))
    gone = services.nominee_create(by=officer, hamlet_election=world.he(0),
                                   **person(full_name="Lê Văn Bỏ", is_cell_secretary=False))
    services.nominee_withdraw(nominee=gone, reason="Xin rút", by=officer)
    rows = registry.prefill_rows(world.he(0))
    assert rows == [{"full_name": "Trần Thị Lan", "gender": "female", "is_party_member": True,
                     "is_cell_secretary": True, "nominee_id": kept.pk}]
    assert registry.prefill_rows(world.he(1)) == []


def test_a_result_beside_its_concurrency_exception(world):
    officer, leader = world.tree.user("district", 0, "officer"), world.tree.user("district", 0, "leader")
    services.nominee_create(by=officer, hamlet_election=world.he(0), **person(is_cell_secretary=False))
    assert registry.exception_lines(world.he(0)) == ["Chưa có đề nghị xem xét trường hợp không kiêm nhiệm cho ấp này."]
    exception = services.exception_request(by=officer, hamlet_election=world.he(0), reason="health",
                                           explanation="Bí thư chi bộ đang điều trị bệnh dài ngày")
    assert "chờ" in registry.exception_lines(world.he(0))[0]
    services.exception_decide(by=leader, exception=exception, decision="approved", decision_number="12-QĐ/HU",
                              decision_date=datetime.date(2024, 9, 1))
    line = registry.exception_lines(world.he(0))[0]
    assert "12-QĐ/HU" in line and "01/09/2024" in line

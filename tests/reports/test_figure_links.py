"""Every figure of the dashboard links to the list behind it (issue 20, point 8), and only to a list
the reader may open: the committee's letters by area, a district's nominee list, the commune's results."""

import html
import re

import pytest

from tests.accounts.desk import build_desk

pytestmark = pytest.mark.django_db

READERS = [("office", 0, "officer"), ("office", 0, "leader"), ("standing", 0, "viewer"), ("district", 0, "leader"),
           ("district", 1, "officer"), ("commune", 0, "officer"), ("commune", 2, "viewer")]


@pytest.fixture
def desk(db):
    return build_desk()


def figures_of(client, user, path="/") -> str:
    client.force_login(user)
    page = client.get(path).content.decode()
    return page[page.index('id="figures"'):]


def link_of(block: str, label: str) -> str:
    """The first link of the headline figure `label` (its <dd>), or of the table cell `label` in `block`."""
    found = (re.search(rf"<dt>{re.escape(label)}</dt><dd[^>]*>.*?href=\"([^\"]+)\"", block)
             or re.search(rf"data-label=\"{re.escape(label)}\"><a href=\"([^\"]+)\"", block))
    assert found, label
    return html.unescape(found[1])


def row_of(block: str, name: str) -> str:
    start = block.index(f">{name}</a></th>")
    return block[start:block.index("</tr>", start)]


def count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


@pytest.mark.parametrize("who", READERS)
def test_every_link_of_the_dashboard_opens_a_list_the_reader_may_see(client, desk, who):
    block = figures_of(client, desk.tree.user(*who))
    links = {html.unescape(u) for u in re.findall(r'href="([^"]+)"', block)}
    assert links, "a dashboard without links"
    for url in links:  # a hamlet's results open its own page (a redirect)
        assert client.get(url, follow=True).status_code == 200, (who, url)


def test_the_offices_figures_lead_to_the_letters_lists_and_results_they_count(client, desk):
    tree = desk.tree
    block = figures_of(client, tree.user("office", 0, "leader"))
    assert link_of(block, "Ấp, khu phố") == f"/dia-ban/{tree.province.pk}/"
    assert link_of(block, "Ấp, khu phố đã có người được giới thiệu") == f"/nhan-su/dot/{desk.election.pk}/"
    assert count(client, link_of(block, "Đơn thư đang giải quyết")) == 4  # the figure shown: 4
    late = re.search(r'<a href="([^"]+)">\s*<span class="badge badge--late">2 quá hạn</span>', block)
    assert count(client, html.unescape(late[1])) == 2
    assert link_of(block, "Ấp, khu phố đã bầu cử").startswith(f"/bau-cu/ket-qua/don-vi/{tree.province.pk}/")

    district = row_of(block, tree.districts[0].name)
    assert count(client, link_of(district, "Đơn thư đang giải quyết")) == 3  # the row's figure: 3
    exceptions = link_of(district, "Trường hợp không kiêm nhiệm chờ quyết định")
    assert count(client, exceptions) == 1 and "loc=ngoai-le-cho" in exceptions
    assert link_of(district, "Đã tổ chức").startswith(f"/bau-cu/ket-qua/don-vi/{tree.districts[0].pk}/")


def test_a_district_sees_each_communes_part_of_its_list(client, desk):
    tree = desk.tree
    block = figures_of(client, tree.user("district", 0, "leader"))
    commune = row_of(block, tree.communes[0].name)
    response = client.get(link_of(commune, "Đã có người được giới thiệu"))
    hamlets = {row.hamlet_election.hamlet.commune_id for row in response.context["page_obj"]}
    assert response.status_code == 200 and hamlets == {tree.communes[0].pk}
    assert count(client, link_of(commune, "Trường hợp không kiêm nhiệm chờ quyết định")) == 1


def test_a_commune_gets_no_link_to_its_districts_nominee_list(client, desk):
    block = figures_of(client, desk.tree.user("commune", 0, "officer"))
    assert "/nhan-su/danh-sach/" not in block
    assert "Ấp, khu phố đã có người được giới thiệu</dt><dd>1 /" in block  # the figure, without a link
    assert count(client, link_of(block, "Đơn thư đang giải quyết")) == 3

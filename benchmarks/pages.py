"""Benchmarks (a) pages against the framework floor and (e) the scoping helper on the largest lists,
with the EXPLAIN of the slowest queries."""


from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from .harness import REPS, count_queries, median_time, say

# --- (a) pages ------------------------------------------------------------------------------


def page_urls(province, election):
    from candidates.models import NomineeList
    from directives.models import Directive

    nominee_list = NomineeList.objects.filter(election=election).order_by("pk").first()
    directive = Directive.objects.filter(owner__unit=province).order_by("pk").first()
    return [
        ("Dashboard (tổng quan)", "/bao-cao/tong-quan/"),
        ("Territory: province page", f"/dia-ban/{province.pk}/"),
        ("Territory: search, common word", "/dia-ban/tim-kiem/?q=tan"),
        ("Territory: search, selective", "/dia-ban/tim-kiem/?q=ninh+kieu"),
        ("Campaigns", "/bau-cu/"),
        ("Campaign detail", f"/bau-cu/{election.pk}/"),
        ("Results: province", f"/bau-cu/ket-qua/don-vi/{province.pk}/"),
        ("Nominees: province", f"/nhan-su/dot/{election.pk}/"),
        ("Nominees: one district list", f"/nhan-su/danh-sach/{nominee_list.pk}/"),
        ("Complaints queue", "/don-thu/"),
        ("Complaints overview", "/don-thu/tong-hop/"),
        ("Directives list", "/van-ban/danh-sach/"),
        ("Directive tracking", f"/van-ban/{directive.pk}/"),
        ("Report archive", "/bao-cao/"),
    ]


def bench_pages(office, central, admin, province, election) -> dict:
    say("\n## (a) Pages: median server time against the framework floor\n")
    say("Floor: a bare view behind the same middleware that runs one query and renders a small template.")
    say("Province scale: an officer of the Tiền Giang office (sees ~1,000 hamlets) on the national database. "
        "National scale: the central commission (Ban Tổ chức Trung ương) or, where its role has no access "
        "to a page, an administrator; both see all ~100,000 hamlets.\n")
    results = {}
    with override_settings(ROOT_URLCONF="benchmarks.urls", DEBUG=False):
        for label, user in (("province", office), ("national", central)):
            client = Client()
            client.force_login(user)
            admin_client = Client()
            admin_client.force_login(admin)
            floor = median_time(lambda c=client: c.get("/__bench_floor__/"))
            say(f"### {label.capitalize()} scale (floor {floor * 1000:.1f} ms)\n")
            say("| Page | HTTP | ms | × floor | queries |")
            say("|---|---|---|---|---|")
            for name, url in page_urls(province, election):
                c = client
                if c.get(url).status_code in (403, 404) and label == "national":
                    c = admin_client
                status = c.get(url).status_code
                queries = count_queries(lambda c=c, url=url: c.get(url))
                seconds = median_time(lambda c=c, url=url: c.get(url), reps=max(5, REPS // 2 if label == "national"
                                                                              else REPS))
                who = "" if c is client else " (admin)"
                say(f"| {name}{who} | {status} | {seconds * 1000:.1f} | {seconds / floor:.1f} | {queries} |")
                results[(label, name)] = (seconds / floor, queries, status)
            say()
    return results


# --- (e) scoping ----------------------------------------------------------------------------


def bench_scoping(office, admin) -> dict:
    from candidates.models import Nominee
    from directives.models import Dispatch
    from territory.models import Level, Unit

    say("\n## (e) The scoping helper on the largest lists: scoped against unscoped\n")
    say("Each query is what a list page runs: the count and the first page of 50 rows in the model's "
        "default order. Scoped: "
        "`Model.objects.visible_to(...)` for the Tiền Giang office (a path prefix). Unscoped: the same query for an "
        "administrator (no filter) and, for comparison, filtered by the province foreign key.\n")
    province_id = office.organisation.unit_id
    cases = [
        ("Hamlets", Unit.objects.filter(level=Level.HAMLET), "province_id"),
        ("Nominees", Nominee.objects.all(), "hamlet_election__hamlet__province_id"),
        ("Dispatches", Dispatch.objects.all(), "organisation__unit__province_id"),
    ]
    say("| List | scoped ms | unscoped ms | **scoped ÷ unscoped** | by-FK ms |")
    say("|---|---|---|---|---|")
    ratios = {}
    for name, qs, fk in cases:
        def page(q):
            return q.count(), list(q[:50])
        scoped = median_time(lambda qs=qs: page(qs.visible_to(office)))
        unscoped = median_time(lambda qs=qs: page(qs.visible_to(admin)))
        by_fk = median_time(lambda qs=qs, fk=fk: page(qs.filter(**{fk: province_id})))
        say(f"| {name} | {scoped * 1000:.1f} | {unscoped * 1000:.1f} | **{scoped / unscoped:.2f}×** | "
            f"{by_fk * 1000:.1f} |")
        ratios[name] = scoped / unscoped
    return ratios


def explain(sql_label: str, queryset) -> None:
    with connection.cursor() as cursor:
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    say(f"\n**{sql_label}**\n\n```\n{plan}\n```")



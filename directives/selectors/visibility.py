"""Who sees which directives and dispatches. Every queryset a user reaches goes through
`dispatches_visible_to` or `directives_visible_to`, which narrow with the managers' `visible_to(user)`
and add the organisation's own rules (a cell or an agency sees only what is addressed to it); with
the directives addressed to a member by name and the campaigns a directive may belong to."""

from django.db.models import Count, Q, QuerySet

from accounts.models import OrganisationKind

from ..models import Directive, Dispatch, PersonalDispatch


def campaign_choices(owner) -> QuerySet:
    """The election campaigns of the registering office's province, which a directive may belong to.
    Reached through the directive's own relation: directives sits beside elections, not above it,
    and never imports it (pyproject.toml, the layers)."""
    campaigns = Directive._meta.get_field("election").related_model.objects
    return campaigns.filter(province=owner.unit) if owner.unit_id else campaigns.none()


def dispatches_visible_to(user) -> QuerySet:
    """The province sees every dispatch of the directives its office registered; a district or
    commune committee its subtree's (its own included); a cell and an agency only their own."""
    qs = Dispatch.objects.all()
    if user.is_superuser:
        return qs
    if not user.is_active or user.organisation_id is None:
        return qs.none()
    kind = user.organisation.kind
    if user.organisation.is_province_level:  # by the directive's owner, whoever it was sent to
        return qs.filter(directive__in=Directive.objects.visible_to(user))
    if kind in (OrganisationKind.DISTRICT_COMMITTEE, OrganisationKind.COMMUNE_COMMITTEE):
        return qs.visible_to(user)
    if kind == OrganisationKind.CELL:
        return qs.visible_to(user).filter(organisation=user.organisation)
    return qs.filter(organisation=user.organisation)  # agencies: no territory, only what is addressed to them


def directives_visible_to(user) -> QuerySet:
    """Directives with at least one dispatch the user sees (the office also sees those not yet sent)."""
    qs = Directive.objects.all()
    if user.is_superuser:
        return qs
    if user.organisation_id and user.organisation.is_province_level:
        return qs.visible_to(user) | qs.filter(pk__in=PersonalDispatch.objects.filter(person=user)
                                                .values("directive_id"))
    return qs.filter(Q(pk__in=dispatches_visible_to(user).values("directive_id"))
                     | Q(pk__in=PersonalDispatch.objects.filter(person=user).values("directive_id")))


def personal_inbox(user) -> QuerySet:
    """The directives addressed to the user by name (a member of the Provincial Party Executive
    Committee), newest first."""
    if not user.is_active:
        return PersonalDispatch.objects.none()
    return (PersonalDispatch.objects.filter(person_id=user.pk).select_related("directive")
            .order_by("-delivered_at", "-pk"))


def personal_counts(directive: Directive) -> dict[str, int]:
    """How many members the directive was addressed to by name and how many acknowledged: one query."""
    return directive.personal_dispatches.aggregate(total=Count("pk"),
                                                   acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)))

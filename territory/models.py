"""The territory: one tree of units, province -> (district ->) commune -> hamlet.

The district level is optional: after the 2025 reform a commune hangs directly under its
province, so no code may assume a hamlet has a district.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.text import nfc, search_key

from .scoping import UnitQuerySet


class Level(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    DISTRICT = 2, _("District")
    COMMUNE = 3, _("Commune")
    HAMLET = 4, _("Hamlet")


class Kind(models.TextChoices):
    PROVINCE = "tinh", _("Province (tỉnh)")
    MUNICIPALITY = "thanh_pho_tw", _("Municipality (thành phố trực thuộc trung ương)")
    CITY = "thanh_pho", _("City (thành phố)")
    TOWN = "thi_xa", _("Town (thị xã)")
    URBAN_DISTRICT = "quan", _("Urban district (quận)")
    DISTRICT = "huyen", _("District (huyện)")
    WARD = "phuong", _("Ward (phường)")
    COMMUNE = "xa", _("Commune (xã)")
    TOWNSHIP = "thi_tran", _("Township (thị trấn)")
    SPECIAL_ZONE = "dac_khu", _("Special zone (đặc khu)")
    HAMLET = "ap", _("Hamlet (ấp)")
    NEIGHBOURHOOD = "khu_pho", _("Neighbourhood (khu phố)")


KINDS_BY_LEVEL = {
    Level.PROVINCE: {Kind.PROVINCE, Kind.MUNICIPALITY},
    Level.DISTRICT: {Kind.CITY, Kind.TOWN, Kind.URBAN_DISTRICT, Kind.DISTRICT},
    Level.COMMUNE: {Kind.WARD, Kind.COMMUNE, Kind.TOWNSHIP, Kind.SPECIAL_ZONE},
    Level.HAMLET: {Kind.HAMLET, Kind.NEIGHBOURHOOD},
}


class Unit(models.Model):
    """One administrative unit. `path` and the ancestor columns are denormalised from `parent`
    so that a subtree filter or a per-district roll-up is one indexed query."""

    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(
        _("code"), max_length=20, blank=True,
        help_text=_("Official statistical code for provinces, districts and communes; optional for hamlets."),
    )
    name = models.CharField(_("name"), max_length=150)
    search_name = models.CharField(max_length=150, editable=False, db_index=True)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent unit"))
    province = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+",
                                 editable=False)
    district = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+",
                                 editable=False)
    commune = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="+",
                                editable=False)
    path = models.CharField(max_length=255, editable=False, db_index=True,
                            help_text="Materialised path of ids, e.g. '/1/12/345/'.")
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"], condition=~Q(code=""), name="unit_unique_code_per_level",
                violation_error_message=_("Another unit of this level already has this code."),
            ),
            models.UniqueConstraint(
                fields=["parent", "search_name"], name="unit_unique_name_under_parent",
                violation_error_message=_("A unit with this name already exists under the same parent."),
            ),
            models.CheckConstraint(
                condition=Q(level=Level.PROVINCE, parent__isnull=True) | Q(level__gt=1, parent__isnull=False),
                name="unit_parent_matches_level",
                violation_error_message=_("Only a province has no parent unit."),
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="unit_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "district"], name="unit_level_district"),
            models.Index(fields=["level", "commune"], name="unit_level_commune"),
            models.Index(fields=["level", "province"], name="unit_level_province"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Normalised text and denormalised tree columns; the tree rules themselves live in services.
        self.name = nfc(self.name)
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        ancestors = self._ancestor_ids()
        if path != self.path or any(getattr(self, f"{k}_id") != v for k, v in ancestors.items()):
            self.path = path
            for key, value in ancestors.items():
                setattr(self, f"{key}_id", value)
            type(self).objects.filter(pk=self.pk).update(path=path, **{f"{k}_id": v for k, v in ancestors.items()})

    def _ancestor_ids(self) -> dict:
        parent = self.parent
        ids = {"province": None, "district": None, "commune": None}
        if parent is not None:
            ids = {"province": parent.province_id, "district": parent.district_id, "commune": parent.commune_id}
            key = {Level.PROVINCE: "province", Level.DISTRICT: "district", Level.COMMUNE: "commune"}.get(parent.level)
            if key:
                ids[key] = parent.pk
        if self.level == Level.PROVINCE:
            ids["province"] = self.pk
        return ids

    @property
    def is_hamlet(self) -> bool:
        return self.level == Level.HAMLET

    def ancestors(self) -> list["Unit"]:
        """Units above this one, province first: one query."""
        ids = [int(x) for x in self.path.strip("/").split("/")[:-1] if x]
        by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
        return [by_id[i] for i in ids if i in by_id]

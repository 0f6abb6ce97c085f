"""Admin mixins for records that only the services write (so no admin path skips a rule).

- `NoAddMixin`: nothing is created by hand.
- `ViewOnlyMixin`: nothing is created or changed by hand (deleting stays with Django's permission).
- `ReadOnlyMixin`: nothing is created, changed or deleted by hand (logs, election-day records).
- `ReadOnlyFieldsMixin`: nothing is created by hand and every field shows read-only.
- `NoDeleteMixin`: nothing is deleted by hand (a record is withdrawn or refused through a service).

The `obj=None` signatures serve both ModelAdmin and inlines.
"""


class NoAddMixin:
    def has_add_permission(self, request, obj=None):
        return False


class ViewOnlyMixin(NoAddMixin):
    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyMixin(ViewOnlyMixin):
    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyFieldsMixin(NoAddMixin):
    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None):
        return False

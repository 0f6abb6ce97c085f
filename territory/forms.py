from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class HamletImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of hamlets"),
        help_text=_("An Excel (.xlsx) or CSV file with the columns Mã xã (or Tên xã), Tên ấp, khu phố, Loại and Số hộ. "
                    "Download the template below to start from the hamlets already registered."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)s MB.")
                                        % {"size": round(settings.UPLOAD_MAX_BYTES / 1024 / 1024, 1)})
        return upload


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Find a unit"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. my tho, ap tan thuan")}))

"""Forms of the progress pages: they parse input; the rules are in services and rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ishreja.centres.models import Service
from ishreja.progress.models import DIARY_COLUMNS, DiaryEntry, ProgressStatus


class DiaryForm(forms.Form):
    service = forms.ModelChoiceField(queryset=Service.objects.none(), label=_("Xizmat"), empty_label=None)
    date = forms.DateField(label=_("Sana"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Service.objects.filter(pk__in=[s.pk for s in services])
        for column in DIARY_COLUMNS:
            self.fields[column] = forms.IntegerField(
                label=DiaryEntry._meta.get_field(column).verbose_name.capitalize(),  # type: ignore[union-attr]
                min_value=0,
                max_value=999_999,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            )
        self.fields[DIARY_COLUMNS[0]].widget.attrs["autofocus"] = True

    def counts(self) -> dict[str, int]:
        return {c: self.cleaned_data.get(c) or 0 for c in DIARY_COLUMNS}


class DiaryCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV fayl"), widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"})
    )


class ProgressForm(forms.Form):
    """The month's entry of one item; the figures come as a list (``values``) read by the view."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Holati"), choices=[("", "—"), *ProgressStatus.choices], required=False
    )
    note = forms.CharField(
        label=_("Izoh"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tasdiqlovchi fayl (JPEG, PNG, PDF, 10 MB gacha)"))

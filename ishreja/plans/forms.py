"""Forms of the plan pages: they parse input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ishreja.centres.models import Centre
from ishreja.plans.models import PlanStatus
from ishreja.plans.services import ItemData


class PlanFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Yil"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Holati"), required=False, choices=[("", _("Hammasi")), *PlanStatus.choices]
    )
    centre = forms.ModelChoiceField(label=_("Markaz"), required=False, queryset=Centre.objects.none())

    def __init__(self, *args: Any, centres: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if centres is not None:
            self.fields["centre"].queryset = centres  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Reja fayli"),
        help_text=_("Word (.docx), Excel (.xlsx) yoki matn (.txt), 10 MB gacha."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx,.txt"}),
    )


class BlankPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Yil"), min_value=2000, max_value=2100)
    is_template = forms.BooleanField(label=_("Tumanlar uchun namuna sifatida"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Izoh"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Izoh"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    item = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SectionForm(forms.Form):
    number = forms.CharField(label=_("Raqami"), required=False, max_length=10)
    title = forms.CharField(label=_("Bo'lim nomi"), max_length=500)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ItemForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("№"), required=False, max_length=20)
    name = forms.CharField(label=_("Nomi"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    unit = forms.CharField(label=_("O'lchov birligi"), required=False, max_length=60)
    fact_text = forms.CharField(
        label=_("Fakt"), required=False, max_length=200, help_text=_("Masalan: 479 37 460")
    )
    plan_text = forms.CharField(label=_("Reja"), required=False, max_length=200)
    mechanism = forms.CharField(
        label=_("Amalga oshirish mexanizmi"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline_text = forms.CharField(label=_("Bajarilish muddati"), required=False, max_length=300)
    responsible = forms.TypedMultipleChoiceField(
        label=_("Mas'ullar"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    responsible_extra = forms.CharField(
        label=_("Boshqa mas'ullar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
        help_text=_("Har biri alohida qatorda."),
    )
    legal_refs_text = forms.CharField(
        label=_("Huquqiy hujjatlar"), required=False, max_length=300, help_text=_("Masalan: PQ-9, O'RQ-280")
    )

    def __init__(self, *args: Any, services: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [(s.pk, s.name) for s in services]  # type: ignore[attr-defined]

    def item_data(self, indicator_id: int | None = None) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            number=data["number"],
            name=data["name"],
            unit=data["unit"],
            fact_text=data["fact_text"],
            plan_text=data["plan_text"],
            mechanism=data["mechanism"],
            deadline_text=data["deadline_text"],
            responsible_ids=tuple(data["responsible"]),
            responsible_extra=data["responsible_extra"],
            legal_refs_text=data["legal_refs_text"],
            indicator_id=indicator_id,
        )


def item_initial(item: Any, service_names: dict[str, int]) -> dict[str, Any]:
    """The form's initial values for a stored item: responsible names matched back to services."""
    chosen, extra = [], []
    for line in item.responsible_text.splitlines():
        if line.strip() in service_names:
            chosen.append(service_names[line.strip()])
        elif line.strip():
            extra.append(line.strip())
    return {
        "version": item.version,
        "number": item.number,
        "name": item.name,
        "unit": item.unit,
        "fact_text": item.fact_text or " ".join(item.fact_values),
        "plan_text": item.plan_text or " ".join(item.plan_values),
        "mechanism": item.mechanism,
        "deadline_text": item.deadline_text,
        "responsible": chosen,
        "responsible_extra": "\n".join(extra),
        "legal_refs_text": ", ".join(item.legal_refs),
    }

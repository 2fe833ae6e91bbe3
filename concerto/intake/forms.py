"""Forms of the paper channel. They only parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.core.uploads import CheckedFile, check_upload
from concerto.intake.models import CollectionRound, ScanPage
from concerto.intake.pipeline import ticked
from concerto.intake.services import MAX_PRINT_BATCH
from concerto.processes.models import Neighbourhood, Process, Question, Urn

SCAN_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def max_scan_bytes() -> int:
    return int(getattr(settings, "CONCERTO_MAX_SCAN_MB", 60)) * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"


class NeighbourhoodField(forms.ModelChoiceField[Neighbourhood]):
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return f"{obj.process.title} — {obj.name}"


class UrnForm(forms.ModelForm[Urn]):
    class Meta:
        model = Urn
        fields = [
            "process",
            "code",
            "place_name",
            "place_kind",
            "address",
            "neighbourhood",
            "latitude",
            "longitude",
            "opening_hours",
            "present_from",
            "present_until",
        ]
        labels = {"latitude": _("latitude"), "longitude": _("longitude")}
        widgets = {"present_from": DateInput(), "present_until": DateInput()}
        field_classes = {"neighbourhood": NeighbourhoodField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        process = self.fields["process"]
        assert isinstance(process, forms.ModelChoiceField)
        process.label = _("Démarche")
        process.queryset = Process.objects.order_by("-receipt_year", "title")
        process.empty_label = _("Choisir…")
        place_kind = self.fields["place_kind"]
        assert isinstance(place_kind, forms.ChoiceField)
        place_kind.choices = [("", _("Choisir…")), *Urn.PlaceKind.choices]
        field = self.fields["neighbourhood"]
        assert isinstance(field, forms.ModelChoiceField)
        field.empty_label = _("Choisir…")
        field.queryset = Neighbourhood.objects.select_related("process").order_by(
            "process__title", "order", "name"
        )
        if self.instance.pk is not None:
            self.fields["process"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        process, neighbourhood = data.get("process"), data.get("neighbourhood")
        if process and neighbourhood and neighbourhood.process_id != process.pk:
            self.add_error("neighbourhood", _("Ce quartier n'appartient pas à cette démarche."))
        start, end = data.get("present_from"), data.get("present_until")
        if start and end and end < start:
            self.add_error("present_until", _("La fin de présence précède son début."))
        return data


class PrintForm(forms.Form):
    count = forms.IntegerField(
        label=_("Nombre de feuilles à imprimer"), min_value=1, max_value=MAX_PRINT_BATCH, initial=50
    )


class CollectionRoundForm(forms.ModelForm[CollectionRound]):
    class Meta:
        model = CollectionRound
        fields = ["collected_on", "sheet_count", "note"]
        widgets = {"collected_on": DateInput()}


class UploadForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Démarche"),
        queryset=Process.objects.order_by("-receipt_year", "title"),
        empty_label=_("Choisir…"),
    )
    file = forms.FileField(
        label=_("Numérisation"),
        help_text=_("Un PDF de plusieurs pages, ou une image JPEG ou PNG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def clean_file(self) -> CheckedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        checked = check_upload(upload, max_bytes=max_scan_bytes())
        if checked.content_type not in SCAN_TYPES:
            raise forms.ValidationError(_("Déposez un PDF, une image JPEG ou une image PNG."))
        return checked


class IdentifyForm(forms.Form):
    number = forms.IntegerField(label=_("Numéro de la feuille"), min_value=1)


class QuestionsField(forms.ModelMultipleChoiceField[Question]):
    def label_from_instance(self, obj: Question) -> str:
        return f"{obj.number}. {obj.title}"


class TranscriptionForm(forms.Form):
    questions = QuestionsField(
        label=_("Questions cochées"),
        queryset=Question.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    text = forms.CharField(
        label=_("Texte de la contribution"),
        widget=forms.Textarea(attrs={"rows": 14, "autofocus": True, "spellcheck": "true"}),
        max_length=20000,
        help_text=_("Le brouillon lu par OCR : corrigez-le ou retapez le texte de la feuille."),
    )
    kind = forms.ChoiceField(
        label=_("C'est"), choices=Contribution.Kind.choices, widget=forms.RadioSelect
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("non indiqué"),
    )
    profile = forms.ChoiceField(
        label=_("Profil"),
        choices=[("", _("non indiqué")), *Contribution.Profile.choices],
        required=False,
    )
    age_bracket = forms.ChoiceField(
        label=_("Tranche d'âge"),
        choices=[("", _("non indiquée")), *Contribution.AgeBracket.choices],
        required=False,
    )
    consent_processing = forms.BooleanField(
        label=_("Accord pour le traitement des données (case cochée sur la feuille)"),
        required=False,
    )
    consent_publication = forms.BooleanField(
        label=_("Accord pour la publication (case cochée sur la feuille)"), required=False
    )
    followup_contact = forms.CharField(
        label=_("Contact pour le suivi par courrier ou par téléphone (facultatif)"),
        required=False,
        max_length=300,
        help_text=_("Tel qu'écrit sur la feuille ou dans la lettre : gardé privé."),
    )
    free_form = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, page: ScanPage, **kwargs: Any) -> None:
        process = page.batch.process
        if kwargs.get("initial") is None:
            kwargs["initial"] = initial_from_draft(page)
        super().__init__(*args, **kwargs)
        questions = self.fields["questions"]
        assert isinstance(questions, QuestionsField)
        questions.queryset = Question.objects.filter(process=process).order_by("number")
        neighbourhood = self.fields["neighbourhood"]
        assert isinstance(neighbourhood, forms.ModelChoiceField)
        neighbourhood.queryset = Neighbourhood.objects.filter(process=process).order_by(
            "order", "name"
        )


def _best(darkness: dict[str, float], prefix: str) -> str:
    """The value of the darkest ticked box of a group ("" if none is ticked)."""
    marked = ticked(darkness)
    found = [(darkness[k], k.split(":", 1)[1]) for k in marked if k.startswith(prefix + ":")]
    return max(found)[1] if found else ""


def initial_from_draft(page: ScanPage) -> dict[str, Any]:
    """The form pre-filled from what the pipeline read on the page."""
    darkness: dict[str, float] = page.draft_ticks or {}
    marked = ticked(darkness)
    question_ids = [int(k.split(":")[1]) for k in marked if k.startswith("question:")]
    neighbourhood = _best(darkness, "neighbourhood")
    return {
        "questions": question_ids,
        "text": page.draft_text,
        "kind": _best(darkness, "kind"),
        "neighbourhood": int(neighbourhood) if neighbourhood.isdigit() else None,
        "profile": _best(darkness, "profile"),
        "age_bracket": _best(darkness, "age"),
        "consent_processing": "consent:processing" in marked,
        "consent_publication": "consent:publication" in marked,
    }

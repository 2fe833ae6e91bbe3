from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from concerto.collective.models import OriginalWork
from concerto.collective.uploads import check_document, check_work_file
from concerto.core.uploads import CheckedFile
from concerto.organisations.models import Organisation
from concerto.processes.models import Process, Question


class CahierForm(forms.Form):
    """The standard template of a cahier d'acteurs: the same for everyone."""

    organisation_name = forms.CharField(label=_("Nom de l'organisation"), max_length=200)
    organisation_kind = forms.ChoiceField(
        label=_("Type d'organisation"), choices=Organisation.Kind.choices
    )
    people_count = forms.IntegerField(
        label=_("Nombre de personnes associées à ce cahier"), min_value=1, max_value=1_000_000
    )
    production_method = forms.CharField(
        label=_("Comment ce cahier a-t-il été élaboré ?"),
        help_text=_("Réunions, ateliers, enquêtes… avec leurs dates."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    proposals = forms.CharField(
        label=_("Propositions"),
        help_text=_("Une proposition par ligne : elles seront numérotées dans cet ordre."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
    contact_name = forms.CharField(label=_("Personne à contacter (jamais publiée)"), max_length=120)
    contact_email = forms.EmailField(label=_("Son adresse e-mail (jamais publiée)"))
    contact_phone = forms.CharField(
        label=_("Son téléphone (jamais publié)"), max_length=40, required=False
    )
    consent_publication = forms.BooleanField(
        label=_("Nous acceptons que ce cahier soit publié (sans la personne à contacter)."),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target_process = process
        self.questions = list(Question.objects.filter(process=process).order_by("number"))
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=f"{question.number}. {question.title}",
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
                max_length=20000,
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"q_{q.pk}"] for q in self.questions]

    def sections(self) -> dict[Question, str]:
        return {q: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}

    def proposal_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("proposals", "").splitlines()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(f"q_{q.pk}") or "").strip() for q in self.questions):
            raise forms.ValidationError(_("Rédigez au moins une section (une question)."))
        return data


class OnlineCahierForm(CahierForm):
    organisation = forms.ModelChoiceField(
        label=_("Au nom de l'organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choisir…"),
    )

    field_order = ["organisation"]

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        # Name and type come from the organisation itself.
        del self.fields["organisation_name"]
        del self.fields["organisation_kind"]


class StaffCahierForm(CahierForm):
    process = forms.ModelChoiceField(
        label=_("Démarche"), queryset=Process.objects.none(), empty_label=_("Choisir…")
    )
    document = forms.FileField(
        label=_("Le document reçu (PDF ou DOCX, gardé en privé)"),
        help_text=_("Les documents avec macros (.docm) sont refusés."),
    )

    field_order = ["process", "document"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["process"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Process.objects.filter(pk=self.target_process.pk)
        field.initial = self.target_process.pk

    def clean_document(self) -> CheckedFile:
        upload: UploadedFile = self.cleaned_data["document"]
        return check_document(upload, max_bytes=settings.CONCERTO_MAX_ATTACHMENT_BYTES * 3)


class WorkForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Démarche"), queryset=Process.objects.all(), empty_label=_("Choisir…")
    )
    kind = forms.ChoiceField(label=_("Nature de l'œuvre"), choices=OriginalWork.Kind.choices)
    title = forms.CharField(label=_("Titre"), max_length=200)
    authors = forms.CharField(label=_("Auteurs ou autrices"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    text_alternative = forms.CharField(
        label=_("Transcription (vidéo, son) ou texte alternatif (photo)"),
        help_text=_("Obligatoire avant la publication."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Questions auxquelles l'œuvre répond"),
        queryset=Question.objects.select_related("process").order_by("process_id", "number"),
        widget=forms.CheckboxSelectMultiple,
    )
    file = forms.FileField(label=_("Fichier (MP4, WebM, MP3, OGG, WAV, M4A, JPEG, PNG)"))

    def clean_file(self) -> CheckedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        return check_work_file(upload, max_bytes=200 * 1024 * 1024)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        process, questions = data.get("process"), data.get("questions")
        if process is not None and questions and any(q.process_id != process.pk for q in questions):
            self.add_error("questions", _("Ces questions n'appartiennent pas à cette démarche."))
        return data


class WorkTextForm(forms.Form):
    text_alternative = forms.CharField(
        label=_("Transcription ou texte alternatif"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )

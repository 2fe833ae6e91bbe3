from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Contribution
from concerto.core.uploads import CheckedFile, check_upload
from concerto.processes.models import Neighbourhood, Process, Question

ANSWER_MAX_LENGTH = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def answer_field_name(question: Question) -> str:
    return f"question_{question.number}"


class ContributionForm(forms.Form):
    """The individual contribution form. Field names are stable: tests and the
    paper form use them."""

    kind = forms.ChoiceField(
        label=_("Je contribue en partageant…"),
        choices=Contribution.Kind.choices,
        widget=forms.RadioSelect,
    )
    author_name = forms.CharField(
        label=_("Nom ou pseudonyme (facultatif)"),
        max_length=80,
        required=False,
        help_text=_("Affiché avec votre contribution. Laissez vide pour rester anonyme."),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail (facultatif)"),
        required=False,
        max_length=254,
        help_text=_("Pour recevoir votre récépissé et être informé·e de la suite. Jamais publiée."),
    )
    followup_opt_in = forms.BooleanField(
        label=_(
            "Je souhaite être informé·e des suites données à ma contribution "
            "(au plus un e-mail par semaine)"
        ),
        required=False,
        help_text=_(
            "Demande une adresse e-mail. Un lien dans chaque message permet de se désabonner."
        ),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Votre quartier"),
        queryset=Neighbourhood.objects.none(),
        empty_label=_("— Choisissez —"),
    )
    profile = forms.ChoiceField(
        label=_("Vous êtes"), choices=[("", _("— Choisissez —")), *Contribution.Profile.choices]
    )
    age_bracket = forms.ChoiceField(
        label=_("Votre tranche d'âge (facultatif)"),
        required=False,
        help_text=_(
            "Jamais publiée avec votre contribution : seulement comptée dans les statistiques "
            "d'ensemble du rapport."
        ),
        choices=[("", _("— Je préfère ne pas le dire —")), *Contribution.AgeBracket.choices],
    )
    attachments = MultipleFileField(
        label=_("Pièces jointes (facultatif)"),
        required=False,
        help_text=_("Images (JPEG, PNG, WebP) ou PDF."),
    )
    consent_publication = forms.BooleanField(
        label=_(
            "J'accepte que ma contribution soit publiée sur la plateforme, avec mon quartier et "
            "mon profil, sans mon adresse e-mail ni ma tranche d'âge."
        ),
        required=False,
    )
    consent_processing = forms.BooleanField(
        label=_(
            "J'accepte que mes réponses soient conservées et analysées pour préparer le rapport "
            "de la démarche (obligatoire)."
        ),
        error_messages={
            "required": _("Cet accord est nécessaire pour enregistrer votre contribution.")
        },
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS and aria-hidden, filled by robots.
    website = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        self.questions = list(process.questions.all())
        neighbourhood_field = self.fields["neighbourhood"]
        assert isinstance(neighbourhood_field, forms.ModelChoiceField)
        neighbourhood_field.queryset = process.neighbourhoods.all()
        if process.profile_labels:  # the profiles this process offers, with its own labels
            profile_field = self.fields["profile"]
            assert isinstance(profile_field, forms.ChoiceField)
            profile_field.choices = [
                ("", _("— Choisissez —")),
                *(
                    (code, process.profile_labels[code])
                    for code, _label in Contribution.Profile.choices
                    if process.profile_labels.get(code)
                ),
            ]
        max_files = settings.CONCERTO_MAX_ATTACHMENTS
        max_mb = settings.CONCERTO_MAX_ATTACHMENT_BYTES // (1024 * 1024)
        self.fields["attachments"].help_text = _(
            "Jusqu'à %(count)s fichiers de %(mb)s Mo au plus : images (JPEG, PNG, WebP) ou PDF."
        ) % {"count": max_files, "mb": max_mb}
        for question in self.questions:
            self.fields[answer_field_name(question)] = forms.CharField(
                label=_("Question %(number)s — %(title)s")
                % {"number": question.number, "title": question.title},
                required=False,
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
        self.checked_files: list[CheckedFile] = []

    @property
    def answer_fields(self) -> list[forms.BoundField]:
        return [self[answer_field_name(q)] for q in self.questions]

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website", "")
        if value:
            raise ValidationError(_("Ce champ doit rester vide."))
        return value

    def clean_attachments(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        if len(files) > settings.CONCERTO_MAX_ATTACHMENTS:
            raise ValidationError(
                _("Vous pouvez joindre %(count)s fichiers au plus.")
                % {"count": settings.CONCERTO_MAX_ATTACHMENTS}
            )
        errors, checked = [], []
        for upload in files:
            try:
                checked.append(
                    check_upload(upload, max_bytes=settings.CONCERTO_MAX_ATTACHMENT_BYTES)
                )
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        self.checked_files = checked
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # An invalid address already has its own message.
        if (
            cleaned.get("followup_opt_in")
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "followup_opt_in",
                _(
                    "Pour être informé·e des suites, indiquez votre adresse e-mail "
                    "(ou décochez cette case)."
                ),
            )
        if not any((cleaned.get(answer_field_name(q)) or "").strip() for q in self.questions):
            message = _("Répondez à au moins une des questions.")
            if self.questions:
                self.add_error(answer_field_name(self.questions[0]), message)
            else:
                raise ValidationError(message)
        return cleaned

    def answers(self) -> dict[Question, str]:
        return {q: self.cleaned_data.get(answer_field_name(q)) or "" for q in self.questions}


class AuthorEditForm(forms.Form):
    """The author's answers, editable again after moderation asked for changes."""

    def __init__(self, *args: Any, contribution: Contribution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contribution = contribution
        self.answer_objects = list(contribution.answers.select_related("question"))
        for answer in self.answer_objects:
            self.fields[f"answer_{answer.pk}"] = forms.CharField(
                label=_("Question %(number)s — %(title)s")
                % {"number": answer.question.number, "title": answer.question.title},
                initial=answer.text,
                required=False,
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def texts(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"answer_{a.pk}") or "" for a in self.answer_objects}

"""Forms of the back-office. They only parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from concerto.contributions.models import Answer, Contribution
from concerto.contributions.workflow import (
    CHARTER_REASONS,
    PUBLICATION_REASONS,
    TRANSITIONS,
    reason_choices,
)
from concerto.core.audit_display import action_label
from concerto.core.roles import ROLE_LABELS, Role
from concerto.processes.models import Channel, Neighbourhood, Process, Question

REASON_CHOICES = [("", _("— choisir un motif —")), *Contribution.RejectionReason.choices]
PUBLICATION_REASON_CHOICES = [
    ("", _("— choisir un motif —")),
    *reason_choices(PUBLICATION_REASONS),
]
CHARTER_REASON_CHOICES = [("", _("— choisir un motif —")), *reason_choices(CHARTER_REASONS)]
REASON_REQUIRED = _("Choisissez un motif de refus.")
NOTE_MAX_LENGTH = 2000


class QuestionChoiceField(forms.ModelChoiceField[Question]):
    def label_from_instance(self, obj: Question) -> str:
        return f"{obj.process.title} — {obj.number}. {obj.title}"


class NeighbourhoodChoiceField(forms.ModelChoiceField[Neighbourhood]):
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return f"{obj.process.title} — {obj.name}"


class QueueFilterForm(forms.Form):
    process = forms.ModelChoiceField(
        label=_("Démarche"),
        queryset=Process.objects.order_by("-receipt_year", "title"),
        required=False,
        empty_label=_("Toutes"),
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        choices=[("", _("Tous")), *Contribution.Status.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Canal"), choices=[("", _("Tous")), *Channel.Kind.choices], required=False
    )
    question = QuestionChoiceField(
        label=_("Question"),
        queryset=Question.objects.select_related("process").order_by("process__title", "number"),
        required=False,
        empty_label=_("Toutes"),
    )
    neighbourhood = NeighbourhoodChoiceField(
        label=_("Quartier"),
        queryset=Neighbourhood.objects.select_related("process").order_by(
            "process__title", "order", "name"
        ),
        required=False,
        empty_label=_("Tous"),
    )
    q = forms.CharField(label=_("Texte, récépissé ou nom"), required=False, max_length=200)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        if data is not None and "status" not in data:
            # The queue opens on what is waiting for moderation.
            data = data.copy()
            data["status"] = Contribution.Status.PENDING
        super().__init__(data, **kwargs)


class ContributionIdsField(forms.ModelMultipleChoiceField[Contribution]):
    """Contribution ids, each checked to fit the primary key column before the query: an id
    too large for the database would fail there (a 500) instead of being refused."""

    def clean(self, value: Any) -> Any:
        from django.db import connection

        low, high = connection.ops.integer_field_range(Contribution._meta.pk.get_internal_type())
        for pk in value or []:
            text = str(pk).strip()
            if not text.isdecimal() or not (low or 0) <= int(text) <= (high or 2**63 - 1):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class BulkActionForm(forms.Form):
    ACTIONS = [
        (name, TRANSITIONS[name].label)
        for name in ("publish", "reject", "set_aside", "request_changes")
    ]

    ids = ContributionIdsField(
        label=_("Contributions"),
        queryset=Contribution.objects.all(),
        error_messages={"required": _("Cochez au moins une contribution.")},
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reason = forms.ChoiceField(label=_("Motif de refus"), choices=REASON_CHOICES, required=False)
    note = forms.CharField(
        label=_("Message à l'auteur·rice"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire pour demander une modification ; facultatif pour un refus."),
    )
    filters = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") in ("reject", "set_aside") and not data.get("reason"):
            self.add_error("reason", REASON_REQUIRED)
        if data.get("action") == "request_changes" and not (data.get("note") or "").strip():
            self.add_error("note", _("Expliquez à l'auteur·rice ce qu'il faut modifier."))
        return data


class PublishForm(forms.Form):
    transition = "publish"


class _NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Précisions pour l'auteur·rice"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(_NoteForm):
    transition = "reject"

    reason = forms.ChoiceField(
        label=_("Motif de refus"),
        choices=PUBLICATION_REASON_CHOICES,
        error_messages={"required": REASON_REQUIRED, "invalid_choice": REASON_REQUIRED},
        help_text=_("La contribution reste prise en compte dans l'analyse."),
    )
    field_order = ["reason", "note"]


class SetAsideForm(_NoteForm):
    transition = "set_aside"

    reason = forms.ChoiceField(
        label=_("Motif (charte)"),
        choices=CHARTER_REASON_CHOICES,
        error_messages={"required": REASON_REQUIRED, "invalid_choice": REASON_REQUIRED},
        help_text=_(
            "Seul un propos contraire à la charte écarte une contribution de l'analyse ; "
            "elle reste comptée parmi les contributions reçues, avec ce motif."
        ),
    )
    field_order = ["reason", "note"]


class ReinstateForm(forms.Form):
    transition = "reinstate"


class RequestChangesForm(forms.Form):
    transition = "request_changes"

    message = forms.CharField(
        label=_("Ce qu'il faut modifier"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Envoyé par e-mail à l'auteur·rice, avec un lien pour modifier."),
        error_messages={"required": _("Expliquez à l'auteur·rice ce qu'il faut modifier.")},
    )


DECISION_FORMS: dict[str, type[forms.Form]] = {
    "publish": PublishForm,
    "reject": RejectForm,
    "set_aside": SetAsideForm,
    "reinstate": ReinstateForm,
    "request_changes": RequestChangesForm,
}


class PublicTextForm(forms.Form):
    """The public text of each answer, as moderation edits it."""

    def __init__(self, *args: Any, answers: list[Answer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers = answers
        for answer in answers:
            self.fields[f"public_{answer.pk}"] = forms.CharField(
                label=_("Texte publié — question %(number)s") % {"number": answer.question.number},
                initial=answer.shown_text,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"required": _("Le texte publié ne peut pas être vide.")},
            )

    def texts(self) -> dict[int, str]:
        return {answer.pk: self.cleaned_data[f"public_{answer.pk}"] for answer in self.answers}


class RoleForm(forms.Form):
    OPERATIONS = [("grant", _("Attribuer")), ("revoke", _("Retirer"))]

    email = forms.EmailField(label=_("Adresse e-mail du compte"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[(role.value, ROLE_LABELS[role]) for role in Role]
    )
    operation = forms.ChoiceField(choices=OPERATIONS, widget=forms.HiddenInput)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(label=_("Auteur·rice (adresse e-mail)"), required=False, max_length=150)

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)
        labels = sorted(((a, action_label(a)) for a in actions), key=lambda item: item[1])
        field.choices = [("", _("Toutes")), *labels]

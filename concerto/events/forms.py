"""Forms of the events pages. Messages are French and shown next to their field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.core.phones import InvalidPhoneNumber, normalise_phone
from concerto.core.roles import can
from concerto.events.models import ACCESSIBILITY_FIELDS, Event
from concerto.events.registrations import phone_message
from concerto.events.services import (
    CAPACITY_MESSAGE,
    SESSION_KINDS,
    EventInput,
    SessionInput,
    StopInput,
    StopPhoto,
)
from concerto.organisations.models import Organisation
from concerto.processes.models import Neighbourhood, Process, Question

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def datetime_field(label: Any, invalid: Any, *, help_text: Any = "") -> forms.DateTimeField:
    """A date and time typed in the Paris time zone, with a French example on error."""
    return forms.DateTimeField(
        label=label,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        help_text=help_text,
        error_messages={"invalid": invalid},
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventForm(forms.Form):
    """Propose an event (or correct it when the moderation asked for changes)."""

    kind = forms.ChoiceField(
        label=_("Type d'événement"), choices=[("", _("— Choisissez —")), *Event.Kind.choices]
    )
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ce qui se passera, pour qui, comment venir préparé·e."),
    )
    start = datetime_field(
        _("Début (date et heure)"),
        _("Saisissez une date et une heure, par exemple 10/06/2022 18:30."),
        help_text=_("Heure de Paris. Par exemple 10/06/2022 18:30."),
    )
    end = datetime_field(
        _("Fin (date et heure)"),
        _("Saisissez une date et une heure, par exemple 10/06/2022 20:00."),
    )
    organiser_kind = forms.ChoiceField(
        label=_("Qui organise ?"), choices=Event.Organiser.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Choisissez —"),
        help_text=_("Seulement si une organisation dont vous êtes membre organise."),
        error_messages={"invalid_choice": _("Vous ne faites pas partie de cette organisation.")},
    )
    place_name = forms.CharField(label=_("Lieu"), max_length=200, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("— Aucun ou en ligne —"),
        error_messages={"invalid_choice": _("Ce quartier n'appartient pas à cette démarche.")},
    )
    latitude = forms.DecimalField(
        label=_("Latitude (facultatif)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("Longitude (facultatif)"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    online_url = forms.URLField(
        label=_("Lien de la réunion en ligne"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": _(
                "Saisissez une adresse web complète, par exemple https://exemple.fr/reunion."
            )
        },
    )
    visibility = forms.ChoiceField(
        label=_("Ouverture"),
        choices=Event.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Event.Visibility.PUBLIC,
        help_text=_(
            "Un événement fermé (un panel par exemple) est annoncé sans inscription publique."
        ),
    )
    audience = forms.CharField(
        label=_("Public visé (facultatif)"),
        max_length=300,
        required=False,
        help_text=_("Par exemple : tout public, jeunes de 16 à 25 ans, bénévoles…"),
    )
    step_free_access = forms.BooleanField(label=_("Accessible en fauteuil roulant"), required=False)
    sign_language = forms.BooleanField(
        label=_("Interprétation en langue des signes (LSF)"), required=False
    )
    hearing_loop = forms.BooleanField(label=_("Boucle magnétique"), required=False)
    childcare = forms.BooleanField(label=_("Garde d'enfants sur place"), required=False)
    is_free = forms.BooleanField(label=_("Gratuit"), required=False, initial=True)
    price = forms.CharField(
        label=_("Tarif, si l'événement est payant"), max_length=200, required=False
    )
    accessibility_notes = forms.CharField(
        label=_("Autres informations d'accessibilité (facultatif)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places (facultatif)"),
        required=False,
        help_text=_("Laissez vide s'il n'y a pas de limite."),
        error_messages={"invalid": _("Saisissez un nombre entier.")},
    )
    registration_open = forms.BooleanField(
        label=_("Inscriptions ouvertes"), required=False, initial=True
    )

    def __init__(self, *args: Any, process: Process, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        self.user = user
        self.is_staff = can(user, "events.moderate")
        neighbourhood = self.fields["neighbourhood"]
        organisation = self.fields["organisation"]
        organiser_kind = self.fields["organiser_kind"]
        assert isinstance(neighbourhood, forms.ModelChoiceField)
        assert isinstance(organisation, forms.ModelChoiceField)
        assert isinstance(organiser_kind, forms.ChoiceField)
        neighbourhood.queryset = process.neighbourhoods.all()
        organisations: QuerySet[Organisation] = (
            Organisation.objects.all()
            if self.is_staff
            else Organisation.objects.filter(memberships__user=user)
        )
        organisation.queryset = organisations
        kinds = [Event.Organiser.RESIDENT]
        if self.is_staff or organisations.exists():
            kinds.append(Event.Organiser.ORGANISATION)
        if self.is_staff:
            kinds.append(Event.Organiser.CITY)
        organiser_kind.choices = [(k.value, k.label) for k in kinds]
        if not self.is_bound and "organiser_kind" not in self.initial:
            self.initial["organiser_kind"] = Event.Organiser.RESIDENT

    def clean_start(self) -> dt.datetime:
        start: dt.datetime = self.cleaned_data["start"]
        if start <= timezone.now():
            raise ValidationError(_("Cette date est passée : choisissez une date à venir."))
        return start

    def clean_capacity(self) -> int | None:
        capacity: int | None = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise ValidationError(CAPACITY_MESSAGE)
        return capacity

    def clean_online_url(self) -> str:
        url: str = self.cleaned_data.get("online_url") or ""
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Le lien doit commencer par https:// ou http://."))
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", _("La fin doit être après le début."))
        if end is not None and start is not None and end - start > dt.timedelta(days=31):
            self.add_error("end", _("Un événement dure au plus 31 jours."))
        if (
            not (data.get("place_name") or data.get("address"))
            and not data.get("online_url")
            and "online_url" not in self.errors
        ):
            self.add_error("place_name", _("Indiquez un lieu ou un lien de réunion en ligne."))
        wants_organisation = data.get("organiser_kind") == Event.Organiser.ORGANISATION
        if (
            wants_organisation
            and not data.get("organisation")
            and "organisation" not in self.errors
        ):
            self.add_error("organisation", _("Choisissez l'organisation qui organise."))
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            {"latitude", "longitude"} & set(self.errors)
        ):
            self.add_error("latitude", _("Donnez la latitude et la longitude, ou aucune des deux."))
        if not data.get("is_free") and not (data.get("price") or "").strip():
            self.add_error("price", _("Indiquez le tarif d'un événement payant."))
        return data

    def to_input(self) -> EventInput:
        data = self.cleaned_data
        names = [f.name for f in EventInput.__dataclass_fields__.values()]
        values = {name: data[name] for name in names if name in data}
        for name in ("place_name", "address", "online_url", "audience", "price"):
            values[name] = values.get(name) or ""
        return EventInput(**values)

    @property
    def accessibility_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in (*ACCESSIBILITY_FIELDS, "is_free", "price", "accessibility_notes")
        ]


def initial_from_event(event: Event) -> dict[str, Any]:
    names = [f.name for f in EventInput.__dataclass_fields__.values()]
    initial = {name: getattr(event, name) for name in names if name not in ("parent",)}
    initial["start"] = timezone.localtime(event.start)
    initial["end"] = timezone.localtime(event.end)
    return initial


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Votre nom ou prénom"),
        max_length=100,
        help_text=_("Seul·e l'organisateur·rice le voit, pour la liste des présent·e·s."),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        required=False,
        max_length=254,
        help_text=_("Pour recevoir la confirmation et le lien d'annulation."),
        error_messages={
            "invalid": _("Saisissez une adresse e-mail complète, par exemple camille@exemple.fr.")
        },
    )
    phone = forms.CharField(
        label=_("ou numéro de téléphone"),
        required=False,
        max_length=30,
        help_text=_(
            "Si vous n'avez pas d'adresse e-mail : l'organisateur·rice pourra vous appeler."
        ),
    )
    # Honeypot: hidden from people by CSS and aria-hidden, filled by robots.
    website = forms.CharField(required=False, label=_("Ne pas remplir ce champ"))

    def clean_phone(self) -> str:
        """The number in E.164 (``+33612345678``): typed in any format, one person."""
        try:
            return normalise_phone(self.cleaned_data.get("phone") or "")
        except InvalidPhoneNumber as exc:
            raise ValidationError(phone_message()) from exc

    def clean_website(self) -> str:
        value: str = self.cleaned_data.get("website") or ""
        if value:
            raise ValidationError(_("Ce champ doit rester vide."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("email")
            and not data.get("phone")
            and not ({"email", "phone"} & set(self.errors))
        ):
            self.add_error(
                "email",
                _("Indiquez une adresse e-mail ou un numéro de téléphone pour être prévenu·e."),
            )
        return data


class DecisionForm(forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Message pour la personne qui a proposé l'événement"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Ce compte rendu rapporte surtout…"),
        choices=Contribution.Kind.choices,
        widget=forms.RadioSelect,
        initial=Contribution.Kind.PROPOSAL,
    )

    def __init__(self, *args: Any, process: Process, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(process.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.number}"] = forms.CharField(
                label=_("Question %(number)s — %(title)s")
                % {"number": question.number, "title": question.title},
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    @property
    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"question_{q.number}"] for q in self.questions]

    def answers(self) -> dict[Question, str]:
        return {
            q: self.cleaned_data.get(f"question_{q.number}", "")
            for q in self.questions
            if (self.cleaned_data.get(f"question_{q.number}") or "").strip()
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.questions and not self.answers():
            raise ValidationError(_("Rapportez ce qui a été dit sur au moins une question."))
        return data


ACCESSIBILITY_FILTERS = (
    ("step_free_access", _("accessible en fauteuil roulant")),
    ("sign_language", _("langue des signes")),
    ("hearing_loop", _("boucle magnétique")),
    ("childcare", _("garde d'enfants")),
    ("is_free", _("gratuit")),
)


class AgendaFilterForm(forms.Form):
    """The GET form of the agenda: every field optional, unknown values ignored."""

    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Tous")), *Event.Kind.choices]
    )
    neighbourhood = forms.TypedChoiceField(
        label=_("Quartier"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(label=_("À partir du"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Jusqu'au"), required=False, widget=DateInput())
    access = forms.MultipleChoiceField(
        label=_("Accessibilité"),
        required=False,
        choices=ACCESSIBILITY_FILTERS,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, neighbourhoods: list[Neighbourhood], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["neighbourhood"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Tous")), *((n.pk, n.name) for n in neighbourhoods)]

    def filters(self) -> tuple[dict[str, Any], list[str]]:
        self.is_valid()
        values: dict[str, Any] = {}
        ignored: list[str] = []
        for name, field in self.fields.items():
            if name in self.errors:
                ignored.append(
                    str(_("Le filtre « %(label)s » n'est pas valide : il a été ignoré."))
                    % {"label": field.label}
                )
                continue
            value = self.cleaned_data.get(name)
            if value not in (None, "", []):
                values[name] = value
        return values, ignored


class SessionForm(forms.Form):
    """A session of a festival's programme (staff back-office)."""

    kind = forms.ChoiceField(label=_("Type de séance"))
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Présentation"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    start = datetime_field(
        _("Début (date et heure)"),
        _("Saisissez une date et une heure, par exemple 11/06/2022 14:00."),
        help_text=_("Heure de Paris, pendant l'événement."),
    )
    end = datetime_field(
        _("Fin (date et heure)"),
        _("Saisissez une date et une heure, par exemple 11/06/2022 15:30."),
    )
    room = forms.CharField(
        label=_("Salle"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : grande salle, salle 2, jardin."),
    )
    speakers = forms.CharField(
        label=_("Intervenant·e·s"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une personne ou une structure par ligne."),
    )
    capacity = forms.IntegerField(
        label=_("Nombre de places (facultatif)"),
        required=False,
        help_text=_("Laissez vide s'il n'y a pas de limite."),
        error_messages={"invalid": _("Saisissez un nombre entier.")},
    )
    registration_open = forms.BooleanField(
        label=_("Inscriptions ouvertes"), required=False, initial=True
    )

    def __init__(self, *args: Any, parent: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parent = parent
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("— Choisissez —")), *((k.value, k.label) for k in SESSION_KINDS)]

    def clean_capacity(self) -> int | None:
        capacity: int | None = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise ValidationError(CAPACITY_MESSAGE)
        return capacity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        parent = self.parent
        when = {
            "start": timezone.localtime(parent.start).strftime("%d/%m/%Y %H:%M"),
            "end": timezone.localtime(parent.end).strftime("%d/%m/%Y %H:%M"),
        }
        if start is not None and not parent.start <= start < parent.end:
            self.add_error(
                "start",
                _("La séance doit commencer pendant l'événement, entre le %(start)s et le %(end)s.")
                % when,
            )
        if end is not None and end > parent.end:
            self.add_error(
                "end",
                _("La séance doit finir au plus tard à la fin de l'événement, le %(end)s.") % when,
            )
        if start is not None and end is not None and end <= start and "end" not in self.errors:
            self.add_error("end", _("La fin doit être après le début."))
        return data

    def to_input(self) -> SessionInput:
        data = self.cleaned_data
        return SessionInput(
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            start=data["start"],
            end=data["end"],
            room=data.get("room") or "",
            speakers=data.get("speakers") or "",
            capacity=data.get("capacity"),
            registration_open=bool(data.get("registration_open")),
        )


def initial_from_session(session: Event) -> dict[str, Any]:
    return {
        "kind": session.kind,
        "title": session.title,
        "description": session.description,
        "start": timezone.localtime(session.start),
        "end": timezone.localtime(session.end),
        "room": session.room,
        "speakers": session.speakers,
        "capacity": session.capacity,
        "registration_open": session.registration_open,
    }


class StopForm(forms.Form):
    """One stop of a walking route (staff back-office)."""

    position = forms.IntegerField(
        label=_("Numéro d'étape"),
        min_value=1,
        max_value=999,
        error_messages={
            "invalid": _("Saisissez un nombre entier."),
            "min_value": _("Le numéro d'étape commence à 1."),
        },
    )
    place_name = forms.CharField(
        label=_("Lieu"), max_length=200, help_text=_("Par exemple : maison de quartier, place…")
    )
    initiative = forms.CharField(
        label=_("Initiative rencontrée"),
        max_length=200,
        help_text=_("Par exemple : épicerie solidaire, jardin partagé."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    address = forms.CharField(label=_("Adresse"), max_length=300)
    neighbourhood = forms.ModelChoiceField(
        label=_("Quartier"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("— Aucun —"),
        error_messages={"invalid_choice": _("Ce quartier n'appartient pas à cette démarche.")},
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        help_text=_("En degrés décimaux, par exemple 47.218371."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        help_text=_("En degrés décimaux, par exemple -1.553621."),
    )
    photo = forms.FileField(
        label=_("Photo (facultatif)"),
        required=False,
        help_text=_("JPEG, PNG ou WebP. Les métadonnées (position GPS…) sont retirées."),
    )
    photo_alt = forms.CharField(
        label=_("Description de la photo"),
        max_length=300,
        required=False,
        help_text=_(
            "Ce que montre la photo, en une phrase : lue aux personnes qui ne la voient pas."
        ),
    )
    remove_photo = forms.BooleanField(label=_("Retirer la photo actuelle"), required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        neighbourhood = self.fields["neighbourhood"]
        assert isinstance(neighbourhood, forms.ModelChoiceField)
        neighbourhood.queryset = event.process.neighbourhoods.all()
        self.checked_photo: StopPhoto | None = None

    def clean_photo(self) -> Any:
        from django.conf import settings

        from concerto.core.uploads import check_upload

        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        checked = check_upload(upload, max_bytes=settings.CONCERTO_MAX_ATTACHMENT_BYTES)
        if checked.kind != "image":
            raise ValidationError(_("La photo doit être une image (JPEG, PNG ou WebP)."))
        self.checked_photo = StopPhoto(checked.content, checked.content_type, checked.extension)
        return upload

    def to_input(self) -> StopInput:
        data = self.cleaned_data
        return StopInput(
            position=data["position"],
            place_name=data["place_name"],
            initiative=data["initiative"],
            description=data["description"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            neighbourhood=data.get("neighbourhood"),
            photo_alt=data.get("photo_alt") or "",
        )

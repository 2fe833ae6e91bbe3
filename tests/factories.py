"""Factories for tests. Every person here is invented."""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from concerto.accounts.models import User
from concerto.contributions.models import Answer, Contribution
from concerto.contributions.services import format_receipt, search_terms_for
from concerto.processes.models import Channel, Neighbourhood, Phase, Process, Question, Urn
from concerto.resources.models import NewsPost, Resource

PASSWORD = "mot-de-passe-de-test-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    display_name = factory.Sequence(lambda n: f"Personne {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create and extracted:
            for name in extracted:
                group, _ = Group.objects.get_or_create(name=name)
                self.groups.add(group)
        if create:
            self.save()

    @factory.post_generation
    def email_verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """A working account has verified its address (e-mail verification is mandatory);
        ``UserFactory(email_verified=False)`` for one that has not."""
        if create and extracted is not False and self.email:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Démarche de test {n}")
    slug = factory.Sequence(lambda n: f"demarche-{n}")
    summary = "Une démarche pour les tests."
    receipt_prefix = factory.Sequence(lambda n: f"T{n % 1000}")
    receipt_year = 2022
    is_published = True
    phone_number = "0800 00 00 00"

    @factory.post_generation
    def setup(self, create: bool, extracted: object, **kwargs: object) -> None:
        """Three questions, three neighbourhoods and an online channel open now."""
        if not create or extracted is False:
            return
        for number in (1, 2, 3):
            Question.objects.create(
                process=self, number=number, title=f"Question numéro {number} ?"
            )
        for order, name in enumerate(["Centre-ville", "Nantes Nord", "Hors Nantes"]):
            Neighbourhood.objects.create(
                process=self, name=name, slug=f"q{order}", order=order, is_outside=order == 2
            )
        now = timezone.now()
        Channel.objects.create(
            process=self,
            kind=Channel.Kind.ONLINE,
            opens_at=now - dt.timedelta(days=10),
            closes_at=now + dt.timedelta(days=10),
        )
        today = timezone.localdate()
        Phase.objects.create(
            process=self,
            kind=Phase.Kind.CONTRIBUTIONS,
            title="Contributions",
            starts_on=today - dt.timedelta(days=10),
            ends_on=today + dt.timedelta(days=10),
        )


class UrnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Urn

    process = factory.SubFactory(ProcessFactory)
    code = factory.Sequence(lambda n: f"urne-{n}")
    place_name = factory.Sequence(lambda n: f"Maison de quartier {n}")
    place_kind = Urn.PlaceKind.MAISON_DE_QUARTIER
    address = "1 rue de l'Exemple, 44000 Nantes"
    neighbourhood = factory.LazyAttribute(lambda o: o.process.neighbourhoods.first())


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    receipt_number = factory.LazyAttributeSequence(lambda o, n: format_receipt(o.process, n + 1))
    kind = Contribution.Kind.PROPOSAL
    neighbourhood = factory.LazyAttribute(lambda o: o.process.neighbourhoods.first())
    profile = Contribution.Profile.RESIDENT
    consent_publication = True
    consent_processing = True
    submission_token = factory.LazyFunction(uuid.uuid4)
    submitted_at = factory.LazyFunction(timezone.now)
    author_name = "Camille Exemple"
    email = ""

    @factory.post_generation
    def text(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        """One answer to question 1 (``text=...`` to choose it)."""
        if not create:
            return
        question = self.process.questions.order_by("number").first()
        body = extracted or "Il faudrait davantage de lieux d'accueil de jour dans les quartiers."
        Answer.objects.create(contribution=self, question=question, text=body)
        if self.status == Contribution.Status.PUBLISHED:
            self.search_document = body
            self.search_terms = search_terms_for(body)
            self.published_at = self.published_at or timezone.now()
            self.save(update_fields=["search_document", "search_terms", "published_at"])


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    kind = Resource.Kind.DECRYPTAGE
    url = "https://exemple.test/document.pdf"


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Actualité {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    summary = "Un résumé."
    body = "Le texte de l'actualité."
    published_at = factory.LazyFunction(timezone.now)

"""``manage.py loaddemo``: the Nantes demo, built from the seeds."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from concerto.accounts.models import User
from concerto.collective.models import CollectiveContribution
from concerto.contributions.models import Contribution
from concerto.core.models import AuditEvent
from concerto.core.roles import Role, can, staff_roles
from concerto.events.models import EventReport
from concerto.processes.models import Channel, Phase, Process, Urn
from concerto.resources.models import NewsPost, Resource

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
SLUG = "assises-des-nouvelles-solidarites"
QUESTIONS = [
    "Précarité et isolement, quelle est la situation actuelle ?",
    "Citoyens, associations, entreprises et collectivités... qui peut agir pour les solidarités ?",
    "Agir contre la précarité et l'isolement, quelles idées pour demain ?",
]
QUARTIERS = [
    "Centre-ville",
    "Bellevue – Chantenay – Sainte-Anne",
    "Dervallières – Zola",
    "Hauts-Pavés – Saint-Félix",
    "Breil – Barberie",
    "Nantes Nord",
    "Nantes Erdre",
    "Doulon – Bottière",
    "Malakoff – Saint-Donatien",
    "Île de Nantes",
    "Nantes Sud",
]
# Contributions not made by the text generator: the events' reports, the cahiers d'acteurs.
NOT_GENERATED = (Channel.Kind.EVENT, Channel.Kind.COLLECTIVE)
DEMO_EMAILS = {
    "admin@demo.concerto.test": Role.ADMIN,
    "moderation@demo.concerto.test": Role.MODERATOR,
    "analyse@demo.concerto.test": Role.ANALYST,
    "elue@demo.concerto.test": Role.OFFICIAL,
    "habitant@demo.concerto.test": None,
}


def loaddemo(*args: str) -> str:
    out = StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple[object, ...]]:
    """What a visitor sees of the demo contributions, in receipt order."""
    rows = []
    for c in Contribution.objects.order_by("receipt_number").prefetch_related("answers"):
        answers = tuple((a.question.number, a.text) for a in c.answers.all())
        rows.append(
            (c.receipt_number, c.channel, c.kind, c.profile, c.author_name, c.status, answers)
        )
    return rows


@pytest.fixture
def demo() -> Process:
    loaddemo("--contributions", "30", "--allow-demo-accounts")
    return Process.objects.get(slug=SLUG)


def test_second_run_changes_nothing_and_reset_recreates_the_same_text():
    loaddemo("--contributions", "30", "--allow-demo-accounts")
    first = snapshot()
    counts = (
        Process.objects.count(),
        Contribution.objects.count(),
        Urn.objects.count(),
        NewsPost.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    password_hash = User.objects.get(email="admin@demo.concerto.test").password
    out = loaddemo("--contributions", "50", "--allow-demo-accounts")
    assert "existe déjà" in out
    assert counts == (
        Process.objects.count(),
        Contribution.objects.count(),
        Urn.objects.count(),
        NewsPost.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )
    assert User.objects.get(email="admin@demo.concerto.test").password == password_hash
    assert not Process.objects.get(slug=SLUG).channels.get(kind="online").is_open()
    # --reset: everything again, from receipt one, the same text.
    old_ids = set(Contribution.objects.values_list("pk", flat=True))
    loaddemo("--contributions", "30", "--reset", "--allow-demo-accounts")
    assert snapshot() == first
    assert len([r for r in first if r[1] not in NOT_GENERATED and r[0].startswith("ASN")]) == 30
    contributions = Contribution.objects.filter(process__slug=SLUG).exclude(
        channel__in=NOT_GENERATED
    )
    assert not old_ids & set(contributions.values_list("pk", flat=True))
    assert min(contributions.values_list("receipt_number", flat=True)) == "ASN-2022-000001"
    assert Process.objects.count() == 2  # the Assises and the scenario, once each


def test_debug_uses_the_documented_password(settings, client):
    settings.DEBUG = True
    out = loaddemo("--contributions", "3")
    assert "concerto-demo-2022" in out
    for email in DEMO_EMAILS:
        assert User.objects.get(email=email).check_password("concerto-demo-2022")
    # Verified addresses (verification is mandatory): the login form lets them in at once.
    response = client.post(
        reverse("account_login"),
        {"login": "admin@demo.concerto.test", "password": "concerto-demo-2022"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="admin@demo.concerto.test").pk
    )


def test_no_login_accounts_without_debug_or_flag(settings):
    settings.DEBUG = False
    out = loaddemo("--contributions", "20")
    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()
    assert "aucun compte" in out
    # Contributions are still moderated, by an account nobody can sign in with.
    published = Contribution.objects.filter(status=Contribution.Status.PUBLISHED)
    assert published.exists()
    actors = {
        e.actor
        for e in AuditEvent.objects.filter(action="contribution.publish").select_related("actor")
    }
    assert len(actors) == 1
    actor = actors.pop()
    assert actor is not None
    assert not actor.has_usable_password()


def test_negative_count_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        loaddemo("--contributions", "-1")
    assert not Process.objects.exists()


def test_zero_contributions_still_builds_the_process():
    loaddemo("--contributions", "0")
    assert Channel.objects.filter(process__slug=SLUG).count() == 4
    # Only the published reports of the demo events and the demo cahiers d'acteurs.
    generated = Contribution.objects.filter(process__slug=SLUG).exclude(channel__in=NOT_GENERATED)
    assert not generated.exists()


class TestOneDemo(TestCase):
    """One demo for the tests below (loading it takes a while)."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.out = loaddemo("--contributions", "30", "--allow-demo-accounts")

    def test_process_mandate_and_contact_come_from_the_seeds(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        assert demo.title == "Assises des nouvelles solidarités"
        assert demo.is_published
        assert (demo.receipt_prefix, demo.receipt_year) == ("ASN", 2022)
        assert demo.phone_number == "0800 73 23 35"
        assert demo.contact_email == "assises-solidarites@mairie-nantes.fr"
        assert "120 jours de dialogue citoyen" in demo.summary
        assert "bailleurs sociaux" in demo.who_may_take_part
        assert "Soutenir l'engagement solidaire." in demo.objectives
        assert "plan d'actions municipal et partenarial" in demo.policy_impacts
        assert "adoptée le 30 juin 2023" in demo.policy_impacts
        assert "rendu public" in demo.commitment
        assert "droit de suite" in demo.commitment
        # At the real dates, told as what happened.
        assert demo.summary.startswith("Du 26 janvier au 20 juin 2022, la Ville de Nantes a mené")
        assert demo.who_may_take_part.startswith(
            "Du 26 janvier à mi-juin 2022, la Ville de Nantes a"
        )

    def test_three_questions_verbatim_with_their_prompts(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        questions = list(demo.questions.order_by("number"))
        assert [q.number for q in questions] == [1, 2, 3]
        assert [q.title for q in questions] == QUESTIONS
        for question in questions:
            assert question.description
            assert question.prompts.startswith("Parmi les questions qui pouvaient se poser")
        assert "déclic de solidarité" in questions[1].description

    def test_eleven_quartiers_and_hors_nantes(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        neighbourhoods = list(demo.neighbourhoods.order_by("order"))
        assert len(neighbourhoods) == 12
        assert [n.name for n in neighbourhoods if not n.is_outside] == QUARTIERS
        outside = [n for n in neighbourhoods if n.is_outside]
        assert [n.name for n in outside] == ["Hors Nantes"]

    def test_the_real_calendar(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        phases = {p.kind: p for p in demo.phases.all()}
        assert set(phases) == set(Phase.Kind.values)
        contributions = phases[Phase.Kind.CONTRIBUTIONS]
        assert (contributions.starts_on, contributions.ends_on) == (
            dt.date(2022, 1, 26),
            dt.date(2022, 6, 20),
        )
        event = phases[Phase.Kind.EVENT]
        assert (event.starts_on, event.ends_on) == (dt.date(2022, 6, 10), dt.date(2022, 6, 11))
        assert phases[Phase.Kind.INSTRUCTION].ends_on == dt.date(2022, 12, 31)
        assert phases[Phase.Kind.ANSWER].starts_on == dt.date(2023, 6, 30)
        assert "conseil municipal du vendredi 30 juin 2023" in phases[Phase.Kind.ANSWER].description
        assert event.description.startswith("Les vendredi 10 et samedi 11 juin 2022 :")
        assert "(jusqu'au 20 juin)" in contributions.description
        assert phases[Phase.Kind.IMPLEMENTATION].ends_on.year == 2026

        channels = {c.kind: c for c in demo.channels.all()}
        assert set(channels) == {"online", "paper", "phone", "collective"}
        for kind in ("online", "paper", "phone"):
            assert channels[kind].opens_at == dt.datetime(2022, 1, 26, tzinfo=PARIS)
            assert channels[kind].closes_at == dt.datetime(2022, 6, 20, 23, 59, tzinfo=PARIS)
        assert channels["collective"].closes_at == dt.datetime(2022, 5, 29, 23, 59, tzinfo=PARIS)
        assert not channels["online"].is_open()

    def test_urns_of_the_four_kinds_in_nantes(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        urns = list(Urn.objects.filter(process=demo).select_related("neighbourhood"))
        assert len(urns) >= 15
        assert {u.place_kind for u in urns} >= {
            Urn.PlaceKind.MAISON_DE_QUARTIER,
            Urn.PlaceKind.MAIRIE_ANNEXE,
            Urn.PlaceKind.CENTRE_SOCIAL,
            Urn.PlaceKind.COMMERCE,
        }
        assert len({u.neighbourhood_id for u in urns}) >= 10
        for urn in urns:
            assert urn.neighbourhood.process_id == demo.pk
            assert not urn.neighbourhood.is_outside
            assert "Nantes" in urn.address
            assert urn.opening_hours
            assert Decimal("47.15") < urn.latitude < Decimal("47.30")
            assert Decimal("-1.65") < urn.longitude < Decimal("-1.45")
            assert (urn.present_from, urn.present_until) == (
                dt.date(2022, 1, 26),
                dt.date(2022, 6, 20),
            )

    def test_resources_and_news(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        titles = set(Resource.objects.filter(process=demo).values_list("title", flat=True))
        assert titles == {
            "Document de décryptage",
            "Synthèse de l'enquête « Inégalités, solidarités et engagement »",
            "Nantoscope 2021",
        }
        survey = Resource.objects.get(process=demo, kind=Resource.Kind.SURVEY)
        assert "1100" in survey.description
        assert "novembre 2021" in survey.description
        news = list(NewsPost.objects.filter(process=demo).order_by("published_at"))
        # The launch, the Rencontres, the festival, the report, the strategy, the Coopérative,
        # the yearly meeting of 2025: at the dates of their day.
        assert [p.published_at.astimezone(PARIS).date() for p in news] == [
            dt.date(2022, 1, 26),
            dt.date(2022, 1, 26),
            dt.date(2022, 3, 15),
            dt.date(2022, 12, 15),
            dt.date(2023, 7, 6),
            dt.date(2024, 2, 21),
            dt.date(2025, 12, 8),
        ]
        assert any("Rencontres de la médiation" in post.title for post in news)
        assert any("10 et 11 juin" in post.title for post in news)

    def test_contributions_have_real_sequential_receipts(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        # The events' reports (concerto.demo.events) come after the generated contributions.
        contributions = list(
            Contribution.objects.filter(process=demo)
            .exclude(channel__in=NOT_GENERATED)
            .order_by("receipt_number")
        )
        assert len(contributions) == 30
        assert [c.receipt_number for c in contributions] == [
            f"ASN-2022-{n:06d}" for n in range(1, 31)
        ]
        demo.refresh_from_db()
        assert demo.receipt_counter == (
            30
            + EventReport.objects.filter(event__process=demo).count()
            + CollectiveContribution.objects.filter(contribution__process=demo).count()
        )
        assert all(c.is_demo for c in contributions)
        # Numbered in the order they arrived, inside the window of the online channel.
        times = [c.submitted_at for c in contributions]
        assert times == sorted(times)
        online = demo.channels.get(kind="online")
        assert all(online.opens_at <= t < online.closes_at for t in times)
        submits = AuditEvent.objects.filter(
            action="contribution.submit", target_type="contributions.contribution"
        )
        reports = Contribution.objects.filter(process=demo, channel__in=NOT_GENERATED)
        ours = {str(c.pk) for c in [*contributions, *reports]}
        assert set(submits.values_list("target_id", flat=True)) & ours == ours

    def test_contributions_are_plausible_and_moderated_with_audit(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        contributions = list(
            Contribution.objects.filter(process=demo)
            .exclude(channel=Channel.Kind.COLLECTIVE)  # the cahiers: test_channels_demo
            .prefetch_related("answers__question")
        )
        statuses = {c.status for c in contributions}
        assert Contribution.Status.PUBLISHED in statuses
        # Moderated long ago: nothing waits in 2022's process (the scenario has some).
        assert not statuses & {Contribution.Status.PENDING, Contribution.Status.CHANGES_REQUESTED}
        moderator = User.objects.get(email="moderation@demo.concerto.test")
        for c in contributions:
            answers = list(c.answers.all())
            assert 1 <= len(answers) <= 3
            for answer in answers:
                assert len(answer.text) > 40
                assert answer.text[0].isupper()
            assert not c.email or c.email.endswith("@exemple.test")
            assert c.neighbourhood.process_id == demo.pk
            if c.status == Contribution.Status.PUBLISHED:
                assert c.search_document == "\n\n".join(a.text for a in answers)
                assert c.published_at is not None
                assert c.published_at >= c.submitted_at
                assert c.consent_publication
                assert AuditEvent.objects.filter(
                    action="contribution.publish", target_id=str(c.pk), actor=moderator
                ).exists()
            else:
                assert c.search_document == ""
                assert c.published_at is None

    def test_accounts_one_per_role_with_printed_passwords(self) -> None:
        out = self.out
        for email, role in DEMO_EMAILS.items():
            user = User.objects.get(email=email)
            line = next(line for line in out.splitlines() if email in line)
            password = line.rsplit(" ", 1)[-1]
            assert user.check_password(password)
            assert password != "concerto-demo-2022"  # DEBUG is off: random passwords
            assert staff_roles(user) == (frozenset({role}) if role else frozenset())
        admin = User.objects.get(email="admin@demo.concerto.test")
        moderator = User.objects.get(email="moderation@demo.concerto.test")
        analyst = User.objects.get(email="analyse@demo.concerto.test")
        resident = User.objects.get(email="habitant@demo.concerto.test")
        assert admin.is_staff
        assert not moderator.is_staff
        assert can(admin, "processes.manage")
        assert can(moderator, "contributions.moderate")
        assert not can(moderator, "processes.manage")
        assert can(analyst, "backoffice.view")
        assert not can(analyst, "contributions.moderate")
        assert not can(resident, "backoffice.view")

    def test_site_and_public_pages_render_after_loaddemo(self) -> None:
        client = self.client
        site = Site.objects.get(pk=1)
        assert (site.domain, site.name) == ("127.0.0.1:8000", "Concerto")
        page = client.get(reverse("processes:detail", kwargs={"slug": SLUG}))
        assert page.status_code == 200
        assert "0800 73 23 35" in page.content.decode()
        news = client.get(reverse("resources:news_list", kwargs={"slug": SLUG}))
        assert news.status_code == 200
        assert "Les Rencontres de la médiation" in news.content.decode()
        post = NewsPost.objects.get(slug="lancement-des-assises")
        assert client.get(post.get_absolute_url()).status_code == 200
        feed = client.get(reverse("resources:news_feed", kwargs={"slug": SLUG}))
        assert feed.status_code == 200
        entries = ET.fromstring(feed.content).findall(  # noqa: S314 (our own feed)
            "{http://www.w3.org/2005/Atom}entry"
        )
        assert len(entries) == 7
        listing = client.get(reverse("contributions:list", kwargs={"slug": SLUG}))
        assert listing.status_code == 200
        published = Contribution.objects.filter(status=Contribution.Status.PUBLISHED).first()
        assert published is not None
        assert client.get(published.get_absolute_url()).status_code == 200

    def test_channels_demo_cahiers_voicemails_and_paper_sheets(self) -> None:
        demo = Process.objects.get(slug=SLUG)
        from concerto.intake.models import CollectionRound, PaperSheet, PrintBatch
        from concerto.voice.models import Voicemail

        # Cahiers d'acteurs: invented organisations marked "(démo)", published, contact private.
        cahiers = list(CollectiveContribution.objects.filter(contribution__process=demo))
        assert len(cahiers) == 97  # « 97 cahiers d'acteurs collectifs »
        for cahier in cahiers:
            assert cahier.organisation_name.endswith("(démo)")
            assert cahier.contact_email.endswith("@exemple.test")
            assert cahier.contribution.status == Contribution.Status.PUBLISHED
            assert cahier.contribution.channel == Channel.Kind.COLLECTIVE
            assert cahier.proposals.count() >= 3 and not cahier.is_late
        # Voicemails: the source of every phone contribution, and a queue to review.
        phone = Contribution.objects.filter(process=demo, channel=Channel.Kind.PHONE)
        done = Voicemail.objects.filter(process=demo, state=Voicemail.State.TRANSCRIBED)
        assert {v.contribution_id for v in done} == set(phone.values_list("pk", flat=True))
        assert all(v.audio_deleted_at is not None and not v.audio for v in done)  # 2022: purged
        queue = Voicemail.objects.filter(process=demo).exclude(state=Voicemail.State.TRANSCRIBED)
        ready = queue.filter(state=Voicemail.State.READY)
        assert ready.count() == 2 and all(v.segments and v.draft_text for v in ready)
        assert set(queue.values_list("problem", flat=True)) == {"", "too_long", "empty"}
        # Paper: each paper contribution has its sheet, from an urn; urns were emptied.
        paper = Contribution.objects.filter(process=demo, channel=Channel.Kind.PAPER)
        sheets = PaperSheet.objects.filter(process=demo).exclude(contribution=None)
        assert set(sheets.values_list("contribution_id", flat=True)) == set(
            paper.values_list("pk", flat=True)
        )
        assert sum(CollectionRound.objects.values_list("sheet_count", flat=True)) == paper.count()
        assert PrintBatch.objects.filter(process=demo).count() == demo.urns.count()
        numbers = list(PaperSheet.objects.filter(process=demo).values_list("number", flat=True))
        assert sorted(numbers) == list(range(1, len(numbers) + 1))

    def test_the_demo_figures_count_received_analysed_published(self) -> None:
        """Every demo contribution is received; all but those set aside under the charter are
        analysed (private ones included); the report's method says the same figures."""
        demo = Process.objects.get(slug=SLUG)
        from concerto.contributions.workflow import ANALYSED
        from concerto.reports.models import ReportVersion
        from concerto.reports.statistics import compute_one

        contributions = Contribution.objects.filter(process=demo)
        received = contributions.count()
        analysed = contributions.filter(status__in=ANALYSED).count()
        published = contributions.filter(status=Contribution.Status.PUBLISHED).count()
        # No contribution without consent waits for a moderation that cannot publish it.
        assert not contributions.filter(
            status=Contribution.Status.PENDING, consent_publication=False
        ).exists()
        # Only charter reasons set aside; a refused publication stays analysed.
        assert set(
            contributions.filter(status=Contribution.Status.SET_ASIDE).values_list(
                "rejection_reason", flat=True
            )
        ) <= {"offensive", "advertising", "spam"}
        stat = compute_one(demo, "received_analysed_published")
        assert stat.total == (received, analysed, published, received - analysed)
        version = ReportVersion.objects.filter(report__process=demo).order_by("-number").first()
        if version is not None:
            counts = version.content["method"]["counts"]["total"]
            assert counts[0] <= received and counts[1] <= analysed  # frozen at publication
            assert counts[0] - counts[3] == counts[1]

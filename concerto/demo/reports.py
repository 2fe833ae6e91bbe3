"""Demo data: the synthesis report of the Assises, drafted and published.

Texts come from the public documents in ``shared/seeds/``: the three stakes are quoted from
the article of 6 July 2023 (``000``), which says the report « met ainsi en exergue 3 grands
enjeux et leviers d'amélioration »; the findings quote the figures of the Nantoscope 2021
and of the TMO survey given in the press kit (``003``), with their source. The report's own
proposals are not in the seeds: the demo words them with the seven commitments the
strategy adopted in answer to the report (``000``), so that the answer can refer to them
point by point. No participation figure is typed: the key figures are computed from the
demo's contributions and events. Quotes are picked among the excerpts the synthesis demo
flagged as quotes (none if it flagged none). Publication goes through the real service:
the PDF is then built by the background task.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group

from concerto.accounts.models import User
from concerto.contributions.models import Contribution
from concerto.core.roles import Role
from concerto.processes.models import Process
from concerto.reports import services
from concerto.reports.models import Finding, Proposal, Report, Stake
from concerto.reports.publication import report_publish
from concerto.reports.services import ReportError, check_quote
from concerto.synthesis.models import Coding, Theme

PARIS = ZoneInfo("Europe/Paris")
DEMO_DOMAIN = "demo.concerto.test"
ANALYST = f"analyse@{DEMO_DOMAIN}"
ADMIN = f"admin@{DEMO_DOMAIN}"
SYSTEM_EDITOR = f"redaction-automatique@{DEMO_DOMAIN}"
# « le rapport des Assises sorti en décembre 2022 » (seed 000)
PUBLISHED_ON = dt.datetime(2022, 12, 15, 10, 0, tzinfo=PARIS)
QUOTES_PER_ITEM = 2

TITLE = "Rapport des Assises des nouvelles solidarités"
INTRODUCTION = (
    "Les Assises des nouvelles solidarités ont proposé 120 jours de dialogue citoyen "
    "« en faveur de la lutte contre la précarité et l'isolement social ». Ce rapport "
    "« retrace et organise toutes les contributions collectées » : il dresse des constats, "
    "énumère les enjeux et fait des propositions qui découlent de l'analyse de l'ensemble "
    "des contributions. Il met ainsi en exergue 3 grands enjeux et leviers d'amélioration.\n"
    "Il est rendu public puis présenté aux élu·e·s de la Ville de Nantes, qui s'engagent à "
    "l'instruire, en débattre et à y apporter une réponse argumentée, point par point.\n"
    "Les chiffres de participation de ce rapport sont calculés à partir des contributions et "
    "des événements enregistrés sur la plateforme ; chaque citation renvoie à sa contribution."
)
METHOD = (
    "Chaque contribution, quel que soit son canal (formulaire en ligne, formulaire papier "
    "déposé dans une urne, message laissé sur la ligne gratuite, cahier d'acteurs, compte "
    "rendu d'événement), a été lue par les analystes et codée selon la grille de thèmes de "
    "la démarche, qu'elle soit publiée ou non : une contribution sans accord de "
    "publication est analysée, jamais citée ; seules les contributions contraires à la charte "
    "sont écartées de l'analyse, et comptées comme telles. Les constats qui citent le "
    "Nantoscope 2021 ou l'enquête « Inégalités, solidarités et engagement » (TMO, novembre "
    "2021) le précisent."
)

# (title, keywords to find its themes in the codebook, findings, proposals). Each proposal
# has its own themes (names of the codebook of ``concerto.synthesis.demo``): a contribution
# coded with one of them (or with one of its sub-themes) leads to that proposal only, so
# that "what my contribution became" names the proposals it really fed.
ProposalData = tuple[str, str, tuple[str, ...]]
STAKES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[ProposalData, ...]], ...] = (
    (
        "Mieux soutenir, articuler et organiser les actions de solidarité",
        ("engag", "bénévol", "associ", "coopér", "acteur", "organis", "aller", "droit"),
        (
            "52 % des Nantais·e·s ne savent pas à qui s'adresser ou comment procéder pour "
            "s'engager (enquête « Inégalités, solidarités et engagement », TMO, 2021).",
            "86 % seraient prêt·e·s à donner de leur temps à une association, dont 41 % "
            "certainement ; 81 % des Nantais·e·s qui voudraient s'engager privilégieraient un "
            "engagement ponctuel, en fonction de leurs disponibilités et des urgences du "
            "moment (enquête TMO, 2021).",
            "Les nouvelles formes et actions de solidarité entreprises pendant la crise "
            "sanitaire sont venues en complément de celles déjà menées : l'une n'est pas "
            "venue supprimer l'autre.",
        ),
        (
            (
                "Organiser, créer et soutenir les nouvelles solidarités",
                "Poursuivre et développer une action commune entre les acteurs de la "
                "solidarité et favoriser les coopérations à l'échelle du territoire.",
                ("Engagement et coopération",),
            ),
            (
                "Renforcer l'accès aux droits",
                "Le non-recours est une des causes de la pauvreté en France : permettre à "
                "toutes et tous d'accéder à leurs droits grâce à davantage de professionnels "
                "dédiés et à un meilleur maillage des services publics en proximité.",
                ("Accès aux droits et non-recours", "Aller-vers"),
            ),
        ),
    ),
    (
        "Vivre dignement et participer à la vie sociale pour ne pas être et rester isolé",
        ("isol", "précar", "pauvr", "santé", "logement", "aliment", "senior", "âgé", "jeun"),
        (
            "17 % des Nantais·e·s (46 260 personnes) vivent en dessous du seuil de pauvreté ; "
            "le risque de pauvreté est 2 fois plus élevé pour une famille monoparentale "
            "(Nantoscope 2021).",
            "86 105 Nantais·e·s vivent seul·e·s, 53 % des ménages. Ce taux était de 39 % en "
            "1990 (Nantoscope 2021).",
            "83 % des Nantais·e·s ont le sentiment de vivre dans une société où il y a de plus "
            "en plus de personnes en situation d'isolement (enquête TMO, 2021).",
        ),
        (
            (
                "Lutter contre la précarité financière pour améliorer le reste à vivre",
                "Élargir les aides facultatives du CCAS aux 18–25 ans pour leur donner un coup "
                "de pouce financier.",
                ("Précarité et reste à vivre", "Jeunesse (18-25 ans)"),
            ),
            (
                "Améliorer les conditions de vie des Nantaises et Nantais les plus fragiles",
                "Assurer à chacune et chacun une vie digne et une vie sociale enrichie en "
                "apportant des réponses dans tous les champs de la vie quotidienne.",
                ("Logement et énergie", "Alimentation"),
            ),
            (
                "Renforcer les aides en matière d'accompagnement de la santé mentale sur le "
                "territoire",
                "Accompagner les professionnels et habitants qui accompagnent au quotidien des "
                "personnes en souffrance psychique.",
                ("Santé mentale",),
            ),
        ),
    ),
    (
        "Renforcer les solidarités de proximité et le vivre-ensemble",
        ("proximit", "quartier", "voisin", "entraide", "lien", "ensemble", "transition", "écolog"),
        (
            "1 Nantais·e sur 4 (26 %) a observé une initiative d'entraide et de solidarité à "
            "l'échelle de son quartier (enquête TMO, 2021).",
            "43 % des Nantais·e·s préféreraient s'engager dans des actions solidaires dans "
            "leurs quartiers et 36 % à l'échelle de leur commune, contre 16 % à l'échelle "
            "nationale, régionale ou départementale (enquête TMO, 2021).",
        ),
        (
            (
                "Lutter contre l'isolement social",
                "Favoriser le vivre-ensemble et l'entraide de proximité, par exemple en "
                "mettant en relation des citoyens qui le veulent avec des seniors isolés pour "
                "les aider dans leurs déplacements du quotidien.",
                ("Isolement social",),
            ),
            (
                "Agir contre les inégalités sociales liées à la transition écologique",
                "Les personnes les plus précaires sont davantage exposées aux risques et "
                "conséquences du changement climatique : ne laisser personne de côté, "
                "notamment pour l'accès à une alimentation de qualité et accessible.",
                ("Transition écologique et inégalités", "Alimentation"),
            ),
        ),
    ),
)
GENERAL_FIGURES = ("overview", "contributions_by_channel", "contributions_by_week")
STAKE_FIGURES: tuple[tuple[str, ...], ...] = (
    ("events_by_kind", "contributions_by_profile"),
    ("themes_by_neighbourhood", "contributions_by_age"),
    ("contributions_by_neighbourhood", "themes_by_channel"),
)


def _account(email: str, fallback_role: Role) -> User:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = User.objects.filter(email=SYSTEM_EDITOR).first()
    if user is None:
        user = User(email=SYSTEM_EDITOR, display_name="Rédaction du rapport (démo)")
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=fallback_role.value)[0])
    return User.objects.get(pk=user.pk)


def _themes_by_stake(process: Process) -> list[list[Theme]]:
    """The codebook's themes shared among the stakes by their names (a theme whose name
    matches no stake goes to the stake with the fewest themes)."""
    roots = list(
        Theme.objects.filter(codebook__process=process, parent__isnull=True, is_archived=False)
    )
    shares: list[list[Theme]] = [[] for _ in STAKES]
    for theme in roots:
        name = theme.name.lower()
        index = next(
            (i for i, stake in enumerate(STAKES) if any(k in name for k in stake[1])), None
        )
        if index is None:
            index = min(range(len(shares)), key=lambda i: len(shares[i]))
        shares[index].append(theme)
    return shares


def _quotable(process: Process) -> list[Coding]:
    candidates = (
        Coding.objects.filter(
            answer__contribution__process=process,
            answer__contribution__status=Contribution.Status.PUBLISHED,
            is_quote=True,
            start__isnull=False,
        )
        .exclude(excerpt="")
        .select_related("answer__contribution", "theme")
        .order_by("answer__contribution__receipt_number", "start", "pk")[:200]
    )
    usable = []
    for coding in candidates:
        try:
            check_quote(coding, process)
        except ReportError:
            continue
        usable.append(coding)
    return usable


def _pick(pool: list[Coding], themes: list[Theme], used: set[int], count: int) -> list[Coding]:
    ids = {t.pk for t in themes}
    chosen = [
        c for c in pool if c.pk not in used and (c.theme_id in ids or c.theme.parent_id in ids)
    ][:count]
    used.update(c.pk for c in chosen)
    return chosen


def _draft(report: Report, analyst: User) -> None:
    process = report.process
    shares = _themes_by_stake(process)
    pool = _quotable(process)
    by_name = {
        t.name.lower(): t
        for t in Theme.objects.filter(codebook__process=process, is_archived=False)
    }
    used: set[int] = set()
    for index, (title, _keys, findings, proposals) in enumerate(STAKES):
        themes = shares[index]
        stake: Stake = services.stake_create(
            report=report, title=title, themes=themes, actor=analyst
        )
        targets: list[Finding | Proposal] = []
        for text in findings:
            targets.append(services.finding_create(stake=stake, text=text, actor=analyst))
        first_themes: list[Theme] = []
        for proposal_title, proposal_text, names in proposals:
            # A codebook without these names (a test's): the stake's themes.
            own = [by_name[n.lower()] for n in names if n.lower() in by_name] or themes
            first_themes = first_themes or own
            targets.append(
                services.proposal_create(
                    stake=stake,
                    title=proposal_title,
                    text=proposal_text,
                    themes=own,
                    actor=analyst,
                )
            )
        # Quotes on the first finding and the first proposal of each stake, each about
        # the themes it cites.
        for target, about in ((targets[0], themes), (targets[len(findings)], first_themes)):
            for coding in _pick(pool, about, used, QUOTES_PER_ITEM):
                services.quote_attach(target=target, coding=coding, actor=analyst)
        for key in STAKE_FIGURES[index]:
            services.figure_add(report=report, key=key, stake=stake, actor=analyst)
    for key in GENERAL_FIGURES:
        services.figure_add(report=report, key=key, actor=analyst)


def load_demo(*, process: Process, now: dt.datetime) -> None:
    """Create the demo synthesis report for the demo ``process`` and publish it on its
    date (its PDF is built by the task queue)."""
    analyst = _account(ANALYST, Role.ANALYST)
    publisher = _account(ADMIN, Role.ANALYST)
    report = services.report_create(
        process=process, title=TITLE, introduction=INTRODUCTION, method=METHOD, actor=analyst
    )
    _draft(report, analyst)
    report_publish(
        report=report,
        note="Publication du rapport des Assises",
        actor=publisher,
        now=min(PUBLISHED_ON, now),
    )

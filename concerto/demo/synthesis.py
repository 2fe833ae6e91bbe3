"""Demo data: the Nantes codebook, codings and a double-coded sample (``manage.py loaddemo``).

The codebook follows the stakes of the Assises and of the strategy adopted in 2023
(``shared/seeds``): access to rights and non-recours, isolation, precarity and « reste à
vivre », food, mental health, youth, « aller-vers », engagement and cooperation, the social
side of the ecological transition. Codings are made through the services, as a demo
analyst: each sentence of the synthetic contributions that comes from a theme of the
text generator (``concerto.demo.textgen``) is coded as an excerpt (exact offsets into the
published text), about one in four flagged as a quote. A sample of 12 contributions is
then coded by two demo analysts who disagree a little, as real ones do.

Deterministic (fixed seeds, receipt order) and fast: no machine learning here; the
suggestions, clusters and duplicates are computed later by the background tasks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.models import Group

from concerto.accounts.models import User
from concerto.contributions.models import Answer
from concerto.contributions.workflow import analysed
from concerto.core.roles import Role
from concerto.processes.models import Process
from concerto.synthesis.codebook_services import theme_create
from concerto.synthesis.coding_services import Target, coding_create
from concerto.synthesis.models import Theme
from concerto.synthesis.sample_services import sample_create, sample_finish, sample_review

DEMO_DOMAIN = "demo.concerto.test"
ANALYST_EMAIL = f"analyse@{DEMO_DOMAIN}"
# Used when the login accounts are not created (no usable password: nobody signs in).
FALLBACK_ANALYST = f"analyse-automatique@{DEMO_DOMAIN}"
SECOND_ANALYST = f"analyse-bis@{DEMO_DOMAIN}"
SEED = 2022
CODED_SHARE = 0.6  # of the published contributions
QUOTE_SHARE = 0.25  # of the excerpt codings
SAMPLE_SIZE = 12


@dataclass(frozen=True)
class ThemeData:
    name: str
    definition: str
    examples: str = ""
    generator_keys: tuple[str, ...] = ()  # themes of concerto.demo.textgen coded here
    children: tuple[ThemeData, ...] = ()


CODEBOOK: tuple[ThemeData, ...] = (
    ThemeData(
        "Accès aux droits et non-recours",
        "Les personnes qui ne demandent pas les aides auxquelles elles ont droit, et ce qui "
        "les en empêche : méconnaissance, complexité des dossiers, peur d'être jugé·e. Le "
        "non-recours est une des causes de la pauvreté.",
        "Dossiers trop compliqués, mêmes papiers fournis dix fois\nAccueil humain et "
        "diagnostic des droits en un seul rendez-vous",
        ("acces-aux-droits",),
        (
            ThemeData(
                "Démarches en ligne et fracture numérique",
                "La dématérialisation des démarches et l'accès au numérique (équipement, "
                "connexion, savoir-faire), y compris les obstacles de mobilité pour se "
                "rendre aux rendez-vous.",
                "Remplir un dossier en ligne est impossible pour beaucoup\nGarder un guichet "
                "physique",
                ("mobilite-numerique",),
            ),
        ),
    ),
    ThemeData(
        "Isolement social",
        "Les solitudes non choisies : personnes seules, perte de lien social, repli sur soi, "
        "et ce qui recrée du lien.",
        "Plus de la moitié des personnes de 75 ans et plus vivent seules",
        (),
        (
            ThemeData(
                "Isolement des seniors",
                "Les personnes âgées isolées, leurs déplacements du quotidien, les voisins et "
                "professionnels qui peuvent les repérer et les accompagner.",
                "Accompagnement pour les courses et les rendez-vous médicaux",
                ("isolement-seniors",),
            ),
            ThemeData(
                "Vivre-ensemble et entraide de proximité",
                "Le lien de voisinage, les lieux de rencontre gratuits du quartier, l'entraide "
                "entre habitant·e·s et l'isolement des parents seuls.",
                "Tiers-lieux de quartier, fête des voisins solidaire",
                ("vivre-ensemble",),
            ),
        ),
    ),
    ThemeData(
        "Précarité et reste à vivre",
        "Les difficultés financières des ménages : ce qui reste pour vivre une fois les "
        "charges payées, les basculements dans la précarité, le logement.",
        "",
        ("reste-a-vivre",),
        (
            ThemeData(
                "Logement et énergie",
                "Le coût du logement et de l'énergie, l'attente d'un logement social, le "
                "mal-logement, l'hébergement solidaire et la prévention des expulsions.",
                "Logements mal isolés, factures de chauffage",
                ("logement",),
            ),
        ),
    ),
    ThemeData(
        "Alimentation",
        "L'accès de toutes et tous à une alimentation de qualité : aide alimentaire, "
        "épiceries solidaires, produits frais et locaux, dignité des personnes aidées.",
        "Épicerie solidaire où l'on choisit ses produits",
        ("precarite-alimentaire",),
    ),
    ThemeData(
        "Santé mentale",
        "La souffrance psychique et son repérage, l'accès aux soins, le soutien aux proches "
        "aidants et aux professionnels, la dégradation depuis la crise sanitaire.",
        "Médiateurs en santé mentale dans tous les quartiers",
        ("sante-mentale",),
    ),
    ThemeData(
        "Jeunesse (18-25 ans)",
        "Les jeunes adultes qui passent entre les mailles des aides, leur isolement et leur "
        "envie de s'engager.",
        "Ouvrir les aides du CCAS aux 18–25 ans",
        ("jeunes",),
    ),
    ThemeData(
        "Aller-vers",
        "Aller à la rencontre des personnes là où elles vivent (marchés, pied des immeubles, "
        "espace public) plutôt que d'attendre qu'elles viennent aux guichets.",
        "Professionnels à la rencontre des habitant·e·s sur les marchés",
        (),
    ),
    ThemeData(
        "Engagement et coopération",
        "Qui peut agir pour les solidarités et comment : bénévolat, collectifs, "
        "entreprises, associations, institutions, et leur coopération.",
        "",
        (),
        (
            ThemeData(
                "Engagement bénévole",
                "L'envie de s'engager, les freins et les leviers du bénévolat, l'épuisement "
                "des bénévoles, la reconnaissance de l'engagement.",
                "Plateforme qui recense les besoins des associations près de chez soi",
                ("engagement-benevole",),
            ),
            ThemeData(
                "Coopération entre acteurs",
                "Le décloisonnement entre associations, entreprises, bailleurs et "
                "institutions ; les projets portés ensemble ; le rôle d'assemblier de la "
                "Ville.",
                "Appels à coopérations, coopérative des nouvelles solidarités",
                ("cooperation",),
            ),
        ),
    ),
    ThemeData(
        "Transition écologique et inégalités",
        "Les inégalités sociales face au changement climatique et à la transition : "
        "logements mal isolés, alimentation durable accessible, économie sociale et "
        "solidaire.",
        "",
        ("transition-ecologique",),
    ),
)

# Sentences that are about going towards people, whatever their theme.
ALLER_VERS = ("aller vers", "à la rencontre", "au pied des immeubles", "pas attendre qu'ils")
# Plausible confusions of a second analyst (the theme she chose instead, or as well).
CONFUSIONS = {
    "Isolement des seniors": "Vivre-ensemble et entraide de proximité",
    "Vivre-ensemble et entraide de proximité": "Isolement social",
    "Précarité et reste à vivre": "Logement et énergie",
    "Logement et énergie": "Transition écologique et inégalités",
    "Accès aux droits et non-recours": "Aller-vers",
    "Engagement bénévole": "Coopération entre acteurs",
    "Alimentation": "Précarité et reste à vivre",
}


def _analyst(email: str, name: str, *, create: bool) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        if not create:
            return _analyst(FALLBACK_ANALYST, "Analyse automatique (démo)", create=True)
        user = User(email=email, display_name=name)
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.ANALYST.value)[0])
    return User.objects.get(pk=user.pk)  # fresh: no cached roles


def _create_codebook(process: Process, actor: User) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}

    def add(data: ThemeData, parent: Theme | None) -> None:
        themes[data.name] = theme_create(
            process=process,
            name=data.name,
            definition=data.definition,
            examples=data.examples,
            parent=parent,
            actor=actor,
            note="Grille de la démonstration",
        )
        for child in data.children:
            add(child, themes[data.name])

    for data in CODEBOOK:
        add(data, None)
    return themes


def _sentences(themes: dict[str, Theme]) -> list[tuple[str, Theme]]:
    """Every sentence the text generator may write, with the theme it is coded with."""
    from concerto.demo.nantes import NEIGHBOURHOODS
    from concerto.demo.textgen import THEMES

    by_key: dict[str, Theme] = {}

    def walk(data: ThemeData) -> None:
        for key in data.generator_keys:
            by_key[key] = themes[data.name]
        for child in data.children:
            walk(child)

    for data in CODEBOOK:
        walk(data)
    found: dict[str, Theme] = {}
    for generated in THEMES:
        for bank in (generated.situation, generated.actors, generated.ideas):
            for template in bank:
                for place in NEIGHBOURHOODS:
                    found[template.format(where=place.where)] = by_key[generated.key]
    # Longest first: a sentence is never coded through a shorter one it contains.
    return sorted(found.items(), key=lambda pair: -len(pair[0]))


def _matches(text: str, sentences: list[tuple[str, Theme]]) -> list[tuple[int, int, Theme]]:
    result: list[tuple[int, int, Theme]] = []
    for sentence, item in sentences:
        start = text.find(sentence)
        if start >= 0 and not any(s <= start < e for s, e, _t in result):
            result.append((start, start + len(sentence), item))
    return sorted(result, key=lambda m: m[0])


def _themes_of(text: str, sentences: list[tuple[str, Theme]], aller_vers: Theme) -> list[Theme]:
    found = [item for _s, _e, item in _matches(text, sentences)]
    if any(marker in text.lower() for marker in ALLER_VERS):
        found.append(aller_vers)
    return list(dict.fromkeys(found))


def load_demo(
    *,
    process: Process,
    now: dt.datetime,
    coded_share: float = CODED_SHARE,
    double_coding: bool = True,
) -> None:
    """Create the demo codebook and codings for the demo ``process``: ``coded_share`` of
    its analysed contributions coded, then (``double_coding``) a double-coded sample."""
    rng = random.Random(f"concerto-demo-synthesis-{SEED}")
    analyst = _analyst(ANALYST_EMAIL, "Analyse (démo)", create=False)
    themes = _create_codebook(process, analyst)
    sentences = _sentences(themes)
    aller_vers = themes["Aller-vers"]
    answers = list(
        Answer.objects.filter(analysed("contribution__"), contribution__process=process)
        .select_related("contribution")
        .order_by("contribution__receipt_number", "question__number")
    )
    contributions = sorted({a.contribution_id for a in answers})
    coded = {pk for pk in contributions if rng.random() < coded_share}
    for answer in answers:
        if answer.contribution_id not in coded:
            continue
        text = answer.shown_text
        for start, end, item in _matches(text, sentences):
            coding_create(
                answer=answer,
                themes=[item],
                target=Target(start=start, end=end),
                is_quote=rng.random() < QUOTE_SHARE,
                actor=analyst,
            )
        lowered = text.lower()
        if any(marker in lowered for marker in ALLER_VERS):
            coding_create(answer=answer, themes=[aller_vers], actor=analyst)
    if double_coding:
        _double_coding(process, themes, sentences, analyst, rng, answers)


def _double_coding(
    process: Process,
    themes: dict[str, Theme],
    sentences: list[tuple[str, Theme]],
    first: User,
    rng: random.Random,
    answers: list[Answer],
) -> None:
    published = {a.contribution_id for a in answers}
    if len(published) < 2:
        return
    second = _analyst(SECOND_ANALYST, "Analyse bis (démo)", create=True)
    sample = sample_create(
        process=process,
        size=min(SAMPLE_SIZE, len(published)),
        seed=SEED,
        coder_a=first,
        coder_b=second,
        actor=first,
    )
    drawn = set(sample.items.values_list("contribution_id", flat=True))
    for answer in answers:
        if answer.contribution_id not in drawn:
            continue
        chosen = _themes_of(answer.shown_text, sentences, themes["Aller-vers"])
        sample_review(sample=sample, answer=answer, themes=chosen, actor=first)
        other = [t for t in chosen if rng.random() > 0.15]  # sometimes one is missed
        for item in chosen:
            if item.name in CONFUSIONS and rng.random() < 0.3:
                other.append(themes[CONFUSIONS[item.name]])
        sample_review(sample=sample, answer=answer, themes=list(dict.fromkeys(other)), actor=second)
    sample_finish(sample=sample, actor=first)
    sample_finish(sample=sample, actor=second)

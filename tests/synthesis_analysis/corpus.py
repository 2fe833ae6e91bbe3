"""Tiny invented French corpora: three themes that anyone can tell apart."""

from __future__ import annotations

THEMES: dict[str, tuple[str, list[str]]] = {
    "mobilite": (
        "Mobilité : vélo, pistes cyclables, bus, tramway, transports en commun.",
        [
            "Il faut plus de pistes cyclables sécurisées pour aller au travail à vélo.",
            "Les bus devraient passer plus souvent le soir dans le quartier.",
            "Créer un parking à vélos couvert près de la gare du tramway.",
            "Le tramway est toujours bondé, il faut ajouter des rames aux heures de pointe.",
            "Une ligne de bus directe entre le quartier nord et l'hôpital serait utile.",
            "Les pistes cyclables s'arrêtent brusquement, les cyclistes roulent avec les voitures.",
            "Rendre les transports en commun gratuits pour les jeunes et les retraités.",
            "Des arceaux pour attacher les vélos devant chaque école et chaque commerce.",
        ],
    ),
    "education": (
        "Éducation : écoles, enfants, enseignants, cantine, périscolaire.",
        [
            "Les classes de l'école primaire sont surchargées, il faut plus d'enseignants.",
            "La cantine scolaire devrait proposer des repas bio aux enfants.",
            "Ouvrir l'accueil périscolaire plus tôt le matin pour les parents qui travaillent.",
            "Rénover les écoles maternelles, les enfants ont froid en hiver dans les classes.",
            "Des ateliers de soutien scolaire gratuits pour les élèves du collège.",
            "Former les enseignants à l'accueil des enfants en situation de handicap.",
            "Une bibliothèque dans chaque école pour donner aux enfants le goût de lire.",
            "Les devoirs faits à l'école avec des animateurs, pour aider les familles.",
        ],
    ),
    "dechets": (
        "Déchets : tri, recyclage, compost, poubelles, propreté.",
        [
            "Installer des composteurs collectifs au pied des immeubles pour les déchets verts.",
            "Le tri des déchets est compliqué, il faut des poubelles de recyclage claires.",
            "Ramasser les encombrants plus souvent, les trottoirs débordent de déchets.",
            "Une déchetterie ouverte le dimanche pour déposer les objets à recycler.",
            "Des poubelles de tri dans les parcs pour recycler les bouteilles et les canettes.",
            "Distribuer des bacs à compost aux habitants pour réduire les ordures ménagères.",
            "Sanctionner les dépôts sauvages de déchets dans les rues du quartier.",
            "Organiser des journées de ramassage des déchets avec les écoles et les habitants.",
        ],
    ),
}


def corpus() -> tuple[list[str], list[str]]:
    """All texts and their theme key, theme after theme."""
    texts, labels = [], []
    for key, (_definition, items) in THEMES.items():
        texts.extend(items)
        labels.extend([key] * len(items))
    return texts, labels


def definitions() -> dict[str, str]:
    return {key: definition for key, (definition, _items) in THEMES.items()}

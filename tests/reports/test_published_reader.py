"""The one reader of a published version's frozen content (``reports.published``)."""

from __future__ import annotations

import pytest

from concerto.reports.published import PublishedTheme, parse, published_reports
from tests.followup import factories as f

CONTENT = {
    "stakes": [
        {
            "number": 1,
            "title": "Vivre dignement",
            "themes": ["Précarité"],
            "findings": [{"themes": ["Logement"], "quotes": []}],
            "proposals": [
                {
                    "number": 6,
                    "code": "P6",
                    "title": "Lutter contre l'isolement social",
                    "themes": ["Isolement social"],
                    "theme_ids": [41],
                    "quotes": [{"coding": 7, "receipt": "ASN-2022-000001", "excerpt": "seule"}],
                    "withdrawn": False,
                },
                # A version frozen before theme ids were: matched by name.
                {"number": 3, "title": "Aides aux 18-25 ans", "themes": ["Jeunesse"]},
                {"number": 9, "title": "Retirée", "themes": ["Santé"], "withdrawn": True},
                {"title": "Sans numéro"},
            ],
        }
    ]
}


def test_parse_types_the_frozen_proposals():
    frozen = parse(CONTENT)
    six, three, nine = frozen.proposals
    assert six.themes == (PublishedTheme("Isolement social", 41),)
    assert six.stake == "Vivre dignement" and six.stake_number == 1
    assert six.quoted_codings == frozenset({7})
    assert six.cites_theme(41, "Autre nom depuis") is not None  # renamed since: same id
    assert six.cites_theme(42, "Isolement social") is None  # same name, another theme
    assert three.code == "P3" and three.cites_theme(5, "Jeunesse") is not None
    assert nine.withdrawn and nine.quotes == ()
    # Withdrawn proposals' themes are not cited; stakes' and findings' are.
    assert frozen.themes == {"Précarité", "Logement", "Isolement social", "Jeunesse"}
    assert parse(None).proposals == ()


@pytest.mark.django_db
def test_the_latest_version_wins_and_first_publication_dates_are_kept(process):
    rep = f.report(process)
    p1 = f.proposal(rep, 1)
    first = f.publish_report(rep, f.aware(2023, 1, 10))
    f.proposal(rep, 2)
    p1.title = "Titre modifié"
    p1.save()
    second = f.publish_report(rep, f.aware(2023, 6, 1))
    report = published_reports(process_ids=[process.pk])[rep.pk]
    assert report.version_id == second.pk
    assert report.numbers == [1, 2]
    assert report.proposal(1).title == "Titre modifié"
    assert report.first_shown == {1: first.published_at, 2: second.published_at}

"""The demo's data module: texts at the real dates, urns in known quartiers."""

from __future__ import annotations

import datetime as dt

from concerto.demo import nantes


def test_the_calendar_of_the_seeds_and_its_weekdays():
    assert dt.date(2022, 1, 26) == nantes.CONTRIBUTIONS_START
    assert dt.date(2022, 5, 29) == nantes.COLLECTIVE_END
    assert dt.date(2022, 6, 20) == nantes.INDIVIDUAL_END
    assert (
        dt.date(2022, 6, 10),
        dt.date(2022, 6, 11),
    ) == (nantes.FESTIVAL_DAY_1, nantes.FESTIVAL_DAY_2)
    assert dt.date(2023, 6, 30) == nantes.ADOPTED
    # The weekdays the texts name: « ce vendredi » (000), « jeudi 4 décembre » (002).
    assert nantes.CONTRIBUTIONS_START.weekday() == 2  # mercredi 26 janvier 2022
    assert nantes.INDIVIDUAL_END.weekday() == 0  # lundi 20 juin 2022
    assert (nantes.FESTIVAL_DAY_1.weekday(), nantes.FESTIVAL_DAY_2.weekday()) == (4, 5)
    assert nantes.ADOPTED.weekday() == 4
    assert nantes.ANNUAL_MEETING_2025.weekday() == 3
    phases = {p.kind: p for p in nantes.PHASES}
    assert "mercredi 26 janvier au lundi 20 juin 2022" in phases["contributions"].description
    assert phases["event"].description.startswith("Les vendredi 10 et samedi 11 juin 2022")
    assert "vendredi 30 juin 2023" in phases["answer"].description
    assert "jeudi 4 décembre 2025" in phases["implementation"].description


def test_texts_have_no_placeholder_left():
    texts = [
        nantes.SUMMARY,
        nantes.WHO_MAY_TAKE_PART,
        nantes.OBJECTIVES,
        nantes.POLICY_IMPACTS,
        nantes.COMMITMENT,
    ]
    texts += [p.title + p.description for p in nantes.PHASES]
    texts += [n.title + n.summary + n.body for n in nantes.NEWS]
    texts += [c.instructions for c in nantes.CHANNELS]
    for text in texts:
        assert "{" not in text and "}" not in text


def test_urns_point_to_known_quartiers():
    slugs = {n.slug for n in nantes.NEIGHBOURHOODS}
    assert all(u.neighbourhood in slugs for u in nantes.URNS)
    assert len({u.code for u in nantes.URNS}) == len(nantes.URNS)

"""The demo's data module: dates quoted in texts follow the calendar."""

from __future__ import annotations

import datetime as dt

from concerto.demo import nantes


def test_date_words_read_as_the_seeds_without_shift():
    words = nantes.date_words()
    assert words["debut"] == "26 janvier"
    assert words["fin"] == "20 juin"
    assert words["fin_collectif"] == "29 mai"
    assert words["mi_fin"] == "mi-juin 2022"
    assert words["temps_fort"] == "10 et 11 juin 2022"
    assert words["rapport"] == "décembre 2022"
    assert words["reponse"] == "30 juin 2023"
    assert words["strategie"] == "2023–2026"


def test_date_words_follow_a_shift_across_months():
    words = nantes.date_words(dt.timedelta(days=20))
    assert words["debut"] == "15 février"
    assert words["temps_fort"] == "30 juin et 1er juillet 2022"
    assert words["fin"] == "10 juillet"


def test_every_text_template_is_complete():
    words = nantes.date_words()
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
        rendered = text.format(**words)
        assert "{" not in rendered
        assert "}" not in rendered


def test_urns_point_to_known_quartiers():
    slugs = {n.slug for n in nantes.NEIGHBOURHOODS}
    assert all(u.neighbourhood in slugs for u in nantes.URNS)
    assert len({u.code for u in nantes.URNS}) == len(nantes.URNS)

from __future__ import annotations

from concerto.synthesis.analysis import lemmatise
from concerto.synthesis.analysis.text import normalise


def test_lemmatise_gives_lower_case_lemmas_without_stop_words_punctuation_or_numbers():
    [lemmas] = lemmatise(["Les Enfants mangeaient 3 pommes dans les écoles, en 2024 !"])
    assert "enfant" in lemmas
    assert "manger" in lemmas
    assert "pomme" in lemmas
    assert "école" in lemmas
    for absent in ("les", "dans", "en", "3", "2024", ",", "!"):
        assert absent not in lemmas
    assert all(lemma == lemma.lower() for lemma in lemmas)


def test_lemmatise_keeps_order_and_count_and_drops_the_il_faut_of_proposals():
    result = lemmatise(["Il faut des pistes cyclables.", "", "   ", "Des vélos !"])
    assert len(result) == 4
    assert result[0] == ["piste", "cyclable"]
    assert result[1] == [] and result[2] == []
    assert result[3] == ["vélo"]
    assert lemmatise([]) == []


def test_normalise_ignores_case_accents_punctuation_and_spacing():
    assert normalise("  Été : PLUS de vélos !!  ") == "ete plus de velos"
    assert normalise("Été, plus de vélos.") == normalise("ete plus   de velos")
    assert normalise("?!") == ""

"""The cue word files: loaded once, each family documented, no word listed twice."""

from __future__ import annotations

import yaml

from articles.nlp import cues, roles, vocab
from articles.nlp.normalize import normalize

SPEC_TOPICS = {
    "hostages",
    "prisoners",
    "ceasefire",
    "humanitarian_aid",
    "withdrawal",
    "nuclear",
    "sanctions",
    "un_resolution",
    "governance",
    "security_arrangements",
    "reconstruction",
    "safe_passage",
    "trade",
    "normalization",
    "territory",
}


def test_every_family_says_what_it_is_for():
    for family in vocab.families():
        assert len(vocab.about(family)) > 20, family
        assert vocab.ordered(family), family


def test_no_word_twice_in_one_family():
    with vocab.CUES_PATH.open(encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    for family, spec in raw.items():
        words = spec.get("terms") or [w for ws in (spec.get("weights") or {}).values() for w in ws]
        folded = [" ".join(normalize(str(w)).split()) for w in words]
        assert len(folded) == len(set(folded)), (family, [w for w in folded if folded.count(w) > 1])


def test_mediation_families_are_disjoint():
    seen: dict[str, str] = {}
    for family in cues.MEDIATION_FAMILIES:
        for word in vocab.ordered(family):
            assert word not in seen, (word, family, seen.get(word))
            seen[word] = family


def test_every_family_the_code_reads_is_in_the_file():
    named = {f for fams in cues.CATEGORIES.values() for f in fams} | set(cues.MEDIATION_FAMILIES)
    named |= {"negotiation", "talk_nouns", "deal", "delegation", "proposal", "decide_verbs"}
    assert named <= set(vocab.families())


def test_words_are_normalised_once():
    assert "وساطه" in vocab.terms("mediation_nouns_either")
    assert "وساطة" not in vocab.terms("mediation_nouns_either")
    assert vocab.weights("negotiation")["مفاوضات"] == 3.0


def test_loaded_once():
    assert vocab.topics() is vocab.topics()
    assert vocab.terms("envoy") is vocab.terms("envoy")


def test_topic_ids_are_the_contracts_and_defined_once():
    assert set(vocab.topic_ids()) == SPEC_TOPICS
    assert len(vocab.topic_ids()) == len(SPEC_TOPICS)
    for topic in vocab.topics():
        assert topic.name_ar and topic.name_en
        assert set(topic.terms) <= set(vocab.TOPIC_TIERS.values())


def test_context_names_load():
    names = vocab.context_names()
    assert names.contextual["p5plus1"][0] == "IRN"
    assert "world powers" in names.contextual["p5plus1"][1]
    assert names.ambiguous["عمان"] == ("OMN", "JOR")


def test_role_frames_read_their_words_from_the_file():
    assert "تستضيف" in roles._MED_VERB
    assert "brokered" in roles._MED_PASSIVE
    assert roles._DECIDE_RE.search("ورفضت حماس المقترح")


def test_fingerprint_is_stable():
    assert vocab.fingerprint() == vocab.fingerprint()
    assert len(vocab.fingerprint()) == 10

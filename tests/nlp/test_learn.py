"""The learned components' plumbing: features, model files, loading. Not their scores."""

from __future__ import annotations

import json
import math

import pytest

from articles.nlp.learn import bloc_sides, evaluate, features, registry
from articles.nlp.learn.linear import LinearModel, fit, fit_tuned
from articles.nlp.lexicon import Lexicon
from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput

TEXT = (
    "أعلنت قطر أن وساطتها بين إسرائيل وحركة حماس أسفرت عن اتفاق لتمديد الهدنة يومين. "
    "وقال مسؤول إن المفاوضات في الدوحة تناولت الإفراج عن الرهائن مقابل أسرى فلسطينيين. "
    "ورحبت الولايات المتحدة بالاتفاق."
)


def _analysis(tagger: Tagger, text: str = TEXT, title: str = ""):
    return tagger.read_roles_and_topics(tagger.analyse(ArticleInput("t", title, text)))


def _finite(table: dict[str, float]) -> bool:
    return all(isinstance(v, float) and math.isfinite(v) and v != 0.0 for v in table.values())


def test_negotiation_features_are_named_finite_and_stable(tagger: Tagger):
    f = features.negotiation(_analysis(tagger))
    assert f and _finite(f)
    assert {"raw", "rule_yes", "actors", "topic_core"} <= set(f)
    assert f == features.negotiation(_analysis(tagger))


def test_role_features_per_candidate_name_no_actor(tagger: Tagger):
    table = features.roles(_analysis(tagger))
    assert {"QAT", "ISR", "hamas", "USA"} <= set(table)
    ids = {a.id.lower() for a in tagger.lexicon.actors}
    for actor, f in table.items():
        assert _finite(f), actor
        # Features say what kind of evidence, never which actor.
        assert not any(part.lower() in ids for name in f for part in name.split(":")[1:])
    assert table["QAT"]["frame:mediation_pronoun"] > 0
    assert table["ISR"]["frame:between"] > 0
    assert table["QAT"]["state"] == 1.0 and "movement" in table["hamas"]


def test_thread_prior_is_a_feature_not_a_decision(tagger: Tagger):
    table = features.roles(_analysis(tagger))
    assert table["QAT"].get("thread_mediator") == 1.0
    assert table["hamas"].get("thread_party") == 1.0


def test_named_beside_a_side_is_read_by_the_side_model_only(tagger: Tagger):
    table = features.roles(_analysis(tagger))
    # Qatar and Israel share a sentence with a side the frames bound; the
    # US, which only welcomes the deal in a sentence of its own, does not.
    assert table["QAT"]["with_sides"] == 1.0
    assert table["ISR"]["with_sides"] == 1.0
    assert "with_sides" not in table["USA"]
    roles = registry.load_models()["roles"]
    assert set(features.SIDE_ONLY) <= set(roles["party"]["weights"])
    assert not set(features.SIDE_ONLY) & set(roles["mediator"]["weights"])


def test_the_side_model_reads_a_bloc_apart_from_an_international_body(tagger: Tagger):
    text = (
        "وبحث وزراء مجلس التعاون الخليجي مع نظرائهم في الاتحاد الأوروبي الاتفاق التجاري "
        "بحضور المبعوث الأممي."
    )
    table = features.roles(_analysis(tagger, text))
    assert table["un"].get("international_body") == 1.0
    for bloc in ("gcc", "eu"):
        assert table[bloc].get("international") == 1.0, bloc
        assert "international_body" not in table[bloc], bloc
    roles = registry.load_models()["roles"]
    assert not set(features.MEDIATOR_ONLY) & set(roles["party"]["weights"])
    assert set(features.MEDIATOR_ONLY) <= set(roles["mediator"]["weights"])


def test_sides_by_the_text_alone_when_no_thread_lists_them(tagger: Tagger):
    text = (
        "انطلقت في مسقط جولة جديدة من المحادثات بين كينيا وتنزانيا حول الحدود البحرية "
        "بوساطة سلطنة عمان."
    )
    a = tagger.read_roles_and_topics(tagger.analyse(ArticleInput("t", "", text)))
    table = features.roles(a)
    assert table["KEN"].get("text_side") == 1.0 and table["TZA"].get("text_side") == 1.0
    # The go-between is bound by a mediation frame, not a side frame.
    assert "text_side" not in table["OMN"]
    # A side the thread lists already has the thread's word for it.
    assert not any("thread_party" in f and "text_side" in f for f in table.values())


def test_topic_features_for_named_topics_only(tagger: Tagger):
    table = features.topics(_analysis(tagger))
    assert {"hostages", "prisoners", "ceasefire"} <= set(table)
    assert "nuclear" not in table
    assert table["hostages"]["topic:hostages"] == 1.0 and _finite(table["hostages"])
    # Each topic's talk-near evidence against the article's strongest topic's.
    shares = [f.get("share", 0.0) for f in table.values()]
    assert max(shares) == 1.0 and all(0.0 <= s <= 1.0 for s in shares)


def test_topic_share_of_a_passing_subject_is_small(tagger: Tagger):
    text = (
        "اتفقت الحكومة اليمنية والحوثيون في المحادثات برعاية أممية على وقف إطلاق النار "
        "وتمديد الهدنة. وكانت إيران قد وقعت العام الماضي الاتفاق النووي."
    )
    a = tagger.read_roles_and_topics(tagger.analyse(ArticleInput(id="t", title="", text=text)))
    table = features.topics(a)
    assert table["ceasefire"]["share"] == 1.0
    # «وقف إطلاق النار» and «الهدنة» are core terms in a talks sentence.
    assert table["ceasefire"]["strong"] > 0
    assert "strong" not in table["nuclear"]
    assert table["nuclear"].get("share", 0.0) < 0.5


def test_linear_model_round_trip_and_probability():
    spec = fit(
        [{"a": 1.0}, {"a": 1.0, "b": 1.0}, {"b": 1.0}, {}] * 5,
        [True, True, False, False] * 5,
    )
    model = LinearModel(json.loads(json.dumps(spec)))
    assert model.probability({"a": 1.0}) > 0.5 > model.probability({"b": 1.0})
    assert model.decide({"unknown": 9.0})[0] == (model.probability({}) >= model.threshold)
    assert 0.0 <= model.probability({"a": 1e9}) <= 1.0


def test_training_is_deterministic():
    rows = [{"x": float(i % 3), "y": float(i % 2)} for i in range(40)]
    labels = [i % 3 == 2 or i % 5 == 0 for i in range(40)]
    groups = [f"g{i % 7}" for i in range(40)]
    one = registry.dump(fit_tuned(rows, labels, groups))
    two = registry.dump(fit_tuned(rows, labels, groups))
    assert one == two
    assert json.loads(one)["threshold"] in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def test_one_class_gives_a_constant_model():
    model = LinearModel(fit([{"a": 1.0}, {}], [False, False]))
    assert model.probability({"a": 1.0}) < 0.01


def test_committed_models_load_for_every_component():
    models = registry.load_models()
    names = {c.name for c in registry.components()}
    assert names == {"negotiation", "roles", "topics"} <= set(models)
    for name in names:
        assert models[name]["component"] == name
        assert len(models[name]["data_sha256"]) == 64
    assert set(models["roles"]) >= {"party", "mediator", "bloc_member_min"}
    assert models["roles"]["bloc_member_min"] in bloc_sides.CUTOFFS


def test_the_negotiation_model_decides_at_the_bar_set_for_unseen_news():
    from articles.nlp.learn import components

    model = registry.load_models()["negotiation"]["model"]
    assert model["threshold"] == components.NEGOTIATION_BAR < 0.5
    assert model["c"] == components.NEGOTIATION_PENALTY
    assert LinearModel(model).decide({})[0] is False  # no evidence, no negotiation


def test_missing_model_directory_means_rules(tmp_path):
    assert registry.load_models(tmp_path / "none") == {}


def test_shipped_tagger_uses_its_models(tagger: Tagger, learned: Tagger):
    assert tagger.models == {} and set(learned.models) >= {"negotiation", "roles", "topics"}
    assert tagger.version != learned.version
    result = learned.tag(ArticleInput("t", "", TEXT))
    spec = result.to_spec()
    assert set(spec["parties"]) | set(spec["mediators"]) <= set(spec["actors"])
    assert 0.0 <= result.negotiation_score <= 1.0


def test_default_tagger_loads_the_committed_models(lexicon: Lexicon):
    assert set(Tagger(lexicon, threads=[]).models) == set(registry.load_models())


@pytest.mark.parametrize("component", ["negotiation", "roles", "topics"])
def test_model_files_are_in_their_committed_form(component: str):
    path = registry.MODELS_DIR / f"{component}.json"
    text = path.read_text(encoding="utf-8")
    assert registry.dump(json.loads(text)) == text


def test_a_blocs_members_beside_it_need_their_own_strong_evidence():
    sides = {"gcc": 0.6, "QAT": 0.65, "SAU": 0.95, "IRN": 0.9, "USA": 0.5}
    kept = bloc_sides.drop_weak_members(sides, 0.8)
    # Qatar is a GCC member under the bar; Saudi Arabia clears it; Iran and
    # the US belong to no bloc that is a side here.
    assert set(kept) == {"gcc", "SAU", "IRN", "USA"}
    assert bloc_sides.drop_weak_members(sides, 0.0) == sides
    # Without the bloc among the sides its members stand on their own.
    assert bloc_sides.drop_weak_members({"QAT": 0.5, "IRN": 0.9}, 0.9) == {"QAT": 0.5, "IRN": 0.9}


def test_a_member_a_firm_side_frame_binds_keeps_its_seat_beside_its_bloc():
    sides = {"gcc": 0.6, "QAT": 0.65, "SAU": 0.45, "IRN": 0.9}
    # «بين السعودية وإيران»: Saudi Arabia negotiates in its own right, Qatar
    # is only named around the bloc.
    kept = bloc_sides.drop_weak_members(sides, 0.8, own={"SAU"})
    assert set(kept) == {"gcc", "SAU", "IRN"}
    # The training score decides the same way: the firm text side counts.
    article = ({"gcc": 0.6, "SAU": 0.45, "IRN": 0.9}, frozenset({"gcc", "SAU", "IRN"}), 0)
    assert bloc_sides.side_f1([(*article, frozenset(), frozenset({"SAU"}))], 0.4, 0.8) == 1.0
    assert bloc_sides.side_f1([(*article, frozenset(), frozenset())], 0.4, 0.8) < 1.0


def _members_bar(articles, threshold: float) -> float:
    """The members' bar chosen at one threshold, with the other bars off."""
    return bloc_sides.choose_threshold_and_bars(articles, (threshold,), (0.0,), (0.0,))[1]


def test_the_members_bar_is_chosen_by_side_f1_and_off_on_a_tie():
    # (actor -> inner out-of-fold probability, gold sides, gold sides never a candidate)
    member_not_a_side = ({"gcc": 0.9, "USA": 0.9, "QAT": 0.65}, frozenset({"gcc", "USA"}), 0)
    assert _members_bar([member_not_a_side], 0.5) > 0.65
    member_a_side = ({"eu": 0.9, "GRC": 0.95}, frozenset({"eu", "GRC"}), 0)
    assert _members_bar([member_a_side], 0.5) == 0.0


def test_threshold_and_bar_are_chosen_together_off_a_cliff():
    # (actor -> inner out-of-fold probability, gold sides, gold sides never a candidate)
    articles = [
        ({"IRN": 0.9, "USA": 0.9}, frozenset({"IRN", "USA"}), 0),
        ({"SDN": 0.9, "rsf": 0.65, "EGY": 0.55}, frozenset({"SDN", "rsf"}), 0),
        ({"ISR": 0.9, "hamas": 0.65, "QAT": 0.55}, frozenset({"ISR", "hamas"}), 1),
        ({"ARM": 0.9, "AZE": 0.65}, frozenset({"ARM", "AZE"}), 0),
        ({"gcc": 0.9, "GBR": 0.9, "OMN": 0.8}, frozenset({"gcc", "GBR"}), 0),
    ]
    thresholds = (0.3, 0.4, 0.5, 0.6, 0.7)
    # 0.6 alone scores best (both go-betweens out, every side kept), but
    # 0.7 loses three sides: the choice stays one step inside, at 0.5.
    best_alone = max(thresholds, key=lambda t: bloc_sides.side_f1(articles, t, 0.9))
    assert best_alone == 0.6
    threshold, cutoff, _, _ = bloc_sides.choose_threshold_and_bars(
        articles, thresholds, (0.0,), (0.0,)
    )
    assert threshold == 0.5
    # Oman, a GCC member beside the bloc, is kept only above the bar.
    assert cutoff == 0.9


def test_the_tagger_applies_the_members_bar_of_its_model(learned: Tagger):
    models = {k: dict(v) for k, v in learned.models.items()}
    assert learned._bloc_member_min == models["roles"]["bloc_member_min"]
    models["roles"]["bloc_member_min"] = 0.0
    off = learned.with_models(models)
    assert off._bloc_member_min == 0.0 and off.version != learned.version


def test_an_outsider_is_a_stranger_to_the_thread_on_the_weak_frame_alone():
    assert features.outsider({"thread_stranger": 1.0, "frame:weak": 0.7, "mentions": 1.1})
    assert features.outsider({"thread_stranger": 1.0})
    # «مع X» after a talk noun and «الطرفان» bind by position alone.
    assert features.outsider({"thread_stranger": 1.0, "frame:weak": 0.7, "frame:with": 0.7})
    assert features.outsider({"thread_stranger": 1.0, "frame:pair": 0.7})
    # Any other frame binds it; an actor the thread lists is no stranger.
    assert not features.outsider({"thread_stranger": 1.0, "frame:with": 0.7, "frame:agree": 1})
    assert not features.outsider({"thread_stranger": 1.0, "frame:counterpart": 0.7})
    assert not features.outsider({"thread_party": 1.0, "frame:weak": 0.7})
    assert not features.outsider({"frame:weak": 0.7})


def test_the_outsiders_bar_is_chosen_on_top_of_the_threshold_and_off_on_a_tie():
    # (actor -> probability, gold sides, gold sides never a candidate, outsiders)
    articles = [
        ({"IRN": 0.9, "USA": 0.9, "QAT": 0.65}, frozenset({"IRN", "USA"}), 0, frozenset({"QAT"})),
        (
            {"ISR": 0.9, "hamas": 0.8, "TUR": 0.55},
            frozenset({"ISR", "hamas"}),
            0,
            frozenset({"TUR"}),
        ),
        ({"SDN": 0.9, "rsf": 0.45}, frozenset({"SDN", "rsf"}), 0, frozenset()),
    ]
    # No threshold takes both outsiders away and keeps the weak true side.
    threshold, cutoff, bar, text_bar = bloc_sides.choose_threshold_and_bars(
        articles, (0.3, 0.4, 0.5)
    )
    assert (threshold, cutoff, text_bar) == (0.3, 0.0, 0.0)
    # 0.7, 0.8 and 0.9 all take both outsiders away: the middle of the plateau.
    assert bar == 0.8
    assert bloc_sides.side_f1(articles, 0.3, 0.0, bar) == 1.0
    # An outsider that is a side keeps the rule off.
    sided = [({"IRN": 0.9, "ITA": 0.65}, frozenset({"IRN", "ITA"}), 0, frozenset({"ITA"}))]
    assert bloc_sides.choose_threshold_and_bars(sided, (0.4, 0.5, 0.6))[2] == 0.0


def test_a_firm_text_side_is_bound_by_more_than_its_position():
    assert features.firm_text_side({"text_side": 1.0, "frame:between": 0.7})
    assert features.firm_text_side({"text_side": 1.0, "frame:with": 0.7, "frame:stance": 0.7})
    # «مع X» after a talk noun or «الطرفان» alone: the partner by position.
    assert not features.firm_text_side({"text_side": 1.0, "frame:with": 0.7})
    assert not features.firm_text_side({"text_side": 1.0, "frame:pair": 0.5, "frame:weak": 0.2})
    assert not features.firm_text_side({"frame:between": 0.7, "thread_party": 1.0})


def test_text_sides_are_sides_down_to_their_own_bar():
    # (actor -> probability, gold sides, never a candidate, outsiders, text sides)
    articles = [
        (
            {"IRN": 0.9, "USA": 0.9, "FRA": 0.2},
            frozenset({"IRN", "USA", "FRA"}),
            0,
            frozenset(),
            frozenset({"FRA"}),
        ),
        (
            {"SDN": 0.9, "rsf": 0.8, "EGY": 0.35},
            frozenset({"SDN", "rsf"}),
            0,
            frozenset(),
            frozenset(),
        ),
    ]
    threshold, _, _, text_bar = bloc_sides.choose_threshold_and_bars(articles, (0.3, 0.4, 0.5))
    assert threshold >= 0.4 and 0.0 < text_bar <= 0.2
    assert bloc_sides.side_f1(articles, threshold, 0.0, 0.0, text_bar) == 1.0
    assert bloc_sides.is_side(0.2, 0.4, False, 0.0, True, 0.2)
    assert not bloc_sides.is_side(0.2, 0.4, False, 0.0, True, 0.0)
    assert not bloc_sides.is_side(0.2, 0.4, False, 0.0, False, 0.2)
    assert not bloc_sides.is_side(0.6, 0.4, True, 0.7, False, 0.0)


def test_the_tagger_applies_the_outsiders_bar_of_its_model(learned: Tagger):
    models = {k: dict(v) for k, v in learned.models.items()}
    assert learned._outsider_min == models["roles"]["outsider_min"]
    models["roles"]["outsider_min"] = 0.0
    off = learned.with_models(models)
    assert off._outsider_min == 0.0 and off.version != learned.version
    assert learned._text_side_min == models["roles"]["text_side_min"]


def test_the_set_is_scored_by_language_and_span_of_years():
    rows = [
        {"id": "a", "lang": "ar", "published_at": "2015-07-21"},
        {"id": "b", "lang": "ar", "published_at": "2023-01-02"},
        {"id": "c", "lang": "ar", "published_at": "2025-10-01"},
        {"id": "d", "lang": "en", "published_at": "2024-05-05"},
        {"id": "e", "lang": "ar", "published_at": None},
    ]
    parts = evaluate.parts_of(rows)
    # 2023, 2024 and 2025 make one span; 2015 stands alone.
    assert parts == {
        "a": "ar 2015",
        "b": "ar 2023–2025",
        "c": "ar 2023–2025",
        "d": "en 2023–2025",
        "e": "ar undated",
    }


def test_a_threads_mediator_the_text_never_ties_to_the_talks_is_no_mediator(learned: Tagger):
    text = (
        "Armenia and Azerbaijan said on Thursday they had finalised the text of a peace "
        "treaty, negotiated directly between their foreign ministers over two years of talks "
        "in which both sides agreed to drop claims on each other's territory and to establish "
        "diplomatic relations.\n\n"
        "Baku wants the OSCE format that once handled the conflict to be dissolved.\n\n"
        "In other news, Russia said its grain exports rose sharply this year."
    )
    spec = learned.tag(ArticleInput("m", "", text, published_at="2025-03-14")).to_spec()
    assert {"ARM", "AZE"} <= set(spec["parties"]) and "RUS" not in spec["mediators"]
    f = features.roles(learned.read_roles_and_topics(learned.analyse(ArticleInput("m", "", text))))
    assert features.prior_only_mediator(f["RUS"])
    # Named beside a mediation word, the same state keeps its prior's role.
    assert not features.prior_only_mediator({**f["RUS"], "near_mediation": 0.2})

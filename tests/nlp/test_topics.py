"""What is on the table, on sentences written for these tests."""

from __future__ import annotations

import pytest

from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput


def _topics(tagger: Tagger, text: str, title: str = "") -> list[str]:
    r = tagger.tag(ArticleInput(id="t", title=title, text=text))
    assert r.is_negotiation, "the test text should read as a negotiation"
    return r.topics


# --- weak terms need the talks next to them ------------------------------------


def test_passing_mention_of_other_talks_is_no_topic(tagger: Tagger):
    text = (
        "بدأت المفاوضات بين الحكومة السودانية وقوات الدعم السريع في جدة بوساطة سعودية "
        "أمريكية حول وقف إطلاق النار. "
        "ويرى محللون أن الظرف الدولي تغير، ثم إن انشغال واشنطن بتقارب أمريكي إيراني "
        "بسبب المفاوضات النووية منح الرياض دورا أكبر."
    )
    topics = _topics(tagger, text)
    assert "ceasefire" in topics
    assert "nuclear" not in topics


def test_nuclear_adjective_bound_to_a_deal_with_a_side(tagger: Tagger):
    text = (
        "قال دبلوماسيون إن المحادثات بين إيران والقوى الكبرى تقترب من نهايتها، "
        "وإن طهران تسعى لإبرام اتفاق نهائي بشأن برنامج طهران النووي."
    )
    assert "nuclear" in _topics(tagger, text)


def test_border_in_a_war_sentence_is_not_territory(tagger: Tagger):
    text = (
        "أعلنت قطر أنها تتوسط في مفاوضات بين إسرائيل وحركة حماس لإطلاق سراح الرهائن. "
        "وفي سياق منفصل قصفت المدفعية مواقع قريبة من الحدود."
    )
    topics = _topics(tagger, text)
    assert "hostages" in topics
    assert "territory" not in topics


def test_border_demarcation_in_talks_is_territory(tagger: Tagger):
    text = "وتتناول المفاوضات بين لبنان وإسرائيل برعاية أمريكية ملف ترسيم الحدود البحرية."
    assert "territory" in _topics(tagger, text)


# --- content words bind what a deal holds ----------------------------------------


def test_content_of_a_proposal_far_from_the_talk_noun(tagger: Tagger):
    text = (
        "وافقت حماس على المقترح المصري القطري بعد تعثر المفاوضات مع إسرائيل. وينص المقترح الذي تسلمته الحركة أمس على "
        "ثلاث مراحل متتالية، تبدأ بالإفراج عن محتجزين من كبار السن مقابل أسرى "
        "فلسطينيين، وتنتهي بهدوء مستدام وإعادة إعمار القطاع."
    )
    topics = _topics(tagger, text)
    assert {"prisoners", "reconstruction"} <= set(topics)


def test_tag_list_words_do_not_make_topics(tagger: Tagger):
    text = (
        "أجرى الوسطاء القطريون والمصريون محادثات مع وفد حماس حول الرهائن في الدوحة.\n\n"
        "كلمات دلالية: العقوبات الفيتو التطبيع\n"
    )
    topics = _topics(tagger, text)
    assert "hostages" in topics
    assert not {"sanctions", "un_resolution", "normalization"} & set(topics)


def test_term_inside_an_actor_name_is_no_topic(tagger: Tagger):
    text = (
        "أعلن التحالف العربي قبول هدنة إنسانية مع الحوثيين بوساطة أممية، "
        "وقال متحدث باسم التحالف العربي إن الهدنة تبدأ منتصف الليل."
    )
    topics = _topics(tagger, text)
    assert "ceasefire" in topics
    assert "security_arrangements" not in topics


# --- English and recent vocabulary ---------------------------------------------


def test_english_withdrawal_and_crossings(tagger: Tagger):
    text = (
        "Negotiators from Israel and Hamas resumed indirect talks in Cairo. The proposal "
        "includes a phased Israeli pullout from the Philadelphi corridor and the reopening "
        "of the Rafah crossing."
    )
    topics = _topics(tagger, text)
    assert {"withdrawal", "humanitarian_aid"} <= set(topics)


def test_english_snapback_and_enrichment(tagger: Tagger):
    text = (
        "Talks between Iran and the European powers on enrichment levels collapsed, and "
        "France, Britain and Germany moved to trigger the snapback of UN sanctions."
    )
    topics = _topics(tagger, text)
    assert {"nuclear", "sanctions"} <= set(topics)


def test_english_tariffs_and_guarantees(tagger: Tagger):
    text = (
        "Negotiators from the United States and China agreed in Geneva to cut tariffs for "
        "90 days. Separately, Ukraine said any ceasefire deal with Russia needs security "
        "guarantees from its allies."
    )
    topics = _topics(tagger, text)
    assert {"trade", "security_arrangements", "ceasefire"} <= set(topics)


def test_ceasefire_with_an_adjective_between(tagger: Tagger):
    text = (
        "أعلن المبعوث الأممي أن الحكومة اليمنية والحوثيين التزما في المحادثات بخطوات "
        "تشمل وقفا شاملا لإطلاق النار."
    )
    assert "ceasefire" in _topics(tagger, text)


# --- terms of more than one sense need a word of their topic's sense ---------------


def _evidence(tagger: Tagger, text: str, title: str = "") -> dict:
    a = tagger.read_roles_and_topics(tagger.analyse(ArticleInput(id="t", title=title, text=text)))
    return a.topics or {}


def test_guarantees_of_a_loan_are_no_security_arrangements(tagger: Tagger):
    text = (
        "استؤنفت المفاوضات بين اليونان والدائنين الدوليين، ويصر صندوق النقد على "
        "الحصول على ضمانات من الحكومة بشأن برنامج الإنقاذ."
    )
    found = _evidence(tagger, text, title="الدائنون يطالبون اليونان بضمانات")
    assert "trade" in found
    assert "security_arrangements" not in found


def test_guarantees_against_attacks_are_security_arrangements(tagger: Tagger):
    text = "وطالبت دول الخليج في المحادثات مع واشنطن بضمانات بعدم تهديد طهران لجيرانها بعد الاتفاق."
    assert _evidence(tagger, text)["security_arrangements"].bound > 0


def test_pundits_are_no_monitors(tagger: Tagger):
    text = "وهذا ما اتفق عليه معظم المراقبين بشأن الاتفاق بين إيران والدول الكبرى."
    assert "security_arrangements" not in _evidence(tagger, text)
    text = "واتفق الطرفان في المحادثات على نشر المراقبين على الحدود لمراقبة الهدنة."
    assert "security_arrangements" in _evidence(tagger, text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # A truce's monitoring and an army deployed.
        (
            "وتتولى لجنة خماسية مراقبة تطبيق الاتفاق بين إسرائيل ولبنان، الذي ينص على انتشار "
            "الجيش اللبناني جنوب نهر الليطاني.",
            "security_arrangements",
        ),
        (
            "Under the ceasefire agreed by Israel and Lebanon, the Lebanese army deploys south "
            "of the river and Hezbollah is to end its armed presence in the area.",
            "security_arrangements",
        ),
        # Fighters merged into the army; self-rule and decentralisation.
        (
            "واتفقت الحكومة السورية وقوات سوريا الديمقراطية في المفاوضات على آلية لدمج قواته "
            "في وزارة الدفاع.",
            "security_arrangements",
        ),
        (
            "وتطالب قسد في المفاوضات مع الحكومة السورية بنظام لامركزي يحفظ الإدارة الذاتية.",
            "governance",
        ),
        # A transit route.
        (
            "Under the deal agreed at the talks, Armenia will grant the United States rights to "
            "a transit route through its southern province.",
            "trade",
        ),
        # Relations established, economies joined, forces leaving homes.
        (
            "ووقع البلدان في المحادثات بروتوكول إقامة علاقات دبلوماسية بينهما.",
            "normalization",
        ),
        (
            "ونص الإعلان الذي اتفق عليه الجانبان في المباحثات على تحقيق التكامل الاقتصادي بين "
            "البلدين.",
            "trade",
        ),
        (
            "وتشترط الحكومة في المفاوضات خروج قوات الدعم السريع من منازل المدنيين.",
            "withdrawal",
        ),
        # A programme's parts, nationals held by a state, access to the sea.
        (
            "Under the deal reached at the talks, Iran will cut the number of its centrifuges.",
            "nuclear",
        ),
        (
            "The envoy's talks in Caracas secured the release of six wrongfully detained men.",
            "prisoners",
        ),
        (
            "وتسعى إثيوبيا في المفاوضات مع الصومال إلى الحصول على منفذ بحري.",
            "territory",
        ),
    ],
)
def test_the_terms_of_a_deal_name_their_topic(tagger: Tagger, text: str, topic: str):
    assert topic in _evidence(tagger, text)


def test_talks_to_end_a_conflict_are_a_ceasefire(tagger: Tagger):
    text = (
        "بدأت محادثات مباشرة في باكستان بين الحكومة الأفغانية وحركة طالبان، "
        "وتهدف هذه المفاوضات إلى إنهاء النزاع المستمر منذ سنوات."
    )
    assert _evidence(tagger, text)["ceasefire"].bound > 0


# --- a lever on a side is no subject of the talks -----------------------------------


def test_sanctions_imposed_by_a_mediator_are_a_lever(tagger: Tagger):
    text = (
        "علق الجيش مشاركته في مفاوضات جدة مع قوات الدعم السريع برعاية سعودية أمريكية. "
        "وفرضت واشنطن، الخميس، عقوبات على شركات مرتبطة بالطرفين."
    )
    found = _evidence(tagger, text, title="واشنطن تفرض عقوبات على شركات للطرفين")
    assert found["sanctions"].pressure == 2
    assert found["sanctions"].score < 1.0


def test_lifting_sanctions_stays_on_the_table(tagger: Tagger):
    text = "وتطالب إيران في المفاوضات مع واشنطن برفع العقوبات قبل أي اتفاق."
    found = _evidence(tagger, text)
    assert found["sanctions"].pressure == 0
    assert found["sanctions"].score >= 1.0


def test_labour_and_shared_oil_terms_are_trade(tagger: Tagger):
    text = "ووقعت السعودية والفلبين اتفاقية ثنائية تنظم استقدام العمالة المنزلية بين البلدين."
    assert "trade" in _evidence(tagger, text)
    text = "وتجري مباحثات بين الكويت والسعودية لإعادة إنتاج النفط من الحقول المشتركة."
    assert "trade" in _evidence(tagger, text)


def test_the_next_day_and_a_lifted_veto_are_no_topics(tagger: Tagger):
    text = (
        "وقالت الهند إن وقف إطلاق النار مع باكستان تم التوصل إليه في محادثات مباشرة. "
        "وفي اليوم التالي، استقبل ترمب قائد الجيش الباكستاني، وقال إن على إيران أن "
        "ترفع الفيتو عن انتخاب رئيس لبنان."
    )
    found = _evidence(tagger, text)
    assert "ceasefire" in found
    assert not {"governance", "un_resolution"} & set(found)
    text = "وتجري مفاوضات حول مشروع قرار في مجلس الأمن وسط تهديد روسي باستخدام الفيتو."
    assert "un_resolution" in _evidence(tagger, text)


def test_subjects_said_in_other_words(tagger: Tagger):
    text = (
        "Hamas told the US envoy in the talks that it could lay down its weapons during "
        "a long truce, and the sides discussed the mechanism for distributing aid."
    )
    found = _evidence(tagger, text)
    assert {"security_arrangements", "humanitarian_aid"} <= set(found)
    text = "واتفق الوفدان الروسي والأمريكي في المحادثات على إعادة السفراء وبحث فرص اقتصادية."
    assert {"normalization", "trade"} <= set(_evidence(tagger, text))


def test_good_neighbourliness_as_a_principle_is_no_normalisation(tagger: Tagger):
    text = (
        "وقال الوزير بعد المحادثات إن دول المجلس تؤكد أهمية التعاون مع إيران على أسس "
        "ومبادئ حسن الجوار وعدم التدخل."
    )
    assert "normalization" not in _evidence(tagger, text)


def test_economic_as_an_adjective_of_anything_is_no_trade(tagger: Tagger):
    text = (
        "وقال الوزير إن بلاده تدعم المحادثات مع حلفائها في مجلس التعاون الخليجي "
        "للخروج باتفاق يساعد اليمن على تخطي مشكلاته الاقتصادية."
    )
    assert "trade" not in _evidence(tagger, text)
    text = "وبحث الجانبان في المحادثات توسيع التعاون في المجالات الاقتصادية والتجارية."
    assert "trade" in _evidence(tagger, text)


def test_captured_soldiers_and_a_gradual_lifting_of_sanctions(tagger: Tagger):
    text = "Under the deal reached in the talks, Thailand is to release captured soldiers."
    assert "prisoners" in _evidence(tagger, text)
    text = "وقال الرئيس الفرنسي بعد المحادثات إنه سيدفع باتجاه رفع تدريجي للعقوبات."
    assert "sanctions" in _evidence(tagger, text)


def test_the_war_ended_for_good_and_captives_counted(tagger: Tagger):
    """A war said to end ("the war would end permanently") is a ceasefire; «33
    محتجزاً» are hostages counted (the accusative after a number)."""
    en = (
        "Israel and Hamas resumed indirect negotiations in Doha under Qatari mediation. "
        "Hamas demanded guarantees that the war would end permanently."
    )
    assert "ceasefire" in _topics(tagger, en)
    ar = (
        "استؤنفت المفاوضات غير المباشرة بين إسرائيل وحماس في الدوحة بوساطة قطرية. "
        "وينص الاتفاق على الإفراج عن 33 محتجزا في غزة مقابل أسرى فلسطينيين."
    )
    assert "hostages" in _topics(tagger, ar)


def test_embassies_reopened_and_flights_resumed_are_normalisation(tagger: Tagger):
    """Two embassies reopened (the dual) and flights resumed are ties restored."""
    ar = (
        "عقدت إيران والولايات المتحدة جولة جديدة من المحادثات غير المباشرة في مسقط بوساطة عمانية. "
        "وتناولت المحادثات استئناف الرحلات الجوية وإعادة فتح السفارتين."
    )
    assert "normalization" in _topics(tagger, ar)
    en = (
        "Iran and the United States held a new round of indirect talks in Muscat under Omani "
        "mediation. They discussed reopening embassies and resuming direct flights."
    )
    assert "normalization" in _topics(tagger, en)


def test_a_trade_truce_is_no_ceasefire(tagger: Tagger):
    """The longer term's topic takes its words (``over`` in topics.yaml)."""
    text = (
        "U.S. President Donald Trump and Chinese President Xi Jinping agreed on Thursday to a "
        "one-year trade truce after talks in Busan, with Washington cutting tariffs."
    )
    found = _topics(tagger, text, "Trump, Xi agree to trade truce")
    assert "trade" in found and "ceasefire" not in found
    found = _topics(tagger, "Israel and Hamas agreed to a truce after talks in Cairo.")
    assert "ceasefire" in found


def test_folding_armed_forces_into_the_state_is_a_security_arrangement(tagger: Tagger):
    text = (
        "واصلت الحكومة السورية وقوات سوريا الديمقراطية المفاوضات في دمشق حول تنفيذ الاتفاق "
        "القاضي بدمج المؤسسات المدنية والعسكرية ضمن مؤسسات الدولة."
    )
    assert "security_arrangements" in _topics(tagger, text)


def test_trading_accusations_is_no_trade(tagger: Tagger):
    """To trade blame is to exchange it (``idioms`` in topics.yaml); trade on
    the table stays trade."""
    text = (
        "Armenia and Azerbaijan accused each other of violating the ceasefire on Saturday, "
        "days before their leaders meet in Washington for talks hosted by the United States."
    )
    found = _topics(tagger, text, "Armenia, Azerbaijan trade accusations ahead of talks")
    assert "ceasefire" in found and "trade" not in found
    text = "Armenia and Azerbaijan held talks in Washington on trade and transit routes."
    assert "trade" in _topics(tagger, text, "Armenia, Azerbaijan discuss trade")


def test_english_words_for_borders_relations_and_aid_on_the_table(tagger: Tagger):
    text = (
        "Armenia and Azerbaijan agreed in their talks to renounce territorial claims and to "
        "begin the delimitation of the border, and to normalise their relations. "
        "Israel and Hamas negotiators in Doha discussed the entry of aid into Gaza."
    )
    topics = _topics(tagger, text)
    assert {"territory", "normalization", "humanitarian_aid"} <= set(topics)


def test_arabic_words_for_a_captive_state_authority_and_salaries(tagger: Tagger):
    text = (
        "اتفق الوفدان الروسي والأوكراني في المحادثات على تبادل ألف أسير من كل جانب. "
        "ويتضمن الاتفاق بين الحكومة اليمنية والحوثيين صرف رواتب الموظفين وإعادة بسط سلطة "
        "الدولة في المحافظات."
    )
    topics = _topics(tagger, text)
    assert {"prisoners", "trade", "governance"} <= set(topics)


def test_a_bailout_named_indefinite_is_trade_but_a_militias_rescue_plan_is_not(tagger: Tagger):
    talks = (
        "وتتواصل المفاوضات بين الحكومة اليونانية والاتحاد الأوروبي في أثينا. "
        "وستعاود المشكلات الظهور عندما يتعين الانتهاء من المفاوضات التفصيلية بشأن "
        "برنامج إنقاذ يستمر ثلاث سنوات."
    )
    assert "trade" in _topics(tagger, talks)
    rescue = (
        "وتتواصل في مسقط المفاوضات بين الحكومة اليمنية والحوثيين بوساطة الأمم المتحدة. "
        "وبحث المبعوث الأممي مع الوفدين مقترحات لحلول سياسية وخطة إنقاذ لمليشيات الحوثي."
    )
    assert "trade" not in _topics(tagger, rescue)


def test_debt_written_off_or_rescheduled_is_trade(tagger: Tagger):
    for words in ("شطب الديون", "إعادة هيكلة الدين العام"):
        debt = (
            "وتتواصل المفاوضات بين الحكومة اليونانية والاتحاد الأوروبي في بروكسل. "
            f"وتحض أثينا الدائنين على تقديم مقادير معقولة من {words}."
        )
        assert "trade" in _topics(tagger, debt), words


def test_a_transitional_body_an_empty_presidency_and_creditors_in_other_forms(tagger: Tagger):
    text = "ودعت وثيقة المعارضة في ختام المحادثات إلى تشكيل هيئة الحكم الانتقالية كاملة الصلاحيات."
    assert "governance" in _evidence(tagger, text)
    text = "وبحث الوفدان في المحادثات سبل إنهاء الفراغ الرئاسي في لبنان."
    assert "governance" in _evidence(tagger, text)
    text = "وتبدأ اليوم في أثينا المفاوضات مع الأطراف الدائنة لليونان."
    assert "trade" in _evidence(tagger, text)


def test_the_factions_reconciliation_is_no_normalisation(tagger: Tagger):
    """«المصالحة الفلسطينية» is Fatah and Hamas, not two states restoring ties."""
    text = (
        "وفيما يتعلق بالمصالحة الفلسطينية، أبدى الرئيس عباس استعداده للتعامل مع أي وساطة "
        "مع حركة حماس لإنجاز المصالحة وتشكيل حكومة وحدة وطنية."
    )
    assert "normalization" not in _topics(tagger, text)


def test_reconciliation_of_two_states_restoring_relations_is_normalisation(tagger: Tagger):
    text = (
        "وأعلنت قطر ومصر في ختام المفاوضات إتمام المصالحة بينهما وإعادة العلاقات "
        "الدبلوماسية وعودة السفراء."
    )
    assert "normalization" in _topics(tagger, text)


def test_a_state_leaving_a_union_is_no_safe_passage(tagger: Tagger):
    """«خروج اليونان» from the euro is a departure, not a negotiated exit of fighters."""
    text = (
        "وتتواصل المفاوضات بين الحكومة اليونانية والاتحاد الأوروبي في بروكسل. "
        "وقال يونكر إن المفاوضات ناقشت مقترحا حول خروج مؤقت لليونان من منطقة اليورو."
    )
    assert "safe_passage" not in _evidence(tagger, text)


def test_a_leader_or_fighters_exit_under_negotiation_is_safe_passage(tagger: Tagger):
    for words in ("التفاوض على خروج صالح من اليمن", "خروج المسلحين بضمانات من المدينة"):
        text = (
            "وتتواصل في مسقط المفاوضات بين الحكومة اليمنية والحوثيين بوساطة الأمم المتحدة. "
            f"وبحث المبعوث الأممي مع الوفدين {words}."
        )
        assert "safe_passage" in _topics(tagger, text), words


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "اتفقت إثيوبيا والصومال في ختام محادثات استضافتها أنقرة على العمل معاً لوضع ترتيبات "
            "تجارية تضمن لإثيوبيا الوصول إلى البحر عبر الموانئ الصومالية.",
            "trade",
        ),
        # Normalisation in the accusative, raised to be denied, is on the table.
        (
            "وعقدت لجنة مراقبة وقف إطلاق النار بين لبنان وإسرائيل اجتماعها في الناقورة. وقال "
            "رئيس الحكومة اللبنانية إن ما يجري ليس مفاوضات سلام ولا تطبيعاً مع إسرائيل.",
            "normalization",
        ),
    ],
)
def test_trade_arrangements_and_normalisation_in_the_accusative(
    tagger: Tagger, text: str, topic: str
):
    assert topic in _topics(tagger, text)


def test_a_blockade_kept_up_during_a_truce_is_no_sanction(tagger: Tagger):
    text = (
        "أعلنت قيادة التحالف هدنة إنسانية في اليمن لمدة خمسة أيام بطلب من الحكومة اليمنية، "
        "تتوقف فيها الأعمال العسكرية مع استمرار الحظر والتفتيش الجوي والبحري."
    )
    assert "sanctions" not in _evidence(tagger, text)
    lifted = text.replace("مع استمرار الحظر والتفتيش الجوي والبحري", "وبحث الطرفان رفع الحظر")
    assert "sanctions" in _evidence(tagger, lifted)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "The first round of the Nairobi peace talks between South Sudan's government and "
            "the opposition produced draft protocols on security sector reform.",
            "security_arrangements",
        ),
        (
            "وعقد مسؤولون سوريون وإسرائيليون لقاء في باكو بوساطة أذربيجانية، وكان المبعوث "
            "الأمريكي قد اقترح أن يبدأ البلدان بترتيب لعدم الاعتداء.",
            "security_arrangements",
        ),
        (
            "أعلن المبعوث الأممي أن الحكومة اليمنية والحوثيين التزما بتدابير تشمل دفع رواتب "
            "موظفي القطاع العام واستئناف عملية سياسية جامعة برعاية الأمم المتحدة.",
            "governance",
        ),
        (
            "وتطالب موسكو في مفاوضاتها مع الأمم المتحدة وتركيا بتسهيل صادرات الأسمدة الروسية "
            "وإعادة ربط المصرف الزراعي بنظام سويفت مقابل تمديد اتفاق الحبوب.",
            "trade",
        ),
        (
            "وتطالب موسكو في مفاوضاتها مع الأمم المتحدة وتركيا بتسهيل صادرات الأسمدة الروسية "
            "وإعادة ربط المصرف الزراعي بنظام سويفت مقابل تمديد اتفاق الحبوب.",
            "sanctions",
        ),
        (
            "Syria's foreign minister met an Israeli delegation in Paris for US-mediated talks. "
            "Israel wants the area between Damascus and the frontier demilitarised.",
            "security_arrangements",
        ),
        (
            "واتفق الجانبان الهندي والباكستاني في محادثاتهما على النظر في إجراءات لضمان خفض عدد "
            "القوات على الحدود.",
            "withdrawal",
        ),
    ],
)
def test_security_reform_wages_grain_and_payments_said_in_other_words(
    tagger: Tagger, text: str, topic: str
):
    assert topic in _evidence(tagger, text), text


@pytest.mark.parametrize(
    "text, topic",
    [
        (
            "وتمسك وفد الجيش السوداني في محادثات جدة بمغادرة قوات الدعم السريع للأعيان "
            "المدنية قبل أي هدنة.",
            "withdrawal",
        ),
        (
            "واتفق الرئيس الصومالي ورئيس الوزراء الإثيوبي في محادثاتهما على استعادة التمثيل "
            "الدبلوماسي الكامل بين البلدين.",
            "normalization",
        ),
        (
            "Putin told Trump in their talks that Russia would stop its offensive if Ukraine "
            "agreed to give up land in the east.",
            "territory",
        ),
        (
            "Moscow said in the talks that a truce would follow only once Ukraine withdrew from "
            "the four regions.",
            "withdrawal",
        ),
    ],
)
def test_civilian_sites_ties_restored_and_land_given_up_said_in_other_words(
    tagger: Tagger, text: str, topic: str
):
    assert topic in _evidence(tagger, text), text


def test_shelter_let_in_under_a_deal_is_aid(tagger: Tagger):
    text = (
        "Hamas accused Israel in the talks of delaying the entry of tents, shelters and mobile "
        "homes promised under the deal."
    )
    assert "humanitarian_aid" in _evidence(tagger, text)


def test_aid_counted_in_trucks_among_other_terms_is_aid(tagger: Tagger):
    text = (
        "أعلنت قطر التوصل إلى اتفاق بين إسرائيل وحماس على وقف إطلاق النار وتبادل الأسرى "
        "والمحتجزين وانسحاب القوات الإسرائيلية وعودة النازحين وإدخال 600 شاحنة مساعدات يومياً."
    )
    result = tagger.tag(ArticleInput(id="x", title="", text=text, published_at="2025-01-15"))
    assert "humanitarian_aid" in result.topics

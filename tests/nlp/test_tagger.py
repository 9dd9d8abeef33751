"""Behaviour of the tagger on sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from articles.nlp.lexicon import Lexicon, arabic_nisba
from articles.nlp.matcher import Matcher, Target, spaced
from articles.nlp.normalize import normalize
from articles.nlp.tagger import Tagger
from articles.nlp.threads import assign_thread, load_thread_defs, proposed_key
from articles.nlp.types import ArticleInput


def _tag(tagger: Tagger, text: str, title: str = "", **kw):
    return tagger.tag(ArticleInput(id="t", title=title, text=text, **kw))


def _matcher(*names: str) -> Matcher:
    return Matcher((n, Target("actor", (n,), "name", "ar", normalize(n))) for n in names)


# --- clitics and word boundaries -------------------------------------------


def test_proclitics_find_the_name():
    m = _matcher("حماس", "الولايات المتحدة", "إسرائيل")
    text = normalize("قال لحماس والولايات المتحدة وبإسرائيل")
    found = [text[h.name_start : h.end] for h in m.find(text)]
    assert found == ["حماس", "الولايات المتحده", "اسرائيل"]


def test_lam_with_definite_article():
    m = _matcher("الحوثيين")
    text = normalize("رسالة للحوثيين")
    assert len(m.find(text)) == 1


def test_baghdad_keeps_its_ba():
    m = _matcher("غداد")  # were «ب» stripped blindly this would match
    assert m.find(normalize("وصل الوفد إلى بغداد")) == [] or all(
        h.prefix == "ب" for h in m.find(normalize("بغداد"))
    )


def test_spaced_blanks_exactly_the_non_word_characters():
    # Every character of the Basic Multilingual Plane but the surrogates:
    # a word character stays, anything else (the underscore too) is a space.
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert spaced(every) == " " + re.sub(r"[^\w ]|_", " ", every) + " "


def test_baghdad_found_as_itself(tagger: Tagger):
    r = _tag(tagger, "أعلنت بغداد رفضها المقترح خلال المفاوضات مع أنقرة.")
    assert "IRQ" in r.actors


def test_fatah_in_the_dual_and_the_au_panel_chair(tagger: Tagger):
    """«فتح» alone is the verb "to open"; «حركتي فتح وحماس» names the movement.
    Mbeki chairs the AU's panel for Sudan: his name is the AU's."""
    r = _tag(tagger, "وجهت القاهرة دعوة إلى حركتي فتح وحماس لاستكمال المصالحة.")
    assert {"fatah", "hamas"} <= set(r.actors)
    r = _tag(tagger, "قررت السلطات فتح المعبر أمام حركة المسافرين.")
    assert "fatah" not in r.actors
    r = _tag(tagger, "دعا ثابو امبيكي الحكومة السودانية إلى استئناف المفاوضات.")
    assert "au" in r.actors


def test_a_surname_after_another_given_name_is_someone_else(tagger: Tagger):
    """«الزبيدي» alone is Aidarous al-Zubaidi, not a footballer named Ibrahim;
    a father's name between the given name and the surname keeps the person."""
    r = _tag(tagger, "وشارك ابراهيم الزبيدي وعلي الزبيدي في التدريب. وقال ياسين صالحي إنه بخير.")
    assert r.actors == [] and r.persons == []
    r = _tag(tagger, "قال عيدروس الزبيدي إن المجلس يرفض. وأكد الزبيدي موقفه.")
    assert "YEM" in r.actors
    for text in ("حضر الوزير عادل بن أحمد الجبير.", "حضر الوزير عادل أحمد الجبير."):
        assert [p.name for p in _tag(tagger, text).persons] == ["عادل الجبير"]
    # «على» folds into «علي» when normalised: a preposition, not Ali.
    r = _tag(tagger, "ساعدت العقوبات على القذافي على تسليم أسلحته.")
    assert "LBY" in r.actors


def test_an_adjective_after_a_given_name_is_a_family_name(tagger: Tagger):
    """«أيمن المغربي» is a surgeon, not Morocco; «أبو عمر الكويتي» is a
    Kuwaiti by his kunya; «على السوريين» is a preposition, not «علي»."""
    r = _tag(tagger, "أكد الدكتور أيمن المغربي أن الإصابات خطيرة، وغنى الشاعر كريم العراقي.")
    assert r.actors == []
    assert "KWT" in _tag(tagger, "وأذكر منهم وأبو عمر الكويتي.").actors
    assert "SYR" in _tag(tagger, "ركز الملف على السوري اللاعب.").actors


def test_a_story_may_open_on_its_datelines(tagger: Tagger):
    """«باريس - دمشق -» places the story; a title «طهران - واشنطن» names two sides."""
    r = _tag(tagger, "باريس - دمشق - التقى وزير الخارجية السوري نظيره.")
    assert "FRA" not in r.actors
    r = _tag(tagger, "بدأت الجولة.", title="طهران - واشنطن: جولة جديدة من المحادثات")
    assert {"IRN", "USA"} <= set(r.actors)


def test_a_dateline_may_name_its_agency(tagger: Tagger):
    """«الرياض (واس) -»: the agency in brackets between the place and the dash
    keeps the place a place."""
    r = _tag(tagger, "الرياض (واس) - رفضت المعارضة السورية المشاركة في محادثات جنيف.")
    assert "SAU" not in r.actors
    r = _tag(tagger, "CAIRO (Reuters) - Hamas rejected the proposal.", lang="en")
    assert "EGY" not in r.actors
    assert "SAU" in _tag(tagger, "الرياض (واس) - رفضت الرياض المقترح.").actors


def test_greetings_and_tournaments_are_no_states(tagger: Tagger):
    r = _tag(tagger, "أعاده الله على الجميع باليمن والبركات، وتألق اللاعب في كوبا أمريكا.")
    assert r.actors == []


def test_a_capital_left_or_reached_is_a_place(tagger: Tagger):
    """«غادرت القاهرة»: a team leaving Cairo says nothing of Egypt's government."""
    r = _tag(tagger, "وكانت بعثة الفريق غادرت القاهرة أمس متجهة إلى المباراة.")
    assert "EGY" not in r.actors
    assert "EGY" in _tag(tagger, "أعلنت القاهرة رفضها المقترح.").actors


def test_a_language_is_no_state(tagger: Tagger):
    """«باللغة الفرنسية» and «الإنجليزية والفرنسية» are languages; «العلاقات
    العربية الإيرانية» keeps Iran."""
    r = _tag(tagger, "تصدر المجلة باللغة الهولندية، وتترجم إلى الإنجليزية والفرنسية.")
    assert r.actors == []
    assert "IRN" in _tag(tagger, "تناول المؤتمر العلاقات العربية الإيرانية.").actors


def test_a_home_paper_names_its_state_through_its_bodies(tagger: Tagger):
    """A Saudi paper's story of the Jazan police refers to Saudi Arabia; one
    that names a state, or comes from elsewhere, is left to its names."""
    text = "أوضح المتحدث الإعلامي بشرطة منطقة جازان أن الجهات الأمنية باشرت الحادث."
    r = _tag(tagger, text, source="sabq")
    assert r.actors == ["SAU"]
    [m] = r.mentions
    assert text[m.start : m.end] == "شرطة"
    assert _tag(tagger, text, source="reuters").actors == []
    assert _tag(tagger, "قال محافظ الجيزة إن الطريق افتتح.", source="مصراوي").actors == ["EGY"]
    assert _tag(tagger, "قال وزير الخارجية المصري إن بلاده ترفض.", source="sabq").actors == ["EGY"]


def test_an_operation_is_no_coalition(tagger: Tagger):
    """«عاصفة الحزم» named as an operation is an event; the coalition's forces are the actor."""
    assert "arab_coalition" not in _tag(tagger, "منذ بداية عاصفة الحزم تغير المشهد.").actors
    r = _tag(tagger, "قصفت قوات عاصفة الحزم مواقع الحوثيين.")
    assert "arab_coalition" in r.actors


def test_european_is_the_union_only_after_a_head(tagger: Tagger):
    """Europe's clubs, shares and capitals are no actor; the Union's
    delegation and sanctions are the Union."""
    for text in (
        "ارتفعت الأسهم الأوروبية اليوم.",
        "يسعى اللاعب إلى الانتقال إلى أحد الأندية الأوروبية.",
        "ودانت عواصم أوروبية عدة الهجوم.",
    ):
        assert "eu" not in _tag(tagger, text).actors, text
    for text in (
        "وصل الوفد الأوروبي إلى طهران.",
        "رفعت طهران دعوى ضد العقوبات الأوروبية.",
        "وتعقد جلسات الحوار برعاية أوروبية في بروكسل.",
    ):
        assert "eu" in _tag(tagger, text).actors, text


def test_a_common_verb_is_no_surname(tagger: Tagger):
    """«بينت» is "she showed" far more often than Naftali Bennett."""
    r = _tag(tagger, "وبينت الوزارة أن الوظائف متاحة للمتقدمات.")
    assert "ISR" not in r.actors


def test_a_name_listed_with_and_without_its_hyphen_is_found_without():
    """«بان كي-مون» and «بان كي مون» share a matcher key: the plain form must win."""
    m = Matcher(
        (n, Target("person", ("0",), "name", "ar", normalize(n)))
        for n in ("بان كي مون", "بان كي-مون")
    )
    for text in ("قال بان كي مون إن", "قال بان كي-مون إن"):
        assert len(m.find(normalize(text))) == 1, text
    assert m.find(normalize("قال 5-1 إن")) == []


def test_no_match_inside_longer_word():
    m = _matcher("قطر")
    assert m.find(normalize("القطرات تتساقط وقطرها كبير")) == []


def test_demonym_forms(tagger: Tagger):
    r = _tag(tagger, "التقى الوسطاء القطريين مع الوفد الإسرائيلية والمسؤولين الأمريكيين.")
    assert {"QAT", "ISR", "USA"} <= set(r.actors)


def test_english_demonyms_the_rule_cannot_make(tagger: Tagger):
    r = _tag(
        tagger,
        "The accord was hosted by the Barbadian government, and the rebels hold "
        "separate talks with the Congolese government and Filipino officials.",
        lang="en",
    )
    assert {"BRB", "COD", "PHL"} <= set(r.actors)


def test_congo_alone_is_the_state_the_story_names_else_dr_congo(tagger: Tagger):
    def actors(text: str) -> list[str]:
        return _tag(tagger, text, lang="en").actors

    assert actors("Congo and Rwanda signed a peace deal in Washington.") == ["COD", "RWA"]
    assert actors("The Republic of the Congo voted; Congo's president spoke.") == ["COG"]


def test_the_prisoner_exchange_commissioners_name_their_states(tagger: Tagger):
    r = _tag(
        tagger,
        "Moskalkova said she had handed lists of captured soldiers to Lubinets.",
        lang="en",
    )
    assert {"RUS", "UKR"} <= set(r.actors)


def test_the_minsk_group_is_no_belarus(tagger: Tagger):
    r = _tag(tagger, "طلب الزعيمان حل مجموعة مينسك التي تولت الوساطة في نزاع قره باغ.")
    assert "BLR" not in r.actors


def test_the_alliance_named_by_its_definite_noun_is_nato(tagger: Tagger):
    r = _tag(tagger, "وكانت تركيا العضو في الحلف الأطلسي قد رفضت المشاركة في العمليات.")
    assert "nato" in r.actors
    assert _tag(tagger, "وتعاني الدول المطلة على المحيط الأطلسي من العواصف.").actors == []


def test_the_atomic_watchdog_is_the_iaea(tagger: Tagger):
    r = _tag(tagger, "The U.N. atomic watchdog said Iran had complied.", lang="en")
    assert "iaea" in r.actors and "un" not in r.actors


def test_a_birthplace_is_no_muscat(tagger: Tagger):
    """«مسقط رأسه» is where one was born; «مسقط» alone is Oman's capital."""
    r = _tag(tagger, "نقل جثمانه لدفنه بمقبرة المعلا بمكة المكرمة مسقط رأسه.")
    assert "OMN" not in r.actors
    assert "OMN" in _tag(tagger, "أعلنت مسقط استعدادها للوساطة بين الطرفين.").actors


def test_continental_football_federations_are_no_unions(tagger: Tagger):
    """UEFA and CAF in Arabic carry the EU's and the African Union's names."""
    r = _tag(
        tagger, "فرض الاتحاد الأوروبي لكرة القدم عقوبة على النادي، ورد الاتحاد الأفريقي لكرة القدم."
    )
    assert "eu" not in r.actors and "au" not in r.actors
    assert "eu" in _tag(tagger, "فرض الاتحاد الأوروبي عقوبات على روسيا.").actors


def test_kataib_hezbollah_is_no_hezbollah(tagger: Tagger):
    r = _tag(tagger, "أعلنت كتائب حزب الله رفضها الاتفاق بين بغداد وواشنطن.")
    assert "hezbollah" not in r.actors and {"IRQ", "USA"} <= set(r.actors)


@pytest.mark.parametrize(
    "text",
    [
        "وقال إن الاتفاق بين إيران ودول مجموعة (5 + 1) يمثل نجاحاً.",
        "وأوضح أن الاتفاقية التي وصلت إليها الدول خمسة زائد واحد مع إيران شرحت الآلية.",
        "أطلعنا على تفاصيل الاتفاق النووي مع إيران ومجموعة (خمسة زائد واحد).",
    ],
)
def test_the_p5_plus_1_spaced_or_in_words(tagger: Tagger, text: str):
    """«5 + 1» with spaces, in brackets, or in words names the group as «5+1» does."""
    assert "p5plus1" in _tag(tagger, text).actors


def test_a_listed_adjective_takes_its_other_forms(tagger: Tagger):
    """The data lists «أفغاني», which the rule cannot make from «أفغانستان»;
    its feminine and plural follow from it. «الإنجليزية» stays the language."""
    r = _tag(tagger, "قالت الحكومة الأفغانية إن المسؤولين الأفغانيين سيشاركون في المحادثات.")
    assert "AFG" in r.actors
    r = _tag(tagger, "نشرت الصحيفة تقريرها باللغة الإنجليزية.")
    assert "GBR" not in r.actors


def test_nisba_rules():
    forms = arabic_nisba("قطر")
    assert "قطري" in forms and "القطريين" in forms and "قطريه" in forms
    assert "سوري" in arabic_nisba("سوريا")
    assert "سعودي" in arabic_nisba("السعودية")


def test_a_name_that_begins_with_hamza_keeps_its_alef_lam():
    """«ألمانيا» has no article: its adjective is «الألماني», never «ماني»."""
    forms = arabic_nisba("ألمانيا")
    assert "الماني" in forms and "الالمانيه" in forms
    assert "ماني" not in forms and "مانيه" not in forms
    assert "الباني" in arabic_nisba("ألبانيا")


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("يبحث الجبير مع نظيره الألماني الأزمة السورية.", "DEU"),
        ("قالت الحكومة الألمانية إنها تؤيد الاتفاق.", "DEU"),
        ("وقال رئيس الوزراء الألباني إن الوضع صعب.", "ALB"),
        ("وصلت العمالة البنجلاديشية منذ توقيع الاتفاقية مع بنجلادش.", "BGD"),
        ("فوض المجلس الوزير بالتباحث مع الجانب العاجي في شأن الاتفاقية.", "CIV"),
        ("ودعت الحكومة البورمية إلى الحوار.", "MMR"),
        ("قررت قيادة التحالف هدنة إنسانية في اليمن.", "arab_coalition"),
        ("وقال الرئيس اليمني إن ميليشيات الانقلابيين رفضت الحوار.", "houthis"),
        ("وقال الائتلاف السوري إنه لن يشارك في المحادثات.", "syrian_opposition"),
        # «الفيليبين» beside ISO's «الفلبين», «بروناي» beside «بروناي دار السلام», the
        # P5+1 and the E3 spelled out.
        ("وتطالب الفيليبين وفيتنام بالسيادة على مناطق من بحر الصين الجنوبي.", "PHL"),
        ("وتطالب بروناي وماليزيا بالسيادة على مناطق من بحر الصين الجنوبي.", "BRN"),
        ("وسجل المهاجم الأوروغواياني هدف الفوز.", "URY"),
        ("الاتفاق النووي بين إيران ومجموعة الدول الخمس زائد واحد.", "p5plus1"),
        ("وأبلغت العواصم الأوروبية الثلاث الوفد الإيراني استعدادها للتفاوض.", "GBR"),
        # Mali by its regions and its people, never by «مالي» alone ("financial").
        ("وأكدت الجزائر التزامها اتفاق السلام مع متمردي شمال مالي.", "MLI"),
        ("وجددت تضامنها مع الشعب المالي وحكومته.", "MLI"),
    ],
)
def test_adjectives_and_spellings_of_the_gulf_press(tagger: Tagger, text: str, state: str):
    assert state in _tag(tagger, text).actors


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # The ISO translation gives Moldova the Maldives' Arabic name.
        ("وصل الوفد إلى جمهورية المالديف للمشاركة في الاحتفالات.", "MDV", "MDA"),
        # «مجريات» is "the course of", not Hungarians.
        ("وظلت قيادات ليبية بعيدة عن مجريات التفاوض.", "LBY", "HUN"),
        # A person's surname, not the principality.
        ("وقالت ليزا موناكو مستشارة أوباما إن الأمر خطير.", "USA", "MCO"),
        # A company's finance chief and a financial shortfall, not Mali.
        ("وقال الرئيس المالي للشركة السعودية إن العجز المالي تراجع.", "SAU", "MLI"),
    ],
)
def test_words_and_mistranslations_that_are_not_the_state(
    tagger: Tagger, text: str, present: str, absent: str
):
    actors = _tag(tagger, text).actors
    assert present in actors and absent not in actors


def test_the_coalition_and_the_putschists_only_in_a_yemeni_story(tagger: Tagger):
    r = _tag(tagger, "وقالت دول التحالف في سوريا إن ميليشيات الانقلابيين في بورندي خسرت.")
    assert "arab_coalition" not in r.actors and "houthis" not in r.actors


def test_a_player_named_mane_is_no_germany(tagger: Tagger):
    assert "DEU" not in _tag(tagger, "سجل ماني هدف الفوز في الدقيقة الأخيرة.").actors


# --- offsets -----------------------------------------------------------------


def test_offsets_point_into_original_text_with_diacritics(tagger: Tagger):
    text = "قَالَتْ مِصْرُ إنَّ المُفَاوَضَاتِ مع حَمَاسَ مُسْتَمِرَّةٌ"
    r = _tag(tagger, text)
    spans = {m.actor: text[m.start : m.end] for m in r.mentions}
    assert normalize(spans["EGY"]) == "مصر"
    assert normalize(spans["hamas"]) == "حماس"


def test_title_mentions_kept_apart(tagger: Tagger):
    r = _tag(tagger, "نص بلا أسماء.", title="قطر تتوسط")
    assert r.mentions == []
    assert [m.actor for m in r.title_mentions] == ["QAT"]


# --- roles -------------------------------------------------------------------


def test_mediator_and_party_cues(tagger: Tagger):
    text = (
        "استؤنفت المفاوضات بين إسرائيل وحركة حماس بوساطة قطرية مصرية في محاولة "
        "للتوصل إلى اتفاق لوقف إطلاق النار وتبادل الأسرى."
    )
    r = _tag(tagger, text)
    assert r.is_negotiation
    assert {"ISR", "hamas"} <= set(r.parties)
    assert {"QAT", "EGY"} <= set(r.mediators)
    assert "ceasefire" in r.topics


def test_sponsors_named_before_sponsoring_the_talks_mediate(tagger: Tagger):
    text = (
        "أعلنت الحكومة الكولومبية في هافانا التوصل إلى اتفاق مع المتمردين حول العدالة "
        "الانتقالية، فيما تتولى كوبا والنرويج رعاية مفاوضات السلام منذ ثلاث سنوات."
    )
    r = _tag(tagger, text)
    assert {"CUB", "NOR"} <= set(r.mediators)
    assert "CUB" not in r.parties


def test_a_mediator_named_in_a_relative_clause_after_its_pronoun(tagger: Tagger):
    text = (
        "تبنى مجلس الأمن الدولي قراراً يؤيد اتفاق وقف إطلاق النار بين إسرائيل وحماس "
        "الذي توسطت فيه الولايات المتحدة، ويدعو إلى تنفيذه الكامل."
    )
    r = _tag(tagger, text)
    assert "USA" in r.mediators
    assert not {"ISR", "hamas"} & set(r.mediators)


def test_messages_carried_and_malis_government(tagger: Tagger):
    """«نقلت رسائل» is carrying messages between the sides; «الحكومة المالية» is
    Mali's, where «المالية» alone stays "financial"."""
    text = (
        "قال الوزير إن سلطنة عمان نقلت رسائل بين إيران والولايات المتحدة، وإن الجولة "
        "المقبلة من المفاوضات غير المباشرة ستعقد في مسقط."
    )
    r = _tag(tagger, text)
    assert "OMN" in r.mediators
    r = _tag(tagger, "تتوسط الجزائر بين الحكومة المالية والحركات المسلحة في الشمال.")
    assert "MLI" in r.actors
    r = _tag(tagger, "ارتفعت الأسهم بعد إعلان وزارة المالية عن الأزمة المالية.")
    assert "MLI" not in r.actors


def test_a_state_welcoming_a_deal_is_no_side_of_it(learned: Tagger):
    text = (
        "Saudi Arabia welcomed on Thursday the ceasefire agreement between Israel and Hamas "
        "and praised the efforts of Qatar, Egypt and the United States in reaching it."
    )
    r = _tag(learned, text, "Saudi Arabia welcomes Gaza ceasefire", lang="en")
    assert {"ISR", "hamas"} <= set(r.parties)
    assert "SAU" not in r.parties
    assert {"QAT", "EGY", "USA"} <= set(r.mediators)


def test_actor_can_be_party_and_mediator(tagger: Tagger):
    text = (
        "تتوسط قطر في المفاوضات بين السودان وقوات الدعم السريع. "
        "وفي ملف آخر، أجرى الوفد القطري محادثات مع الوفد الإيراني حول اتفاق تجاري جديد."
    )
    r = _tag(tagger, text)
    assert "QAT" in r.mediators and "QAT" in r.parties


def test_un_envoy_mediates(tagger: Tagger):
    text = (
        "قال المبعوث الأممي إن جولة جديدة من المفاوضات بين الحكومة اليمنية والحوثيين ستعقد قريبا."
    )
    r = _tag(tagger, text)
    assert "un" in r.mediators
    assert "houthis" in r.parties


def test_host_of_talks_mediates(tagger: Tagger):
    text = "تستضيف سلطنة عمان جولة جديدة من المحادثات غير المباشرة بين إيران والولايات المتحدة حول الملف النووي."
    r = _tag(tagger, text)
    assert "OMN" in r.mediators
    assert {"IRN", "USA"} <= set(r.parties)
    assert "nuclear" in r.topics


# --- is_negotiation ----------------------------------------------------------


def test_football_transfer_is_not_negotiation(tagger: Tagger):
    text = (
        "دخل النادي في مفاوضات مع اللاعب المصري لضمه إلى الفريق في الموسم المقبل، "
        "وقال المدرب إن الصفقة تنتظر موافقة إدارة النادي على قيمة العقد والشرط الجزائي."
    )
    r = _tag(tagger, text, title="الهلال يفاوض مهاجما مصريا")
    assert not r.is_negotiation
    assert r.to_spec()["parties"] == []


def test_diplomatic_talks_are_negotiation(tagger: Tagger):
    text = (
        "أعلنت الخارجية المصرية أن المفاوضات بين إسرائيل وحماس حول وقف إطلاق النار "
        "ستستأنف في القاهرة الأسبوع المقبل بوساطة مصرية وقطرية، وأن الوفد الإسرائيلي "
        "سيحمل ردا على المقترح الأخير."
    )
    r = _tag(tagger, text)
    assert r.is_negotiation


def test_a_round_of_consultations_under_an_envoy_is_negotiation(tagger: Tagger):
    # «مشاورات» and «حوار» alone are any consultation or dialogue; a round of
    # them, or the Geneva consultations, are talks.
    title = "دي ميستورا يبدأ مشاورات جنيف مع الأطراف السورية"
    text = (
        "بدأ المبعوث الدولي إلى سوريا ستيفان دي ميستورا في جنيف سلسلة مشاورات منفصلة "
        "مع ممثلي الحكومة السورية وفصائل المعارضة، في محاولة لإحياء العملية السياسية."
    )
    assert _tag(tagger, text, title).is_negotiation
    title = "الجزائر تستضيف جولة حوار ليبي"
    text = (
        "احتضنت الجزائر جولة جديدة من الحوار بين قادة الأحزاب الليبيين، ضمن المسار الذي "
        "ترعاه الأمم المتحدة، وأكد الوزير أن بلاده تسهل الحوار بين الإخوة الليبيين."
    )
    assert _tag(tagger, text, title).is_negotiation
    # The round counted («الجولة الخامسة من الحوار»).
    title = "انطلاق الجولة الخامسة من الحوار السعودي الإيراني"
    text = (
        "انطلقت في بغداد الجولة الخامسة من الحوار بين الرياض وطهران، بحضور مسؤولين أمنيين "
        "من البلدين."
    )
    assert _tag(tagger, text, title).is_negotiation


def test_leaders_agreeing_to_continue_peace_treaty_talks_is_negotiation(learned: Tagger):
    title = "Armenia, Azerbaijan leaders meet in Abu Dhabi"
    text = (
        "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev held "
        "their first bilateral meeting in Abu Dhabi on Thursday, with the UAE acting as host, "
        "and agreed to continue negotiations on a peace treaty."
    )
    r = _tag(learned, text, title, lang="en")
    assert r.is_negotiation
    assert {"ARM", "AZE"} <= set(r.parties)


def test_signing_a_peace_declaration_is_negotiation(learned: Tagger):
    """A declaration of peace or of principles is a deal's first text."""
    title = "أرمينيا وأذربيجان توقعان إعلاناً للسلام في البيت الأبيض"
    text = (
        "وقع رئيس الوزراء الأرميني نيكول باشينيان والرئيس الأذربيجاني إلهام علييف إعلاناً "
        "مشتركاً في البيت الأبيض بحضور الرئيس الأمريكي دونالد ترامب، يمهد لاتفاق سلام ينهي "
        "عقوداً من النزاع."
    )
    r = _tag(learned, text, title)
    assert r.is_negotiation and {"ARM", "AZE"} <= set(r.parties)


def test_a_brief_the_rules_call_a_negotiation_needs_less_of_the_model(learned: Tagger):
    """Three lines hold little of what the model weighs (length, talk sentences)."""
    title = "Oman's foreign minister carries message between Tehran and Washington"
    text = (
        "MUSCAT - Oman's Foreign Minister Badr Albusaidi visited Tehran on Saturday carrying a "
        "message from Washington, Iranian state media reported, as the two countries weigh a "
        "return to nuclear negotiations stalled since June. Iranian Foreign Minister Abbas "
        "Araqchi said Tehran was studying the message."
    )
    assert _tag(learned, text, title, lang="en").is_negotiation
    # a brief the rules do not call a negotiation stays out
    text = "Oman's Foreign Minister visited Tehran on Saturday and met his counterpart."
    assert not _tag(learned, text, "Omani minister in Tehran", lang="en").is_negotiation


def test_a_brief_the_model_is_fairly_sure_of_is_a_negotiation_without_the_rules(
    learned: Tagger,
):
    """The rules' count falls short on a few lines; the model, above 0.4, decides."""
    title = "الشرع يلتقي وفداً من قسد لبحث دمج المؤسسات"
    text = (
        "التقى الرئيس السوري أحمد الشرع وفداً من قوات سوريا الديمقراطية برئاسة مظلوم عبدي في "
        "دمشق، وجرى بحث تنفيذ اتفاق العاشر من آذار القاضي بدمج المؤسسات المدنية والعسكرية في "
        "شمال شرق سوريا ضمن مؤسسات الدولة."
    )
    a = learned.analyse(ArticleInput(id="t", title=title, text=text))
    assert not a.negotiation.is_negotiation
    assert learned.decide_negotiation(a)[0]


def test_a_batch_of_the_swap_deal_is_negotiation(learned: Tagger):
    title = "حماس تفرج عن 3 محتجزين وإسرائيل تطلق سراح 183 أسيراً"
    text = (
        "أفرجت حركة حماس السبت عن ثلاثة محتجزين إسرائيليين، فيما أطلقت إسرائيل سراح "
        "183 أسيراً فلسطينياً ضمن الدفعة السادسة من صفقة التبادل."
    )
    assert _tag(learned, text, title).is_negotiation


def test_war_report_without_talks(tagger: Tagger):
    text = "قصفت الطائرات مواقع في شمال سوريا وقتل عشرات المسلحين من داعش في المعارك."
    r = _tag(tagger, text)
    assert not r.is_negotiation
    assert r.to_spec()["thread"] is None


def test_an_exchange_of_fire_is_fighting_and_a_lasting_stop_to_it_a_truce(tagger: Tagger):
    fighting = (
        "قتل 20 شخصا على الأقل في تبادل لإطلاق النار بين مسلحين خلال حفل زفاف في أفغانستان، "
        "وقالت الشرطة إن الجانبين تبادلا لإطلاق النار ساعة كاملة قبل وصول قوات الأمن."
    )
    r = _tag(tagger, fighting, title="20 قتيلا في تبادل لإطلاق النار خلال زفاف في أفغانستان")
    assert not r.is_negotiation
    truce = fighting + " وأعلنت الحكومة وحركة طالبان وقفاً دائماً لإطلاق النار بوساطة قطرية."
    assert _tag(tagger, truce, title="وقف دائم لإطلاق النار في أفغانستان").is_negotiation


def test_brokerage_is_not_mediation(tagger: Tagger):
    text = "سجلت شركات الوساطة في السوق السعودية تراجعا في قيم التداولات وخسر المؤشر 50 نقطة."
    assert not _tag(tagger, text).is_negotiation


# --- English -----------------------------------------------------------------


def test_the_democratic_republic_of_congo_is_not_its_neighbour(tagger: Tagger):
    """The Republic of the Congo is "Congo" alone; the DRC's names are longer."""
    for name in ("the Democratic Republic of Congo", "the Democratic Republic of the Congo"):
        r = _tag(tagger, f"{name} and the M23 signed a declaration in Doha.", lang="en")
        assert "COD" in r.actors and "COG" not in r.actors, name


def test_english_article(tagger: Tagger):
    text = (
        "Qatari and Egyptian mediators said negotiations between Israel and Hamas on a "
        "ceasefire and the release of hostages would resume in Doha. US officials joined the talks."
    )
    r = _tag(tagger, text, lang="en")
    assert r.is_negotiation
    assert {"ISR", "hamas"} <= set(r.parties)
    assert {"QAT", "EGY"} <= set(r.mediators)
    assert {"ceasefire", "hostages"} <= set(r.topics)


def test_english_us_is_not_the_pronoun(tagger: Tagger):
    r = _tag(tagger, "Tell us what you think about the weather.", lang="en")
    assert "USA" not in r.actors


# --- spec output, lexicon records, threads -----------------------------------


def test_to_spec_shape(tagger: Tagger):
    r = _tag(tagger, "وقالت حماس إنها ترفض المقترح الإسرائيلي بشأن الهدنة والرهائن.")
    spec = r.to_spec()
    assert set(spec) == {
        "id",
        "is_negotiation",
        "actors",
        "parties",
        "mediators",
        "topics",
        "thread",
        "persons",
        "cited_sources",
        "mentions",
        "events",
    }
    assert spec["actors"] == sorted(set(spec["actors"]))


def test_lexicon_records_round_trip(lexicon: Lexicon):
    actors, persons, outlets = lexicon.to_records()
    again = Lexicon.from_records(actors, persons, outlets)
    assert again.to_records() == (actors, persons, outlets)
    assert again.version == lexicon.version
    assert lexicon.actor("QAT") is not None and lexicon.actor("hamas") is not None


def test_every_iso_country_present(lexicon: Lexicon):
    ids = {a.id for a in lexicon.actors}
    assert {"USA", "ISR", "PSE", "SSD", "UKR", "VNM"} <= ids
    assert len([i for i in ids if i.isupper()]) >= 240


def test_thread_assignment_and_proposed_key():
    defs = load_thread_defs()
    key, score = assign_thread(
        {"houthis", "YEM"}, {"un"}, {"ceasefire"}, None, normalize("الحديدة"), defs
    )
    assert key == "yemen-peace-talks" and score > 0
    # A proposed thread is named after its two main sides, not its topic.
    assert proposed_key({"USA", "IRN"}, {"nuclear", "sanctions"}) == "proposed:IRN+USA"
    assert proposed_key({"USA": 0.9, "IRN": 0.8, "OMN": 0.2}) == "proposed:IRN+USA"


def test_the_us_hostage_envoy_talking_to_hamas_is_their_direct_channel(learned: Tagger):
    """The envoy's title names the track even where his name is not given."""
    title = "Hamas confirms Doha meetings with US hostage envoy as Israel sends negotiators"
    text = (
        "A senior Hamas official confirmed on Sunday that the group had held several meetings "
        "in Doha with the U.S. hostage envoy, the first known direct talks between Washington "
        "and the group. Israel said it would send negotiators to Qatar for talks with the "
        "Qatari and Egyptian mediators on extending the ceasefire in Gaza."
    )
    r = _tag(learned, text, title, lang="en", published_at="2025-03-10")
    assert r.thread == "us-hamas-direct-channel"


def test_a_syrian_story_names_the_opposition_by_what_it_is(tagger: Tagger):
    """«المعارضة المسلحة» is the Syrian opposition in a story that names Syria,
    and nobody's in one that does not (``contextual`` in context_names.yaml)."""
    text = (
        "استضافت أستانا جولة جديدة من المحادثات بين وفدي الحكومة السورية والمعارضة المسلحة "
        "برعاية روسيا وتركيا."
    )
    assert "syrian_opposition" in _tag(tagger, text).actors
    text = "اشتبكت القوات الحكومية مع المعارضة المسلحة في شمال البلاد."
    assert "syrian_opposition" not in _tag(tagger, text).actors


def test_greek_cypriots_are_cyprus_and_turkish_cypriots_not_turkey(tagger: Tagger):
    r = _tag(
        tagger,
        "استأنف زعيم القبارصة اليونانيين وزعيم القبارصة الأتراك محادثات إعادة توحيد الجزيرة "
        "برعاية الأمم المتحدة.",
    )
    assert "CYP" in r.actors
    assert "GRC" not in r.actors and "TUR" not in r.actors


def test_reconciliation_efforts_between_rivals_are_negotiation(learned: Tagger):
    text = (
        "رام الله - قال عضو اللجنة المركزية لحركة فتح عزام الأحمد إن جهود المصالحة مع حركة "
        "حماس متوقفة بسبب رفض الأخيرة تسليم المعابر لحكومة التوافق الوطني."
    )
    r = _tag(learned, text, "المصالحة الفلسطينية تراوح مكانها")
    assert r.is_negotiation
    assert r.parties == ["fatah", "hamas"]


def test_a_call_to_sign_the_peace_agreement_is_negotiation(learned: Tagger):
    """«اتفاق السلام», the peace agreement named with the article, weighs as a
    deal's name, not as the bare «اتفاق»."""
    text = (
        "باريس (رويترز) - دعت فرنسا اليوم الأطراف الليبية إلى التوقيع على اتفاق السلام الذي "
        "ترعاه الأمم المتحدة، مؤكدة دعمها لجهود المبعوث الأممي برناردينو ليون."
    )
    r = _tag(learned, text, "فرنسا تدعو طرفي النزاع في ليبيا إلى توقيع الاتفاق")
    assert r.is_negotiation
    assert "un" in r.mediators


def test_envoys_and_negotiators_of_current_talks_are_known(tagger: Tagger):
    r = _tag(tagger, "التقى المبعوث ريتشارد غرينيل بالرئيس مادورو في كاراكاس.")
    assert {"USA", "VEN"} <= set(r.actors)
    r = _tag(tagger, "Angola's João Lourenço hosted the talks in Luanda.", lang="en")
    assert "AGO" in r.actors


def test_hosts_named_after_a_shared_hosting_mediate(learned: Tagger):
    text = (
        "انطلقت في سويسرا جولة جديدة من المحادثات الرامية إلى وقف الحرب في السودان، بدعوة من "
        "الولايات المتحدة وباستضافة مشتركة مع السعودية وسويسرا."
    )
    assert {"CHE", "SAU", "USA"} <= set(_tag(learned, text).mediators)


def test_members_of_a_mediating_group_mediate(tagger: Tagger):
    text = (
        "وتتواصل المحادثات بين الجيش السوداني وقوات الدعم السريع في جنيف. ويشارك الاتحاد "
        "الأفريقي والأمم المتحدة ومصر والإمارات ضمن مجموعة الوساطة بصفة مراقبين."
    )
    assert {"ARE", "EGY", "au", "un"} <= set(_tag(tagger, text).mediators)


def test_the_six_powers_with_their_plus_sign_lost_are_p5plus1(tagger):
    text = (
        "وافق مجلس الأمن الدولي بالإجماع على مشروع قرار يصادق على الاتفاق النووي الذي توصلت "
        "إليه دول 5 1 مع طهران في فيينا."
    )
    result = tagger.tag(ArticleInput(id="x", title="", text=text, published_at="2015-07-21"))
    assert "p5plus1" in result.actors


def test_kampala_abuja_and_chisinau_stand_for_their_governments(tagger):
    text = (
        "Kampala and Abuja signed a trade agreement on Monday, while Chisinau said it would "
        "join the talks."
    )
    result = tagger.tag(ArticleInput(id="x", title="", text=text, published_at="2025-03-01"))
    assert {"UGA", "NGA", "MDA"} <= set(result.actors)

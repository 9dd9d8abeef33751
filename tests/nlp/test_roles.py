"""Party and mediator frames, on sentences written for these tests."""

from __future__ import annotations

from articles.nlp import enumerations, roles, vocab
from articles.nlp.tagger import Tagger
from articles.nlp.types import ArticleInput


def _tag(tagger: Tagger, text: str, title: str = ""):
    return tagger.tag(ArticleInput(id="t", title=title, text=text))


def _read(tagger: Tagger, text: str, lang: str | None = None):
    """The rules' reading of ``text``: its references, frames and rule roles."""
    article = ArticleInput(id="t", title="", text=text, lang=lang)
    return tagger.read_roles_and_topics(tagger.analyse(article))


# --- «بوساطة X و Y» binds the mediators, «بين X و Y» the sides ---------------


def test_mediation_adjectives_bind_only_the_mediators(tagger: Tagger):
    r = _tag(tagger, "المفاوضات غير المباشرة بين إسرائيل وحركة حماس بوساطة قطرية ومصرية")
    assert r.parties == ["ISR", "hamas"]
    assert r.mediators == ["EGY", "QAT"]


def test_mediation_before_between(tagger: Tagger):
    r = _tag(
        tagger, "تجري بوساطة مصرية مفاوضات بين الحكومة السودانية وقوات الدعم السريع لوقف القتال."
    )
    assert {"SDN", "rsf"} <= set(r.parties)
    assert r.mediators == ["EGY"]


def test_talks_under_a_powers_supervision_make_it_a_mediator(tagger: Tagger):
    r = _tag(
        tagger,
        "عقدت باكستان الشهر الماضي لقاء بين قياديين من طالبان وممثلين عن الحكومة الأفغانية "
        "من أجل إطلاق محادثات سلام فعلية بإشراف الولايات المتحدة والصين.",
    )
    assert {"CHN", "USA"} <= set(r.mediators)
    assert "USA" not in r.parties


def test_a_joint_mediation_between_its_mediators_names_no_sides(tagger: Tagger):
    r = _tag(
        tagger,
        "أعلن رئيس الوزراء القطري التوصل إلى اتفاق لوقف إطلاق النار في غزة بين إسرائيل وحماس. "
        "وقال إن الاتفاق ثمرة جهود الوساطة المشتركة بين قطر ومصر والولايات المتحدة.",
    )
    assert r.parties == ["ISR", "hamas"]
    assert {"EGY", "QAT", "USA"} <= set(r.mediators)


def test_guarantor_states_named_in_the_indefinite_or_before_their_role_mediate(
    learned: Tagger,
):
    """«بصفة دول ضامنة كل من كوبا والنرويج», "with Cuba and Norway acting as guarantors"."""
    for text in (
        "وقعت الحكومة الكولومبية وجيش التحرير الوطني اتفاقاً لوقف إطلاق النار في هافانا. "
        "وتشارك في رعاية المفاوضات بصفة دول ضامنة كل من كوبا والنرويج والمكسيك.",
        "Colombia's government and the ELN rebels resumed peace talks in Havana on Monday to "
        "negotiate a ceasefire, with Cuba, Norway and Mexico acting as guarantors.",
    ):
        assert {"CUB", "MEX", "NOR"} <= set(_tag(learned, text).mediators), text


def test_guarantors_listed_after_what_they_guarantee_or_named_before_in_the_dual(
    learned: Tagger,
):
    """«الدول الضامنة للعملية، وهي كوبا والنرويج…», «مصر وقطر، الدولتين الضامنتين
    للاتفاق»."""
    listed = _read(
        learned,
        "وقعت الحكومة الكولومبية وجيش التحرير الوطني اتفاقاً لوقف إطلاق النار. وجرت مراسم "
        "التوقيع بحضور ممثلين عن الدول الضامنة للعملية، وهي كوبا والنرويج وفنزويلا.",
    )
    for state in ("CUB", "NOR", "VEN"):
        assert "mediation_nouns" in listed.body_roles.frames.get(state, ()), state
    dual = (
        "تتواصل المفاوضات بين إسرائيل وحماس بشأن المرحلة الثانية من اتفاق وقف إطلاق النار. "
        "وقال المتحدث إن واشنطن تتشاور مع مصر وقطر، الدولتين الضامنتين للاتفاق، بشأن "
        "مشروع القرار."
    )
    assert {"EGY", "QAT"} <= set(_tag(learned, dual).mediators)


def test_a_list_of_guarantors_that_speaks_keeps_all_its_members(tagger: Tagger):
    """ "The guarantor countries, Mexico, Norway and Venezuela, said…": a verb of
    saying after the list's last name does not end the list at its first."""
    listed = _read(
        tagger,
        "Colombia held peace talks with the ELN. The guarantor countries, Mexico, Norway and "
        "Venezuela, said they remained available to support the talks.",
    )
    for state in ("MEX", "NOR", "VEN"):
        assert "mediation_nouns" in listed.body_roles.frames.get(state, ()), state


def test_english_brokered_by_a_list(tagger: Tagger):
    r = _tag(
        tagger,
        "Under the truce brokered by Qatar together with Egypt and the United States, "
        "Hamas freed hostages and Israel released prisoners.",
    )
    assert {"QAT", "EGY", "USA"} <= set(r.mediators)
    assert "hamas" not in r.mediators


# --- hosts and envoys ----------------------------------------------------------


def test_talks_in_a_capital_make_the_host_a_mediator(tagger: Tagger):
    r = _tag(
        tagger,
        "وقالت المصادر إن المفاوضات التي بدأت الأسبوع الماضي في العاصمة القطرية بين "
        "الولايات المتحدة وحركة حماس تركز على الرهائن.",
    )
    assert "QAT" in r.mediators and "QAT" not in r.parties
    assert {"USA", "hamas"} <= set(r.parties)


def test_host_verb_binds_its_subject(tagger: Tagger):
    r = _tag(
        tagger,
        "أعلنت سلطنة عمان أنها ستستضيف جولة جديدة من المحادثات بين إيران والولايات المتحدة.",
    )
    assert r.mediators == ["OMN"]
    assert r.parties == ["IRN", "USA"]


def test_venue_that_is_no_state_names_no_host(tagger: Tagger):
    r = _tag(tagger, "فشلت المحادثات في جنيف ثم جرت أخرى في موسكو بين الحكومة السورية والمعارضة.")
    assert "RUS" not in r.mediators


def test_named_un_envoy_mediates(tagger: Tagger):
    r = _tag(
        tagger,
        "وقال غروندبرغ إن المفاوضات بين الحكومة اليمنية والحوثيين حول تبادل الأسرى مستمرة.",
    )
    assert r.mediators == ["un"]
    assert {"YEM", "houthis"} <= set(r.parties)


# --- sides ---------------------------------------------------------------------


def test_a_chairing_member_is_not_a_side(tagger: Tagger):
    r = _tag(
        tagger,
        "وترأس الاجتماع وزير الخارجية القطري بحضور الأمين العام لمجلس التعاون. "
        "ويهدف الاجتماع المشترك بين وزراء خارجية دول مجلس التعاون الخليجي ووزير الخارجية "
        "الأمريكي إلى بحث ضمانات المفاوضات حول الاتفاق النووي مع إيران.",
    )
    assert "QAT" not in r.parties
    assert {"gcc", "USA", "IRN"} <= set(r.parties)


def test_descriptor_is_not_a_side(tagger: Tagger):
    r = _tag(
        tagger,
        "وأعلن التحالف العربي الذي تقوده السعودية هدنة إنسانية مع الحوثيين لمدة خمسة أيام "
        "لوقف إطلاق النار.",
    )
    assert "SAU" not in r.parties


def test_answering_a_proposal_makes_a_side_and_its_author_a_mediator(tagger: Tagger):
    r = _tag(
        tagger,
        "رفضت حماس المقترح الأمريكي لوقف إطلاق النار. وقالت إسرائيل إنها تدرس المقترح "
        "في إطار المفاوضات غير المباشرة بين إسرائيل وحماس.",
    )
    assert {"ISR", "hamas"} <= set(r.parties)
    assert "USA" in r.mediators and "USA" not in r.parties


def test_agreement_verb_binds_both_subjects(tagger: Tagger):
    r = _tag(
        tagger,
        "اتفقت الولايات المتحدة وروسيا خلال محادثات في الرياض على تشكيل فرق لبحث إنهاء الحرب.",
    )
    assert {"USA", "RUS"} <= set(r.parties)
    assert r.mediators == ["SAU"]


def test_mediating_subject_after_a_verb(tagger: Tagger):
    r = _tag(
        tagger,
        "نجحت الإمارات في التوسط لإتمام صفقة تبادل الأسرى بين روسيا وأوكرانيا.",
    )
    assert r.mediators == ["ARE"]
    assert r.parties == ["RUS", "UKR"]


# --- «عمان»: Oman or Amman -------------------------------------------------------


def test_amman_in_a_list_of_capitals(tagger: Tagger):
    r = _tag(tagger, "ويضم التحالف المقترح أربع عواصم هي الرياض وأنقرة وعمان ودمشق.")
    assert "JOR" in r.actors and "OMN" not in r.actors


def test_bare_oman_as_a_state(tagger: Tagger):
    r = _tag(tagger, "قالت عمان إنها مستعدة للتوسط بين إيران والولايات المتحدة في المفاوضات.")
    assert r.mediators == ["OMN"]


# --- is_negotiation ----------------------------------------------------------------


def test_cabinet_approval_is_not_a_negotiation(tagger: Tagger):
    text = (
        "وقرر مجلس الوزراء الموافقة على اتفاقية تعاون بين حكومة المملكة وحكومة مصر. "
        "وقرر الموافقة على مذكرة تفاهم بين المملكة والأردن. "
        "وقرر الموافقة على اتفاق بين المملكة وتركيا في مجال النقل."
    )
    assert _tag(tagger, text).is_negotiation is False


# --- coreference, relative clauses, proposals ------------------------------------


def test_militias_stand_for_the_houthis_the_story_names(tagger: Tagger):
    r = _tag(
        tagger,
        "سيطرت القوات الحكومية على مواقع الحوثيين في تعز. وكان التحالف قد أعلن هدنة "
        "إنسانية، إلا أن إصرار الميليشيات على القتال أطاح بوقف إطلاق النار.",
    )
    assert "houthis" in r.parties


def test_militias_name_nobody_without_an_antecedent(tagger: Tagger):
    r = _tag(
        tagger,
        "أعلنت الحكومة هدنة لمدة أسبوع، إلا أن إصرار الميليشيات على القتال أطاح بوقف "
        "إطلاق النار بعد مفاوضات شاقة.",
    )
    assert "houthis" not in r.actors and "rsf" not in r.actors


def test_modified_noun_is_not_the_named_group(tagger: Tagger):
    r = _tag(
        tagger,
        "رفضت حماس المقترح الإسرائيلي في المفاوضات، وقالت الحركة الإسلامية في الأردن "
        "إنها تؤيد موقفها.",
    )
    assert [m for m in r.mentions if m.actor == "hamas"][-1].start < 30


def test_subject_before_a_relative_clause_is_a_side(tagger: Tagger):
    r = _tag(
        tagger,
        "وكان التحالف العربي، الذي تقوده السعودية دعما للحكومة الشرعية، قد أعلن هدنة "
        "إنسانية مع الحوثيين لمدة خمسة أيام.",
    )
    assert "arab_coalition" in r.parties
    assert "SAU" not in r.parties


def test_author_of_a_plan_urging_one_side_to_accept_is_a_mediator(tagger: Tagger):
    r = _tag(
        tagger,
        "كشف الرئيس الأمريكي، مساء الخميس، عن تفاصيل مقترح لوقف إطلاق النار قال إن "
        "إسرائيل وافقت عليه، داعيا الحركة إلى قبوله. وقالت حماس إنها تدرس المقترح "
        "الذي تسلمته من الوسطاء.",
    )
    assert {"ISR", "hamas"} <= set(r.parties)
    assert "USA" in r.mediators and "USA" not in r.parties


def test_english_proposal_author_is_a_mediator(tagger: Tagger):
    r = _tag(
        tagger,
        "The US president outlined a three-phase proposal for a truce between Israel and "
        "Hamas, urging Hamas to accept it.",
    )
    assert {"ISR", "hamas"} <= set(r.parties)
    assert r.mediators == ["USA"]


def test_host_city_and_mediator_of_one_round(tagger: Tagger):
    r = _tag(
        tagger,
        "Iran and the United States held a third round of talks in Rome on Saturday, "
        "mediated by Oman.",
    )
    assert r.parties == ["IRN", "USA"]
    assert "OMN" in r.mediators


def test_carrying_messages_between_delegations_is_mediation(tagger: Tagger):
    r = _tag(
        tagger,
        "In the indirect talks, Oman's foreign minister was carrying messages between "
        "the Iranian and American delegations.",
    )
    assert "OMN" in r.mediators and "OMN" not in r.parties


def test_sponsoring_verb_with_an_object_pronoun(tagger: Tagger):
    r = _tag(
        tagger,
        "توقفت المحادثات الإيرانية الأمريكية التي رعتها سلطنة عمان بعد خمس جولات.",
    )
    assert r.mediators == ["OMN"]


def test_dual_commitment_verb_binds_both_sides(tagger: Tagger):
    r = _tag(
        tagger,
        "أعلن الميسرون أن القوات المسلحة السودانية وقوات الدعم السريع التزمتا بتسهيل "
        "إيصال المساعدات، لكن المحادثات لم تفض إلى اتفاق على وقف لإطلاق النار.",
    )
    assert {"SDN", "rsf"} <= set(r.parties)


def test_attending_minister_is_not_a_side(tagger: Tagger):
    r = _tag(
        tagger,
        "انطلقت جولة جديدة من المفاوضات بين روسيا وأوكرانيا بحضور وزير الخارجية التركي.",
    )
    assert r.parties == ["RUS", "UKR"]


def test_venue_after_the_partner_of_with(tagger: Tagger):
    r = _tag(
        tagger,
        "أجرى وزير الخارجية الأمريكي محادثات مع نظيره الروسي في الرياض لبحث إنهاء الحرب "
        "في أوكرانيا.",
    )
    assert {"USA", "RUS"} <= set(r.parties)
    assert r.mediators == ["SAU"]


def test_mediators_named_in_apposition(tagger: Tagger):
    ar = _tag(tagger, "سلمت حركة حماس ردها على مقترح وقف إطلاق النار إلى الوسطاء في مصر وقطر.")
    en = _tag(
        tagger,
        "Hamas handed its response to the ceasefire proposal to the mediators, Qatar and Egypt.",
    )
    for r in (ar, en):
        assert r.parties == ["hamas"]
        assert r.mediators == ["EGY", "QAT"]


def test_the_members_a_group_of_mediators_holds_mediate(tagger: Tagger):
    ar = _tag(
        tagger,
        "اختتمت المحادثات بين الحكومة السودانية وقوات الدعم السريع حول وقف إطلاق النار. "
        "وقالت مجموعة الوسطاء، التي تضم سويسرا والنرويج، إن الطرفين قدما ضمانات.",
    )
    en = _tag(
        tagger,
        "Sudan's government and the Rapid Support Forces ended ceasefire talks on Friday. "
        "The mediators, which include Switzerland and Norway, said both sides gave guarantees.",
    )
    for r in (ar, en):
        assert {"CHE", "NOR"} <= set(r.mediators)
        assert not {"CHE", "NOR"} & set(r.parties)


def test_entering_or_joining_a_mediation_mediates(tagger: Tagger):
    ar = _tag(
        tagger,
        "دخلت سلطنة عمان على خط الوساطة للوصول إلى حل سياسي للأزمة السورية، حيث وصل وزير "
        "الخارجية السوري إلى مسقط أمس.",
    )
    en = _tag(tagger, "Turkey joined the mediation between Russia and Ukraine on a grain deal.")
    assert ar.mediators == ["OMN"] and "OMN" not in ar.parties
    assert en.mediators == ["TUR"] and "TUR" not in en.parties


def test_delegations_of_the_two_countries(tagger: Tagger):
    r = _tag(
        tagger,
        "وصل وزير الخارجية الروسي إلى أنقرة لإجراء مباحثات مع نظيره التركي حول الأزمة. "
        "واتفق وفدا البلدين في ختام المفاوضات على صفقة تبادل الأسرى.",
    )
    assert r.is_negotiation
    assert r.parties == ["RUS", "TUR"]


def test_the_two_sides_in_english(tagger: Tagger):
    r = _tag(
        tagger,
        "Ethiopian and Egyptian negotiators met in Cairo on Monday for a new round of talks "
        "on the dam. The two sides agreed to resume negotiations within a month.",
    )
    assert r.parties == ["EGY", "ETH"]


def test_plural_countries_is_not_a_pair(tagger: Tagger):
    r = _tag(
        tagger,
        "تنتشر الخلايا في البلدان الأوروبية، ويقول خبراء إن فرنسا وتونس تواجهان الخطر نفسه.",
    )
    assert not r.is_negotiation


def test_the_group_and_a_list_that_ends_before_a_new_clause(tagger: Tagger):
    r = _tag(
        tagger,
        "Hamas said the group had accepted the ceasefire proposal from mediators Qatar and "
        "Egypt, and the group's delegation will travel to Cairo for talks with Israel.",
    )
    assert r.parties == ["ISR", "hamas"]
    assert r.mediators == ["EGY", "QAT"]
    assert sum(m.actor == "hamas" for m in r.mentions) == 3


# --- the word guard of the sentence patterns ---------------------------------


def test_word_guard_skips_no_match():
    # A guarded pattern finds in a sentence what it finds unguarded: every
    # word of the cue families (so a word a pattern has and its guard lacks
    # shows), bare, with a clitic or inside a longer word, and sentences
    # that hold the frames.
    sentences = [
        "المفاوضات بين إسرائيل وحماس مستمرة مع الوسطاء",
        "توصلت كينيا إلى اتفاق مع تنزانيا، وقدمت مصر مقترحا",
        "talks between Iran and the US with Oman; Britain signed a deal with France",
        "التقى الوزير نظيره القطري وحث الطرفين على القبول",
    ]
    words = {w for family in vocab.families() for w in vocab.ordered(family)}
    words |= {w for ws in roles._SENTENCE_PATTERNS.patterns.values() for w in ws}
    sentences += [s for w in sorted(words) for s in (f"قال {w} ذلك", f"و{w}، ف{w}", f"ب{w}x {w}_")]
    guard = roles._SENTENCE_PATTERNS
    for sent in sentences:
        scanned = guard.scan(sent)
        for pattern in guard.patterns:
            expected = [m.span() for m in pattern.finditer(sent)]
            assert [m.span() for m in scanned.finditer(pattern)] == expected, (pattern, sent)


def test_a_verb_of_saying_ends_the_sides_after_between(tagger: Tagger):
    """Turkey speaks in a clause of its own ("reached between Israel and Hamas
    and said Ankara was ready"): it is no side of the deal."""
    text = (
        "Turkey's foreign ministry welcomed the ceasefire agreement reached between Israel and "
        "Hamas and said Ankara was ready to contribute to the reconstruction of Gaza."
    )
    a = tagger.analyse(ArticleInput(id="t", title="", text=text, lang="en"))
    tagger.read_body_roles(a)
    assert "between" in a.body_roles.frames["ISR"]
    assert "between" not in a.body_roles.frames.get("TUR", {})


def test_the_people_of_the_sides_take_in_before_their_states(tagger: Tagger):
    """«بين وزراء الري في السودان، مصر وإثيوبيا»: the ministers' «في» and the
    list's comma keep all three states in the list of sides."""
    a = _read(
        tagger,
        "تنطلق غدا في الخرطوم جولة المفاوضات بين وزراء الري في السودان، مصر وإثيوبيا "
        "حول سد النهضة.",
    )
    for state in ("SDN", "EGY", "ETH"):
        assert "between" in a.body_roles.frames[state], state


def test_a_comma_after_the_lists_and_still_ends_the_sides(tagger: Tagger):
    """«بين إسرائيل وحماس، قطر ومصر…»: after the list's «و» a comma starts a
    clause of its own."""
    a = _read(
        tagger,
        "استؤنفت المفاوضات بين إسرائيل وحماس، قطر ومصر تواصلان الاتصالات مع الطرفين.",
    )
    assert "between" in a.body_roles.frames["ISR"]
    assert "between" not in a.body_roles.frames.get("QAT", {})


def test_in_after_a_place_still_ends_the_sides(tagger: Tagger):
    a = _read(tagger, "تعقد المحادثات بين الجانبين في العاصمة القطرية الدوحة الأسبوع المقبل.")
    assert "between" not in a.body_roles.frames.get("QAT", {})


def test_a_time_between_a_brokering_participle_and_its_by(tagger: Tagger):
    a = _read(
        tagger,
        "Russia halted its part in the grain deal, brokered a year ago by Turkey and "
        "the United Nations, saying its own exports had been blocked.",
        lang="en",
    )
    assert "mediation_passive" in a.body_roles.frames.get("TUR", {})
    assert "mediation_passive" in a.body_roles.frames.get("un", {})


def test_a_go_betweens_channel_names_the_mediator(tagger: Tagger):
    a = _read(
        tagger,
        "وجرت المباحثات بين الولايات المتحدة والحوثيين عبر القناة العمانية دون لقاءات مباشرة.",
    )
    assert a.body_roles.frames.get("OMN")
    assert "OMN" in a.rule_mediators


# --- a pair's dual head, a dateline before the verb ------------------------------


_DUAL_HEAD = (
    "اتفقت حكومتا السودان وجنوب السودان في أديس أبابا برعاية الاتحاد الأفريقي على "
    "استئناف ضخ النفط عبر الأنابيب، ورحبت الوساطة الأفريقية بالاتفاق."
)


def test_a_dual_head_before_a_pair_binds_both_as_sides(tagger: Tagger):
    a = _read(tagger, _DUAL_HEAD)
    assert a.body_roles.frames["SDN"] == {"agree": 1.0}
    assert a.body_roles.frames["SSD"] == {"agree": 1.0}


def test_a_side_the_text_binds_is_no_mediator_by_the_thread_alone(learned: Tagger):
    # The likeliest thread lists Sudan among South Sudan's mediators; the
    # text makes it a side of its own agreement and names no mediation of it.
    r = learned.tag(ArticleInput(id="t", title="", text=_DUAL_HEAD))
    assert r.parties == ["SDN", "SSD"]
    assert r.mediators == ["au"]


def test_the_threads_mediator_announcing_a_deal_between_two_sides_mediates(learned: Tagger):
    # The text binds Israel and Hamas across the deal («بين»); Qatar, which the
    # likeliest thread lists as a mediator, only announces it.
    text = (
        "الدوحة - أعلن رئيس مجلس الوزراء وزير الخارجية القطري الشيخ محمد بن عبدالرحمن آل "
        "ثاني التوصل إلى اتفاق لوقف إطلاق النار في قطاع غزة وتبادل الأسرى والمحتجزين بين "
        "إسرائيل وحركة حماس، يدخل حيز التنفيذ يوم الأحد المقبل."
    )
    r = learned.tag(ArticleInput(id="t", title="قطر تعلن التوصل إلى اتفاق", text=text))
    assert r.parties == ["ISR", "hamas"]
    assert r.mediators == ["QAT"]


def test_a_side_delegation_received_by_the_threads_mediator(learned: Tagger):
    text = (
        "CAIRO (Reuters) - A Hamas delegation arrived in Cairo on Tuesday for talks with "
        "Egyptian officials on a Gaza truce, as CIA Director William Burns and Israel's Mossad "
        "chief David Barnea held talks with Qatar's prime minister and Egypt's intelligence chief."
    )
    r = learned.tag(ArticleInput(id="t", title="Hamas delegation in Cairo", text=text, lang="en"))
    assert "EGY" in r.mediators and "EGY" not in r.parties


def test_a_dateline_before_the_verb_is_not_its_subject(tagger: Tagger):
    a = _read(
        tagger,
        "رويترز- الصخيرات (المغرب): وقّع يوم الأحد بعض الجماعات الليبية المتحاربة على اتفاق "
        "مبدئي برعاية الأمم المتحدة لتشكيل حكومة وحدة وإنهاء القتال، بعد مفاوضات استمرت "
        "شهوراً بين الأطراف الليبية.",
    )
    assert "MAR" in a.actors
    assert "agree" not in a.body_roles.frames.get("MAR", {})
    assert "MAR" not in a.rule_parties


def test_a_feminine_dual_agreement_verb_binds_both_capitals(tagger: Tagger):
    a = _read(
        tagger,
        "قال مسؤولون أتراك إن أنقرة وواشنطن توصلتا إلى تفاهم حول إقامة منطقة آمنة شمال سوريا "
        "بعد مفاوضات استمرت أشهراً.",
    )
    assert a.body_roles.frames["TUR"].get("agree") and a.body_roles.frames["USA"].get("agree")


def test_officials_of_two_states_resuming_talks_meet_each_other(tagger: Tagger):
    frames = _read(
        tagger, "استأنف مسؤولون أتراك وإسرائيليون في جنيف محادثات سرية لتطبيع العلاقات بين البلدين."
    ).body_roles.frames
    assert frames["TUR"].get("meeting") and frames["ISR"].get("meeting")


def test_a_mediation_noun_before_a_mediator_noun_leaves_the_binding_to_it(tagger: Tagger):
    frames = _read(
        tagger,
        "دعا الاتحاد الأفريقي حكومة بوروندي والمعارضة إلى حوار شامل تحت رعاية الوسيط الأوغندي "
        "لإنهاء الأزمة.",
    ).body_roles.frames
    assert "mediation_subject" not in frames.get("BDI", {})
    assert frames["UGA"]


# --- a group spelled out in parentheses sits where its members sit ------------

_TPP = (
    "أعلن مفاوضو الدول الـ12 في ختام اجتماعهم في هاواي أنهم لم يتوصلوا إلى اتفاق نهائي. "
    "وقال الممثل الأميركي للتجارة إن الولايات المتحدة وأستراليا ستواصلان المفاوضات. "
    "ولم يحدد موعد لاجتماع جديد للدول الـ12 (الولايات المتحدة والبيرو وتشيلي وكندا "
    "والمكسيك وأستراليا) في المفاوضات."
)


def test_a_listed_group_shares_the_sides_of_its_members(tagger: Tagger):
    a = tagger.analyse(ArticleInput(id="t", title="", text=_TPP))
    found = enumerations.groups(a.norm, a.body_refs, lambda at: True)
    assert found == [frozenset({"USA", "PER", "CHL", "CAN", "MEX", "AUS"})]
    widened = enumerations.share_roles(found, {"USA": 0.9, "AUS": 0.7}, {})
    assert set(widened) == set(found[0]) and widened["PER"] == 0.7


def test_a_listed_group_with_one_side_or_a_mediator_stays_as_it_was(tagger: Tagger):
    group = [frozenset({"PRT", "ITA", "IRL", "GRC", "ESP"})]
    assert enumerations.share_roles(group, {"GRC": 0.9, "eu": 0.8}, {}) == {"GRC": 0.9, "eu": 0.8}
    two = {"GRC": 0.9, "ITA": 0.6}
    assert enumerations.share_roles(group, two, {"ESP": 0.7}) == two


def test_a_list_in_parentheses_after_no_group_noun_is_no_group(tagger: Tagger):
    text = "وزار الوزير ثلاث عواصم (الرياض والقاهرة وعمّان) قبل المفاوضات."
    a = tagger.analyse(ArticleInput(id="t", title="", text=text))
    assert enumerations.groups(a.norm, a.body_refs, lambda at: True) == []


def test_a_side_named_before_the_talks_hosts_its_own_round(tagger: Tagger):
    """«عقدت الولايات المتحدة والهند جولة مفاوضات … في نيودلهي»: India is a side
    of the round held in its capital, not its go-between."""
    r = _tag(
        tagger,
        "وعقدت الولايات المتحدة والهند جولة مفاوضات تجارية بشأن الرسوم الجمركية في نيودلهي.",
    )
    assert "IND" not in r.mediators


def test_states_named_before_the_group_of_mediators_they_sit_in_mediate(tagger: Tagger):
    listed = _read(
        tagger,
        "تتواصل في جنيف المحادثات بين الجيش السوداني وقوات الدعم السريع برعاية أمريكية "
        "سعودية. وتشارك مصر والإمارات والاتحاد الأفريقي ضمن مجموعة الوسطاء بصفة مراقبين.",
    )
    for actor in ("EGY", "ARE", "au"):
        assert "mediation_verbs" in listed.body_roles.frames.get(actor, ()), actor

from pathlib import Path

import pytest

from articles.nlp.cleaning import split_stories

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
P1 = "قال المتحدث باسم الخارجية إن المفاوضات مع الوفد الآخر ستستأنف الأسبوع المقبل في العاصمة العمانية مسقط."
P2 = "وأضاف في مؤتمر صحافي أن بلاده تلقت مقترحا جديدا عبر الوسطاء وأنها تدرسه بعناية قبل الرد عليه رسميا."
P3 = "وأكد أن أي اتفاق يجب أن يضمن وقفا دائما لإطلاق النار وانسحابا كاملا وعودة النازحين إلى منازلهم."


def seed(prefix: str) -> str:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.exists() else []
    if not matches:
        pytest.skip("seed pages not present")
    return matches[0].read_text(encoding="utf-8")


def test_seed_000_is_two_clean_stories():
    raw = seed("000")
    first, second = split_stories("", raw)
    assert first.publisher == "سكاي نيوز عربية"
    assert "كلمات دلالية" not in first.text and "المصدر" not in first.text
    assert first.text.startswith("تشهد العلاقة بين إسرائيل والولايات المتحدة")
    assert first.text.endswith("عام 1997.")
    assert second.title == "طهران: لا صحة لما يتم تداوله عن بدء المفاوضات مع واشنطن"
    assert second.byline == "يمن مونيتور/وكالات"
    assert second.text.startswith("قال المتحدث باسم وزارة الخارجية الإيرانية")
    assert "مقالات مشابهة" not in second.text and "•" not in second.text
    assert "يمن مونيتور" not in second.text
    # Offsets point into the raw text, which stays the source of truth.
    assert raw[second.start : second.end].startswith(second.title)
    for story in (first, second):
        assert story.text == "\n\n".join(raw[s:e] for s, e in story.spans)
        assert raw[story.raw_offset(10) : story.raw_offset(10) + 5] == story.text[10:15]


def test_seed_002_is_one_story_unchanged():
    raw = seed("002")
    (story,) = split_stories("", raw)
    assert story.text == raw.strip()
    assert (story.publisher, story.byline, story.start, story.end) == ("", "", 0, len(raw.rstrip()))


def test_plain_article_unchanged_except_trimming():
    raw = f"  {P1}\n{P2}\n\n{P3}\n\n"
    (story,) = split_stories("عنوان", raw)
    assert story.text == raw.strip() and story.title == "عنوان"


def test_tag_list_related_list_and_share_prompts_are_removed():
    raw = "\n".join(
        [
            P1,
            "",
            "شارك هذا المقال",
            "تابعونا على تويتر وفيسبوك",
            P2,
            "",
            "الكلمات المفتاحية",
            "مفاوضات",
            "مسقط",
            "",
            P3,
            "اضغط هنا للمزيد",
            "\u00a0",
            "مواضيع ذات صلة",
            "- وزير الخارجية يصل إلى مسقط",
            "- مقترح جديد على الطاولة",
        ]
    )
    (story,) = split_stories("t", raw)
    assert story.text == f"{P1}\n\n{P2}\n\n{P3}"


def test_markers_match_with_hamza_and_diacritic_variants():
    for marker in (
        "إقرأ أيضاً:",
        "اقرا ايضا :",
        "اقرأ أيضًا",
        "وُسُوم: أ ب",
        "كلمـات دلاليـة: مفاوضات",
    ):
        raw = f"{P1}\n{P2}\n\n{marker}\n\n• عنوان أول قصير\n• عنوان ثان قصير"
        (story,) = split_stories("t", raw)
        assert story.text == f"{P1}\n{P2}", marker


def test_read_also_list_of_headlines_is_not_a_story():
    raw = f"{P1}\n\nاقرأ أيضا:\nمسقط تستضيف جولة جديدة من المحادثات\n\n{P2}\n\n{P3}"
    (story,) = split_stories("t", raw)
    assert story.text == f"{P1}\n\n{P2}\n\n{P3}"


def test_read_also_story_with_byline_and_publisher_forms():
    raw = (
        f"القاهرة - محمد علي\n\n{P1}\n\nالمصدر : وكالات\n\n"
        f"اقرأ أيضا:\nعنوان القصة الثانية عن المحادثات\nلندن: رنيم حنوش\n{P2}\n{P3}\n"
    )
    first, second = split_stories("الأولى", raw)
    assert (first.title, first.byline, first.publisher, first.text) == (
        "الأولى",
        "القاهرة - محمد علي",
        "وكالات",
        P1,
    )
    assert (second.title, second.byline, second.text) == (
        "عنوان القصة الثانية عن المحادثات",
        "لندن: رنيم حنوش",
        f"{P2}\n{P3}",
    )


def test_english_source_line_and_sentence_starting_with_share():
    text = "The envoy said the talks in Doha would resume next week with both delegations present."
    verb = (
        "شارك وزير الخارجية في اجتماع مطول مع المبعوث الأممي لبحث سبل استئناف المفاوضات المتعثرة."
    )
    (story,) = split_stories("t", f"{text}\n{verb}\nSource: Reuters")
    assert story.publisher == "Reuters"
    assert story.text == f"{text}\n{verb}"


def test_only_boilerplate_gives_no_story():
    assert split_stories("t", "كلمات دلالية: أ ب ج\n\nشارك") == []

import hashlib

import numpy as np

from articles.nlp import dedup
from articles.nlp.normalize import normalize

STORY = (
    "قال المتحدث باسم وزارة الخارجية إن المفاوضات غير المباشرة بين الطرفين ستستأنف الأسبوع "
    "المقبل في العاصمة العمانية مسقط بحضور الوسطاء، مؤكدا أن بلاده تلقت مقترحا جديدا يتضمن "
    "وقفا لإطلاق النار وتبادلا للأسرى وإدخال المساعدات الإنسانية إلى المناطق المتضررة، وأضاف "
    "أن الوفد المفاوض سيعرض رد الحكومة على المقترح خلال الجولة المقبلة من المحادثات التي "
    "تستضيفها سلطنة عمان، مشيرا إلى أن الخلاف ما زال قائما حول آلية الرقابة على تنفيذ الاتفاق "
    "وجدول الانسحاب من المدن، وأن الأمم المتحدة أبدت استعدادها لإرسال مراقبين دوليين."
)
OTHER = (
    "أعلن نادي الهلال تعاقده مع لاعب الوسط البرازيلي لمدة ثلاثة مواسم بعد مفاوضات استمرت "
    "أسابيع مع ناديه السابق، وقال رئيس النادي إن الصفقة تأتي ضمن خطة تدعيم الفريق قبل انطلاق "
    "الموسم الجديد، فيما يخوض الفريق معسكره الإعدادي في النمسا ويلعب عدة مباريات ودية."
)


def test_content_hash_ignores_diacritics_hamza_and_spacing():
    plain = "اعلن الرئيس ان المفاوضات ستستانف في القاهرة"
    marked = "أعلنَ  الرئيسُ إنّ المفاوضاتِ ستستأنف\nفي القاهرة "
    assert dedup.content_hash(plain) == dedup.content_hash(marked)
    assert dedup.content_hash(marked) == dedup.content_hash(normalize(marked))
    assert dedup.content_hash(plain) != dedup.content_hash(plain + " غدا")


def test_content_hash_is_sha1_of_collapsed_normalised_text():
    for text in [STORY, OTHER, "", " \u200f ", "A\u00a0B\tc", "«حماس»، و𝐀 ٣"]:
        expected = hashlib.sha1(" ".join(normalize(text).split()).encode()).hexdigest()
        assert dedup.content_hash(text) == expected


def test_near_duplicate_above_threshold_unrelated_below():
    edited = STORY.replace("الأسبوع المقبل", "الأسبوع القادم").replace("مؤكدا", "مضيفا")
    edited = "مسقط - وكالات\n" + edited
    a, b, c = dedup.signature(STORY), dedup.signature(edited), dedup.signature(OTHER)
    assert a.dtype == np.uint32 and a.shape == (dedup.NUM_PERM,)
    assert dedup.jaccard_estimate(a, b) >= dedup.THRESHOLD
    assert dedup.jaccard_estimate(a, c) < 0.2
    assert set(dedup.lsh_bands(a)) & set(dedup.lsh_bands(b))
    assert not set(dedup.lsh_bands(a)) & set(dedup.lsh_bands(c))


def test_batch_equals_single_and_is_deterministic():
    texts = [STORY, OTHER, "", "كلمتان فقط", STORY]
    batch = dedup.fingerprints(texts)
    for text, (digest, sig) in zip(texts, batch, strict=True):
        one = dedup.fingerprint(text)
        assert one[0] == digest and np.array_equal(one[1], sig)
    assert np.array_equal(batch[2][1], dedup.EMPTY)
    assert not np.array_equal(batch[3][1], dedup.EMPTY)
    assert np.array_equal(batch[0][1], batch[4][1])


def test_a_text_longer_than_a_block_leaves_its_neighbours_alone(monkeypatch):
    # A text of more shingles than a block is signed on its own; the texts
    # grouped before it must not take its shingles into their minimum.
    monkeypatch.setattr(dedup, "_BLOCK", 64)
    texts = [OTHER[:120], STORY, "كلمتان فقط", OTHER[120:240]]
    assert len(STORY.split()) > 64 + dedup.SHINGLE_WORDS
    batch = dedup.fingerprints(texts)
    for text, (digest, sig) in zip(texts, batch, strict=True):
        one = dedup.fingerprint(text)
        assert one[0] == digest and np.array_equal(one[1], sig)


def test_batch_equals_single_on_every_kind_of_spacing():
    texts = ["", " ", "\n\n", "«»،", " a ", "aـb  c\u200f", "\u064bأ ب", "x\t\ty", "«حماس»", "١ 𝐀"]
    batch = dedup.fingerprints(texts)
    for text, (digest, sig) in zip(texts, batch, strict=True):
        one = dedup.fingerprint(text)
        assert one[0] == digest and np.array_equal(one[1], sig)
        expected = hashlib.sha1(" ".join(normalize(text).split()).encode()).hexdigest()
        assert digest == expected


def test_band_keys_fit_bigint_and_round_trip():
    sig = dedup.signature(STORY)
    keys = dedup.lsh_bands(sig)
    assert len(keys) == dedup.BANDS
    assert all(0 <= k < 2**63 for k in keys)
    assert len(set(keys)) == dedup.BANDS
    assert dedup.lsh_bands(dedup.signature_from_bytes(dedup.signature_to_bytes(sig))) == keys
    # Same values in another band give another key.
    same = np.tile(sig[:8], dedup.BANDS)
    assert len(set(dedup.lsh_bands(same))) == dedup.BANDS


def test_band_choice_puts_the_s_curve_on_the_threshold():
    def candidate(j: float) -> float:
        return 1 - (1 - j**dedup.ROWS) ** dedup.BANDS

    assert dedup.BANDS * dedup.ROWS == dedup.NUM_PERM
    assert candidate(0.5) < 0.1 < 0.5 < candidate(0.7) < candidate(0.8)
    assert candidate(0.8) > 0.9 and candidate(0.9) > 0.99

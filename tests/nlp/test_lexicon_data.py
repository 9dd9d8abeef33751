"""Consistency checks for the curated lexicon data in ``articles/nlp/data``.

Pure data tests: they read the YAML files with PyYAML and check them against
the tagging contract (actor ids), ISO 3166-1 (pycountry) and each other. They
need no Django and no tagger code.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "articles" / "nlp" / "data"

# The organisation and non-state actor ids of the tagging contract.
SPEC_ORG_IDS = frozenset(
    {
        "un",
        "eu",
        "arab_league",
        "gcc",
        "au",
        "oic",
        "nato",
        "iaea",
        "icrc",
        "p5plus1",
        "hamas",
        "pij",
        "fatah",
        "plo",
        "hezbollah",
        "houthis",
        "syrian_opposition",
        "isis",
        "taliban",
        "rsf",
        "sdf",
        "pkk",
        "arab_coalition",
    }
)
ISO_ALPHA3 = frozenset(c.alpha_3 for c in pycountry.countries)
VALID_ACTOR_IDS = ISO_ALPHA3 | SPEC_ORG_IDS

COUNTRY_KEYS = frozenset(
    {
        "name_ar",
        "name_en",
        "aliases_ar",
        "aliases_en",
        "demonyms_ar",
        "demonyms_en",
        "metonyms_ar",
        "metonyms_en",
    }
)
ORG_KEYS = frozenset(
    {"name_ar", "name_en", "aliases_ar", "aliases_en", "demonyms_ar", "metonyms_ar", "metonyms_en"}
)
PERSON_KEYS = frozenset(
    {"name_ar", "name_en", "affiliation", "title_en", "aliases_ar", "aliases_en"}
)
OUTLET_KEYS = frozenset({"name_ar", "name_en", "aliases_ar", "aliases_en", "needs_context"})

# Ordinary words and very common given names that must never stand alone as
# a person alias (compared after folding and dropping the article «ال»).
COMMON_WORDS_AR = (
    "محمد",
    "أحمد",
    "علي",
    "حسن",
    "حسين",
    "عباس",
    "عبد الله",
    "عبدالله",
    "خالد",
    "سعيد",
    "صالح",
    "هادي",
    "سلام",
    "المعلم",
    "الشرع",
    "الأسد",
    "العربي",
    "مالي",
    "فتح",
    "بري",
    "عون",
    "سعد",
    "فيصل",
    "ماي",
    "جودة",
    "سلمان",
    "عمر",
    "يوسف",
    "إبراهيم",
    "إسماعيل",
    "موسى",
    "مصطفى",
    "محمود",
    "ناصر",
    "جمال",
    "كمال",
    "رشيد",
    "سالم",
    "أمير",
    "الشيخ",
    "رئيسي",
    "مشار",
    "البطش",
    "النسور",
    "مخبر",
    "سريع",
    "عقار",
    "معصوم",
    "حجاب",
    "لولا",
    "دار",
    "غني",
    "المنفي",
    "السراج",
    "الضيف",
    "الحية",
    "مشعل",
    "البشير",
    "مالي",
    "المالكي",
    "الحريري",
    "الجعفري",
    "البرغوثي",
    "السنوار",
    "كوهين",
    "شريف",
    "باراك",
)

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC = re.compile("[\u0600-\u06ff]")


def fold(text: str) -> str:
    """Simple matching key: no diacritics, one alef, ى→ي, ة→ه, no leading «ال»."""
    t = _AR_DIACRITICS.sub("", text)
    t = re.sub("[أإآٱ]", "ا", t).replace("ى", "ي").replace("ة", "ه")
    t = t.replace("ی", "ي").replace("ک", "ك")
    t = " ".join(t.lower().split())
    if t.startswith("ال") and len(t) > 4:
        t = t[2:]
    return t


def _load(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, Any]]:
    return _load("countries.yaml")


@pytest.fixture(scope="module")
def organisations() -> dict[str, dict[str, Any]]:
    return _load("organisations.yaml")


@pytest.fixture(scope="module")
def persons() -> list[dict[str, Any]]:
    return _load("persons.yaml")


@pytest.fixture(scope="module")
def outlets() -> list[dict[str, Any]]:
    return _load("outlets.yaml")


def _strings(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    assert isinstance(value, list), f"{key} must be a list, got {value!r}"
    for v in value:
        assert isinstance(v, str) and v.strip(), f"{key} holds an empty or non-string item: {v!r}"
    return value


def _check_scripts(entry: dict[str, Any], where: str) -> None:
    for key in entry:
        if key.endswith("_ar"):
            values = [entry[key]] if isinstance(entry[key], str) else _strings(entry, key)
            for v in values:
                # Arabic script, or a Latin-free token such as «5+1».
                ok = _ARABIC.search(v) or not re.search("[A-Za-z]", v)
                assert ok, f"{where}: {key} item {v!r} is not Arabic"
        elif key.endswith("_en"):
            values = [entry[key]] if isinstance(entry[key], str) else _strings(entry, key)
            for v in values:
                assert not _ARABIC.search(v), f"{where}: {key} item {v!r} holds Arabic"


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    "name", ["countries.yaml", "organisations.yaml", "persons.yaml", "outlets.yaml"]
)
def test_file_parses(name: str) -> None:
    data = _load(name)
    assert data, f"{name} is empty"


# ---------------------------------------------------------------- countries


def test_country_keys_are_iso_alpha3(countries: dict[str, Any]) -> None:
    bad = [k for k in countries if not isinstance(k, str) or k not in ISO_ALPHA3]
    assert not bad, f"not ISO 3166-1 alpha-3 codes: {bad}"


def test_country_entries_are_well_formed(countries: dict[str, Any]) -> None:
    for code, entry in countries.items():
        assert isinstance(entry, dict), code
        assert set(entry) <= COUNTRY_KEYS, f"{code}: unknown keys {set(entry) - COUNTRY_KEYS}"
        for key in COUNTRY_KEYS - {"name_ar", "name_en"}:
            _strings(entry, key)
        _check_scripts(entry, code)


def test_required_states_are_covered(countries: dict[str, Any]) -> None:
    arab_league = (
        "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM"
    )
    others = (
        "USA RUS CHN GBR FRA DEU IRN TUR ISR UKR ITA ESP JPN IND PAK AFG ETH SSD ERI "
        "VEN CUB PRK KOR ARM AZE"
    )
    missing = [c for c in (arab_league + " " + others).split() if c not in countries]
    assert not missing, f"missing supplements for {missing}"
    for code in arab_league.split():
        assert countries[code].get("aliases_ar"), f"{code} has no Arabic alias"
        assert countries[code].get("demonyms_ar"), f"{code} has no Arabic demonym"


# ------------------------------------------------------------ organisations


def test_organisation_ids_match_the_spec(organisations: dict[str, Any]) -> None:
    assert set(organisations) == SPEC_ORG_IDS


def test_organisation_entries_are_well_formed(organisations: dict[str, Any]) -> None:
    for oid, entry in organisations.items():
        assert isinstance(entry, dict), oid
        assert set(entry) <= ORG_KEYS, f"{oid}: unknown keys {set(entry) - ORG_KEYS}"
        assert str(entry.get("name_ar") or "").strip(), f"{oid}: empty name_ar"
        assert str(entry.get("name_en") or "").strip(), f"{oid}: empty name_en"
        for key in ORG_KEYS - {"name_ar", "name_en"}:
            _strings(entry, key)
        _check_scripts(entry, oid)


# ------------------------------------------------------------------ persons


def test_enough_persons(persons: list[dict[str, Any]]) -> None:
    assert len(persons) >= 300


def test_person_entries_are_well_formed(persons: list[dict[str, Any]]) -> None:
    for p in persons:
        assert isinstance(p, dict), p
        where = p.get("name_en") or p.get("name_ar")
        assert set(p) <= PERSON_KEYS, f"{where}: unknown keys {set(p) - PERSON_KEYS}"
        assert str(p.get("name_ar") or "").strip(), f"empty name_ar: {p}"
        assert str(p.get("name_en") or "").strip(), f"empty name_en: {p}"
        assert "affiliation" in p, f"{where}: affiliation missing (use null)"
        _strings(p, "aliases_ar")
        _strings(p, "aliases_en")
        _check_scripts(p, where)


def test_person_affiliations_are_actor_ids(persons: list[dict[str, Any]]) -> None:
    bad = [
        (p["name_en"], p["affiliation"])
        for p in persons
        if p["affiliation"] is not None and p["affiliation"] not in VALID_ACTOR_IDS
    ]
    assert not bad, f"unknown affiliations: {bad}"


def test_person_names_are_unique(persons: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for p in persons:
        for key in ("name_ar", "name_en"):
            k = fold(p[key])
            assert k not in seen, f"{p[key]!r} listed twice ({seen[k]} and {p['name_en']})"
            seen[k] = p["name_en"]


def test_no_alias_shared_by_two_persons(persons: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        for text in [
            p["name_ar"],
            p["name_en"],
            *(p.get("aliases_ar") or []),
            *(p.get("aliases_en") or []),
        ]:
            owners[fold(text)].add(p["name_en"])
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared, f"aliases shared by several persons: {shared}"


def test_no_common_word_as_single_word_person_alias(persons: list[dict[str, Any]]) -> None:
    common = {fold(w) for w in COMMON_WORDS_AR}
    bad = [
        (p["name_en"], a)
        for p in persons
        for a in p.get("aliases_ar") or []
        if " " not in a.strip() and fold(a) in common
    ]
    assert not bad, f"ambiguous single-word aliases: {bad}"


# ------------------------------------------------------------------ outlets


def test_outlets_are_well_formed(outlets: list[dict[str, Any]]) -> None:
    assert len(outlets) >= 100
    seen: dict[str, str] = {}
    for o in outlets:
        assert isinstance(o, dict), o
        assert set(o) <= OUTLET_KEYS, f"{o}: unknown keys {set(o) - OUTLET_KEYS}"
        assert str(o.get("name_ar") or "").strip(), f"empty name_ar: {o}"
        assert str(o.get("name_en") or "").strip(), f"empty name_en: {o}"
        assert isinstance(o.get("needs_context", False), bool)
        _strings(o, "aliases_ar")
        _strings(o, "aliases_en")
        _check_scripts({k: v for k, v in o.items() if k != "needs_context"}, o["name_en"])
        for text in [o["name_ar"], *(o.get("aliases_ar") or [])]:
            k = fold(text)
            assert k not in seen or seen[k] == o["name_en"], (
                f"{text!r} names both {seen[k]} and {o['name_en']}"
            )
            seen[k] = o["name_en"]


# ------------------------------------------------- cross-file alias conflicts


def _actor_alias_owners(
    countries: dict[str, Any], organisations: dict[str, Any], persons: list[dict[str, Any]]
) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for code, entry in countries.items():
        for key in COUNTRY_KEYS:
            for text in [entry[key]] if isinstance(entry.get(key), str) else entry.get(key) or []:
                owners[fold(text)].add(code)
    for oid, entry in organisations.items():
        for key in ORG_KEYS:
            for text in [entry[key]] if isinstance(entry.get(key), str) else entry.get(key) or []:
                owners[fold(text)].add(oid)
    for p in persons:
        owner = p["affiliation"] or f"person:{p['name_en']}"
        for text in [
            p["name_ar"],
            p["name_en"],
            *(p.get("aliases_ar") or []),
            *(p.get("aliases_en") or []),
        ]:
            owners[fold(text)].add(owner)
    return owners


def test_no_alias_names_two_actors(
    countries: dict[str, Any], organisations: dict[str, Any], persons: list[dict[str, Any]]
) -> None:
    owners = _actor_alias_owners(countries, organisations, persons)
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, f"aliases assigned to several actors: {clashes}"


def test_no_alias_collides_with_another_states_iso_name(
    countries: dict[str, Any], organisations: dict[str, Any], persons: list[dict[str, Any]]
) -> None:
    """The loader adds pycountry's names; hand-written aliases must not steal them."""
    import gettext

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"], fallback=True)
    iso_owner: dict[str, str] = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", None) or ""]
        ar = tr.gettext(c.name)
        names += [part.split("(")[0] for part in ar.split("،")] if ar != c.name else []
        for n in names:
            if n.strip():
                iso_owner.setdefault(fold(n), c.alpha_3)
    owners = _actor_alias_owners(countries, organisations, persons)
    # Shared on purpose (the ISO owner keeps it from pycountry, and the story's
    # other names decide): "Congo" alone is DR Congo in today's wires unless the
    # story names the Republic of the Congo.
    shared = {fold("Congo")}
    clashes = {
        k: (iso_owner[k], sorted(v))
        for k, v in owners.items()
        if k in iso_owner and v != {iso_owner[k]} and k not in shared
    }
    assert not clashes, f"aliases that are another state's ISO name: {clashes}"

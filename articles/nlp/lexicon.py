"""Who can be named in an article: states, organisations, people, outlets.

Countries come from ISO 3166-1 (pycountry and its Arabic translation) so
that every state has an id and a name without anyone typing the list; the
Arabic adjectives (nisba: قطر → قطري، قطرية، القطريين …) are derived by rule.
The YAML files in ``data/`` only add what rules cannot know: colloquial
names, capitals and institutions used for the state, organisations, people
and outlets.

The Django side keeps the lexicon in the database so analysts can edit it;
``to_records``/``from_records`` are the plain-dict bridge for that.
"""

from __future__ import annotations

import gettext
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml
from camel_tools.utils.dediac import dediac_ar

from articles.nlp.normalize import normalize

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"
_SAMPLE_DIR_NAME = "_dev_sample"

ALIAS_KINDS = ("name", "demonym", "metonym")


@dataclass(frozen=True)
class AliasEntry:
    text: str
    lang: str  # 'ar' | 'en'
    kind: str  # 'name' | 'demonym' | 'metonym'


@dataclass(frozen=True)
class ActorEntry:
    id: str
    kind: str  # 'state' | 'org'
    name_ar: str
    name_en: str
    aliases: tuple[AliasEntry, ...] = ()


@dataclass(frozen=True)
class PersonEntry:
    name_ar: str
    name_en: str
    affiliation: str | None
    title_en: str = ""
    aliases: tuple[AliasEntry, ...] = ()


@dataclass(frozen=True)
class OutletEntry:
    name_ar: str
    name_en: str
    aliases: tuple[AliasEntry, ...] = ()


# Words too generic to stand for one country once a prefix such as
# «جمهورية» is stripped.
_STATE_PREFIXES_AR = ("جمهوريه ", "دوله ", "مملكه ", "اماره ", "سلطنه ")
# English adjectives that follow the -i pattern (Qatari, Iraqi, Omani…).
_EN_I_DEMONYM = frozenset(
    ["QAT", "IRQ", "KWT", "YEM", "OMN", "BHR", "PAK", "BGD", "AZE", "ISR", "SAU"]
)


def _stopped(text: str, stop: frozenset[str]) -> bool:
    """Whether a rule-made form is on the stop list (``generated_stop.yaml``:
    ordinary words, given names, clashes between states, ISO mistranslations),
    bare or with «ال»."""
    norm = normalize(text)
    return norm in stop or (norm.startswith("ال") and norm[2:] in stop)


def _ar_translator() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    except OSError:  # pragma: no cover - pycountry always ships Arabic
        return gettext.NullTranslations()


def _display(raw: str) -> str:
    """A readable Arabic name: diacritics dropped, letters otherwise as written."""
    first = raw.split("،")[0].split("(")[0]
    return " ".join(dediac_ar(first).split())


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def _ar_name_variants(raw: str) -> list[str]:
    """Split an ISO Arabic name into the forms news actually uses.

    «إيران، الجمهوريّة الإسلاميّة الإيرانيّة» and «المجر (هنغاريا)» hold two
    names each; «جمهورية بوليفيا» is usually just «بوليفيا».
    """
    text = normalize(raw).replace("(", "،").replace(")", "").replace("  ", " ")
    out: list[str] = []
    for part in text.split("،"):
        part = " ".join(part.split())
        if not part or not _is_arabic(part):
            continue
        out.append(part)
        for prefix in _STATE_PREFIXES_AR:
            if part.startswith(prefix) and len(part) > len(prefix) + 2:
                out.append(part[len(prefix) :])
    return out


def written_article(name: str) -> bool:
    """Whether ``name`` begins with the article «ال» as written.

    «ألمانيا» and «ألبانيا» begin with letters of the name itself: their
    adjectives are «الألماني», «ألبانية», never «ماني». Normalised, the two
    look alike, so this reads the spelling before normalisation.
    """
    return name.strip().startswith("ال")


def arabic_nisba(name: str, *, article: bool | None = None) -> list[str]:
    """Adjective forms of a one-word Arabic country name (قطر → قطري …).

    The definite article is stripped first (``article``: whether the name
    has one; by default read from its spelling, see :func:`written_article`),
    a final alef or teh marbuta (normalised to heh) is dropped, and a name
    already ending in yeh (تشيلي) keeps it. Returns masculine, feminine and
    plural forms, each with and without «ال»; clitics such as «و» or «لل»
    are added by the matcher.
    """
    base = normalize(name).strip()
    if " " in base or len(base) < 3:
        return []
    if article is None:
        article = written_article(name)
    if article and base.startswith("ال"):
        base = base[2:]
    if base.endswith("يا") or base.endswith("ا") or base.endswith("ه"):
        base = base[:-1]
    stem = base if base.endswith("ي") else base + "ي"
    if len(stem) < 3:
        return []
    forms = [stem, stem + "ه", stem + "ين", stem + "ون", stem + "ات"]
    return forms + ["ال" + f for f in forms]


def english_demonym(name: str, alpha3: str) -> list[str]:
    """Regular English adjectives where the pattern is safe (Syria → Syrian)."""
    if " " in name or "," in name or "(" in name:
        return []
    low = name.lower()
    if low.endswith("a"):
        stem = low + "n"
    elif alpha3 in _EN_I_DEMONYM:
        stem = low + "i"
    elif low.endswith("o"):
        stem = low + "an"
    elif low[-1] in "nt" and alpha3 not in ("SDN", "JPN", "TWN", "VNM", "ESP", "DNK"):
        stem = low + "ian"
    else:
        return []
    return [stem, stem + "s"]


def _aliases(raw: dict[str, Any], lang: str, key: str, kind: str) -> list[AliasEntry]:
    values = raw.get(key) or []
    if isinstance(values, str):
        values = [values]
    return [AliasEntry(str(v).strip(), lang, kind) for v in values if str(v).strip()]


def _dedupe(aliases: list[AliasEntry]) -> tuple[AliasEntry, ...]:
    seen: set[tuple[str, str]] = set()
    out: list[AliasEntry] = []
    for a in aliases:
        key = (normalize(a.text), a.kind)
        if key in seen or not key[0]:
            continue
        seen.add(key)
        out.append(a)
    return tuple(out)


def _read_yaml(path: Path) -> Any:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _supplement_aliases(raw: dict[str, Any]) -> list[AliasEntry]:
    out: list[AliasEntry] = []
    for lang in ("ar", "en"):
        out += _aliases(raw, lang, f"aliases_{lang}", "name")
        out += _aliases(raw, lang, f"demonyms_{lang}", "demonym")
        out += _aliases(raw, lang, f"metonyms_{lang}", "metonym")
    return out


def _country_entries(supplements: dict[str, Any], stop: frozenset[str]) -> list[ActorEntry]:
    """All ISO 3166-1 states, names from pycountry, forms by rule (less the
    normalised forms in ``stop``), plus data."""
    tr = _ar_translator()
    drafts: dict[str, tuple[str, str, list[AliasEntry]]] = {}
    owners: dict[str, set[str]] = {}
    for c in pycountry.countries:
        en_names = [c.name]
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and v not in en_names:
                en_names.append(v)
        aliases: list[AliasEntry] = []
        for n in en_names:
            if "," in n:  # "Iran, Islamic Republic of" is a catalogue form
                continue
            aliases.append(AliasEntry(n, "en", "name"))
            for d in english_demonym(n, c.alpha_3):
                aliases.append(AliasEntry(d, "en", "demonym"))
        ar_names: list[str] = []
        first_written = ""
        for n in en_names:
            t = tr.gettext(n)
            if t != n:
                first_written = first_written or t
                ar_names += [v for v in _ar_name_variants(t) if v not in ar_names]
        for k, n in enumerate(ar_names):
            aliases.append(AliasEntry(n, "ar", "name"))
            if k == 0:  # adjectives only from the short name, not official titles
                for d in arabic_nisba(n, article=written_article(first_written)):
                    aliases.append(AliasEntry(d, "ar", "demonym"))
        name_ar = _display(tr.gettext(c.name)) if ar_names else c.name
        short_en = getattr(c, "common_name", None) or c.name
        drafts[c.alpha_3] = (name_ar, short_en, aliases)
        for a in aliases:
            owners.setdefault(normalize(a.text), set()).add(c.alpha_3)

    entries: list[ActorEntry] = []
    for code, (name_ar, name_en, aliases) in drafts.items():
        kept = [
            a for a in aliases if len(owners[normalize(a.text)]) == 1 and not _stopped(a.text, stop)
        ]
        sup = supplements.get(code) or {}
        if sup.get("name_ar"):
            name_ar = sup["name_ar"]
        if sup.get("name_en"):
            name_en = sup["name_en"]
        extra = _supplement_aliases(sup)
        for a in extra:
            form = normalize(a.text)
            if a.lang != "ar" or " " in form:
                continue
            # A hand-written name's adjectives, and a hand-written adjective's other
            # forms («أفغاني» → «الأفغانية», «الأفغانيين»): the data lists the one form
            # the rule cannot make from the name (أفغانستان), not all of them.
            adjective = a.kind == "demonym" and form.endswith("ي") and not written_article(a.text)
            if a.kind == "name" or adjective:
                kept += [
                    AliasEntry(d, "ar", "demonym")
                    for d in arabic_nisba(a.text)
                    if not _stopped(d, stop)
                ]
        entries.append(ActorEntry(code, "state", name_ar, name_en, _dedupe([*extra, *kept])))
    return entries


def _org_entries(raw: dict[str, Any]) -> list[ActorEntry]:
    out = []
    for oid, spec in (raw or {}).items():
        spec = spec or {}
        aliases = _supplement_aliases(spec)
        for lang in ("ar", "en"):
            if spec.get(f"name_{lang}"):
                aliases.insert(0, AliasEntry(spec[f"name_{lang}"], lang, "name"))
        out.append(
            ActorEntry(
                str(oid),
                "org",
                spec.get("name_ar") or str(oid),
                spec.get("name_en") or str(oid),
                _dedupe(aliases),
            )
        )
    return out


def _named_aliases(spec: dict[str, Any]) -> tuple[AliasEntry, ...]:
    aliases: list[AliasEntry] = []
    for lang in ("ar", "en"):
        if spec.get(f"name_{lang}"):
            aliases.append(AliasEntry(spec[f"name_{lang}"], lang, "name"))
        aliases += _aliases(spec, lang, f"aliases_{lang}", "name")
    return _dedupe(aliases)


def _alias_records(aliases: tuple[AliasEntry, ...]) -> list[dict[str, str]]:
    return [{"text": a.text, "lang": a.lang, "kind": a.kind} for a in aliases]


def _alias_from_records(rows: list[dict[str, Any]] | None) -> tuple[AliasEntry, ...]:
    return tuple(
        AliasEntry(r["text"], r.get("lang") or "ar", r.get("kind") or "name") for r in rows or []
    )


@dataclass
class Lexicon:
    actors: list[ActorEntry] = field(default_factory=list)
    persons: list[PersonEntry] = field(default_factory=list)
    outlets: list[OutletEntry] = field(default_factory=list)

    @property
    def version(self) -> str:
        """Fingerprint of the content, so stored tags can say what made them."""
        blob = json.dumps(self.to_records(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]

    def actor(self, actor_id: str) -> ActorEntry | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    @classmethod
    def from_data_dir(cls, path: Path = DEFAULT_DATA_DIR) -> Lexicon:
        """Build from pycountry plus the YAML supplements in ``path``.

        A file missing from ``path`` is taken from ``path/_dev_sample/`` when
        present, so a partly written data folder still gives a usable lexicon.
        """
        path = Path(path)

        def load(name: str) -> Any:
            found = _read_yaml(path / name)
            if found is None:
                found = _read_yaml(path / _SAMPLE_DIR_NAME / name)
            return found

        countries = load("countries.yaml") or {}
        orgs = load("organisations.yaml") or {}
        persons_raw = load("persons.yaml") or []
        outlets_raw = load("outlets.yaml") or []
        # The stop list belongs to the rules that make the forms: a folder of
        # names without one keeps the package's.
        stopped = load("generated_stop.yaml") or _read_yaml(
            DEFAULT_DATA_DIR / "generated_stop.yaml"
        )
        stop = frozenset(normalize(str(w)) for w in stopped or ())
        actors = _country_entries({str(k).upper(): v for k, v in countries.items()}, stop)
        actors += _org_entries(orgs)
        persons = [
            PersonEntry(
                name_ar=p.get("name_ar") or p.get("name_en") or "",
                name_en=p.get("name_en") or "",
                affiliation=p.get("affiliation") or None,
                title_en=p.get("title_en") or "",
                aliases=_named_aliases(p),
            )
            for p in persons_raw
            if p and (p.get("name_ar") or p.get("name_en"))
        ]
        outlets = [
            OutletEntry(
                name_ar=o.get("name_ar") or o.get("name_en") or "",
                name_en=o.get("name_en") or "",
                aliases=_named_aliases(o),
            )
            for o in outlets_raw
            if o and (o.get("name_ar") or o.get("name_en"))
        ]
        return cls(actors, persons, outlets)

    @classmethod
    def from_records(
        cls,
        actors: list[dict[str, Any]],
        persons: list[dict[str, Any]],
        outlets: list[dict[str, Any]],
    ) -> Lexicon:
        """Rebuild from plain dicts (database rows); records are complete, no rules run."""
        return cls(
            [
                ActorEntry(
                    r["id"],
                    r.get("kind") or ("state" if r["id"].isupper() else "org"),
                    r.get("name_ar") or "",
                    r.get("name_en") or "",
                    _alias_from_records(r.get("aliases")),
                )
                for r in actors
            ],
            [
                PersonEntry(
                    r.get("name_ar") or "",
                    r.get("name_en") or "",
                    r.get("affiliation") or None,
                    r.get("title_en") or "",
                    _alias_from_records(r.get("aliases")),
                )
                for r in persons
            ],
            [
                OutletEntry(
                    r.get("name_ar") or "",
                    r.get("name_en") or "",
                    _alias_from_records(r.get("aliases")),
                )
                for r in outlets
            ],
        )

    def to_records(
        self,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        """Plain JSON-able dicts, the inverse of ``from_records``."""
        actors = [
            {
                "id": a.id,
                "kind": a.kind,
                "name_ar": a.name_ar,
                "name_en": a.name_en,
                "aliases": _alias_records(a.aliases),
            }
            for a in self.actors
        ]
        persons = [
            {
                "name_ar": p.name_ar,
                "name_en": p.name_en,
                "affiliation": p.affiliation,
                "title_en": p.title_en,
                "aliases": _alias_records(p.aliases),
            }
            for p in self.persons
        ]
        outlets = [
            {"name_ar": o.name_ar, "name_en": o.name_en, "aliases": _alias_records(o.aliases)}
            for o in self.outlets
        ]
        return actors, persons, outlets

"""Zoom's `country` field takes an ISO 3166-1 alpha-2 code; lists hold names, in the organiser's language.

The names come from pycountry (the ISO 3166-1 list, maintained with Debian's iso-codes): each country's
name, official name and common name, in English and in the French and Spanish translations it ships,
plus alpha-2 and alpha-3 codes. A few everyday forms no standard lists ("UK", "USA", "South Korea"...) are
added by hand. Matching ignores case, accents, dots and the order of "Korea, Republic of".
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import lru_cache

LANGUAGES = ("fr", "es")
_EVERYDAY: dict[str, str] = {
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "usa": "US", "us": "US", "america": "US", "united states": "US", "eeuu": "US", "ee uu": "US",
    "south korea": "KR", "korea": "KR", "north korea": "KP", "russia": "RU", "rossiya": "RU", "turkey": "TR",
    "turkiye": "TR", "iran": "IR", "syria": "SY", "vietnam": "VN", "laos": "LA", "bolivia": "BO",
    "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "palestine": "PS", "taiwan": "TW",
    "ivory coast": "CI", "cote d'ivoire": "CI", "dr congo": "CD", "drc": "CD", "congo kinshasa": "CD",
    "congo brazzaville": "CG", "czech republic": "CZ", "holland": "NL", "the netherlands": "NL",
    "uae": "AE", "emirates": "AE", "espanya": "ES", "deutschland": "DE", "brasil": "BR", "bharat": "IN",
    "macedonia": "MK", "swaziland": "SZ", "burma": "MM", "cape verde": "CV", "vatican": "VA",
    "hong kong": "HK", "macau": "MO", "macao": "MO", "micronesia": "FM", "brunei": "BN",
}  # fmt: skip


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("’", "'").replace(".", "").replace("-", " ")
    return " ".join(plain.split())


def _variants(name: str) -> list[str]:
    """ "Korea, Republic of" is also "Republic of Korea"; "Bolivia, Plurinational State of" also "Bolivia"."""
    folded = _fold(name)
    found = [folded]
    if ", " in folded:
        head, _, tail = folded.partition(", ")
        found += [f"{tail} {head}", head] if tail else [head]
    if " (" in folded:
        found.append(folded.split(" (")[0])
    return found


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    import pycountry

    translators = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                   for lang in LANGUAGES]  # fmt: skip
    names: dict[str, str] = {}
    ambiguous: set[str] = set()
    for country in pycountry.countries:
        code = country.alpha_2
        texts = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
        english = [t for t in texts if t]
        for text in [*english, *(tr.gettext(t) for tr in translators for t in english)]:
            for variant in _variants(text):
                if names.get(variant, code) != code:
                    ambiguous.add(variant)  # a short form two countries share ("congo") names neither
                names.setdefault(variant, code)
        names[country.alpha_3.casefold()] = code
    for variant in ambiguous:
        names.pop(variant, None)
    names.update(_EVERYDAY)
    return names


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """The alpha-2 code for a code, an alpha-3 code or a known name, else None."""
    import pycountry

    text = value.strip()
    if len(text) == 2 and pycountry.countries.get(alpha_2=text.upper()) is not None:
        return text.upper()
    return _names().get(_fold(text))

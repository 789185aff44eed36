"""Zoom's `country` field takes an ISO 3166-1 alpha-2 code; lists usually hold a country name."""

from __future__ import annotations

import unicodedata

ISO_CODES = frozenset(
    """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
    GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
    JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
    MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
    RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
    TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split()  # noqa: SIM905 - 249 codes read better as text
)

# Names (English, and the local or Spanish/French/Catalan forms organisers type) of the countries of Metropolis
# members and other frequent ones. Anything else can be given as a code.
_NAMES: dict[str, str] = {
    "spain": "ES", "espana": "ES", "espanya": "ES", "espagne": "ES", "france": "FR", "francia": "FR",
    "portugal": "PT", "germany": "DE", "deutschland": "DE", "alemania": "DE", "italy": "IT", "italia": "IT",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "reino unido": "GB", "ireland": "IE",
    "belgium": "BE", "belgique": "BE", "netherlands": "NL", "switzerland": "CH", "suisse": "CH", "austria": "AT",
    "sweden": "SE", "norway": "NO", "denmark": "DK", "finland": "FI", "poland": "PL", "greece": "GR",
    "russia": "RU", "russian federation": "RU", "rossiya": "RU", "ukraine": "UA", "turkey": "TR", "turkiye": "TR",
    "united states": "US", "united states of america": "US", "usa": "US", "estados unidos": "US", "canada": "CA",
    "mexico": "MX", "brazil": "BR", "brasil": "BR", "argentina": "AR", "chile": "CL", "colombia": "CO",
    "peru": "PE", "ecuador": "EC", "bolivia": "BO", "uruguay": "UY", "paraguay": "PY", "venezuela": "VE",
    "cuba": "CU", "dominican republic": "DO", "guatemala": "GT", "costa rica": "CR", "panama": "PA",
    "china": "CN", "people's republic of china": "CN", "japan": "JP", "south korea": "KR", "korea": "KR",
    "republic of korea": "KR", "india": "IN", "bharat": "IN", "indonesia": "ID", "malaysia": "MY",
    "philippines": "PH", "thailand": "TH", "vietnam": "VN", "viet nam": "VN", "singapore": "SG",
    "bangladesh": "BD", "pakistan": "PK", "sri lanka": "LK", "nepal": "NP", "iran": "IR", "iraq": "IQ",
    "saudi arabia": "SA", "united arab emirates": "AE", "uae": "AE", "qatar": "QA", "jordan": "JO",
    "lebanon": "LB", "israel": "IL", "palestine": "PS", "egypt": "EG", "morocco": "MA", "maroc": "MA",
    "marruecos": "MA", "algeria": "DZ", "tunisia": "TN", "tunisie": "TN", "libya": "LY", "senegal": "SN",
    "cote d'ivoire": "CI", "ivory coast": "CI", "ghana": "GH", "nigeria": "NG", "cameroon": "CM",
    "cameroun": "CM", "kenya": "KE", "tanzania": "TZ", "uganda": "UG", "rwanda": "RW", "ethiopia": "ET",
    "south africa": "ZA", "mozambique": "MZ", "angola": "AO", "democratic republic of the congo": "CD",
    "dr congo": "CD", "mali": "ML", "burkina faso": "BF", "niger": "NE", "benin": "BJ", "togo": "TG",
    "australia": "AU", "new zealand": "NZ", "kazakhstan": "KZ", "uzbekistan": "UZ", "azerbaijan": "AZ",
    "armenia": "AM", "georgia": "GE", "mongolia": "MN", "taiwan": "TW", "hong kong": "HK",
}  # fmt: skip


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(plain.replace("’", "'").replace(".", "").split())


def country_code(value: str) -> str | None:
    """The alpha-2 code for a code or a known name, else None."""
    text = value.strip()
    if len(text) == 2 and text.upper() in ISO_CODES:
        return text.upper()
    return _NAMES.get(_fold(text))

"""Country names spelled out, as the WHO Trial Registration Data Set asks (item 11).

Protocols and registry records mostly spell countries out ("China", "Korea, Republic of"); a
code ("CN", "CHN", "USA", "UK") becomes the country's name. Chinese documents show the name
in Chinese where ISO 3166 has a translation. pycountry (ISO 3166 with its translations) is
imported only when a document is rendered.
"""

from __future__ import annotations

from functools import cache

_NOT_ISO = {"UK": "GB"}  # codes in everyday use that ISO 3166 spells otherwise


def country_name(text: str, lang: str = "en") -> str:
    value = str(text).strip()
    country = _lookup(value)
    if country is None:
        return value
    is_code = value.isupper() and value.isalpha() and len(value) <= 3
    english = (getattr(country, "common_name", None) or country.name) if is_code else value
    if lang == "zh":
        return _chinese().gettext(country.name) if _chinese().gettext(country.name) != country.name else english
    return english


def _lookup(value: str):
    import pycountry

    try:
        return pycountry.countries.lookup(_NOT_ISO.get(value.upper(), value))
    except LookupError:
        return None


@cache
def _chinese():
    import gettext

    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)

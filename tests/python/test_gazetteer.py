"""The gazetteer (data/gazetteer.json): every name is listed once, every county and city names
an area that is listed, and places of Scotland, Northern Ireland, Ireland, Canada, Australia,
New Zealand and the European countries whose operations the news names most (Austria, Germany,
Spain, Italy, France, the Netherlands, Belgium, Switzerland, Poland, Sweden...) are read as the
scope of a figure.

The extraction tests read the repository's data/gazetteer.json (with the other data files of
the installed package), so they test the gazetteer as edited, not the copy installed with it.
"""

import json
import pathlib

import pytest

import optally

DATA = pathlib.Path(__file__).resolve().parents[2] / "data"
SECTIONS = ["countries", "nations", "states", "forces", "counties", "cities"]


@pytest.fixture(scope="module")
def gazetteer():
    return json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))


def entries(gazetteer, section):
    for item in gazetteer[section]:
        yield {"name": item} if isinstance(item, str) else item


def test_layout_is_the_canonical_dump(gazetteer):
    # json.dumps(indent=1, ensure_ascii=False) with a trailing newline: edits stay reviewable.
    text = (DATA / "gazetteer.json").read_text(encoding="utf-8")
    assert text == json.dumps(gazetteer, indent=1, ensure_ascii=False) + "\n"


def test_no_name_is_listed_twice(gazetteer):
    # The loader keeps the first entry of a phrase and silently drops later ones.
    seen = {}
    twice = []
    for section in SECTIONS:
        for entry in entries(gazetteer, section):
            for name in [entry["name"], *entry.get("aliases", []), *entry.get("police", [])]:
                key = name.lower()
                if key in seen:
                    twice.append(f"{name!r} in {section} ({entry['name']}) and {seen[key]}")
                seen[key] = f"{section} ({entry['name']})"
    assert not twice, "\n".join(twice)


def test_demonyms_are_not_place_names(gazetteer):
    names = {n.lower() for s in SECTIONS for e in entries(gazetteer, s)
             for n in [e["name"], *e.get("aliases", []), *e.get("police", [])]}
    demonyms = [d for s in SECTIONS for e in entries(gazetteer, s) for d in e.get("demonyms", [])]
    assert [d for d in demonyms if d.lower() in names] == []
    assert len({d.lower() for d in demonyms}) == len(demonyms)


def test_every_force_of_a_county_or_city_is_listed(gazetteer):
    # "force" is the area a county or city lies in: a police force ("Northumbria"), a nation
    # with one force ("Scotland"), a state or province ("Ontario"), or a country with a national
    # police ("Ireland", "New Zealand"); empty when the name is shared ("Hamilton").
    areas = {e["name"] for s in ["forces", "nations", "states", "countries"] for e in entries(gazetteer, s)}
    unknown = [(e["name"], e["force"]) for s in ["counties", "cities"] for e in entries(gazetteer, s)
               if e.get("force") and e["force"] not in areas]
    assert unknown == []


def test_kinds_and_fields_are_ones_the_loader_reads(gazetteer):
    fields = {"name", "aliases", "force", "kind", "police", "demonyms"}
    kinds = {"country", "nation", "state", "force", "county", "city"}
    for section in SECTIONS:
        for entry in entries(gazetteer, section):
            assert set(entry) <= fields, entry
            assert entry.get("kind", "city") in kinds, entry
            for key in ["aliases", "police", "demonyms"]:
                assert all(isinstance(x, str) and x for x in entry.get(key, [])), entry


def test_all_territorial_forces_of_england_and_wales_are_listed(gazetteer):
    forces = {e["name"] for e in entries(gazetteer, "forces")}
    forty_three = {
        "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London", "Cleveland", "Cumbria",
        "Derbyshire", "Devon and Cornwall", "Dorset", "Durham", "Dyfed-Powys", "Essex", "Gloucestershire",
        "Greater Manchester", "Gwent", "Hampshire", "Hertfordshire", "Humberside", "Kent", "Lancashire",
        "Leicestershire", "Lincolnshire", "Merseyside", "London", "Norfolk", "North Wales", "North Yorkshire",
        "Northamptonshire", "Northumbria", "Nottinghamshire", "South Wales", "South Yorkshire", "Staffordshire",
        "Suffolk", "Surrey", "Sussex", "Thames Valley", "Warwickshire", "West Mercia", "West Midlands",
        "West Yorkshire", "Wiltshire"}
    assert len(forty_three) == 43
    assert forty_three - forces == set()
    assert "British Transport" in forces


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory):
    # The installed package's data files (which match its code), with the repository's gazetteer.
    folder = tmp_path_factory.mktemp("data")
    for source in optally.data_dir().iterdir():
        if source.name.endswith(".json") and source.name != "gazetteer.json":
            (folder / source.name).write_bytes(source.read_bytes())
    (folder / "gazetteer.json").write_bytes((DATA / "gazetteer.json").read_bytes())
    return optally.load_lexicon(directory=folder)


def scopes(text, lexicon):
    return [(f["metric"], f["value"], f["scope"]) for f in optally.extract(text, lexicon=lexicon)]


# Each sentence names one place the gazetteer did not hold before; the rest of it is a shape
# the extractor reads already ("In Lincolnshire, 14 people were arrested.").
PLACES_ABROAD = [
    # Scotland: a policing division, a council area, a town.
    ("In Greater Glasgow, 17 people were arrested.", "Greater Glasgow"),
    ("In Forth Valley, 6 people were arrested.", "Forth Valley"),
    ("In Highlands and Islands, 4 people were arrested.", "Highlands and Islands"),
    ("In Renfrewshire and Inverclyde, 5 people were arrested.", "Renfrewshire and Inverclyde"),
    ("In West Lothian, 3 people were arrested.", "West Lothian"),
    ("In Paisley, 3 people were arrested.", "Paisley"),
    # Northern Ireland: policing districts, written out or with "&".
    ("In Armagh City, Banbridge and Craigavon, 11 people were arrested.", "Armagh City, Banbridge and Craigavon"),
    ("In Derry City & Strabane, 7 people were arrested.", "Derry City and Strabane"),
    ("In Belfast City, 21 people were arrested.", "Belfast City"),
    ("In Mid Ulster, 2 people were arrested.", "Mid Ulster"),
    ("In Ballymena, 2 people were arrested.", "Ballymena"),
    # Ireland: a county as written, a Garda region.
    ("In County Cork, 3 people were arrested.", "County Cork"),
    ("In Co. Kerry, 3 people were arrested.", "Co Kerry"),
    ("In Galway, 3 people were arrested.", "Galway"),
    ("In the Dublin Metropolitan Region, 16 people were arrested.", "Dublin Metropolitan Region"),
    # Canada.
    ("In the Greater Toronto Area, 19 people were arrested.", "Greater Toronto Area"),
    ("In Ottawa, 22 people were arrested.", "Ottawa"),
    ("In Calgary, 8 people were arrested.", "Calgary"),
    ("In Hamilton, 14 people were arrested.", "Hamilton"),
    # Australia.
    ("In Townsville, 5 people were arrested.", "Townsville"),
    ("In Geelong, 5 people were arrested.", "Geelong"),
    # New Zealand: police districts and cities.
    ("In Counties Manukau, 9 people were arrested.", "Counties Manukau"),
    ("In Waikato, 9 people were arrested.", "Waikato"),
    ("In the Eastern District, 4 people were arrested.", "Eastern District"),
    ("In Christchurch, 6 people were arrested.", "Christchurch"),
]

# Regions and cities of the countries named most in reports of operations: a state, province,
# region or county, its other spellings (German, Spanish, Italian, Dutch; Swedish without its
# diacritics), and cities that lie in them.
EUROPEAN_PLACES = [
    # Austria: a Land in English and in German, a city.
    ("In Styria, 12 people were arrested.", "Styria"),
    ("In Oberösterreich, 12 people were arrested.", "Upper Austria"),
    ("In Tirol, 12 people were arrested.", "Tyrol"),
    ("In Graz, 12 people were arrested.", "Graz"),
    # Germany.
    ("In Bavaria, 14 people were arrested.", "Bavaria"),
    ("In Nordrhein-Westfalen, 14 people were arrested.", "North Rhine-Westphalia"),
    ("In Baden-Württemberg, 14 people were arrested.", "Baden-Württemberg"),
    ("In Hannover, 14 people were arrested.", "Hanover"),
    ("In München, 14 people were arrested.", "Munich"),
    # Spain: a community; Valencia is listed once, as the city.
    ("In Andalucía, 5 people were arrested.", "Andalusia"),
    ("In the Basque Country, 5 people were arrested.", "Basque Country"),
    ("In the Community of Madrid, 5 people were arrested.", "Community of Madrid"),
    ("In Valencia, 5 people were arrested.", "Valencia"),
    # Italy.
    ("In Lombardy, 8 people were arrested.", "Lombardy"),
    ("In Puglia, 8 people were arrested.", "Apulia"),
    ("In Napoli, 8 people were arrested.", "Naples"),
    # France: Île-de-France is read by its spelling without the accent, and the scope keeps
    # the text's spelling (the contract: scopes as written).
    ("In Occitanie, 4 people were arrested.", "Occitanie"),
    ("In Ile-de-France, 4 people were arrested.", "Ile-de-France"),
    ("In Toulouse, 4 people were arrested.", "Toulouse"),
    # The Netherlands and Belgium: "In the Hague" as well as "In The Hague".
    ("In Noord-Brabant, 9 people were arrested.", "North Brabant"),
    ("In The Hague, 9 people were arrested.", "The Hague"),
    ("In the Hague, 9 people were arrested.", "The Hague"),
    ("In Limburg, 9 people were arrested.", "Limburg"),
    ("In Flanders, 9 people were arrested.", "Flanders"),
    # Switzerland, Poland.
    ("In Zürich, 6 people were arrested.", "Zürich"),
    ("In Lodz, 6 people were arrested.", "Lodz"),
    # Sweden: a county with and without its diacritics, a city.
    ("In Skåne, 7 people were arrested.", "Skåne"),
    ("In Vastra Gotaland, 7 people were arrested.", "Vastra Gotaland"),
    ("In Stockholm County, 7 people were arrested.", "Stockholm County"),
    ("In Malmo, 7 people were arrested.", "Malmo"),
    # Denmark, Greece.
    ("In Aarhus, 3 people were arrested.", "Aarhus"),
    ("In Thessaloniki, 3 people were arrested.", "Thessaloniki"),
]


@pytest.mark.parametrize("sentence, scope", PLACES_ABROAD + EUROPEAN_PLACES)
def test_new_place_is_the_scope(sentence, scope, lexicon):
    text = "Operation Glasswing led to 60 arrests nationwide. " + sentence
    assert ("arrests", 60, "total") in scopes(text, lexicon)
    found = [s for metric, value, s in scopes(text, lexicon) if metric == "arrests" and value != 60]
    assert found == [scope]


@pytest.mark.parametrize("text, expected", [
    ("Police in Germany arrested 40 people. Of those, 14 were arrested in Bavaria, nine in "
     "North Rhine-Westphalia and five in Hesse.",
     [(14, "Bavaria"), (9, "North Rhine-Westphalia"), (5, "Hesse")]),
    ("Swedish police arrested 46 people. Of those arrested, 11 live in Vastra Gotaland and seven in Skane.",
     [(11, "Vastra Gotaland"), (7, "Skane")]),  # as written: the gazetteer knows them with their diacritics
    ("Operation Glasswing led to 58 arrests across Northern Ireland. Of those, 21 were arrested "
     "in Belfast City and 11 were arrested in Mid and East Antrim.",
     [(21, "Belfast City"), (11, "Mid and East Antrim")]),
])
def test_a_list_of_places_has_one_scope_each(text, expected, lexicon):
    got = scopes(text, lexicon)
    for value, place in expected:
        assert ("arrests", value, place) in got


def test_cities_lie_in_their_region(gazetteer):
    # A city's "force" is the state or region above it where one is listed, else its country.
    force = {e["name"]: e.get("force") for e in entries(gazetteer, "cities")}
    assert force["Munich"] == "Bavaria"
    assert force["Graz"] == "Styria"
    assert force["Barcelona"] == "Catalonia"
    assert force["Milan"] == "Lombardy"
    assert force["Paris"] == "Île-de-France"
    assert force["Amsterdam"] == "North Holland"
    assert force["Gothenburg"] == "Sweden"


@pytest.mark.parametrize("sentence", [
    # A county name that is an ordinary word or a given name is no place on its own.
    "Down the years, 12 people were arrested.",
    "Clare said 12 people were arrested.",
    "Kerry said 12 people were arrested.",
    # New Zealand's districts are places only with "District".
    "In Central, 12 people were arrested.",
    # A surname that is also the short name of a city ("the Hague").
    "Hague said 12 people were arrested.",
])
def test_common_words_are_not_places(sentence, lexicon):
    text = "Operation Glasswing led to 60 arrests nationwide. " + sentence
    assert [s for metric, value, s in scopes(text, lexicon) if value == 12] in ([], ["total"])


def test_the_met_is_the_metropolitan_police(lexicon):
    got = scopes("Operation Glasswing led to 60 arrests nationwide. The Met arrested 12 people.", lexicon)
    assert ("arrests", 12, "London") in got

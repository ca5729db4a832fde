"""Plausible company names and addresses per language region (Flanders, Wallonia, Brussels,
the Netherlands, Luxembourg). Lists, not statistics: the surnames are among the most common in
each region, the cities real with their real postcodes."""

from __future__ import annotations

import random
from typing import Final

from datagen.config import Region

SURNAMES: Final[dict[Region, tuple[str, ...]]] = {
    "VLG": (
        "Peeters",
        "Janssens",
        "Maes",
        "Jacobs",
        "Mertens",
        "Willems",
        "Claes",
        "Goossens",
        "Wouters",
        "De Smet",
        "Dubois",
        "Vermeulen",
        "Van den Broeck",
        "Hermans",
        "Aerts",
        "De Vos",
        "Pauwels",
        "Verhoeven",
        "Van Damme",
        "De Clercq",
        "Lemmens",
        "Segers",
        "Desmet",
        "Martens",
        "Coppens",
        "Vandenberghe",
        "Verstraete",
        "Michiels",
    ),
    "WAL": (
        "Dubois",
        "Lambert",
        "Dupont",
        "Martin",
        "Simon",
        "Laurent",
        "Leclercq",
        "Lejeune",
        "Renard",
        "Mathieu",
        "Collard",
        "Legrand",
        "François",
        "Denis",
        "Lecomte",
        "Gilson",
        "Henrard",
        "Fontaine",
        "Noël",
        "Delvaux",
        "Piron",
        "Thiry",
        "Lemaire",
        "Masson",
    ),
    "BRU": (
        "Dubois",
        "Janssens",
        "Martin",
        "Peeters",
        "El Amrani",
        "Lambert",
        "Dupont",
        "Vermeulen",
        "Rossi",
        "Benali",
        "Leroy",
        "De Smet",
        "Garcia",
        "Nowak",
    ),
    "NL": (
        "de Jong",
        "Jansen",
        "de Vries",
        "van den Berg",
        "van Dijk",
        "Bakker",
        "Janssen",
        "Visser",
        "Smit",
        "Meijer",
        "de Boer",
        "Mulder",
        "de Groot",
        "Bos",
        "Vos",
        "Peters",
        "Hendriks",
        "van Leeuwen",
        "Dekker",
        "Brouwer",
        "de Wit",
        "Dijkstra",
        "Smits",
        "de Graaf",
        "van der Meer",
        "Kok",
        "Jacobs",
        "van der Linden",
    ),
    "LU": (
        "Schmit",
        "Muller",
        "Weber",
        "Wagner",
        "Hoffmann",
        "Thill",
        "Schmitz",
        "Klein",
        "Kremer",
        "Reuter",
        "Steffen",
        "Hansen",
        "Schroeder",
        "Becker",
        "Meyer",
        "Kieffer",
        "Faber",
        "Schneider",
        "Da Silva",
        "Ferreira",
        "Welter",
        "Majerus",
        "Kayser",
        "Goergen",
    ),
}

PLACE_WORDS: Final[dict[Region, tuple[str, ...]]] = {
    "VLG": (
        "Kempen",
        "Waasland",
        "Leie",
        "Schelde",
        "Hageland",
        "Westhoek",
        "Meetjesland",
        "Noorderkempen",
        "Pajottenland",
        "Haspengouw",
    ),
    "WAL": (
        "Meuse",
        "Ardenne",
        "Condroz",
        "Hainaut",
        "Sambre",
        "Famenne",
        "Hesbaye",
        "Gaume",
        "Brabant Wallon",
    ),
    "BRU": ("Brussels", "Sablon", "Louise", "Midi", "Européen", "Cinquantenaire"),
    "NL": (
        "Noord",
        "Holland",
        "Veluwe",
        "Brabant",
        "Maas",
        "Delta",
        "Twente",
        "Zeeland",
        "Amstel",
        "Waal",
    ),
    "LU": ("Moselle", "Oesling", "Minett", "Alzette", "Sûre", "Gutland", "Kirchberg"),
}

# Activity words per NACE section; (Dutch, French, German) for the three naming languages.
SECTION_WORDS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {
    "A": (
        ("Landbouw", "Kwekerij", "Hoeve", "Agri"),
        ("Agri", "Ferme", "Pépinières"),
        ("Agrar", "Hof", "Gärtnerei"),
    ),
    "B": (("Groeven", "Zand & Grind"), ("Carrières", "Sablières"), ("Steinbruch", "Kies")),
    "C": (
        ("Metaalbouw", "Techniek", "Productie", "Bakkerij", "Drukkerij", "Meubelmakerij"),
        ("Métallurgie", "Industries", "Boulangerie", "Imprimerie", "Ateliers"),
        ("Metallbau", "Technik", "Bäckerei", "Druckerei"),
    ),
    "D": (("Energie", "Solar", "Warmte"), ("Énergie", "Solaire"), ("Energie", "Solar")),
    "E": (
        ("Recycling", "Afvalbeheer", "Milieu"),
        ("Recyclage", "Environnement"),
        ("Recycling", "Entsorgung"),
    ),
    "F": (
        ("Bouw", "Renovatie", "Dakwerken", "Schrijnwerkerij", "Elektro", "Sanitair", "Aannemingen"),
        ("Construction", "Rénovation", "Toitures", "Menuiserie", "Électricité", "Chauffage"),
        ("Bau", "Dachdecker", "Elektro", "Sanitär"),
    ),
    "G": (
        ("Handel", "Groothandel", "Import", "Distributie", "Garage", "Winkel"),
        ("Commerce", "Distribution", "Négoce", "Garage", "Import"),
        ("Handel", "Großhandel", "Garage"),
    ),
    "H": (
        ("Transport", "Logistiek", "Koeriers", "Expeditie"),
        ("Transports", "Logistique", "Messagerie"),
        ("Transport", "Logistik", "Spedition"),
    ),
    "I": (
        ("Brasserie", "Restaurant", "Hotel", "Catering", "Taverne"),
        ("Brasserie", "Restaurant", "Hôtel", "Traiteur"),
        ("Restaurant", "Hotel", "Catering"),
    ),
    "J": (
        ("IT", "Software", "Digital", "Media", "Data"),
        ("Informatique", "Digital", "Médias"),
        ("IT", "Software", "Digital"),
    ),
    "K": (
        ("Verzekeringen", "Financieel Advies", "Kantoor"),
        ("Assurances", "Finances"),
        ("Versicherungen", "Finanz"),
    ),
    "L": (
        ("Vastgoed", "Immo", "Patrimonium"),
        ("Immo", "Immobilière", "Patrimoine"),
        ("Immobilien", "Immo"),
    ),
    "M": (
        ("Advies", "Accountancy", "Architecten", "Ingenieurs", "Consultancy"),
        ("Conseil", "Fiduciaire", "Architectes", "Ingénierie"),
        ("Beratung", "Treuhand", "Architekten", "Ingenieure"),
    ),
    "N": (
        ("Schoonmaak", "Interim", "Verhuur", "Facility", "Services"),
        ("Nettoyage", "Intérim", "Location", "Services"),
        ("Reinigung", "Verleih", "Service"),
    ),
    "P": (
        ("Opleidingen", "Academie", "Rijschool"),
        ("Formation", "Académie", "Auto-école"),
        ("Schulung", "Akademie"),
    ),
    "Q": (
        ("Zorg", "Medisch Centrum", "Kinesitherapie", "Tandartsen"),
        ("Soins", "Centre Médical", "Kiné"),
        ("Pflege", "Praxis", "Medizin"),
    ),
    "R": (
        ("Events", "Sport", "Fitness", "Cultuur"),
        ("Événements", "Sports", "Loisirs"),
        ("Events", "Sport", "Freizeit"),
    ),
    "S": (
        ("Kapsalon", "Herstellingen", "Wasserij"),
        ("Coiffure", "Réparations", "Blanchisserie"),
        ("Friseur", "Reparatur", "Wäscherei"),
    ),
}

# Legal forms with a weight, as written in the name. BE: forms of the 2019 Companies Code
# (BV/SRL replaced BVBA/SPRL); NL: Dutch forms with their customary dots; LU: law of 1915.
LEGAL_FORMS: Final[dict[str, tuple[tuple[str, float], ...]]] = {
    "BE-nl": (("BV", 0.70), ("NV", 0.14), ("CV", 0.06), ("CommV", 0.05), ("VOF", 0.05)),
    "BE-fr": (("SRL", 0.70), ("SA", 0.14), ("SC", 0.06), ("SComm", 0.05), ("SNC", 0.05)),
    "NL": (("B.V.", 0.72), ("V.O.F.", 0.14), ("N.V.", 0.04), ("C.V.", 0.03), ("", 0.07)),
    "LU": (
        ("SARL", 0.55),
        ("SA", 0.25),
        ("SARL-S", 0.10),
        ("SCS", 0.04),
        ("SNC", 0.03),
        ("SCSp", 0.03),
    ),
}

STREETS: Final[dict[str, tuple[str, ...]]] = {
    "nl-BE": (
        "Kerkstraat",
        "Stationsstraat",
        "Molenstraat",
        "Dorpsstraat",
        "Nieuwstraat",
        "Industrieweg",
        "Kouter",
        "Brugsesteenweg",
        "Gentsesteenweg",
        "Leuvensesteenweg",
        "Schoolstraat",
        "Zandstraat",
        "Kapelstraat",
        "Ambachtenlaan",
        "Hoogstraat",
    ),
    "fr-BE": (
        "Rue de la Station",
        "Rue de l'Église",
        "Chaussée de Namur",
        "Rue du Moulin",
        "Avenue des Combattants",
        "Rue de la Gare",
        "Chaussée de Bruxelles",
        "Rue du Parc",
        "Zoning Industriel",
        "Rue Haute",
        "Place communale",
    ),
    "NL": (
        "Hoofdstraat",
        "Kerkstraat",
        "Dorpsstraat",
        "Industrieweg",
        "Stationsweg",
        "Molenweg",
        "Nijverheidsweg",
        "Schoolstraat",
        "Handelsweg",
        "Havenstraat",
        "Marktplein",
        "Parallelweg",
    ),
    "LU": (
        "Rue de la Gare",
        "Route d'Arlon",
        "Rue Principale",
        "Grand-Rue",
        "Route d'Esch",
        "Rue de Luxembourg",
        "Zone Industrielle",
        "Rue du Moulin",
        "Rue de l'Alzette",
        "Boulevard Royal",
    ),
}

# (city, postcode) pairs; NL postcodes get two letters appended per address.
CITIES: Final[dict[Region, tuple[tuple[str, str], ...]]] = {
    "VLG": (
        ("Antwerpen", "2000"),
        ("Gent", "9000"),
        ("Brugge", "8000"),
        ("Leuven", "3000"),
        ("Mechelen", "2800"),
        ("Hasselt", "3500"),
        ("Kortrijk", "8500"),
        ("Aalst", "9300"),
        ("Genk", "3600"),
        ("Roeselare", "8800"),
        ("Sint-Niklaas", "9100"),
        ("Turnhout", "2300"),
        ("Geel", "2440"),
        ("Oostende", "8400"),
        ("Lier", "2500"),
        ("Beveren", "9120"),
        ("Dendermonde", "9200"),
        ("Tienen", "3300"),
    ),
    "WAL": (
        ("Liège", "4000"),
        ("Charleroi", "6000"),
        ("Namur", "5000"),
        ("Mons", "7000"),
        ("Tournai", "7500"),
        ("Wavre", "1300"),
        ("Verviers", "4800"),
        ("Arlon", "6700"),
        ("Nivelles", "1400"),
        ("La Louvière", "7100"),
        ("Mouscron", "7700"),
        ("Huy", "4500"),
        ("Marche-en-Famenne", "6900"),
    ),
    "BRU": (
        ("Bruxelles", "1000"),
        ("Anderlecht", "1070"),
        ("Etterbeek", "1040"),
        ("Ixelles", "1050"),
        ("Schaerbeek", "1030"),
        ("Uccle", "1180"),
        ("Woluwe-Saint-Lambert", "1200"),
        ("Forest", "1190"),
    ),
    "NL": (
        ("Amsterdam", "1011"),
        ("Rotterdam", "3011"),
        ("Den Haag", "2511"),
        ("Utrecht", "3511"),
        ("Eindhoven", "5611"),
        ("Groningen", "9711"),
        ("Tilburg", "5038"),
        ("Almere", "1315"),
        ("Breda", "4811"),
        ("Nijmegen", "6511"),
        ("Zwolle", "8011"),
        ("Middelburg", "4331"),
        ("Venlo", "5911"),
        ("Apeldoorn", "7311"),
        ("Maastricht", "6211"),
        ("Lelystad", "8232"),
    ),
    "LU": (
        ("Luxembourg", "L-1616"),
        ("Esch-sur-Alzette", "L-4002"),
        ("Differdange", "L-4570"),
        ("Dudelange", "L-3450"),
        ("Ettelbruck", "L-9002"),
        ("Diekirch", "L-9201"),
        ("Wiltz", "L-9501"),
        ("Echternach", "L-6401"),
        ("Strassen", "L-8010"),
        ("Bertrange", "L-8069"),
        ("Mersch", "L-7520"),
        ("Grevenmacher", "L-6701"),
    ),
}

_NL_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
_NL_POSTCODE_BANNED = ("SA", "SD", "SS")  # never issued (stdnum.nl.postcode)


def _weighted(rnd: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    names = [o[0] for o in options]
    weights = [o[1] for o in options]
    return rnd.choices(names, weights=weights, k=1)[0]


def naming_key(region: Region, language: str) -> tuple[str, int, str]:
    """(legal-form table, index into SECTION_WORDS languages, street table) for a company."""
    if region == "NL":
        return "NL", 0, "NL"
    if region == "LU":
        return "LU", 2, "LU"
    if region == "VLG" or (region == "BRU" and language == "nl"):
        return "BE-nl", 0, "nl-BE"
    return "BE-fr", 1, "fr-BE"


def company_name(
    rnd: random.Random, region: Region, language: str, section: str
) -> tuple[str, str]:
    """(name, legal form). French word order puts the activity first ("Transports Dubois SRL")."""
    forms_key, word_lang, _ = naming_key(region, language)
    # Luxembourg firms mix German/Luxembourgish and French activity words.
    if region == "LU" and rnd.random() < 0.5:
        word_lang = 1
    surname = rnd.choice(SURNAMES[region])
    word = rnd.choice(SECTION_WORDS[section][word_lang])
    form = _weighted(rnd, LEGAL_FORMS[forms_key])
    pattern = rnd.random()
    if pattern < 0.45:
        core = f"{word} {surname}" if word_lang == 1 else f"{surname} {word}"
    elif pattern < 0.65:
        core = f"{surname} & {rnd.choice(SURNAMES[region])}"
    elif pattern < 0.85:
        core = f"{word} {rnd.choice(PLACE_WORDS[region])}"
    else:
        core = f"{surname} {word} {rnd.choice(PLACE_WORDS[region])}"
    name = f"{core} {form}" if form else core
    return name, form or "eenmanszaak"


def address(rnd: random.Random, region: Region, language: str) -> tuple[str, str, str]:
    """(street with number, postcode, city)."""
    _, _, street_key = naming_key(region, language)
    city, postcode = rnd.choice(CITIES[region])
    street = rnd.choice(STREETS[street_key])
    number = rnd.randint(1, 250)
    if region == "NL":
        letters = "SS"
        while letters in _NL_POSTCODE_BANNED:
            letters = rnd.choice(_NL_POSTCODE_LETTERS) + rnd.choice(_NL_POSTCODE_LETTERS)
        postcode = f"{postcode} {letters}"
        return f"{street} {number}", postcode, city
    if region == "LU" or street_key == "fr-BE":
        return f"{number}, {street}", postcode, city
    return f"{street} {number}", postcode, city

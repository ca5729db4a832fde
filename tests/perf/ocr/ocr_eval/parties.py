"""Companies abroad for the varied set: EU customers and foreign sellers with addresses and VAT
numbers valid per python-stdnum.

A VAT number is drawn from a generator seeded by (country, key) and its check digits are found
by trying candidates until ``stdnum`` accepts one, so every number is valid and the same on every
machine. Names, streets and cities come from short per-country lists; the legal forms are the
country's own (GmbH, SARL, S.r.l., Sp. z o.o., ...).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Final

from stdnum.eu import vat as eu_vat


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    street: str
    postcode: str
    city: str
    country: str  # ISO 3166 alpha-2 (VAT prefix: GR is EL)
    vat: str | None  # compact, valid
    iban: str | None = None


def _rng(*parts: object) -> random.Random:
    text = "/".join(str(p) for p in parts)
    return random.Random(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))


def _digits(rng: random.Random, n: int, *, first_nonzero: bool = True) -> str:
    out = [rng.choice("123456789" if first_nonzero else "0123456789")]
    out += [rng.choice("0123456789") for _ in range(n - 1)]
    return "".join(out)


def _candidates(country: str, rng: random.Random) -> list[str]:
    """Candidate VAT numbers for one random body; at most one of them is valid."""
    if country == "FR":
        siren = _digits(rng, 9)
        key = (12 + 3 * (int(siren) % 97)) % 97
        return [f"FR{key:02d}{siren}"]
    if country == "LU":
        from stdnum.lu import tva

        body = _digits(rng, 6)
        return [f"LU{body}{tva.calc_check_digits(body)}"]
    if country == "SE":
        from stdnum import luhn

        body = _digits(rng, 9)
        return [f"SE{body}{luhn.calc_check_digit(body)}01"]
    if country == "IE":
        body = _digits(rng, 7)
        return [f"IE{body}{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVW"]
    if country == "NL":
        body = _digits(rng, 8)
        return [f"NL{body}{d}B01" for d in "0123456789"]
    if country == "BE":
        body = "0" + _digits(rng, 7)
        return [f"BE{body}{d:02d}" for d in range(100)]
    shape = {
        "DE": ("", 8),
        "AT": ("U", 7),
        "IT": ("", 10),
        "ES": ("B", 7),
        "PL": ("", 9),
        "DK": ("", 7),
        "PT": ("5", 7),
        "CZ": ("", 7),
        "FI": ("", 7),
    }[country]
    body = shape[0] + _digits(rng, shape[1])
    return [f"{country}{body}{d}" for d in "0123456789"]


def valid_vat(country: str, key: object) -> str:
    """A compact VAT number of ``country`` that python-stdnum accepts, fixed by ``key``."""
    rng = _rng("vat", country, key)
    for _ in range(10_000):
        for cand in _candidates(country, rng):
            if eu_vat.is_valid(cand):
                return str(eu_vat.compact(cand))
    raise RuntimeError(f"no valid {country} VAT number found")  # pragma: no cover


# --- companies abroad ----------------------------------------------------------------------

_FORMS: Final = {
    "DE": ["GmbH", "GmbH & Co. KG", "AG", "e.K."],
    "AT": ["GmbH", "KG", "OG"],
    "FR": ["SARL", "SAS", "SA", "EURL"],
    "NL": ["B.V.", "B.V.", "V.O.F."],
    "LU": ["S.à r.l.", "S.A.", "SARL-S"],
    "IT": ["S.r.l.", "S.p.A.", "S.n.c."],
    "ES": ["S.L.", "S.A.", "S.L.U."],
    "PL": ["Sp. z o.o.", "S.A."],
    "SE": ["AB"],
    "DK": ["ApS", "A/S"],
    "PT": ["Lda.", "S.A."],
    "IE": ["Ltd", "Limited", "DAC"],
    "CZ": ["s.r.o.", "a.s."],
    "FI": ["Oy", "Oyj"],
}
_SURNAMES: Final = {
    "DE": ["Müller", "Schmidt", "Becker", "Hoffmann", "Schäfer", "Weber", "Krüger", "Vogel"],
    "AT": ["Gruber", "Huber", "Steiner", "Pichler", "Moser", "Hofer"],
    "FR": ["Dubois", "Lefèvre", "Moreau", "Girard", "Rousseau", "Lemaire", "Fontaine"],
    "NL": ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer"],
    "LU": ["Schmit", "Weber", "Hoffmann", "Wagner", "Muller", "Kremer"],
    "IT": ["Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"],
    "ES": ["García", "Martínez", "López", "Sánchez", "Romero", "Navarro"],
    "PL": ["Nowak", "Kowalski", "Wiśniewski", "Zieliński", "Lewandowski"],
    "SE": ["Lindqvist", "Andersson", "Berg", "Nyström", "Holm"],
    "DK": ["Jensen", "Nielsen", "Hansen", "Larsen", "Poulsen"],
    "PT": ["Silva", "Santos", "Ferreira", "Costa", "Oliveira"],
    "IE": ["Murphy", "Kelly", "O'Brien", "Walsh", "Byrne"],
    "CZ": ["Novák", "Svoboda", "Dvořák", "Černý", "Procházka"],
    "FI": ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Laine"],
}
_TRADES: Final = {
    "DE": ["Maschinenbau", "Logistik", "Elektrotechnik", "Bürobedarf", "Holzbau", "Metallwaren"],
    "AT": ["Handels", "Bau", "Technik", "Transporte"],
    "FR": ["Distribution", "Emballages", "Transports", "Menuiserie", "Services", "Négoce"],
    "NL": ["Techniek", "Logistiek", "Handelsonderneming", "Installatie", "Groothandel"],
    "LU": ["Constructions", "Consulting", "Trading", "Services"],
    "IT": ["Forniture", "Meccanica", "Arredamenti", "Trasporti"],
    "ES": ["Suministros", "Logística", "Distribuciones", "Construcciones"],
    "PL": ["Handel", "Transport", "Budownictwo"],
    "SE": ["Industri", "Verktyg", "Logistik"],
    "DK": ["Handel", "Maskiner", "Transport"],
    "PT": ["Comércio", "Transportes", "Têxteis"],
    "IE": ["Engineering", "Supplies", "Logistics"],
    "CZ": ["Strojírny", "Doprava", "Obchod"],
    "FI": ["Teollisuus", "Kuljetus", "Tekniikka"],
}
_STREETS: Final = {
    "DE": ["Hauptstraße {}", "Bahnhofstraße {}", "Industriestraße {}", "Am Markt {}"],
    "AT": ["Wiener Straße {}", "Hauptplatz {}", "Linzer Gasse {}"],
    "FR": ["{}, rue de la République", "{} avenue Jean Jaurès", "{}, boulevard Victor Hugo"],
    "NL": ["Dorpsstraat {}", "Stationsweg {}", "Industrieweg {}", "Kerkplein {}"],
    "LU": ["{}, rue de Luxembourg", "{}, route d'Arlon", "{}, Grand-Rue"],
    "IT": ["Via Roma {}", "Via Garibaldi {}", "Corso Italia {}"],
    "ES": ["Calle Mayor {}", "Avenida de la Constitución {}", "Calle Real {}"],
    "PL": ["ul. Długa {}", "ul. Polna {}", "ul. Kościuszki {}"],
    "SE": ["Storgatan {}", "Kungsgatan {}"],
    "DK": ["Vestergade {}", "Østergade {}"],
    "PT": ["Rua Augusta {}", "Avenida da Liberdade {}"],
    "IE": ["{} Main Street", "{} Church Road"],
    "CZ": ["Hlavní {}", "Nádražní {}"],
    "FI": ["Kauppakatu {}", "Rautatienkatu {}"],
}
_CITIES: Final = {
    "DE": [("50667", "Köln"), ("52062", "Aachen"), ("40213", "Düsseldorf"), ("80331", "München")],
    "AT": [("1010", "Wien"), ("4020", "Linz"), ("8010", "Graz")],
    "FR": [("59000", "Lille"), ("75011", "Paris"), ("69002", "Lyon"), ("57000", "Metz")],
    "NL": [("3011 AB", "Rotterdam"), ("5611 CD", "Eindhoven"), ("6211 EF", "Maastricht")],
    "LU": [("L-1212", "Luxembourg"), ("L-4002", "Esch-sur-Alzette"), ("L-9010", "Ettelbruck")],
    "IT": [("20121", "Milano"), ("10121", "Torino"), ("40121", "Bologna")],
    "ES": [("28013", "Madrid"), ("08002", "Barcelona"), ("46001", "Valencia")],
    "PL": [("00-001", "Warszawa"), ("30-001", "Kraków")],
    "SE": [("111 20", "Stockholm"), ("411 03", "Göteborg")],
    "DK": [("1050", "København K"), ("8000", "Aarhus C")],
    "PT": [("1100-148", "Lisboa"), ("4000-322", "Porto")],
    "IE": [("D02 X285", "Dublin 2"), ("T12 K8AF", "Cork")],
    "CZ": [("110 00", "Praha 1"), ("602 00", "Brno")],
    "FI": [("00100", "Helsinki"), ("33100", "Tampere")],
}
# Countries a Benelux member's foreign customer is in, most frequent first (repeats weight).
CUSTOMER_COUNTRIES: Final = (
    "DE", "FR", "NL", "LU", "DE", "FR", "IT", "ES", "AT", "PL", "SE", "DK", "PT", "IE", "CZ", "FI",
)  # fmt: skip
SELLER_COUNTRIES: Final = ("DE", "FR", "NL", "AT", "IT", "ES", "PL", "SE")
# What each country's sellers bill in, when not EUR.
LOCAL_CURRENCY: Final = {"PL": "PLN", "SE": "SEK", "DK": "DKK", "CZ": "CZK"}
STANDARD_RATE: Final = {
    "BE": 21, "NL": 21, "LU": 17, "DE": 19, "AT": 20, "FR": 20, "IT": 22, "ES": 21, "PL": 23,
    "SE": 25, "DK": 25, "PT": 23, "IE": 23, "CZ": 21, "FI": 24,
}  # fmt: skip
REDUCED_RATE: Final = {
    "BE": 6, "NL": 9, "LU": 8, "DE": 7, "AT": 10, "FR": 5.5, "IT": 10, "ES": 10, "PL": 8,
    "SE": 12, "DK": 25, "PT": 6, "IE": 13.5, "CZ": 12, "FI": 14,
}  # fmt: skip


def company_abroad(country: str, key: object) -> Party:
    """A company in ``country`` with a valid VAT number, fixed by ``key``."""
    rng = _rng("company", country, key)
    surname = rng.choice(_SURNAMES[country])
    trade = rng.choice(_TRADES[country])
    form = rng.choice(_FORMS[country])
    if country in ("FR", "LU", "IT", "ES", "PT"):
        name = f"{trade} {surname} {form}"
    else:
        name = f"{surname} {trade} {form}"
    postcode, city = rng.choice(_CITIES[country])
    street = rng.choice(_STREETS[country]).format(rng.randint(1, 180))
    return Party(name, street, postcode, city, country, valid_vat(country, key))

"""Invoice lines, derived on demand from (seed, invoice_id) so the row tables stay small.

The lines always add up to the invoice's net amount to the cent, and each line's amount is
exactly quantity x unit price (EN 16931 BR-CO-10 and the line rule).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

# Per NACE section: (Dutch, French, English, UN/ECE Rec. 20 unit code).
CATALOGUE: Final[dict[str, tuple[tuple[str, str, str, str], ...]]] = {
    "A": (
        ("Groenten (kist)", "Légumes (caisse)", "Vegetables (crate)", "C62"),
        ("Sierplanten", "Plantes ornementales", "Ornamental plants", "C62"),
        ("Loonwerk oogst", "Travaux de récolte", "Harvest contracting", "HUR"),
    ),
    "B": (
        ("Zand", "Sable", "Sand", "TNE"),
        ("Grind", "Gravier", "Gravel", "TNE"),
        ("Transport van granulaten", "Transport de granulats", "Aggregate haulage", "KMT"),
    ),
    "C": (
        (
            "Maatwerk metaalconstructie",
            "Construction métallique sur mesure",
            "Custom steel fabrication",
            "C62",
        ),
        ("Onderdelen", "Pièces détachées", "Spare parts", "C62"),
        ("Drukwerk", "Impression", "Printing", "C62"),
        ("Montage-uren", "Heures de montage", "Assembly hours", "HUR"),
    ),
    "D": (
        ("Elektriciteit", "Électricité", "Electricity", "KWH"),
        ("Netbeheerkosten", "Frais de réseau", "Network charges", "MON"),
    ),
    "E": (
        ("Afvalophaling container", "Collecte de conteneur", "Container collection", "C62"),
        ("Verwerking afval", "Traitement des déchets", "Waste processing", "TNE"),
    ),
    "F": (
        ("Renovatiewerken", "Travaux de rénovation", "Renovation works", "HUR"),
        ("Bouwmaterialen", "Matériaux de construction", "Building materials", "C62"),
        ("Dakwerken", "Travaux de toiture", "Roofing works", "MTK"),
        ("Elektrische installatie", "Installation électrique", "Electrical installation", "C62"),
    ),
    "G": (
        ("Handelsgoederen", "Marchandises", "Goods", "C62"),
        ("Kantoorbenodigdheden", "Fournitures de bureau", "Office supplies", "C62"),
        ("Onderhoud voertuig", "Entretien véhicule", "Vehicle service", "C62"),
    ),
    "H": (
        ("Transport", "Transport", "Haulage", "KMT"),
        ("Pallet opslag", "Stockage palette", "Pallet storage", "DAY"),
        ("Koerierdienst", "Service de messagerie", "Courier service", "C62"),
    ),
    "I": (
        ("Catering", "Service traiteur", "Catering", "C62"),
        ("Overnachting", "Nuitée", "Overnight stay", "DAY"),
        ("Zakenlunch", "Déjeuner d'affaires", "Business lunch", "C62"),
    ),
    "J": (
        ("Softwareontwikkeling", "Développement logiciel", "Software development", "HUR"),
        ("Licentie", "Licence", "Licence", "MON"),
        ("Hosting", "Hébergement", "Hosting", "MON"),
    ),
    "K": (
        ("Verzekeringspremie", "Prime d'assurance", "Insurance premium", "C62"),
        ("Beheerkosten", "Frais de gestion", "Management fee", "MON"),
    ),
    "L": (
        ("Huur bedrijfsruimte", "Loyer espace commercial", "Office rent", "MON"),
        ("Servicekosten", "Charges locatives", "Service charges", "MON"),
    ),
    "M": (
        ("Adviesuren", "Heures de conseil", "Consulting hours", "HUR"),
        ("Boekhouding", "Tenue de comptabilité", "Bookkeeping", "MON"),
        ("Studiewerk", "Étude technique", "Engineering study", "HUR"),
    ),
    "N": (
        ("Schoonmaak", "Nettoyage", "Cleaning", "HUR"),
        ("Uitzendarbeid", "Travail intérimaire", "Temporary staff", "HUR"),
        ("Verhuur materieel", "Location de matériel", "Equipment rental", "DAY"),
    ),
    "P": (
        ("Opleiding", "Formation", "Training", "DAY"),
        ("Cursusmateriaal", "Supports de cours", "Course material", "C62"),
    ),
    "Q": (
        (
            "Arbeidsgeneeskundig onderzoek",
            "Examen médical du travail",
            "Occupational health check",
            "C62",
        ),
        ("Zorgprestaties", "Prestations de soins", "Care services", "HUR"),
    ),
    "R": (
        ("Evenementorganisatie", "Organisation d'événement", "Event organisation", "C62"),
        ("Toegangskaarten", "Billets d'entrée", "Admission tickets", "C62"),
    ),
    "S": (
        ("Herstelling", "Réparation", "Repair", "C62"),
        ("Wasserijdienst", "Service de blanchisserie", "Laundry service", "KGM"),
    ),
}
_LANG_INDEX: Final = {"nl": 0, "fr": 1, "en": 2}
_QUANTITIES: Final = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 25, 40, 50, 100)


@dataclass(frozen=True, slots=True)
class InvoiceLine:
    line_id: int
    description: str
    quantity: Decimal
    unit_code: str
    unit_price: Decimal
    net_amount: Decimal


def invoice_lines(
    seed: int, invoice_id: int, net_cents: int, section: str, language: str
) -> list[InvoiceLine]:
    # Python's Random with an int seed is stable across runs and platforms.
    rnd = random.Random(seed * 1_000_003 + invoice_id)
    n_lines = min(rnd.choice((1, 1, 1, 2, 2, 3, 4)), max(1, net_cents // 500))
    weights = [rnd.random() + 0.2 for _ in range(n_lines)]
    total = sum(weights)
    cents = [int(net_cents * w / total) for w in weights[:-1]]
    cents.append(net_cents - sum(cents))
    items = CATALOGUE[section]
    lang = _LANG_INDEX[language]
    lines = []
    for i, amount in enumerate(cents, start=1):
        item = rnd.choice(items)
        divisors = [q for q in _QUANTITIES if amount % q == 0 and amount // q >= 1]
        qty = rnd.choice(divisors)
        lines.append(
            InvoiceLine(
                line_id=i,
                description=item[lang],
                quantity=Decimal(qty),
                unit_code=item[3],
                unit_price=Decimal(amount // qty).scaleb(-2),
                net_amount=Decimal(amount).scaleb(-2),
            )
        )
    return lines

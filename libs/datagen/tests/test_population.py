from __future__ import annotations

from collections import Counter

from datagen import Dataset
from datagen import config as cfg
from datagen.naming import LEGAL_FORMS


def test_debtor_sectors_follow_the_configured_nace_proportions(big: Dataset) -> None:
    counts = Counter(d.nace_section for d in big.debtors)
    n = len(big.debtors)
    total = sum(cfg.SECTION_SHARE.values())
    for section, share in cfg.SECTION_SHARE.items():
        expected = share / total
        sd = (expected * (1 - expected) / n) ** 0.5
        assert abs(counts[section] / n - expected) < 4 * sd + 1e-3, section
    assert set(counts) <= set(cfg.SECTION_SHARE)


def test_every_nace_division_belongs_to_its_section(big: Dataset) -> None:
    for company in big.members + big.debtors:
        assert company.nace_division in cfg.SECTION_DIVISIONS[company.nace_section]
        assert company.nace == company.nace_section + company.nace_division


def test_debtor_sizes_and_countries_follow_the_configured_mix(big: Dataset) -> None:
    n = len(big.debtors)
    sizes = Counter(d.size for d in big.debtors)
    countries = Counter(d.country for d in big.debtors)
    for size, share in cfg.DEBTOR_SIZE_SHARE.items():
        assert abs(sizes[size] / n - share) < 0.02, size
    for country, share in cfg.DEBTOR_COUNTRY_SHARE.items():
        assert abs(countries[country] / n - share) < 0.02, country


def test_members_are_smes_never_large_companies(big: Dataset) -> None:
    assert {m.size for m in big.members} <= {"micro", "small", "medium"}


def test_company_names_end_with_a_legal_form_of_their_country_and_language(big: Dataset) -> None:
    allowed = {
        "VLG": LEGAL_FORMS["BE-nl"],
        "WAL": LEGAL_FORMS["BE-fr"],
        "BRU": LEGAL_FORMS["BE-nl"] + LEGAL_FORMS["BE-fr"],
        "NL": LEGAL_FORMS["NL"],
        "LU": LEGAL_FORMS["LU"],
    }
    for company in big.members + big.debtors:
        if company.legal_form == "eenmanszaak":  # Dutch sole trader: no form in the name
            assert company.country == "NL"
            continue
        assert company.legal_form in {f for f, _ in allowed[company.region]}, company.name
        assert company.name.endswith(" " + company.legal_form)


def test_walloon_companies_have_french_names_and_flemish_ones_dutch(big: Dataset) -> None:
    wal = [d for d in big.debtors if d.region == "WAL"]
    vlg = [d for d in big.debtors if d.region == "VLG"]
    assert wal and vlg
    assert all(d.language == "fr" for d in wal)
    assert all(d.language == "nl" for d in vlg)
    assert sum(d.legal_form == "SRL" for d in wal) > 0.5 * len(wal)
    assert sum(d.legal_form == "BV" for d in vlg) > 0.5 * len(vlg)

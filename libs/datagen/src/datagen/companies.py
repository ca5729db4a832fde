"""Members and debtors: country, region, language, NACE sector, size, VAT number, name, address.

Attributes the vectorised steps need are also kept as numpy columns (`CompanyColumns`), indexed
by position; `company_id` = position + 1 for members and n_members + position + 1 for debtors.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from datagen import config as cfg
from datagen import naming, vat
from datagen.config import Country, Language, Region, Size
from datagen.model import Company

_SECTIONS = tuple(cfg.SECTION_SHARE)
_SECTION_P = np.array([cfg.SECTION_SHARE[s] for s in _SECTIONS])
_SECTION_P = _SECTION_P / _SECTION_P.sum()


@dataclass(frozen=True, slots=True)
class CompanyColumns:
    country: npt.NDArray[np.int8]  # index into cfg.COUNTRIES
    size: npt.NDArray[np.int8]  # index into cfg.SIZES
    section: npt.NDArray[np.str_]
    division: npt.NDArray[np.str_]
    language: npt.NDArray[np.int8]  # index into cfg.LANGUAGES


@dataclass(frozen=True, slots=True)
class Population:
    members: list[Company]
    debtors: list[Company]
    member_cols: CompanyColumns
    debtor_cols: CompanyColumns


def _draw_columns(
    rng: np.random.Generator,
    n: int,
    country_share: dict[Country, float],
    size_share: dict[Size, float],
) -> tuple[CompanyColumns, list[Region]]:
    country = rng.choice(
        len(cfg.COUNTRIES), size=n, p=[country_share[c] for c in cfg.COUNTRIES]
    ).astype(np.int8)
    size = rng.choice(len(cfg.SIZES), size=n, p=[size_share[s] for s in cfg.SIZES]).astype(np.int8)
    section_idx = rng.choice(len(_SECTIONS), size=n, p=_SECTION_P)
    section = np.array(_SECTIONS, dtype="<U1")[section_idx]
    division = np.empty(n, dtype="<U2")
    for s in _SECTIONS:
        mask = section == s
        divisions = cfg.SECTION_DIVISIONS[s]
        names = np.array(list(divisions), dtype="<U2")
        p = np.array(list(divisions.values()))
        division[mask] = names[rng.choice(len(names), size=int(mask.sum()), p=p / p.sum())]
    be_regions: tuple[Region, ...] = tuple(cfg.BE_REGION_SHARE)
    be_region = rng.choice(len(be_regions), size=n, p=[cfg.BE_REGION_SHARE[r] for r in be_regions])
    bru_dutch = rng.random(n) < 0.4  # Brussels firms: ~40% Dutch-speaking [assumption]
    regions: list[Region] = []
    language = np.empty(n, dtype=np.int8)
    for i, c in enumerate(country.tolist()):
        region: Region
        if c == 0:
            region = be_regions[int(be_region[i])]
            lang: Language = "nl" if region == "VLG" or (region == "BRU" and bru_dutch[i]) else "fr"
        elif c == 1:
            region, lang = "NL", "nl"
        else:
            region, lang = "LU", "fr"
        regions.append(region)
        language[i] = cfg.LANGUAGES.index(lang)
    cols = CompanyColumns(
        country=country, size=size, section=section, division=division, language=language
    )
    return cols, regions


def _vat_numbers(rng: np.random.Generator, countries: npt.NDArray[np.int8]) -> list[str]:
    """Distinct across members and debtors together, so one VAT number is one company."""
    out = [""] * countries.size
    makers = (vat.be_vat_numbers, vat.nl_vat_numbers, vat.lu_vat_numbers)
    for ci, make in enumerate(makers):
        idx = np.flatnonzero(countries == ci)
        for i, number in zip(idx.tolist(), make(rng, idx.size), strict=True):
            out[i] = number
    return out


def generate_population(rng: np.random.Generator, n_members: int, n_debtors: int) -> Population:
    m_cols, m_regions = _draw_columns(
        rng, n_members, cfg.MEMBER_COUNTRY_SHARE, cfg.MEMBER_SIZE_SHARE
    )
    d_cols, d_regions = _draw_columns(
        rng, n_debtors, cfg.DEBTOR_COUNTRY_SHARE, cfg.DEBTOR_SIZE_SHARE
    )
    english = rng.random(n_members) < np.array(
        [cfg.MEMBER_ENGLISH_SHARE[cfg.COUNTRIES[c]] for c in m_cols.country.tolist()]
    )
    m_cols.language[english] = cfg.LANGUAGES.index("en")
    vats = _vat_numbers(rng, np.concatenate([m_cols.country, d_cols.country]))
    # Names and addresses come from Python's Random seeded by the numpy stream: string work per
    # company is cheap next to the invoices, and this keeps it deterministic.
    rnd = random.Random(int(rng.integers(0, 2**63)))
    iban_rng = np.random.default_rng(int(rng.integers(0, 2**63)))

    def build(
        role: str, cols: CompanyColumns, regions: list[Region], first_id: int, vat_offset: int
    ) -> list[Company]:
        out: list[Company] = []
        for i in range(cols.country.size):
            country = cfg.COUNTRIES[int(cols.country[i])]
            language = cfg.LANGUAGES[int(cols.language[i])]
            # English-invoicing members still have a local name and address.
            local_language = "nl" if regions[i] in ("VLG", "NL") else "fr"
            naming_language = local_language if language == "en" else language
            section = str(cols.section[i])
            name, form = naming.company_name(rnd, regions[i], naming_language, section)
            street, postcode, city = naming.address(rnd, regions[i], naming_language)
            out.append(
                Company(
                    company_id=first_id + i,
                    role=role,
                    vat=vats[vat_offset + i],
                    name=name,
                    legal_form=form,
                    country=country,
                    region=regions[i],
                    language=language,
                    nace_section=section,
                    nace_division=str(cols.division[i]),
                    size=cfg.SIZES[int(cols.size[i])],
                    street=street,
                    postcode=postcode,
                    city=city,
                    iban=vat.iban_for(country, iban_rng) if role == "member" else None,
                )
            )
        return out

    members = build("member", m_cols, m_regions, 1, 0)
    debtors = build("debtor", d_cols, d_regions, n_members + 1, n_members)
    return Population(members=members, debtors=debtors, member_cols=m_cols, debtor_cols=d_cols)

#!/usr/bin/python3
"""Writes the national scenario of China's 832 poor counties (scenarios/china_2014_2020.yaml) and its
scaled-down copy (scenarios/scaled/china_2014_2020.yaml) from the calibrated parameters in
bench/national_calibration.json (written by bench/calibrate_national.py).

    /usr/bin/python3 bench/national_scenario.py            # both files, from the repository root
    /usr/bin/python3 bench/national_scenario.py --copy /tmp/nat.yaml [--households-per-village N]
        [--last-year Y] [--no-counterfactual]               # a copy for measurement only

The scenario's people are the poor areas' rural population in miniature and get the poor areas'
share of every central budget, scaled alike (fund_share). The scaled copy has the same provinces,
counties, townships and villages, fewer households per village, and every budget scaled by the same
factor; the suite runs it, and the calibration runs it cut to 2013-2016. docs/parameters.md says
where every figure comes from and how the scenario's headcount ratio maps to the national headcount.
"""

import json
import os
import sys
from decimal import ROUND_HALF_EVEN, Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CALIBRATION = os.path.join(ROOT, "bench", "national_calibration.json")

# Counties designated poor by province (State Council Leading Group Office of Poverty Alleviation
# and Development, 2012 list: 592 key counties plus the contiguous poor areas, 832 in all), with
# the province's GB/T 2260 letter code as the county prefix.
PROVINCES = [
    ("Hebei", "HE", 45), ("Shanxi", "SX", 36), ("Inner Mongolia", "NM", 31), ("Jilin", "JL", 8),
    ("Heilongjiang", "HL", 20), ("Anhui", "AH", 20), ("Jiangxi", "JX", 24), ("Henan", "HA", 38),
    ("Hubei", "HB", 28), ("Hunan", "HN", 40), ("Guangxi", "GX", 33), ("Hainan", "HI", 5),
    ("Chongqing", "CQ", 14), ("Sichuan", "SC", 66), ("Guizhou", "GZ", 66), ("Yunnan", "YN", 88),
    ("Tibet", "XZ", 74), ("Shaanxi", "SN", 56), ("Gansu", "GS", 58), ("Qinghai", "QH", 42),
    ("Ningxia", "NX", 8), ("Xinjiang", "XJ", 32),
]
assert sum(c for _, _, c in PROVINCES) == 832

# 832 counties x 14 townships x 11 villages = 128,128 villages (about 128,000 poor villages).
TOWNSHIPS_PER_COUNTY = 14
VILLAGES_PER_TOWNSHIP = 11
VILLAGES = 832 * TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP
# 300 households a village: 38.4 M households, as many as the machine's 24 GiB holds with room to
# spare (docs/performance.md).
HOUSEHOLDS_PER_VILLAGE = 300
# The scaled copy: 4 households a village (512,512 households), budgets x 4/300.
SCALED_HOUSEHOLDS_PER_VILLAGE = 4
# People per household: 1 + Binomial(5, 0.408).
EXTRA_PROBABILITY = "0.408"
PEOPLE_PER_HOUSEHOLD = 1 + 5 * Decimal(EXTRA_PROBABILITY)

# How the scenario stands for the two NBS series it is calibrated to (docs/parameters.md): its people
# are the rural population of the poor areas (贫困地区, the 832 counties) in miniature, so that its
# mean income is the poor-area series; its poor are the poor areas' poor, and the national headcount
# is theirs divided by the poor areas' share of the national rural poor, held at its 2013 value.
# NBS rural poverty monitoring, 2013: 8,249 ten-thousand poor in all, a poverty incidence of 19.3%
# in the poor areas (5,070 ten-thousand poor, 61.5% of the national poor; recalled, not verified).
NATIONAL_POOR_2013 = Decimal(82_490_000)
POOR_AREA_INCIDENCE_2013 = Decimal("0.193")
# National poor people per unit of the scenario's headcount ratio: 8,249 / 0.193 ten-thousand
# (427.4 million), the poor areas' rural population divided by their share of the national poor.
NATIONAL_PER_HEADCOUNT_RATIO = NATIONAL_POOR_2013 / POOR_AREA_INCIDENCE_2013

# The national rural poverty line of 2010 (2,300 yuan at 2010 prices) in current prices, as the
# NBS poverty monitoring reports give it.
POVERTY_LINE = {2013: 2736, 2014: 2800, 2015: 2855, 2016: 2952, 2017: 2952, 2018: 2995, 2019: 3218, 2020: 4000}

# The central fiscal special poverty fund (中央财政专项扶贫资金), central budget figures of the
# Ministry of Finance's budget reports, billion yuan.
CENTRAL_FUND_BILLION = {2014: "43.29", 2015: "46.75", 2016: "66.10", 2017: "86.10", 2018: "106.10",
                        2019: "126.10", 2020: "146.12"}

# The starting values of the calibrated parameters (used when no calibration file exists).
DEFAULT_PARAMETERS = {"median": 4300.0, "sigma": 0.59, "growth": 0.14, "noise_sd": 0.06}


def parameters():
    if os.path.exists(CALIBRATION):
        with open(CALIBRATION, encoding="utf-8") as f:
            return json.load(f)["parameters"]
    return dict(DEFAULT_PARAMETERS)


def yuan(amount):
    """An amount in yuan as YAML text, whole fen (rounded half to even)."""
    fen = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return format(fen.normalize(), "f") if fen == fen.to_integral() else format(fen, "f")


def budgets(scale, last_year):
    return {y: yuan(Decimal(b) * Decimal(1_000_000_000) * scale)
            for y, b in CENTRAL_FUND_BILLION.items() if y <= last_year}


def scenario_text(p, households_per_village, scale, last_year=2020, variants=True, note=""):
    """The scenario as YAML text. `scale` multiplies every central budget (a Decimal, fund_share)."""
    out = []
    w = out.append
    w("# China's 832 designated poor counties, 2013-2020: generated by bench/national_scenario.py " +
      "from bench/national_calibration.json; edit those, not this file." + note)
    w("name: China's poor counties 2014-2020")
    w("description: >")
    w("  The 832 designated poor counties in their 22 provinces, 128,128 villages holding the poor areas' rural")
    w("  population in miniature, targeted poverty alleviation from 2014 (registration with errors, resident")
    w("  work teams, verified exit from 2016, minimum living guarantee) and the central special poverty fund's")
    w("  yearly budgets, the poor areas' share scaled alike.")
    w("  2013 is the base year; calibrated to the NBS headcount and poor-area income of 2013-2016 only:")
    w("  national poor = headcount ratio x 427.4 million (docs/parameters.md).")
    w(f"period: {{start: 2013, end: {last_year}}}")
    w("seed: 20140101")
    w("poverty_line:")
    for y, v in POVERTY_LINE.items():
        if y <= last_year:
            w(f"  {y}: {v}")
    w("thresholds: [2300, 4000]")
    w("geography:")
    w("  provinces:")
    for name, prefix, counties in PROVINCES:
        w(f"    - {{name: {name}, prefix: {prefix}, counties: {counties}}}")
    w(f"  townships_per_county: {TOWNSHIPS_PER_COUNTY}")
    w(f"  villages_per_township: {VILLAGES_PER_TOWNSHIP}")
    w(f"  households_per_village: {households_per_village}")
    w("population:")
    w(f"  income: {{median: {p['median']:.1f}, sigma: {p['sigma']:.4f}}}")
    w("  region_effects: {county_sd: 0.25, township_sd: 0.15, village_sd: 0.10}")
    w("  household_size: {minimum: 1, extra_trials: 5, extra_probability: " + EXTRA_PROBABILITY + "}")
    w("  labour_probability: 0.6")
    w("  cause_shares:")
    for cause, share in [("illness", 0.42), ("lack_of_capital", 0.14), ("lack_of_skills", 0.10),
                         ("lack_of_labour", 0.08), ("schooling", 0.07), ("disaster", 0.05), ("disability", 0.05),
                         ("lack_of_land", 0.03), ("lack_of_water", 0.02), ("remoteness", 0.02), ("other", 0.02)]:
        w(f"    {cause}: {share}")
    w("  ethnic_minority_share: 0.10")
    w("  border_share: 0.05")
    w("  old_revolutionary_base_share: 0.25")
    w("  safe_housing_share: 0.8")
    w("  insurance_share: 0.9")
    w("  schooling_share: 0.95")
    w("dynamics:")
    w(f"  growth: {p['growth']:.4f}")
    w(f"  noise_sd: {p['noise_sd']:.4f}")
    w("  illness_probability: 0.05")
    w("  illness_income_loss: 0.3")
    w("shocks:")
    w("  markets:")
    w("    - {name: specialty_crops, price_sd: 0.2}")
    w("management:")
    w("  exclusion_error: 0.1")
    w("  inclusion_error: 0.1")
    w("  inclusion_band: 1.5")
    w("  exit_reviews: 1")
    w("  verify_guarantees: true")
    w("  guarantees_from: 2016")
    w("  work_team_share: 0.9")
    w("  county_exit_headcount: 0.03")
    w("  dibao_line: 2434")
    w("programmes:")
    w("  - name: central_special_fund")
    w("    kind: special_fund")
    w("    stream: special_fiscal_fund")
    w("    idle_money: carry_over")
    w("    admin_cost: {county: 0.02}")
    w("    appropriations:")
    fund = budgets(scale, last_year)
    for y, amount in fund.items():
        w(f"      {y}: {amount}")
    w("    disbursement: {month: 4, day: 1}")
    w("    project: {return_rate: 0.15, lag_years: 1, success_probability: 0.85, depreciation: 0.05, "
      "industry: specialty_crops}")
    w("    allocation:")
    w("      - {level: county, rule: factor, weights: {poor_people: 0.5, poverty_gap: 0.3, headcount_ratio: 0.2}}")
    w("      - {level: household, rule: poverty_gap}")
    if variants:
        w("counterfactual: no_programme")
        w("variants:")
        w("  - name: targeted")
        w("    description: the central special fund to counties by the factor method, to registered poor households by poverty gap")
        w("  - name: no_programme")
        w("    description: the counterfactual - the same management and shocks, but no special fund (every budget 0)")
        w("    set:")
        w("      programmes.central_special_fund.appropriations:")
        for y in fund:
            w(f"        {y}: 0")
    return "\n".join(out) + "\n"


def fund_share(households_per_village):
    """The share of every central budget that a scenario with this many households a village gets: the
    poor areas' share of the national poor (the fund follows the poor; an assumption) times the share
    of the poor areas' people it simulates. Per poor person of 2013 that is the national fund per
    national poor person: fund x people / (8,249 ten-thousand / 0.193)."""
    people = Decimal(VILLAGES * households_per_village) * PEOPLE_PER_HOUSEHOLD
    return people / NATIONAL_PER_HEADCOUNT_RATIO


def write_copy(argv):
    """`--copy OUT [--households-per-village N] [--last-year Y] [--no-counterfactual]`: one copy for
    measurement (docs/performance.md), budgets scaled with its households; the shipped files are
    left as they are."""
    import argparse
    parser = argparse.ArgumentParser(prog="national_scenario.py --copy")
    parser.add_argument("--copy", required=True, metavar="OUT", help="the YAML file to write")
    parser.add_argument("--households-per-village", type=int, default=HOUSEHOLDS_PER_VILLAGE)
    parser.add_argument("--last-year", type=int, default=2020, choices=range(2014, 2021),
                        help="the period's last year (2014 to 2020)")
    parser.add_argument("--no-counterfactual", action="store_true",
                        help="only the programme variant (no counterfactual without the fund)")
    a = parser.parse_args(argv)
    if a.households_per_village < 1:
        parser.error("--households-per-village must be at least 1")
    text = scenario_text(parameters(), a.households_per_village, fund_share(a.households_per_village),
                         last_year=a.last_year, variants=not a.no_counterfactual,
                         note=f"\n# Measurement copy: {a.households_per_village} households a village, "
                              f"2013-{a.last_year}{', no counterfactual' if a.no_counterfactual else ''}.")
    with open(a.copy, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {a.copy}", file=sys.stderr)


def main():
    if len(sys.argv) > 1:
        write_copy(sys.argv[1:])
        return
    p = parameters()
    full = os.path.join(ROOT, "scenarios", "china_2014_2020.yaml")
    scaled = os.path.join(ROOT, "scenarios", "scaled", "china_2014_2020.yaml")
    os.makedirs(os.path.dirname(scaled), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(scenario_text(p, HOUSEHOLDS_PER_VILLAGE, fund_share(HOUSEHOLDS_PER_VILLAGE)))
    with open(scaled, "w", encoding="utf-8") as f:
        f.write(scenario_text(p, SCALED_HOUSEHOLDS_PER_VILLAGE, fund_share(SCALED_HOUSEHOLDS_PER_VILLAGE),
                              note=f"\n# Scaled copy: {SCALED_HOUSEHOLDS_PER_VILLAGE} households a village "
                                   f"instead of {HOUSEHOLDS_PER_VILLAGE}, every budget x {SCALED_HOUSEHOLDS_PER_VILLAGE}/"
                                   f"{HOUSEHOLDS_PER_VILLAGE}."))
    print(f"wrote {full} and {scaled}", file=sys.stderr)


if __name__ == "__main__":
    main()

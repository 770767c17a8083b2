"""Every `independent` claim check of claims.arrow, recomputed here from the printed numbers
(data/facts: the report tables and the extracted claims) or the outside statistics, in plain
Python with the arithmetic written out: no call into the Rust evaluator, no op vocabulary.

Run: .venv/bin/python -m pytest tests/python -q   (from the repository root)
"""

import csv
import pathlib
import re
from statistics import mean

import pyarrow.ipc as ipc
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FACTS = ROOT / "data" / "facts"
EPS = 1e-9


def facts_table(rel):
    """A facts table: an English `# a,b,c` header, a Chinese header, then rows."""
    lines = (FACTS / rel).read_text(encoding="utf-8").splitlines()
    header = lines[0].lstrip("# ").split(",")
    return [dict(zip(header, row)) for row in csv.reader(lines[2:]) if row]


def one(rows, **where):
    (hit,) = [r for r in rows if all(r[k] == v for k, v in where.items())]
    return hit


T01 = facts_table("tables/t01_local_gov_apps_top20_2023-12.csv")
T02 = facts_table("tables/t02_yunshanfu_top15_provinces_2023-12.csv")
T03 = facts_table("tables/t03_wangshangguowang_top5_provinces_2023-12.csv")
T04 = facts_table("tables/t04_2017_city_mobile_gov_service_scores.csv")
T05A = facts_table("tables/t05a_2017_indicator_weights.csv")
T06 = facts_table("tables/t06_2017_evaluated_city_apps.csv")
T08 = facts_table("tables/t08_tsinghua_digital_gov_index_weights.csv")
# The region of each city (NBS three belts) is the one inferred reading these checks share.
REGION = {
    r["city"]: r["region_3belt_NBS"]
    for r in facts_table("derived/2017_city_scores_derived.csv")
}
with open(FACTS / "claims.csv", encoding="utf-8") as f:
    PRINTED = {r["id"]: r for r in csv.DictReader(f)}


def printed(claim_id):
    return float(PRINTED[claim_id]["value"])


def external(dataset, entity, metric, date):
    """An outside statistic as stored (provenance `external`), e.g. CNNIC June 2021."""
    with open(ROOT / "data" / "series" / f"{dataset}.csv", encoding="utf-8") as f:
        row = one(list(csv.DictReader(f)), entity=entity, metric=metric, date=date)
    assert row["provenance"] == "external"
    return float(row["value"])


# 2017 scores: each city's level-2 scores as printed in 表4; subtotals are their sums.
L2 = {
    "init": "L2_initialization_experience",
    "account": "L2_account_authentication",
    "ease": "L2_ease_of_use",
    "acq": "L2_acquisition_channels",
    "content": "L2_content_operation",
    "interaction": "L2_interaction_operation",
    "user": "L2_user_operation",
    "convenience": "L2_convenience_services",
    "guides": "L2_service_guides",
    "approval": "L2_approval_services",
    "status": "L2_service_status_query",
}


def score(row, *parts):
    return sum(float(row[L2[p]]) for p in parts)


UX = ("init", "account", "ease", "acq")
OPS = ("content", "interaction", "user")
SVC = ("convenience", "guides", "approval", "status")


def region_mean(region, fn):
    return mean(fn(r) for r in T04 if region is None or REGION[r["city"]] == region)


def weight(level2):
    return float(one(T05A, level2_indicator=level2)["level2_weight"])


def total(r):
    return float(r["total_score"])


def names_between(quote, start, end, seps="、"):
    """The items a sentence lists between two markers, split on its list separators."""
    body = quote.split(start, 1)[1].split(end, 1)[0]
    return [x for x in re.split(f"[{seps}]", body) if x.strip()]


def months(y0, m0, y1, m1):
    return (y1 * 12 + m1) - (y0 * 12 + m0)


no_id = {r["city"] for r in T04 if float(r[L2["account"]]) == 2}

# Each entry: claim id -> (recomputed value or list of values, how the claim reads, target,
# tolerance). Verdict rules: eq/approx |x − t| ≤ tol; below t − tol ≤ x ≤ t; gt x > t.
RECOMPUTED = {
    # Top-N tables of the 2023 report against the sentences about them.
    "C0024": (float(one(T03, province="山东")["unique_devices_2023_12_10k"]), "gt", 500, 0),
    "C0053": (float(one(T01, app_name="闽政通")["monthly_unique_devices_2023_12_10k"]), "below", 1800, 50),
    "C0054": (
        1 + sum(float(r["monthly_unique_devices_2023_12_10k"]) > 1796.8 for r in T01),
        "eq", 1, 0,
    ),
    "C0055": (
        1 + sum(
            float(r["compound_growth_last_6_months_pct"])
            > float(one(T01, app_name="江苏政务服务")["compound_growth_last_6_months_pct"])
            for r in T01
        ),
        "eq", 1, 0,
    ),
    "C0065": (float(one(T02, province="湖南")["unique_devices_2023_12_10k"]), "gt", 750, 0),
    # Shares recomputed from the counts printed beside them.
    "C0073": (printed("C0071") / printed("C0069") * 100, "eq", 96.3, 0.15),
    "C0079": (printed("C0078"), "gt", 50, 0),
    "C0085": (printed("C0086") / printed("C0074") * 100, "gt", 57, 0),
    "C0097": ((printed("C0091") - printed("C0096")) / printed("C0091") * 100, "gt", 50, 0),
    "C0141": (printed("C0142") / printed("C0091") * 100, "eq", 37.5, 0.05),
    # 表4/表6: the evaluated cities.
    "C0090": (len(T04), "eq", 22, 0),
    "C0091": (len(T06), "eq", 22, 0),
    "C0092": (sum(r["admin_level"] == "直辖市" for r in T06), "eq", 3, 0),
    "C0093": (sum(r["admin_level"] in ("省会城市", "计划单列市") for r in T06), "eq", 19, 0),
    # 表4 means, nationally and by belt.
    "C0106": (region_mean(None, total), "eq", 57.4, 0.05),
    "C0107": (region_mean("东部", total), "eq", 64, 0.5),
    "C0108": (region_mean("中部", total), "eq", 56.5, 0.05),
    "C0109": (region_mean("西部", total), "eq", 47.4, 0.05),
    "C0110": (region_mean(None, lambda r: score(r, *UX)) / 25 * 100, "eq", 69.1, 0.05),
    "C0111": (region_mean("东部", lambda r: score(r, *UX)), "eq", 18.3, 0.05),
    "C0112": (region_mean("中部", lambda r: score(r, *UX)), "eq", 17.5, 0.05),
    "C0113": (region_mean("西部", lambda r: score(r, *UX)), "eq", 15.6, 0.05),
    "C0114": (region_mean(None, lambda r: score(r, *OPS)), "eq", 14.1, 0.05),
    "C0115": (region_mean("中部", lambda r: score(r, *OPS)), "eq", 8.5, 0.05),
    "C0116": (region_mean("西部", lambda r: score(r, *OPS)), "eq", 8.4, 0.05),
    "C0118": (region_mean(None, lambda r: score(r, *OPS)), "eq", 11.3, 0.05),
    "C0119": (region_mean(None, lambda r: score(r, *OPS)) / 30 * 100, "eq", 37.6, 0.05),
    "C0120": (region_mean("东部", lambda r: score(r, *OPS)) / 30 * 100, "eq", 47, 0.5),
    "C0121": (region_mean("东部", lambda r: score(r, *SVC)), "eq", 28.3, 0.05),
    "C0122": (region_mean("中部", lambda r: score(r, *SVC)), "eq", 28.3, 0.05),
    "C0123": (region_mean("西部", lambda r: score(r, *SVC)), "eq", 21.4, 0.05),
    "C0124": (region_mean(None, lambda r: score(r, "account")) / weight("账号认证") * 100, "eq", 87, 0.5),
    "C0125": (region_mean(None, lambda r: score(r, "account")), "eq", 4.4, 0.05),
    "C0126": (region_mean(None, lambda r: score(r, "init")) / weight("初始化体验") * 100, "eq", 58, 0.5),
    "C0127": (region_mean(None, lambda r: score(r, "init")), "eq", 4.6, 0.05),
    "C0131": (region_mean(None, lambda r: score(r, "acq")) / weight("获取渠道") * 100, "eq", 66, 0.5),
    "C0134": (region_mean(None, lambda r: score(r, "user")) / weight("用户运营") * 100, "eq", 52, 0.5),
    "C0135": (region_mean(None, lambda r: score(r, "user")), "eq", 3.1, 0.05),
    "C0136": (region_mean(None, lambda r: score(r, "content")) / weight("内容运营") * 100, "eq", 31, 0.5),
    "C0137": (region_mean(None, lambda r: score(r, "content")), "eq", 3.4, 0.05),
    "C0138": (
        region_mean(None, lambda r: score(r, "interaction")) / weight("互动运营") * 100,
        "eq", 37, 0.5,
    ),
    "C0139": (region_mean(None, lambda r: score(r, "interaction")), "eq", 4.8, 0.05),
    "C0143": (
        region_mean(None, lambda r: score(r, "convenience")) / weight("便民服务") * 100,
        "eq", 55, 0.5,
    ),
    "C0144": (region_mean(None, lambda r: score(r, "convenience")), "eq", 6.6, 0.05),
    # 仅青岛、银川、兰州、成都未要求身份证实名认证: the cities scoring 2 of 5 for 账号认证 are
    # exactly the cities the sentence names (else the count is poisoned with −1).
    "C0130": (
        len(no_id)
        if no_id == set(names_between(PRINTED["C0130"]["exact_quote"], "仅", "未要求"))
        else -1,
        "eq", 4, 0,
    ),
    # Indicator tables: weights add up, categories count.
    "C0117": (
        sum(float(r["level2_weight"]) for r in T05A if r["level1_indicator"].startswith("平台运营")),
        "eq", 30, 0,
    ),
    "C0249": (len({r["level1_indicator"] for r in T05A}), "eq", 4, 0),
    "C0209": (
        sum(float(r["level2_weight"].rstrip("%")) for r in T08
            if r["development_space_component"] == "提升空间"),
        "eq", 10 + 12 + 7 + 7 + 6, 0,
    ),
    "C0210": (
        sum(float(r["level2_weight"].rstrip("%")) for r in T08
            if r["development_space_component"] == "建设空间"),
        "eq", 6 + 12 + 10, 0,
    ),
    # Outside statistics (CNNIC).
    "C0181": (external("netizens_2015_2021", "中国网民", "netizens_100m", "2021-06"), "gt", 10, 0),
    "C0186": (
        [external("digital_apps_2021_06", a, "netizen_penetration_pct", "2021-06")
         for a in ("即时通信", "网络视频(含短视频)")],
        "gt", 90, 0,
    ),
    "C0187": (
        [external("digital_apps_2021_06", a, "netizen_penetration_pct", "2021-06")
         for a in ("短视频", "网络支付", "网络购物")],
        "gt", 80, 0,
    ),
    # A number printed in one sentence against another sentence.
    "C0194": (printed("C0199"), "gt", 0.75, 0),
    "C0172": (printed("C0180"), "gt", 10, 0),
    "C0169": (printed("C0208"), "eq", 32, 0),
    "C0196": (printed("C0208"), "eq", 32, 0),
    "C0208": (printed("C0169"), "eq", 32, 0),
    "C0190": (printed("C0189"), "eq", int(PRINTED["C0190"]["value"][:4]), 0),
    "C0191": (printed("C0056"), "eq", int(PRINTED["C0191"]["value"][:4]), 0),
    "C0192": (int(PRINTED["C0195"]["value"][:4]), "eq", int(PRINTED["C0192"]["value"][:4]), 0),
    # Printed dates: 2013年底 → end-2023; 2018年3月 → end-2023.
    "C0020": (months(2013, 12, 2023, 12) / 12, "eq", 10, 0.5),
    "C0027": (months(2018, 3, 2023, 12) / 12, "below", 6, 1),
    "C0028": (months(2018, 3, 2023, 12) / 12, "eq", 5, 0.5),
    # Printed lists counted.
    "C0104": (len(names_between(PRINTED["C0104"]["exact_quote"], "覆盖了", "等")), "eq", 12, 0),
    "C0248": (len(names_between(PRINTED["C0248"]["exact_quote"], "涉及", "等四个")), "eq", 4, 0),
    "C0245": (
        len(names_between(PRINTED["C0245"]["exact_quote"], "围绕", "三大指标", "、和")),
        "eq", 3, 0,
    ),
}


def verdict(x, how, target, tol):
    xs = x if isinstance(x, list) else [x]
    rule = {
        "eq": lambda v: abs(v - target) <= tol + EPS,
        "below": lambda v: target - tol - EPS <= v <= target + EPS,
        "gt": lambda v: v > target,
    }[how]
    return "matches" if all(rule(v) for v in xs) else "differs"


def claims():
    with ipc.open_file(ROOT / "www" / "data" / "claims.arrow") as r:
        t = r.read_all().to_pydict()
    return [dict(zip(t, row)) for row in zip(*t.values())]


def test_every_independent_check_is_recomputed_here():
    independent = {c["id"] for c in claims() if c["check_kind"] == "independent"}
    assert len(independent) >= 55
    assert independent == set(RECOMPUTED)


@pytest.mark.parametrize("claim_id", sorted(RECOMPUTED))
def test_independent_verdict(claim_id):
    (c,) = [c for c in claims() if c["id"] == claim_id]
    assert c["computable"] is True
    assert c["expected"] == verdict(*RECOMPUTED[claim_id]), RECOMPUTED[claim_id]


def test_kinds_and_reasons_are_from_the_fixed_lists():
    reasons = {"report_metadata", "date_or_event", "single_mention", "values_not_printed",
               "list_not_printed"}
    for c in claims():
        assert c["check_kind"] in {"independent", "read_back", "by_construction", "not_computable"}
        if c["check_kind"] == "not_computable":
            assert c["computable"] is False and c["reason"] in reasons, c["id"]
        else:
            assert c["computable"] is True and c["reason"] is None, c["id"]

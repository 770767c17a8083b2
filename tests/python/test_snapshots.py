"""Independent check of the built snapshots with pyarrow (not the crate's own reader).

Run: .venv/bin/python -m pytest tests/python -q   (from the repository root)
"""

import csv
import hashlib
import json
import pathlib

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "www" / "data"
FACTS = ROOT / "data" / "facts"
CATALOG = json.loads((OUT / "catalog.json").read_text(encoding="utf-8"))
PROVENANCE = {"published", "external", "reconstructed"}
REQUIRED_META = ["title_zh", "title_en", "unit", "source", "notes"]
SERIES_COLUMNS = ["date", "entity", "metric", "category", "value", "provenance", "constraints"]
# The dataset contract's optional value qualifier (null = exact as printed, or not printed).
QUALIFIERS = {"≈", ">", "<", "≥", "≤"}
DATASETS = [e for e in CATALOG if e["id"] != "claims"]


def read(file):
    with ipc.open_file(OUT / file) as reader:  # IPC *file* format, not stream
        return reader.read_all(), reader.schema


def meta(schema):
    return {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}


def test_catalog_lists_every_file():
    files = {e["file"] for e in CATALOG}
    on_disk = {p.name for p in OUT.glob("*.arrow")}
    assert files == on_disk
    assert {"claims.arrow", "consistency.arrow"} <= files


@pytest.mark.parametrize("entry", CATALOG, ids=[e["id"] for e in CATALOG])
def test_snapshot_metadata_and_provenance(entry):
    data = (OUT / entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    table, schema = read(entry["file"])
    assert table.num_rows == entry["rows"]
    m = meta(schema)
    for key in REQUIRED_META:
        assert m.get(key), f"{entry['id']}: metadata {key} missing"
    assert m["title_zh"] == entry["title_zh"] and m["title_en"] == entry["title_en"]
    prov_field = schema.field("provenance")
    assert pa.types.is_dictionary(prov_field.type)
    assert pa.types.is_string(prov_field.type.value_type)
    prov = table.column("provenance").to_pylist()
    assert set(prov) <= PROVENANCE
    counts = {p: prov.count(p) for p in PROVENANCE}
    assert counts == entry["provenance"]
    if m.get("kind") == "series":
        optional = ["qualifier"] if entry["has_qualifier"] else []
        assert table.column_names == SERIES_COLUMNS + optional
        date_type = schema.field("date").type
        if m["grain"] == "hour":
            assert date_type == pa.timestamp("s")
        else:
            assert date_type == pa.date32()
            assert all(d.day == 1 for d in table.column("date").to_pylist())
        for col in ("entity", "metric"):
            assert pa.types.is_dictionary(schema.field(col).type)
        assert schema.field("value").type == pa.float64()


def facts_rows(name):
    with open(FACTS / "tables" / name, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = [h.lstrip("#").strip() for h in rows[0]]
    return header, rows[2:]


@pytest.mark.parametrize(
    "dataset,facts",
    [
        ("local_gov_apps_top20_2023_12", "t01_local_gov_apps_top20_2023-12.csv"),
        ("yunshanfu_provinces_top15_2023_12", "t02_yunshanfu_top15_provinces_2023-12.csv"),
        ("state_grid_provinces_top5_2023_12", "t03_wangshangguowang_top5_provinces_2023-12.csv"),
        ("scores_2017", "t04_2017_city_mobile_gov_service_scores.csv"),
        ("indicator_weights_2017", "t05a_2017_indicator_weights.csv"),
        ("city_types_2021", "t07_2021_city_type_lists.csv"),
    ],
)
def test_published_table_values_equal_report(dataset, facts):
    table, _ = read(f"{dataset}.arrow")
    header, rows = facts_rows(facts)
    assert table.num_rows == len(rows)
    for j, name in enumerate(header):
        got = table.column(name).to_pylist()
        for i, row in enumerate(rows):
            want = row[j]
            try:
                assert float(want) == float(got[i]), (dataset, name, i)
            except ValueError:
                assert want == got[i], (dataset, name, i)


def series_value(dataset, entity, metric, date_prefix, category=None):
    table, _ = read(f"{dataset}.arrow")
    hits = [
        r["value"]
        for r in table.to_pylist()
        if r["entity"] == entity
        and r["metric"] == metric
        and str(r["date"]).startswith(date_prefix)
        and (category is None or r["category"] == category)
    ]
    assert len(hits) == 1
    return hits[0]


def test_published_series_anchors_equal_report():
    assert series_value("railway_12306_monthly", "铁路12306", "monthly_active_devices", "2023-09") == 11900
    assert series_value("iit_monthly", "个人所得税", "monthly_active_devices", "2023-03") == 18000
    assert series_value("egdi_2010_2020", "中国", "egdi", "2020") == 0.7948
    assert series_value("netizens_2015_2021", "中国网民", "netizens_100m", "2020-12") == 9.89
    assert series_value("demographics_2023_12", "个人所得税", "age_share_pct", "2023-12", "25-35岁") == 38.3


def test_hourly_profiles_are_timestamps_with_the_stated_peaks():
    table, _ = read("state_grid_hourly_2023_12.arrow")
    v = table.column("value").to_pylist()
    hours = [t.hour for t in table.column("date").to_pylist()]
    assert hours == list(range(24))
    peaks = [h for h in range(1, 23) if v[h] > v[h - 1] and v[h] > v[h + 1]]
    assert peaks == [10, 15]


def test_claims_snapshot():
    table, schema = read("claims.arrow")
    assert table.num_rows == 244
    rows = table.to_pylist()
    assert len({r["id"] for r in rows}) == 244
    ops = set(meta(schema)["ops"].split(","))
    for r in rows:
        if r["computable"]:
            assert r["op"] in ops and r["expected"] in {"matches", "differs"}
            # Arithmetic on printed dates or printed lists reads no dataset.
            if r["op"] not in {"years_between", "count_listed"}:
                assert (OUT / f"{r['dataset']}.arrow").exists()
        else:
            assert r["reason"] and r["op"] is None and r["expected"] == "not_computable"
            assert r["check_kind"] == "not_computable"


def test_consistency_snapshot_flags_contradictions():
    table, _ = read("consistency.arrow")
    rows = {r["check_id"]: r for r in table.to_pylist()}
    assert len(rows) == 45
    assert rows["K02"]["is_contradiction"] and rows["K02"]["printed"] == 57.4
    assert abs(rows["K02"]["recomputed"] - 1261 / 22) < 1e-6
    assert not rows["K03"]["is_contradiction"]


@pytest.mark.parametrize("entry", DATASETS, ids=[e["id"] for e in DATASETS])
def test_qualifier_column_and_reader_notes(entry):
    table, schema = read(entry["file"])
    m = meta(schema)
    # Reader notes in both languages, apart from the build notes, equal to the catalog's.
    for key in ("notes_zh", "notes_en"):
        assert m.get(key), f"{entry['id']}: {key} missing"
        assert m[key] != m["notes"]
        assert m[key] == entry[key]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in m["notes_zh"])
    for key in ("source", "notes_zh", "notes_en"):
        for banned in (".csv", ".rs", ".md", "../", "src/"):
            assert banned not in m[key], f"{entry['id']}: {key} has {banned!r}"
    has = "qualifier" in table.column_names
    assert has == entry["has_qualifier"]
    if not has:
        assert entry["qualified_rows"] == 0
        return
    field = schema.field("qualifier")
    assert pa.types.is_dictionary(field.type) and pa.types.is_string(field.type.value_type)
    assert field.nullable
    q = table.column("qualifier").to_pylist()
    assert {x for x in q if x is not None} <= QUALIFIERS
    assert sum(x is not None for x in q) == entry["qualified_rows"]


def rows_where(dataset, **want):
    table, _ = read(f"{dataset}.arrow")
    return [
        r
        for r in table.to_pylist()
        if all(str(r[k]).startswith(v) if k == "date" else r[k] == v for k, v in want.items())
    ]


def test_issue_11_audited_rows():
    # "连续数月保持在约13.9亿" names no month: reconstructed months holding the printed ≈ level.
    for month in ("2023-10", "2023-11", "2023-12"):
        [r] = rows_where("mobile_internet_devices_monthly", date=month)
        assert (r["value"], r["provenance"], r["qualifier"]) == (139000, "reconstructed", "≈")
    [r] = rows_where("iit_penetration_monthly", date="2023-03")
    assert (r["value"], r["provenance"]) == (13.0, "reconstructed")
    for sex, v in (("男", 60.0), ("女", 40.0)):
        [r] = rows_where("demographics_2023_12", entity="个人所得税", metric="gender_share_pct", category=sex)
        assert (r["value"], r["provenance"], r["qualifier"]) == (v, "published", "≈")
    [r] = rows_where("caict_gov_apps_2017", item="四个直辖市占比")
    assert (r["value"], r["qualifier"], r["provenance"]) == (33.3, "≈", "published")
    [r] = rows_where("caict_gov_apps_2017", item="交通类政务APP数量")
    assert (r["value"], r["qualifier"]) == (100, ">")
    [r] = rows_where("gov_app_features_2017", item="四种智能应用合计")
    assert (r["provenance"], r["share_pct"], r["share_provenance"]) == ("reconstructed", 26, "published")
    [r] = rows_where("gov_app_features_2017", item="无智能应用")
    assert (r["share_pct"], r["share_provenance"], r["qualifier"]) == (30, "published", "≈")
    # No invented bank levels or ranking: six identical indexes, 100 in January 2020.
    banks = {}
    for r in rows_where("state_bank_apps_monthly"):
        assert r["metric"] == "activity_index" and r["provenance"] == "reconstructed"
        banks.setdefault(r["entity"], []).append(r["value"])
    assert len(banks) == 6 and len({tuple(v) for v in banks.values()}) == 1
    assert next(iter(banks.values()))[0] == 100
    # No TGI baseline without a source.
    assert {r["entity"] for r in rows_where("city_tier_shares")} == {"交管12123", "个人所得税"}


def test_new_coverage_datasets():
    ranks = {(r["platform"], r["item"]): r["printed_rank"] for r in rows_where("service_rankings_2017")}
    assert sum(1 for (p, _) in ranks if p == "城市政务APP") == 12
    assert ranks[("城市政务APP", "交通")] == 1
    assert [i for (p, i), k in sorted(ranks.items(), key=lambda x: x[1] or 99) if p == "微信城市服务"] == [
        "税务",
        "教育",
        "公证",
    ]
    assert [i for (p, i), k in sorted(ranks.items(), key=lambda x: x[1] or 99) if p == "支付宝城市服务"] == [
        "合同服务",
        "签证",
        "社保",
    ]
    stages = [(r["stage"], r["start_year"], r["end_year"]) for r in rows_where("gov_informatization_stages")]
    assert stages == [("电子政务", 2002, 2015), ("“互联网+政务”", 2016, 2018), ("数字政府", 2019, None)]
    [r] = rows_where("digital_apps_2021_06", entity="互联网政务服务")
    assert (r["metric"], r["value"], r["qualifier"], r["provenance"]) == (
        "netizen_penetration_pct_printed_bound",
        80,
        "≥",
        "published",
    )

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
        assert table.column_names == SERIES_COLUMNS
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
    assert series_value("iit_penetration_monthly", "个人所得税", "penetration_pct", "2023-03") == 13.0
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

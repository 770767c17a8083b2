"""national_app_peaks_2023 (the report's key chart), read with pyarrow and held to the claims
snapshot it restates: each row carries its claim's printed value, qualifier, entity, unit and month.

Run: .venv/bin/python -m pytest tests/python -q   (from the repository root)
"""

import pathlib

import pyarrow as pa
import pyarrow.ipc as ipc

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "www" / "data"


def read(file):
    with ipc.open_file(OUT / file) as reader:
        return reader.read_all()


def test_each_peak_equals_its_claim():
    peaks = read("national_app_peaks_2023.arrow")
    claims = {r["id"]: r for r in read("claims.arrow").to_pylist()}
    rows = peaks.to_pylist()
    # The chart's three apps, largest first, each citing its claim.
    assert [r["claim_id"] for r in rows] == ["C0045", "C0009", "C0022"]
    assert [(r["entity"], r["value"], r["qualifier"], r["period"]) for r in rows] == [
        ("个人所得税", 1.8, None, "2023-03"),
        ("交管12123", 1.4, ">", None),
        ("铁路12306", 1.19, None, "2023-09"),
    ]
    for r in rows:
        c = claims[r["claim_id"]]
        assert r["entity"] == c["entity"]
        assert r["value"] == float(c["printed_value"])
        # The claims table writes "=" for an exact number; the dataset contract writes null.
        assert r["qualifier"] == (None if c["qualifier"] == "=" else c["qualifier"])
        assert c["unit"].startswith(r["unit"])
        want_period = None if c["period"] is None else str(c["period"])[:7]
        assert r["period"] == want_period
        assert r["quote"] == c["quote"]
        assert f"{r['value']}{r['unit']}" in r["quote"]
        assert r["provenance"] == c["provenance"] == "published"


def test_schema_follows_the_dataset_contract():
    with ipc.open_file(OUT / "national_app_peaks_2023.arrow") as reader:
        schema = reader.schema
    assert schema.field("value").type == pa.float64()
    for name in ("qualifier", "provenance", "unit"):
        assert pa.types.is_dictionary(schema.field(name).type)
    meta = {k.decode(): v.decode() for k, v in schema.metadata.items()}
    assert meta["kind"] == "table" and meta["entity_column"] == "entity"
    assert meta["provenance_counts"] == "published=3;external=0;reconstructed=0"

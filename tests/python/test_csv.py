"""Issue 16: the page's CSV reader against pyarrow's CSV reader, value by value.

The fixtures (tests/fixtures/csv/, written by make.py) are converted by the page's own code
(tests/fixtures/csv/convert.mjs runs www/csv/convert.js in Node) into Arrow files; each is read
here with pyarrow.ipc and compared with what pyarrow.csv reads from the same CSV. Where
pyarrow has no parser for a form (2023年1月, 1.2亿, thousands separators) it reads the cells as
text and this file converts them independently, with Python's decimal module.
"""

import datetime as dt
import json
import pathlib
import re
import subprocess
from decimal import Decimal

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.ipc as ipc
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIX = ROOT / "tests/fixtures/csv"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("csv")
    subprocess.run(["node", str(FIX / "convert.mjs"), str(d)], check=True, cwd=ROOT)
    return d


def ours(out, name):
    return ipc.open_file(out / f"{name}.arrow").read_all()


def error(out, name):
    return json.loads((out / f"{name}.error.json").read_text())


def theirs(name, encoding="utf8", **convert):
    return pacsv.read_csv(
        FIX / name,
        read_options=pacsv.ReadOptions(encoding=encoding),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(strings_can_be_null=True, **convert),
    )


def month(text):
    y, m = re.fullmatch(r"(\d{4})年(\d{1,2})月", text).groups()
    return dt.date(int(y), int(m), 1)


SCALE = {"%": 0, "万": 4, "亿": 8, "万亿": 12}


def number(text):
    """A cell as the reader means it, via Decimal: separators dropped, 万/亿 to units."""
    if text is None or text.strip() in ("", "-"):
        return None
    m = re.fullmatch(r"(-?[\d,]+(?:\.\d+)?)(%|万亿|万|亿)?", text.strip())
    d = Decimal(m.group(1).replace(",", "")).scaleb(SCALE.get(m.group(2) or "", 0))
    return float(d)


def test_gbk_monthly_matches_pyarrow(out):
    t = ours(out, "gbk_monthly.csv")
    p = theirs("gbk_monthly.csv", encoding="gbk", column_types={"月份": pa.string()})
    assert t.column_names == p.column_names == ["城市", "月份", "销量"]
    assert t.num_rows == p.num_rows == 108
    assert t.schema.field("月份").type == pa.date32()
    assert t.schema.field("销量").type == pa.float64()
    assert t.column("城市").to_pylist() == p.column("城市").to_pylist()
    assert t.column("月份").to_pylist() == [month(s) for s in p.column("月份").to_pylist()]
    assert t.column("销量").to_pylist() == p.column("销量").to_pylist()


def test_utf8_bom_days_match_pyarrow(out):
    t = ours(out, "utf8_bom_daily.csv")
    p = theirs("utf8_bom_daily.csv", timestamp_parsers=["%Y/%m/%d"])
    assert t.column_names == p.column_names
    assert t.column("日期").to_pylist() == [x.date() for x in p.column("日期").to_pylist()]
    assert t.column("指标").to_pylist() == p.column("指标").to_pylist()
    assert t.column("数值").to_pylist() == p.column("数值").to_pylist()


def test_units_match_an_independent_decimal_reading(out):
    t = ours(out, "units.csv")
    p = theirs("units.csv", column_types={c: pa.string() for c in ["用户规模", "渗透率", "交易额"]})
    for c in ["用户规模", "渗透率", "交易额"]:
        assert t.column(c).to_pylist() == [number(s) for s in p.column(c).to_pylist()], c
    assert t.column("交易额").to_pylist()[0] == 120_000_000.0
    assert t.column("地区").to_pylist() == p.column("地区").to_pylist()
    # pyarrow's null markers do not include "-", which the reader keeps as text in a text column.
    assert t.column("备注").to_pylist() == p.column("备注").to_pylist()


def test_wide_table_made_long_matches_a_melt_of_pyarrow(out):
    t = ours(out, "wide_monthly.csv.tidy")
    p = theirs("wide_monthly.csv", column_types={f"2023年{m}月": pa.string() for m in range(1, 13)})
    months = [c for c in p.column_names if c.startswith("2023")]
    rows = [
        (r["地区"], r["指标"], month(m), number(r[m])) for r in p.to_pylist() for m in months
    ]
    assert list(zip(*[t.column(c).to_pylist() for c in t.column_names])) == rows
    assert t.schema.field("date").type == pa.date32()


def test_quoted_fields_match_pyarrow(out):
    t = ours(out, "quoted.csv")
    p = theirs("quoted.csv")
    for c in p.column_names:
        assert t.column(c).to_pylist() == p.column(c).to_pylist(), c


def test_utf16_tsv_matches_pyarrow(out):
    t = ours(out, "utf16_monthly.tsv")
    p = pacsv.read_csv(
        FIX / "utf16_monthly.tsv",
        read_options=pacsv.ReadOptions(encoding="utf-16"),
        parse_options=pacsv.ParseOptions(delimiter="\t"),
        convert_options=pacsv.ConvertOptions(timestamp_parsers=["%Y-%m"]),
    )
    assert t.column("月份").to_pylist() == [x.date() for x in p.column("月份").to_pylist()]
    assert t.column("数值").to_pylist() == p.column("数值").to_pylist()


def test_ragged_rows_pyarrow_refuses_we_pad_or_locate(out):
    with pytest.raises(pa.ArrowInvalid):
        theirs("ragged.csv")
    t = ours(out, "ragged.csv")
    assert t.to_pydict() == {
        "a": [1.0, 2.0, 3.0, 4.0],
        "b": ["x", "y", "z", None],
        "c": [10.0, None, 30.0, None],
    }
    e = error(out, "ragged_long.csv")
    assert (e["code"], e["row"]) == ("invalid_csv", 3)


def test_bad_input_is_a_located_error(out):
    e = error(out, "bad_number.csv")
    assert e["message"] == "row 1,204, column 销量: '12,3,4' is not a number"
    # pyarrow agrees the cell is not a number (and reports its own location).
    with pytest.raises(pa.ArrowInvalid, match="12,3,4"):
        theirs("bad_number.csv", column_types={"销量": pa.float64()})
    assert error(out, "empty.csv")["reason"] == "empty"
    assert error(out, "binary.csv")["reason"] == "binary"

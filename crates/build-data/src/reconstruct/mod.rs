//! The documented, deterministic reconstruction of chart series whose values the reports do not
//! print.
//!
//! # Method
//! Every reconstructed monthly series is **trend × seasonal shape**, calibrated to the printed
//! anchors:
//! * the trend is log-linear between a few knots (month, level) — the knots are either printed
//!   or derived anchors, or free levels chosen here and documented in the dataset's `notes`;
//! * the seasonal shape is a fixed 12-month multiplicative profile written below (it encodes the
//!   report's seasonal descriptions: 网上国网 spring low and June first-half peak, 个税 March
//!   annual-settlement peak, 12306 April/September peaks);
//! * where a report prints an exact value (12306 Sep-2023 = 11,900万; 个税 Mar-2023 = 18,000万),
//!   the trend knot is placed so that trend × shape hits it, and the row is marked `published`;
//! * values are rounded to 0.1 (shares to 0.1 pp, hourly shares to 0.01 pp) **before** any check;
//!   the constraint tests in `tests/datasets_constraints.rs` recompute every constraint from the
//!   built snapshots.
//!
//! No randomness is used. [`generate`] returns the CSV text of every generated dataset; the
//! `build-data --regen` command writes them under `data/`, and a test asserts that the checked-in
//! CSV equals what this module produces.

mod monthly;
mod shares;

use monthly::*;
pub use monthly::{grid_dec_2023, JIAOGUAN_DEC_2023, RAIL_PEAK};
use shares::*;

use civic_pulse::calendar::{month_index, month_range, ym};
use civic_pulse::{Error, Result};

/// One tidy row of a generated series CSV.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `YYYY-MM` or `YYYY-MM-DDTHH:MM`.
    pub date: String,
    /// Entity (app, bank, city, province, population).
    pub entity: String,
    /// Metric name.
    pub metric: String,
    /// Optional breakdown category (tier, age band, gender, level); empty when none.
    pub category: String,
    /// The value, already rounded.
    pub value: f64,
    /// `published`, `external` or `reconstructed`.
    pub provenance: &'static str,
    /// Constraint ids (series_spec.md) this row pins, `;`-separated; empty when none.
    pub constraints: String,
    /// The printed qualifier of an approximate or bounded value (`≈`, `>`, …); empty when the
    /// value is exact as printed or not printed. Written as the optional `qualifier` column.
    pub qualifier: &'static str,
}

const PUB: &str = "published";
const REC: &str = "reconstructed";

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// Rounds to one decimal (the precision of the report's 万台 figures).
///
/// # Example
/// ```
/// assert_eq!(build_data::reconstruct::round1(7263.157), 7263.2);
/// ```
pub fn round1(x: f64) -> f64 {
    round_to(x, 1)
}

/// Log-linear interpolation of a trend through knots `((year, month), level)`, flat outside.
///
/// # Example
/// ```
/// use build_data::reconstruct::log_trend;
/// let k = [((2020, 1), 100.0), ((2020, 3), 400.0)];
/// assert!((log_trend(&k, 2020, 2).unwrap() - 200.0).abs() < 1e-9);
/// assert_eq!(log_trend(&k, 2019, 6).unwrap(), 100.0);
/// ```
pub fn log_trend(knots: &[((i32, u32), f64)], year: i32, month: u32) -> Result<f64> {
    let t = month_index(year, month);
    let first = knots
        .first()
        .ok_or_else(|| Error::invalid("trend without knots"))?;
    if knots.iter().any(|(_, v)| *v <= 0.0) {
        return Err(Error::invalid("trend knots must be positive"));
    }
    if t <= month_index(first.0 .0, first.0 .1) {
        return Ok(first.1);
    }
    for pair in knots.windows(2) {
        if let [((y0, m0), v0), ((y1, m1), v1)] = pair {
            let (t0, t1) = (month_index(*y0, *m0), month_index(*y1, *m1));
            if t1 <= t0 {
                return Err(Error::invalid("trend knots must be increasing in time"));
            }
            if t <= t1 {
                let w = f64::from(t - t0) / f64::from(t1 - t0);
                return Ok((v0.ln() * (1.0 - w) + v1.ln() * w).exp());
            }
        }
    }
    Ok(knots.last().map_or(first.1, |k| k.1))
}

fn shape_at(shape: &[f64; 12], month: u32) -> Result<f64> {
    (month as usize)
        .checked_sub(1)
        .and_then(|i| shape.get(i))
        .copied()
        .ok_or_else(|| Error::invalid(format!("month {month} out of range")))
}

fn row(date: String, entity: &str, metric: &str, value: f64, prov: &'static str) -> Row {
    Row {
        date,
        entity: entity.to_string(),
        metric: metric.to_string(),
        category: String::new(),
        value,
        provenance: prov,
        constraints: String::new(),
        qualifier: "",
    }
}

/// A monthly series `round1(trend × shape)` over `n` months from (year, month).
fn trend_shape(
    entity: &str,
    metric: &str,
    start: (i32, u32),
    n: usize,
    knots: &[((i32, u32), f64)],
    shape: &[f64; 12],
) -> Result<Vec<Row>> {
    month_range(start.0, start.1, n)
        .into_iter()
        .map(|(y, m)| {
            let v = log_trend(knots, y, m)? * shape_at(shape, m)?;
            Ok(row(ym(y, m), entity, metric, round1(v), REC))
        })
        .collect()
}

/// Marks a row as pinned: sets its value, provenance and constraint ids.
fn pin(rows: &mut [Row], date: &str, value: f64, prov: &'static str, ids: &str) -> Result<()> {
    let r = rows
        .iter_mut()
        .find(|r| r.date == date)
        .ok_or_else(|| Error::invalid(format!("no row at {date} to pin")))?;
    r.value = value;
    r.provenance = prov;
    r.constraints = ids.to_string();
    Ok(())
}

const MAU: &str = "monthly_active_devices";

// ---------------------------------------------------------------------------------------------

/// Serialises rows as a series CSV (the contract's column order).
///
/// # Example
/// ```
/// use build_data::reconstruct::{to_csv, Row};
/// let r = Row { date: "2023-12".into(), entity: "a".into(), metric: "m".into(),
///     category: String::new(), value: 1.5, provenance: "reconstructed",
///     constraints: String::new(), qualifier: "" };
/// assert_eq!(to_csv(&[r]).unwrap(),
///     "date,entity,metric,category,value,provenance,constraints\n2023-12,a,m,,1.5,reconstructed,\n");
/// ```
pub fn to_csv(rows: &[Row]) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let err = |e: csv::Error| Error::invalid(format!("csv write: {e}"));
    // The optional qualifier column only where some row carries a printed qualifier.
    let qualified = rows.iter().any(|r| !r.qualifier.is_empty());
    let mut header = super::table::SERIES_COLUMNS.to_vec();
    if qualified {
        header.push(super::table::QUALIFIER_COLUMN);
    }
    w.write_record(&header).map_err(err)?;
    for r in rows {
        let value = format!("{}", r.value);
        let mut cells = vec![
            r.date.as_str(),
            &r.entity,
            &r.metric,
            &r.category,
            &value,
            r.provenance,
            &r.constraints,
        ];
        if qualified {
            cells.push(r.qualifier);
        }
        w.write_record(&cells).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::invalid(format!("csv flush: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid(format!("csv utf8: {e}")))
}

/// Every generated series as `(path relative to the data directory, CSV text)`, in a fixed order.
///
/// # Example
/// ```
/// let files = build_data::reconstruct::generate().unwrap();
/// assert!(files.iter().any(|(p, _)| p == "series/iit_monthly.csv"));
/// ```
pub fn generate() -> Result<Vec<(String, String)>> {
    let iit = iit_monthly()?;
    let base = mobile_base()?;
    let pen = iit_penetration(&iit, &base)?;
    let sets: Vec<(&str, Vec<Row>)> = vec![
        ("jiaoguan_12123_monthly", jiaoguan_monthly()?),
        ("jiaoguan_12123_provinces_2023_12", jiaoguan_provinces()),
        ("railway_12306_monthly", rail_monthly()?),
        ("railway_12306_first_tier_2023", rail_first_tier()?),
        ("state_grid_monthly", grid_monthly()?),
        ("state_grid_hourly_2023_12", grid_hourly()),
        ("fuel_apps_monthly", fuel_apps()?),
        ("iit_monthly", iit),
        ("mobile_internet_devices_monthly", base),
        ("iit_penetration_monthly", pen),
        ("city_tier_shares", city_tiers()),
        ("demographics_2023_12", demographics()),
        ("yunshanfu_profile_2023_12", yunshanfu_profile()),
        ("state_bank_apps_monthly", bank_monthly()?),
        ("state_bank_apps_hourly_2023_12", bank_hourly()),
        ("provincial_platform_levels_2016_2020", provincial_levels()),
    ];
    sets.into_iter()
        .map(|(id, rows)| Ok((format!("series/{id}.csv"), to_csv(&rows)?)))
        .collect()
}

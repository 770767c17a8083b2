//! Option objects as serde structs: `camelCase` names, each JS name written once (the
//! [`stl_options!`] list below), unknown keys rejected naming the key, TypeScript declarations
//! generated (tsify). Every bad value is an `invalid_argument` naming the option and the value.

use std::fmt;

use civic_pulse::analytics::{Fill, ResolvedStlParams, StlParams};
use civic_pulse::Error;
use js_sys::{Array, Object};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};

use crate::input::describe;

/// A scalar as JavaScript gave it, kept for the error message (`"7"`, `7.5`, `true`).
enum Scalar {
    Number(f64),
    Text(String),
    Bool(bool),
    Other(&'static str),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Text(s) => write!(f, "{s:?}"),
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Other(what) => f.write_str(what),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, a string or a boolean")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Scalar, A::Error> {
                Ok(Scalar::Other("an array"))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Scalar, A::Error> {
                Ok(Scalar::Other("an object"))
            }
        }
        d.deserialize_any(V)
    }
}

/// Declares a scalar option type: its TypeScript type, how it is read from a [`Scalar`] (what
/// it must be, for the message) and how it is written back.
macro_rules! scalar_option {
    ($(#[$doc:meta])* $name:ident($inner:ty), ts = $ts:literal, must = $must:literal,
     read = $read:expr, write = |$s:ident, $v:ident| $write:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Tsify)]
        #[tsify(type = $ts)]
        pub struct $name(pub $inner);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = Scalar::deserialize(d)?;
                let read: fn(&Scalar) -> Option<$inner> = $read;
                read(&raw)
                    .map($name)
                    .ok_or_else(|| de::Error::custom(format!("{raw} (must be {})", $must)))
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, $s: S) -> Result<S::Ok, S::Error> {
                let $v = self.0;
                $write
            }
        }
    };
}

scalar_option!(
    /// A non-negative integer option (at most 2³¹ − 1).
    Count(usize), ts = "number", must = "a non-negative integer",
    read = |s| match *s {
        Scalar::Number(f) if f >= 0.0 && f.fract() == 0.0 && f <= i32::MAX as f64 => {
            Some(f as usize)
        }
        _ => None,
    },
    write = |s, v| s.serialize_u64(v as u64)
);

scalar_option!(
    /// A loess degree: 0 or 1.
    Degree(u8), ts = "0 | 1", must = "0 or 1",
    read = |s| match *s {
        Scalar::Number(f) if f == 0.0 || f == 1.0 => Some(f as u8),
        _ => None,
    },
    write = |s, v| s.serialize_u8(v)
);

scalar_option!(
    /// A boolean option.
    Flag(bool), ts = "boolean", must = "true or false",
    read = |s| match *s {
        Scalar::Bool(b) => Some(b),
        _ => None,
    },
    write = |s, v| s.serialize_bool(v)
);

scalar_option!(
    /// How NaN gaps are treated: `"none"` (refused with `missing_values`) or `"linear"`.
    FillMode(Fill), ts = "\"linear\" | \"none\"", must = "\"linear\" or \"none\"",
    read = |s| match s {
        Scalar::Text(t) if t == "linear" => Some(Fill::Linear),
        Scalar::Text(t) if t == "none" => Some(Fill::None),
        _ => None,
    },
    write = |s, v| s.serialize_str(match v {
        Fill::Linear => "linear",
        Fill::None => "none",
    })
);

/// The STL options, each JS name written once here: [`StlOptions`] (all optional, the input of
/// `stl`) and [`StlResolvedParams`] (all set, what `stl` used) are both generated from it.
macro_rules! stl_options {
    ($($(#[doc = $doc:literal])* $field:ident: $ty:ty,)*) => {
        /// Options of `stl`, named and defaulted as statsmodels' `STL` (all optional;
        /// `null` or absent = the default).
        #[derive(Debug, Clone, Default, Deserialize, Tsify)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        #[tsify(missing_as_null)]
        pub struct StlOptions {
            $($(#[doc = $doc])* #[tsify(optional)] pub $field: Option<$ty>,)*
        }

        /// The parameters `stl` used, statsmodels' defaults resolved.
        #[derive(Debug, Clone, Serialize, Tsify)]
        #[serde(rename_all = "camelCase")]
        pub struct StlResolvedParams {
            /// Period.
            pub period: Count,
            $($(#[doc = $doc])* pub $field: $ty,)*
        }
    };
}

stl_options! {
    /// Seasonal smoother length (odd, ≥ 3; default 7).
    seasonal: Count,
    /// Trend smoother length (odd, > period; default from period and seasonal).
    trend: Count,
    /// Low-pass filter length (odd, > period; default the smallest odd integer > period).
    low_pass: Count,
    /// Seasonal loess degree (default 1).
    seasonal_deg: Degree,
    /// Trend loess degree (default 1).
    trend_deg: Degree,
    /// Low-pass loess degree (default 1).
    low_pass_deg: Degree,
    /// Robust fitting (default false).
    robust: Flag,
    /// Seasonal smoother jump (default 1).
    seasonal_jump: Count,
    /// Trend smoother jump (default 1).
    trend_jump: Count,
    /// Low-pass smoother jump (default 1).
    low_pass_jump: Count,
    /// Inner iterations (default 5, or 2 when robust).
    inner_iter: Count,
    /// Outer iterations (default 0, or 15 when robust).
    outer_iter: Count,
    /// NaN handling: `"none"` (default) or `"linear"` interpolation.
    fill: FillMode,
}

impl StlOptions {
    /// Reads an options object from JavaScript (`undefined`/`null` = all defaults).
    ///
    /// # Errors
    /// `invalid_argument`: not a plain object; an unknown key (named, with the known ones);
    /// a bad value (named with its option).
    pub fn from_js(options: &JsValue) -> Result<StlOptions, Error> {
        if options.is_undefined() || options.is_null() {
            return Ok(StlOptions::default());
        }
        if !options.is_object() || Array::is_array(options) || options.is_function() {
            return Err(Error::invalid(format!(
                "invalid options: {} (expected a plain object)",
                describe(options)
            )));
        }
        // serde-wasm-bindgen reads a struct field by field, so it never sees an unknown key;
        // the keys are checked here against the names serde derived.
        let known = field_names::<StlOptions>();
        let obj: &Object = options.unchecked_ref();
        for key in Object::keys(obj).iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(Error::invalid(format!(
                    "unknown stl option: {key:?} (known: {})",
                    known.join(", ")
                )));
            }
        }
        let de = serde_wasm_bindgen::Deserializer::from(options.clone());
        serde_path_to_error::deserialize(de).map_err(|e| {
            // serde-wasm-bindgen's error prints as a JS Error ("Error: …"); keep the message.
            let inner = e.inner().to_string();
            let msg = inner.strip_prefix("Error: ").unwrap_or(&inner);
            Error::invalid(format!("invalid option {}: {msg}", e.path()))
        })
    }

    /// The core's parameters.
    ///
    /// # Example
    /// ```
    /// use civic_pulse_wasm::options::{Count, StlOptions};
    /// let p = StlOptions { seasonal: Some(Count(13)), ..StlOptions::default() }.to_params();
    /// assert_eq!((p.seasonal, p.trend), (13, None));
    /// ```
    pub fn to_params(&self) -> StlParams {
        let d = StlParams::new();
        let count = |v: Option<Count>| v.map(|c| c.0);
        StlParams {
            seasonal: count(self.seasonal).unwrap_or(d.seasonal),
            trend: count(self.trend).or(d.trend),
            low_pass: count(self.low_pass).or(d.low_pass),
            seasonal_deg: self.seasonal_deg.map_or(d.seasonal_deg, |v| v.0),
            trend_deg: self.trend_deg.map_or(d.trend_deg, |v| v.0),
            low_pass_deg: self.low_pass_deg.map_or(d.low_pass_deg, |v| v.0),
            robust: self.robust.map_or(d.robust, |v| v.0),
            seasonal_jump: count(self.seasonal_jump).unwrap_or(d.seasonal_jump),
            trend_jump: count(self.trend_jump).unwrap_or(d.trend_jump),
            low_pass_jump: count(self.low_pass_jump).unwrap_or(d.low_pass_jump),
            inner_iter: count(self.inner_iter).or(d.inner_iter),
            outer_iter: count(self.outer_iter).or(d.outer_iter),
            fill: self.fill.map_or(d.fill, |v| v.0),
        }
    }
}

impl From<&ResolvedStlParams> for StlResolvedParams {
    fn from(r: &ResolvedStlParams) -> Self {
        StlResolvedParams {
            period: Count(r.period),
            seasonal: Count(r.seasonal),
            trend: Count(r.trend),
            low_pass: Count(r.low_pass),
            seasonal_deg: Degree(r.seasonal_deg),
            trend_deg: Degree(r.trend_deg),
            low_pass_deg: Degree(r.low_pass_deg),
            robust: Flag(r.robust),
            seasonal_jump: Count(r.seasonal_jump),
            trend_jump: Count(r.trend_jump),
            low_pass_jump: Count(r.low_pass_jump),
            inner_iter: Count(r.inner_iter),
            outer_iter: Count(r.outer_iter),
            fill: FillMode(r.fill),
        }
    }
}

/// The field names serde derived for a struct (as JavaScript spells them), read by asking the
/// struct to deserialize itself from a probe that only records them.
///
/// # Example
/// ```
/// use civic_pulse_wasm::options::{field_names, StlOptions};
/// assert_eq!(field_names::<StlOptions>()[..3], ["seasonal", "trend", "lowPass"]);
/// ```
pub fn field_names<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

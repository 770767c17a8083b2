//! The big-endian twin of a little-endian Arrow IPC file or stream: the same data as a
//! big-endian machine writes it — the schema marked `Big`, every fixed-width value of every
//! body byte-swapped (values, offsets, dictionary keys, union offsets, view headers,
//! decimals, dates, times, timestamps, intervals), the flatbuffer metadata and framing
//! unchanged (Arrow keeps those little-endian).
//!
//! Independent of the reader's own swap code: it walks the Arrow types itself. A test tool:
//! it panics on input it does not understand (compressed bodies, malformed files).
//!
//! The schema flag needs a new flatbuffer table (arrow-rs omits the default `Little`, so
//! there is no byte to flip): new root tables are written in front of the old flatbuffer,
//! which is shifted by a multiple of 8 so that every relative offset and alignment in it
//! still holds.

use arrow_ipc::{MessageHeader, MetadataVersion};
use arrow_schema::{DataType, IntervalUnit, Schema, UnionMode};

const CONTINUATION: [u8; 4] = [0xff; 4];

/// The big-endian twin of `le` (file or stream, told apart by the `ARROW1` magic).
pub fn to_big_endian(le: &[u8]) -> Vec<u8> {
    twin(le, true)
}

/// `le` with only the schema marked big-endian, the bodies left little-endian: a file that
/// no reader can read right, for tests of refusals that must not depend on the bodies.
#[allow(dead_code)] // the tests use it; the command-line example does not
pub fn mark_big_endian(le: &[u8]) -> Vec<u8> {
    twin(le, false)
}

fn twin(le: &[u8], swap_bodies: bool) -> Vec<u8> {
    if le.starts_with(b"ARROW1") {
        file_twin(le, swap_bodies)
    } else {
        let mut out = Vec::new();
        stream_twin(le, 0, le.len(), swap_bodies, &mut out);
        out
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(b[at..at + 2].try_into().unwrap())
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}
fn i32_at(b: &[u8], at: usize) -> i32 {
    i32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

/// One encapsulated message at `pos`: (metadata start, metadata length, body length), or
/// `None` at an end-of-stream marker / the end.
fn message(b: &[u8], pos: usize) -> Option<(usize, usize, usize)> {
    if pos + 8 > b.len() || b[pos..pos + 4] != CONTINUATION {
        return None;
    }
    let len = i32_at(b, pos + 4) as usize;
    if len == 0 {
        return None;
    }
    let msg = arrow_ipc::root_as_message(&b[pos + 8..pos + 8 + len]).unwrap();
    Some((pos + 8, len, msg.bodyLength() as usize))
}

/// Re-frames the messages of `le[start..end]` (a stream, or a file's messages) into `out`,
/// the schema message marked big-endian and the bodies swapped.
fn stream_twin(le: &[u8], start: usize, end: usize, swap: bool, out: &mut Vec<u8>) {
    let (meta, len, _) = message(le, start).expect("a schema message first");
    let msg = arrow_ipc::root_as_message(&le[meta..meta + len]).unwrap();
    let schema = arrow_ipc::convert::try_fb_to_schema(msg.header_as_schema().unwrap()).unwrap();
    let new_meta = big_schema_message(&le[meta..meta + len]);
    out.extend_from_slice(&CONTINUATION);
    out.extend_from_slice(&(new_meta.len() as i32).to_le_bytes());
    out.extend_from_slice(&new_meta);
    let mut pos = meta + len;
    while let Some((meta, len, body)) = message(le, pos) {
        out.extend_from_slice(&le[pos..meta + len]);
        let mut bytes = le[meta + len..meta + len + body].to_vec();
        if swap {
            swap_body(&le[meta..meta + len], &schema, &mut bytes);
        }
        out.extend_from_slice(&bytes);
        pos = meta + len + body;
    }
    out.extend_from_slice(&le[pos..end]); // the end-of-stream marker, if any
}

fn file_twin(le: &[u8], swap: bool) -> Vec<u8> {
    let n = le.len();
    let footer_len = i32_at(le, n - 10) as usize;
    let footer_start = n - 10 - footer_len;
    let footer = &le[footer_start..n - 10];
    // The schema message follows the magic and the writer's alignment padding.
    let start = (8..footer_start)
        .step_by(8)
        .find(|&p| le[p..p + 4] == CONTINUATION)
        .expect("the file's schema message");
    let (old_meta, old_len, _) = message(le, start).unwrap();
    let old_schema_end = old_meta + old_len;

    let mut out = le[..start].to_vec();
    let mut schema_msg = Vec::new();
    // The schema message alone, then the rest with swapped bodies at shifted offsets.
    let new_meta = big_schema_message(&le[old_meta..old_schema_end]);
    schema_msg.extend_from_slice(&CONTINUATION);
    schema_msg.extend_from_slice(&(new_meta.len() as i32).to_le_bytes());
    schema_msg.extend_from_slice(&new_meta);
    let delta = schema_msg.len() as i64 - (old_schema_end - start) as i64;
    out.extend_from_slice(&schema_msg);

    let fb = arrow_ipc::root_as_footer(footer).unwrap();
    let schema = arrow_ipc::convert::try_fb_to_schema(fb.schema().unwrap()).unwrap();
    let mut rest = le[old_schema_end..footer_start].to_vec();
    if swap {
        let blocks = fb.dictionaries().into_iter().flatten();
        for block in blocks.chain(fb.recordBatches().into_iter().flatten()) {
            let at = block.offset() as usize;
            let (meta, len, body) = message(le, at).unwrap();
            let body_start = meta + len - old_schema_end;
            swap_body(
                &le[meta..meta + len],
                &schema,
                &mut rest[body_start..body_start + body],
            );
        }
    }
    out.extend_from_slice(&rest);
    let new_footer = big_footer(footer, delta);
    out.extend_from_slice(&new_footer);
    out.extend_from_slice(&(new_footer.len() as i32).to_le_bytes());
    out.extend_from_slice(b"ARROW1");
    out
}

/// A scalar or offset field of a new flatbuffer table.
enum Val {
    I16(i16),
    U8(u8),
    I64(i64),
    /// An offset to the object at this position of the old buffer.
    Old(usize),
    /// An offset to the new table with this index (it must come later).
    New(usize),
}

/// The position of field `voffset` of the table at `table` in `b`.
fn field(b: &[u8], table: usize, voffset: u16) -> Option<usize> {
    let vt = (table as i64 - i64::from(i32_at(b, table))) as usize;
    if voffset >= u16_at(b, vt) {
        return None;
    }
    match u16_at(b, vt + usize::from(voffset)) {
        0 => None,
        fo => Some(table + usize::from(fo)),
    }
}

/// The old object an offset field points at.
fn target(b: &[u8], table: usize, voffset: u16) -> Option<Val> {
    field(b, table, voffset).map(|at| Val::Old(at + u32_at(b, at) as usize))
}

/// `old` with `tables` (fields as (voffset, value)) written in front; the first is the root.
/// Returns the new buffer and the shift applied to the old bytes.
fn front_insert(old: &[u8], tables: &[Vec<(u16, Val)>]) -> (Vec<u8>, usize) {
    let align8 = |x: usize| x.div_ceil(8) * 8;
    let mut pos = 8;
    let mut layout = Vec::new(); // (vtable position, table position)
    for t in tables {
        let max = t.iter().map(|(v, _)| *v).max().unwrap_or(2);
        let vt = pos;
        pos = align8(vt + usize::from(max) + 2);
        layout.push((vt, pos));
        pos += 8 + 8 * t.len();
    }
    // Old bytes from 4 on land at a multiple-of-8 shift: alignment inside them holds.
    let start = if pos % 8 <= 4 {
        pos - pos % 8 + 4
    } else {
        pos - pos % 8 + 12
    };
    let shift = start - 4;
    let mut out = vec![0u8; start];
    out[0..4].copy_from_slice(&(layout[0].1 as u32).to_le_bytes());
    for (t, &(vt, tp)) in tables.iter().zip(&layout) {
        let max = t.iter().map(|(v, _)| *v).max().unwrap_or(2);
        out[vt..vt + 2].copy_from_slice(&(max + 2).to_le_bytes());
        out[vt + 2..vt + 4].copy_from_slice(&((8 + 8 * t.len()) as u16).to_le_bytes());
        out[tp..tp + 4].copy_from_slice(&((tp - vt) as i32).to_le_bytes());
        for (i, (voffset, val)) in t.iter().enumerate() {
            let at = tp + 8 + 8 * i;
            let v = usize::from(*voffset);
            out[vt + v..vt + v + 2].copy_from_slice(&((8 + 8 * i) as u16).to_le_bytes());
            match *val {
                Val::I16(x) => out[at..at + 2].copy_from_slice(&x.to_le_bytes()),
                Val::U8(x) => out[at] = x,
                Val::I64(x) => out[at..at + 8].copy_from_slice(&x.to_le_bytes()),
                Val::Old(p) => {
                    let to = (p + shift - at) as u32;
                    out[at..at + 4].copy_from_slice(&to.to_le_bytes());
                }
                Val::New(k) => {
                    let to = (layout[k].1 - at) as u32;
                    out[at..at + 4].copy_from_slice(&to.to_le_bytes());
                }
            }
        }
    }
    out.extend_from_slice(&old[4..]);
    (out, shift)
}

/// The new Schema table: endianness Big, everything else the old schema's.
fn big_schema_table(old: &[u8], schema: usize) -> Vec<(u16, Val)> {
    let mut t = vec![(4, Val::I16(arrow_ipc::Endianness::Big.0))];
    t.extend(
        [6, 8, 10]
            .into_iter()
            .filter_map(|v| target(old, schema, v).map(|x| (v, x))),
    );
    t
}

/// A schema message's metadata with the schema marked big-endian.
fn big_schema_message(old: &[u8]) -> Vec<u8> {
    let root = u32_at(old, 0) as usize;
    let msg = arrow_ipc::root_as_message(old).unwrap();
    assert_eq!(msg.header_type(), MessageHeader::Schema);
    let schema = field(old, root, 8)
        .map(|at| at + u32_at(old, at) as usize)
        .unwrap();
    let mut m = vec![
        (4, Val::I16(msg.version().0)),
        (6, Val::U8(MessageHeader::Schema.0)),
        (8, Val::New(1)),
        (10, Val::I64(msg.bodyLength())),
    ];
    m.extend(target(old, root, 12).map(|x| (12, x)));
    let (mut out, _) = front_insert(old, &[m, big_schema_table(old, schema)]);
    out.resize(out.len().div_ceil(8) * 8, 0);
    out
}

/// A file footer with its schema marked big-endian and every block moved by `delta` bytes.
fn big_footer(old: &[u8], delta: i64) -> Vec<u8> {
    let root = u32_at(old, 0) as usize;
    let fb = arrow_ipc::root_as_footer(old).unwrap();
    let schema = field(old, root, 6)
        .map(|at| at + u32_at(old, at) as usize)
        .unwrap();
    let mut t = vec![(4, Val::I16(fb.version().0)), (6, Val::New(1))];
    t.extend(
        [8, 10, 12]
            .into_iter()
            .filter_map(|v| target(old, root, v).map(|x| (v, x))),
    );
    let (mut out, shift) = front_insert(old, &[t, big_schema_table(old, schema)]);
    // Blocks are 24-byte structs (offset i64, metadata length i32, padding, body i64).
    for v in [8u16, 10] {
        if let Some(at) = field(old, root, v) {
            let vec = at + u32_at(old, at) as usize + shift;
            let count = u32_at(&out, vec) as usize;
            for i in 0..count {
                let o = vec + 4 + 24 * i;
                let offset = i64::from_le_bytes(out[o..o + 8].try_into().unwrap()) + delta;
                out[o..o + 8].copy_from_slice(&offset.to_le_bytes());
            }
        }
    }
    out.resize(out.len().div_ceil(8) * 8, 0);
    out
}

/// Swaps every fixed-width value of one batch body, walking the types in the order arrow's
/// IPC writer lays out their buffers.
fn swap_body(meta: &[u8], schema: &Schema, body: &mut [u8]) {
    let msg = arrow_ipc::root_as_message(meta).unwrap();
    let (batch, types): (_, Vec<DataType>) = match msg.header_type() {
        MessageHeader::RecordBatch => (
            msg.header_as_record_batch().unwrap(),
            schema
                .fields()
                .iter()
                .map(|f| f.data_type().clone())
                .collect(),
        ),
        MessageHeader::DictionaryBatch => {
            let d = msg.header_as_dictionary_batch().unwrap();
            #[allow(deprecated)]
            let fields = schema.fields_with_dict_id(d.id());
            let DataType::Dictionary(_, value) = fields[0].data_type() else {
                panic!("dictionary id {} is not a dictionary", d.id())
            };
            (d.data().unwrap(), vec![value.as_ref().clone()])
        }
        other => panic!("unexpected {other:?}"),
    };
    assert!(
        batch.compression().is_none(),
        "the twin tool swaps uncompressed bodies only"
    );
    let mut w = Swapper {
        buffers: batch
            .buffers()
            .unwrap()
            .iter()
            .map(|b| (b.offset() as usize, b.length() as usize))
            .collect(),
        variadic: batch
            .variadicBufferCounts()
            .map(|v| v.iter().collect())
            .unwrap_or_default(),
        next: 0,
        next_variadic: 0,
        v5: msg.version() >= MetadataVersion::V5,
        body,
    };
    for dt in &types {
        w.array(dt);
    }
    assert_eq!(w.next, w.buffers.len(), "every buffer walked");
}

struct Swapper<'a> {
    buffers: Vec<(usize, usize)>,
    variadic: Vec<i64>,
    next: usize,
    next_variadic: usize,
    v5: bool,
    body: &'a mut [u8],
}

impl Swapper<'_> {
    /// The next buffer's bytes.
    fn take(&mut self) -> &mut [u8] {
        let (o, l) = self.buffers[self.next];
        self.next += 1;
        &mut self.body[o..o + l]
    }

    fn skip(&mut self) {
        self.take();
    }

    fn each(&mut self, width: usize) {
        self.take()
            .chunks_exact_mut(width)
            .for_each(<[u8]>::reverse);
    }

    fn array(&mut self, dt: &DataType) {
        use DataType::*;
        match dt {
            Null => {}
            Boolean | Binary | Utf8 | LargeBinary | LargeUtf8 | FixedSizeBinary(_) => {
                self.skip(); // validity
                match dt {
                    Binary | Utf8 => self.each(4),
                    LargeBinary | LargeUtf8 => self.each(8),
                    _ => {}
                }
                self.skip(); // bits, bytes or string data
            }
            Utf8View | BinaryView => {
                self.skip();
                for v in self.take().chunks_exact_mut(16) {
                    v[0..4].reverse();
                    if i32::from_be_bytes(v[0..4].try_into().unwrap()) > 12 {
                        v[8..12].reverse();
                        v[12..16].reverse();
                    }
                }
                let count = self.variadic[self.next_variadic];
                self.next_variadic += 1;
                for _ in 0..count {
                    self.skip();
                }
            }
            List(f) | Map(f, _) => {
                self.skip();
                self.each(4);
                self.array(f.data_type());
            }
            LargeList(f) => {
                self.skip();
                self.each(8);
                self.array(f.data_type());
            }
            ListView(f) | LargeListView(f) => {
                let w = if matches!(dt, ListView(_)) { 4 } else { 8 };
                self.skip();
                self.each(w);
                self.each(w);
                self.array(f.data_type());
            }
            FixedSizeList(f, _) => {
                self.skip();
                self.array(f.data_type());
            }
            Struct(fields) => {
                self.skip();
                for f in fields {
                    self.array(f.data_type());
                }
            }
            RunEndEncoded(r, v) => {
                self.array(r.data_type());
                self.array(v.data_type());
            }
            Dictionary(key, _) => {
                self.skip();
                self.each(key.primitive_width().unwrap());
            }
            Union(fields, mode) => {
                if !self.v5 {
                    self.skip();
                }
                self.skip(); // type ids: one byte each
                if *mode == UnionMode::Dense {
                    self.each(4);
                }
                for (_, f) in fields.iter() {
                    self.array(f.data_type());
                }
            }
            Interval(IntervalUnit::MonthDayNano) => {
                self.skip();
                for v in self.take().chunks_exact_mut(16) {
                    v[0..4].reverse();
                    v[4..8].reverse();
                    v[8..16].reverse();
                }
            }
            Interval(IntervalUnit::DayTime) => {
                self.skip();
                self.each(4);
            }
            other => {
                self.skip();
                self.each(other.primitive_width().expect("a fixed-width type"));
            }
        }
    }
}

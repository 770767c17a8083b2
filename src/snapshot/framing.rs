//! Arrow IPC framing, checked by us before any arrow-rs code sees the bytes.
//!
//! arrow-rs decodes record batches with `Buffer::slice_with_length` and friends, which panic
//! (a trap in WebAssembly) when a hostile file declares a block, a buffer or an array longer
//! than the bytes behind it. So this module reads the framing itself — the file footer and
//! its blocks, or the stream's messages — and hands each batch to [`super::bounds`], which
//! walks its field nodes and buffers against the schema, before the (zero-copy) body goes to
//! arrow-ipc's `RecordBatchDecoder` ([`super::dictionary::Decoder`]).
//!
//! Data validation (UTF-8, offsets, dictionary keys) stays arrow-rs's job and is on unless
//! the caller proved the bytes are the report's own (see `Snapshot::from_trusted_ipc`).

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_buffer::Buffer;
use arrow_ipc::{Block, MessageHeader, MetadataVersion};
use arrow_schema::{ArrowError, Schema, SchemaRef};

use super::bounds::precheck;
use super::byte_order;
use super::dictionary::Decoder;
use super::limits::{MAX_DECODED_BYTES, MAX_ROWS};
use crate::{Error, Result};

const MAGIC: &[u8; 6] = b"ARROW1";
const CONTINUATION: [u8; 4] = [0xff; 4];

pub(super) fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidIpc(msg.into())
}

/// Maps an arrow-rs error to ours: features this build lacks are `unsupported_type`.
pub(crate) fn arrow_error(e: ArrowError) -> Error {
    match e {
        ArrowError::NotYetImplemented(msg) => Error::UnsupportedType {
            data_type: msg,
            column: String::new(),
        },
        ArrowError::InvalidArgumentError(msg) if msg.contains("feature") => {
            Error::UnsupportedType {
                data_type: msg,
                column: String::new(),
            }
        }
        other => Error::InvalidIpc(other.to_string()),
    }
}

pub(super) fn u64_of(v: i64, what: &str) -> Result<u64> {
    u64::try_from(v).map_err(|_| invalid(format!("negative {what}: {v}")))
}

/// `start..start + len` inside `0..total`, or `invalid_ipc` naming `what`.
pub(super) fn range_in(start: u64, len: u64, total: usize, what: &str) -> Result<(usize, usize)> {
    match start.checked_add(len) {
        Some(end) if end <= total as u64 => Ok((start as usize, len as usize)),
        _ => Err(invalid(format!(
            "{what} at byte {start} with length {len} runs past the end of the data ({total} bytes)"
        ))),
    }
}

/// What the decoder produces: the schema, the batches, and the total row count.
pub(crate) struct Decoded {
    pub schema: SchemaRef,
    pub batches: Vec<RecordBatch>,
    pub num_rows: usize,
}

/// Decodes IPC bytes held in `data` (file or stream, told apart by the magic).
///
/// # Safety contract of `trusted`
/// `trusted = true` skips arrow-rs's data validation; callers pass it only for bytes whose
/// SHA-256 matched a snapshot this project wrote. Framing and buffer-size checks run anyway.
pub(crate) fn decode(data: &Buffer, trusted: bool) -> Result<Decoded> {
    let bytes = data.as_slice();
    if bytes.is_empty() {
        return Err(invalid("empty input (0 bytes)"));
    }
    let mut budget = MAX_DECODED_BYTES;
    if bytes.starts_with(MAGIC) {
        decode_file(data, trusted, &mut budget)
    } else {
        decode_stream(data, trusted, &mut budget)
    }
}

/// One encapsulated message at `start`: its flatbuffer and the length of its metadata
/// (prefix + flatbuffer + padding). `None` at an end-of-stream marker.
fn message_at(bytes: &[u8], start: usize) -> Result<Option<(arrow_ipc::Message<'_>, usize)>> {
    let word = |at: usize| -> Result<i32> {
        bytes
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(i32::from_le_bytes)
            .ok_or_else(|| invalid(format!("truncated message header at byte {at}")))
    };
    let (len, prefix) = if bytes.get(start..start + 4) == Some(&CONTINUATION[..]) {
        (word(start + 4)?, 8)
    } else {
        // Pre-0.15 framing: the length without the continuation marker.
        (word(start)?, 4)
    };
    if len == 0 {
        return Ok(None);
    }
    let len = u64_of(len.into(), "message length")?;
    let (fb_start, fb_len) = range_in(
        (start + prefix) as u64,
        len,
        bytes.len(),
        "message metadata",
    )?;
    let fb = &bytes[fb_start..fb_start + fb_len];
    let msg = arrow_ipc::root_as_message(fb)
        .map_err(|e| invalid(format!("message at byte {start}: {e}")))?;
    Ok(Some((msg, prefix + fb_len)))
}

fn decode_file(data: &Buffer, trusted: bool, budget: &mut u64) -> Result<Decoded> {
    let bytes = data.as_slice();
    let n = bytes.len();
    // "ARROW1" + 2 padding bytes + ... + footer + i32 footer length + "ARROW1".
    if n < 8 + 10 || !bytes.ends_with(MAGIC) {
        return Err(invalid(format!(
            "an IPC file ({n} bytes) must end with the ARROW1 magic; the data are truncated"
        )));
    }
    let footer_len = i32::from_le_bytes([bytes[n - 10], bytes[n - 9], bytes[n - 8], bytes[n - 7]]);
    let footer_len = u64_of(footer_len.into(), "footer length")?;
    let footer_start = (n as u64 - 10)
        .checked_sub(footer_len)
        .filter(|s| *s >= 8)
        .ok_or_else(|| {
            invalid(format!(
                "footer length {footer_len} does not fit in a {n}-byte file"
            ))
        })? as usize;
    let footer = arrow_ipc::root_as_footer(&bytes[footer_start..n - 10])
        .map_err(|e| invalid(format!("footer: {e}")))?;
    let fb_schema = footer
        .schema()
        .ok_or_else(|| invalid("the footer has no schema"))?;
    let (schema, swap) = byte_order::schema(fb_schema, convert_schema, |copy| {
        let footer =
            arrow_ipc::root_as_footer(copy).map_err(|e| invalid(format!("footer: {e}")))?;
        convert_schema(
            footer
                .schema()
                .ok_or_else(|| invalid("the footer has no schema"))?,
        )
    })?;
    let schema = Arc::new(schema);
    let version = footer.version();
    let mut decoder = Decoder::new(schema.clone(), trusted);

    // Checks a block's extent and message; returns the block's bytes and its message.
    let block_bytes = |block: &Block, what: &str| -> Result<(Buffer, usize, u64)> {
        let offset = u64_of(block.offset(), "block offset")?;
        let meta = u64_of(block.metaDataLength().into(), "block metadata length")?;
        let body = u64_of(block.bodyLength(), "block body length")?;
        let total = meta
            .checked_add(body)
            .ok_or_else(|| invalid(format!("{what} block is too long")))?;
        let (start, len) = range_in(offset, total, footer_start, &format!("{what} block"))?;
        if meta < 8 {
            return Err(invalid(format!(
                "{what} block at byte {offset} has {meta} bytes of metadata (need at least 8)"
            )));
        }
        Ok((data.slice_with_length(start, len), meta as usize, body))
    };

    for block in footer.dictionaries().iter().flatten() {
        let (buf, meta, body) = block_bytes(block, "dictionary")?;
        let (msg, _) = message_at(buf.as_slice(), 0)?
            .ok_or_else(|| invalid("a dictionary block holds an end-of-stream marker"))?;
        if msg.header_type() != MessageHeader::DictionaryBatch {
            return Err(invalid(format!(
                "a dictionary block holds a {:?} message",
                msg.header_type()
            )));
        }
        let (body, _) = checked_body(&msg, &schema, version, buf.slice(meta), body, budget, swap)?;
        decoder.dictionary(&msg, &body)?;
    }
    let mut batches = Vec::new();
    let mut rows = 0u64;
    for block in footer.recordBatches().iter().flatten() {
        let (buf, meta, body) = block_bytes(block, "record batch")?;
        let (msg, _) = message_at(buf.as_slice(), 0)?
            .ok_or_else(|| invalid("a record batch block holds an end-of-stream marker"))?;
        if msg.header_type() != MessageHeader::RecordBatch {
            return Err(invalid(format!(
                "a record batch block holds a {:?} message",
                msg.header_type()
            )));
        }
        let (body, n) = checked_body(&msg, &schema, version, buf.slice(meta), body, budget, swap)?;
        rows = add_rows(rows, n)?;
        batches.push(decoder.record_batch(&msg, &body)?);
    }
    finish(schema, batches)
}

fn decode_stream(data: &Buffer, trusted: bool, budget: &mut u64) -> Result<Decoded> {
    let bytes = data.as_slice();
    let n = bytes.len();
    let (first, first_meta) = message_at(bytes, 0)?.ok_or_else(|| {
        invalid("the stream ends before its schema message (end-of-stream marker first)")
    })?;
    let fb_schema = first.header_as_schema().ok_or_else(|| {
        invalid(format!(
            "the first message of a stream must be a schema, found {:?} (or the bytes are not Arrow IPC)",
            first.header_type()
        ))
    })?;
    let (schema, swap) = byte_order::schema(fb_schema, convert_schema, |copy| {
        let msg = arrow_ipc::root_as_message(copy).map_err(|e| invalid(format!("schema: {e}")))?;
        convert_schema(
            msg.header_as_schema()
                .ok_or_else(|| invalid("not a schema message"))?,
        )
    })?;
    let schema = Arc::new(schema);
    let version = first.version();
    let mut decoder = Decoder::new(schema.clone(), trusted);
    let first_body = u64_of(first.bodyLength(), "body length")?;
    let mut pos =
        range_in(first_meta as u64, first_body, n, "schema message body").map(|(s, l)| s + l)?;
    let mut batches = Vec::new();
    let mut rows = 0u64;
    while pos < n {
        let Some((msg, meta)) = message_at(bytes, pos)? else {
            break; // end-of-stream marker
        };
        let body = u64_of(msg.bodyLength(), "message body length")?;
        let (_, body_len) = range_in((pos + meta) as u64, body, n, "message body")?;
        let total = meta + body_len;
        let body_buf = data.slice_with_length(pos + meta, body_len);
        match msg.header_type() {
            MessageHeader::DictionaryBatch => {
                let (body, _) = checked_body(&msg, &schema, version, body_buf, body, budget, swap)?;
                decoder.dictionary(&msg, &body)?;
            }
            MessageHeader::RecordBatch => {
                let (body, n) = checked_body(&msg, &schema, version, body_buf, body, budget, swap)?;
                rows = add_rows(rows, n)?;
                batches.push(decoder.record_batch(&msg, &body)?);
            }
            other => {
                return Err(invalid(format!(
                    "unexpected {other:?} message at byte {pos} of the stream"
                )))
            }
        }
        pos += total;
    }
    finish(schema, batches)
}

fn convert_schema(fb: arrow_ipc::Schema<'_>) -> Result<Schema> {
    arrow_ipc::convert::try_fb_to_schema(fb).map_err(arrow_error)
}

/// Checks one batch body ([`precheck`]); returns it, swapped to this machine's byte order
/// when `swap`, and its row count.
fn checked_body(
    msg: &arrow_ipc::Message<'_>,
    schema: &Schema,
    version: MetadataVersion,
    body: Buffer,
    body_len: u64,
    budget: &mut u64,
    swap: bool,
) -> Result<(Buffer, u64)> {
    let checked = precheck(msg, schema, version, body.as_slice(), body_len, budget)?;
    let body = if swap {
        byte_order::swapped(&body, &checked.plan, checked.compressed)?
    } else {
        body
    };
    Ok((body, checked.rows))
}

fn add_rows(total: u64, rows: u64) -> Result<u64> {
    total
        .checked_add(rows)
        .filter(|t| *t <= MAX_ROWS)
        .ok_or_else(|| {
            invalid(format!(
                "more than {MAX_ROWS} rows in total; this reader refuses larger snapshots"
            ))
        })
}

fn finish(schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<Decoded> {
    let num_rows = batches.iter().map(RecordBatch::num_rows).sum();
    Ok(Decoded {
        schema,
        batches,
        num_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::MAX_DECODED_BYTES;
    use crate::Snapshot;
    use arrow_array::RecordBatch;
    use arrow_schema::DataType;

    fn lz4_file(n: usize) -> Vec<u8> {
        use arrow_array::Float64Array;
        use arrow_ipc::writer::{FileWriter, IpcWriteOptions};
        use arrow_schema::{Field, Schema};
        use std::sync::Arc;
        let schema = Arc::new(Schema::new(vec![Field::new("v", DataType::Float64, false)]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![Arc::new(Float64Array::from(vec![1.0; n]))],
        )
        .unwrap();
        let options = IpcWriteOptions::default()
            .try_with_compression(Some(arrow_ipc::CompressionType::LZ4_FRAME))
            .unwrap();
        let mut bytes = Vec::new();
        let mut w = FileWriter::try_new_with_options(&mut bytes, &schema, options).unwrap();
        w.write(&batch).unwrap();
        w.finish().unwrap();
        drop(w);
        bytes
    }

    #[test]
    fn compressed_buffers_declaring_huge_sizes_are_refused_before_allocating() {
        let bytes = lz4_file(1000);
        assert_eq!(Snapshot::from_ipc(&bytes).unwrap().num_rows(), 1000);
        // The values buffer's 8-byte prefix: its uncompressed length, 8000.
        let prefix = 8000i64.to_le_bytes();
        let at = bytes
            .windows(8)
            .position(|w| w == prefix)
            .expect("the length prefix");
        for huge in [1i64 << 40, i64::MAX, (MAX_DECODED_BYTES + 1) as i64] {
            let mut bad = bytes.clone();
            bad[at..at + 8].copy_from_slice(&huge.to_le_bytes());
            let err = Snapshot::from_ipc(&bad).unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{err}");
            assert!(err.to_string().contains("too large"), "{err}");
        }
        let mut bad = bytes.clone();
        bad[at..at + 8].copy_from_slice(&(-5i64).to_le_bytes());
        assert_eq!(Snapshot::from_ipc(&bad).unwrap_err().code(), "invalid_ipc");
    }

    #[test]
    fn footer_blocks_pointing_outside_the_file_are_refused() {
        let bytes = lz4_file(10);
        let snap = Snapshot::from_ipc(&bytes).unwrap();
        assert_eq!(snap.num_rows(), 10);
        // Every single-byte corruption of the footer decodes or fails with a code, never
        // panics (the footer holds the blocks' offsets and lengths).
        let footer_len =
            i32::from_le_bytes(bytes[bytes.len() - 10..bytes.len() - 6].try_into().unwrap());
        let start = bytes.len() - 10 - footer_len as usize;
        for i in start..bytes.len() {
            for v in [0u8, 0x7f, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[i] = v;
                if let Err(e) = Snapshot::from_ipc(&bad) {
                    assert!(!e.code().is_empty());
                }
            }
        }
    }
}

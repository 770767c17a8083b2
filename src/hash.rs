//! SHA-256 as lower-case hex: the one copy, used by `Snapshot::from_trusted_ipc` (which skips
//! validation only on a catalog hash match) and by the dataset builder when it writes that
//! catalog.

/// Lower-case hexadecimal SHA-256 of `bytes`.
///
/// # Example
/// ```
/// assert_eq!(
///     civic_pulse::hash::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_input_has_the_published_digest() {
        // FIPS 180-2 test vector for the empty message.
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}

//! Writes the big-endian twin of a little-endian Arrow IPC file or stream (schema marked
//! `Big`, every fixed-width value byte-swapped), as a big-endian machine would have written
//! it: `cargo run --example big_endian -- in.arrow out.arrow`. The tests use the same code
//! (`tests/common/big_endian.rs`) to check every value of a twin against its original.

#[path = "../tests/common/big_endian.rs"]
mod big_endian;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: big_endian <little-endian.arrow> <big-endian.arrow>");
        return std::process::ExitCode::from(2);
    };
    let result =
        std::fs::read(input).and_then(|le| std::fs::write(output, big_endian::to_big_endian(&le)));
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}

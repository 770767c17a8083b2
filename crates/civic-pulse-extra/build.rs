//! Tells the wasm tests where Apache Arrow's gold files are: they are compiled into the test
//! binaries (`include_bytes!`, wasm has no file system). `CIVIC_ARROW_TESTING` overrides the
//! default `../shared/arrow-testing` beside the workspace, as for the native conformance test.
fn main() {
    println!("cargo:rerun-if-env-changed=CIVIC_ARROW_TESTING");
    let dir = std::env::var("CIVIC_ARROW_TESTING").unwrap_or_else(|_| {
        format!(
            "{}/../../../shared/arrow-testing",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    println!("cargo:rustc-env=ARROW_TESTING_DIR={dir}");
}

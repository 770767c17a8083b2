//! `build-data`: builds the report's Arrow snapshots under `www/data/` from the checked-in CSV
//! in `data/`.
//!
//! ```text
//! build-data [--data DIR] [--out DIR] [--docs FILE] [--regen] [--check]
//! ```
//! * `--data DIR`  source directory (default `data`)
//! * `--out DIR`   output directory (default `www/data`)
//! * `--docs FILE` also write the generated dataset list (e.g. `docs/datasets.md`)
//! * `--regen`     first rewrite the reconstructed series CSVs under `DIR/series/`
//!   from `build_data::reconstruct`
//! * `--check`     write nothing; exit 1 if any output file (or the CSVs, with `--regen`) differs
//!   from what is on disk

fn main() {
    if let Err(e) = cli::run(std::env::args().skip(1).collect()) {
        eprintln!("build-data: {e}");
        std::process::exit(1);
    }
}

mod cli {
    use std::error::Error;
    use std::path::{Path, PathBuf};

    use build_data::{build_all, reconstruct};

    struct Args {
        data: PathBuf,
        out: PathBuf,
        docs: Option<PathBuf>,
        regen: bool,
        check: bool,
    }

    fn parse(args: Vec<String>) -> Result<Args, Box<dyn Error>> {
        let mut a = Args {
            data: "data".into(),
            out: "www/data".into(),
            docs: None,
            regen: false,
            check: false,
        };
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--data" => a.data = value("--data")?,
                "--out" => a.out = value("--out")?,
                "--docs" => a.docs = Some(value("--docs")?),
                "--regen" => a.regen = true,
                "--check" => a.check = true,
                "-h" | "--help" => {
                    println!(
                        "build-data [--data DIR] [--out DIR] [--docs FILE] [--regen] [--check]"
                    );
                    std::process::exit(0);
                }
                other => return Err(format!("unknown argument {other:?}").into()),
            }
        }
        Ok(a)
    }

    /// Writes (or, with `check`, compares) one file; returns true when it differed.
    fn emit(path: &Path, bytes: &[u8], check: bool) -> Result<bool, Box<dyn Error>> {
        let same = std::fs::read(path).map(|old| old == bytes).unwrap_or(false);
        if !same && !check {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, bytes)?;
        }
        if !same && check {
            eprintln!("differs: {}", path.display());
        }
        Ok(!same)
    }

    pub fn run(args: Vec<String>) -> Result<(), Box<dyn Error>> {
        let a = parse(args)?;
        let mut differs = false;
        if a.regen {
            for (rel, text) in reconstruct::generate()? {
                differs |= emit(&a.data.join(rel), text.as_bytes(), a.check)?;
            }
        }
        let out = build_all(&a.data)?;
        for f in &out.files {
            differs |= emit(&a.out.join(&f.name), &f.bytes, a.check)?;
        }
        if let Some(docs) = &a.docs {
            differs |= emit(docs, out.docs.as_bytes(), a.check)?;
        }
        if a.check && differs {
            return Err("outputs are out of date; run build-data without --check".into());
        }
        let rows: usize = out.catalog.iter().map(|c| c.rows).sum();
        println!(
            "build-data: {} datasets, {rows} rows -> {}",
            out.catalog.len(),
            a.out.display()
        );
        Ok(())
    }
}

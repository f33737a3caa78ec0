//! Money stays decimal from the wire to the database and back: no binary floating point in any
//! money path. This scans the sources (the same check as a grep in CI, but it runs everywhere
//! the suite does): every `f64` must be on a line about a quantity that is not money.

/// What an `f64` may be about: coordinates, ratings, hours of a time-zone offset, the lenient
/// number and integer readers (which never read money); anything else says `// not money`.
const NOT_MONEY: [&str; 11] = [
    "// not money",
    "coordinate_",
    "rating",
    "seconds as f64 / 3600.0",
    "Num",
    "float_to_int",
    "fn visit_f64",
    "parse::<f64>",
    "lat: f64",
    "lon: f64",
    "Real(",
];

#[test]
fn no_f64_in_money_paths() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut offending = Vec::new();
    for krate in ["domain/src", "store/src", "bizd/src"] {
        let mut stack = vec![root.join(krate)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                // The benchmark tool measures latencies, not money.
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("bizd-bench.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    if line.contains("f64") && !NOT_MONEY.iter().any(|ok| line.contains(ok)) {
                        offending.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        offending.is_empty(),
        "f64 outside the known non-money quantities:\n{}",
        offending.join("\n")
    );
}

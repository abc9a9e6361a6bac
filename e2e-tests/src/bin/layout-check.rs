//! `cargo run -p e2e-tests --bin layout-check -- <deployed.json|.contract> <candidate.json|.contract>`:
//! refuses (exit 1, with every reason) a candidate code whose storage layout cannot run on the
//! deployed contract's storage (see `e2e_tests::layout`). Run it before `propose_upgrade`.

fn read(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| {
        eprintln!("{path}: {error}");
        std::process::exit(2);
    });
    serde_json::from_str(&text).unwrap_or_else(|error| {
        eprintln!("{path}: {error}");
        std::process::exit(2);
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [deployed, candidate] = args.as_slice() else {
        eprintln!("usage: layout-check <deployed metadata> <candidate metadata>");
        std::process::exit(2);
    };
    match e2e_tests::layout::check(&read(deployed), &read(candidate)) {
        Ok(()) => println!("compatible: {candidate} can run on storage written by {deployed}"),
        Err(problems) => {
            eprintln!("incompatible: {candidate} cannot run on storage written by {deployed}");
            for problem in problems {
                eprintln!("- {problem}");
            }
            std::process::exit(1);
        }
    }
}

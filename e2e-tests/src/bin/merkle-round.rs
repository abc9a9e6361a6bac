//! `cargo run -p e2e-tests --bin merkle-round -- rewards.csv [out.json]`: turns a CSV of
//! `account,amount` lines into a reward round's root and every account's proof (JSON).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(input) = args.next() else {
        eprintln!("usage: merkle-round <rewards.csv> [out.json]");
        std::process::exit(2);
    };
    let csv = std::fs::read_to_string(&input).unwrap_or_else(|error| {
        eprintln!("{input}: {error}");
        std::process::exit(1);
    });
    let plan = e2e_tests::merkle_round::from_csv(&csv).unwrap_or_else(|error| {
        eprintln!("{input}: {error}");
        std::process::exit(1);
    });
    let json = serde_json::to_string_pretty(&e2e_tests::merkle_round::to_json(&plan))
        .expect("serialisable");
    match args.next() {
        Some(output) => std::fs::write(&output, json).unwrap_or_else(|error| {
            eprintln!("{output}: {error}");
            std::process::exit(1);
        }),
        None => println!("{json}"),
    }
}

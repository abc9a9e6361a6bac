//! `cargo run -p e2e-tests --bin merkle-round -- <distributor> <round> rewards.csv [out.json]`:
//! turns a CSV of `account,amount` lines into the root and every account's proof (JSON) of
//! round `<round>` of `<distributor>` (SS58 or 0x-hex; the round is the distributor's
//! `next_round()` when it will be opened). Leaves commit to both, so the plan pays nowhere else.

use e2e_tests::merkle_round::{self, RoundKey};

fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [distributor, round, input, rest @ ..] = args.as_slice() else {
        eprintln!("usage: merkle-round <distributor> <round> <rewards.csv> [out.json]");
        std::process::exit(2);
    };
    let distributor = merkle_round::parse_account(distributor)
        .unwrap_or_else(|error| fail(format!("distributor: {error}")));
    let round: u32 = round
        .parse()
        .unwrap_or_else(|error| fail(format!("round {round}: {error}")));
    let csv =
        std::fs::read_to_string(input).unwrap_or_else(|error| fail(format!("{input}: {error}")));
    let key = RoundKey { distributor, round };
    let plan =
        merkle_round::from_csv(&csv, key).unwrap_or_else(|error| fail(format!("{input}: {error}")));
    let json = serde_json::to_string_pretty(&merkle_round::to_json(&plan)).expect("serialisable");
    match rest.first() {
        Some(output) => {
            std::fs::write(output, json).unwrap_or_else(|error| fail(format!("{output}: {error}")))
        }
        None => println!("{json}"),
    }
}

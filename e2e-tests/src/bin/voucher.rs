//! Signs a contribution voucher as a project's lead, for anyone to submit to the mining pool
//! with `submit_voucher`.
//!
//! ```text
//! voucher --suri <secret URI> --pool <address> --domain <n> --project <id>
//!         --contributor <address> --epoch <n> --points <n> --nonce <n> --deadline <ms>
//!         [--reference <0x + 64 hex> | --evidence <text>]
//! ```
//!
//! * `--suri`: the lead's ECDSA key as Polkadot.js derives it (`//Alice`, a mnemonic with hard
//!   junctions, or a 0x seed); the pool recovers the signature to its account, which must be
//!   the project's lead. Pass `-` to read it from the first line of standard input, so that
//!   the secret stays out of the shell's history and the process list.
//! * Addresses are SS58 or 0x hex. `--domain` is the pool's `config().domain`; `--epoch` the
//!   pool's `current_epoch()` when it is submitted; `--deadline` the last block timestamp (ms)
//!   at which the pool takes it; the nonce must be unused by this key.
//! * `--reference` is the hash of the off-chain evidence; `--evidence` hashes the given text
//!   with `blake2_256` instead. Without either it is zero.
//!
//! Prints one JSON object: the voucher's fields (integers as decimal strings), the signature,
//! the signer's account, the digest the pool checks (`voucher_digest`), and `args`: the SCALE
//! bytes of `(voucher, signature)`, the arguments of `submit_voucher` after its selector.

use std::{collections::HashMap, io::BufRead, process::exit};

use e2e_tests::{contribution::LeadKey, hex};
use ink::{
    env::hash::{Blake2x256, CryptoHash},
    primitives::AccountId,
    scale::Encode,
};
use mining_pool::Voucher;
use serde_json::json;
use sp_core::crypto::{AccountId32, Ss58Codec};

const USAGE: &str = "usage: voucher --suri <secret URI|-> --pool <address> --domain <n> \
--project <id> --contributor <address> --epoch <n> --points <n> --nonce <n> --deadline <ms> \
[--reference <0x + 64 hex> | --evidence <text>]";

fn fail(message: &str) -> ! {
    eprintln!("voucher: {message}\n{USAGE}");
    exit(2)
}

/// `--name value` pairs; every name at most once.
fn options(args: &[String]) -> HashMap<String, String> {
    let mut options = HashMap::new();
    let mut args = args.iter();
    while let Some(name) = args.next() {
        let Some(name) = name.strip_prefix("--") else {
            fail(&format!("unexpected argument {name}"))
        };
        let value = args
            .next()
            .unwrap_or_else(|| fail(&format!("--{name} needs a value")));
        if options.insert(name.to_string(), value.clone()).is_some() {
            fail(&format!("--{name} given twice"));
        }
    }
    options
}

fn required<'a>(options: &'a HashMap<String, String>, name: &str) -> &'a str {
    options
        .get(name)
        .map(String::as_str)
        .unwrap_or_else(|| fail(&format!("--{name} is required")))
}

fn number<T: std::str::FromStr>(options: &HashMap<String, String>, name: &str) -> T {
    let text = required(options, name);
    text.parse()
        .unwrap_or_else(|_| fail(&format!("--{name}: not a number: {text}")))
}

fn bytes32(text: &str) -> Option<[u8; 32]> {
    let digits = text.strip_prefix("0x")?;
    if digits.len() != 64 {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (byte, pair) in bytes.iter_mut().zip(digits.as_bytes().chunks(2)) {
        *byte = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(bytes)
}

fn address(options: &HashMap<String, String>, name: &str) -> AccountId {
    let text = required(options, name);
    let bytes = bytes32(text)
        .or_else(|| AccountId32::from_ss58check(text).ok().map(<[u8; 32]>::from))
        .unwrap_or_else(|| fail(&format!("--{name}: not an SS58 or 0x address: {text}")));
    AccountId::from(bytes)
}

fn reference(options: &HashMap<String, String>) -> [u8; 32] {
    match (options.get("reference"), options.get("evidence")) {
        (Some(_), Some(_)) => fail("give --reference or --evidence, not both"),
        (Some(text), None) => bytes32(text)
            .unwrap_or_else(|| fail(&format!("--reference: not 0x + 64 hex digits: {text}"))),
        (None, Some(text)) => {
            let mut hash = [0u8; 32];
            Blake2x256::hash(text.as_bytes(), &mut hash);
            hash
        }
        (None, None) => [0u8; 32],
    }
}

fn secret(options: &HashMap<String, String>) -> String {
    let suri = required(options, "suri");
    if suri != "-" {
        return suri.to_string();
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .unwrap_or_else(|error| fail(&format!("cannot read the secret URI: {error}")));
    line.trim_end_matches(['\r', '\n']).to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    let options = options(&args);
    let known = [
        "suri",
        "pool",
        "domain",
        "project",
        "contributor",
        "epoch",
        "points",
        "nonce",
        "deadline",
        "reference",
        "evidence",
    ];
    if let Some(unknown) = options.keys().find(|name| !known.contains(&name.as_str())) {
        fail(&format!("unknown option --{unknown}"));
    }
    let key = LeadKey::from_suri(&secret(&options)).unwrap_or_else(|error| fail(&error));
    let pool = address(&options, "pool");
    let domain: u32 = number(&options, "domain");
    let voucher = Voucher {
        project: number(&options, "project"),
        contributor: address(&options, "contributor"),
        epoch: number(&options, "epoch"),
        points: number(&options, "points"),
        reference: reference(&options),
        nonce: number(&options, "nonce"),
        deadline: number(&options, "deadline"),
    };
    if voucher.points == 0 {
        fail("--points must be positive (the pool refuses zero points)");
    }
    let signature = key.sign(domain, pool, &voucher);
    let signer = AccountId32::from(*AsRef::<[u8; 32]>::as_ref(&key.account()));
    let digest = mining_pool::voucher::digest(domain, pool, &voucher);
    let output = json!({
        "voucher": {
            "project": voucher.project,
            "contributor": format!("0x{}", hex(voucher.contributor.as_ref())),
            "epoch": voucher.epoch,
            "points": voucher.points.to_string(),
            "reference": format!("0x{}", hex(&voucher.reference)),
            "nonce": voucher.nonce.to_string(),
            "deadline": voucher.deadline.to_string(),
        },
        "signature": format!("0x{}", hex(&signature)),
        "signer": signer.to_ss58check(),
        "signer_hex": format!("0x{}", hex(signer.as_ref())),
        "pool": format!("0x{}", hex(pool.as_ref())),
        "domain": domain,
        "digest": format!("0x{}", hex(&digest)),
        "args": format!("0x{}", hex(&(voucher, signature).encode())),
    });
    println!("{output:#}");
}

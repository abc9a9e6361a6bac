//! The creator economy, played in an embedded pallet-contracts sandbox (no node needed).
//!
//! Each step is a real call on the compiled Wasm; the report shows who holds what after each
//! step and what the step cost (gas and storage deposit). The same is written as JSON to
//! `target/demo/report.json`. Run with `scripts/demo`.

use std::{fmt::Write as _, path::Path};

use e2e_tests::{account, ink_id, AccountId32, Bundle, Chain, Receipt};
use ink::scale::{Decode, Encode};
use psp::{AccessControlError, PSP22Error, PausableError, MINTER};
use serde_json::json;

const ONE: u128 = 1_000_000_000_000_000_000; // 18 decimals

struct Cast {
    creator: AccountId32,
    alice: AccountId32,
    bob: AccountId32,
    shop: AccountId32,
    bot: AccountId32,
}

struct Demo {
    chain: Chain,
    token_bundle: Bundle,
    token: AccountId32,
    cast: Cast,
    steps: Vec<serde_json::Value>,
    text: String,
}

impl Demo {
    fn holders(&self) -> [(&'static str, AccountId32); 5] {
        [
            ("creator", self.cast.creator.clone()),
            ("alice", self.cast.alice.clone()),
            ("bob", self.cast.bob.clone()),
            ("shop", self.cast.shop.clone()),
            ("bot", self.cast.bot.clone()),
        ]
    }

    fn query<R: Decode>(&mut self, message: &str, args: impl Encode) -> R {
        let (answer, _) = self.chain.call::<R>(
            &self.token_bundle,
            &self.token,
            message,
            args,
            &self.cast.creator,
            0,
        );
        answer.unwrap_or_else(|failure| panic!("{message}: {failure:?}"))
    }

    /// Runs one step: a call by `who`, then records its cost and everyone's holdings.
    fn step<E: Decode + std::fmt::Debug>(
        &mut self,
        story: &str,
        who: &str,
        message: &str,
        args: impl Encode,
        expect_ok: bool,
    ) {
        let caller = self
            .holders()
            .into_iter()
            .find(|(name, _)| *name == who)
            .map(|(_, account)| account)
            .expect("known actor");
        let (answer, receipt): (Result<Result<(), E>, _>, Receipt) =
            self.chain
                .call(&self.token_bundle, &self.token, message, args, &caller, 0);
        let answer = answer.unwrap_or_else(|failure| panic!("{message}: {failure:?}"));
        assert_eq!(answer.is_ok(), expect_ok, "{story}: {answer:?}");
        let outcome = match &answer {
            Ok(()) => "ok".to_string(),
            Err(error) => format!("refused: {error:?}"),
        };
        let holdings: Vec<(String, u128)> = self
            .holders()
            .iter()
            .map(|(name, account)| {
                let balance: u128 = self.query("PSP22::balance_of", ink_id(account));
                (name.to_string(), balance)
            })
            .collect();
        let supply: u128 = self.query("PSP22::total_supply", ());
        let n = self.steps.len() + 1;
        let _ = writeln!(self.text, "\n{n:>2}. {story}");
        let _ = writeln!(
            self.text,
            "    {who} -> {message}: {outcome}  [ref_time {}, proof_size {}, storage deposit {}]",
            receipt.gas.ref_time(),
            receipt.gas.proof_size(),
            receipt.storage_deposit
        );
        let line: Vec<String> = holdings
            .iter()
            .map(|(name, balance)| format!("{name} {}", tokens(*balance)))
            .collect();
        let _ = writeln!(
            self.text,
            "    holdings: {} | supply {}",
            line.join(", "),
            tokens(supply)
        );
        self.steps.push(json!({
            "step": n,
            "story": story,
            "caller": who,
            "message": message,
            "outcome": outcome,
            "ref_time": receipt.gas.ref_time(),
            "proof_size": receipt.gas.proof_size(),
            "storage_deposit": receipt.storage_deposit.to_string(),
            "events": receipt.events.len(),
            "holdings": holdings.iter().map(|(n, b)| (n.clone(), json!(b.to_string()))).collect::<serde_json::Map<_, _>>(),
            "total_supply": supply.to_string(),
        }));
    }
}

/// `amount` in whole tokens with up to 4 decimals.
fn tokens(amount: u128) -> String {
    let whole = amount / ONE;
    let fraction = (amount % ONE) / (ONE / 10_000);
    if fraction == 0 {
        format!("{whole}")
    } else {
        format!("{whole}.{fraction:04}")
    }
}

fn main() {
    let token_bundle = Bundle::load("creator_token").unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(1);
    });
    let mut chain = Chain::new();
    let cast = Cast {
        creator: account(1),
        alice: account(2),
        bob: account(3),
        shop: account(4),
        bot: account(5),
    };
    let cap = 21_000_000 * ONE;
    let args = (
        Some(String::from("Mira Coin")),
        Some(String::from("MIRA")),
        18u8,
        cap,
        ink_id(&cast.creator),
    );
    let (token, deploy) = chain
        .deploy(&token_bundle, "new", args, &cast.creator, vec![])
        .expect("deploy the creator token");
    let mut demo = Demo {
        chain,
        token_bundle,
        token,
        cast,
        steps: Vec::new(),
        text: String::new(),
    };
    let _ = writeln!(
        demo.text,
        "Creator token MIRA deployed ({} bytes of Wasm), cap {} tokens  [ref_time {}, proof_size {}, storage deposit {}]",
        demo.token_bundle.wasm.len(),
        tokens(cap),
        deploy.gas.ref_time(),
        deploy.gas.proof_size(),
        deploy.storage_deposit
    );

    let (creator, alice, bob, shop, bot) = (
        ink_id(&demo.cast.creator),
        ink_id(&demo.cast.alice),
        ink_id(&demo.cast.bob),
        ink_id(&demo.cast.shop),
        ink_id(&demo.cast.bot),
    );
    let no_data = Vec::<u8>::new;
    demo.step::<PSP22Error>(
        "The creator mints an initial allocation of 1,000,000 MIRA",
        "creator",
        "PSP22Mintable::mint",
        (creator, 1_000_000 * ONE),
        true,
    );
    demo.step::<PSP22Error>(
        "The creator rewards early fan Alice with 1,000 MIRA",
        "creator",
        "PSP22::transfer",
        (alice, 1_000 * ONE, no_data()),
        true,
    );
    demo.step::<PSP22Error>(
        "... and fan Bob with 500 MIRA",
        "creator",
        "PSP22::transfer",
        (bob, 500 * ONE, no_data()),
        true,
    );
    demo.step::<PSP22Error>(
        "Alice tips Bob 25 MIRA",
        "alice",
        "PSP22::transfer",
        (bob, 25 * ONE, no_data()),
        true,
    );
    demo.step::<PSP22Error>(
        "Bob tries to send more than he has",
        "bob",
        "PSP22::transfer",
        (alice, 10_000 * ONE, no_data()),
        false,
    );
    demo.step::<PSP22Error>(
        "Alice lets the merch shop spend up to 100 MIRA",
        "alice",
        "PSP22::approve",
        (shop, 100 * ONE),
        true,
    );
    demo.step::<PSP22Error>(
        "The shop charges Alice 60 MIRA for a hoodie",
        "shop",
        "PSP22::transfer_from",
        (alice, creator, 60 * ONE, no_data()),
        true,
    );
    demo.step::<PSP22Error>(
        "The shop tries to charge 60 more (only 40 allowed)",
        "shop",
        "PSP22::transfer_from",
        (alice, creator, 60 * ONE, no_data()),
        false,
    );
    demo.step::<PSP22Error>(
        "A stranger bot tries to mint itself tokens",
        "bot",
        "PSP22Mintable::mint",
        (bot, 1_000 * ONE),
        false,
    );
    demo.step::<AccessControlError>(
        "The creator makes the community bot a minter",
        "creator",
        "AccessControl::grant_role",
        (MINTER, Some(bot)),
        true,
    );
    demo.step::<PSP22Error>(
        "The bot mints a 50 MIRA contest prize to Bob",
        "bot",
        "PSP22Mintable::mint",
        (bob, 50 * ONE),
        true,
    );
    demo.step::<PausableError>(
        "The creator pauses the token during an incident",
        "creator",
        "Pausable::pause",
        (),
        true,
    );
    demo.step::<PSP22Error>(
        "Alice's transfer is refused while paused",
        "alice",
        "PSP22::transfer",
        (bob, ONE, no_data()),
        false,
    );
    demo.step::<PausableError>(
        "The creator unpauses",
        "creator",
        "Pausable::unpause",
        (),
        true,
    );
    demo.step::<PSP22Error>(
        "The creator burns 100,000 MIRA of the allocation",
        "creator",
        "PSP22Burnable::burn",
        (creator, 100_000 * ONE),
        true,
    );
    demo.step::<PSP22Error>(
        "Minting beyond the 21,000,000 cap is refused",
        "creator",
        "PSP22Mintable::mint",
        (creator, cap),
        false,
    );

    // Final check: the balances shown add up to the supply.
    let supply: u128 = demo.query("PSP22::total_supply", ());
    let sum: u128 = demo
        .holders()
        .iter()
        .map(|(_, account)| demo.query::<u128>("PSP22::balance_of", ink_id(account)))
        .sum();
    assert_eq!(sum, supply, "balances add up to the supply");
    let expected_creator = (1_000_000 - 1_000 - 500 + 60 - 100_000) * ONE;
    let creator_balance: u128 = demo.query("PSP22::balance_of", creator);
    assert_eq!(creator_balance, expected_creator);
    let _ = writeln!(
        demo.text,
        "\nFinal: balances sum to the total supply ({} MIRA).",
        tokens(supply)
    );

    print!("{}", demo.text);
    let report = json!({
        "token": { "wasm_bytes": demo.token_bundle.wasm.len(), "deploy_ref_time": deploy.gas.ref_time(), "deploy_proof_size": deploy.gas.proof_size(), "deploy_storage_deposit": deploy.storage_deposit.to_string() },
        "steps": demo.steps,
        "total_supply": supply.to_string(),
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/demo");
    std::fs::create_dir_all(&dir).expect("create target/demo");
    let path = dir.join("report.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).expect("json"))
        .expect("write report");
    println!(
        "Report written to {}",
        path.canonicalize().unwrap_or(path).display()
    );
}

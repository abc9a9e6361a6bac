//! The creator economy, played on the compiled contracts in an embedded pallet-contracts
//! sandbox (no node needed).
//!
//! The factory creates a creator's suite in a fair launch; fans buy MIRA on the market (one
//! names a referrer); a fan buys an NFT drop with it; fans stake, and the stakes pick up the
//! stakers' share of every trade's fee and the drop's proceeds; the creator shares native
//! profits; a Merkle round rewards loyal fans; more trading; the creator registers two
//! community projects, whose leads attest contributions (one by a signed voucher), a fan's
//! artwork is accepted by the curator and minted to him as an NFT, and the contributors and
//! the artist claim mined tokens; a fan's miner mines by proof of work; the vesting wallet
//! releases after the cliff; finally, what every holder would receive if all sold now, in the
//! worst order for the fans, adding up to the reserve. Every step is a real call; the report
//! shows what it cost (gas, storage deposit) and who holds what afterwards, and the same is
//! written as JSON to `target/demo/report.json`. Run with `scripts/demo`.

use std::{fmt::Write as _, path::Path};

use creator_nft::DropConfig;
use e2e_tests::{
    account,
    economy::{self, sandbox_id, Bundles},
    ink_id, merkle_round, AccountId32, Bundle, Chain, Receipt,
};
use ink::{
    primitives::AccountId,
    scale::{Decode, Encode},
};
use reward_distributor::Asset;
use serde_json::json;

const ONE: u128 = 1_000_000_000_000_000_000; // 18 decimals
const NATIVE: u128 = 10_000_000_000; // one unit of the chain's currency (10 decimals)
const DAY: u64 = 86_400_000;
const HOUR: u64 = 3_600_000;
const START: u64 = 1_767_225_600_000; // 2026-01-01

struct Demo {
    chain: Chain,
    bundles: Bundles,
    suite: creator_factory::Suite,
    cast: Vec<(&'static str, AccountId32)>,
    steps: Vec<serde_json::Value>,
    text: String,
}

#[derive(Clone, Copy)]
enum Target {
    Token,
    Collection,
    Distributor,
    Pool,
    Vesting,
    Market,
    Pow,
    Creations,
}

impl Demo {
    fn actor(&self, name: &str) -> AccountId32 {
        self.cast
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| panic!("unknown actor {name}"))
    }

    fn target(&self, target: Target) -> (&Bundle, AccountId32) {
        let (bundle, address) = match target {
            Target::Token => (&self.bundles.token, self.suite.token),
            Target::Collection => (&self.bundles.collection, self.suite.collection),
            Target::Distributor => (&self.bundles.distributor, self.suite.distributor),
            Target::Pool => (&self.bundles.pool, self.suite.pool),
            Target::Vesting => (&self.bundles.vesting, self.suite.vesting),
            Target::Market => (&self.bundles.market, self.suite.market),
            Target::Pow => (&self.bundles.pow, self.suite.pow),
            Target::Creations => (&self.bundles.creations, self.suite.creations),
        };
        (bundle, sandbox_id(&address))
    }

    fn query<R: Decode>(&mut self, target: Target, message: &str, args: impl Encode) -> R {
        let (bundle, address) = self.target(target);
        let bundle = bundle.clone();
        let caller = self.actor("creator");
        let (answer, _) = self
            .chain
            .call::<R>(&bundle, &address, message, args, &caller, 0);
        answer.unwrap_or_else(|failure| panic!("{message}: {failure:?}"))
    }

    fn mira(&mut self, who: &AccountId32) -> u128 {
        self.query(Target::Token, "PSP22::balance_of", ink_id(who))
    }

    /// One step of the story: `who` calls `message` on `target`, sending `value`; it must
    /// succeed. Records its cost and everyone's holdings.
    fn step<T: Decode + std::fmt::Debug, E: Decode + std::fmt::Debug>(
        &mut self,
        story: &str,
        who: &str,
        target: Target,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> T {
        let caller = self.actor(who);
        let (bundle, address) = self.target(target);
        let bundle = bundle.clone();
        let (answer, receipt): (Result<Result<T, E>, _>, Receipt) = self
            .chain
            .call(&bundle, &address, message, args, &caller, value);
        let answer = answer
            .unwrap_or_else(|failure| panic!("{story}: {failure:?}"))
            .unwrap_or_else(|error| panic!("{story}: refused: {error:?}"));
        self.record(story, who, message, &format!("{answer:?}"), &receipt);
        answer
    }

    fn record(&mut self, story: &str, who: &str, message: &str, outcome: &str, receipt: &Receipt) {
        let token = format!("Token({:?})", self.suite.token);
        let outcome = outcome.replace(&token, "Token(MIRA)");
        let outcome = outcome.as_str();
        let mut holdings = Vec::new();
        for (name, account) in self.cast.clone() {
            holdings.push((name.to_string(), self.mira(&account)));
        }
        for (name, address) in [
            ("vesting", self.suite.vesting),
            ("distributor", self.suite.distributor),
        ] {
            holdings.push((name.to_string(), self.mira(&sandbox_id(&address))));
        }
        let supply: u128 = self.query(Target::Token, "PSP22::total_supply", ());
        let n = self.steps.len() + 1;
        let _ = writeln!(self.text, "\n{n:>2}. {story}");
        let _ = writeln!(
            self.text,
            "    {who} -> {message} = {outcome}  [ref_time {}, proof_size {}, storage deposit {}]",
            receipt.gas.ref_time(),
            receipt.gas.proof_size(),
            receipt.storage_deposit
        );
        let line: Vec<String> = holdings
            .iter()
            .filter(|(_, balance)| *balance > 0)
            .map(|(name, balance)| format!("{name} {}", tokens(*balance, ONE)))
            .collect();
        let _ = writeln!(
            self.text,
            "    MIRA: {} | supply {}",
            line.join(", "),
            tokens(supply, ONE)
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
            "mira_holdings": holdings.iter().map(|(n, b)| (n.clone(), json!(b.to_string()))).collect::<serde_json::Map<_, _>>(),
            "mira_supply": supply.to_string(),
        }));
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `amount` in whole units of `one` with up to 4 decimals.
fn tokens(amount: u128, one: u128) -> String {
    let whole = amount / one;
    let fraction = (amount % one) / (one / 10_000);
    if fraction == 0 {
        format!("{whole}")
    } else {
        format!("{whole}.{fraction:04}")
    }
}

fn main() {
    let bundles = Bundles::load().unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(1);
    });
    let mut chain = Chain::new();
    chain.set_time(START);
    let cast = vec![
        ("platform", account(1)),
        ("creator", account(2)),
        ("alice", account(3)),
        ("bob", account(4)),
        ("carol", account(5)),
        ("dave", account(6)),
    ];
    let mut text = String::new();
    let factory =
        economy::deploy_factory(&mut chain, &bundles, &cast[0].1, 42).expect("deploy the factory");
    let _ = writeln!(
        text,
        "The platform uploads the suite's code and deploys the factory."
    );
    let (suite, receipt) = economy::create_suite(
        &mut chain,
        &bundles,
        &factory,
        &cast[1].1,
        // A fair launch with a modest allocation (5,000 MIRA vesting over a year) and mining
        // emission (1,000 MIRA an epoch at first): both are claims on the reserve fans pay
        // into, so a creator who wants fans' MIRA backed keeps them small.
        creator_factory::CreatorParams {
            creator_allocation: 5_000 * ONE,
            initial_emission: 1_000 * ONE,
            ..economy::params("MIRA")
        },
    );
    let suite = suite.expect("create the creator's suite");
    let _ = writeln!(
        text,
        "Creator Mira calls create_creator: token, NFT collection, reward distributor, mining \
         pool, vesting wallet, market and proof-of-work contract, wired in one transaction, in a fair launch (no one \
         can mint or burn at will)\n    [ref_time {}, proof_size {}, storage deposit {}]",
        receipt.gas.ref_time(),
        receipt.gas.proof_size(),
        receipt.storage_deposit
    );
    let mut demo = Demo {
        chain,
        bundles,
        suite,
        cast,
        steps: Vec::new(),
        text,
    };
    let id = |demo: &Demo, name: &str| ink_id(&demo.actor(name));
    let (alice, bob, carol, dave) = (
        id(&demo, "alice"),
        id(&demo, "bob"),
        id(&demo, "carol"),
        id(&demo, "dave"),
    );
    let distributor = demo.suite.distributor;
    let collection = demo.suite.collection;
    type Psp = psp::PSP22Error;
    type Dist = reward_distributor::DistributorError;

    type Market = creator_market::MarketError;
    type BuyQuote = creator_market::curve::BuyQuote;
    type SellQuote = creator_market::curve::SellQuote;
    let market_base = demo.chain.native_balance(&sandbox_id(&demo.suite.market));
    let deadline = START + 60 * DAY;

    // A fair launch: nobody is minted MIRA from nothing; fans buy it on the market first,
    // once the anti-sniping launch fee has decayed.
    demo.chain.set_time(START + HOUR);
    let quote: BuyQuote = demo
        .query::<Result<BuyQuote, Market>>(Target::Market, "quote_buy", 100 * NATIVE)
        .expect("quote");
    let alice_bought = demo.step::<BuyQuote, Market>(
        "Alice buys MIRA on the market with 100 native units (slippage bound = the quote)",
        "alice",
        Target::Market,
        "buy",
        (quote.tokens, deadline, None::<AccountId>),
        100 * NATIVE,
    );
    assert_eq!(alice_bought, quote, "the quote is what happened");
    let bob_bought = demo.step::<BuyQuote, Market>(
        "Bob buys with 50 native units, naming Alice as his referrer (1 % of the trade is hers)",
        "bob",
        Target::Market,
        "buy",
        (0u128, deadline, Some(alice)),
        50 * NATIVE,
    );
    let carol_bought = demo.step::<BuyQuote, Market>(
        "Carol buys with 20 native units, at a higher price on the launch curve",
        "carol",
        Target::Market,
        "buy",
        (0u128, deadline, None::<AccountId>),
        20 * NATIVE,
    );

    // An NFT drop sold for MIRA; 30 % of the proceeds go to stakers.
    let drop = DropConfig {
        payment_token: demo.suite.token,
        price: 50 * ONE,
        start: START,
        end: START + 7 * DAY,
        max_supply: 100,
        max_per_account: 5,
        max_per_call: 5,
        allowlist_root: None,
    };
    let drop_id = demo.step::<u32, creator_nft::CollectionError>(
        "Mira opens a drop of 100 backstage passes at 50 MIRA",
        "creator",
        Target::Collection,
        "configure_drop",
        drop,
        0,
    );
    demo.step::<(), Psp>(
        "Carol approves the collection for 150 MIRA",
        "carol",
        Target::Token,
        "PSP22::approve",
        (collection, 150 * ONE),
        0,
    );
    let ids = demo.step::<Vec<psp::Id>, creator_nft::CollectionError>(
        "Carol buys 3 passes of that drop in one call for at most 150 MIRA (105 to Mira, 45 to the distributor)",
        "carol",
        Target::Collection,
        "buy",
        (drop_id, 3u32, 150 * ONE, 0u32, Vec::<[u8; 32]>::new()),
        0,
    );
    assert_eq!(ids.len(), 3);

    // Fans stake; the stakes pick up what reached the distributor (the stakers' share of
    // every market fee, the drop's 45 MIRA): nobody calls `sync`.
    let alice_stake = alice_bought.tokens / 2;
    let bob_stake = bob_bought.tokens / 2;
    for (who, name, stake) in [("alice", "Alice", alice_stake), ("bob", "Bob", bob_stake)] {
        demo.step::<(), Psp>(
            &format!("{name} approves the distributor"),
            who,
            Target::Token,
            "PSP22::approve",
            (distributor, u128::MAX),
            0,
        );
        demo.step::<(), Dist>(
            &format!("{name} stakes half of the MIRA {name} bought"),
            who,
            Target::Distributor,
            "stake",
            stake,
            0,
        );
    }
    demo.step::<(), Dist>(
        "Mira shares 80 units of native profit with stakers",
        "creator",
        Target::Distributor,
        "deposit_native",
        80 * NATIVE,
        80 * NATIVE,
    );
    let native_rewards: u128 = demo.query(Target::Distributor, "held", Asset::Native);
    let token_rewards: u128 =
        demo.query::<u128>(Target::Distributor, "held", Asset::Token(demo.suite.token))
            - alice_stake
            - bob_stake;
    assert_eq!(
        token_rewards,
        45 * ONE,
        "the drop's proceeds, picked up by a stake"
    );
    demo.chain.set_time(START + HOUR + 8 * DAY);
    let paid = demo.step::<Vec<(Asset, u128)>, Dist>(
        "A week later Alice claims everything she earned: her stake's share of the market fees, Mira's 80 units and the drop's 45 MIRA",
        "alice",
        Target::Distributor,
        "claim_all",
        (),
        0,
    );
    let alice_native = paid[0].1;
    let share = |total: u128| {
        psp::math::mul_div_floor(total, alice_stake, alice_stake + bob_stake).expect("fits")
    };
    for ((_, got), total) in paid.iter().zip([native_rewards, token_rewards]) {
        assert!(*got <= share(total) && got + 2 >= share(total), "{paid:?}");
    }
    demo.step::<Vec<(Asset, u128)>, Dist>(
        "Bob claims his share",
        "bob",
        Target::Distributor,
        "claim_all",
        (),
        0,
    );

    // A Merkle round rewards loyal fans from an off-chain list.
    let hex = |a: AccountId| format!("0x{}", e2e_tests::hex(AsRef::<[u8]>::as_ref(&a)));
    let csv = format!(
        "account,amount\n{},{}\n{},{}\n{},{}\n",
        hex(alice),
        50 * ONE,
        hex(bob),
        30 * ONE,
        hex(carol),
        20 * ONE
    );
    let key = merkle_round::RoundKey {
        distributor,
        round: demo.query(Target::Distributor, "next_round", ()),
    };
    let plan = merkle_round::from_csv(&csv, key).expect("round plan");
    demo.step::<(), Psp>(
        "Mira approves the distributor to fund a loyalty round",
        "creator",
        Target::Token,
        "PSP22::approve",
        (distributor, plan.total),
        0,
    );
    let round = demo.step::<u32, Dist>(
        "Mira opens a 100 MIRA loyalty round (from her drop proceeds) for a CSV of 3 fans",
        "creator",
        Target::Distributor,
        "open_round",
        (
            Asset::Token(demo.suite.token),
            plan.root,
            plan.total,
            START + 30 * DAY,
        ),
        0,
    );
    for (who, claim) in [("bob", &plan.claims[1]), ("alice", &plan.claims[2])] {
        let story = if who == "bob" {
            "Bob claims his 30 MIRA with his proof"
        } else {
            "Alice submits Carol's claim (20 MIRA go to Carol)"
        };
        demo.step::<(), Dist>(
            story,
            who,
            Target::Distributor,
            "claim_round",
            (
                round,
                claim.index,
                claim.account,
                claim.amount,
                claim.proof.clone(),
            ),
            0,
        );
    }

    // More trading: every trade's fee rewards the community.
    let dave_bought = demo.step::<BuyQuote, Market>(
        "Dave buys MIRA with 50 native units",
        "dave",
        Target::Market,
        "buy",
        (0u128, deadline, None::<AccountId>),
        50 * NATIVE,
    );
    let dave_sold = demo.step::<SellQuote, Market>(
        "Dave sells half of it back: every token's exit price is the reserve over the supply",
        "dave",
        Target::Market,
        "sell",
        (dave_bought.tokens / 2, 0u128, deadline, None::<AccountId>),
        0,
    );
    let creator_id = id(&demo, "creator");
    demo.step::<u128, Market>(
        "Mira withdraws her share of the market fees",
        "creator",
        Target::Market,
        "withdraw_fees",
        creator_id,
        0,
    );
    demo.step::<u128, Market>(
        "Alice withdraws her referral share of Bob's trade",
        "alice",
        Target::Market,
        "withdraw_fees",
        alice,
        0,
    );
    let market_net =
        alice_bought.tokens + bob_bought.tokens + carol_bought.tokens + dave_bought.tokens
            - dave_bought.tokens / 2;
    let _ = dave_sold;

    // Contribution mining: two community projects, one attested directly by its lead, one by
    // a voucher its lead signed off chain (as the voucher CLI does) and the fan submitted.
    let wiki = demo.step::<u32, mining_pool::PoolError>(
        "Mira registers the community project \"fan wiki\", which she leads (1,000 points an epoch)",
        "creator",
        Target::Pool,
        "register_project",
        (String::from("ipfs://mira/fan-wiki"), creator_id, 1_000u128),
        0,
    );
    let translator =
        e2e_tests::contribution::LeadKey::from_suri("//Mira//translations").expect("an ecdsa key");
    let translations = demo.step::<u32, mining_pool::PoolError>(
        "Mira registers \"translations\", led by her translator's ECDSA key (500 points an epoch)",
        "creator",
        Target::Pool,
        "register_project",
        (
            String::from("ipfs://mira/translations"),
            translator.account(),
            500u128,
        ),
        0,
    );
    let epoch_start = START + 7 * DAY; // the pool's genesis is the suite's creation
    demo.chain.set_time(epoch_start + DAY + HOUR);
    demo.step::<u64, mining_pool::PoolError>(
        "Dave's fan-wiki articles earn 30 points in epoch 1",
        "creator",
        Target::Pool,
        "attest",
        (wiki, dave, 30u128, [0xA1u8; 32]),
        0,
    );
    let config: Option<mining_pool::PoolConfig> = demo.query(Target::Pool, "config", ());
    let voucher = mining_pool::Voucher {
        project: translations,
        contributor: carol,
        epoch: 1,
        points: 10,
        reference: [0xB2; 32],
        nonce: 1,
        deadline: epoch_start + 2 * DAY,
    };
    let signature = translator.sign(config.expect("config").domain, demo.suite.pool, &voucher);
    demo.step::<u64, mining_pool::PoolError>(
        "Carol's translation earns 10 points: she submits the voucher the project's lead signed",
        "carol",
        Target::Pool,
        "submit_voucher",
        (voucher, signature),
        0,
    );
    // Creation mining: Dave's artwork, accepted by Mira as curator, is minted to him and earns
    // points in the pool's creations project.
    let artwork = [0xDAu8; 32];
    let submission = demo.step::<u64, creation_mining::CreationError>(
        "Dave submits his artwork (its content hash and an IPFS URI) to Mira's creation desk",
        "dave",
        Target::Creations,
        "submit",
        (artwork, String::from("ipfs://dave/backstage-sketch.json")),
        0,
    );
    demo.step::<(), creation_mining::CreationError>(
        "Mira, the curator, accepts it: the NFT is minted to Dave (its creator and royalty receiver), 100 points",
        "creator",
        Target::Creations,
        "review",
        (submission, true),
        0,
    );
    let made_by: Option<ink::primitives::AccountId> = demo.query(
        Target::Collection,
        "creator_of",
        psp::Id::Bytes(artwork.to_vec()),
    );
    assert_eq!(made_by, Some(dave));
    // Epoch 1's 1,000 MIRA, pro rata: Dave 30 (wiki) + 100 (artwork), Carol 10 (translation).
    let (dave_points, carol_points, creation_points, all_points) =
        (130u128, 10u128, 100u128, 140u128);
    let share = |points: u128| 1_000 * ONE * points / all_points;
    demo.chain.set_time(epoch_start + 8 * DAY + DAY);
    let dave_mined = demo.step::<u128, mining_pool::PoolError>(
        "After the epoch and its dispute window Dave claims 130/140 of the emission (1,000 MIRA)",
        "dave",
        Target::Pool,
        "claim",
        1u32,
        0,
    );
    assert_eq!(dave_mined, share(dave_points));
    let carol_mined = demo.step::<u128, mining_pool::PoolError>(
        "Carol claims her 10/140",
        "carol",
        Target::Pool,
        "claim",
        1u32,
        0,
    );
    assert_eq!(carol_mined, share(carol_points));
    let pool_mined = dave_mined + carol_mined;
    let creations_mined = share(creation_points);
    let contributions_mined = pool_mined - creations_mined;

    // Proof-of-work mining: Dave runs the miner (every core, the contract's hash) and
    // submits each solution in the next block.
    let mut pow_mined = 0u128;
    for n in 1..=3 {
        let pow = demo.target(Target::Pow).1;
        let pow = e2e_tests::Contract::at(&demo.bundles.pow, &pow);
        let state = e2e_tests::pow_mining::state(&mut demo.chain, &pow);
        let found = miner::Work {
            challenge: state.challenge,
            miner: *AsRef::<[u8; 32]>::as_ref(&dave),
            target: state.target,
        }
        .search(0, cores(), u64::MAX, &Default::default())
        .expect("a nonce");
        demo.chain.next_block(6_000);
        pow_mined += demo.step::<u128, proof_of_work::PowError>(
            &format!(
                "Dave's miner finds solution {n} (difficulty {}: {} hashes in {:.2} s) and mines 50 MIRA",
                state.difficulty,
                found.hashes,
                found.elapsed.as_secs_f64()
            ),
            "dave",
            Target::Pow,
            "mine",
            (state.challenge, found.nonce),
            0,
        );
    }
    assert_eq!(pow_mined, 150 * ONE);

    // Vesting.
    demo.chain.set_time(START + 73 * DAY);
    let released = demo.step::<u128, creator_vesting::VestingError>(
        "73 days in, the vesting wallet releases 20 % of Mira's 5,000 MIRA",
        "bob",
        Target::Vesting,
        "release",
        (),
        0,
    );
    assert_eq!(released, 1_000 * ONE);

    // Final checks: the story's arithmetic holds on chain.
    let supply: u128 = demo.query(Target::Token, "PSP22::total_supply", ());
    assert_eq!(
        supply,
        5_000 * ONE + pool_mined + pow_mined + market_net,
        "allocation + mined (contributions, creations, proof of work) + what the market sold: nothing else"
    );
    let mut holders: Vec<(String, u128)> = Vec::new();
    for (name, account) in demo.cast.clone() {
        holders.push((name.to_string(), demo.mira(&account)));
    }
    for (name, address) in [
        ("vesting wallet", demo.suite.vesting),
        ("distributor (stakes, rewards)", demo.suite.distributor),
        ("collection", demo.suite.collection),
        ("pool", demo.suite.pool),
        ("market", demo.suite.market),
        ("proof of work", demo.suite.pow),
        ("creation desk", demo.suite.creations),
    ] {
        holders.push((name.to_string(), demo.mira(&sandbox_id(&address))));
    }
    let sum: u128 = holders.iter().map(|(_, held)| held).sum();
    assert_eq!(sum, supply, "every MIRA is accounted for");
    assert_eq!(
        demo.mira(&demo.actor("carol")),
        carol_bought.tokens - 150 * ONE + 20 * ONE + carol_mined
    );
    let state: creator_market::MarketState = demo
        .query::<Result<creator_market::MarketState, Market>>(Target::Market, "state", ())
        .expect("state");
    assert_eq!(
        demo.chain.native_balance(&sandbox_id(&demo.suite.market)),
        market_base + state.reserve + state.fees_owed,
        "the market holds its reserve and the fees it owes, nothing else"
    );

    // Everyone sells everything now, the worst order for the fans who paid in: the holders
    // who never paid (the vesting wallet, the creator, the miners) first, the biggest first.
    let fee_bps: u128 = demo.query(Target::Market, "fee_bps", ());
    let mut order: Vec<(String, u128)> =
        holders.into_iter().filter(|(_, held)| *held > 0).collect();
    let insider = |name: &str| matches!(name, "vesting wallet" | "creator" | "dave" | "carol");
    order.sort_by_key(|(name, held)| (!insider(name), std::cmp::Reverse(*held)));
    let mut market = creator_market::curve::Reserve {
        reserve: state.reserve,
        supply: state.supply,
        sold: state.sold,
    };
    let _ = writeln!(
        demo.text,
        "\nIf every holder sold everything now, the holders who never paid in first (reserve {} native units, {} MIRA, exit price {} per MIRA):",
        tokens(state.reserve, NATIVE),
        tokens(state.supply, ONE),
        tokens(state.exit_price, NATIVE)
    );
    let mut exits = Vec::new();
    let mut total = 0u128;
    for (name, held) in &order {
        let quote = market
            .quote_sell(*held, fee_bps)
            .expect("every holder can sell");
        market = market.sold_back(*held, &quote).expect("fits");
        total += quote.gross;
        let _ = writeln!(
            demo.text,
            "    {name:<30} {:>14} MIRA -> {:>10} native ({} after the fee)",
            tokens(*held, ONE),
            tokens(quote.gross, NATIVE),
            tokens(quote.payout, NATIVE)
        );
        exits.push(json!({ "holder": name, "mira": held.to_string(), "gross": quote.gross.to_string(), "payout": quote.payout.to_string() }));
    }
    assert_eq!(
        total, state.reserve,
        "the exits add up to the reserve exactly"
    );
    assert_eq!((market.reserve, market.supply), (0, 0));
    let _ = writeln!(
        demo.text,
        "    together: {} native units, the whole reserve",
        tokens(total, NATIVE)
    );
    let _ = writeln!(
        demo.text,
        "\nMined: {} MIRA for contributions to projects (Dave's wiki articles, Carol's translation), {} MIRA for creations (Dave's artwork, now his NFT), {} MIRA by proof of work (Dave, 3 solutions).",
        tokens(contributions_mined, ONE),
        tokens(creations_mined, ONE),
        tokens(pow_mined, ONE)
    );
    let _ = writeln!(
        demo.text,
        "\nFinal: {} MIRA in existence, every one of them accounted for; Alice received {} native units from staking.",
        tokens(supply, ONE),
        tokens(alice_native, NATIVE)
    );
    print!("{}", demo.text);

    let report = json!({
        "suite": {
            "token": format!("{:?}", demo.suite.token),
            "collection": format!("{:?}", demo.suite.collection),
            "distributor": format!("{:?}", demo.suite.distributor),
            "pool": format!("{:?}", demo.suite.pool),
            "vesting": format!("{:?}", demo.suite.vesting),
            "market": format!("{:?}", demo.suite.market),
            "pow": format!("{:?}", demo.suite.pow),
            "creations": format!("{:?}", demo.suite.creations),
        },
        "mined": {
            "contributions": contributions_mined.to_string(),
            "creations": creations_mined.to_string(),
            "proof_of_work": pow_mined.to_string(),
        },
        "create_creator": { "ref_time": receipt.gas.ref_time(), "proof_size": receipt.gas.proof_size(), "storage_deposit": receipt.storage_deposit.to_string() },
        "steps": demo.steps,
        "mira_supply": supply.to_string(),
        "market": { "reserve": state.reserve.to_string(), "fees_owed": state.fees_owed.to_string(), "exit_price": state.exit_price.to_string() },
        "exit_all_now": exits,
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

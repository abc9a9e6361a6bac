//! The security review's findings (`../shared/reviews/security-review.md`, main at 7be1d24),
//! each replayed on the compiled Wasm of a factory-created suite. Each test asserts what the
//! code at 7be1d24 did not do (the review's scenario, now refused or now working); most also
//! depend on messages or arguments the fix added, so they cannot run against the old Wasm as
//! they are. `i2_...` was run against the distributor just before its fix and failed there
//! (`stake` answered `TokenCallFailed`).

use creator_factory::{CodeHashes, CreatorParams, FactoryError, MarketFees};
use creator_nft::{CollectionError, DropConfig, DropEnded};
use e2e_tests::{
    actors::{attacker, creator, fan, id, nobody},
    economy,
    fixtures::{Economy, START},
    merkle_round::{self, RoundKey},
    AccountId32,
};
use ink::primitives::Hash;
use psp::{
    limits::{MAX_COOLDOWN, MIN_REWARD_DURATION},
    upgrade::{UpgradeError, UPGRADE_DELAY, UPGRADE_WINDOW},
    PSP22Error,
};
use reward_distributor::{
    accounting::Stream, Asset, DistributorError, RewardDeposited, Withdrawal,
};

const HOUR: u64 = 3_600_000;
const DAY: u64 = 24 * HOUR;
const WEEK: u64 = 7 * DAY;

/// The creator mints `amount` to `to` (the creator holds `MINTER` in the custom-launch
/// fixture, `Economy::new`).
fn mint(economy: &mut Economy, to: &AccountId32, amount: u128) {
    let token = economy.suite.token.clone();
    let args = (e2e_tests::ink_id(to), amount);
    let (minted, _) =
        economy
            .chain
            .send::<(), PSP22Error>(&token, &creator(), "PSP22Mintable::mint", args);
    minted.expect("mint");
}

/// `who` approves the distributor for everything and stakes `amount`.
fn stake(economy: &mut Economy, who: &AccountId32, amount: u128) {
    let (token, distributor) = (
        economy.suite.token.clone(),
        economy.suite.distributor.clone(),
    );
    let approve = (distributor.id(), u128::MAX);
    let chain = &mut economy.chain;
    let (approved, _) = chain.send::<(), PSP22Error>(&token, who, "PSP22::approve", approve);
    approved.expect("approve");
    let (staked, _) = chain.send::<(), DistributorError>(&distributor, who, "stake", amount);
    staked.expect("stake");
}

/// The creator deposits `amount` of the token into the distributor's stream.
fn deposit(economy: &mut Economy, amount: u128) {
    let (token, distributor) = (
        economy.suite.token.clone(),
        economy.suite.distributor.clone(),
    );
    let chain = &mut economy.chain;
    let approve = (distributor.id(), amount);
    let (approved, _) = chain.send::<(), PSP22Error>(&token, &creator(), "PSP22::approve", approve);
    approved.expect("approve");
    let args = (token.id(), amount);
    let (deposited, _) =
        chain.send::<(), DistributorError>(&distributor, &creator(), "deposit", args);
    deposited.expect("deposit");
}

fn stream(economy: &mut Economy) -> Stream {
    let (distributor, token) = (&economy.suite.distributor, economy.suite.token.id());
    economy
        .chain
        .read(distributor, "stream_of", Asset::Token(token))
}

/// The code hash the factory registered for `pick`'s contract (uploaded, so proposable).
fn registered(economy: &mut Economy, pick: fn(&CodeHashes) -> Hash) -> Hash {
    let hashes: Option<CodeHashes> = economy.chain.read(&economy.factory, "code_hashes", ());
    pick(&hashes.expect("registered"))
}

fn set_schedule(
    economy: &mut Economy,
    duration: u64,
    cooldown: u64,
) -> Result<(), DistributorError> {
    let distributor = economy.suite.distributor.clone();
    let args = (duration, cooldown);
    let chain = &mut economy.chain;
    chain
        .send::<(), DistributorError>(&distributor, &creator(), "set_schedule", args)
        .0
}

/// M-1: the admin proposes an upgrade and tries to raise the cooldown to 30 days in the same
/// block. The cooldown cannot pass 24 h, so a fan who unstakes an hour later has the tokens
/// back a day before the new code can run.
#[test]
fn m1_a_fan_who_leaves_when_an_upgrade_is_proposed_is_out_before_it_runs() {
    let mut economy = Economy::new();
    mint(&mut economy, &fan(), 1_000_000);
    stake(&mut economy, &fan(), 1_000_000);
    let distributor = economy.suite.distributor.clone();
    let evil = registered(&mut economy, |hashes| hashes.market);
    let (proposed, _) = economy.chain.send::<(), UpgradeError>(
        &distributor,
        &creator(),
        "Upgradeable::propose_upgrade",
        evil,
    );
    proposed.expect("propose");
    assert_eq!(
        set_schedule(&mut economy, WEEK, 30 * DAY),
        Err(DistributorError::CooldownTooLong)
    );
    assert_eq!(set_schedule(&mut economy, WEEK, MAX_COOLDOWN), Ok(()));

    economy.chain.set_time(START + HOUR);
    let chain = &mut economy.chain;
    let (unstaked, _) =
        chain.send::<(), DistributorError>(&distributor, &fan(), "unstake", 1_000_000u128);
    unstaked.expect("unstake");
    let waiting: Withdrawal = chain.read(&distributor, "withdrawal_of", id(fan));
    assert_eq!(waiting.unlock_at, START + HOUR + MAX_COOLDOWN);
    assert!(waiting.unlock_at < START + UPGRADE_DELAY);

    chain.set_time(waiting.unlock_at);
    let (too_early, _) = chain.send::<(), UpgradeError>(
        &distributor,
        &creator(),
        "Upgradeable::execute_upgrade",
        (),
    );
    assert_eq!(too_early, Err(UpgradeError::TooEarly));
    let (withdrawn, _) = chain.send::<u128, DistributorError>(&distributor, &fan(), "withdraw", ());
    assert_eq!(
        withdrawn,
        Ok(1_000_000),
        "out a day before the upgrade can run"
    );
}

/// M-2: a 1 ms duration is refused, and a deposit made after the duration was lowered never
/// ends a running stream sooner, so nobody can collapse what streams into one block.
#[test]
fn m2_no_stream_can_be_collapsed_into_one_block() {
    let mut economy = Economy::new();
    mint(&mut economy, &fan(), 100_000);
    stake(&mut economy, &fan(), 100_000);
    mint(&mut economy, &creator(), 1_000_001);
    deposit(&mut economy, 1_000_000);
    let running = stream(&mut economy);
    assert_eq!(running.finish, START + WEEK);
    assert_eq!(
        set_schedule(&mut economy, 1, 0),
        Err(DistributorError::InvalidDuration)
    );
    assert_eq!(
        set_schedule(&mut economy, MIN_REWARD_DURATION - 1, 0),
        Err(DistributorError::InvalidDuration)
    );
    assert_eq!(set_schedule(&mut economy, MIN_REWARD_DURATION, 0), Ok(()));
    economy.chain.set_time(START + DAY);
    deposit(&mut economy, 1);
    let after = stream(&mut economy);
    assert!(
        after.finish >= running.finish,
        "finish {} moved before {}",
        after.finish,
        running.finish
    );
    // One block later, only a block's share has been released.
    economy.chain.set_time(START + DAY + 6_000);
    let distributor = economy.suite.distributor.clone();
    let token = economy.suite.token.id();
    let (touched, _) = economy.chain.send::<u128, DistributorError>(
        &distributor,
        &nobody(),
        "claim",
        Asset::Token(token),
    );
    assert_eq!(touched, Ok(0), "nobody staked nothing, earns nothing");
    let released_in_a_block = after.remaining - stream(&mut economy).remaining;
    let linear = after.remaining * 6_000 / u128::from(after.finish - (START + DAY));
    assert!(
        released_in_a_block <= linear + 1,
        "released {released_in_a_block} in a block, linear {linear}"
    );
}

/// L-1: the review's scenario. A 0-decimal token, 1,500 tokens streamed over 7 days, an
/// attacker with no stake touching the stream every 6 s block for the first three hours
/// (where the old arithmetic released nothing at all), then every ten minutes. At every hour
/// what was released is within one unit of linear. (`accounting`'s unit tests touch every
/// block of the week.)
#[test]
fn l1_a_small_stream_touched_every_block_releases_linearly() {
    const WHOLE: u128 = 1;
    let params = CreatorParams {
        decimals: 0,
        cap: 21_000_000 * WHOLE,
        creator_allocation: 2_000_000 * WHOLE,
        mining_cap: 5_000_000 * WHOLE,
        initial_emission: 100_000 * WHOLE,
        reward_duration: WEEK,
        pow: economy::pow_params(WHOLE),
        ..economy::custom_params("ZERO")
    };
    let mut economy = Economy::with(params);
    mint(&mut economy, &fan(), 10_000);
    stake(&mut economy, &fan(), 10_000);
    mint(&mut economy, &creator(), 1_500);
    deposit(&mut economy, 1_500);
    let distributor = economy.suite.distributor.clone();
    let touch = Asset::Token(economy.suite.token.id());
    let mut now = START;
    while now < START + WEEK {
        now += if now < START + 3 * HOUR {
            6_000
        } else {
            600_000
        };
        economy.chain.set_time(now);
        let (touched, _) =
            economy
                .chain
                .send::<u128, DistributorError>(&distributor, &attacker(), "claim", touch);
        touched.expect("a touch");
        if (now - START).is_multiple_of(HOUR) {
            let released = 1_500 - stream(&mut economy).remaining;
            let linear = 1_500 * u128::from(now - START) / u128::from(WEEK);
            assert!(
                released <= linear && linear - released <= 1,
                "hour {}: released {released}, linear {linear}",
                (now - START) / HOUR
            );
        }
    }
    assert_eq!(stream(&mut economy).remaining, 0);
}

/// L-2: a 1-unit deposit every hour for a week barely moves a large stream's end.
#[test]
fn l2_dust_deposits_do_not_stretch_the_stream() {
    let mut economy = Economy::new();
    mint(&mut economy, &fan(), 1_000);
    stake(&mut economy, &fan(), 1_000);
    mint(&mut economy, &creator(), 2_000_000);
    deposit(&mut economy, 1_000_000);
    for hour in 1..=24 * 6 {
        economy.chain.set_time(START + hour * HOUR);
        deposit(&mut economy, 1);
    }
    let finish = stream(&mut economy).finish;
    // Restarting the full week on each deposit would end it at START + 13 days.
    assert!(
        finish < START + WEEK + HOUR,
        "finish {} h after the start",
        (finish - START) / HOUR
    );
}

/// L-3: re-opening a root is refused, and a proof made for one round pays in no other.
#[test]
fn l3_a_proof_pays_once_in_its_own_round_only() {
    let mut economy = Economy::new();
    mint(&mut economy, &creator(), 1_000);
    let (token, distributor) = (
        economy.suite.token.clone(),
        economy.suite.distributor.clone(),
    );
    let chain = &mut economy.chain;
    let approve = (distributor.id(), u128::MAX);
    let (approved, _) = chain.send::<(), PSP22Error>(&token, &creator(), "PSP22::approve", approve);
    approved.expect("approve");
    let hex = |who: AccountId32| format!("0x{}", e2e_tests::hex(who.as_ref()));
    let csv = format!("{},100\n{},300\n", hex(fan()), hex(nobody()));
    let key = |round| RoundKey {
        distributor: distributor.id(),
        round,
    };
    let next: u32 = chain.read(&distributor, "next_round", ());
    assert_eq!(next, 0);
    let plan = merkle_round::from_csv(&csv, key(0)).expect("plan");
    let open = |chain: &mut e2e_tests::Chain, root: [u8; 32]| {
        let args = (Asset::Token(token.id()), root, 400u128, START + DAY);
        chain
            .send::<u32, DistributorError>(&distributor, &creator(), "open_round", args)
            .0
    };
    assert_eq!(open(chain, plan.root), Ok(0));
    assert_eq!(open(chain, plan.root), Err(DistributorError::RootUsed));
    // Round 1 under another root: round 0's proofs do not verify there.
    let other = merkle_round::from_csv(&csv, key(1)).expect("plan");
    assert_eq!(open(chain, other.root), Ok(1));
    let claim = &plan.claims[0];
    let args = |round: u32| {
        (
            round,
            claim.index,
            claim.account,
            claim.amount,
            claim.proof.clone(),
        )
    };
    let (elsewhere, _) =
        chain.send::<(), DistributorError>(&distributor, &fan(), "claim_round", args(1));
    assert_eq!(elsewhere, Err(DistributorError::InvalidProof));
    let (paid, _) =
        chain.send::<(), DistributorError>(&distributor, &fan(), "claim_round", args(0));
    assert_eq!(paid, Ok(()));
}

/// L-4: a proposal needs code on chain, and lapses a week after it became ready.
#[test]
fn l4_proposals_need_uploaded_code_and_lapse() {
    let mut economy = Economy::new();
    let pool = economy.suite.pool.clone();
    let send = |economy: &mut Economy, message: &str, args: Option<Hash>| {
        let chain = &mut economy.chain;
        match args {
            Some(hash) => {
                chain
                    .send::<(), UpgradeError>(&pool, &creator(), message, hash)
                    .0
            }
            None => {
                chain
                    .send::<(), UpgradeError>(&pool, &creator(), message, ())
                    .0
            }
        }
    };
    let propose = "Upgradeable::propose_upgrade";
    assert_eq!(
        send(&mut economy, propose, Some(Hash::from([0xEE; 32]))),
        Err(UpgradeError::SetCodeHashFailed),
        "no code under that hash"
    );
    let uploaded = registered(&mut economy, |hashes| hashes.pool);
    assert_eq!(send(&mut economy, propose, Some(uploaded)), Ok(()));
    // The contract still runs its own code after the check's round trip.
    let owner: Option<ink::primitives::AccountId> = economy.chain.read(&pool, "Ownable::owner", ());
    assert_eq!(owner, Some(id(creator)));
    economy
        .chain
        .set_time(START + UPGRADE_DELAY + UPGRADE_WINDOW + 1);
    assert_eq!(
        send(&mut economy, "Upgradeable::execute_upgrade", None),
        Err(UpgradeError::Expired)
    );
    assert_eq!(
        send(&mut economy, "Upgradeable::cancel_upgrade", None),
        Ok(())
    );
}

/// L-7: the factory refuses degenerate economics: 100 % fees, an endless launch period, a
/// dispute window that made every claim overflow.
#[test]
fn l7_the_factory_refuses_degenerate_economics() {
    let mut platform_chain = e2e_tests::fixtures::Platform::new();
    let base = economy::params("BAD");
    for (what, params) in [
        (
            "a 100 % fee",
            CreatorParams {
                fees: MarketFees {
                    creator_bps: 10_000,
                    ..base.fees.clone()
                },
                ..base.clone()
            },
        ),
        (
            "a 100 % launch fee",
            CreatorParams {
                fees: MarketFees {
                    launch_bps: 10_000,
                    ..base.fees.clone()
                },
                ..base.clone()
            },
        ),
        (
            "an endless launch",
            CreatorParams {
                fees: MarketFees {
                    launch_period: u64::MAX,
                    ..base.fees.clone()
                },
                ..base.clone()
            },
        ),
    ] {
        let (created, _) = platform_chain.create_suite(&creator(), params);
        assert_eq!(created, Err(FactoryError::InvalidMarket), "{what}");
    }
    let endless_disputes = CreatorParams {
        dispute_window: u64::MAX - 1,
        ..base
    };
    let (created, _) = platform_chain.create_suite(&creator(), endless_disputes);
    assert_eq!(created, Err(FactoryError::InvalidSchedule));
}

/// L-5: the storage-layout guard (`e2e_tests::layout`, `scripts/layout-check`) passes the
/// token's second version, which the upgrade test runs, and every contract against itself; it
/// refuses a distributor whose root gains a packed field (which bricked every call) and one
/// whose `held` mapping is renamed (which read nothing and streamed the principal as rewards).
#[test]
fn l5_the_layout_guard_tells_a_safe_upgrade_from_a_breaking_one() {
    use e2e_tests::{layout, Bundle};
    let v2_dir = e2e_tests::bundles_dir().join("../upgrade-v2/ink");
    let v2 = Bundle::load_from(&v2_dir, "creator_token").expect("v2 (scripts/build builds it)");
    let v1 = Bundle::shared("creator_token");
    assert_eq!(layout::check(&v1.metadata, &v2.metadata), Ok(()));
    for name in [
        "creator_token",
        "creator_nft",
        "reward_distributor",
        "mining_pool",
    ] {
        let bundle = Bundle::shared(name);
        assert_eq!(
            layout::check(&bundle.metadata, &bundle.metadata),
            Ok(()),
            "{name}"
        );
    }
    let deployed = Bundle::shared("reward_distributor").metadata.clone();
    let fields = |metadata: &mut serde_json::Value| -> Vec<serde_json::Value> {
        metadata["storage"]["root"]["layout"]["struct"]["fields"]
            .as_array()
            .expect("root fields")
            .clone()
    };
    let mut bricked = deployed.clone();
    let mut with_paused = fields(&mut bricked);
    let packed = serde_json::json!({"name": "paused",
        "layout": {"leaf": {"key": "0x00000000", "ty": 0}}});
    with_paused.push(packed);
    bricked["storage"]["root"]["layout"]["struct"]["fields"] = with_paused.into();
    let problems = layout::check(&deployed, &bricked).expect_err("a packed field");
    assert!(problems[0].contains("packed into the root"), "{problems:?}");
    let mut renamed = deployed.clone();
    let mut holdings = fields(&mut renamed);
    let held = holdings
        .iter_mut()
        .find(|field| field["name"] == "held")
        .expect("held");
    held["name"] = "holdings".into();
    renamed["storage"]["root"]["layout"]["struct"]["fields"] = holdings.into();
    let problems = layout::check(&deployed, &renamed).expect_err("a renamed mapping");
    assert!(problems[0].contains("`held`"), "{problems:?}");
}

/// L-8: the creator names the code hashes they reviewed; a swap by the platform between the
/// review and the call creates nothing.
#[test]
fn l8_create_creator_refuses_code_the_creator_did_not_review() {
    let mut platform = e2e_tests::fixtures::Platform::new();
    let factory = platform.factory.clone();
    let reviewed: Option<CodeHashes> = platform.chain.read(&factory, "code_hashes", ());
    let reviewed = reviewed.expect("registered");
    // The platform front-runs: the token's code is now the market's.
    let swapped = CodeHashes {
        token: reviewed.market,
        ..reviewed
    };
    let (set, _) = platform.chain.send::<(), FactoryError>(
        &factory,
        &e2e_tests::actors::platform(),
        "set_code_hashes",
        swapped,
    );
    set.expect("the platform may register code");
    let (created, _) = economy::create_suite_expecting(
        &mut platform.chain,
        &platform.bundles,
        &factory.address,
        &creator(),
        economy::params("MIRA"),
        reviewed,
    );
    assert_eq!(created, Err(FactoryError::UnexpectedCodeHashes));
    let count: u32 = platform.chain.read(&factory, "creator_count", ());
    assert_eq!(count, 0, "nothing was created");
}

/// I-1: the collection's royalty goes to the creator, not to the factory. I-3: the vesting
/// wallet refuses to become its own beneficiary.
#[test]
fn i1_i3_the_royalty_is_the_creators_and_the_wallet_cannot_own_itself() {
    let mut economy = Economy::new();
    let (collection, vesting) = (
        economy.suite.collection.clone(),
        economy.suite.vesting.clone(),
    );
    let (receiver, royalty): (ink::primitives::AccountId, u128) =
        economy
            .chain
            .read(&collection, "royalty_info", (psp::Id::U64(1), 1_000u128));
    assert_eq!((receiver, royalty), (id(creator), 0));
    let (refused, _) = economy.chain.send::<(), creator_vesting::VestingError>(
        &vesting,
        &creator(),
        "set_beneficiary",
        vesting.id(),
    );
    assert_eq!(refused, Err(creator_vesting::VestingError::WalletItself));
}

/// L-6: a fan with a large standing allowance signs `buy` for 5 items of drop 0 at 100 each;
/// the admin front-runs it with a drop at 10,000. The fan's `buy` names drop 0 and at most
/// 500, so it is refused and pays nothing; in the new drop, the same bound refuses the dearer
/// price. I-10: the replaced live drop ends with a `DropEnded`.
#[test]
fn l6_a_front_run_reconfiguration_cannot_charge_a_buyer_more() {
    let mut economy = Economy::new();
    let (token, collection) = (
        economy.suite.token.clone(),
        economy.suite.collection.clone(),
    );
    mint(&mut economy, &fan(), 1_000_000);
    let drop = |price| DropConfig {
        payment_token: token.id(),
        price,
        start: 0,
        end: u64::MAX,
        max_supply: 100,
        max_per_account: 10,
        max_per_call: 10,
        allowlist_root: None,
    };
    let chain = &mut economy.chain;
    let (opened, _) =
        chain.send::<u32, CollectionError>(&collection, &creator(), "configure_drop", drop(100));
    assert_eq!(opened, Ok(0));
    let standing = (collection.id(), 1_000_000u128);
    let (approved, _) = chain.send::<(), PSP22Error>(&token, &fan(), "PSP22::approve", standing);
    approved.expect("approve");
    // The front-run.
    let (reopened, receipt) =
        chain.send::<u32, CollectionError>(&collection, &creator(), "configure_drop", drop(10_000));
    assert_eq!(reopened, Ok(1));
    assert_eq!(
        receipt.events_of::<DropEnded>(),
        vec![DropEnded {
            drop_id: 0,
            sold: 0
        }]
    );
    let balance =
        |chain: &mut e2e_tests::Chain| -> u128 { chain.read(&token, "PSP22::balance_of", id(fan)) };
    let before = balance(chain);
    let agreed = (0u32, 5u32, 500u128, 0u32, Vec::<[u8; 32]>::new());
    let (refused, _) =
        chain.send::<Vec<psp::Id>, CollectionError>(&collection, &fan(), "buy", agreed);
    assert_eq!(refused, Err(CollectionError::WrongDrop));
    let dearer = (1u32, 5u32, 500u128, 0u32, Vec::<[u8; 32]>::new());
    let (refused, _) =
        chain.send::<Vec<psp::Id>, CollectionError>(&collection, &fan(), "buy", dearer);
    assert_eq!(refused, Err(CollectionError::PriceAboveMax));
    assert_eq!(balance(chain), before, "the fan paid nothing");
    // Agreeing to the new price works.
    let agreed = (1u32, 5u32, 50_000u128, 0u32, Vec::<[u8; 32]>::new());
    let (bought, _) =
        chain.send::<Vec<psp::Id>, CollectionError>(&collection, &fan(), "buy", agreed);
    assert_eq!(bought.map(|ids| ids.len()), Ok(5));
    assert_eq!(balance(chain), before - 50_000);
}

/// I-2: a burner burns 1 unit from the distributor, so it holds 1 less than it owes. Before
/// the fix every later pull of that token was refused (the balance no longer covered what
/// was held), freezing stakes, deposits and rounds; now a pull only has to grow the balance
/// by its amount, so all three still work, and a deposit streams exactly what it brought.
#[test]
fn i2_a_burn_from_the_distributor_freezes_nothing() {
    let mut economy = Economy::new();
    mint(&mut economy, &fan(), 1_000);
    mint(&mut economy, &creator(), 1_000);
    stake(&mut economy, &fan(), 100);
    let (token, distributor) = (
        economy.suite.token.clone(),
        economy.suite.distributor.clone(),
    );
    let chain = &mut economy.chain;
    let burn = (distributor.id(), 1u128);
    let (burned, _) = chain.send::<(), PSP22Error>(&token, &creator(), "PSP22Burnable::burn", burn);
    burned.expect("the creator holds BURNER in a default suite");
    let held: u128 = chain.read(&distributor, "held", Asset::Token(token.id()));
    let balance: u128 = chain.read(&token, "PSP22::balance_of", distributor.id());
    assert_eq!((held, balance), (100, 99), "a deficit of 1");
    // Stake.
    let (staked, _) = chain.send::<(), DistributorError>(&distributor, &fan(), "stake", 50u128);
    assert_eq!(staked, Ok(()));
    // Deposit: the stream gets the 200 deposited, nothing phantom from the deficit.
    let approve = (distributor.id(), u128::MAX);
    let (approved, _) = chain.send::<(), PSP22Error>(&token, &creator(), "PSP22::approve", approve);
    approved.expect("approve");
    // What a deposit of `amount` streams, by its events.
    let deposit = |chain: &mut e2e_tests::Chain, amount: u128| -> Vec<u128> {
        let args = (token.id(), amount);
        let (deposited, receipt) =
            chain.send::<(), DistributorError>(&distributor, &creator(), "deposit", args);
        assert_eq!(deposited, Ok(()));
        let events = receipt.events_of::<RewardDeposited>();
        events.iter().map(|event| event.amount).collect()
    };
    assert_eq!(deposit(chain, 200), vec![200]);
    // A round.
    let args = (Asset::Token(token.id()), [7u8; 32], 300u128, START + DAY);
    let (opened, _) =
        chain.send::<u32, DistributorError>(&distributor, &creator(), "open_round", args);
    assert_eq!(opened, Ok(0));
    let held: u128 = chain.read(&distributor, "held", Asset::Token(token.id()));
    let balance: u128 = chain.read(&token, "PSP22::balance_of", distributor.id());
    assert_eq!(
        (held, balance),
        (650, 649),
        "every pull was booked, the deficit stays 1"
    );
    // Tokens sent without a call are streamed by the next deposit, beyond the deficit.
    let (sent, _) = chain.send::<(), PSP22Error>(
        &token,
        &fan(),
        "PSP22::transfer",
        (distributor.id(), 11u128, Vec::<u8>::new()),
    );
    sent.expect("transfer");
    assert_eq!(
        deposit(chain, 5),
        vec![15],
        "5 deposited and 10 of the 11 that exceed the deficit"
    );
}

//! The reward distributor with the creator token (and the NFT collection) on the compiled Wasm.

use creator_nft::{CollectionError, DropConfig};
use e2e_tests::{
    account,
    actors::{creator, fan, id, other_fan},
    ink_id, merkle_round, AccountId32, BalanceAPI, Bundle, Chain, Contract, ENDOWMENT,
};
use psp::{Id, PSP22Error};
use reward_distributor::{Asset, DistributorError as Error, RewardClaimed, Withdrawal};

const ONE: u128 = 1_000_000_000_000;
/// A unit of native currency in these tests (the sandbox endows accounts with 10^15).
const NATIVE: u128 = 1_000_000_000;
/// The shortest reward duration the distributor accepts (one day, `psp::limits`).
const DURATION: u64 = psp::limits::MIN_REWARD_DURATION;

/// A creator token and a standalone distributor staking it; everyone holds and approved.
struct Suite {
    chain: Chain,
    token: Contract,
    distributor: Contract,
}

impl Suite {
    fn new(cooldown: u64) -> Self {
        let mut chain = Chain::new();
        chain.set_time(1_000);
        let args = (
            Some(String::from("Mira")),
            Some(String::from("MIRA")),
            12u8,
            u128::MAX,
            id(creator),
        );
        let token = chain.instantiate(&Bundle::shared("creator_token"), args, &creator());
        let args = (token.id(), DURATION, cooldown, id(creator));
        let distributor =
            chain.instantiate(&Bundle::shared("reward_distributor"), args, &creator());
        let mut suite = Self {
            chain,
            token,
            distributor,
        };
        for who in [creator(), fan(), other_fan()] {
            suite.mint(&who, 1_000_000 * ONE);
            suite.approve(&who, u128::MAX);
        }
        suite
    }

    fn mint(&mut self, to: &AccountId32, amount: u128) {
        self.chain
            .send::<(), PSP22Error>(
                &self.token,
                &creator(),
                "PSP22Mintable::mint",
                (ink_id(to), amount),
            )
            .0
            .expect("mint");
    }

    fn approve(&mut self, who: &AccountId32, amount: u128) {
        self.chain
            .send::<(), PSP22Error>(
                &self.token,
                who,
                "PSP22::approve",
                (self.distributor.id(), amount),
            )
            .0
            .expect("approve");
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.token, "PSP22::balance_of", ink_id(who))
    }

    fn token_asset(&self) -> Asset {
        Asset::Token(self.token.id())
    }

    fn pending(&mut self, who: &AccountId32, asset: Asset) -> u128 {
        self.chain
            .read(&self.distributor, "pending", (ink_id(who), asset))
    }
}

#[test]
fn stakers_share_native_and_token_profits_pro_rata() {
    let mut suite = Suite::new(0);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "stake", 300 * ONE)
            .0,
        Ok(())
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "stake", 100 * ONE)
            .0,
        Ok(())
    );
    assert_eq!(suite.balance(&fan()), 999_700 * ONE);
    let total: u128 = suite.chain.read(&suite.distributor, "total_staked", ());
    assert_eq!(total, 400 * ONE);

    // The creator shares 4,000 native units and 8,000 tokens; both stream over 10 s.
    assert_eq!(
        suite
            .chain
            .send_paying::<(), Error>(
                &suite.distributor,
                &creator(),
                "deposit_native",
                4_000 * NATIVE,
                4_000 * NATIVE
            )
            .0,
        Ok(())
    );
    let token = suite.token.id();
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(
                &suite.distributor,
                &creator(),
                "deposit",
                (token, 8_000 * ONE)
            )
            .0,
        Ok(())
    );
    suite.chain.set_time(1_000 + DURATION / 2);
    let halfway = suite.pending(&fan(), Asset::Native);
    assert!(
        halfway.abs_diff(1_500 * NATIVE) <= 1,
        "half streamed: {halfway}"
    );

    suite.chain.set_time(1_000 + DURATION);
    let native_before = suite.chain.native_balance(&fan());
    let token_before = suite.balance(&fan());
    let (paid, receipt) =
        suite
            .chain
            .send::<Vec<(Asset, u128)>, Error>(&suite.distributor, &fan(), "claim_all", ());
    let paid = paid.expect("claim_all");
    assert_eq!(paid.len(), 2);
    assert!(
        paid[0].1.abs_diff(3_000 * NATIVE) <= 1 && paid[0].1 <= 3_000 * NATIVE,
        "{paid:?}"
    );
    assert!(
        paid[1].1.abs_diff(6_000 * ONE) <= 1 && paid[1].1 <= 6_000 * ONE,
        "{paid:?}"
    );
    assert_eq!(
        suite.chain.native_balance(&fan()),
        native_before + paid[0].1
    );
    assert_eq!(suite.balance(&fan()), token_before + paid[1].1);
    let claims: Vec<RewardClaimed> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(claims.len(), 2);

    let (other_fan_native, _) =
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &other_fan(), "claim", Asset::Native);
    assert!(other_fan_native.expect("claim").abs_diff(1_000 * NATIVE) <= 1);
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &other_fan(), "claim", Asset::Native)
            .0,
        Ok(0),
        "nothing twice"
    );
    let asset = suite.token_asset();
    let other_fan_tokens = suite.pending(&other_fan(), asset);
    assert!(other_fan_tokens <= 2_000 * ONE && other_fan_tokens + 1 >= 2_000 * ONE);
}

#[test]
fn nft_proceeds_reach_stakers_through_sync() {
    let mut suite = Suite::new(0);
    let args = (
        String::from("Drops"),
        String::from("DRP"),
        String::from("ipfs://x/"),
        id(creator),
    );
    let nft = suite
        .chain
        .instantiate(&Bundle::shared("creator_nft"), args, &creator());
    let split = (id(creator), 8_000u16, suite.distributor.id(), 2_000u16);
    let (set, _) = suite
        .chain
        .send::<(), CollectionError>(&nft, &creator(), "set_proceeds", split);
    set.expect("split");
    let config = DropConfig {
        payment_token: suite.token.id(),
        price: 50 * ONE,
        start: 0,
        end: u64::MAX,
        max_supply: 100,
        max_per_account: 10,
        max_per_call: 10,
        allowlist_root: None,
    };
    let (opened, _) =
        suite
            .chain
            .send::<u32, CollectionError>(&nft, &creator(), "configure_drop", config);
    opened.expect("drop");
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "stake", 10 * ONE)
            .0,
        Ok(())
    );
    // The other fan buys 4 items: 200 tokens, 40 of which go straight to the distributor.
    let (approved, _) = suite.chain.send::<(), PSP22Error>(
        &suite.token,
        &other_fan(),
        "PSP22::approve",
        (nft.id(), 200 * ONE),
    );
    approved.expect("approve");
    let (bought, _) = suite.chain.send::<Vec<Id>, CollectionError>(
        &nft,
        &other_fan(),
        "buy",
        (0u32, 4u32, u128::MAX, 0u32, Vec::<[u8; 32]>::new()),
    );
    assert_eq!(bought.map(|ids| ids.len()), Ok(4));
    let asset = suite.token_asset();
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &creator(), "sync", asset)
            .0,
        Ok(40 * ONE)
    );
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &creator(), "sync", asset)
            .0,
        Ok(0),
        "picked up once"
    );
    suite.chain.set_time(1_000 + DURATION);
    assert_eq!(
        suite.pending(&fan(), asset),
        40 * ONE,
        "the only staker gets it all"
    );
    let before = suite.balance(&fan());
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &fan(), "claim", asset)
            .0,
        Ok(40 * ONE)
    );
    assert_eq!(suite.balance(&fan()), before + 40 * ONE);
    // Stakes are untouched by the rewards in the same token.
    let held: u128 = suite.chain.read(&suite.distributor, "held", asset);
    assert_eq!(held, 10 * ONE);
    assert_eq!(suite.balance(&suite.distributor.address.clone()), 10 * ONE);
}

#[test]
fn just_in_time_staking_earns_only_its_time_share() {
    let mut suite = Suite::new(0);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "stake", 100 * ONE)
            .0,
        Ok(())
    );
    // The other fan sees the deposit coming, stakes as much as the fan right before it...
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "stake", 100 * ONE)
            .0,
        Ok(())
    );
    assert_eq!(
        suite
            .chain
            .send_paying::<(), Error>(
                &suite.distributor,
                &creator(),
                "deposit_native",
                10_000 * NATIVE,
                10_000 * NATIVE
            )
            .0,
        Ok(())
    );
    // ... and leaves 1 % of the stream later.
    suite.chain.set_time(1_000 + DURATION / 100);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "unstake", 100 * ONE)
            .0,
        Ok(())
    );
    let sniped = suite
        .chain
        .send::<u128, Error>(&suite.distributor, &other_fan(), "claim", Asset::Native)
        .0
        .expect("claim");
    assert!(
        sniped <= 50 * NATIVE && sniped + 1 >= 50 * NATIVE,
        "half of 1 %: {sniped}"
    );
    suite.chain.set_time(1_000 + DURATION);
    let kept = suite
        .chain
        .send::<u128, Error>(&suite.distributor, &fan(), "claim", Asset::Native)
        .0
        .expect("claim");
    assert!(kept + sniped <= 10_000 * NATIVE && kept + sniped + 2 >= 10_000 * NATIVE);
}

#[test]
fn unstake_with_cooldown_then_withdraw() {
    let mut suite = Suite::new(500);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "stake", 100 * ONE)
            .0,
        Ok(())
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "unstake", 101 * ONE)
            .0,
        Err(Error::InsufficientStake)
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "unstake", 40 * ONE)
            .0,
        Ok(())
    );
    let waiting: Withdrawal = suite
        .chain
        .read(&suite.distributor, "withdrawal_of", ink_id(&fan()));
    assert_eq!(
        waiting,
        Withdrawal {
            amount: 40 * ONE,
            unlock_at: 1_500
        }
    );
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &fan(), "withdraw", ())
            .0,
        Err(Error::CooldownNotOver)
    );
    suite.chain.set_time(1_500);
    let before = suite.balance(&fan());
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &fan(), "withdraw", ())
            .0,
        Ok(40 * ONE)
    );
    assert_eq!(suite.balance(&fan()), before + 40 * ONE);
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &fan(), "withdraw", ())
            .0,
        Err(Error::NothingToWithdraw)
    );
    let stake: u128 = suite
        .chain
        .read(&suite.distributor, "stake_of", ink_id(&fan()));
    assert_eq!(stake, 60 * ONE);
}

#[test]
fn refusals_change_nothing() {
    let mut suite = Suite::new(0);
    suite.approve(&other_fan(), 0);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "stake", ONE)
            .0,
        Err(Error::Token(PSP22Error::InsufficientAllowance))
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "stake", 2_000_000 * ONE)
            .0,
        Err(Error::Token(PSP22Error::InsufficientBalance))
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "stake", 0u128)
            .0,
        Err(Error::ZeroAmount)
    );
    assert_eq!(
        suite
            .chain
            .send_paying::<(), Error>(&suite.distributor, &creator(), "deposit_native", 5u128, 4)
            .0,
        Err(Error::ValueMismatch)
    );
    let stranger = ink_id(&account(9));
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &creator(), "deposit", (stranger, 5u128))
            .0,
        Err(Error::UnknownAsset)
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "add_reward_asset", stranger)
            .0,
        Err(Error::MissingRole)
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &creator(), "add_reward_asset", stranger)
            .0,
        Ok(())
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &creator(), "deposit", (stranger, 5u128))
            .0,
        Err(Error::TokenCallFailed),
        "not a contract"
    );
    assert_eq!(suite.balance(&fan()), 1_000_000 * ONE);
    let total: u128 = suite.chain.read(&suite.distributor, "total_staked", ());
    assert_eq!(total, 0);
}

#[test]
fn merkle_round_from_csv_end_to_end() {
    let mut suite = Suite::new(0);
    let csv = format!(
        "account,amount\n0x{},{}\n0x{},{}\n0x{},{}\n",
        e2e_tests::hex(AsRef::<[u8]>::as_ref(&fan())),
        70 * ONE,
        e2e_tests::hex(AsRef::<[u8]>::as_ref(&other_fan())),
        20 * ONE,
        e2e_tests::hex(&[9; 32]),
        10 * ONE,
    );
    let next: u32 = suite.chain.read(&suite.distributor, "next_round", ());
    let key = merkle_round::RoundKey {
        distributor: suite.distributor.id(),
        round: next,
    };
    let plan = merkle_round::from_csv(&csv, key).expect("plan");
    let asset = suite.token_asset();
    let (opened, _) = suite.chain.send::<u32, Error>(
        &suite.distributor,
        &creator(),
        "open_round",
        (asset, plan.root, plan.total, 5_000u64),
    );
    assert_eq!(opened, Ok(0));
    assert_eq!(
        suite
            .chain
            .send::<u32, Error>(
                &suite.distributor,
                &fan(),
                "open_round",
                (asset, plan.root, plan.total, 5_000u64)
            )
            .0,
        Err(Error::MissingRole)
    );
    let creator_after_funding = suite.balance(&creator());
    let fan_claim = plan.claims[0].clone();
    let args = (
        0u32,
        fan_claim.index,
        fan_claim.account,
        fan_claim.amount,
        fan_claim.proof.clone(),
    );
    let before = suite.balance(&fan());
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(
                &suite.distributor,
                &other_fan(),
                "claim_round",
                args.clone()
            )
            .0,
        Ok(()),
        "anyone submits"
    );
    assert_eq!(suite.balance(&fan()), before + 70 * ONE);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &fan(), "claim_round", args)
            .0,
        Err(Error::AlreadyClaimed)
    );
    let other_fan_claim = plan.claims[1].clone();
    let forged = (
        0u32,
        other_fan_claim.index,
        other_fan_claim.account,
        30 * ONE,
        other_fan_claim.proof.clone(),
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "claim_round", forged)
            .0,
        Err(Error::InvalidProof)
    );
    let honest = (
        0u32,
        other_fan_claim.index,
        other_fan_claim.account,
        other_fan_claim.amount,
        other_fan_claim.proof,
    );
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "claim_round", honest)
            .0,
        Ok(())
    );
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &creator(), "reclaim_round", 0u32)
            .0,
        Err(Error::RoundStillOpen)
    );
    suite.chain.set_time(5_001);
    let late = plan.claims[2].clone();
    let args = (0u32, late.index, late.account, late.amount, late.proof);
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(&suite.distributor, &other_fan(), "claim_round", args)
            .0,
        Err(Error::RoundClosed)
    );
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.distributor, &creator(), "reclaim_round", 0u32)
            .0,
        Ok(10 * ONE)
    );
    assert_eq!(suite.balance(&creator()), creator_after_funding + 10 * ONE);
    assert_eq!(suite.balance(&suite.distributor.address.clone()), 0);
}

/// Claim gas with 1, 100 and 1,000 stakers: the claim touches only the claimer's storage.
#[test]
fn claim_gas_is_independent_of_the_number_of_stakers() {
    let mut costs = Vec::new();
    for stakers in [1u32, 100, 1_000] {
        let mut suite = Suite::new(0);
        assert_eq!(
            suite
                .chain
                .send::<(), Error>(&suite.distributor, &fan(), "stake", 100 * ONE)
                .0,
            Ok(())
        );
        for n in 1..stakers {
            let mut seed = [0xC0u8; 32];
            seed[..4].copy_from_slice(&n.to_le_bytes());
            let who = AccountId32::new(seed);
            suite
                .chain
                .sandbox
                .mint_into(&who, ENDOWMENT)
                .expect("endow");
            suite.mint(&who, 10 * ONE);
            suite.approve(&who, u128::MAX);
            assert_eq!(
                suite
                    .chain
                    .send::<(), Error>(&suite.distributor, &who, "stake", ONE)
                    .0,
                Ok(())
            );
        }
        assert_eq!(
            suite
                .chain
                .send_paying::<(), Error>(
                    &suite.distributor,
                    &creator(),
                    "deposit_native",
                    1_000 * NATIVE,
                    1_000 * NATIVE
                )
                .0,
            Ok(())
        );
        suite.chain.set_time(1_000 + DURATION);
        let (paid, receipt) =
            suite
                .chain
                .send::<u128, Error>(&suite.distributor, &fan(), "claim", Asset::Native);
        assert!(paid.expect("claim") > 0);
        costs.push((stakers, receipt.gas));
    }
    println!("reward_distributor claim(Native):");
    println!("{:>8} {:>14} {:>12}", "stakers", "ref_time", "proof_size");
    for (stakers, gas) in &costs {
        println!(
            "{:>8} {:>14} {:>12}",
            stakers,
            gas.ref_time(),
            gas.proof_size()
        );
    }
    let (base_time, base_proof) = (costs[0].1.ref_time() as f64, costs[0].1.proof_size() as f64);
    for (stakers, gas) in &costs {
        assert!(
            (gas.ref_time() as f64 / base_time - 1.0).abs() <= 0.02,
            "{stakers} stakers ref_time"
        );
        assert!(
            (gas.proof_size() as f64 / base_proof - 1.0).abs() <= 0.02,
            "{stakers} stakers proof_size"
        );
    }
}

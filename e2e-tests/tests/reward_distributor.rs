//! The reward distributor with the creator token (and the NFT collection) on the compiled Wasm.

use creator_nft::{CollectionError, DropConfig};
use e2e_tests::{
    account, ink_id, merkle_round, AccountId32, BalanceAPI, Bundle, Chain, Receipt, ENDOWMENT,
};
use ink::scale::{Decode, Encode};
use psp::{Id, PSP22Error};
use reward_distributor::{Asset, DistributorError as Error, RewardClaimed, Withdrawal};

const ONE: u128 = 1_000_000_000_000;
/// A unit of native currency in these tests (the sandbox endows accounts with 10^15).
const NATIVE: u128 = 1_000_000_000;
const DURATION: u64 = 10_000;

fn creator() -> AccountId32 {
    account(1)
}
fn alice() -> AccountId32 {
    account(2)
}
fn bob() -> AccountId32 {
    account(3)
}

struct Suite {
    chain: Chain,
    token_bundle: Bundle,
    distributor_bundle: Bundle,
    token: AccountId32,
    distributor: AccountId32,
}

impl Suite {
    fn new(cooldown: u64) -> Self {
        let token_bundle = Bundle::load("creator_token").expect("token bundle");
        let distributor_bundle = Bundle::load("reward_distributor").expect("distributor bundle");
        let mut chain = Chain::new();
        chain.set_time(1_000);
        let args = (
            Some(String::from("Mira")),
            Some(String::from("MIRA")),
            12u8,
            u128::MAX,
            ink_id(&creator()),
        );
        let (token, _) = chain
            .deploy(&token_bundle, "new", args, &creator(), vec![])
            .expect("token");
        let args = (ink_id(&token), DURATION, cooldown, ink_id(&creator()));
        let (distributor, _) = chain
            .deploy(&distributor_bundle, "new", args, &creator(), vec![])
            .expect("distributor");
        let mut suite = Self {
            chain,
            token_bundle,
            distributor_bundle,
            token,
            distributor,
        };
        for who in [creator(), alice(), bob()] {
            suite.mint(&who, 1_000_000 * ONE);
            suite.approve(&who, u128::MAX);
        }
        suite
    }

    fn mint(&mut self, to: &AccountId32, amount: u128) {
        let minted: Result<(), PSP22Error> = self
            .token_call(&creator(), "PSP22Mintable::mint", (ink_id(to), amount))
            .0;
        minted.expect("mint");
    }

    fn approve(&mut self, who: &AccountId32, amount: u128) {
        let approved: Result<(), PSP22Error> = self
            .token_call(who, "PSP22::approve", (ink_id(&self.distributor), amount))
            .0;
        approved.expect("approve");
    }

    fn token_call<R: Decode>(
        &mut self,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
    ) -> (R, Receipt) {
        let (answer, receipt) =
            self.chain
                .call::<R>(&self.token_bundle, &self.token, message, args, caller, 0);
        (answer.expect("token answers"), receipt)
    }

    fn call<R: Decode>(
        &mut self,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> (R, Receipt) {
        let (answer, receipt) = self.chain.call::<R>(
            &self.distributor_bundle,
            &self.distributor,
            message,
            args,
            caller,
            value,
        );
        (answer.expect("distributor answers"), receipt)
    }

    /// A state-changing call whose `Err` must revert with no events.
    fn send<T: Decode + std::fmt::Debug>(
        &mut self,
        caller: &AccountId32,
        message: &str,
        args: impl Encode,
        value: u128,
    ) -> (Result<T, Error>, Receipt) {
        let (result, receipt) = self.call::<Result<T, Error>>(caller, message, args, value);
        assert_eq!(receipt.reverted, result.is_err(), "{message}: {result:?}");
        if result.is_err() {
            assert!(receipt.events.is_empty());
        }
        (result, receipt)
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        self.token_call::<u128>(&creator(), "PSP22::balance_of", ink_id(who))
            .0
    }

    fn token_asset(&self) -> Asset {
        Asset::Token(ink_id(&self.token))
    }

    fn pending(&mut self, who: &AccountId32, asset: Asset) -> u128 {
        self.call::<u128>(&creator(), "pending", (ink_id(who), asset), 0)
            .0
    }
}

#[test]
fn stakers_share_native_and_token_profits_pro_rata() {
    let mut suite = Suite::new(0);
    assert_eq!(suite.send::<()>(&alice(), "stake", 300 * ONE, 0).0, Ok(()));
    assert_eq!(suite.send::<()>(&bob(), "stake", 100 * ONE, 0).0, Ok(()));
    assert_eq!(suite.balance(&alice()), 999_700 * ONE);
    let total: u128 = suite.call(&creator(), "total_staked", (), 0).0;
    assert_eq!(total, 400 * ONE);

    // The creator shares 4,000 native units and 8,000 tokens; both stream over 10 s.
    assert_eq!(
        suite
            .send::<()>(&creator(), "deposit_native", 4_000 * NATIVE, 4_000 * NATIVE)
            .0,
        Ok(())
    );
    let token = ink_id(&suite.token);
    assert_eq!(
        suite
            .send::<()>(&creator(), "deposit", (token, 8_000 * ONE), 0)
            .0,
        Ok(())
    );
    suite.chain.set_time(1_000 + DURATION / 2);
    let halfway = suite.pending(&alice(), Asset::Native);
    assert!(
        halfway.abs_diff(1_500 * NATIVE) <= 1,
        "half streamed: {halfway}"
    );

    suite.chain.set_time(1_000 + DURATION);
    let native_before = suite.chain.native_balance(&alice());
    let token_before = suite.balance(&alice());
    let (paid, receipt) = suite.send::<Vec<(Asset, u128)>>(&alice(), "claim_all", (), 0);
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
        suite.chain.native_balance(&alice()),
        native_before + paid[0].1
    );
    assert_eq!(suite.balance(&alice()), token_before + paid[1].1);
    let claims: Vec<RewardClaimed> = receipt.events.iter().filter_map(|e| e.decode()).collect();
    assert_eq!(claims.len(), 2);

    let (bob_native, _) = suite.send::<u128>(&bob(), "claim", Asset::Native, 0);
    assert!(bob_native.expect("claim").abs_diff(1_000 * NATIVE) <= 1);
    assert_eq!(
        suite.send::<u128>(&bob(), "claim", Asset::Native, 0).0,
        Ok(0),
        "nothing twice"
    );
    let asset = suite.token_asset();
    let bob_tokens = suite.pending(&bob(), asset);
    assert!(bob_tokens <= 2_000 * ONE && bob_tokens + 1 >= 2_000 * ONE);
}

#[test]
fn nft_proceeds_reach_stakers_through_sync() {
    let mut suite = Suite::new(0);
    let nft_bundle = Bundle::load("creator_nft").expect("nft bundle");
    let args = (
        String::from("Drops"),
        String::from("DRP"),
        String::from("ipfs://x/"),
        ink_id(&creator()),
    );
    let (nft, _) = suite
        .chain
        .deploy(&nft_bundle, "new", args, &creator(), vec![])
        .expect("nft");
    let split = (
        ink_id(&creator()),
        8_000u16,
        ink_id(&suite.distributor),
        2_000u16,
    );
    let set: Result<(), CollectionError> = suite
        .chain
        .call(&nft_bundle, &nft, "set_proceeds", split, &creator(), 0)
        .0
        .expect("answer");
    set.expect("split");
    let config = DropConfig {
        payment_token: ink_id(&suite.token),
        price: 50 * ONE,
        start: 0,
        end: u64::MAX,
        max_supply: 100,
        max_per_account: 10,
        max_per_call: 10,
        allowlist_root: None,
    };
    let opened: Result<u32, CollectionError> = suite
        .chain
        .call(&nft_bundle, &nft, "configure_drop", config, &creator(), 0)
        .0
        .expect("answer");
    opened.expect("drop");
    assert_eq!(suite.send::<()>(&alice(), "stake", 10 * ONE, 0).0, Ok(()));
    // Bob buys 4 items: 200 tokens, 40 of which go straight to the distributor.
    let approved: Result<(), PSP22Error> = suite
        .token_call(&bob(), "PSP22::approve", (ink_id(&nft), 200 * ONE))
        .0;
    approved.expect("approve");
    let bought: Result<Vec<Id>, CollectionError> = suite
        .chain
        .call(
            &nft_bundle,
            &nft,
            "buy",
            (4u32, 0u32, Vec::<[u8; 32]>::new()),
            &bob(),
            0,
        )
        .0
        .expect("answer");
    assert_eq!(bought.map(|ids| ids.len()), Ok(4));
    let asset = suite.token_asset();
    assert_eq!(
        suite.send::<u128>(&creator(), "sync", asset, 0).0,
        Ok(40 * ONE)
    );
    assert_eq!(
        suite.send::<u128>(&creator(), "sync", asset, 0).0,
        Ok(0),
        "picked up once"
    );
    suite.chain.set_time(1_000 + DURATION);
    assert_eq!(
        suite.pending(&alice(), asset),
        40 * ONE,
        "the only staker gets it all"
    );
    let before = suite.balance(&alice());
    assert_eq!(
        suite.send::<u128>(&alice(), "claim", asset, 0).0,
        Ok(40 * ONE)
    );
    assert_eq!(suite.balance(&alice()), before + 40 * ONE);
    // Stakes are untouched by the rewards in the same token.
    let held: u128 = suite.call(&creator(), "held", asset, 0).0;
    assert_eq!(held, 10 * ONE);
    assert_eq!(suite.balance(&suite.distributor.clone()), 10 * ONE);
}

#[test]
fn just_in_time_staking_earns_only_its_time_share() {
    let mut suite = Suite::new(0);
    assert_eq!(suite.send::<()>(&alice(), "stake", 100 * ONE, 0).0, Ok(()));
    // Bob sees the deposit coming, stakes as much as Alice right before it...
    assert_eq!(suite.send::<()>(&bob(), "stake", 100 * ONE, 0).0, Ok(()));
    assert_eq!(
        suite
            .send::<()>(
                &creator(),
                "deposit_native",
                10_000 * NATIVE,
                10_000 * NATIVE
            )
            .0,
        Ok(())
    );
    // ... and leaves 100 ms (1 % of the stream) later.
    suite.chain.set_time(1_100);
    assert_eq!(suite.send::<()>(&bob(), "unstake", 100 * ONE, 0).0, Ok(()));
    let sniped = suite
        .send::<u128>(&bob(), "claim", Asset::Native, 0)
        .0
        .expect("claim");
    assert!(
        sniped <= 50 * NATIVE && sniped + 1 >= 50 * NATIVE,
        "half of 1 %: {sniped}"
    );
    suite.chain.set_time(1_000 + DURATION);
    let kept = suite
        .send::<u128>(&alice(), "claim", Asset::Native, 0)
        .0
        .expect("claim");
    assert!(kept + sniped <= 10_000 * NATIVE && kept + sniped + 2 >= 10_000 * NATIVE);
}

#[test]
fn unstake_with_cooldown_then_withdraw() {
    let mut suite = Suite::new(500);
    assert_eq!(suite.send::<()>(&alice(), "stake", 100 * ONE, 0).0, Ok(()));
    assert_eq!(
        suite.send::<()>(&alice(), "unstake", 101 * ONE, 0).0,
        Err(Error::InsufficientStake)
    );
    assert_eq!(suite.send::<()>(&alice(), "unstake", 40 * ONE, 0).0, Ok(()));
    let waiting: Withdrawal = suite
        .call(&creator(), "withdrawal_of", ink_id(&alice()), 0)
        .0;
    assert_eq!(
        waiting,
        Withdrawal {
            amount: 40 * ONE,
            unlock_at: 1_500
        }
    );
    assert_eq!(
        suite.send::<u128>(&alice(), "withdraw", (), 0).0,
        Err(Error::CooldownNotOver)
    );
    suite.chain.set_time(1_500);
    let before = suite.balance(&alice());
    assert_eq!(
        suite.send::<u128>(&alice(), "withdraw", (), 0).0,
        Ok(40 * ONE)
    );
    assert_eq!(suite.balance(&alice()), before + 40 * ONE);
    assert_eq!(
        suite.send::<u128>(&alice(), "withdraw", (), 0).0,
        Err(Error::NothingToWithdraw)
    );
    let stake: u128 = suite.call(&creator(), "stake_of", ink_id(&alice()), 0).0;
    assert_eq!(stake, 60 * ONE);
}

#[test]
fn refusals_change_nothing() {
    let mut suite = Suite::new(0);
    suite.approve(&bob(), 0);
    assert_eq!(
        suite.send::<()>(&bob(), "stake", ONE, 0).0,
        Err(Error::Token(PSP22Error::InsufficientAllowance))
    );
    assert_eq!(
        suite.send::<()>(&alice(), "stake", 2_000_000 * ONE, 0).0,
        Err(Error::Token(PSP22Error::InsufficientBalance))
    );
    assert_eq!(
        suite.send::<()>(&alice(), "stake", 0u128, 0).0,
        Err(Error::ZeroAmount)
    );
    assert_eq!(
        suite.send::<()>(&creator(), "deposit_native", 5u128, 4).0,
        Err(Error::ValueMismatch)
    );
    let stranger = ink_id(&account(9));
    assert_eq!(
        suite
            .send::<()>(&creator(), "deposit", (stranger, 5u128), 0)
            .0,
        Err(Error::UnknownAsset)
    );
    assert_eq!(
        suite
            .send::<()>(&alice(), "add_reward_asset", stranger, 0)
            .0,
        Err(Error::MissingRole)
    );
    assert_eq!(
        suite
            .send::<()>(&creator(), "add_reward_asset", stranger, 0)
            .0,
        Ok(())
    );
    assert_eq!(
        suite
            .send::<()>(&creator(), "deposit", (stranger, 5u128), 0)
            .0,
        Err(Error::TokenCallFailed),
        "not a contract"
    );
    assert_eq!(suite.balance(&alice()), 1_000_000 * ONE);
    let total: u128 = suite.call(&creator(), "total_staked", (), 0).0;
    assert_eq!(total, 0);
}

#[test]
fn merkle_round_from_csv_end_to_end() {
    let mut suite = Suite::new(0);
    let csv = format!(
        "account,amount\n0x{},{}\n0x{},{}\n0x{},{}\n",
        e2e_tests::hex(AsRef::<[u8]>::as_ref(&alice())),
        70 * ONE,
        e2e_tests::hex(AsRef::<[u8]>::as_ref(&bob())),
        20 * ONE,
        e2e_tests::hex(&[9; 32]),
        10 * ONE,
    );
    let plan = merkle_round::from_csv(&csv).expect("plan");
    let asset = suite.token_asset();
    let (opened, _) = suite.send::<u32>(
        &creator(),
        "open_round",
        (asset, plan.root, plan.total, 5_000u64),
        0,
    );
    assert_eq!(opened, Ok(0));
    assert_eq!(
        suite
            .send::<u32>(
                &alice(),
                "open_round",
                (asset, plan.root, plan.total, 5_000u64),
                0
            )
            .0,
        Err(Error::MissingRole)
    );
    let creator_after_funding = suite.balance(&creator());
    let alice_claim = plan.claims[0].clone();
    let args = (
        0u32,
        alice_claim.index,
        alice_claim.account,
        alice_claim.amount,
        alice_claim.proof.clone(),
    );
    let before = suite.balance(&alice());
    assert_eq!(
        suite.send::<()>(&bob(), "claim_round", args.clone(), 0).0,
        Ok(()),
        "anyone submits"
    );
    assert_eq!(suite.balance(&alice()), before + 70 * ONE);
    assert_eq!(
        suite.send::<()>(&alice(), "claim_round", args, 0).0,
        Err(Error::AlreadyClaimed)
    );
    let bob_claim = plan.claims[1].clone();
    let forged = (
        0u32,
        bob_claim.index,
        bob_claim.account,
        30 * ONE,
        bob_claim.proof.clone(),
    );
    assert_eq!(
        suite.send::<()>(&bob(), "claim_round", forged, 0).0,
        Err(Error::InvalidProof)
    );
    let honest = (
        0u32,
        bob_claim.index,
        bob_claim.account,
        bob_claim.amount,
        bob_claim.proof,
    );
    assert_eq!(suite.send::<()>(&bob(), "claim_round", honest, 0).0, Ok(()));
    assert_eq!(
        suite.send::<u128>(&creator(), "reclaim_round", 0u32, 0).0,
        Err(Error::RoundStillOpen)
    );
    suite.chain.set_time(5_001);
    let late = plan.claims[2].clone();
    let args = (0u32, late.index, late.account, late.amount, late.proof);
    assert_eq!(
        suite.send::<()>(&bob(), "claim_round", args, 0).0,
        Err(Error::RoundClosed)
    );
    assert_eq!(
        suite.send::<u128>(&creator(), "reclaim_round", 0u32, 0).0,
        Ok(10 * ONE)
    );
    assert_eq!(suite.balance(&creator()), creator_after_funding + 10 * ONE);
    assert_eq!(suite.balance(&suite.distributor.clone()), 0);
}

/// Claim gas with 1, 100 and 1,000 stakers: the claim touches only the claimer's storage.
#[test]
fn claim_gas_is_independent_of_the_number_of_stakers() {
    let mut costs = Vec::new();
    for stakers in [1u32, 100, 1_000] {
        let mut suite = Suite::new(0);
        assert_eq!(suite.send::<()>(&alice(), "stake", 100 * ONE, 0).0, Ok(()));
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
            assert_eq!(suite.send::<()>(&who, "stake", ONE, 0).0, Ok(()));
        }
        assert_eq!(
            suite
                .send::<()>(&creator(), "deposit_native", 1_000 * NATIVE, 1_000 * NATIVE)
                .0,
            Ok(())
        );
        suite.chain.set_time(1_000 + DURATION);
        let (paid, receipt) = suite.send::<u128>(&alice(), "claim", Asset::Native, 0);
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

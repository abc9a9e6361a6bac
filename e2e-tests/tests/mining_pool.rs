//! The contribution-mining pool with the creator token on the compiled Wasm.

use e2e_tests::{
    actors::{creator, delegate, fan, id, other_fan},
    ink_id, AccountId32, Bundle, Chain, Contract,
};
use ink::{
    env::hash::{Blake2x256, CryptoHash},
    primitives::AccountId,
    scale::Encode,
};
use mining_pool::{Claimed, PoolConfig, PoolError as Error, Voucher, ATTESTER, VOUCHER_TAG};
use psp::{AccessControlError, PSP22Error, MINTER};
use secp256k1::{Message, Secp256k1, SecretKey};

const ONE: u128 = 1_000_000_000_000;
const GENESIS: u64 = 1_000;
const EPOCH: u64 = 10_000;
const WINDOW: u64 = 1_000;
/// When epoch 0 becomes claimable.
const CLAIMABLE: u64 = GENESIS + EPOCH + WINDOW;

/// The creator's attester.
fn attester() -> AccountId32 {
    delegate()
}

/// A creator token and a standalone pool minting it, with an attester.
struct Suite {
    chain: Chain,
    token: Contract,
    pool: Contract,
}

impl Suite {
    fn new(token_cap: u128) -> Self {
        let mut chain = Chain::new();
        chain.set_time(GENESIS);
        let args = (
            Some(String::from("Mira")),
            Some(String::from("MIRA")),
            12u8,
            token_cap,
            id(creator),
        );
        let token = chain.instantiate(&Bundle::shared("creator_token"), args, &creator());
        let config = PoolConfig {
            token: token.id(),
            genesis: GENESIS,
            epoch_length: EPOCH,
            initial_emission: 1_000 * ONE,
            halving_interval: 2,
            cap: 3_300 * ONE,
            max_points_per_account: 1_000,
            attester_budget: 1_000_000,
            dispute_window: WINDOW,
            domain: 42,
        };
        let pool = chain.instantiate(
            &Bundle::shared("mining_pool"),
            (config, id(creator)),
            &creator(),
        );
        chain
            .send::<(), AccessControlError>(
                &token,
                &creator(),
                "AccessControl::grant_role",
                (MINTER, Some(pool.id())),
            )
            .0
            .expect("pool mints");
        let mut suite = Self { chain, token, pool };
        suite.grant_attester(ink_id(&attester()));
        suite
    }

    fn grant_attester(&mut self, who: AccountId) {
        self.chain
            .send::<(), AccessControlError>(
                &self.pool,
                &creator(),
                "AccessControl::grant_role",
                (ATTESTER, Some(who)),
            )
            .0
            .expect("attester");
    }

    fn balance(&mut self, who: &AccountId32) -> u128 {
        self.chain
            .read(&self.token, "PSP22::balance_of", ink_id(who))
    }

    fn supply(&mut self) -> u128 {
        self.chain.read(&self.token, "PSP22::total_supply", ())
    }
}

#[test]
fn attested_contributors_claim_minted_tokens_after_the_window() {
    let mut suite = Suite::new(u128::MAX);
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &attester(),
                "attest",
                (id(fan), 30u128, [1u8; 32])
            )
            .0,
        Ok(0)
    );
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &attester(),
                "attest",
                (id(other_fan), 10u128, [2u8; 32])
            )
            .0,
        Ok(1)
    );
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(&suite.pool, &fan(), "attest", (id(fan), 10u128, [3u8; 32]))
            .0,
        Err(Error::MissingRole)
    );
    suite.chain.set_time(CLAIMABLE - 1);
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32)
            .0,
        Err(Error::NotClaimableYet)
    );
    suite.chain.set_time(CLAIMABLE);
    let claimable: u128 = suite.chain.read(&suite.pool, "claimable", (id(fan), 0u32));
    assert_eq!(claimable, 750 * ONE);
    let (claimed, receipt) = suite
        .chain
        .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32);
    assert_eq!(claimed, Ok(750 * ONE));
    let events: Vec<Claimed> = receipt.events_of();
    assert_eq!(
        events,
        vec![Claimed {
            account: id(fan),
            epoch: 0,
            amount: 750 * ONE
        }]
    );
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32)
            .0,
        Err(Error::AlreadyClaimed)
    );
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.pool, &other_fan(), "claim_epochs", vec![0u32])
            .0,
        Ok(250 * ONE)
    );
    assert_eq!(
        (suite.balance(&fan()), suite.balance(&other_fan())),
        (750 * ONE, 250 * ONE)
    );
    assert_eq!(
        suite.supply(),
        1_000 * ONE,
        "supply moved exactly by the emission"
    );
    let minted: u128 = suite.chain.read(&suite.pool, "minted", ());
    assert_eq!(minted, 1_000 * ONE);
}

#[test]
fn a_signed_voucher_is_accepted_once() {
    let mut suite = Suite::new(u128::MAX);
    let key = SecretKey::from_slice(&[0x42; 32]).expect("key");
    let public = key.public_key(&Secp256k1::new()).serialize();
    let mut signer = [0u8; 32];
    Blake2x256::hash(&public, &mut signer);
    suite.grant_attester(AccountId::from(signer));
    let voucher = Voucher {
        contributor: id(fan),
        epoch: 0,
        points: 40,
        reference: [7; 32],
        nonce: 1,
        deadline: GENESIS + 500,
    };
    // The digest a wallet signs: blake2_256 of SCALE((tag, domain, pool, voucher)).
    let mut digest = [0u8; 32];
    Blake2x256::hash(
        &(VOUCHER_TAG, 42u32, suite.pool.id(), &voucher).encode(),
        &mut digest,
    );
    let on_chain: [u8; 32] = suite
        .chain
        .read(&suite.pool, "voucher_digest", voucher.clone());
    assert_eq!(on_chain, digest);
    let (id, compact) = Secp256k1::new()
        .sign_ecdsa_recoverable(&Message::from_digest_slice(&digest).expect("digest"), &key)
        .serialize_compact();
    let mut signature = [0u8; 65];
    signature[..64].copy_from_slice(&compact);
    signature[64] = u8::try_from(id.to_i32()).expect("0 or 1");
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &other_fan(),
                "submit_voucher",
                (voucher.clone(), signature)
            )
            .0,
        Ok(0)
    );
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &other_fan(),
                "submit_voucher",
                (voucher.clone(), signature)
            )
            .0,
        Err(Error::NonceUsed)
    );
    let tampered = Voucher {
        points: 400,
        ..voucher
    };
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &other_fan(),
                "submit_voucher",
                (tampered, signature)
            )
            .0,
        Err(Error::BadSignature)
    );
    suite.chain.set_time(CLAIMABLE);
    assert_eq!(
        suite
            .chain
            .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32)
            .0,
        Ok(1_000 * ONE)
    );
}

#[test]
fn a_token_cap_below_the_schedule_is_a_typed_refusal() {
    let mut suite = Suite::new(100 * ONE);
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &attester(),
                "attest",
                (id(fan), 5u128, [1u8; 32])
            )
            .0,
        Ok(0)
    );
    suite.chain.set_time(CLAIMABLE);
    let (result, receipt) = suite
        .chain
        .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32);
    assert_eq!(
        result,
        Err(Error::Mint(PSP22Error::Custom("Cap exceeded".into())))
    );
    assert!(receipt.events.is_empty());
    assert_eq!(suite.supply(), 0);
    let claimable: u128 = suite.chain.read(&suite.pool, "claimable", (id(fan), 0u32));
    assert_eq!(
        claimable,
        1_000 * ONE,
        "still claimable once the token allows"
    );
}

#[test]
fn claim_gas_is_independent_of_the_number_of_contributors() {
    let mut costs = Vec::new();
    for contributors in [1u32, 100, 1_000] {
        let mut suite = Suite::new(u128::MAX);
        assert_eq!(
            suite
                .chain
                .send::<u64, Error>(
                    &suite.pool,
                    &attester(),
                    "attest",
                    (id(fan), 7u128, [0u8; 32])
                )
                .0,
            Ok(0)
        );
        let others: Vec<(AccountId, u128, [u8; 32])> = (1..contributors)
            .map(|n| {
                let mut seed = [0xD0u8; 32];
                seed[..4].copy_from_slice(&n.to_le_bytes());
                (AccountId::from(seed), 3u128, [0u8; 32])
            })
            .collect();
        for batch in others.chunks(mining_pool::MAX_BATCH) {
            assert!(suite
                .chain
                .send::<u64, Error>(&suite.pool, &attester(), "attest_batch", batch.to_vec())
                .0
                .is_ok());
        }
        let total: u128 = suite.chain.read(&suite.pool, "epoch_total", 0u32);
        assert_eq!(total, 7 + 3 * u128::from(contributors - 1));
        suite.chain.set_time(CLAIMABLE);
        let (claimed, receipt) =
            suite
                .chain
                .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32);
        assert!(claimed.expect("claim") > 0);
        costs.push((contributors, receipt.gas));
    }
    println!("mining_pool claim(epoch):");
    println!(
        "{:>12} {:>14} {:>12}",
        "contributors", "ref_time", "proof_size"
    );
    for (contributors, gas) in &costs {
        println!(
            "{:>12} {:>14} {:>12}",
            contributors,
            gas.ref_time(),
            gas.proof_size()
        );
    }
    let (base_time, base_proof) = (costs[0].1.ref_time() as f64, costs[0].1.proof_size() as f64);
    for (contributors, gas) in &costs {
        assert!(
            (gas.ref_time() as f64 / base_time - 1.0).abs() <= 0.02,
            "{contributors}: ref_time"
        );
        assert!(
            (gas.proof_size() as f64 / base_proof - 1.0).abs() <= 0.02,
            "{contributors}: proof_size"
        );
    }
}

//! The contribution-mining pool with the creator token on the compiled Wasm.

use e2e_tests::{
    actors::{creator, delegate, fan, id, other_fan},
    contribution::{register_project, LeadKey},
    ink_id, AccountId32, Bundle, Chain, Contract,
};
use ink::{
    env::hash::{Blake2x256, CryptoHash},
    primitives::AccountId,
    scale::Encode,
};
use mining_pool::{
    Attested, Claimed, PoolConfig, PoolError as Error, Project, ProjectRegistered, Voucher,
    VOUCHER_TAG,
};
use psp::{AccessControlError, PSP22Error, MINTER};
use secp256k1::{Message, Secp256k1, SecretKey};

const ONE: u128 = 1_000_000_000_000;
const GENESIS: u64 = 1_000;
const EPOCH: u64 = 10_000;
const WINDOW: u64 = 1_000;
/// When epoch 0 becomes claimable.
const CLAIMABLE: u64 = GENESIS + EPOCH + WINDOW;

/// The lead of project [`DOCS`].
fn attester() -> AccountId32 {
    delegate()
}

/// The project [`Suite::new`] registers first: led by [`attester`], 1,000,000 points an epoch.
const DOCS: u32 = 0;

/// A creator token and a standalone pool minting it, with project [`DOCS`].
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
        assert_eq!(suite.register("docs", ink_id(&attester()), 1_000_000), DOCS);
        suite
    }

    /// The creator registers a project led by `lead`.
    fn register(&mut self, uri: &str, lead: AccountId, budget: u128) -> u32 {
        register_project(&mut self.chain, &self.pool, &creator(), uri, lead, budget)
    }

    fn attest(
        &mut self,
        lead: &AccountId32,
        project: u32,
        to: AccountId,
        points: u128,
    ) -> Result<u64, Error> {
        self.chain
            .send::<u64, Error>(&self.pool, lead, "attest", (project, to, points, [1u8; 32]))
            .0
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
                (DOCS, id(fan), 30u128, [1u8; 32])
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
                (DOCS, id(other_fan), 10u128, [2u8; 32])
            )
            .0,
        Ok(1)
    );
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &fan(),
                "attest",
                (DOCS, id(fan), 10u128, [3u8; 32])
            )
            .0,
        Err(Error::NotProjectLead)
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
    let translations = suite.register("translations", AccountId::from(signer), 1_000);
    let voucher = Voucher {
        project: translations,
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
                (DOCS, id(fan), 5u128, [1u8; 32])
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
                    (DOCS, id(fan), 7u128, [0u8; 32])
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
                .send::<u64, Error>(
                    &suite.pool,
                    &attester(),
                    "attest_batch",
                    (DOCS, batch.to_vec())
                )
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

#[test]
fn a_project_s_lead_attests_within_its_budget_and_a_stranger_is_refused() {
    let mut suite = Suite::new(u128::MAX);
    let art_lead = other_fan();
    let (registered, receipt) = suite.chain.send::<u32, Error>(
        &suite.pool,
        &creator(),
        "register_project",
        (
            String::from("ipfs://art-contest"),
            ink_id(&art_lead),
            50u128,
        ),
    );
    let art = registered.expect("register");
    assert_eq!(
        receipt.events_of::<ProjectRegistered>(),
        vec![ProjectRegistered {
            id: art,
            lead: ink_id(&art_lead),
            budget: 50,
            uri: "ipfs://art-contest".into()
        }]
    );
    let project: Option<Project> = suite.chain.read(&suite.pool, "project", art);
    assert_eq!(
        project.map(|p| (p.lead, p.budget, p.active)),
        Some((ink_id(&art_lead), 50, true))
    );
    let count: u32 = suite.chain.read(&suite.pool, "project_count", ());
    assert_eq!(count, 2);
    // Strangers, the creator and the other project's lead are refused.
    for stranger in [fan(), creator(), attester()] {
        assert_eq!(
            suite.attest(&stranger, art, id(fan), 1),
            Err(Error::NotProjectLead)
        );
    }
    assert_eq!(
        suite.attest(&art_lead, DOCS, id(fan), 1),
        Err(Error::NotProjectLead)
    );
    assert_eq!(
        suite.attest(&art_lead, 9, id(fan), 1),
        Err(Error::UnknownProject)
    );
    // The lead attests within the budget, and the attestation names its project.
    let (attested, receipt) = suite.chain.send::<u64, Error>(
        &suite.pool,
        &art_lead,
        "attest",
        (art, id(fan), 30u128, [5u8; 32]),
    );
    assert_eq!(attested, Ok(0));
    assert_eq!(
        receipt.events_of::<Attested>(),
        vec![Attested {
            id: 0,
            project: art,
            attester: ink_id(&art_lead),
            contributor: id(fan),
            epoch: 0,
            points: 30,
            reference: [5; 32]
        }]
    );
    assert_eq!(
        suite.attest(&art_lead, art, id(delegate), 21),
        Err(Error::OverProjectBudget)
    );
    assert_eq!(suite.attest(&art_lead, art, id(delegate), 20), Ok(1));
    assert_eq!(suite.attest(&attester(), DOCS, id(fan), 70), Ok(2));
    let used: u128 = suite.chain.read(&suite.pool, "project_used", (art, 0u32));
    assert_eq!(used, 50);
    let attestation: Option<mining_pool::Attestation> =
        suite.chain.read(&suite.pool, "attestation", 1u64);
    assert_eq!(
        attestation.map(|a| (a.project, a.contributor)),
        Some((art, id(delegate)))
    );
    // Closed, the project takes no more.
    assert_eq!(
        suite
            .chain
            .send::<(), Error>(
                &suite.pool,
                &creator(),
                "update_project",
                (art, ink_id(&art_lead), 100u128, false)
            )
            .0,
        Ok(())
    );
    assert_eq!(
        suite.attest(&art_lead, art, id(fan), 1),
        Err(Error::ProjectClosed)
    );
    // Its points are claimable after the epoch, pro rata with the other project's.
    suite.chain.set_time(CLAIMABLE);
    let claimed = suite
        .chain
        .send::<u128, Error>(&suite.pool, &fan(), "claim", 0u32)
        .0;
    assert_eq!(claimed, Ok(1_000 * ONE * 100 / 120));
}

/// The voucher CLI's output, for `args`, run on `suri`'s key.
fn voucher_cli(args: &[&str]) -> serde_json::Value {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_voucher"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "voucher CLI failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

fn unhex(text: &str) -> Vec<u8> {
    let digits = text.strip_prefix("0x").expect("0x");
    (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The voucher CLI's arguments for a 40-point voucher in epoch 0 (domain 42).
struct CliVoucher {
    pool: String,
    project: String,
    contributor: String,
    deadline: String,
}

impl CliVoucher {
    /// What the CLI prints for `suri` and `nonce` (and `extra` options), and the voucher and
    /// signature its `args` decode to.
    fn sign(
        &self,
        suri: &str,
        nonce: &str,
        extra: &[&str],
    ) -> (serde_json::Value, Voucher, [u8; 65]) {
        let mut args = vec![
            "--suri",
            suri,
            "--pool",
            &self.pool,
            "--domain",
            "42",
            "--project",
            &self.project,
            "--contributor",
            &self.contributor,
            "--epoch",
            "0",
            "--points",
            "40",
            "--nonce",
            nonce,
            "--deadline",
            &self.deadline,
        ];
        args.extend_from_slice(extra);
        let printed = voucher_cli(&args);
        let (voucher, signature) =
            ink::scale::Decode::decode(&mut &unhex(printed["args"].as_str().expect("args"))[..])
                .expect("the arguments of submit_voucher");
        (printed, voucher, signature)
    }
}

#[test]
fn the_voucher_cli_signs_what_the_pool_accepts() {
    let mut suite = Suite::new(u128::MAX);
    let lead = LeadKey::from_suri("//Alice").expect("dev key");
    let project = suite.register("translations", lead.account(), 1_000);
    let pool = format!("0x{}", e2e_tests::hex(suite.pool.id().as_ref()));
    let fan_ss58 = {
        use sp_core::crypto::Ss58Codec;
        sp_core::crypto::AccountId32::from(*AsRef::<[u8; 32]>::as_ref(&id(fan))).to_ss58check()
    };
    let cli = CliVoucher {
        pool,
        project: project.to_string(),
        contributor: fan_ss58,
        deadline: (GENESIS + 500).to_string(),
    };
    let (signed, voucher, signature) =
        cli.sign("//Alice", "7", &["--evidence", "https://example.org/pr/17"]);
    assert_eq!(
        signed["signer_hex"],
        format!("0x{}", e2e_tests::hex(lead.account().as_ref()))
    );
    assert_eq!(
        (voucher.contributor, voucher.points, voucher.nonce),
        (id(fan), 40, 7)
    );
    let digest: [u8; 32] = suite
        .chain
        .read(&suite.pool, "voucher_digest", voucher.clone());
    assert_eq!(signed["digest"], format!("0x{}", e2e_tests::hex(&digest)));
    let (recorded, receipt) = suite.chain.send::<u64, Error>(
        &suite.pool,
        &other_fan(),
        "submit_voucher",
        (voucher.clone(), signature),
    );
    assert_eq!(recorded, Ok(0));
    let attested: Vec<Attested> = receipt.events_of();
    assert_eq!(
        attested.first().map(|e| (e.project, e.attester)),
        Some((voucher.project, lead.account()))
    );
    // A voucher the CLI signs with a key that does not lead the project is refused.
    let (_, voucher, signature) = cli.sign("//Bob", "8", &[]);
    assert_eq!(
        suite
            .chain
            .send::<u64, Error>(
                &suite.pool,
                &other_fan(),
                "submit_voucher",
                (voucher, signature)
            )
            .0,
        Err(Error::BadSignature)
    );
    // Bad input is answered in words, with a non-zero exit.
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_voucher"))
        .args(["--suri", "//Alice", "--pool", "nonsense"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--pool: not an SS58 or 0x address"));
}

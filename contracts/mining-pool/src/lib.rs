//! # Contribution-mining pool
//!
//! "Mining" a creator's token by contributing to the community instead of hashing. Attesters
//! record contribution points per epoch; each epoch's emission (halving on a fixed schedule,
//! under a hard cap) is minted to its contributors pro rata, claimed by pull in O(1).
//!
//! * Epochs are `epoch_length` ms long from `genesis`. Emission: see [`schedule::Schedule`];
//!   an epoch with no points mints nothing (left unminted, never carried), so everything ever
//!   minted is at most the schedule and at most the cap.
//! * Attesters (`ATTESTER` role) call `attest` / `attest_batch` for the current epoch, or sign
//!   vouchers off chain that anyone submits with `submit_voucher` (secp256k1 signatures as
//!   Polkadot.js `ecdsa` keys make them: over `blake2_256` of the SCALE encoding of
//!   `(b"creator-mining-voucher", domain, pool address, voucher)`; the signer's account is
//!   `blake2_256` of its compressed public key, as for Substrate `ecdsa` accounts).
//! * Anti-sybil: a per-account cap on points per epoch; a per-attester budget per epoch.
//! * Dispute window: an epoch's points are claimable `dispute_window` ms after the epoch ends;
//!   until then the admin can void an attestation (with a reason).
//! * Claims mint through the creator token's `PSP22Mintable::mint` (the pool needs its
//!   `MINTER` role). If the token refuses (its own cap is lower than the pool's), the claim
//!   fails with a typed error and can be retried; nothing is lost or double counted.
#![cfg_attr(not(feature = "std"), no_std, no_main)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod schedule;

pub use types::*;

/// Most attestations in one `attest_batch`.
pub const MAX_BATCH: usize = 64;
/// Most epochs in one `claim_epochs`.
pub const MAX_CLAIM_EPOCHS: usize = 32;
/// The role that may attest contributions: `ink::selector_id!("ATTESTER")`.
pub const ATTESTER: psp::RoleType = ink::selector_id!("ATTESTER");
/// Domain tag of signed vouchers.
pub const VOUCHER_TAG: &[u8] = b"creator-mining-voucher";

mod types {
    // parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
    #![allow(clippy::cast_possible_truncation)]
    use ink::primitives::AccountId;
    use psp::PSP22Error;

    /// Why a pool message was refused. Every refusal leaves no trace.
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum PoolError {
        /// The caller (or a voucher's signer) lacks the role.
        MissingRole,
        /// Inconsistent configuration (zero epoch length, zero halving interval).
        InvalidConfig,
        /// Zero points.
        ZeroPoints,
        /// The contributor would exceed its points cap for the epoch.
        OverAccountCap,
        /// The attester would exceed its budget for the epoch.
        OverAttesterBudget,
        /// More entries than [`crate::MAX_BATCH`] or epochs than [`crate::MAX_CLAIM_EPOCHS`].
        TooMany,
        /// The epoch is not the current one (points go to the current epoch only), or the
        /// pool has not started.
        WrongEpoch,
        /// The epoch's points are not claimable yet (epoch end plus the dispute window).
        NotClaimableYet,
        /// Already claimed.
        AlreadyClaimed,
        /// No points in that epoch.
        NothingToClaim,
        /// No such attestation.
        UnknownAttestation,
        /// The attestation was already voided.
        AlreadyVoided,
        /// The dispute window of the attestation's epoch is over.
        DisputeWindowOver,
        /// The voucher's signature does not recover to an attester.
        BadSignature,
        /// The voucher's deadline has passed.
        VoucherExpired,
        /// The voucher's nonce was already used by its attester.
        NonceUsed,
        /// The token refused to mint (e.g. its own cap is reached).
        Mint(PSP22Error),
        /// The token could not be called.
        MintCallFailed,
        /// A number does not fit.
        Overflow,
    }

    /// The pool's settings, fixed at construction (limits can change later).
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct PoolConfig {
        /// The creator token the pool mints.
        pub token: AccountId,
        /// Start of epoch 0 (ms).
        pub genesis: u64,
        /// Length of an epoch (ms).
        pub epoch_length: u64,
        /// Emission of epoch 0.
        pub initial_emission: u128,
        /// Epochs between halvings.
        pub halving_interval: u32,
        /// The most the pool may ever mint.
        pub cap: u128,
        /// Most points one account may earn in an epoch.
        pub max_points_per_account: u128,
        /// Most points one attester may hand out in an epoch.
        pub attester_budget: u128,
        /// How long after an epoch ends its points can still be voided (ms).
        pub dispute_window: u64,
        /// Chain or deployment id bound into vouchers.
        pub domain: u32,
    }

    /// A voucher an attester signs off chain.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub struct Voucher {
        pub contributor: AccountId,
        pub epoch: u32,
        pub points: u128,
        /// Hash of the off-chain evidence.
        pub reference: [u8; 32],
        /// Unique per attester.
        pub nonce: u64,
        /// Last timestamp at which the voucher is accepted (ms).
        pub deadline: u64,
    }

    /// One recorded attestation.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Attestation {
        pub attester: AccountId,
        pub contributor: AccountId,
        pub epoch: u32,
        pub points: u128,
        pub voided: bool,
    }

    /// Emitted for every attestation (direct or by voucher).
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Attested {
        #[ink(topic)]
        pub id: u64,
        #[ink(topic)]
        pub attester: AccountId,
        #[ink(topic)]
        pub contributor: AccountId,
        pub epoch: u32,
        pub points: u128,
        /// Hash of the off-chain evidence.
        pub reference: [u8; 32],
    }

    /// Emitted when the admin voids an attestation.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct AttestationVoided {
        #[ink(topic)]
        pub id: u64,
        pub reason: ink::prelude::string::String,
    }

    /// Emitted when a contributor claims minted tokens.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Claimed {
        #[ink(topic)]
        pub account: AccountId,
        pub epoch: u32,
        pub amount: u128,
    }

    /// Emitted when the admin changes the anti-sybil limits.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct LimitsChanged {
        pub max_points_per_account: u128,
        pub attester_budget: u128,
    }
}

#[ink::contract]
mod mining_pool {
    use super::{
        schedule::Schedule, Attestation, AttestationVoided, Attested, Claimed, LimitsChanged,
        PoolConfig, PoolError as Error, Voucher, ATTESTER, MAX_BATCH, MAX_CLAIM_EPOCHS,
        VOUCHER_TAG,
    };
    use ink::{
        env::{
            call::{build_call, ExecutionInput, Selector},
            hash::{Blake2x256, HashOutput},
        },
        prelude::{string::String, vec::Vec},
        scale::Encode,
        storage::{Lazy, Mapping},
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable, Upgraded};
    use psp::{
        AccessControl, AccessControlError, Ownable, OwnableError, Ownership, PSP22Error, RoleType,
        Roles, DEFAULT_ADMIN_ROLE,
    };

    /// An account's points in one epoch and whether it claimed them.
    #[derive(Debug, Default, Clone, Copy)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    struct Contribution {
        points: u128,
        claimed: bool,
    }

    #[ink(storage)]
    pub struct MiningPool {
        token: AccountId,
        genesis: u64,
        epoch_length: u64,
        dispute_window: u64,
        domain: u32,
        schedule: Schedule,
        max_points_per_account: u128,
        attester_budget: u128,
        minted: Balance,
        next_attestation: u64,
        contributions: Mapping<(AccountId, u32), Contribution>,
        epoch_points: Mapping<u32, u128>,
        attester_used: Mapping<(AccountId, u32), u128>,
        attestations: Mapping<u64, Attestation>,
        used_nonces: Mapping<(AccountId, u64), ()>,
        config: Lazy<PoolConfig>,
        ownership: Ownership,
        roles: Roles,
        upgrades: UpgradeTimelock,
    }

    impl MiningPool {
        /// Creates the pool. `admin` gets the admin role (manages attesters, limits and
        /// disputes) and ownership. Refused if the epoch length or halving interval is zero.
        #[ink(constructor)]
        pub fn new(config: PoolConfig, admin: AccountId) -> Result<Self, Error> {
            if config.epoch_length == 0 || config.halving_interval == 0 {
                return Err(Error::InvalidConfig);
            }
            let (ownership, ownership_event) = Ownership::new(admin);
            let mut pool = Self {
                token: config.token,
                genesis: config.genesis,
                epoch_length: config.epoch_length,
                dispute_window: config.dispute_window,
                domain: config.domain,
                schedule: Schedule {
                    initial_emission: config.initial_emission,
                    halving_interval: config.halving_interval,
                    cap: config.cap,
                },
                max_points_per_account: config.max_points_per_account,
                attester_budget: config.attester_budget,
                minted: 0,
                next_attestation: 0,
                contributions: Mapping::default(),
                epoch_points: Mapping::default(),
                attester_used: Mapping::default(),
                attestations: Mapping::default(),
                used_nonces: Mapping::default(),
                config: Lazy::default(),
                ownership,
                roles: Roles::default(),
                upgrades: UpgradeTimelock::default(),
            };
            pool.config.set(&config);
            let event = pool.roles.setup(DEFAULT_ADMIN_ROLE, admin);
            pool.env().emit_event(event);
            pool.env().emit_event(ownership_event);
            Ok(pool)
        }

        // ---- attesting ----

        /// Records `points` for `contributor` in the current epoch, with `reference` (a hash
        /// of the off-chain evidence). `ATTESTER` only. Returns the attestation id.
        #[ink(message)]
        pub fn attest(
            &mut self,
            contributor: AccountId,
            points: u128,
            reference: [u8; 32],
        ) -> Result<u64, Error> {
            let attester = self.env().caller();
            self.ensure_role(ATTESTER, attester)?;
            let epoch = self.current_epoch().ok_or(Error::WrongEpoch)?;
            self.record(attester, contributor, epoch, points, reference)
        }

        /// Records several `(contributor, points, reference)` at once (at most 64).
        /// `ATTESTER` only. Returns the first attestation id.
        #[ink(message)]
        pub fn attest_batch(
            &mut self,
            entries: Vec<(AccountId, u128, [u8; 32])>,
        ) -> Result<u64, Error> {
            let attester = self.env().caller();
            self.ensure_role(ATTESTER, attester)?;
            if entries.len() > MAX_BATCH {
                return Err(Error::TooMany);
            }
            let epoch = self.current_epoch().ok_or(Error::WrongEpoch)?;
            let first = self.next_attestation;
            for (contributor, points, reference) in entries {
                self.record(attester, contributor, epoch, points, reference)?;
            }
            Ok(first)
        }

        /// Records an attester-signed voucher; anyone may submit it. The voucher's epoch must
        /// be the current one, its deadline not passed, its nonce unused by its signer, and
        /// its signer an `ATTESTER`. Returns the attestation id.
        #[ink(message)]
        pub fn submit_voucher(
            &mut self,
            voucher: Voucher,
            signature: [u8; 65],
        ) -> Result<u64, Error> {
            if self.env().block_timestamp() > voucher.deadline {
                return Err(Error::VoucherExpired);
            }
            if Some(voucher.epoch) != self.current_epoch() {
                return Err(Error::WrongEpoch);
            }
            let digest = self.digest(&voucher);
            let public_key = self
                .env()
                .ecdsa_recover(&signature, &digest)
                .map_err(|_| Error::BadSignature)?;
            let mut signer = <Blake2x256 as HashOutput>::Type::default();
            ink::env::hash_bytes::<Blake2x256>(&public_key, &mut signer);
            let attester = AccountId::from(signer);
            if !self.roles.has(ATTESTER, attester) {
                return Err(Error::BadSignature);
            }
            if self.used_nonces.contains((attester, voucher.nonce)) {
                return Err(Error::NonceUsed);
            }
            self.used_nonces.insert((attester, voucher.nonce), &());
            self.record(
                attester,
                voucher.contributor,
                voucher.epoch,
                voucher.points,
                voucher.reference,
            )
        }

        /// The 32-byte digest an attester signs for `voucher` (what Polkadot.js `ecdsa` keys
        /// sign when given the SCALE bytes of `(tag, domain, pool, voucher)`).
        #[ink(message)]
        pub fn voucher_digest(&self, voucher: Voucher) -> [u8; 32] {
            self.digest(&voucher)
        }

        fn digest(&self, voucher: &Voucher) -> [u8; 32] {
            let payload = (VOUCHER_TAG, self.domain, self.env().account_id(), voucher).encode();
            let mut digest = <Blake2x256 as HashOutput>::Type::default();
            ink::env::hash_bytes::<Blake2x256>(&payload, &mut digest);
            digest
        }

        /// Voids attestation `id` before its epoch's dispute window closes, with a reason.
        /// Admin only.
        #[ink(message)]
        pub fn void_attestation(&mut self, id: u64, reason: String) -> Result<(), Error> {
            self.ensure_role(DEFAULT_ADMIN_ROLE, self.env().caller())?;
            let mut attestation = self.attestations.get(id).ok_or(Error::UnknownAttestation)?;
            if attestation.voided {
                return Err(Error::AlreadyVoided);
            }
            if self.claimable_from(attestation.epoch)? <= self.env().block_timestamp() {
                return Err(Error::DisputeWindowOver);
            }
            let key = (attestation.contributor, attestation.epoch);
            let mut contribution = self.contributions.get(key).unwrap_or_default();
            // Cannot underflow: the attestation's points are part of both sums.
            contribution.points = contribution.points.saturating_sub(attestation.points);
            self.contributions.insert(key, &contribution);
            let total = self.epoch_total(attestation.epoch);
            self.epoch_points
                .insert(attestation.epoch, &total.saturating_sub(attestation.points));
            attestation.voided = true;
            self.attestations.insert(id, &attestation);
            self.env().emit_event(AttestationVoided { id, reason });
            Ok(())
        }

        // ---- claiming ----

        /// What `account` can claim for `epoch` (0 before the window ends or once claimed).
        #[ink(message)]
        pub fn claimable(&self, account: AccountId, epoch: u32) -> Balance {
            let ready = self
                .claimable_from(epoch)
                .is_ok_and(|from| from <= self.env().block_timestamp());
            match self.contributions.get((account, epoch)) {
                Some(contribution) if ready && !contribution.claimed => {
                    self.schedule
                        .reward(epoch, contribution.points, self.epoch_total(epoch))
                }
                _ => 0,
            }
        }

        /// Mints the caller's reward for `epoch`. Returns the amount.
        #[ink(message)]
        pub fn claim(&mut self, epoch: u32) -> Result<Balance, Error> {
            let account = self.env().caller();
            let amount = self.take_reward(account, epoch)?;
            self.mint(account, amount)?;
            Ok(amount)
        }

        /// Mints the caller's rewards for several epochs (at most 32) in one token call.
        /// Every epoch must be claimable. Returns the total.
        #[ink(message)]
        pub fn claim_epochs(&mut self, epochs: Vec<u32>) -> Result<Balance, Error> {
            if epochs.len() > MAX_CLAIM_EPOCHS {
                return Err(Error::TooMany);
            }
            let account = self.env().caller();
            let mut total: Balance = 0;
            for epoch in epochs {
                let amount = self.take_reward(account, epoch)?;
                total = total.checked_add(amount).ok_or(Error::Overflow)?;
            }
            self.mint(account, total)?;
            Ok(total)
        }

        // ---- views ----

        /// The current epoch, `None` before genesis.
        #[ink(message)]
        pub fn current_epoch(&self) -> Option<u32> {
            let elapsed = self.env().block_timestamp().checked_sub(self.genesis)?;
            u32::try_from(elapsed.checked_div(self.epoch_length)?).ok()
        }

        /// What `epoch` may mint in all (halving schedule, capped).
        #[ink(message)]
        pub fn emission(&self, epoch: u32) -> Balance {
            self.schedule.emission(epoch)
        }

        /// Total points of `epoch`.
        #[ink(message)]
        pub fn epoch_total(&self, epoch: u32) -> u128 {
            self.epoch_points.get(epoch).unwrap_or_default()
        }

        /// `account`'s points in `epoch`.
        #[ink(message)]
        pub fn points_of(&self, account: AccountId, epoch: u32) -> u128 {
            self.contributions
                .get((account, epoch))
                .map(|c| c.points)
                .unwrap_or_default()
        }

        /// Points `attester` handed out in `epoch`.
        #[ink(message)]
        pub fn attester_used(&self, attester: AccountId, epoch: u32) -> u128 {
            self.attester_used
                .get((attester, epoch))
                .unwrap_or_default()
        }

        /// Attestation `id`.
        #[ink(message)]
        pub fn attestation(&self, id: u64) -> Option<Attestation> {
            self.attestations.get(id)
        }

        /// Everything the pool minted so far.
        #[ink(message)]
        pub fn minted(&self) -> Balance {
            self.minted
        }

        /// The configuration the pool was created with.
        #[ink(message)]
        pub fn config(&self) -> Option<PoolConfig> {
            self.config.get()
        }

        /// When `epoch`'s points become claimable (epoch end plus the dispute window, ms).
        #[ink(message)]
        pub fn claimable_at(&self, epoch: u32) -> Option<u64> {
            self.claimable_from(epoch).ok()
        }

        /// Sets the anti-sybil limits for the epochs to come. Admin only.
        #[ink(message)]
        pub fn set_limits(
            &mut self,
            max_points_per_account: u128,
            attester_budget: u128,
        ) -> Result<(), Error> {
            self.ensure_role(DEFAULT_ADMIN_ROLE, self.env().caller())?;
            self.max_points_per_account = max_points_per_account;
            self.attester_budget = attester_budget;
            self.env().emit_event(LimitsChanged {
                max_points_per_account,
                attester_budget,
            });
            Ok(())
        }

        // ---- internals ----

        fn record(
            &mut self,
            attester: AccountId,
            contributor: AccountId,
            epoch: u32,
            points: u128,
            reference: [u8; 32],
        ) -> Result<u64, Error> {
            if points == 0 {
                return Err(Error::ZeroPoints);
            }
            let key = (contributor, epoch);
            let mut contribution = self.contributions.get(key).unwrap_or_default();
            contribution.points = contribution
                .points
                .checked_add(points)
                .filter(|p| *p <= self.max_points_per_account)
                .ok_or(Error::OverAccountCap)?;
            let used = self
                .attester_used(attester, epoch)
                .checked_add(points)
                .filter(|used| *used <= self.attester_budget)
                .ok_or(Error::OverAttesterBudget)?;
            let total = self
                .epoch_total(epoch)
                .checked_add(points)
                .ok_or(Error::Overflow)?;
            self.contributions.insert(key, &contribution);
            self.attester_used.insert((attester, epoch), &used);
            self.epoch_points.insert(epoch, &total);
            let id = self.next_attestation;
            self.next_attestation = id.checked_add(1).ok_or(Error::Overflow)?;
            self.attestations.insert(
                id,
                &Attestation {
                    attester,
                    contributor,
                    epoch,
                    points,
                    voided: false,
                },
            );
            self.env().emit_event(Attested {
                id,
                attester,
                contributor,
                epoch,
                points,
                reference,
            });
            Ok(id)
        }

        /// Marks `account`'s `epoch` claimed and returns its reward.
        fn take_reward(&mut self, account: AccountId, epoch: u32) -> Result<Balance, Error> {
            if self.claimable_from(epoch)? > self.env().block_timestamp() {
                return Err(Error::NotClaimableYet);
            }
            let key = (account, epoch);
            let mut contribution = self.contributions.get(key).ok_or(Error::NothingToClaim)?;
            if contribution.claimed {
                return Err(Error::AlreadyClaimed);
            }
            if contribution.points == 0 {
                return Err(Error::NothingToClaim);
            }
            let amount = self
                .schedule
                .reward(epoch, contribution.points, self.epoch_total(epoch));
            contribution.claimed = true;
            self.contributions.insert(key, &contribution);
            self.env().emit_event(Claimed {
                account,
                epoch,
                amount,
            });
            Ok(amount)
        }

        /// Mints `amount` to `account` through the token; counts it.
        fn mint(&mut self, account: AccountId, amount: Balance) -> Result<(), Error> {
            self.minted = self.minted.checked_add(amount).ok_or(Error::Overflow)?;
            if amount == 0 {
                return Ok(());
            }
            build_call::<Environment>()
                .call(self.token)
                .exec_input(
                    ExecutionInput::new(Selector::new(ink::selector_bytes!("PSP22Mintable::mint")))
                        .push_arg(account)
                        .push_arg(amount),
                )
                .returns::<Result<(), PSP22Error>>()
                .try_invoke()
                .map_err(|_| Error::MintCallFailed)?
                .map_err(|_| Error::MintCallFailed)?
                .map_err(Error::Mint)
        }

        /// End of `epoch` plus the dispute window.
        fn claimable_from(&self, epoch: u32) -> Result<u64, Error> {
            u64::from(epoch)
                .checked_add(1)
                .and_then(|epochs| epochs.checked_mul(self.epoch_length))
                .and_then(|length| length.checked_add(self.genesis))
                .and_then(|end| end.checked_add(self.dispute_window))
                .ok_or(Error::Overflow)
        }

        fn ensure_role(&self, role: RoleType, account: AccountId) -> Result<(), Error> {
            self.roles
                .check(role, account)
                .map_err(|_| Error::MissingRole)
        }
    }

    impl Ownable for MiningPool {
        /// The creator's account, `None` once ownership is renounced.
        #[ink(message)]
        fn owner(&self) -> Option<AccountId> {
            self.ownership.owner()
        }

        /// Gives up ownership for good. Owner only.
        #[ink(message)]
        fn renounce_ownership(&mut self) -> Result<(), OwnableError> {
            let event = self.ownership.renounce(self.env().caller())?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Hands ownership to `new_owner`. Owner only; `None` is refused.
        #[ink(message)]
        fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError> {
            let event = self.ownership.transfer(self.env().caller(), new_owner)?;
            self.env().emit_event(event);
            Ok(())
        }
    }

    impl AccessControl for MiningPool {
        /// Whether `address` has `role` (`ATTESTER` = `selector_id!("ATTESTER")`).
        #[ink(message)]
        fn has_role(&self, role: RoleType, address: Option<AccountId>) -> bool {
            address.is_some_and(|account| self.roles.has(role, account))
        }

        /// The role administering `role`: always `DEFAULT_ADMIN_ROLE` (0).
        #[ink(message)]
        fn get_role_admin(&self, role: RoleType) -> RoleType {
            let _ = role;
            DEFAULT_ADMIN_ROLE
        }

        /// Gives `role` to `account` (e.g. `ATTESTER`). Admin only.
        #[ink(message)]
        fn grant_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.grant(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// Takes `role` from `account`. Admin only.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.revoke(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            let event = self.roles.renounce(self.env().caller(), role, account)?;
            self.env().emit_event(event);
            Ok(())
        }
    }
    #[cfg(test)]
    pub(crate) mod tests {
        use super::*;
        use ink::env::{
            test::{self, DefaultAccounts},
            DefaultEnvironment,
        };
        use psp::testing::emitted as events;
        use secp256k1::{Message, Secp256k1, SecretKey};

        pub fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn set_time(ms: u64) {
            test::set_block_timestamp::<DefaultEnvironment>(ms);
        }

        /// Epochs of 100 ms from t = 1,000; window 50 ms; emission 0 so that claims need no
        /// token (minting is exercised on the compiled Wasm).
        fn config() -> PoolConfig {
            PoolConfig {
                token: AccountId::from([0xAA; 32]),
                genesis: 1_000,
                epoch_length: 100,
                initial_emission: 0,
                halving_interval: 10,
                cap: 1_000_000,
                max_points_per_account: 100,
                attester_budget: 150,
                dispute_window: 50,
                domain: 42,
            }
        }

        /// A pool where bob is an attester, at t = 1,000 (epoch 0).
        fn pool() -> MiningPool {
            set_caller(accounts().alice);
            set_time(1_000);
            let mut pool = MiningPool::new(config(), accounts().alice).expect("config");
            pool.grant_role(ATTESTER, Some(accounts().bob))
                .expect("grant");
            set_caller(accounts().bob);
            pool
        }

        fn sign(pool: &MiningPool, voucher: &Voucher, key: &SecretKey) -> [u8; 65] {
            let digest = pool.voucher_digest(voucher.clone());
            let message = Message::from_digest_slice(&digest).expect("32 bytes");
            let (id, compact) = Secp256k1::new()
                .sign_ecdsa_recoverable(&message, key)
                .serialize_compact();
            let mut signature = [0u8; 65];
            signature[..64].copy_from_slice(&compact);
            signature[64] = id.to_i32() as u8;
            signature
        }

        fn ecdsa_account(key: &SecretKey) -> AccountId {
            let public = key.public_key(&Secp256k1::new()).serialize();
            let mut hash = [0u8; 32];
            ink::env::hash_bytes::<Blake2x256>(&public, &mut hash);
            AccountId::from(hash)
        }

        #[ink::test]
        fn configuration_is_checked_and_kept() {
            set_caller(accounts().alice);
            for bad in [
                PoolConfig {
                    epoch_length: 0,
                    ..config()
                },
                PoolConfig {
                    halving_interval: 0,
                    ..config()
                },
            ] {
                assert!(matches!(
                    MiningPool::new(bad, accounts().alice),
                    Err(Error::InvalidConfig)
                ));
            }
            set_time(999);
            let pool = MiningPool::new(config(), accounts().alice).expect("config");
            assert_eq!(pool.current_epoch(), None, "before genesis");
            assert_eq!(pool.config(), Some(config()));
            assert_eq!(pool.claimable_at(0), Some(1_150));
            set_time(1_250);
            assert_eq!(pool.current_epoch(), Some(2));
        }

        #[ink::test]
        fn attesters_record_points_within_caps_and_budgets() {
            let mut pool = pool();
            let (charlie, django, eve) = (accounts().charlie, accounts().django, accounts().eve);
            assert_eq!(pool.attest(charlie, 60, [1; 32]), Ok(0));
            assert_eq!(
                pool.attest(charlie, 41, [2; 32]),
                Err(Error::OverAccountCap)
            );
            assert_eq!(pool.attest(charlie, 40, [2; 32]), Ok(1));
            assert_eq!(
                pool.attest(django, 51, [3; 32]),
                Err(Error::OverAttesterBudget)
            );
            assert_eq!(pool.attest(django, 0, [3; 32]), Err(Error::ZeroPoints));
            assert_eq!(
                pool.attest_batch(vec![(django, 20, [4; 32]), (eve, 30, [5; 32])]),
                Ok(2)
            );
            assert_eq!(pool.points_of(charlie, 0), 100);
            assert_eq!(pool.epoch_total(0), 150);
            assert_eq!(pool.attester_used(accounts().bob, 0), 150);
            assert_eq!(
                pool.attest_batch(vec![(eve, 1, [6; 32])]),
                Err(Error::OverAttesterBudget)
            );
            assert_eq!(
                pool.attest_batch(vec![(eve, 1, [6; 32]); MAX_BATCH + 1]),
                Err(Error::TooMany)
            );
            // A new epoch brings fresh caps and budgets.
            set_time(1_100);
            assert_eq!(pool.attest(charlie, 100, [7; 32]), Ok(4));
            assert_eq!(pool.points_of(charlie, 1), 100);
            let attested = events::<Attested>();
            assert_eq!(attested.len(), 5);
            assert_eq!(
                attested[0],
                Attested {
                    id: 0,
                    attester: accounts().bob,
                    contributor: charlie,
                    epoch: 0,
                    points: 60,
                    reference: [1; 32]
                }
            );
            set_caller(charlie);
            assert_eq!(pool.attest(charlie, 1, [0; 32]), Err(Error::MissingRole));
            set_time(999);
            set_caller(accounts().bob);
            assert_eq!(pool.attest(charlie, 1, [0; 32]), Err(Error::WrongEpoch));
        }

        #[ink::test]
        fn admin_voids_within_the_dispute_window_only() {
            let mut pool = pool();
            let charlie = accounts().charlie;
            pool.attest(charlie, 60, [1; 32]).expect("attest");
            pool.attest(charlie, 30, [2; 32]).expect("attest");
            assert_eq!(
                pool.void_attestation(0, "spam".into()),
                Err(Error::MissingRole)
            );
            set_caller(accounts().alice);
            set_time(1_149);
            assert_eq!(pool.void_attestation(0, "spam".into()), Ok(()));
            assert_eq!(
                pool.void_attestation(0, "again".into()),
                Err(Error::AlreadyVoided)
            );
            assert_eq!(
                pool.void_attestation(9, "none".into()),
                Err(Error::UnknownAttestation)
            );
            assert_eq!((pool.points_of(charlie, 0), pool.epoch_total(0)), (30, 30));
            assert_eq!(pool.attestation(0).map(|a| a.voided), Some(true));
            set_time(1_150);
            assert_eq!(
                pool.void_attestation(1, "late".into()),
                Err(Error::DisputeWindowOver)
            );
            assert_eq!(
                events::<AttestationVoided>(),
                vec![AttestationVoided {
                    id: 0,
                    reason: "spam".into()
                }]
            );
        }

        #[ink::test]
        fn claims_wait_for_the_window_and_happen_once() {
            let mut pool = pool();
            let charlie = accounts().charlie;
            pool.attest(charlie, 10, [1; 32]).expect("attest");
            set_caller(charlie);
            assert_eq!(pool.claim(0), Err(Error::NotClaimableYet));
            set_time(1_149);
            assert_eq!(pool.claim(0), Err(Error::NotClaimableYet));
            set_time(1_150);
            assert_eq!(pool.claim(1), Err(Error::NotClaimableYet));
            assert_eq!(pool.claim(0), Ok(0), "emission 0 in this unit test");
            assert_eq!(pool.claim(0), Err(Error::AlreadyClaimed));
            set_caller(accounts().django);
            assert_eq!(pool.claim(0), Err(Error::NothingToClaim));
            assert_eq!(
                pool.claim_epochs(vec![0; MAX_CLAIM_EPOCHS + 1]),
                Err(Error::TooMany)
            );
            assert_eq!(events::<Claimed>().len(), 1);
        }

        #[ink::test]
        fn signed_vouchers_are_accepted_once() {
            let mut pool = pool();
            let key = SecretKey::from_slice(&[7u8; 32]).expect("key");
            let attester = ecdsa_account(&key);
            set_caller(accounts().alice);
            pool.grant_role(ATTESTER, Some(attester)).expect("grant");
            let charlie = accounts().charlie;
            let voucher = Voucher {
                contributor: charlie,
                epoch: 0,
                points: 25,
                reference: [9; 32],
                nonce: 1,
                deadline: 1_050,
            };
            let signature = sign(&pool, &voucher, &key);
            set_caller(charlie);
            assert_eq!(pool.submit_voucher(voucher.clone(), signature), Ok(0));
            assert_eq!(pool.attester_used(attester, 0), 25);
            assert_eq!(
                pool.submit_voucher(voucher.clone(), signature),
                Err(Error::NonceUsed)
            );
            let forged = Voucher {
                points: 99,
                nonce: 2,
                ..voucher.clone()
            };
            assert_eq!(
                pool.submit_voucher(forged, signature),
                Err(Error::BadSignature)
            );
            let stranger = SecretKey::from_slice(&[8u8; 32]).expect("key");
            let unknown = Voucher {
                nonce: 3,
                ..voucher.clone()
            };
            let signed_by_stranger = sign(&pool, &unknown, &stranger);
            assert_eq!(
                pool.submit_voucher(unknown, signed_by_stranger),
                Err(Error::BadSignature)
            );
            let next_epoch = Voucher {
                epoch: 1,
                nonce: 4,
                ..voucher.clone()
            };
            let signature = sign(&pool, &next_epoch, &key);
            assert_eq!(
                pool.submit_voucher(next_epoch, signature),
                Err(Error::WrongEpoch)
            );
            set_time(1_051);
            let late = Voucher {
                nonce: 5,
                ..voucher
            };
            let signature = sign(&pool, &late, &key);
            assert_eq!(
                pool.submit_voucher(late, signature),
                Err(Error::VoucherExpired)
            );
            assert_eq!(pool.points_of(charlie, 0), 25);
        }

        #[ink::test]
        fn limits_are_admin_settings() {
            let mut pool = pool();
            assert_eq!(pool.set_limits(1, 1), Err(Error::MissingRole));
            set_caller(accounts().alice);
            assert_eq!(pool.set_limits(5, 500), Ok(()));
            set_caller(accounts().bob);
            assert_eq!(
                pool.attest(accounts().charlie, 6, [0; 32]),
                Err(Error::OverAccountCap)
            );
            assert_eq!(
                events::<LimitsChanged>(),
                vec![LimitsChanged {
                    max_points_per_account: 5,
                    attester_budget: 500
                }]
            );
            assert_eq!(pool.emission(0), 0);
            assert_eq!(pool.minted(), 0);
        }
    }
    impl Upgradeable for MiningPool {
        /// Proposes moving to `code_hash`, executable after 48 hours (fans see it coming).
        /// Admin only; replaces an earlier proposal.
        #[ink(message)]
        fn propose_upgrade(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let event = self
                .upgrades
                .propose(code_hash, self.env().block_timestamp());
            self.env().emit_event(event);
            Ok(())
        }

        /// Moves to the proposed code once its delay has passed; storage stays. Admin only.
        #[ink(message)]
        fn execute_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let code_hash = self.upgrades.take_ready(self.env().block_timestamp())?;
            self.env()
                .set_code_hash(&code_hash)
                .map_err(|_| UpgradeError::SetCodeHashFailed)?;
            self.env().emit_event(Upgraded { code_hash });
            Ok(())
        }

        /// Withdraws the proposed upgrade. Admin only.
        #[ink(message)]
        fn cancel_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| UpgradeError::MissingRole)?;
            let event = self.upgrades.cancel()?;
            self.env().emit_event(event);
            Ok(())
        }

        /// The proposed upgrade and when it can be executed, if any.
        #[ink(message)]
        fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.upgrades.pending()
        }
    }
}

//! # Contribution-mining pool
//!
//! "Mining" a creator's token by contributing to community projects instead of hashing. The
//! pool's projects record contribution points per epoch; each epoch's emission (halving on a
//! fixed schedule, under a hard cap) is minted to its contributors pro rata, claimed by pull in
//! O(1).
//!
//! * Epochs are `epoch_length` ms long from `genesis`. Emission: see [`schedule::Schedule`];
//!   an epoch with no points mints nothing (left unminted, never carried), so everything ever
//!   minted is at most the schedule and at most the cap.
//! * Projects: the admin registers each (a name or URI, a lead, a points budget per epoch) and
//!   can change its lead and budget or close it. Only a project's lead attests for it: with
//!   `attest` / `attest_batch` for the current epoch, or by signing vouchers off chain that
//!   anyone submits with `submit_voucher` (secp256k1 signatures as Polkadot.js `ecdsa` keys
//!   make them; digest and signer: see [`voucher`]; the CLI `e2e-tests/src/bin/voucher.rs`
//!   signs them). Attestations, their events and the views name the project.
//! * Anti-sybil: a per-account cap on points per epoch over all projects; each project's
//!   budget per epoch (the ledger's rules: see [`points`]).
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

pub mod points;
pub mod schedule;
mod store;
mod types;
pub mod voucher;

pub use types::*;

/// Most attestations in one `attest_batch`.
pub const MAX_BATCH: usize = 64;
/// Most epochs in one `claim_epochs`.
pub const MAX_CLAIM_EPOCHS: usize = 32;
/// Longest project name or URI, in bytes.
pub const MAX_PROJECT_URI: usize = 128;
/// Domain tag of signed vouchers.
pub const VOUCHER_TAG: &[u8] = b"creator-mining-voucher";

#[ink::contract]
mod mining_pool {
    use super::{
        points::Limits, voucher, Attestation, AttestationVoided, LimitsChanged, PoolConfig,
        PoolError as Error, Project, ProjectRegistered, ProjectUpdated, Settings, Voucher,
        MAX_BATCH, MAX_CLAIM_EPOCHS, MAX_PROJECT_URI,
    };
    use ink::{
        prelude::{string::String, vec::Vec},
        storage::Mapping,
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable};
    use psp::{
        AccessControl, AccessControlError, Ownable, OwnableError, Ownership, RoleType, Roles,
        DEFAULT_ADMIN_ROLE,
    };

    /// An account's points in one epoch and whether it claimed them.
    #[derive(Debug, Default, Clone, Copy)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub(crate) struct Contribution {
        pub(crate) points: u128,
        pub(crate) claimed: bool,
    }

    /// The fields are `pub(crate)` only so that `store.rs` can hold the internals.
    #[ink(storage)]
    pub struct MiningPool {
        /// The configuration, kept once: `config()` is built from it.
        pub(crate) settings: Settings,
        pub(crate) minted: Balance,
        pub(crate) next_attestation: u64,
        /// Points written only by `update_points` (with `epoch_points` and `project_used`);
        /// `claimed` only by `take_reward`.
        pub(crate) contributions: Mapping<(AccountId, u32), Contribution>,
        pub(crate) epoch_points: Mapping<u32, u128>,
        /// Points a project handed out in an epoch: `(project, epoch)`.
        pub(crate) project_used: Mapping<(u32, u32), u128>,
        pub(crate) projects: Mapping<u32, Project>,
        pub(crate) project_count: u32,
        pub(crate) attestations: Mapping<u64, Attestation>,
        pub(crate) used_nonces: Mapping<(AccountId, u64), ()>,
        pub(crate) ownership: Ownership,
        pub(crate) roles: Roles,
        pub(crate) upgrades: UpgradeTimelock,
    }

    impl MiningPool {
        /// Creates the pool. `admin` gets the admin role (manages projects, the limit and
        /// disputes) and ownership. Refused if the epoch length or halving interval is zero.
        #[ink(constructor)]
        pub fn new(config: PoolConfig, admin: AccountId) -> Result<Self, Error> {
            let settings = Settings::try_from(config)?;
            let (ownership, ownership_event) = Ownership::new(admin);
            let mut pool = Self {
                settings,
                minted: 0,
                next_attestation: 0,
                contributions: Mapping::default(),
                epoch_points: Mapping::default(),
                project_used: Mapping::default(),
                projects: Mapping::default(),
                project_count: 0,
                attestations: Mapping::default(),
                used_nonces: Mapping::default(),
                ownership,
                roles: Roles::default(),
                upgrades: UpgradeTimelock::default(),
            };
            let event = pool.roles.setup(DEFAULT_ADMIN_ROLE, admin);
            pool.env().emit_event(event);
            pool.env().emit_event(ownership_event);
            Ok(pool)
        }

        // ---- projects ----

        /// Registers a project: `uri` (a name or URI, at most 128 bytes), the `lead` who
        /// attests for it, and the most points it may hand out per epoch. Admin only. Returns
        /// the project id (0, 1, ...).
        #[ink(message)]
        pub fn register_project(
            &mut self,
            uri: String,
            lead: AccountId,
            budget: u128,
        ) -> Result<u32, Error> {
            self.ensure_admin(self.env().caller())?;
            if uri.len() > MAX_PROJECT_URI {
                return Err(Error::UriTooLong);
            }
            let id = self.project_count;
            self.project_count = id.checked_add(1).ok_or(Error::Overflow)?;
            let project = Project {
                uri,
                lead,
                budget,
                active: true,
            };
            self.projects.insert(id, &project);
            self.env().emit_event(ProjectRegistered {
                id,
                lead,
                budget,
                uri: project.uri,
            });
            Ok(id)
        }

        /// Changes project `id`'s lead and budget per epoch, or closes (`active` false) or
        /// reopens it. Admin only. Points already recorded stay; a lower budget only stops
        /// new attestations in the current epoch.
        #[ink(message)]
        pub fn update_project(
            &mut self,
            id: u32,
            lead: AccountId,
            budget: u128,
            active: bool,
        ) -> Result<(), Error> {
            self.ensure_admin(self.env().caller())?;
            let mut project = self.projects.get(id).ok_or(Error::UnknownProject)?;
            project.lead = lead;
            project.budget = budget;
            project.active = active;
            self.projects.insert(id, &project);
            self.env().emit_event(ProjectUpdated {
                id,
                lead,
                budget,
                active,
            });
            Ok(())
        }

        // ---- attesting ----

        /// Records `points` for `contributor` to `project` in the current epoch, with
        /// `reference` (a hash of the off-chain evidence). The project's lead only. Returns
        /// the attestation id.
        #[ink(message)]
        pub fn attest(
            &mut self,
            project: u32,
            contributor: AccountId,
            points: u128,
            reference: [u8; 32],
        ) -> Result<u64, Error> {
            let lead = self.lead_of(project, self.env().caller())?;
            let epoch = self.current_epoch().ok_or(Error::WrongEpoch)?;
            self.record(lead, contributor, epoch, points, reference)
        }

        /// Records several `(contributor, points, reference)` to `project` at once (at most
        /// 64). The project's lead only. Returns the first attestation id.
        #[ink(message)]
        pub fn attest_batch(
            &mut self,
            project: u32,
            entries: Vec<(AccountId, u128, [u8; 32])>,
        ) -> Result<u64, Error> {
            let lead = self.lead_of(project, self.env().caller())?;
            if entries.len() > MAX_BATCH {
                return Err(Error::TooMany);
            }
            let epoch = self.current_epoch().ok_or(Error::WrongEpoch)?;
            let first = self.next_attestation;
            for (contributor, points, reference) in entries {
                self.record(lead, contributor, epoch, points, reference)?;
            }
            Ok(first)
        }

        /// Records a voucher signed by the lead of its project; anyone may submit it. The
        /// voucher's epoch must be the current one, its deadline not passed, its nonce unused
        /// by its signer, and its project open. Returns the attestation id.
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
            let signer = voucher::signer(
                &signature,
                &voucher::digest(self.settings.domain, self.env().account_id(), &voucher),
            )?;
            let lead = self
                .lead_of(voucher.project, signer)
                .map_err(|error| match error {
                    Error::NotProjectLead => Error::BadSignature,
                    other => other,
                })?;
            if self.used_nonces.contains((signer, voucher.nonce)) {
                return Err(Error::NonceUsed);
            }
            self.used_nonces.insert((signer, voucher.nonce), &());
            self.record(
                lead,
                voucher.contributor,
                voucher.epoch,
                voucher.points,
                voucher.reference,
            )
        }

        /// The 32-byte digest a project's lead signs for `voucher` (what Polkadot.js `ecdsa`
        /// keys sign when given the SCALE bytes of `(tag, domain, pool, voucher)`).
        #[ink(message)]
        pub fn voucher_digest(&self, voucher: Voucher) -> [u8; 32] {
            voucher::digest(self.settings.domain, self.env().account_id(), &voucher)
        }

        /// Voids attestation `id` before its epoch's dispute window closes, with a reason.
        /// Admin only.
        #[ink(message)]
        pub fn void_attestation(&mut self, id: u64, reason: String) -> Result<(), Error> {
            self.ensure_admin(self.env().caller())?;
            let mut attestation = self.attestations.get(id).ok_or(Error::UnknownAttestation)?;
            if attestation.voided {
                return Err(Error::AlreadyVoided);
            }
            if self.claimable_from(attestation.epoch)? <= self.env().block_timestamp() {
                return Err(Error::DisputeWindowOver);
            }
            let at = (
                attestation.project,
                attestation.contributor,
                attestation.epoch,
            );
            let points = attestation.points;
            self.update_points(at, |tally| Ok(tally.void(points)))?;
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
                    self.reward(epoch, contribution.points)
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
            self.settings.epochs.at(self.env().block_timestamp())
        }

        /// What `epoch` may mint in all (halving schedule, capped).
        #[ink(message)]
        pub fn emission(&self, epoch: u32) -> Balance {
            self.settings.schedule.emission(epoch)
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

        /// Points `project` handed out in `epoch` (of its budget).
        #[ink(message)]
        pub fn project_used(&self, project: u32, epoch: u32) -> u128 {
            self.project_used.get((project, epoch)).unwrap_or_default()
        }

        /// Project `id`: its name or URI, lead, budget per epoch and whether it is open.
        #[ink(message)]
        pub fn project(&self, id: u32) -> Option<Project> {
            self.projects.get(id)
        }

        /// How many projects are registered (ids run from 0).
        #[ink(message)]
        pub fn project_count(&self) -> u32 {
            self.project_count
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

        /// The pool's configuration: as it was created, with the limit in force now (see
        /// `set_limits`). Always `Some`.
        #[ink(message)]
        pub fn config(&self) -> Option<PoolConfig> {
            Some(PoolConfig::from(&self.settings))
        }

        /// When `epoch`'s points become claimable (epoch end plus the dispute window, ms).
        #[ink(message)]
        pub fn claimable_at(&self, epoch: u32) -> Option<u64> {
            self.settings.epochs.claimable_from(epoch)
        }

        /// Sets the most points one account may earn per epoch, over all projects, for new
        /// attestations. Admin only.
        #[ink(message)]
        pub fn set_limits(&mut self, max_points_per_account: u128) -> Result<(), Error> {
            self.ensure_admin(self.env().caller())?;
            self.settings.limits = Limits {
                max_points_per_account,
            };
            self.env().emit_event(LimitsChanged {
                max_points_per_account,
            });
            Ok(())
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
            psp::emit_ok(self.ownership.renounce(self.env().caller()))
        }

        /// Hands ownership to `new_owner`. Owner only; `None` is refused.
        #[ink(message)]
        fn transfer_ownership(&mut self, new_owner: Option<AccountId>) -> Result<(), OwnableError> {
            psp::emit_ok(self.ownership.transfer(self.env().caller(), new_owner))
        }
    }

    impl AccessControl for MiningPool {
        /// Whether `address` has `role` (the pool has one: `DEFAULT_ADMIN_ROLE`).
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

        /// Gives `role` to `account`. Admin only.
        #[ink(message)]
        fn grant_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.grant(self.env().caller(), role, account))
        }

        /// Takes `role` from `account`. Admin only.
        #[ink(message)]
        fn revoke_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.revoke(self.env().caller(), role, account))
        }

        /// The caller gives up its own `role`; `account` must be the caller.
        #[ink(message)]
        fn renounce_role(
            &mut self,
            role: RoleType,
            account: Option<AccountId>,
        ) -> Result<(), AccessControlError> {
            psp::emit_ok(self.roles.renounce(self.env().caller(), role, account))
        }
    }

    impl Upgradeable for MiningPool {
        /// Proposes moving to `code_hash`, executable after 48 hours (fans see it coming).
        /// Admin only; replaces an earlier proposal.
        #[ink(message)]
        fn propose_upgrade(&mut self, code_hash: Hash) -> Result<(), UpgradeError> {
            self.upgrades
                .propose_by(&self.roles, self.env().caller(), code_hash)
        }

        /// Moves to the proposed code once its delay has passed; storage stays. Admin only.
        #[ink(message)]
        fn execute_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.upgrades.execute_by(&self.roles, self.env().caller())
        }

        /// Withdraws the proposed upgrade. Admin only.
        #[ink(message)]
        fn cancel_upgrade(&mut self) -> Result<(), UpgradeError> {
            self.upgrades.cancel_by(&self.roles, self.env().caller())
        }

        /// The proposed upgrade and when it can be executed, if any.
        #[ink(message)]
        fn pending_upgrade(&self) -> Option<PendingUpgrade> {
            self.upgrades.pending()
        }
    }
}

/// The typed reference other contracts instantiate and call this contract through (with the
/// `ink-as-dependency` feature): the factory builds `MiningPoolRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::mining_pool::MiningPoolRef;

// The hot code (`psp::split`): attestations, vouchers and miners' claims.
psp::split_entry_points!(
    mining_pool::MiningPool,
    "attest",
    "submit_voucher",
    "claim",
    "claim_epochs",
);

#[cfg(test)]
mod tests;

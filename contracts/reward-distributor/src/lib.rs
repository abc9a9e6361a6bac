//! # Reward distributor
//!
//! Followers stake the creator token; the creator's profits, in the native currency and in
//! PSP22 tokens, are shared among stakers pro rata to their stake over time, and claimed by
//! pull at a cost independent of the number of stakers. Merkle reward rounds pay an off-chain
//! list of loyal followers.
//!
//! * Rewards: anyone deposits (`deposit_native`, `deposit`), or sends them plainly (the
//!   market's share of every trade's fee, the NFT collection's proceeds): what arrived is
//!   streamed by the next claim of that asset (native or the staking token), native currency
//!   also by every stake and unstake, staking tokens by every stake, and anything by `sync`,
//!   so nobody has to call it for the suite's own flows. Each deposit streams out linearly
//!   over `reward_duration`, so staking just before a deposit and leaving right after earns
//!   only that moment's share. While nothing is staked, streams pause: nothing is lost.
//! * Accounting (see [`accounting`]): one 256-bit reward-per-share accumulator per asset;
//!   every amount rounds down and the dust stays in the contract. At most
//!   [`MAX_REWARD_ASSETS`] assets; the native currency and the staking token are the first two.
//! * Unstaking stops earning at once; with a cooldown the tokens wait in a withdrawal until it
//!   ends. Positions are not transferable.
//! * Rounds: the admin funds a round up front (root, total, asset, deadline); anyone submits
//!   `claim_round` for a listed account, once per leaf (a bitmap); after the deadline the
//!   admin reclaims what is left. Leaves are `blake2_256(blake2_256(SCALE((index, account,
//!   amount))))` (see `psp::merkle`); `e2e-tests`' `merkle-round` tool builds them from a CSV.
//! * Every refusal is a typed [`DistributorError`] and leaves no trace; payouts happen after
//!   the state is updated; ink!'s reentrancy ban stays on.
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

pub mod accounting;
pub mod ledger;
pub mod registry;
pub mod rounds;
mod store;
mod types;

pub use types::*;

/// The most reward assets a distributor pays (bounds `claim_all` and every stake change).
pub const MAX_REWARD_ASSETS: usize = 8;
pub use psp::limits::{MAX_COOLDOWN, MAX_REWARD_DURATION, MIN_REWARD_DURATION};

#[ink::contract]
mod reward_distributor {
    use super::{
        accounting::{Position, Stream},
        registry,
        rounds::{ClaimBitmap, RoundKey},
        Asset, DistributorError as Error, RewardAssetAdded, Round, ScheduleChanged, Staked,
        Unstaked, Withdrawal, Withdrawn,
    };
    // Named in the constructor's docs.
    #[cfg(doc)]
    use super::{MAX_COOLDOWN, MAX_REWARD_DURATION, MIN_REWARD_DURATION};
    use ink::{
        prelude::vec::Vec,
        storage::{Lazy, Mapping},
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable};
    use psp::{
        AccessControl, AccessControlError, Ownable, OwnableError, Ownership, RoleType, Roles,
        DEFAULT_ADMIN_ROLE,
    };

    /// Fields are `pub(crate)` only for `store.rs`, the contract's private state access.
    #[ink(storage)]
    pub struct RewardDistributor {
        pub(crate) staking_token: AccountId,
        /// Written only by `set_stake`.
        pub(crate) total_staked: Balance,
        pub(crate) reward_duration: u64,
        pub(crate) cooldown: u64,
        pub(crate) assets: Lazy<Vec<Asset>>,
        pub(crate) streams: Mapping<Asset, Stream>,
        /// Per asset, everything the contract has received and not paid out: stakes and
        /// withdrawals, unreleased and unclaimed rewards, round balances. What the contract
        /// holds beyond this is new and `sync` streams it. Written only by `set_held`.
        pub(crate) held: Mapping<Asset, Balance>,
        /// Written only by `set_stake`.
        pub(crate) stakes: Mapping<AccountId, Balance>,
        pub(crate) positions: Mapping<(AccountId, Asset), Position>,
        pub(crate) withdrawals: Mapping<AccountId, Withdrawal>,
        pub(crate) rounds: Mapping<u32, Round>,
        pub(crate) next_round: u32,
        pub(crate) claimed_leaves: Mapping<(u32, u32), u128>,
        /// Every root a round was opened with: none is opened twice.
        pub(crate) used_roots: Mapping<[u8; 32], ()>,
        pub(crate) ownership: Ownership,
        pub(crate) roles: Roles,
        pub(crate) upgrades: UpgradeTimelock,
    }

    impl RewardDistributor {
        /// A distributor for stakers of `staking_token`. Deposits stream over
        /// `reward_duration` ms (clamped to one day..=one year, [`MIN_REWARD_DURATION`] and
        /// [`MAX_REWARD_DURATION`]); unstaked tokens wait `cooldown` ms (clamped to 24 h,
        /// [`MAX_COOLDOWN`]; the factory refuses values outside these bounds instead). The
        /// native currency and the staking token are the first reward assets. `admin` gets the
        /// admin role and ownership.
        #[ink(constructor)]
        pub fn new(
            staking_token: AccountId,
            reward_duration: u64,
            cooldown: u64,
            admin: AccountId,
        ) -> Self {
            let (ownership, ownership_event) = Ownership::new(admin);
            let (reward_duration, cooldown) = registry::clamp_schedule(reward_duration, cooldown);
            let mut distributor = Self::empty(staking_token, reward_duration, cooldown, ownership);
            let event = distributor.roles.setup(DEFAULT_ADMIN_ROLE, admin);
            distributor.env().emit_event(event);
            distributor.env().emit_event(ownership_event);
            let assets = [Asset::Native, Asset::Token(staking_token)];
            distributor.assets.set(&assets.to_vec());
            for asset in assets {
                distributor.env().emit_event(RewardAssetAdded { asset });
            }
            distributor
        }

        // ---- staking ----

        /// Stakes `amount` of the staking token, pulled from the caller (approve first).
        /// Rewards earned so far are booked first.
        #[ink(message)]
        pub fn stake(&mut self, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            let account = self.env().caller();
            self.settle_all(account)?;
            let unannounced = self.pull(self.staking_token, account, amount)?;
            self.stream_arrived(Asset::Token(self.staking_token), unannounced)?;
            let stakes = self.stakes_of(account).staked(amount)?;
            self.set_stake(account, stakes);
            self.env().emit_event(Staked { account, amount });
            Ok(())
        }

        /// Unstakes `amount`: it stops earning now. Without a cooldown the tokens come back
        /// at once; otherwise they wait in the caller's withdrawal until the cooldown ends
        /// (a new unstake adds to it and restarts the cooldown).
        #[ink(message)]
        pub fn unstake(&mut self, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            let account = self.env().caller();
            let stakes = self.stakes_of(account).unstaked(amount)?;
            self.settle_all(account)?;
            self.set_stake(account, stakes);
            let now = self.env().block_timestamp();
            let unlock_at = now.saturating_add(self.cooldown);
            self.env().emit_event(Unstaked {
                account,
                amount,
                unlock_at,
            });
            if self.cooldown == 0 {
                return self.pay(Asset::Token(self.staking_token), account, amount);
            }
            let withdrawal = self.withdrawal_of(account).queue(amount, unlock_at)?;
            self.withdrawals.insert(account, &withdrawal);
            Ok(())
        }

        /// Pays out the caller's unstaked tokens once their cooldown is over.
        #[ink(message)]
        pub fn withdraw(&mut self) -> Result<Balance, Error> {
            let account = self.env().caller();
            let withdrawal = self
                .withdrawals
                .get(account)
                .ok_or(Error::NothingToWithdraw)?;
            withdrawal.ensure_unlocked(self.env().block_timestamp())?;
            self.withdrawals.remove(account);
            self.env().emit_event(Withdrawn {
                account,
                amount: withdrawal.amount,
            });
            self.pay(Asset::Token(self.staking_token), account, withdrawal.amount)?;
            Ok(withdrawal.amount)
        }

        /// How much `account` has staked.
        #[ink(message)]
        pub fn stake_of(&self, account: AccountId) -> Balance {
            self.stakes.get(account).unwrap_or_default()
        }

        /// The total staked.
        #[ink(message)]
        pub fn total_staked(&self) -> Balance {
            self.total_staked
        }

        /// `account`'s unstaked tokens waiting for the cooldown.
        #[ink(message)]
        pub fn withdrawal_of(&self, account: AccountId) -> Withdrawal {
            self.withdrawals.get(account).unwrap_or_default()
        }

        /// The staking token.
        #[ink(message)]
        pub fn staking_token(&self) -> AccountId {
            self.staking_token
        }

        // ---- rewards ----

        /// Deposits the native value sent with the call as rewards (it must equal `amount`).
        #[ink(message, payable)]
        pub fn deposit_native(&mut self, amount: Balance) -> Result<(), Error> {
            if self.env().transferred_value() != amount {
                return Err(Error::ValueMismatch);
            }
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            self.ensure_reward_asset(Asset::Native)?;
            let held = self.held_of(Asset::Native).credit(amount)?;
            self.set_held(Asset::Native, held);
            self.stream(Asset::Native, amount)
        }

        /// Deposits `amount` of reward token `token`, pulled from the caller (approve first).
        /// Whatever else arrived unannounced is streamed along.
        #[ink(message)]
        pub fn deposit(&mut self, token: AccountId, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            let asset = Asset::Token(token);
            self.ensure_reward_asset(asset)?;
            let unannounced = self.pull(token, self.env().caller(), amount)?;
            if unannounced > 0 {
                self.set_held(asset, self.held_of(asset).credit(unannounced)?);
            }
            // One stream (one event) for the deposit and what arrived with it.
            self.stream(
                asset,
                amount.checked_add(unannounced).ok_or(Error::Overflow)?,
            )
        }

        /// Streams reward assets that arrived without a deposit call (plain transfers, the
        /// collection's proceeds; claims and stakes do this too). Anyone may call it. Returns
        /// the amount picked up.
        #[ink(message)]
        pub fn sync(&mut self, asset: Asset) -> Result<Balance, Error> {
            self.ensure_reward_asset(asset)?;
            self.pick_up(asset)
        }

        /// What `account` could claim of `asset` right now.
        #[ink(message)]
        pub fn pending(&self, account: AccountId, asset: Asset) -> Balance {
            let position = self.positions.get((account, asset)).unwrap_or_default();
            let now = self.env().block_timestamp();
            let stake = self.stake_of(account);
            position.pending(self.stream_of(asset), now, self.total_staked, stake)
        }

        /// Claims the caller's rewards in `asset`; returns the amount paid (possibly 0).
        #[ink(message)]
        pub fn claim(&mut self, asset: Asset) -> Result<Balance, Error> {
            self.ensure_reward_asset(asset)?;
            let account = self.env().caller();
            self.claim_for(account, asset)
        }

        /// Claims the caller's rewards in every reward asset; returns what each paid.
        #[ink(message)]
        pub fn claim_all(&mut self) -> Result<Vec<(Asset, Balance)>, Error> {
            let account = self.env().caller();
            let mut paid = Vec::new();
            for asset in self.reward_assets() {
                paid.push((asset, self.claim_for(account, asset)?));
            }
            Ok(paid)
        }

        /// The reward assets.
        #[ink(message)]
        pub fn reward_assets(&self) -> Vec<Asset> {
            self.assets.get().unwrap_or_default()
        }

        /// The stream of `asset` (unreleased rewards, end, accumulator).
        #[ink(message)]
        pub fn stream_of(&self, asset: Asset) -> Stream {
            self.streams.get(asset).unwrap_or_default()
        }

        /// Everything the contract owes or holds in `asset` (see `sync`).
        #[ink(message)]
        pub fn held(&self, asset: Asset) -> Balance {
            self.held.get(asset).unwrap_or_default()
        }

        /// The reward duration and the unstaking cooldown (ms).
        #[ink(message)]
        pub fn schedule(&self) -> (u64, u64) {
            (self.reward_duration, self.cooldown)
        }

        // ---- asset registry ----

        /// Adds a PSP22 reward asset. Admin only; at most 8 reward assets.
        #[ink(message)]
        pub fn add_reward_asset(&mut self, token: AccountId) -> Result<(), Error> {
            self.ensure_admin()?;
            let mut assets = self.reward_assets();
            let asset = Asset::Token(token);
            registry::add_asset(&mut assets, asset)?;
            self.assets.set(&assets);
            self.env().emit_event(RewardAssetAdded { asset });
            Ok(())
        }

        /// Sets how long deposits stream (ms, one day to one year) and the unstaking cooldown
        /// (ms, at most 24 h, half the upgrade delay). Admin only. It never acts on what runs:
        /// a running stream never ends earlier, and a waiting withdrawal keeps its unlock time.
        #[ink(message)]
        pub fn set_schedule(&mut self, reward_duration: u64, cooldown: u64) -> Result<(), Error> {
            self.ensure_admin()?;
            registry::check_schedule(reward_duration, cooldown)?;
            self.reward_duration = reward_duration;
            self.cooldown = cooldown;
            self.env().emit_event(ScheduleChanged {
                reward_duration,
                cooldown,
            });
            Ok(())
        }

        // ---- Merkle rounds ----

        /// Opens a round paying `total` of `asset` to the leaves under `root` until
        /// `deadline` (ms), funded now: the native value sent, or `total` pulled from the
        /// caller. Admin only. Each leaf commits to this distributor and to the round's id
        /// (`next_round()`; see `rounds::RoundKey::leaf`), and a root is opened at most once
        /// (`RootUsed`). Returns the round id.
        #[ink(message, payable)]
        pub fn open_round(
            &mut self,
            asset: Asset,
            root: [u8; 32],
            total: Balance,
            deadline: u64,
        ) -> Result<u32, Error> {
            self.ensure_admin()?;
            if self.used_roots.contains(root) {
                return Err(Error::RootUsed);
            }
            let state = Round::open(asset, root, total, deadline, self.env().transferred_value())?;
            match asset {
                Asset::Token(token) => {
                    self.pull(token, self.env().caller(), total)?;
                }
                Asset::Native => self.set_held(asset, self.held_of(asset).credit(total)?),
            }
            let id = self.next_round;
            self.next_round = id.checked_add(1).ok_or(Error::Overflow)?;
            self.rounds.insert(id, &state);
            self.used_roots.insert(root, &());
            psp::emit(state.opened(id));
            Ok(id)
        }

        /// Pays leaf `index` of round `round` (`amount` to `account`) given its Merkle proof.
        /// Anyone may submit it; each leaf pays once, until the deadline.
        #[ink(message)]
        pub fn claim_round(
            &mut self,
            round: u32,
            index: u32,
            account: AccountId,
            amount: Balance,
            proof: Vec<[u8; 32]>,
        ) -> Result<(), Error> {
            let mut state = self.rounds.get(round).ok_or(Error::RoundNotFound)?;
            let slot = ClaimBitmap::slot(index);
            let now = self.env().block_timestamp();
            let key = RoundKey {
                distributor: self.env().account_id(),
                round,
            };
            let word = self.claim_word(round, slot);
            let (word, event) = state.claim(key, now, (index, account, amount), &proof, word)?;
            self.claimed_leaves.insert((round, slot.word), &word.0);
            self.rounds.insert(round, &state);
            psp::emit(event);
            self.pay(state.asset, account, amount)
        }

        /// After the deadline, pays what is left of round `round` to the caller. Admin only.
        #[ink(message)]
        pub fn reclaim_round(&mut self, round: u32) -> Result<Balance, Error> {
            self.ensure_admin()?;
            let mut state = self.rounds.get(round).ok_or(Error::RoundNotFound)?;
            let event = state.reclaim(round, self.env().block_timestamp())?;
            let left = event.amount;
            self.rounds.insert(round, &state);
            psp::emit(event);
            if left > 0 {
                self.pay(state.asset, self.env().caller(), left)?;
            }
            Ok(left)
        }

        /// The id the next opened round gets (leaves are built for it before it opens).
        #[ink(message)]
        pub fn next_round(&self) -> u32 {
            self.next_round
        }

        /// Round `round`, if it exists.
        #[ink(message)]
        pub fn round(&self, round: u32) -> Option<Round> {
            self.rounds.get(round)
        }

        /// Whether leaf `index` of round `round` was paid.
        #[ink(message)]
        pub fn is_claimed(&self, round: u32, index: u32) -> bool {
            let slot = ClaimBitmap::slot(index);
            self.claim_word(round, slot).is_set(slot)
        }
    }

    impl Ownable for RewardDistributor {
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

    impl AccessControl for RewardDistributor {
        /// Whether `address` has `role`.
        #[ink(message)]
        fn has_role(&self, role: RoleType, address: Option<AccountId>) -> bool {
            address.is_some_and(|account| self.roles.has(role, account))
        }

        /// The role administering `role`: always `DEFAULT_ADMIN_ROLE` (0).
        #[ink(message)]
        fn get_role_admin(&self, role: RoleType) -> RoleType {
            // Named `role` (not `_role`) so the metadata keeps the standard argument name.
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

    impl Upgradeable for RewardDistributor {
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
/// `ink-as-dependency` feature): the factory builds `RewardDistributorRef::new(..)`, so a changed
/// constructor is a compile error there.
pub use crate::reward_distributor::RewardDistributorRef;

// The hot code (`psp::split`): staking, reward deposits and claims.
psp::split_entry_points!(
    reward_distributor::RewardDistributor,
    "stake",
    "unstake",
    "withdraw",
    "claim",
    "claim_all",
    "deposit",
    "deposit_native",
    "claim_round",
);

#[cfg(test)]
mod tests;

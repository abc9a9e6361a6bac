//! # Reward distributor
//!
//! Followers stake the creator token; the creator's profits, in the native currency and in
//! PSP22 tokens, are shared among stakers pro rata to their stake over time, and claimed by
//! pull at a cost independent of the number of stakers. Merkle reward rounds pay an off-chain
//! list of loyal followers.
//!
//! * Rewards: anyone deposits (`deposit_native`, `deposit`), or sends tokens plainly and calls
//!   `sync` (the NFT collection's proceeds arrive that way). Each deposit streams out linearly
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

pub use types::*;

/// The most reward assets a distributor pays (bounds `claim_all` and every stake change).
pub const MAX_REWARD_ASSETS: usize = 8;
pub use psp::limits::{MAX_COOLDOWN, MAX_REWARD_DURATION};

/// Public types, outside the contract module so off-chain code can use them.
mod types {
    // parity-scale-codec's enum derive trips `cast_possible_truncation`; see `psp::psp22`.
    #![allow(clippy::cast_possible_truncation)]
    use ink::primitives::AccountId;
    use psp::PSP22Error;

    /// A reward asset: the chain's native currency or a PSP22 token.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Asset {
        /// The chain's native currency.
        Native,
        /// A PSP22 token.
        Token(AccountId),
    }

    /// Why a distributor message was refused. Every refusal leaves no trace.
    #[derive(Debug, PartialEq, Eq, Clone)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    pub enum DistributorError {
        /// The caller lacks the admin role.
        MissingRole,
        /// A zero amount.
        ZeroAmount,
        /// Unstaking more than is staked.
        InsufficientStake,
        /// The asset is not one of the distributor's reward assets.
        UnknownAsset,
        /// The asset is already a reward asset.
        AssetExists,
        /// Already [`crate::MAX_REWARD_ASSETS`] reward assets.
        TooManyAssets,
        /// The withdrawal's cooldown has not ended.
        CooldownNotOver,
        /// No withdrawal is waiting.
        NothingToWithdraw,
        /// The native value sent does not match the amount (or was sent to a token deposit).
        ValueMismatch,
        /// A reward duration of zero or above [`crate::MAX_REWARD_DURATION`].
        InvalidDuration,
        /// The token refused the transfer (e.g. insufficient balance or allowance).
        Token(PSP22Error),
        /// The token could not be called or answered nonsense (or did not move the tokens).
        TokenCallFailed,
        /// The native transfer failed (e.g. below the existential deposit).
        NativeTransferFailed,
        /// No round with this id.
        RoundNotFound,
        /// The round's deadline has passed, or it was reclaimed.
        RoundClosed,
        /// The round is still open; it can be reclaimed after its deadline.
        RoundStillOpen,
        /// The leaf was already claimed.
        AlreadyClaimed,
        /// The Merkle proof does not match the round's root.
        InvalidProof,
        /// The claims would exceed the round's total.
        RoundOverdrawn,
        /// An amount does not fit in a `u128`.
        Overflow,
        /// An unstaking cooldown above [`crate::MAX_COOLDOWN`].
        CooldownTooLong,
    }

    /// A stake on its way out.
    #[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Withdrawal {
        /// Tokens waiting.
        pub amount: u128,
        /// When they can be withdrawn (ms).
        pub unlock_at: u64,
    }

    /// A Merkle reward round.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Round {
        /// What the round pays.
        pub asset: Asset,
        /// Root over `(index, account, amount)` leaves.
        pub root: [u8; 32],
        /// Funded up front.
        pub total: u128,
        /// Paid so far.
        pub claimed: u128,
        /// Last timestamp at which claims are accepted (ms).
        pub deadline: u64,
        /// Whether the admin reclaimed the rest.
        pub reclaimed: bool,
    }

    /// Emitted when an account stakes.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Staked {
        #[ink(topic)]
        pub account: AccountId,
        pub amount: u128,
    }

    /// Emitted when an account unstakes (`unlock_at` is when it can withdraw; now if no
    /// cooldown, and then the tokens were paid back at once).
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Unstaked {
        #[ink(topic)]
        pub account: AccountId,
        pub amount: u128,
        pub unlock_at: u64,
    }

    /// Emitted when an account withdraws unstaked tokens after the cooldown.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct Withdrawn {
        #[ink(topic)]
        pub account: AccountId,
        pub amount: u128,
    }

    /// Emitted when rewards enter a stream (deposit or sync).
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RewardDeposited {
        #[ink(topic)]
        pub asset: Asset,
        pub amount: u128,
        /// When the stream ends.
        pub finish: u64,
    }

    /// Emitted when an account claims rewards.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RewardClaimed {
        #[ink(topic)]
        pub account: AccountId,
        #[ink(topic)]
        pub asset: Asset,
        pub amount: u128,
    }

    /// Emitted when the admin adds a reward asset.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RewardAssetAdded {
        #[ink(topic)]
        pub asset: Asset,
    }

    /// Emitted when the admin changes the reward duration or the unstaking cooldown.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct ScheduleChanged {
        pub reward_duration: u64,
        pub cooldown: u64,
    }

    /// Emitted when the admin opens a round.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RoundOpened {
        #[ink(topic)]
        pub round: u32,
        pub asset: Asset,
        pub root: [u8; 32],
        pub total: u128,
        pub deadline: u64,
    }

    /// Emitted when a round leaf is paid.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RoundClaimed {
        #[ink(topic)]
        pub round: u32,
        #[ink(topic)]
        pub account: AccountId,
        pub index: u32,
        pub amount: u128,
    }

    /// Emitted when the admin reclaims what is left of a round.
    #[ink::event]
    #[derive(Debug, PartialEq, Eq, Clone)]
    pub struct RoundReclaimed {
        #[ink(topic)]
        pub round: u32,
        pub amount: u128,
    }
}

#[ink::contract]
mod reward_distributor {
    use super::{
        accounting::{Position, Stream},
        Asset, DistributorError as Error, RewardAssetAdded, RewardClaimed, RewardDeposited, Round,
        RoundClaimed, RoundOpened, RoundReclaimed, ScheduleChanged, Staked, Unstaked, Withdrawal,
        Withdrawn, MAX_COOLDOWN, MAX_REWARD_ASSETS, MAX_REWARD_DURATION,
    };
    use ink::{
        env::call::{build_call, ExecutionInput, Selector},
        prelude::vec::Vec,
        storage::{Lazy, Mapping},
    };
    use psp::upgrade::{PendingUpgrade, UpgradeError, UpgradeTimelock, Upgradeable, Upgraded};
    use psp::{
        merkle, AccessControl, AccessControlError, Ownable, OwnableError, Ownership, PSP22Error,
        RoleType, Roles, DEFAULT_ADMIN_ROLE,
    };

    #[ink(storage)]
    pub struct RewardDistributor {
        staking_token: AccountId,
        total_staked: Balance,
        reward_duration: u64,
        cooldown: u64,
        assets: Lazy<Vec<Asset>>,
        streams: Mapping<Asset, Stream>,
        /// Per asset, everything the contract has received and not paid out: stakes and
        /// withdrawals, unreleased and unclaimed rewards, round balances. What the contract
        /// holds beyond this is new and `sync` streams it.
        held: Mapping<Asset, Balance>,
        stakes: Mapping<AccountId, Balance>,
        positions: Mapping<(AccountId, Asset), Position>,
        withdrawals: Mapping<AccountId, Withdrawal>,
        rounds: Mapping<u32, Round>,
        next_round: u32,
        claimed_leaves: Mapping<(u32, u32), u128>,
        ownership: Ownership,
        roles: Roles,
        upgrades: UpgradeTimelock,
    }

    impl RewardDistributor {
        /// A distributor for stakers of `staking_token`. Deposits stream over
        /// `reward_duration` ms (clamped to 1..=[`MAX_REWARD_DURATION`]); unstaked tokens wait
        /// `cooldown` ms (clamped to [`MAX_COOLDOWN`]; the factory refuses values outside these
        /// bounds instead). The native
        /// currency and the staking token are the first reward assets. `admin` gets the admin
        /// role and ownership.
        #[ink(constructor)]
        pub fn new(
            staking_token: AccountId,
            reward_duration: u64,
            cooldown: u64,
            admin: AccountId,
        ) -> Self {
            let (ownership, ownership_event) = Ownership::new(admin);
            let mut distributor = Self {
                staking_token,
                total_staked: 0,
                reward_duration: reward_duration.clamp(1, MAX_REWARD_DURATION),
                cooldown: cooldown.min(MAX_COOLDOWN),
                assets: Lazy::default(),
                streams: Mapping::default(),
                held: Mapping::default(),
                stakes: Mapping::default(),
                positions: Mapping::default(),
                withdrawals: Mapping::default(),
                rounds: Mapping::default(),
                next_round: 0,
                claimed_leaves: Mapping::default(),
                ownership,
                roles: Roles::default(),
                upgrades: UpgradeTimelock::default(),
            };
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
            let token = self.staking_token;
            let this = self.env().account_id();
            let held = self.held(Asset::Token(token));
            self.transfer_from(token, account, this, amount)?;
            // Refuse a token that reports success without moving the tokens.
            let expected = held.checked_add(amount).ok_or(Error::Overflow)?;
            if self.token_balance(token, this)? < expected {
                return Err(Error::TokenCallFailed);
            }
            self.held.insert(Asset::Token(token), &expected);
            let stake = self
                .stake_of(account)
                .checked_add(amount)
                .ok_or(Error::Overflow)?;
            self.stakes.insert(account, &stake);
            self.total_staked = self
                .total_staked
                .checked_add(amount)
                .ok_or(Error::Overflow)?;
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
            let stake = self
                .stake_of(account)
                .checked_sub(amount)
                .ok_or(Error::InsufficientStake)?;
            self.settle_all(account)?;
            if stake == 0 {
                self.stakes.remove(account);
            } else {
                self.stakes.insert(account, &stake);
            }
            // Cannot underflow: the total is the sum of all stakes.
            self.total_staked = self.total_staked.saturating_sub(amount);
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
            let waiting = self.withdrawal_of(account).amount;
            let withdrawal = Withdrawal {
                amount: waiting.checked_add(amount).ok_or(Error::Overflow)?,
                unlock_at,
            };
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
            if self.env().block_timestamp() < withdrawal.unlock_at {
                return Err(Error::CooldownNotOver);
            }
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
            let held = self
                .held(Asset::Native)
                .checked_add(amount)
                .ok_or(Error::Overflow)?;
            self.held.insert(Asset::Native, &held);
            self.stream(Asset::Native, amount)
        }

        /// Deposits `amount` of reward token `token`, pulled from the caller (approve first).
        /// Whatever else arrived unannounced is streamed along.
        #[ink(message)]
        pub fn deposit(&mut self, token: AccountId, amount: Balance) -> Result<(), Error> {
            if amount == 0 {
                return Err(Error::ZeroAmount);
            }
            self.ensure_reward_asset(Asset::Token(token))?;
            let this = self.env().account_id();
            self.transfer_from(token, self.env().caller(), this, amount)?;
            // A token that answers Ok without moving the tokens is refused, as in `stake`.
            if self.sync(Asset::Token(token))? < amount {
                return Err(Error::TokenCallFailed);
            }
            Ok(())
        }

        /// Streams reward assets that arrived without a deposit call (plain transfers, the
        /// collection's proceeds). Anyone may call it. Returns the amount picked up.
        #[ink(message)]
        pub fn sync(&mut self, asset: Asset) -> Result<Balance, Error> {
            self.ensure_reward_asset(asset)?;
            let balance = match asset {
                Asset::Native => self.env().balance(),
                Asset::Token(token) => self.token_balance(token, self.env().account_id())?,
            };
            let held = self.held(asset);
            let arrived = balance.saturating_sub(held);
            if arrived > 0 {
                self.held.insert(asset, &balance);
                self.stream(asset, arrived)?;
            }
            Ok(arrived)
        }

        /// What `account` could claim of `asset` right now.
        #[ink(message)]
        pub fn pending(&self, account: AccountId, asset: Asset) -> Balance {
            let mut stream = self.streams.get(asset).unwrap_or_default();
            stream.advance(self.env().block_timestamp(), self.total_staked);
            let mut position = self.positions.get((account, asset)).unwrap_or_default();
            match position.settle(stream.reward_per_share, self.stake_of(account)) {
                Some(()) => position.owed,
                None => 0,
            }
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

        /// Adds a PSP22 reward asset. Admin only; at most 8 reward assets.
        #[ink(message)]
        pub fn add_reward_asset(&mut self, token: AccountId) -> Result<(), Error> {
            self.ensure_admin()?;
            let mut assets = self.reward_assets();
            let asset = Asset::Token(token);
            if assets.contains(&asset) {
                return Err(Error::AssetExists);
            }
            if assets.len() >= MAX_REWARD_ASSETS {
                return Err(Error::TooManyAssets);
            }
            assets.push(asset);
            self.assets.set(&assets);
            self.env().emit_event(RewardAssetAdded { asset });
            Ok(())
        }

        /// Sets how long deposits stream (ms, 1 to one year) and the unstaking cooldown (ms, at
        /// most 30 days). Admin only; running streams and waiting withdrawals keep their end.
        #[ink(message)]
        pub fn set_schedule(&mut self, reward_duration: u64, cooldown: u64) -> Result<(), Error> {
            self.ensure_admin()?;
            if reward_duration == 0 || reward_duration > MAX_REWARD_DURATION {
                return Err(Error::InvalidDuration);
            }
            if cooldown > MAX_COOLDOWN {
                return Err(Error::CooldownTooLong);
            }
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
        /// caller. Admin only. Returns the round id.
        #[ink(message, payable)]
        pub fn open_round(
            &mut self,
            asset: Asset,
            root: [u8; 32],
            total: Balance,
            deadline: u64,
        ) -> Result<u32, Error> {
            self.ensure_admin()?;
            if total == 0 {
                return Err(Error::ZeroAmount);
            }
            let value = self.env().transferred_value();
            match asset {
                Asset::Native if value != total => return Err(Error::ValueMismatch),
                Asset::Token(_) if value != 0 => return Err(Error::ValueMismatch),
                _ => {}
            }
            let held = self.held(asset).checked_add(total).ok_or(Error::Overflow)?;
            if let Asset::Token(token) = asset {
                let this = self.env().account_id();
                self.transfer_from(token, self.env().caller(), this, total)?;
                if self.token_balance(token, this)? < held {
                    return Err(Error::TokenCallFailed);
                }
            }
            self.held.insert(asset, &held);
            let id = self.next_round;
            self.next_round = id.checked_add(1).ok_or(Error::Overflow)?;
            self.rounds.insert(
                id,
                &Round {
                    asset,
                    root,
                    total,
                    claimed: 0,
                    deadline,
                    reclaimed: false,
                },
            );
            self.env().emit_event(RoundOpened {
                round: id,
                asset,
                root,
                total,
                deadline,
            });
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
            if state.reclaimed || self.env().block_timestamp() > state.deadline {
                return Err(Error::RoundClosed);
            }
            let (word, bit) = (index / 128, 1u128 << (index % 128));
            let claimed_bits = self.claimed_leaves.get((round, word)).unwrap_or_default();
            if claimed_bits & bit != 0 {
                return Err(Error::AlreadyClaimed);
            }
            if !merkle::verify(&state.root, merkle::leaf(&(index, account, amount)), &proof) {
                return Err(Error::InvalidProof);
            }
            state.claimed = state
                .claimed
                .checked_add(amount)
                .filter(|claimed| *claimed <= state.total)
                .ok_or(Error::RoundOverdrawn)?;
            self.claimed_leaves
                .insert((round, word), &(claimed_bits | bit));
            self.rounds.insert(round, &state);
            self.env().emit_event(RoundClaimed {
                round,
                account,
                index,
                amount,
            });
            self.pay(state.asset, account, amount)
        }

        /// After the deadline, pays what is left of round `round` to the caller. Admin only.
        #[ink(message)]
        pub fn reclaim_round(&mut self, round: u32) -> Result<Balance, Error> {
            self.ensure_admin()?;
            let mut state = self.rounds.get(round).ok_or(Error::RoundNotFound)?;
            if state.reclaimed {
                return Err(Error::RoundClosed);
            }
            if self.env().block_timestamp() <= state.deadline {
                return Err(Error::RoundStillOpen);
            }
            let left = state.total.saturating_sub(state.claimed);
            state.reclaimed = true;
            self.rounds.insert(round, &state);
            self.env().emit_event(RoundReclaimed {
                round,
                amount: left,
            });
            if left > 0 {
                self.pay(state.asset, self.env().caller(), left)?;
            }
            Ok(left)
        }

        /// Round `round`, if it exists.
        #[ink(message)]
        pub fn round(&self, round: u32) -> Option<Round> {
            self.rounds.get(round)
        }

        /// Whether leaf `index` of round `round` was paid.
        #[ink(message)]
        pub fn is_claimed(&self, round: u32, index: u32) -> bool {
            let bits = self
                .claimed_leaves
                .get((round, index / 128))
                .unwrap_or_default();
            bits & (1u128 << (index % 128)) != 0
        }

        // ---- internals ----

        /// Adds `amount` (already received and held) to `asset`'s stream.
        fn stream(&mut self, asset: Asset, amount: Balance) -> Result<(), Error> {
            let now = self.env().block_timestamp();
            let mut stream = self.streams.get(asset).unwrap_or_default();
            stream
                .deposit(now, amount, self.reward_duration, self.total_staked)
                .ok_or(Error::Overflow)?;
            self.streams.insert(asset, &stream);
            self.env().emit_event(RewardDeposited {
                asset,
                amount,
                finish: stream.finish,
            });
            Ok(())
        }

        /// Advances `asset`'s stream to now and books what `account` earned.
        fn settle(&mut self, account: AccountId, asset: Asset) -> Result<Position, Error> {
            let mut stream = self.streams.get(asset).unwrap_or_default();
            stream.advance(self.env().block_timestamp(), self.total_staked);
            self.streams.insert(asset, &stream);
            let mut position = self.positions.get((account, asset)).unwrap_or_default();
            position
                .settle(stream.reward_per_share, self.stake_of(account))
                .ok_or(Error::Overflow)?;
            Ok(position)
        }

        /// Books `account`'s earnings in every asset (before its stake changes).
        fn settle_all(&mut self, account: AccountId) -> Result<(), Error> {
            for asset in self.reward_assets() {
                let position = self.settle(account, asset)?;
                self.positions.insert((account, asset), &position);
            }
            Ok(())
        }

        fn claim_for(&mut self, account: AccountId, asset: Asset) -> Result<Balance, Error> {
            let mut position = self.settle(account, asset)?;
            let amount = core::mem::take(&mut position.owed);
            self.positions.insert((account, asset), &position);
            if amount > 0 {
                self.env().emit_event(RewardClaimed {
                    account,
                    asset,
                    amount,
                });
                self.pay(asset, account, amount)?;
            }
            Ok(amount)
        }

        /// Sends `amount` of `asset` to `to` and lowers what is held.
        fn pay(&mut self, asset: Asset, to: AccountId, amount: Balance) -> Result<(), Error> {
            let held = self
                .held(asset)
                .checked_sub(amount)
                .ok_or(Error::Overflow)?;
            self.held.insert(asset, &held);
            match asset {
                Asset::Native => self
                    .env()
                    .transfer(to, amount)
                    .map_err(|_| Error::NativeTransferFailed),
                Asset::Token(token) => self.call_token::<()>(
                    token,
                    ink::selector_bytes!("PSP22::transfer"),
                    (to, amount, Vec::<u8>::new()),
                ),
            }
        }

        fn transfer_from(
            &self,
            token: AccountId,
            from: AccountId,
            to: AccountId,
            amount: Balance,
        ) -> Result<(), Error> {
            self.call_token::<()>(
                token,
                ink::selector_bytes!("PSP22::transfer_from"),
                (from, to, amount, Vec::<u8>::new()),
            )
        }

        fn token_balance(&self, token: AccountId, owner: AccountId) -> Result<Balance, Error> {
            self.ensure_not_self(token)?;
            build_call::<Environment>()
                .call(token)
                .exec_input(
                    ExecutionInput::new(Selector::new(ink::selector_bytes!("PSP22::balance_of")))
                        .push_arg(owner),
                )
                .returns::<Balance>()
                .try_invoke()
                .map_err(|_| Error::TokenCallFailed)?
                .map_err(|_| Error::TokenCallFailed)
        }

        /// Calls a PSP22 message returning `Result<T, PSP22Error>`; every failure is typed.
        fn call_token<T: ink::scale::Decode>(
            &self,
            token: AccountId,
            selector: [u8; 4],
            args: impl ink::scale::Encode,
        ) -> Result<T, Error> {
            self.ensure_not_self(token)?;
            build_call::<Environment>()
                .call(token)
                .exec_input(ExecutionInput::new(Selector::new(selector)).push_arg(args))
                .returns::<Result<T, PSP22Error>>()
                .try_invoke()
                .map_err(|_| Error::TokenCallFailed)?
                .map_err(|_| Error::TokenCallFailed)?
                .map_err(Error::Token)
        }

        /// A token call to the distributor itself would be refused by the runtime as
        /// re-entrance, a trap; answer it as a failed token call instead.
        fn ensure_not_self(&self, token: AccountId) -> Result<(), Error> {
            if token == self.env().account_id() {
                return Err(Error::TokenCallFailed);
            }
            Ok(())
        }

        fn ensure_reward_asset(&self, asset: Asset) -> Result<(), Error> {
            if self.reward_assets().contains(&asset) {
                Ok(())
            } else {
                Err(Error::UnknownAsset)
            }
        }

        fn ensure_admin(&self) -> Result<(), Error> {
            self.roles
                .check(DEFAULT_ADMIN_ROLE, self.env().caller())
                .map_err(|_| Error::MissingRole)
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

    impl AccessControl for RewardDistributor {
        /// Whether `address` has `role`.
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
    impl Upgradeable for RewardDistributor {
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

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::{
            test::{self, DefaultAccounts},
            DefaultEnvironment,
        };
        use psp::merkle::{self, MerkleTree};
        use psp::testing::emitted as events;

        fn accounts() -> DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(account: AccountId) {
            test::set_caller::<DefaultEnvironment>(account);
        }

        fn token() -> AccountId {
            AccountId::from([0xAA; 32])
        }

        fn distributor() -> RewardDistributor {
            set_caller(accounts().alice);
            RewardDistributor::new(token(), 1_000, 0, accounts().alice)
        }

        /// Calls `open_round` with `value` attached, as the runtime would.
        fn open_native_round(
            distributor: &mut RewardDistributor,
            root: [u8; 32],
            total: Balance,
            deadline: u64,
            value: Balance,
        ) -> Result<u32, Error> {
            let contract = test::callee::<DefaultEnvironment>();
            let balance = test::get_account_balance::<DefaultEnvironment>(contract).unwrap_or(0);
            test::set_account_balance::<DefaultEnvironment>(contract, balance + value);
            test::set_value_transferred::<DefaultEnvironment>(value);
            let result = distributor.open_round(Asset::Native, root, total, deadline);
            test::set_value_transferred::<DefaultEnvironment>(0);
            if result.is_err() {
                test::set_account_balance::<DefaultEnvironment>(contract, balance);
            }
            result
        }

        #[ink::test]
        fn constructor_sets_assets_schedule_and_admin() {
            let distributor = distributor();
            assert_eq!(
                distributor.reward_assets(),
                vec![Asset::Native, Asset::Token(token())]
            );
            assert_eq!(distributor.schedule(), (1_000, 0));
            assert_eq!(distributor.staking_token(), token());
            assert_eq!(distributor.total_staked(), 0);
            assert_eq!(distributor.owner(), Some(accounts().alice));
            assert!(distributor.has_role(DEFAULT_ADMIN_ROLE, Some(accounts().alice)));
            assert_eq!(events::<RewardAssetAdded>().len(), 2);
            let zero = RewardDistributor::new(token(), 0, 0, accounts().alice);
            assert_eq!(zero.schedule().0, 1, "a zero duration becomes 1 ms");
        }

        #[ink::test]
        fn admin_manages_assets_and_schedule() {
            let mut distributor = distributor();
            assert_eq!(
                distributor.add_reward_asset(token()),
                Err(Error::AssetExists)
            );
            for n in 0..6u8 {
                assert_eq!(
                    distributor.add_reward_asset(AccountId::from([n; 32])),
                    Ok(())
                );
            }
            assert_eq!(
                distributor.add_reward_asset(AccountId::from([9; 32])),
                Err(Error::TooManyAssets)
            );
            assert_eq!(distributor.reward_assets().len(), MAX_REWARD_ASSETS);
            assert_eq!(distributor.set_schedule(0, 5), Err(Error::InvalidDuration));
            assert_eq!(
                distributor.set_schedule(MAX_REWARD_DURATION + 1, 5),
                Err(Error::InvalidDuration)
            );
            assert_eq!(
                distributor.set_schedule(60_000, MAX_COOLDOWN + 1),
                Err(Error::CooldownTooLong)
            );
            assert_eq!(
                distributor.set_schedule(MAX_REWARD_DURATION, MAX_COOLDOWN),
                Ok(())
            );
            assert_eq!(distributor.set_schedule(60_000, 86_400_000), Ok(()));
            assert_eq!(distributor.schedule(), (60_000, 86_400_000));
            assert_eq!(
                events::<ScheduleChanged>(),
                vec![
                    ScheduleChanged {
                        reward_duration: MAX_REWARD_DURATION,
                        cooldown: MAX_COOLDOWN
                    },
                    ScheduleChanged {
                        reward_duration: 60_000,
                        cooldown: 86_400_000
                    }
                ]
            );
            set_caller(accounts().bob);
            assert_eq!(
                distributor.add_reward_asset(AccountId::from([9; 32])),
                Err(Error::MissingRole)
            );
            assert_eq!(distributor.set_schedule(1, 1), Err(Error::MissingRole));
            assert_eq!(distributor.reclaim_round(0), Err(Error::MissingRole));
            let root = [0; 32];
            assert_eq!(
                distributor.open_round(Asset::Native, root, 1, 1),
                Err(Error::MissingRole)
            );
        }

        #[ink::test]
        fn refusals_before_any_token_call() {
            let mut distributor = distributor();
            let unknown = AccountId::from([0xBB; 32]);
            assert_eq!(distributor.stake(0), Err(Error::ZeroAmount));
            assert_eq!(distributor.unstake(0), Err(Error::ZeroAmount));
            assert_eq!(distributor.unstake(1), Err(Error::InsufficientStake));
            assert_eq!(distributor.withdraw(), Err(Error::NothingToWithdraw));
            assert_eq!(distributor.deposit(token(), 0), Err(Error::ZeroAmount));
            assert_eq!(distributor.deposit(unknown, 5), Err(Error::UnknownAsset));
            assert_eq!(
                distributor.sync(Asset::Token(unknown)),
                Err(Error::UnknownAsset)
            );
            assert_eq!(
                distributor.claim(Asset::Token(unknown)),
                Err(Error::UnknownAsset)
            );
            assert_eq!(distributor.deposit_native(5), Err(Error::ValueMismatch));
            assert_eq!(distributor.deposit_native(0), Err(Error::ZeroAmount));
            assert_eq!(
                distributor.claim_round(0, 0, accounts().bob, 1, vec![]),
                Err(Error::RoundNotFound)
            );
            assert_eq!(distributor.reclaim_round(0), Err(Error::RoundNotFound));
            assert_eq!(
                open_native_round(&mut distributor, [0; 32], 0, 10, 0),
                Err(Error::ZeroAmount)
            );
            assert_eq!(
                open_native_round(&mut distributor, [0; 32], 10, 10, 9),
                Err(Error::ValueMismatch)
            );
            assert_eq!(distributor.pending(accounts().bob, Asset::Native), 0);
        }

        #[ink::test]
        fn native_deposits_stream_and_wait_for_stakers() {
            // Off-chain balances must be at least 1,000,000 (the engine's existential deposit).
            const M: Balance = 1_000_000;
            let mut distributor = distributor();
            let contract = test::callee::<DefaultEnvironment>();
            test::set_account_balance::<DefaultEnvironment>(contract, M);
            test::set_value_transferred::<DefaultEnvironment>(M);
            assert_eq!(distributor.deposit_native(M), Ok(()));
            test::set_value_transferred::<DefaultEnvironment>(0);
            assert_eq!(distributor.held(Asset::Native), M);
            let stream = distributor.stream_of(Asset::Native);
            assert_eq!((stream.remaining, stream.finish), (M, 1_000));
            assert_eq!(
                events::<RewardDeposited>(),
                vec![RewardDeposited {
                    asset: Asset::Native,
                    amount: M,
                    finish: 1_000
                }]
            );
            // Native that arrives by plain transfer is picked up by `sync`.
            test::set_account_balance::<DefaultEnvironment>(contract, 3 * M / 2);
            assert_eq!(distributor.sync(Asset::Native), Ok(M / 2));
            assert_eq!(distributor.sync(Asset::Native), Ok(0));
            assert_eq!(distributor.stream_of(Asset::Native).remaining, 3 * M / 2);
            // Nothing is staked: claims pay nothing and the stream keeps everything.
            test::set_block_timestamp::<DefaultEnvironment>(5_000);
            assert_eq!(distributor.claim(Asset::Native), Ok(0));
            assert_eq!(
                distributor.claim_all(),
                Ok(vec![(Asset::Native, 0), (Asset::Token(token()), 0)])
            );
            assert_eq!(
                distributor.stream_of(Asset::Native).remaining,
                3 * M / 2,
                "carried forward"
            );
        }

        #[ink::test]
        fn merkle_round_pays_each_leaf_once_then_reclaims() {
            let mut distributor = distributor();
            let (alice, bob, charlie) = (accounts().alice, accounts().bob, accounts().charlie);
            let list = [(0u32, bob, 300u128), (1u32, charlie, 200u128)];
            let tree = MerkleTree::new(list.iter().map(merkle::leaf).collect());
            assert_eq!(
                open_native_round(&mut distributor, tree.root(), 600, 2_000, 600),
                Ok(0)
            );
            assert_eq!(distributor.held(Asset::Native), 600);
            let bob_proof = tree.proof(0).expect("proof");
            set_caller(charlie);
            assert_eq!(
                distributor.claim_round(0, 0, bob, 301, bob_proof.clone()),
                Err(Error::InvalidProof)
            );
            assert_eq!(
                distributor.claim_round(0, 1, bob, 300, bob_proof.clone()),
                Err(Error::InvalidProof)
            );
            let before = test::get_account_balance::<DefaultEnvironment>(bob).expect("balance");
            assert_eq!(
                distributor.claim_round(0, 0, bob, 300, bob_proof.clone()),
                Ok(()),
                "anyone submits"
            );
            assert_eq!(
                test::get_account_balance::<DefaultEnvironment>(bob),
                Ok(before + 300)
            );
            assert!(distributor.is_claimed(0, 0) && !distributor.is_claimed(0, 1));
            assert_eq!(
                distributor.claim_round(0, 0, bob, 300, bob_proof),
                Err(Error::AlreadyClaimed)
            );
            set_caller(alice);
            assert_eq!(distributor.reclaim_round(0), Err(Error::RoundStillOpen));
            test::set_block_timestamp::<DefaultEnvironment>(2_001);
            set_caller(charlie);
            assert_eq!(
                distributor.claim_round(0, 1, charlie, 200, tree.proof(1).expect("proof")),
                Err(Error::RoundClosed)
            );
            set_caller(alice);
            assert_eq!(distributor.reclaim_round(0), Ok(300));
            assert_eq!(distributor.reclaim_round(0), Err(Error::RoundClosed));
            assert_eq!(distributor.held(Asset::Native), 0);
            let round = distributor.round(0).expect("round");
            assert_eq!((round.claimed, round.reclaimed), (300, true));
            assert_eq!(
                events::<RoundClaimed>(),
                vec![RoundClaimed {
                    round: 0,
                    account: bob,
                    index: 0,
                    amount: 300
                }]
            );
            assert_eq!(
                events::<RoundReclaimed>(),
                vec![RoundReclaimed {
                    round: 0,
                    amount: 300
                }]
            );
        }

        #[ink::test]
        fn a_round_cannot_pay_more_than_it_holds() {
            let mut distributor = distributor();
            let bob = accounts().bob;
            // A root that promises more than the total funded.
            let list = [(0u32, bob, 400u128), (1u32, bob, 400u128)];
            let tree = MerkleTree::new(list.iter().map(merkle::leaf).collect());
            assert_eq!(
                open_native_round(&mut distributor, tree.root(), 500, 10, 500),
                Ok(0)
            );
            assert_eq!(
                distributor.claim_round(0, 0, bob, 400, tree.proof(0).expect("proof")),
                Ok(())
            );
            assert_eq!(
                distributor.claim_round(0, 1, bob, 400, tree.proof(1).expect("proof")),
                Err(Error::RoundOverdrawn)
            );
            assert_eq!(distributor.held(Asset::Native), 100);
            // High leaf indexes use further bitmap words.
            let list = [(1_000u32, bob, 1u128)];
            let tree = MerkleTree::new(list.iter().map(merkle::leaf).collect());
            assert_eq!(
                open_native_round(&mut distributor, tree.root(), 1, 10, 1),
                Ok(1)
            );
            assert_eq!(distributor.claim_round(1, 1_000, bob, 1, vec![]), Ok(()));
            assert!(distributor.is_claimed(1, 1_000) && !distributor.is_claimed(1, 999));
        }
    }
}

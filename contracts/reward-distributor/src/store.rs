//! The distributor's private state access, beside the messages in `lib.rs`: the only writers
//! of what several messages change (`set_held` for `held`, `set_stake` for the stakes and
//! their total), the one way tokens come in (`pull`) and go out (`pay`), and the glue between
//! storage and the pure rules (`accounting`, `ledger`, `rounds`). The contract's fields are
//! `pub(crate)` only so that this file can hold it; the pure modules never touch storage.

use crate::reward_distributor::RewardDistributor;
use crate::{
    accounting::Position,
    ledger::{self, Held, Stakes},
    rounds::{ClaimBitmap, Slot},
    Asset, DistributorError as Error, RewardClaimed, RewardDeposited,
};
use ink::{
    codegen::Env,
    primitives::AccountId,
    storage::{Lazy, Mapping},
};
use psp::{call, upgrade::UpgradeTimelock, Ownership, Roles, DEFAULT_ADMIN_ROLE};

type Balance = u128;

impl RewardDistributor {
    /// A distributor with nothing staked, held, streamed or opened yet.
    pub(crate) fn empty(
        staking_token: AccountId,
        reward_duration: u64,
        cooldown: u64,
        ownership: Ownership,
    ) -> Self {
        Self {
            staking_token,
            total_staked: 0,
            reward_duration,
            cooldown,
            assets: Lazy::default(),
            streams: Mapping::default(),
            held: Mapping::default(),
            stakes: Mapping::default(),
            positions: Mapping::default(),
            withdrawals: Mapping::default(),
            rounds: Mapping::default(),
            next_round: 0,
            claimed_leaves: Mapping::default(),
            used_roots: Mapping::default(),
            ownership,
            roles: Roles::default(),
            upgrades: UpgradeTimelock::default(),
        }
    }

    /// What is held of `asset`.
    pub(crate) fn held_of(&self, asset: Asset) -> Held {
        Held(self.held(asset))
    }

    /// The only writer of `held`.
    pub(crate) fn set_held(&mut self, asset: Asset, held: Held) {
        self.held.insert(asset, &held.0);
    }

    /// `account`'s stake and the total staked.
    pub(crate) fn stakes_of(&self, account: AccountId) -> Stakes {
        Stakes {
            stake: self.stake_of(account),
            total: self.total_staked,
        }
    }

    /// The only writer of the stakes and their total (settle the account first).
    pub(crate) fn set_stake(&mut self, account: AccountId, stakes: Stakes) {
        if stakes.stake == 0 {
            self.stakes.remove(account);
        } else {
            self.stakes.insert(account, &stakes.stake);
        }
        self.total_staked = stakes.total;
    }

    /// Pulls `amount` of `token` from `from` (approve first) and holds it; returns what had
    /// arrived unannounced before the pull (not held yet: `deposit` streams it, `sync` would).
    /// A token that answers success without moving the tokens is refused: the balance must
    /// grow by `amount` (`ledger::ensure_received`), which still holds when tokens were burned
    /// from the distributor and it holds less than it owes.
    pub(crate) fn pull(
        &mut self,
        token: AccountId,
        from: AccountId,
        amount: Balance,
    ) -> Result<Balance, Error> {
        let this = self.env().account_id();
        let before = call::balance_of(token, this)?;
        call::transfer_from(token, from, this, amount)?;
        ledger::ensure_received(before, call::balance_of(token, this)?, amount)?;
        let held = self.held_of(Asset::Token(token));
        self.set_held(Asset::Token(token), held.credit(amount)?);
        Ok(held.arrived(before))
    }

    /// Sends `amount` of `asset` to `to` and lowers what is held: the one payout path.
    pub(crate) fn pay(
        &mut self,
        asset: Asset,
        to: AccountId,
        amount: Balance,
    ) -> Result<(), Error> {
        let held = self.held_of(asset).debit(amount)?;
        self.set_held(asset, held);
        match asset {
            Asset::Native => self
                .env()
                .transfer(to, amount)
                .map_err(|_| Error::NativeTransferFailed),
            Asset::Token(token) => Ok(call::transfer(token, to, amount)?),
        }
    }

    /// The claim bitmap word of round `round` holding `slot`.
    pub(crate) fn claim_word(&self, round: u32, slot: Slot) -> ClaimBitmap {
        ClaimBitmap(
            self.claimed_leaves
                .get((round, slot.word))
                .unwrap_or_default(),
        )
    }

    /// Adds `amount` (already received and held) to `asset`'s stream.
    pub(crate) fn stream(&mut self, asset: Asset, amount: Balance) -> Result<(), Error> {
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

    /// Holds and streams `arrived` of `asset`, received without a deposit call.
    pub(crate) fn stream_arrived(&mut self, asset: Asset, arrived: Balance) -> Result<(), Error> {
        if arrived == 0 {
            return Ok(());
        }
        self.set_held(asset, self.held_of(asset).credit(arrived)?);
        self.stream(asset, arrived)
    }

    /// Streams what arrived of `asset` without a deposit call and returns it: the native
    /// currency (a host call) on every stake, unstake and native claim, the staking token
    /// (one `balance_of`) on its claims, any asset on `sync`. So plain transfers (the market's
    /// share of every trade's fee, the collection's proceeds) stream without anyone calling
    /// `sync`.
    pub(crate) fn pick_up(&mut self, asset: Asset) -> Result<Balance, Error> {
        let balance = match asset {
            Asset::Native => self.env().balance(),
            Asset::Token(token) => call::balance_of(token, self.env().account_id())?,
        };
        let arrived = self.held_of(asset).arrived(balance);
        self.stream_arrived(asset, arrived)?;
        Ok(arrived)
    }

    /// Books `account`'s earnings in every asset (before its stake changes), after picking up
    /// the native currency that arrived.
    pub(crate) fn settle_all(&mut self, account: AccountId) -> Result<(), Error> {
        self.pick_up(Asset::Native)?;
        for asset in self.reward_assets() {
            let position = self.settle(account, asset)?;
            self.positions.insert((account, asset), &position);
        }
        Ok(())
    }

    /// Pays `account` what it earned in `asset` (after settling it); returns the amount.
    pub(crate) fn claim_for(&mut self, account: AccountId, asset: Asset) -> Result<Balance, Error> {
        // Only the suite's own assets: a reward token the admin added may be broken, and
        // must not stop claims (it streams through `deposit` and `sync`).
        if asset == Asset::Native || asset == Asset::Token(self.staking_token) {
            self.pick_up(asset)?;
        }
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

    /// `UnknownAsset` unless `asset` is a reward asset.
    pub(crate) fn ensure_reward_asset(&self, asset: Asset) -> Result<(), Error> {
        if self.reward_assets().contains(&asset) {
            Ok(())
        } else {
            Err(Error::UnknownAsset)
        }
    }

    /// `MissingRole` unless the caller is an admin (the distributor's own messages; upgrades
    /// check in `UpgradeTimelock`).
    pub(crate) fn ensure_admin(&self) -> Result<(), Error> {
        self.roles
            .check(DEFAULT_ADMIN_ROLE, self.env().caller())
            .map_err(|_| Error::MissingRole)
    }
}

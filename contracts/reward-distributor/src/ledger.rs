//! The distributor's bookkeeping rules, free of storage: what it holds of each asset, how
//! much each account staked, and the unstaked tokens waiting for their cooldown. The contract
//! computes every new value here and writes it through one writer per kind of state
//! (`set_held`, `set_stake`), as OpenZeppelin's `_update`.

use crate::{DistributorError, Withdrawal};

/// What the contract holds of one asset: everything received and not paid out (stakes and
/// withdrawals, unreleased and unclaimed rewards, round balances).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Held(pub u128);

impl Held {
    /// After receiving `amount`; `Overflow` beyond `u128`.
    pub fn credit(self, amount: u128) -> Result<Self, DistributorError> {
        self.0
            .checked_add(amount)
            .map(Self)
            .ok_or(DistributorError::Overflow)
    }

    /// After paying out `amount`; `Overflow` for more than is held (never: every payout was
    /// credited first).
    pub fn debit(self, amount: u128) -> Result<Self, DistributorError> {
        self.0
            .checked_sub(amount)
            .map(Self)
            .ok_or(DistributorError::Overflow)
    }

    /// What a `balance` has beyond what is held: arrived without a deposit call (`sync`).
    pub fn arrived(self, balance: u128) -> u128 {
        balance.saturating_sub(self.0)
    }
}

/// Refuses a token that answered a pull of `amount` with success without moving it: the
/// distributor's balance must have grown by at least `amount` (`TokenCallFailed`). Measured
/// as a difference, so it holds even when the balance fell below what is held (a burn from
/// the distributor), which must not freeze later stakes, deposits and rounds.
pub fn ensure_received(before: u128, after: u128, amount: u128) -> Result<(), DistributorError> {
    match after.checked_sub(before) {
        Some(received) if received >= amount => Ok(()),
        _ => Err(DistributorError::TokenCallFailed),
    }
}

/// One account's stake together with the total staked, so both change as one.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stakes {
    /// The account's stake.
    pub stake: u128,
    /// Everyone's stakes together.
    pub total: u128,
}

impl Stakes {
    /// After the account stakes `amount` more; `Overflow` beyond `u128`.
    pub fn staked(self, amount: u128) -> Result<Self, DistributorError> {
        Ok(Self {
            stake: self
                .stake
                .checked_add(amount)
                .ok_or(DistributorError::Overflow)?,
            total: self
                .total
                .checked_add(amount)
                .ok_or(DistributorError::Overflow)?,
        })
    }

    /// After the account unstakes `amount`; `InsufficientStake` for more than it staked.
    pub fn unstaked(self, amount: u128) -> Result<Self, DistributorError> {
        Ok(Self {
            stake: self
                .stake
                .checked_sub(amount)
                .ok_or(DistributorError::InsufficientStake)?,
            // Cannot underflow: the total is the sum of all stakes, this one included.
            total: self.total.saturating_sub(amount),
        })
    }
}

impl Withdrawal {
    /// After `amount` more is unstaked with a cooldown ending at `unlock_at`: it joins what
    /// waits, and the cooldown restarts for all of it. `Overflow` beyond `u128`.
    pub fn queue(self, amount: u128, unlock_at: u64) -> Result<Self, DistributorError> {
        Ok(Self {
            amount: self
                .amount
                .checked_add(amount)
                .ok_or(DistributorError::Overflow)?,
            unlock_at,
        })
    }

    /// Refuses a withdrawal before its cooldown ends at `unlock_at` (`CooldownNotOver`).
    pub fn ensure_unlocked(&self, now: u64) -> Result<(), DistributorError> {
        if now < self.unlock_at {
            return Err(DistributorError::CooldownNotOver);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn held_credits_and_debits_with_checked_arithmetic() {
        let held = Held(10).credit(5).expect("credit");
        assert_eq!(held, Held(15));
        assert_eq!(held.debit(15), Ok(Held(0)));
        assert_eq!(held.debit(16), Err(DistributorError::Overflow));
        assert_eq!(Held(u128::MAX).credit(1), Err(DistributorError::Overflow));
        assert_eq!(Held(u128::MAX).credit(0), Ok(Held(u128::MAX)));
    }

    #[test]
    fn what_arrived_is_the_balance_beyond_what_is_held() {
        assert_eq!(Held(100).arrived(150), 50);
        assert_eq!(Held(100).arrived(100), 0);
        assert_eq!(Held(100).arrived(40), 0, "a shortfall is not an arrival");
        // Crediting the arrival makes what is held the balance again.
        assert_eq!(Held(100).credit(Held(100).arrived(150)), Ok(Held(150)));
    }

    #[test]
    fn a_pull_must_grow_the_balance_by_its_amount() {
        assert_eq!(ensure_received(100, 150, 50), Ok(()));
        assert_eq!(
            ensure_received(100, 160, 50),
            Ok(()),
            "growing by more is fine"
        );
        assert_eq!(
            ensure_received(100, 100, 50),
            Err(DistributorError::TokenCallFailed),
            "Ok without moving"
        );
        assert_eq!(
            ensure_received(100, 149, 50),
            Err(DistributorError::TokenCallFailed)
        );
        assert_eq!(
            ensure_received(100, 90, 50),
            Err(DistributorError::TokenCallFailed),
            "the balance fell"
        );
        // A deficit (held 100, balance burned down to 40) does not matter: only the growth does.
        assert_eq!(Held(100).arrived(40), 0);
        assert_eq!(ensure_received(40, 90, 50), Ok(()));
    }

    #[test]
    fn stakes_move_with_the_total() {
        let start = Stakes {
            stake: 5,
            total: 12,
        };
        assert_eq!(
            start.staked(3),
            Ok(Stakes {
                stake: 8,
                total: 15
            })
        );
        assert_eq!(start.unstaked(5), Ok(Stakes { stake: 0, total: 7 }));
        assert_eq!(start.unstaked(6), Err(DistributorError::InsufficientStake));
        let full = Stakes {
            stake: 1,
            total: u128::MAX,
        };
        assert_eq!(full.staked(1), Err(DistributorError::Overflow));
        let whale = Stakes {
            stake: u128::MAX,
            total: u128::MAX,
        };
        assert_eq!(whale.staked(1), Err(DistributorError::Overflow));
    }

    #[test]
    fn a_new_unstake_joins_the_withdrawal_and_restarts_its_cooldown() {
        let waiting = Withdrawal {
            amount: 5,
            unlock_at: 100,
        };
        let joined = waiting.queue(3, 250).expect("queue");
        assert_eq!(
            joined,
            Withdrawal {
                amount: 8,
                unlock_at: 250
            }
        );
        assert_eq!(
            Withdrawal::default().queue(7, 10),
            Ok(Withdrawal {
                amount: 7,
                unlock_at: 10
            })
        );
        let full = Withdrawal {
            amount: u128::MAX,
            unlock_at: 0,
        };
        assert_eq!(full.queue(1, 5), Err(DistributorError::Overflow));
    }

    #[test]
    fn a_withdrawal_unlocks_when_its_cooldown_ends() {
        let waiting = Withdrawal {
            amount: 5,
            unlock_at: 100,
        };
        assert_eq!(
            waiting.ensure_unlocked(99),
            Err(DistributorError::CooldownNotOver)
        );
        assert_eq!(waiting.ensure_unlocked(100), Ok(()));
        assert_eq!(waiting.ensure_unlocked(u64::MAX), Ok(()));
    }

    proptest! {
        /// Whatever the sequence of stakes and unstakes, the total is the sum of the stakes and
        /// a refused change changes nothing.
        #[test]
        fn the_total_is_always_the_sum_of_the_stakes(
            ops in prop::collection::vec((0u8..4, any::<bool>(), 0u128..=u128::MAX / 2), 0..40)
        ) {
            let mut stakes: BTreeMap<u8, u128> = BTreeMap::new();
            let mut total = 0u128;
            for (account, staking, amount) in ops {
                let before = Stakes { stake: stakes.get(&account).copied().unwrap_or(0), total };
                let after = if staking { before.staked(amount) } else { before.unstaked(amount) };
                match after {
                    Ok(after) => {
                        stakes.insert(account, after.stake);
                        total = after.total;
                    }
                    Err(DistributorError::Overflow) => {
                        prop_assert!(staking);
                        prop_assert!(before.total.checked_add(amount).is_none());
                    }
                    Err(error) => {
                        prop_assert_eq!(error, DistributorError::InsufficientStake);
                        prop_assert!(!staking && amount > before.stake);
                    }
                }
                let sum = stakes.values().try_fold(0u128, |sum, s| sum.checked_add(*s));
                prop_assert_eq!(sum, Some(total));
            }
        }
    }
}

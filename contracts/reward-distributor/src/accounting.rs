//! The reward arithmetic, free of storage so it can be tested exhaustively.
//!
//! Each reward asset has a [`Stream`]: deposits are released linearly until `finish`, and every
//! release raises `reward_per_share`, the asset's rewards per staked unit since the beginning,
//! scaled by 2^128 (a 256-bit accumulator: no overflow and no lost precision even with
//! `u128::MAX` staked or 1 unit staked). Each staker's [`Position`] remembers the accumulator at
//! its last settlement; what it earned since is `stake * (now - then) / 2^128`.
//!
//! * Streaming defeats just-in-time staking: a deposit pays out over `duration`, so a staker
//!   who joins right before it and leaves right after earns only its share of that moment.
//! * While nothing is staked the stream pauses (its end moves with the clock), so rewards that
//!   arrive or fall due then are carried forward, not lost.
//! * Releases carry their fraction: what has fallen due is computed from the last deposit's
//!   checkpoint, `floor(amount · elapsed / window)`, so however often anyone touches the stream,
//!   what it released is within one unit of the linear schedule (a release that floored each
//!   touch on its own would defer a small stream to its very end, where a just-in-time staker
//!   takes it).
//! * A deposit never makes the running stream faster and dust barely moves it: the new finish
//!   is the amount-weighted mean of the time left and the deposit's duration, and never earlier
//!   than the current finish.
//! * Rounding is always down: a release floors what it hands out (the rest stays in the stream)
//!   and each settlement floors what a staker earned. The dust stays in the contract.

use psp::math::{mul_div_floor, U256};

/// One reward asset's linear stream and accumulator.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Stream {
    /// Rewards deposited but not yet released.
    pub remaining: u128,
    /// When the stream will have released everything (ms); moves while nothing is staked.
    pub finish: u64,
    /// When the stream last advanced (ms).
    pub last_update: u64,
    /// Rewards released per staked unit since the beginning, times 2^128 (wrapping).
    pub reward_per_share: U256,
    /// What the stream held at its last deposit: `remaining` falls from it to 0 linearly
    /// between `checkpoint_at` and `finish`.
    pub checkpoint_amount: u128,
    /// When the last deposit was made (ms); moves with `finish` while nothing is staked.
    pub checkpoint_at: u64,
}

impl Stream {
    /// Releases what falls due in `(last_update, now]` to `total_staked` staked units.
    /// Returns what was released.
    pub fn advance(&mut self, now: u64, total_staked: u128) -> u128 {
        let start = self.last_update;
        let Some(elapsed) = now.checked_sub(start).filter(|elapsed| *elapsed > 0) else {
            return 0;
        };
        self.last_update = now;
        if self.finish <= start || self.remaining == 0 {
            return 0;
        }
        if total_staked == 0 {
            // Nobody to pay: pause, so what would have been released is carried forward.
            self.finish = self.finish.saturating_add(elapsed);
            self.checkpoint_at = self.checkpoint_at.saturating_add(elapsed);
            return 0;
        }
        // What fell due since the checkpoint, less what was released of it already. The window
        // is > 0 because the stream was active (`checkpoint_at <= start < finish`).
        let due = if now >= self.finish {
            self.checkpoint_amount
        } else {
            let window = self.finish.saturating_sub(self.checkpoint_at);
            let elapsed = now.saturating_sub(self.checkpoint_at);
            mul_div_floor(
                self.checkpoint_amount,
                u128::from(elapsed),
                u128::from(window),
            )
            .unwrap_or(0)
        };
        let released_before = self.checkpoint_amount.saturating_sub(self.remaining);
        let released = due.saturating_sub(released_before).min(self.remaining);
        // `ratio` only fails on a zero divisor, excluded above.
        let per_share = U256::ratio(released, total_staked).unwrap_or_default();
        self.reward_per_share = self.reward_per_share.wrapping_add(per_share);
        self.remaining = self.remaining.saturating_sub(released);
        released
    }

    /// Adds `amount` at `now`: it and whatever is still unreleased stream out until a finish
    /// that is the mean of the time left and `duration` (at least 1 ms), weighted by the
    /// amounts, and never earlier than the current finish. `None` if the total would overflow.
    pub fn deposit(
        &mut self,
        now: u64,
        amount: u128,
        duration: u64,
        total_staked: u128,
    ) -> Option<()> {
        self.advance(now, total_staked);
        let total = self.remaining.checked_add(amount)?;
        let left = if self.remaining == 0 {
            0
        } else {
            self.finish.saturating_sub(now)
        };
        // left + amount · (duration − left) / total lies between `left` and `duration`: a u64.
        let lengthen = duration.max(1).saturating_sub(left);
        let added = mul_div_floor(amount, u128::from(lengthen), total)?;
        let window = left.checked_add(u64::try_from(added).ok()?)?.max(1);
        self.remaining = total;
        self.checkpoint_amount = total;
        self.checkpoint_at = now;
        self.finish = now.checked_add(window)?;
        self.last_update = now;
        Some(())
    }
}

/// A staker's claim on one reward asset.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Position {
    /// The stream's `reward_per_share` at the last settlement.
    pub paid_per_share: U256,
    /// Earned and not yet claimed.
    pub owed: u128,
}

impl Position {
    /// Books what `stake` earned since the last settlement. `None` only if the owed total
    /// would exceed `u128` (impossible while the accumulator reflects real deposits).
    pub fn settle(&mut self, reward_per_share: U256, stake: u128) -> Option<()> {
        let earned = reward_per_share
            .wrapping_sub(self.paid_per_share)
            .mul_shift(stake)?;
        self.owed = self.owed.checked_add(earned)?;
        self.paid_per_share = reward_per_share;
        Some(())
    }

    /// What this position could claim at `now`, changing nothing: `stream` advanced to `now`
    /// with `total_staked` staked, then `stake` settled. 0 where settling would fail.
    pub fn pending(
        mut self,
        mut stream: Stream,
        now: u64,
        total_staked: u128,
        stake: u128,
    ) -> u128 {
        stream.advance(now, total_staked);
        match self.settle(stream.reward_per_share, stake) {
            Some(()) => self.owed,
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settled(stream: &Stream, position: &mut Position, stake: u128) -> u128 {
        position
            .settle(stream.reward_per_share, stake)
            .expect("settle");
        position.owed
    }

    #[test]
    fn a_deposit_streams_linearly_and_completely() {
        let mut stream = Stream::default();
        stream.deposit(1_000, 1_000, 100, 10).expect("deposit");
        assert_eq!(stream.advance(1_010, 10), 100);
        assert_eq!(stream.advance(1_060, 10), 500);
        assert_eq!(stream.advance(5_000, 10), 400, "everything by the end");
        assert_eq!(stream.remaining, 0);
        assert_eq!(stream.advance(6_000, 10), 0);
    }

    #[test]
    fn the_stream_pauses_while_nothing_is_staked() {
        let mut stream = Stream::default();
        stream.deposit(0, 900, 90, 0).expect("deposit");
        assert_eq!(stream.advance(500, 0), 0);
        assert_eq!(stream.finish, 590, "the end moved with the clock");
        assert_eq!(
            stream.advance(530, 3),
            300,
            "a third after a third of the window"
        );
        assert_eq!(stream.advance(10_000, 3), 600);
    }

    #[test]
    fn a_just_in_time_staker_earns_only_its_time_share() {
        let mut stream = Stream::default();
        let (mut loyal, mut sniper) = (Position::default(), Position::default());
        stream.advance(0, 100);
        loyal.settle(stream.reward_per_share, 100).expect("settle");
        // The sniper stakes 100 right before a deposit of 1,000 streamed over 1,000 ms...
        stream.advance(999, 100);
        settled(&stream, &mut loyal, 100);
        sniper.settle(stream.reward_per_share, 0).expect("settle");
        stream.deposit(1_000, 1_000, 1_000, 200).expect("deposit");
        // ... and leaves 10 ms later: it earned half of 1 % of the deposit (5), rounded down
        // (the per-share value 1/20 is not exact in binary).
        stream.advance(1_010, 200);
        let sniped = settled(&stream, &mut sniper, 100);
        stream.advance(2_000, 100);
        let kept = settled(&stream, &mut loyal, 100);
        assert_eq!((sniped, kept), (4, 994));
        assert!(sniped + kept <= 1_000, "never more than deposited");
    }

    #[test]
    fn extreme_stakes_neither_overflow_nor_lose_everything() {
        let mut stream = Stream::default();
        let mut whale = Position::default();
        stream.deposit(0, 1, 10, u128::MAX).expect("deposit");
        stream.advance(10, u128::MAX);
        assert_eq!(
            settled(&stream, &mut whale, u128::MAX),
            0,
            "1 unit among u128::MAX rounds down"
        );
        let mut stream = Stream::default();
        let mut minnow = Position::default();
        stream.deposit(0, u128::MAX, 10, 1).expect("deposit");
        stream.advance(10, 1);
        assert_eq!(
            settled(&stream, &mut minnow, 1),
            u128::MAX,
            "one unit staked earns it all"
        );
    }

    #[test]
    fn deposits_top_up_the_running_stream() {
        let mut stream = Stream::default();
        stream.deposit(0, 100, 100, 1).expect("deposit");
        stream.advance(50, 1);
        stream.deposit(50, 100, 100, 1).expect("deposit");
        // 50 left for 50 ms and 100 new for 100 ms: the finish is their weighted mean,
        // 50 + 100 · 50 / 150 = 83 ms from now.
        assert_eq!((stream.remaining, stream.finish), (150, 133));
        assert_eq!(stream.deposit(60, u128::MAX, 100, 1), None);
    }

    /// L-1 of the security review: 1,500 units of a 0-decimal token over 7 days, the stream
    /// touched every 6 s block. Each hour, what was released is within one unit of linear.
    #[test]
    fn a_stream_touched_every_block_releases_linearly() {
        const WEEK: u64 = 7 * 86_400_000;
        const HOUR: u64 = 3_600_000;
        let mut stream = Stream::default();
        stream.deposit(0, 1_500, WEEK, 10_000).expect("deposit");
        let mut released = 0u128;
        for block in 1..=WEEK / 6_000 {
            let now = block * 6_000;
            released += stream.advance(now, 10_000);
            if now.is_multiple_of(HOUR) {
                let linear = 1_500 * u128::from(now) / u128::from(WEEK);
                assert!(
                    released <= linear && linear - released <= 1,
                    "at hour {}: released {released}, linear {linear}",
                    now / HOUR
                );
            }
        }
        assert_eq!(released, 1_500);
    }

    /// L-2: a 1-unit deposit every block barely moves a large stream's finish.
    #[test]
    fn dust_deposits_barely_stretch_a_stream() {
        let mut stream = Stream::default();
        stream.deposit(0, 1_000_000, 100_000, 1).expect("deposit");
        let mut released = 0;
        for now in (1_000..=100_000).step_by(1_000) {
            released += stream.advance(now, 1);
            stream.deposit(now, 1, 100_000, 1).expect("dust");
        }
        // Restarting the full duration on each deposit would end it at 200,000 ms, having paid
        // about 63 % by 100,000 ms.
        assert!(stream.finish < 101_000, "finish {}", stream.finish);
        assert!(
            released >= 990_000,
            "released {released} of 1,000,000 by 100,000 ms"
        );
    }

    /// M-2: a deposit with a shorter duration never brings the running stream's end forward.
    #[test]
    fn a_shorter_duration_never_speeds_up_a_running_stream() {
        let mut stream = Stream::default();
        stream.deposit(0, 1_000, 1_000, 1).expect("deposit");
        stream.deposit(100, 1, 1, 1).expect("a 1 ms deposit");
        assert_eq!(stream.finish, 1_000, "the finish stays");
        // 901 left over 900 ms: one unit a millisecond, as before the deposit.
        assert_eq!(
            stream.advance(101, 1),
            1,
            "nothing rushes out in the next block"
        );
        assert_eq!(stream.advance(550, 1), 449, "half of the 901 by half time");
    }

    #[test]
    fn pending_is_a_settlement_that_changes_nothing() {
        let mut stream = Stream::default();
        stream.deposit(0, 1_000, 100, 10).expect("deposit");
        let position = Position::default();
        assert_eq!(position.pending(stream, 50, 10, 10), 500);
        assert_eq!(position.pending(stream, 500, 10, 4), 400, "a 4/10 share");
        assert_eq!(
            position.pending(stream, 50, 0, 0),
            0,
            "nothing staked: paused"
        );
        assert_eq!((stream.remaining, position.owed), (1_000, 0), "unchanged");
        let mut settled = position;
        let mut advanced = stream;
        advanced.advance(50, 10);
        settled
            .settle(advanced.reward_per_share, 10)
            .expect("settle");
        assert_eq!(settled.owed, position.pending(stream, 50, 10, 10));
    }
}

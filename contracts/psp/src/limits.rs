//! Bounds shared by a contract and the factory that configures it, so both refuse the same
//! values.

/// The longest a reward deposit may stream (ms): one year. A longer one would lock rewards
/// away from stakers.
pub const MAX_REWARD_DURATION: u64 = 365 * 86_400_000;

/// The longest unstaked tokens may wait before withdrawal (ms): 30 days. Without a bound the
/// distributor's admin could make every later unstake wait forever.
pub const MAX_COOLDOWN: u64 = 30 * 86_400_000;

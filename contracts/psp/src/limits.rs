//! Bounds shared by a contract and the factory that configures it, so both refuse the same
//! values.
//!
//! The rule behind the time bounds: no admin lever may act faster than fans can exit. An
//! upgrade waits [`UPGRADE_DELAY`](crate::upgrade::UPGRADE_DELAY) (48 h); a staker who sees a
//! proposal and unstakes at once must have the tokens back before it can run, so the longest
//! cooldown is half of that delay.

/// The shortest a reward deposit may stream (ms): one day. A shorter one would let whoever
/// stakes for a moment take what arrives (a 1 ms duration released every new deposit in one
/// block to a stake held for one block).
pub const MIN_REWARD_DURATION: u64 = 86_400_000;

/// The longest a reward deposit may stream (ms): one year. A longer one would lock rewards
/// away from stakers.
pub const MAX_REWARD_DURATION: u64 = 365 * 86_400_000;

/// The longest unstaked tokens may wait before withdrawal (ms): 24 hours, half the upgrade
/// delay. A longer one would let the distributor's admin raise it after proposing an upgrade
/// and hold every staker who tries to leave until the new code runs.
pub const MAX_COOLDOWN: u64 = 24 * 3_600_000;

const _: () = assert!(MAX_COOLDOWN < crate::upgrade::UPGRADE_DELAY);
const _: () = assert!(MIN_REWARD_DURATION <= MAX_REWARD_DURATION);

/// Whether `reward_duration` is within [`MIN_REWARD_DURATION`]..=[`MAX_REWARD_DURATION`].
pub fn is_reward_duration(reward_duration: u64) -> bool {
    (MIN_REWARD_DURATION..=MAX_REWARD_DURATION).contains(&reward_duration)
}

/// The longest a pause lasts (ms): 24 hours; it ends by itself.
pub const MAX_PAUSE: u64 = 24 * 3_600_000;

/// How long after a pause ends before the next may start (ms): 24 hours. So a `PAUSER` can
/// stop transfers and sales at most half of the time, and never for longer than
/// [`MAX_PAUSE`] in a row: every holder always gets a full day to sell.
pub const PAUSE_GAP: u64 = 24 * 3_600_000;

/// The most a market may charge on a trade in normal trading, all shares together (creator,
/// stakers, referrer, platform; bps): 10 %. More would make selling back a loss no fan
/// signed up for.
pub const MAX_FEE_BPS: u16 = 1_000;

/// The most the anti-sniping launch fee may start at (bps): 25 %, decaying to the normal fee.
pub const MAX_LAUNCH_FEE_BPS: u16 = 2_500;

/// The longest the launch fee may take to decay (ms): 7 days.
pub const MAX_LAUNCH_PERIOD: u64 = 7 * 86_400_000;

/// The longest a mining epoch may last (ms): one year.
pub const MAX_EPOCH_LENGTH: u64 = 365 * 86_400_000;

/// The longest an epoch's points may stay open to disputes before they can be claimed (ms):
/// 30 days. (A window near `u64::MAX` made every claim overflow, so the pool never minted.)
pub const MAX_DISPUTE_WINDOW: u64 = 30 * 86_400_000;

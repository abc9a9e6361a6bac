//! The registry's rules, free of storage: which assets the distributor pays (no duplicates, at
//! most [`MAX_REWARD_ASSETS`]) and on what schedule (a bounded reward duration and cooldown).

use crate::{
    Asset, DistributorError, MAX_COOLDOWN, MAX_REWARD_ASSETS, MAX_REWARD_DURATION,
    MIN_REWARD_DURATION,
};
use ink::prelude::vec::Vec;

/// Adds `asset` to the reward `assets`: `AssetExists` if it is one already, `TooManyAssets`
/// beyond [`MAX_REWARD_ASSETS`].
pub fn add_asset(assets: &mut Vec<Asset>, asset: Asset) -> Result<(), DistributorError> {
    if assets.contains(&asset) {
        return Err(DistributorError::AssetExists);
    }
    if assets.len() >= MAX_REWARD_ASSETS {
        return Err(DistributorError::TooManyAssets);
    }
    assets.push(asset);
    Ok(())
}

/// Refuses a schedule the admin sets outside the bounds: a reward duration below
/// [`MIN_REWARD_DURATION`] or above [`MAX_REWARD_DURATION`] (`InvalidDuration`), a cooldown
/// above [`MAX_COOLDOWN`] (`CooldownTooLong`).
pub fn check_schedule(reward_duration: u64, cooldown: u64) -> Result<(), DistributorError> {
    if !psp::limits::is_reward_duration(reward_duration) {
        return Err(DistributorError::InvalidDuration);
    }
    if cooldown > MAX_COOLDOWN {
        return Err(DistributorError::CooldownTooLong);
    }
    Ok(())
}

/// The schedule a constructor keeps of the values given: clamped into the bounds (the factory
/// refuses values outside them instead).
pub fn clamp_schedule(reward_duration: u64, cooldown: u64) -> (u64, u64) {
    (
        reward_duration.clamp(MIN_REWARD_DURATION, MAX_REWARD_DURATION),
        cooldown.min(MAX_COOLDOWN),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ink::primitives::AccountId;

    fn token(n: u8) -> Asset {
        Asset::Token(AccountId::from([n; 32]))
    }

    #[test]
    fn assets_are_unique_and_bounded() {
        let mut assets = vec![Asset::Native, token(0)];
        assert_eq!(
            add_asset(&mut assets, token(0)),
            Err(DistributorError::AssetExists)
        );
        assert_eq!(
            add_asset(&mut assets, Asset::Native),
            Err(DistributorError::AssetExists)
        );
        for n in 1..=6 {
            assert_eq!(add_asset(&mut assets, token(n)), Ok(()));
        }
        assert_eq!(assets.len(), MAX_REWARD_ASSETS);
        assert_eq!(
            add_asset(&mut assets, token(7)),
            Err(DistributorError::TooManyAssets)
        );
        assert_eq!(
            add_asset(&mut assets, token(6)),
            Err(DistributorError::AssetExists),
            "a duplicate is told apart from a full registry"
        );
        assert_eq!(assets.last(), Some(&token(6)), "in the order added");
    }

    /// M-1 of the security review: a staker who unstakes when an upgrade is proposed has
    /// the tokens back before it can run, whatever the admin sets.
    #[test]
    fn the_longest_cooldown_ends_before_a_proposed_upgrade_can_run() {
        // `psp::limits` asserts MAX_COOLDOWN < UPGRADE_DELAY at compile time.
        assert_eq!(
            check_schedule(MIN_REWARD_DURATION, psp::upgrade::UPGRADE_DELAY),
            Err(DistributorError::CooldownTooLong)
        );
    }

    #[test]
    fn schedules_outside_the_bounds_are_refused() {
        assert_eq!(check_schedule(0, 0), Err(DistributorError::InvalidDuration));
        assert_eq!(
            check_schedule(MIN_REWARD_DURATION - 1, 0),
            Err(DistributorError::InvalidDuration),
            "shorter than a day: a stake held for a moment would take the deposit"
        );
        assert_eq!(
            check_schedule(MAX_REWARD_DURATION + 1, 0),
            Err(DistributorError::InvalidDuration)
        );
        assert_eq!(
            check_schedule(MIN_REWARD_DURATION, MAX_COOLDOWN + 1),
            Err(DistributorError::CooldownTooLong)
        );
        assert_eq!(
            check_schedule(0, MAX_COOLDOWN + 1),
            Err(DistributorError::InvalidDuration),
            "the duration is checked first"
        );
        assert_eq!(check_schedule(MIN_REWARD_DURATION, 0), Ok(()));
        assert_eq!(check_schedule(MAX_REWARD_DURATION, MAX_COOLDOWN), Ok(()));
    }

    #[test]
    fn a_constructor_clamps_into_the_bounds() {
        assert_eq!(clamp_schedule(0, 0), (MIN_REWARD_DURATION, 0));
        assert_eq!(
            clamp_schedule(MIN_REWARD_DURATION + 1, 5),
            (MIN_REWARD_DURATION + 1, 5)
        );
        assert_eq!(
            clamp_schedule(u64::MAX, u64::MAX),
            (MAX_REWARD_DURATION, MAX_COOLDOWN)
        );
    }
}

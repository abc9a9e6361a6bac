//! The proof-of-work miner's search, free of any chain: given the contract's challenge and
//! target and the miner's account, find a nonce whose digest meets the target, on every core.
//!
//! The digest is the contract's (`proof_of_work::work::digest`): Keccak-256 of the 80 bytes
//! `challenge ‖ miner ‖ nonce` (nonce as 16 little-endian bytes). Those 80 bytes fit in one
//! Keccak block (136 bytes), so a hash is one Keccak-f[1600] permutation of a state laid out
//! once per challenge, with only the two nonce lanes changing: [`Work::digest_leading`] does
//! that, and [`keccak256`] is the plain hash it is tested and measured against.
//!
//! Threads split the nonce space by its high 64 bits (thread `t` searches `(base + t) << 64`
//! upwards), so no two threads ever hash the same nonce.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The bytes of the digest's input before the nonce: challenge then miner account.
const PREFIX: usize = 64;
/// Keccak-256's rate: the bytes absorbed per permutation.
const RATE: usize = 136;

/// One challenge to solve for one miner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// The contract's current challenge.
    pub challenge: [u8; 32],
    /// The miner's 32-byte account (it is inside the hash).
    pub miner: [u8; 32],
    /// A digest's first 16 bytes, big-endian, must be at most this.
    pub target: u128,
}

/// A nonce found, and what the search cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub nonce: u128,
    /// The digest's first 16 bytes, big-endian (at most the target).
    pub leading: u128,
    /// Hashes computed by all threads until the search stopped.
    pub hashes: u64,
    pub elapsed: Duration,
}

impl Work {
    /// The permutation's input state with the challenge, the miner and the padding in
    /// place; lanes 8 and 9 (the nonce) are zero.
    fn template(&self) -> [u64; 25] {
        let mut block = [0u8; RATE];
        block[..32].copy_from_slice(&self.challenge);
        block[32..PREFIX].copy_from_slice(&self.miner);
        // Keccak's padding (the original, not SHA-3's): 0x01 after the message, 0x80 last.
        block[PREFIX + 16] ^= 0x01;
        block[RATE - 1] ^= 0x80;
        let mut state = [0u64; 25];
        for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
            *lane = u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
        }
        state
    }

    /// The first 16 bytes of `nonce`'s digest, big-endian.
    pub fn digest_leading(&self, nonce: u128) -> u128 {
        leading(&self.template(), nonce)
    }

    /// Searches from `base` on `threads` threads until a nonce meets the target or `stop` is
    /// set (by the caller, or after `limit` hashes per thread); `None` if stopped first.
    pub fn search(
        &self,
        base: u64,
        threads: usize,
        limit: u64,
        stop: &AtomicBool,
    ) -> Option<Found> {
        let started = Instant::now();
        let template = self.template();
        let target = self.target;
        let threads = threads.max(1);
        let results: Vec<(Option<(u128, u128)>, u64)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads as u64)
                .map(|t| {
                    let high = u128::from(base.wrapping_add(t)) << 64;
                    scope.spawn(move || search_lane(&template, high, target, limit, stop))
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().expect("a search thread panicked"))
                .collect()
        });
        let hashes = results.iter().map(|(_, hashes)| hashes).sum();
        let (nonce, leading) = results.into_iter().find_map(|(found, _)| found)?;
        Some(Found {
            nonce,
            leading,
            hashes,
            elapsed: started.elapsed(),
        })
    }
}

/// One thread's search: nonces `high | 0, high | 1, ...` until one meets `target`, another
/// thread found one, or `limit` hashes.
fn search_lane(
    template: &[u64; 25],
    high: u128,
    target: u128,
    limit: u64,
    stop: &AtomicBool,
) -> (Option<(u128, u128)>, u64) {
    // The stop flag is read once per batch: an atomic load per hash would cost more than the
    // few hashes a late stop wastes.
    const BATCH: u64 = 1 << 12;
    let mut count = 0u64;
    while count < limit {
        if stop.load(Ordering::Relaxed) {
            return (None, count);
        }
        for low in count..count.saturating_add(BATCH).min(limit) {
            let nonce = high | u128::from(low);
            let leading = leading(template, nonce);
            if leading <= target {
                stop.store(true, Ordering::Relaxed);
                return (Some((nonce, leading)), low + 1);
            }
        }
        count = count.saturating_add(BATCH).min(limit);
    }
    stop.store(true, Ordering::Relaxed);
    (None, count)
}

/// One hash: the template with `nonce` in lanes 8 and 9, permuted; the first two output lanes
/// as the digest's first 16 bytes, big-endian.
#[inline(always)]
fn leading(template: &[u64; 25], nonce: u128) -> u128 {
    let mut state = *template;
    state[8] = nonce as u64;
    state[9] = (nonce >> 64) as u64;
    keccak::f1600(&mut state);
    (u128::from(state[0].swap_bytes()) << 64) | u128::from(state[1].swap_bytes())
}

/// The plain Keccak-256 of the 80 input bytes (what the contract computes), for tests and as
/// the raw speed the miner is measured against.
pub fn keccak256(challenge: &[u8; 32], miner: &[u8; 32], nonce: u128) -> [u8; 32] {
    use sha3::{Digest, Keccak256};
    let mut hasher = Keccak256::new();
    hasher.update(challenge);
    hasher.update(miner);
    hasher.update(nonce.to_le_bytes());
    hasher.finalize().into()
}

/// The first 16 bytes of a digest, big-endian.
pub fn leading_of(digest: &[u8; 32]) -> u128 {
    u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"))
}

/// Speeds measured on this machine, hashes per second.
#[derive(Debug, Clone, Copy)]
pub struct Speeds {
    /// Plain Keccak-256 of 80 bytes on one core (the `sha3` crate).
    pub raw_per_core: f64,
    /// The miner's search, all threads, and per thread.
    pub miner_total: f64,
    pub miner_per_core: f64,
    pub threads: usize,
}

/// Measures the raw hash on one core and the miner on `threads` threads, each for about
/// `duration` (the miner's target is unreachable, so it hashes the whole time).
pub fn measure(threads: usize, duration: Duration) -> Speeds {
    let work = Work {
        challenge: [7; 32],
        miner: [9; 32],
        target: 0,
    };
    // Raw: the whole hash, one core.
    let started = Instant::now();
    let (mut raw, mut sink) = (0u64, 0u8);
    while started.elapsed() < duration {
        for _ in 0..4_096u32 {
            sink ^= keccak256(&work.challenge, &work.miner, u128::from(raw))[0];
            raw += 1;
        }
    }
    std::hint::black_box(sink);
    let raw_per_core = raw as f64 / started.elapsed().as_secs_f64();
    // The miner, every thread, stopped by a timer thread.
    let stop = AtomicBool::new(false);
    let template = work.template();
    let (hashes, seconds) = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(duration);
            stop.store(true, Ordering::Relaxed);
        });
        let started = Instant::now();
        let counts: Vec<u64> = (0..threads.max(1) as u64)
            .map(|t| {
                let template = &template;
                let stop = &stop;
                scope.spawn(move || search_lane(template, u128::from(t) << 64, 0, u64::MAX, stop).1)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|handle| handle.join().expect("a search thread panicked"))
            .collect();
        (counts.iter().sum::<u64>(), started.elapsed().as_secs_f64())
    });
    let miner_total = hashes as f64 / seconds;
    Speeds {
        raw_per_core,
        miner_total,
        miner_per_core: miner_total / threads.max(1) as f64,
        threads: threads.max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(target: u128) -> Work {
        Work {
            challenge: [0x11; 32],
            miner: [0x22; 32],
            target,
        }
    }

    #[test]
    fn the_permutation_path_is_keccak_256_of_the_80_bytes() {
        assert_eq!(
            hex(&<sha3::Keccak256 as sha3::Digest>::digest(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        let w = work(0);
        for nonce in [
            0u128,
            1,
            255,
            1 << 64,
            u128::MAX,
            0x0123_4567_89ab_cdef_u128 << 40,
        ] {
            assert_eq!(
                w.digest_leading(nonce),
                leading_of(&keccak256(&w.challenge, &w.miner, nonce)),
                "nonce {nonce}"
            );
        }
    }

    #[test]
    fn a_found_nonce_meets_the_target_and_threads_do_not_overlap() {
        // About 1 in 4,096 nonces meets this target.
        let w = work(u128::MAX >> 12);
        for threads in [1, 2, 4] {
            let found = w
                .search(0, threads, u64::MAX, &AtomicBool::new(false))
                .expect("found");
            assert!(found.leading <= w.target);
            assert_eq!(found.leading, w.digest_leading(found.nonce));
            assert!(found.hashes >= 1);
            assert!(
                (found.nonce >> 64) < threads as u128,
                "thread t searches t << 64"
            );
        }
    }

    #[test]
    fn an_unreachable_target_stops_at_the_limit() {
        let found = work(0).search(5, 2, 10_000, &AtomicBool::new(false));
        assert_eq!(found, None);
        let stopped = AtomicBool::new(true);
        assert_eq!(work(u128::MAX).search(0, 2, u64::MAX, &stopped), None);
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

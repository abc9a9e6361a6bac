//! Merkle allowlists and reward lists, verified on chain in O(proof length).
//!
//! * A leaf is `blake2_256(blake2_256(SCALE(item)))`: hashing twice means no inner node (a hash of
//!   64 bytes) can ever be presented as a leaf.
//! * An inner node is `blake2_256(min(a, b) ++ max(a, b))`: pairs are sorted, so a proof is just
//!   the list of sibling hashes, with no left/right flags.
//! * An odd node at the end of a layer moves up unchanged.
//!
//! [`MerkleTree`] (std only) builds the same trees off chain, for tools and tests.

use ink::env::hash::{Blake2x256, HashOutput};

/// A 32-byte hash: a root, a leaf or a proof element.
pub type Hash = [u8; 32];

/// The longest proof accepted (a tree of up to 2^32 leaves).
pub const MAX_PROOF_LENGTH: usize = 32;

fn blake2(data: &[u8]) -> Hash {
    let mut output = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(data, &mut output);
    output
}

/// The leaf hash of `item` (double-hashed SCALE encoding).
pub fn leaf<T: ink::scale::Encode>(item: &T) -> Hash {
    blake2(&blake2(&item.encode()))
}

/// The parent of two nodes (sorted pair).
pub fn parent(a: &Hash, b: &Hash) -> Hash {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    let mut pair = [0u8; 64];
    let (left, right) = pair.split_at_mut(32);
    left.copy_from_slice(low);
    right.copy_from_slice(high);
    blake2(&pair)
}

/// Whether `proof` links `leaf` to `root`. Proofs longer than [`MAX_PROOF_LENGTH`] fail.
pub fn verify(root: &Hash, leaf: Hash, proof: &[Hash]) -> bool {
    if proof.len() > MAX_PROOF_LENGTH {
        return false;
    }
    let computed = proof
        .iter()
        .fold(leaf, |node, sibling| parent(&node, sibling));
    &computed == root
}

/// A whole tree, built off chain from leaf hashes in order.
#[cfg(feature = "std")]
#[derive(Debug, Clone)]
pub struct MerkleTree {
    layers: Vec<Vec<Hash>>,
}

#[cfg(feature = "std")]
impl MerkleTree {
    /// Builds the tree over `leaves` (already hashed with [`leaf`]). An empty list has the
    /// all-zero root, which no proof can reach.
    pub fn new(leaves: Vec<Hash>) -> Self {
        let mut layers = vec![leaves];
        while layers.last().is_some_and(|layer| layer.len() > 1) {
            let below = layers.last().cloned().unwrap_or_default();
            let above = below
                .chunks(2)
                .map(|pair| match pair {
                    [a, b] => parent(a, b),
                    [single] => *single,
                    _ => unreachable!("chunks of two"),
                })
                .collect();
            layers.push(above);
        }
        Self { layers }
    }

    /// The root.
    pub fn root(&self) -> Hash {
        self.layers
            .last()
            .and_then(|top| top.first().copied())
            .unwrap_or_default()
    }

    /// The proof of the leaf at `index`, or `None` if out of range.
    pub fn proof(&self, mut index: usize) -> Option<Vec<Hash>> {
        if index >= self.layers.first()?.len() {
            return None;
        }
        let mut proof = Vec::new();
        // Every layer but the root's has a sibling to offer.
        for layer in self.layers.iter().filter(|layer| layer.len() > 1) {
            let sibling = index ^ 1;
            if let Some(hash) = layer.get(sibling) {
                proof.push(*hash);
            }
            index /= 2;
        }
        Some(proof)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_leaf_of_trees_of_many_sizes_verifies_and_nothing_else_does() {
        for size in 1..=17u32 {
            let leaves: Vec<Hash> = (0..size).map(|i| leaf(&(i, 7u128))).collect();
            let tree = MerkleTree::new(leaves.clone());
            let root = tree.root();
            for (index, hash) in leaves.iter().enumerate() {
                let proof = tree.proof(index).expect("in range");
                assert!(verify(&root, *hash, &proof), "size {size} leaf {index}");
                assert!(!verify(&root, leaf(&(index as u32, 8u128)), &proof));
            }
            assert!(tree.proof(size as usize).is_none());
        }
    }

    #[test]
    fn an_inner_node_is_not_a_leaf() {
        let leaves: Vec<Hash> = (0..4u32).map(|i| leaf(&i)).collect();
        let tree = MerkleTree::new(leaves.clone());
        let inner = parent(&leaves[0], &leaves[1]);
        let proof = vec![parent(&leaves[2], &leaves[3])];
        assert!(verify(&tree.root(), inner, &proof), "the raw node links");
        // But no item's leaf hash equals the node: leaves are double-hashed.
        assert_ne!(leaf(&(leaves[0], leaves[1])), inner);
    }

    #[test]
    fn empty_tree_and_overlong_proofs() {
        let tree = MerkleTree::new(Vec::new());
        assert_eq!(tree.root(), [0u8; 32]);
        assert!(tree.proof(0).is_none());
        let root = leaf(&1u8);
        assert!(verify(&root, root, &[]));
        assert!(!verify(&root, root, &[[0u8; 32]; MAX_PROOF_LENGTH + 1]));
    }
}

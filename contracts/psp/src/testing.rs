//! Off-chain test helpers shared by the contracts' `#[ink::test]` suites.

/// Every event of type `E` recorded by the off-chain environment so far, decoded, in order
/// (matched by `E`'s signature topic).
pub fn emitted<E: ink::env::Event + ink::scale::Decode>() -> Vec<E> {
    ink::env::test::recorded_events()
        .filter_map(|event| {
            let signature = E::SIGNATURE_TOPIC?;
            (event.topics.first()?.as_slice() == signature.as_slice())
                .then(|| E::decode(&mut &event.data[..]).ok())?
        })
        .collect()
}

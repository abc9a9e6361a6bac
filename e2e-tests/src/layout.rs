//! The storage-layout guard for upgrades: may code `new` run on storage written by `old`?
//!
//! `set_code_hash` keeps a contract's storage and swaps its code, so the new code must read
//! every byte the old code wrote exactly as the old code wrote it. In ink! 5 every message first
//! decodes the packed root (the storage struct's fields that are not `Lazy`/`Mapping`), and a
//! failed decode traps: one field added to the root bricks the contract. A renamed `Mapping` or
//! `Lazy` gets a new derived key and silently reads nothing. The rule this module checks, on the
//! storage layouts and type registries of two metadata files:
//!
//! 1. every field of the old root struct is in the new one, at the same position, with the same
//!    name, the same keys and the same types (compared by structure, not by registry id);
//! 2. new fields come after them and each lives under a key of its own (a `Lazy` or a `Mapping`:
//!    a `root` layout), never in the packed root, and no new key is one the old code used.
//!
//! `cargo run -p e2e-tests --bin layout-check -- deployed.json candidate.json` (or
//! `scripts/layout-check`) runs it before a `propose_upgrade`.

use std::collections::BTreeSet;

use serde_json::Value;

/// The types of a metadata file, by registry id.
struct Types<'a>(&'a [Value]);

impl Types<'_> {
    /// Type `id` with every nested type id replaced by that type, so two builds whose
    /// registries number the same types differently compare equal. Recursive types stop at
    /// their path after a few levels.
    fn canonical(&self, id: u64, depth: u32) -> Value {
        let Some(entry) = self.0.iter().find(|entry| entry["id"].as_u64() == Some(id)) else {
            return Value::String(format!("unknown type {id}"));
        };
        let ty = &entry["type"];
        if depth > 12 {
            return ty["path"].clone();
        }
        serde_json::json!({
            "path": ty["path"],
            "params": self.resolve(&ty["params"], depth),
            "def": self.resolve(&ty["def"], depth),
        })
    }

    /// `value` with the type ids it names (`"type": id`, and a tuple's list of ids) resolved.
    fn resolve(&self, value: &Value, depth: u32) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(key, _)| key.as_str() != "docs" && key.as_str() != "typeName")
                    .map(|(key, item)| {
                        let resolved = match (key.as_str(), item) {
                            ("type", Value::Number(id)) => {
                                self.canonical(id.as_u64().unwrap_or(u64::MAX), depth + 1)
                            }
                            ("tuple", Value::Array(ids)) => Value::Array(
                                ids.iter()
                                    .map(|id| {
                                        self.canonical(id.as_u64().unwrap_or(u64::MAX), depth + 1)
                                    })
                                    .collect(),
                            ),
                            _ => self.resolve(item, depth),
                        };
                        (key.clone(), resolved)
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|item| self.resolve(item, depth)).collect())
            }
            other => other.clone(),
        }
    }

    /// A storage layout with every `"ty": id` replaced by the canonical type.
    fn layout(&self, layout: &Value) -> Value {
        match layout {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(key, item)| {
                        let resolved = match (key.as_str(), item) {
                            ("ty", Value::Number(id)) => {
                                self.canonical(id.as_u64().unwrap_or(u64::MAX), 0)
                            }
                            _ => self.layout(item),
                        };
                        (key.clone(), resolved)
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|item| self.layout(item)).collect())
            }
            other => other.clone(),
        }
    }
}

/// Every storage key a layout uses (`key`, `root_key`, `dispatchKey`).
fn keys(layout: &Value, out: &mut BTreeSet<String>) {
    match layout {
        Value::Object(map) => {
            for (key, item) in map {
                match (key.as_str(), item) {
                    ("key" | "root_key" | "dispatchKey", Value::String(text)) => {
                        out.insert(text.clone());
                    }
                    _ => keys(item, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| keys(item, out)),
        _ => {}
    }
}

/// The root struct's fields (name, canonical layout) and the root key of a metadata file.
fn root_fields(metadata: &Value) -> Result<(String, Vec<(String, Value)>), String> {
    let types = Types(
        metadata["types"]
            .as_array()
            .ok_or("the metadata has no type registry")?,
    );
    let root = &metadata["storage"]["root"];
    let root_key = root["root_key"]
        .as_str()
        .ok_or("the metadata has no storage root")?
        .to_string();
    let fields = root["layout"]["struct"]["fields"]
        .as_array()
        .ok_or("the storage root is not a struct")?
        .iter()
        .map(|field| {
            let name = field["name"].as_str().unwrap_or_default().to_string();
            (name, types.layout(&field["layout"]))
        })
        .collect();
    Ok((root_key, fields))
}

/// Checks that code with metadata `new` can run on storage written by code with metadata
/// `old` (see the module docs). `Err` lists every problem found, in words.
pub fn check(old: &Value, new: &Value) -> Result<(), Vec<String>> {
    let (old_key, old_fields) = root_fields(old).map_err(|error| vec![format!("old: {error}")])?;
    let (new_key, new_fields) = root_fields(new).map_err(|error| vec![format!("new: {error}")])?;
    let mut problems = Vec::new();
    if old_key != new_key {
        problems.push(format!("the root key moved from {old_key} to {new_key}"));
    }
    for (position, (name, layout)) in old_fields.iter().enumerate() {
        match new_fields.get(position) {
            None => problems.push(format!("field {position} `{name}` is gone")),
            Some((new_name, _)) if new_name != name => problems.push(format!(
                "field {position} was `{name}` and is now `{new_name}` (a moved or renamed \
                 field reads another field's bytes, or a new key that holds nothing)"
            )),
            Some((_, new_layout)) if new_layout != layout => problems.push(format!(
                "field {position} `{name}` changed its type or keys: the old values no longer \
                 decode"
            )),
            Some(_) => {}
        }
    }
    let mut used = BTreeSet::new();
    old_fields
        .iter()
        .for_each(|(_, layout)| keys(layout, &mut used));
    for (name, layout) in new_fields.iter().skip(old_fields.len()) {
        if layout.get("root").is_none() {
            problems.push(format!(
                "new field `{name}` is packed into the root: every call would fail to decode \
                 the old root (add it as a `Lazy` or a `Mapping`)"
            ));
            continue;
        }
        let mut added = BTreeSet::new();
        keys(layout, &mut added);
        if let Some(key) = added.intersection(&used).next() {
            problems.push(format!(
                "new field `{name}` uses key {key}, which the old code already wrote"
            ));
        }
        used.extend(added);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Metadata with a root struct of `fields` over a registry of `u128` (0), `bool` (1) and
    /// `Mapping`'s marker type (2).
    fn metadata(fields: Value) -> Value {
        json!({
            "types": [
                {"id": 0, "type": {"def": {"primitive": "u128"}}},
                {"id": 1, "type": {"def": {"primitive": "bool"}}},
                {"id": 2, "type": {"def": {"composite": {}}, "path": ["Mapping"],
                    "params": [{"name": "V", "type": 0}]}},
            ],
            "storage": {"root": {"root_key": "0x00000000", "ty": 9,
                "layout": {"struct": {"name": "C", "fields": fields}}}},
        })
    }

    fn packed(name: &str, ty: u64) -> Value {
        json!({"name": name, "layout": {"leaf": {"key": "0x00000000", "ty": ty}}})
    }

    fn mapping(name: &str, key: &str) -> Value {
        json!({"name": name, "layout": {"root": {"root_key": key, "ty": 2,
            "layout": {"leaf": {"key": key, "ty": 0}}}}})
    }

    fn v1() -> Value {
        metadata(json!([
            packed("supply", 0),
            mapping("balances", "0x11111111")
        ]))
    }

    #[test]
    fn the_same_layout_and_an_appended_mapping_are_compatible() {
        assert_eq!(check(&v1(), &v1()), Ok(()));
        let v2 = metadata(json!([
            packed("supply", 0),
            mapping("balances", "0x11111111"),
            mapping("frozen", "0x22222222"),
        ]));
        assert_eq!(check(&v1(), &v2), Ok(()));
    }

    #[test]
    fn type_ids_may_differ_between_builds() {
        let mut renumbered = metadata(json!([
            packed("supply", 7),
            mapping("balances", "0x11111111")
        ]));
        renumbered["types"]
            .as_array_mut()
            .expect("types")
            .push(json!({"id": 7, "type": {"def": {"primitive": "u128"}}}));
        assert_eq!(check(&v1(), &renumbered), Ok(()));
    }

    #[test]
    fn every_breaking_change_is_named() {
        let cases = [
            (
                json!([
                    packed("supply", 0),
                    mapping("balances", "0x11111111"),
                    packed("paused", 1)
                ]),
                "packed into the root",
            ),
            (
                json!([packed("supply", 0), mapping("holdings", "0x11111111")]),
                "renamed",
            ),
            (
                json!([packed("supply", 1), mapping("balances", "0x11111111")]),
                "changed its type",
            ),
            (
                json!([packed("supply", 0), mapping("balances", "0x33333333")]),
                "changed its type or keys",
            ),
            (
                json!([mapping("balances", "0x11111111"), packed("supply", 0)]),
                "renamed",
            ),
            (json!([packed("supply", 0)]), "is gone"),
            (
                json!([
                    packed("supply", 0),
                    mapping("balances", "0x11111111"),
                    mapping("again", "0x11111111")
                ]),
                "already wrote",
            ),
        ];
        for (fields, why) in cases {
            let problems = check(&v1(), &metadata(fields.clone())).expect_err(why);
            assert!(
                problems.iter().any(|problem| problem.contains(why)),
                "{fields}: {problems:?} should say {why}"
            );
        }
    }
}

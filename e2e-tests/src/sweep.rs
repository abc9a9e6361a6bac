//! Metadata-driven input sweeps: reads a bundle's messages and its scale-info type registry,
//! generates boundary values for every argument type, SCALE-encodes them, and decodes any
//! answer generically against the message's declared return type.
//!
//! Used by `tests/bad_inputs.rs`; nothing here knows a particular contract.

use std::collections::{BTreeMap, HashMap};

use ink::scale::{Decode, Encode as _, Input};

use crate::{Bundle, Chain};

/// A scale-info primitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Primitive {
    Bool,
    Str,
    /// Unsigned integer of this many bytes.
    Uint(usize),
    /// Signed integer of this many bytes.
    Int(usize),
}

/// One type of the portable registry (`metadata["types"]`).
#[derive(Clone, Debug)]
pub enum TypeDef {
    Primitive(Primitive),
    Composite(Vec<Field>),
    Variant(Vec<Variant>),
    Sequence(u32),
    Array(usize, u32),
    Tuple(Vec<u32>),
    Compact(u32),
}

/// A struct field or a variant field.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: Option<String>,
    pub ty: u32,
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    pub index: u8,
    pub fields: Vec<Field>,
}

/// A registry entry: its path (`psp::psp34::types::Id`, `Option`, ...) and definition.
#[derive(Clone, Debug)]
pub struct Type {
    pub path: String,
    pub def: TypeDef,
}

/// The portable type registry of one bundle.
#[derive(Clone, Debug)]
pub struct Registry {
    types: HashMap<u32, Type>,
}

fn ty_id(value: &serde_json::Value) -> Result<u32, String> {
    value
        .as_u64()
        .and_then(|id| u32::try_from(id).ok())
        .ok_or_else(|| format!("bad type id {value}"))
}

fn fields(value: &serde_json::Value) -> Result<Vec<Field>, String> {
    value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|field| {
            Ok(Field {
                name: field["name"].as_str().map(String::from),
                ty: ty_id(&field["type"])?,
            })
        })
        .collect()
}

impl Registry {
    /// Parses `metadata["types"]`.
    pub fn from_metadata(metadata: &serde_json::Value) -> Result<Self, String> {
        let mut types = HashMap::new();
        for entry in metadata["types"].as_array().ok_or("no types")? {
            let id = ty_id(&entry["id"])?;
            let ty = &entry["type"];
            let path = ty["path"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter_map(|segment| segment.as_str())
                .collect::<Vec<_>>()
                .join("::");
            let def = &ty["def"];
            let def = if let Some(primitive) = def["primitive"].as_str() {
                TypeDef::Primitive(match primitive {
                    "bool" => Primitive::Bool,
                    "str" => Primitive::Str,
                    "u8" => Primitive::Uint(1),
                    "u16" => Primitive::Uint(2),
                    "u32" => Primitive::Uint(4),
                    "u64" => Primitive::Uint(8),
                    "u128" => Primitive::Uint(16),
                    "i8" => Primitive::Int(1),
                    "i16" => Primitive::Int(2),
                    "i32" => Primitive::Int(4),
                    "i64" => Primitive::Int(8),
                    "i128" => Primitive::Int(16),
                    other => return Err(format!("type {id}: unsupported primitive {other}")),
                })
            } else if def.get("composite").is_some() {
                TypeDef::Composite(fields(&def["composite"]["fields"])?)
            } else if def.get("variant").is_some() {
                let variants = def["variant"]["variants"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(|variant| {
                        Ok(Variant {
                            name: variant["name"].as_str().unwrap_or("?").into(),
                            index: variant["index"]
                                .as_u64()
                                .and_then(|index| u8::try_from(index).ok())
                                .ok_or("bad variant index")?,
                            fields: fields(&variant["fields"])?,
                        })
                    })
                    .collect::<Result<_, String>>()?;
                TypeDef::Variant(variants)
            } else if def.get("sequence").is_some() {
                TypeDef::Sequence(ty_id(&def["sequence"]["type"])?)
            } else if def.get("array").is_some() {
                let len = def["array"]["len"].as_u64().ok_or("array len")?;
                TypeDef::Array(
                    usize::try_from(len).map_err(|e| e.to_string())?,
                    ty_id(&def["array"]["type"])?,
                )
            } else if def.get("tuple").is_some() {
                TypeDef::Tuple(
                    def["tuple"]
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .map(ty_id)
                        .collect::<Result<_, _>>()?,
                )
            } else if def.get("compact").is_some() {
                TypeDef::Compact(ty_id(&def["compact"]["type"])?)
            } else {
                return Err(format!("type {id}: unsupported definition {def}"));
            };
            types.insert(id, Type { path, def });
        }
        Ok(Self { types })
    }

    /// The type with id `id`.
    pub fn get(&self, id: u32) -> Result<&Type, String> {
        self.types
            .get(&id)
            .ok_or_else(|| format!("unknown type id {id}"))
    }

    /// A short readable name of type `id` (for reports).
    pub fn name(&self, id: u32) -> String {
        let Ok(ty) = self.get(id) else {
            return format!("#{id}");
        };
        if !ty.path.is_empty() {
            return ty.path.rsplit("::").next().unwrap_or_default().into();
        }
        match &ty.def {
            TypeDef::Primitive(Primitive::Bool) => "bool".into(),
            TypeDef::Primitive(Primitive::Str) => "String".into(),
            TypeDef::Primitive(Primitive::Uint(n)) => format!("u{}", n * 8),
            TypeDef::Primitive(Primitive::Int(n)) => format!("i{}", n * 8),
            TypeDef::Sequence(inner) => format!("Vec<{}>", self.name(*inner)),
            TypeDef::Array(len, inner) => format!("[{}; {len}]", self.name(*inner)),
            TypeDef::Tuple(items) => format!(
                "({})",
                items
                    .iter()
                    .map(|item| self.name(*item))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            TypeDef::Compact(inner) => format!("Compact<{}>", self.name(*inner)),
            _ => format!("#{id}"),
        }
    }

    fn is_u8(&self, id: u32) -> bool {
        matches!(
            self.get(id).map(|ty| &ty.def),
            Ok(TypeDef::Primitive(Primitive::Uint(1)))
        )
    }
}

/// A SCALE value shaped by the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    /// An integer of `bytes` bytes, little-endian on the wire (signed ones as two's complement).
    Int {
        bytes: usize,
        value: u128,
    },
    /// UTF-8 text (`str`): compact length then the bytes.
    Str(Vec<u8>),
    /// Array, tuple or struct: the items back to back.
    Fields(Vec<Value>),
    /// `Vec<T>`: compact length then the items.
    Seq(Vec<Value>),
    /// Enum: the variant index byte, then its fields.
    Variant {
        index: u8,
        fields: Vec<Value>,
    },
    Compact(u128),
}

fn encode_compact(value: u128, out: &mut Vec<u8>) {
    ink::scale::Compact(value).encode_to(out);
}

impl Value {
    /// SCALE-encodes the value.
    pub fn encode_to(&self, out: &mut Vec<u8>) {
        match self {
            Value::Bool(value) => out.push(u8::from(*value)),
            Value::Int { bytes, value } => {
                out.extend_from_slice(value.to_le_bytes().get(..*bytes).unwrap_or_default())
            }
            Value::Str(bytes) => {
                encode_compact(bytes.len() as u128, out);
                out.extend_from_slice(bytes);
            }
            Value::Fields(items) => items.iter().for_each(|item| item.encode_to(out)),
            Value::Seq(items) => {
                encode_compact(items.len() as u128, out);
                items.iter().for_each(|item| item.encode_to(out));
            }
            Value::Variant { index, fields } => {
                out.push(*index);
                fields.iter().for_each(|field| field.encode_to(out));
            }
            Value::Compact(value) => encode_compact(*value, out),
        }
    }

    /// The encoding as a fresh vector.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_to(&mut out);
        out
    }

    /// The value as 32 raw bytes, if it is an array (or a one-field wrapper) of 32 `u8`.
    pub fn as_bytes32(&self) -> Option<[u8; 32]> {
        match self {
            Value::Fields(items) if items.len() == 1 => items.first()?.as_bytes32(),
            Value::Fields(items) if items.len() == 32 => {
                let mut out = [0u8; 32];
                for (slot, item) in out.iter_mut().zip(items) {
                    match item {
                        Value::Int { bytes: 1, value } => *slot = u8::try_from(*value).ok()?,
                        _ => return None,
                    }
                }
                Some(out)
            }
            _ => None,
        }
    }
}

/// Reads one value of type `id` from `input` (strictly: bools are 0 or 1, variant indexes and
/// UTF-8 must be valid, compact encodings canonical enough to decode).
pub fn decode(registry: &Registry, id: u32, input: &mut &[u8]) -> Result<Value, String> {
    let ty = registry.get(id)?;
    let take = |input: &mut &[u8], n: usize| -> Result<Vec<u8>, String> {
        if input.len() < n {
            return Err(format!(
                "{}: needs {n} bytes, {} left",
                registry.name(id),
                input.len()
            ));
        }
        let (head, tail) = input.split_at(n);
        *input = tail;
        Ok(head.to_vec())
    };
    Ok(match &ty.def {
        TypeDef::Primitive(Primitive::Bool) => match take(input, 1)?.as_slice() {
            [0] => Value::Bool(false),
            [1] => Value::Bool(true),
            other => return Err(format!("bool byte {other:?}")),
        },
        TypeDef::Primitive(Primitive::Str) => {
            let len = decode_len(input)?;
            let bytes = take(input, len)?;
            std::str::from_utf8(&bytes).map_err(|error| format!("str: {error}"))?;
            Value::Str(bytes)
        }
        TypeDef::Primitive(Primitive::Uint(bytes) | Primitive::Int(bytes)) => {
            let raw = take(input, *bytes)?;
            let mut wide = [0u8; 16];
            wide.get_mut(..*bytes)
                .ok_or("integer too wide")?
                .copy_from_slice(&raw);
            Value::Int {
                bytes: *bytes,
                value: u128::from_le_bytes(wide),
            }
        }
        TypeDef::Composite(fields) => Value::Fields(
            fields
                .iter()
                .map(|field| decode(registry, field.ty, input))
                .collect::<Result<_, _>>()?,
        ),
        TypeDef::Tuple(items) => Value::Fields(
            items
                .iter()
                .map(|item| decode(registry, *item, input))
                .collect::<Result<_, _>>()?,
        ),
        TypeDef::Array(len, item) => Value::Fields(
            (0..*len)
                .map(|_| decode(registry, *item, input))
                .collect::<Result<_, _>>()?,
        ),
        TypeDef::Sequence(item) => {
            let len = decode_len(input)?;
            if len > input.len() && !registry.get(*item).is_ok_and(|t| zero_sized(registry, t)) {
                return Err(format!("sequence length {len} exceeds the input"));
            }
            Value::Seq(
                (0..len)
                    .map(|_| decode(registry, *item, input))
                    .collect::<Result<_, _>>()?,
            )
        }
        TypeDef::Variant(variants) => {
            let index = *take(input, 1)?.first().ok_or("empty")?;
            let variant = variants
                .iter()
                .find(|variant| variant.index == index)
                .ok_or_else(|| format!("{}: no variant with index {index}", ty.path))?;
            Value::Variant {
                index,
                fields: variant
                    .fields
                    .iter()
                    .map(|field| decode(registry, field.ty, input))
                    .collect::<Result<_, _>>()?,
            }
        }
        TypeDef::Compact(_) => Value::Compact(
            <ink::scale::Compact<u128>>::decode(input)
                .map_err(|error| format!("compact: {error}"))?
                .0,
        ),
    })
}

fn zero_sized(registry: &Registry, ty: &Type) -> bool {
    match &ty.def {
        TypeDef::Tuple(items) => items
            .iter()
            .all(|item| registry.get(*item).is_ok_and(|t| zero_sized(registry, t))),
        TypeDef::Composite(fields) => fields.iter().all(|field| {
            registry
                .get(field.ty)
                .is_ok_and(|t| zero_sized(registry, t))
        }),
        TypeDef::Array(0, _) => true,
        _ => false,
    }
}

fn decode_len(input: &mut &[u8]) -> Result<usize, String> {
    let len = <ink::scale::Compact<u32>>::decode(input)
        .map_err(|error| format!("length: {error}"))?
        .0;
    usize::try_from(len).map_err(|error| error.to_string())
}

/// Decodes all of `bytes` as type `id`; leftover bytes are an error.
pub fn decode_all(registry: &Registry, id: u32, bytes: &[u8]) -> Result<Value, String> {
    let mut input = bytes;
    let value = decode(registry, id, &mut input)?;
    if !input.is_empty() {
        return Err(format!(
            "{} leftover bytes after {}",
            input.len(),
            registry.name(id)
        ));
    }
    Ok(value)
}

/// Names a decoded value for outcome counts: `Ok`, `Err(CollectionError::Payment(
/// InsufficientAllowance))`, `Err(PSP22Error::Custom("P::Paused"))`.
pub fn describe_error(registry: &Registry, id: u32, value: &Value) -> String {
    let Ok(ty) = registry.get(id) else {
        return "?".into();
    };
    match (&ty.def, value) {
        (TypeDef::Variant(variants), Value::Variant { index, fields }) => {
            let Some(variant) = variants.iter().find(|variant| variant.index == *index) else {
                return "?".into();
            };
            let inner: Vec<String> = variant
                .fields
                .iter()
                .zip(fields)
                .map(|(field, value)| describe_error(registry, field.ty, value))
                .collect();
            if inner.is_empty() {
                variant.name.clone()
            } else {
                format!("{}({})", variant.name, inner.join(", "))
            }
        }
        (_, Value::Str(bytes)) => format!("{:?}", String::from_utf8_lossy(bytes)),
        _ => registry.name(id),
    }
}

/// A message from `metadata["spec"]["messages"]`.
#[derive(Clone, Debug)]
pub struct Message {
    pub label: String,
    pub selector: [u8; 4],
    pub args: Vec<(String, u32)>,
    /// `Result<T, LangError>` as ink! declares it.
    pub return_type: u32,
    pub payable: bool,
    pub mutates: bool,
}

/// Every message of `bundle`.
pub fn messages(bundle: &Bundle) -> Result<Vec<Message>, String> {
    bundle.metadata["spec"]["messages"]
        .as_array()
        .ok_or("no messages")?
        .iter()
        .map(|message| {
            let label = message["label"].as_str().ok_or("label")?.to_string();
            let selector = message["selector"]
                .as_str()
                .and_then(|hex| hex.strip_prefix("0x"))
                .and_then(|hex| {
                    let bytes: Option<Vec<u8>> = (0..hex.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                        .collect();
                    bytes?.try_into().ok()
                })
                .ok_or_else(|| format!("{label}: selector"))?;
            let args = message["args"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|arg| {
                    Ok((
                        arg["label"].as_str().unwrap_or("?").to_string(),
                        ty_id(&arg["type"]["type"])?,
                    ))
                })
                .collect::<Result<_, String>>()?;
            Ok(Message {
                return_type: ty_id(&message["returnType"]["type"])
                    .map_err(|error| format!("{label}: {error}"))?,
                payable: message["payable"].as_bool().unwrap_or(false),
                mutates: message["mutates"].as_bool().unwrap_or(false),
                label,
                selector,
                args,
            })
        })
        .collect()
}

/// One generated value with a readable label.
#[derive(Clone, Debug)]
pub struct Sample {
    pub label: String,
    pub value: Value,
}

/// What the generator needs to know about the call being swept.
pub struct Context {
    /// Labelled accounts every `AccountId` takes in turn; the first is the baseline.
    pub accounts: Vec<(String, [u8; 32])>,
    /// Baseline values by type path (e.g. a valid `DropConfig`), so that one-field
    /// variations get past the checks of the other fields.
    pub hints: BTreeMap<String, Sample>,
    /// Byte length of the oversized `String`/`Vec<u8>` (e.g. 10,000).
    pub oversized_bytes: usize,
    /// Element count of the oversized `Vec<T>` (e.g. 1,000).
    pub oversized_items: usize,
    /// Oversized `Vec<T>` that still fits the contract's input buffer: at most this many bytes.
    pub fitting_bytes: usize,
}

/// At most this many samples per type, so nested types cannot explode; a struct as large as
/// the factory's `CreatorParams` (27 fields, 3 alternatives each) stays under it.
pub const MAX_SAMPLES: usize = 128;

fn int(bytes: usize, value: u128) -> Value {
    Value::Int { bytes, value }
}

fn max_of(bytes: usize) -> u128 {
    if bytes >= 16 {
        u128::MAX
    } else {
        (1u128 << (bytes * 8)) - 1
    }
}

fn bytes32(bytes: [u8; 32]) -> Value {
    Value::Fields(bytes.iter().map(|byte| int(1, u128::from(*byte))).collect())
}

impl Context {
    /// Boundary samples of type `id`; the first is the baseline the others vary from.
    pub fn samples(&self, registry: &Registry, id: u32) -> Result<Vec<Sample>, String> {
        self.samples_at(registry, id, 0)
    }

    fn samples_at(
        &self,
        registry: &Registry,
        id: u32,
        depth: usize,
    ) -> Result<Vec<Sample>, String> {
        if depth > 8 {
            return Err(format!("type {id} nests too deeply"));
        }
        let ty = registry.get(id)?;
        let sample = |label: String, value: Value| Sample { label, value };
        let mut samples = match &ty.def {
            _ if ty.path.ends_with("AccountId") => self
                .accounts
                .iter()
                .map(|(label, bytes)| sample(label.clone(), Value::Fields(vec![bytes32(*bytes)])))
                .collect(),
            TypeDef::Primitive(Primitive::Bool) => vec![
                sample("true".into(), Value::Bool(true)),
                sample("false".into(), Value::Bool(false)),
            ],
            TypeDef::Primitive(Primitive::Str) => vec![
                sample("\"x\"".into(), Value::Str(b"x".to_vec())),
                sample("\"\"".into(), Value::Str(vec![])),
                sample(
                    format!("String(len {})", self.oversized_bytes),
                    Value::Str(vec![b'a'; self.oversized_bytes]),
                ),
            ],
            TypeDef::Primitive(Primitive::Uint(bytes)) => {
                let name = registry.name(id);
                vec![
                    sample("1".into(), int(*bytes, 1)),
                    sample("0".into(), int(*bytes, 0)),
                    sample(format!("{name}::MAX"), int(*bytes, max_of(*bytes))),
                ]
            }
            TypeDef::Primitive(Primitive::Int(bytes)) => {
                let name = registry.name(id);
                let half = max_of(*bytes) >> 1;
                vec![
                    sample("1".into(), int(*bytes, 1)),
                    sample("0".into(), int(*bytes, 0)),
                    sample(format!("{name}::MAX"), int(*bytes, half)),
                    sample(format!("{name}::MIN"), int(*bytes, half + 1)),
                    sample("-1".into(), int(*bytes, max_of(*bytes))),
                ]
            }
            TypeDef::Compact(_) => vec![
                sample("1".into(), Value::Compact(1)),
                sample("0".into(), Value::Compact(0)),
                sample("MAX".into(), Value::Compact(u128::MAX)),
            ],
            TypeDef::Array(len, item) if registry.is_u8(*item) => [0x11u8, 0x00, 0xff]
                .iter()
                .map(|byte| {
                    sample(
                        format!("[0x{byte:02x}; {len}]"),
                        Value::Fields(vec![int(1, u128::from(*byte)); *len]),
                    )
                })
                .collect(),
            TypeDef::Array(len, item) => self
                .samples_at(registry, *item, depth + 1)?
                .into_iter()
                .map(|item| {
                    sample(
                        format!("[{}; {len}]", item.label),
                        Value::Fields(vec![item.value; *len]),
                    )
                })
                .collect(),
            TypeDef::Sequence(item) if registry.is_u8(*item) => vec![
                sample("[0x61]".into(), Value::Seq(vec![int(1, 0x61)])),
                sample("[]".into(), Value::Seq(vec![])),
                sample(
                    format!("Vec<u8>(len {})", self.oversized_bytes),
                    Value::Seq(vec![int(1, 0x61); self.oversized_bytes]),
                ),
            ],
            TypeDef::Sequence(item) => {
                let items = self.samples_at(registry, *item, depth + 1)?;
                let base = items.first().ok_or("no item sample")?.clone();
                let name = registry.name(*item);
                let mut out = vec![
                    sample(
                        format!("[{}]", base.label),
                        Value::Seq(vec![base.value.clone()]),
                    ),
                    sample("[]".into(), Value::Seq(vec![])),
                ];
                for alternative in items.iter().skip(1) {
                    out.push(sample(
                        format!("[{}]", alternative.label),
                        Value::Seq(vec![alternative.value.clone()]),
                    ));
                }
                let size = base.value.encode().len().max(1);
                let fitting = (self.fitting_bytes / size).min(self.oversized_items);
                if fitting > 1 {
                    out.push(sample(
                        format!("Vec<{name}>(len {fitting})"),
                        Value::Seq(vec![base.value.clone(); fitting]),
                    ));
                }
                if fitting < self.oversized_items {
                    out.push(sample(
                        format!("Vec<{name}>(len {})", self.oversized_items),
                        Value::Seq(vec![base.value.clone(); self.oversized_items]),
                    ));
                }
                out
            }
            TypeDef::Composite(fields) => {
                let fields: Vec<u32> = fields.iter().map(|field| field.ty).collect();
                self.combine(registry, &fields, depth, "{", "}")?
            }
            TypeDef::Tuple(items) => self.combine(registry, items, depth, "(", ")")?,
            TypeDef::Variant(variants) => {
                let mut out = Vec::new();
                for variant in variants {
                    let tys: Vec<u32> = variant.fields.iter().map(|field| field.ty).collect();
                    if tys.is_empty() {
                        out.push(sample(
                            variant.name.clone(),
                            Value::Variant {
                                index: variant.index,
                                fields: vec![],
                            },
                        ));
                        continue;
                    }
                    for payload in self.combine(registry, &tys, depth, "(", ")")? {
                        let Value::Fields(fields) = payload.value else {
                            return Err("variant payload".into());
                        };
                        out.push(sample(
                            format!("{}{}", variant.name, payload.label),
                            Value::Variant {
                                index: variant.index,
                                fields,
                            },
                        ));
                    }
                }
                // `Option<T>`: `Some(baseline)` is the baseline.
                if ty.path == "Option" && out.len() > 1 {
                    out.swap(0, 1);
                }
                out
            }
        };
        if let Some(hint) = self.hints.get(&ty.path) {
            // A realistic baseline; for structs and tuples vary its fields one at a time.
            let mut out = vec![hint.clone()];
            match (&ty.def, &hint.value) {
                (TypeDef::Composite(fields), Value::Fields(values)) => {
                    for (i, field) in fields.iter().enumerate() {
                        for alternative in self.samples_at(registry, field.ty, depth + 1)? {
                            if values.get(i) == Some(&alternative.value) {
                                continue;
                            }
                            let mut varied = values.clone();
                            if let Some(slot) = varied.get_mut(i) {
                                *slot = alternative.value;
                            }
                            let name = field.name.clone().unwrap_or_else(|| i.to_string());
                            out.push(sample(
                                format!("{}{{{name}: {}}}", hint.label, alternative.label),
                                Value::Fields(varied),
                            ));
                        }
                    }
                }
                _ => out.extend(samples.drain(..).filter(|s| s.value != hint.value)),
            }
            samples = out;
        }
        samples.truncate(MAX_SAMPLES);
        Ok(samples)
    }

    /// Samples of a product type: all baselines, then one item varied at a time.
    fn combine(
        &self,
        registry: &Registry,
        items: &[u32],
        depth: usize,
        open: &str,
        close: &str,
    ) -> Result<Vec<Sample>, String> {
        let per_item = items
            .iter()
            .map(|item| self.samples_at(registry, *item, depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        let baseline: Vec<&Sample> = per_item
            .iter()
            .map(|samples| samples.first().ok_or("no sample"))
            .collect::<Result<_, _>>()?;
        let label = |chosen: &[&Sample]| {
            format!(
                "{open}{}{close}",
                chosen
                    .iter()
                    .map(|sample| sample.label.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let value = |chosen: &[&Sample]| {
            Value::Fields(chosen.iter().map(|sample| sample.value.clone()).collect())
        };
        let mut out = vec![Sample {
            label: label(&baseline),
            value: value(&baseline),
        }];
        for (i, samples) in per_item.iter().enumerate() {
            for alternative in samples.iter().skip(1) {
                let mut chosen = baseline.clone();
                if let Some(slot) = chosen.get_mut(i) {
                    *slot = alternative;
                }
                out.push(Sample {
                    label: label(&chosen),
                    value: value(&chosen),
                });
            }
        }
        Ok(out)
    }
}

/// The argument combinations of `message`: the full product of every argument's samples if
/// it has at most `cap` entries, else the baseline and each argument varied alone (every
/// sample of every argument appears at least once).
pub fn combinations(
    context: &Context,
    registry: &Registry,
    message: &Message,
    cap: usize,
) -> Result<Vec<Vec<(String, Sample)>>, String> {
    let per_arg = message
        .args
        .iter()
        .map(|(name, ty)| Ok((name.clone(), context.samples(registry, *ty)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let product = per_arg
        .iter()
        .try_fold(1usize, |acc, (_, samples)| acc.checked_mul(samples.len()));
    if product.is_some_and(|product| product <= cap) {
        let mut out: Vec<Vec<(String, Sample)>> = vec![vec![]];
        for (name, samples) in &per_arg {
            out = out
                .into_iter()
                .flat_map(|prefix| {
                    samples.iter().map(move |sample| {
                        let mut next = prefix.clone();
                        next.push((name.clone(), sample.clone()));
                        next
                    })
                })
                .collect();
        }
        return Ok(out);
    }
    let baseline: Vec<(String, Sample)> = per_arg
        .iter()
        .map(|(name, samples)| Ok((name.clone(), samples.first().ok_or("no sample")?.clone())))
        .collect::<Result<_, String>>()?;
    let mut out = vec![baseline.clone()];
    for (i, (name, samples)) in per_arg.iter().enumerate() {
        for sample in samples.iter().skip(1) {
            let mut next = baseline.clone();
            if let Some(slot) = next.get_mut(i) {
                *slot = (name.clone(), sample.clone());
            }
            out.push(next);
        }
    }
    Ok(out)
}

/// The call input: selector then the encoded arguments.
pub fn input(message: &Message, args: &[(String, Sample)]) -> Vec<u8> {
    let mut out = message.selector.to_vec();
    for (_, sample) in args {
        sample.value.encode_to(&mut out);
    }
    out
}

/// Every byte left in the output; the sweep decodes it against the registry itself.
pub struct Rest(pub Vec<u8>);

impl Decode for Rest {
    fn decode<I: Input>(input: &mut I) -> Result<Self, ink::scale::Error> {
        let len = input.remaining_len()?.unwrap_or(0);
        let mut bytes = vec![0; len];
        input.read(&mut bytes)?;
        Ok(Self(bytes))
    }
}

/// Runs `f` on `chain` and rolls back every change it made afterwards, so that each call of a
/// sweep starts from the same state. `spare` is any other chain; it lends its place while `f`
/// runs.
pub fn isolated<T>(chain: &mut Chain, spare: &mut Chain, f: impl FnOnce(&mut Chain) -> T) -> T {
    use crate::Sandbox;
    spare.gas_limit = chain.gas_limit;
    chain.sandbox.dry_run(|sandbox| {
        std::mem::swap(sandbox, &mut spare.sandbox);
        let out = f(spare);
        std::mem::swap(sandbox, &mut spare.sandbox);
        out
    })
}

/**
 * A plain JSON value: what `toPlain` makes of a SCALE value. Integers are decimal strings,
 * accounts and byte arrays `0x` hex, `Option::None` is `null`, enum variants without data are
 * their name (`"Native"`), other variants `{ Variant: value }`, `Result`s `{ Ok: value }` /
 * `{ Err: error }`, structs objects with camelCase keys.
 */
export type Plain = null | boolean | string | number | Plain[] | { [key: string]: Plain };

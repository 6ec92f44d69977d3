//! sprig v3's functions as Argo's expressions see them
//! (`sprig.GenericFuncMap()`, `util/expr/env`; Argo pins sprig 3.3.0 with
//! spf13/cast 1.10), called the way expr 1.17 calls a Go function value:
//! the argument count first, then each argument against its parameter's
//! Go type (see [`args`]).
//!
//! What hera leaves out, each an "is not supported by hera" error: the
//! time functions that take or give a `time.Time` (`now`, `toDate`,
//! `dateModify`, `unixEpoch`: hera's values have none), hashing and
//! cryptography, `getHostByName`, `semver` and `semverCompare`,
//! and the case conversions of huandu/xstrings (`snakecase`, `camelcase`,
//! `kebabcase`).

mod args;
mod convert;
mod dicts;
mod encoding;
mod lists;
mod numbers;
mod paths;
mod random;
mod regex;
mod strings;
mod time;

use super::Value;
use super::builtins::{base64_decode, base64_encode, go_split};
use args::Args;
use convert::{empty, kind, strval, to_float64, to_int64};

/// The sprig functions hera implements (`sprig.<name>`).
pub const NAMES: &[&str] = &[
    // strings
    "abbrev",
    "abbrevboth",
    "trunc",
    "trim",
    "upper",
    "lower",
    "title",
    "untitle",
    "substr",
    "repeat",
    "trimall",
    "trimAll",
    "trimSuffix",
    "trimPrefix",
    "nospace",
    "initials",
    "swapcase",
    "wrap",
    "wrapWith",
    "contains",
    "hasPrefix",
    "hasSuffix",
    "quote",
    "squote",
    "cat",
    "indent",
    "nindent",
    "replace",
    "plural",
    "toString",
    "split",
    "splitList",
    "splitn",
    "toStrings",
    "join",
    "sortAlpha",
    "hello",
    // numbers
    "atoi",
    "int64",
    "int",
    "float64",
    "seq",
    "toDecimal",
    "until",
    "untilStep",
    "add1",
    "add",
    "sub",
    "div",
    "mod",
    "mul",
    "add1f",
    "addf",
    "subf",
    "divf",
    "mulf",
    "biggest",
    "max",
    "min",
    "maxf",
    "minf",
    "ceil",
    "floor",
    "round",
    // defaults, JSON, flow
    "default",
    "empty",
    "coalesce",
    "all",
    "any",
    "compact",
    "mustCompact",
    "fromJson",
    "toJson",
    "toPrettyJson",
    "toRawJson",
    "mustFromJson",
    "mustToJson",
    "mustToPrettyJson",
    "mustToRawJson",
    "ternary",
    "deepCopy",
    "mustDeepCopy",
    "fail",
    // reflection
    "typeOf",
    "typeIs",
    "typeIsLike",
    "kindOf",
    "kindIs",
    "deepEqual",
    // paths
    "base",
    "dir",
    "clean",
    "ext",
    "isAbs",
    "osBase",
    "osClean",
    "osDir",
    "osExt",
    "osIsAbs",
    // encodings
    "b64enc",
    "b64dec",
    "b32enc",
    "b32dec",
    "adler32sum",
    // lists
    "tuple",
    "list",
    "append",
    "push",
    "mustAppend",
    "mustPush",
    "prepend",
    "mustPrepend",
    "first",
    "mustFirst",
    "rest",
    "mustRest",
    "last",
    "mustLast",
    "initial",
    "mustInitial",
    "reverse",
    "mustReverse",
    "uniq",
    "mustUniq",
    "without",
    "mustWithout",
    "has",
    "mustHas",
    "slice",
    "mustSlice",
    "concat",
    "chunk",
    "mustChunk",
    // dictionaries
    "dict",
    "get",
    "set",
    "unset",
    "hasKey",
    "pluck",
    "keys",
    "pick",
    "omit",
    "merge",
    "mergeOverwrite",
    "mustMerge",
    "mustMergeOverwrite",
    "values",
    "dig",
    // random
    "randAlphaNum",
    "randAlpha",
    "randNumeric",
    "randAscii",
    "randInt",
    "randBytes",
    "uuidv4",
    "shuffle",
    // dates (without time.Time values)
    "date",
    "dateInZone",
    "date_in_zone",
    "htmlDate",
    "htmlDateInZone",
    "duration",
    "durationRound",
    "ago",
    // regular expressions
    "regexMatch",
    "mustRegexMatch",
    "regexFindAll",
    "mustRegexFindAll",
    "regexFind",
    "mustRegexFind",
    "regexReplaceAll",
    "mustRegexReplaceAll",
    "regexReplaceAllLiteral",
    "mustRegexReplaceAllLiteral",
    "regexSplit",
    "mustRegexSplit",
    "regexQuoteMeta",
];

/// `json.Marshal(v)` as Argo's own `toJson` writes it (HTML characters escaped).
pub(crate) fn to_json(v: &Value) -> String {
    encoding::to_json(v, true)
}

fn string(s: impl Into<String>) -> Value {
    Value::String(s.into())
}

fn strings_value(all: Vec<String>) -> Value {
    Value::Array(all.into_iter().map(Value::String).collect())
}

/// Calls `sprig.<name>` (`name` without the prefix).
pub(crate) fn call(name: &str, values: &[Value]) -> Result<Value, String> {
    let a = Args { values };
    let base = name.strip_prefix("must").map(|rest| {
        let mut chars = rest.chars();
        chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    });
    // The `must` forms return the error the plain forms panic with: the
    // same to an expression. Only `fromJson` (nil) and `regexMatch`
    // (false) answer where their `must` forms fail.
    if let Some(plain) = base.as_deref()
        && NAMES.contains(&plain)
        && !matches!(plain, "fromJson" | "regexMatch")
    {
        return call(plain, values);
    }
    Ok(match name {
        // strings
        "hello" => {
            a.exactly(0)?;
            string("Hello!")
        }
        "abbrev" => {
            a.exactly(2)?;
            let (width, s) = (a.int(0)?, a.string(1)?);
            string(if width < 4 { s.to_owned() } else { strings::abbreviate(s, 0, width) })
        }
        "abbrevboth" => {
            a.exactly(3)?;
            string(strings::abbrevboth(a.int(0)?, a.int(1)?, a.string(2)?))
        }
        "trunc" => {
            a.exactly(2)?;
            strings::trunc(a.int(0)?, a.string(1)?)
        }
        "trim" | "upper" | "lower" | "title" | "untitle" | "nospace" | "initials" | "swapcase" | "b64enc"
        | "b64dec" | "b32enc" | "b32dec" | "adler32sum" | "base" | "dir" | "clean" | "ext" | "isAbs"
        | "osBase" | "osClean" | "osDir" | "osExt" | "osIsAbs" | "regexQuoteMeta" => {
            a.exactly(1)?;
            one_string(name, a.string(0)?)
        }
        "substr" => {
            a.exactly(3)?;
            strings::substr(a.int(0)?, a.int(1)?, a.string(2)?)?
        }
        "repeat" => {
            a.exactly(2)?;
            let (count, s) = (a.int(0)?, a.string(1)?);
            if count < 0 {
                return Err("strings: negative Repeat count".into());
            }
            if (s.len() as i64).saturating_mul(count) > 1 << 24 {
                return Err("sprig.repeat: the result would exceed 16 MiB".into());
            }
            string(s.repeat(count as usize))
        }
        "trimall" | "trimAll" => {
            a.exactly(2)?;
            let (cut, s) = (a.string(0)?, a.string(1)?);
            string(s.trim_matches(|c| cut.contains(c)))
        }
        "trimSuffix" | "trimPrefix" | "contains" | "hasPrefix" | "hasSuffix" => {
            a.exactly(2)?;
            let (part, s) = (a.string(0)?, a.string(1)?);
            match name {
                "trimSuffix" => string(s.strip_suffix(part).unwrap_or(s)),
                "trimPrefix" => string(s.strip_prefix(part).unwrap_or(s)),
                "contains" => Value::Bool(s.contains(part)),
                "hasPrefix" => Value::Bool(s.starts_with(part)),
                _ => Value::Bool(s.ends_with(part)),
            }
        }
        "wrap" => {
            a.exactly(2)?;
            let (width, s) = (a.int(0)?, a.string(1)?);
            string(strings::wrap(s, width, "\n", false))
        }
        "wrapWith" => {
            a.exactly(3)?;
            let (width, newline, s) = (a.int(0)?, a.string(1)?, a.string(2)?);
            string(strings::wrap(s, width, newline, true))
        }
        "quote" => string(strings::quote(a.rest(0))),
        "squote" => string(strings::squote(a.rest(0))),
        "cat" => string(strings::cat(a.rest(0))),
        "indent" | "nindent" => {
            a.exactly(2)?;
            let text = strings::indent(a.int(0)?, a.string(1)?)?;
            string(if name == "nindent" { format!("\n{text}") } else { text })
        }
        "replace" => {
            a.exactly(3)?;
            let (old, new, s) = (a.string(0)?, a.string(1)?, a.string(2)?);
            string(go_replace(s, old, new))
        }
        "plural" => {
            a.exactly(3)?;
            let (one, many, count) = (a.string(0)?, a.string(1)?, a.int(2)?);
            string(if count == 1 { one } else { many })
        }
        "toString" => {
            a.exactly(1)?;
            string(strval(a.any(0)))
        }
        "split" => {
            a.exactly(2)?;
            strings::split(a.string(0)?, -1, a.string(1)?)
        }
        "splitn" => {
            a.exactly(3)?;
            strings::split(a.string(0)?, a.int(1)?, a.string(2)?)
        }
        "splitList" => {
            a.exactly(2)?;
            let (sep, s) = (a.string(0)?, a.string(1)?);
            strings_value(go_split(s, sep).into_iter().map(str::to_owned).collect())
        }
        "toStrings" => {
            a.exactly(1)?;
            strings_value(strings::strslice(a.any(0)))
        }
        "join" => {
            a.exactly(2)?;
            let sep = a.string(0)?;
            string(strings::strslice(a.any(1)).join(sep))
        }
        "sortAlpha" => {
            a.exactly(1)?;
            lists::sort_alpha(a.any(0))
        }
        // numbers
        "atoi" => {
            a.exactly(1)?;
            Value::Int(a.string(0)?.parse().unwrap_or(0))
        }
        "int64" | "int" => {
            a.exactly(1)?;
            Value::Int(to_int64(a.any(0)))
        }
        "float64" => {
            a.exactly(1)?;
            Value::Float(to_float64(a.any(0)))
        }
        "toDecimal" => {
            a.exactly(1)?;
            Value::Int(numbers::to_decimal(a.any(0)))
        }
        "seq" => lists::seq(&a.ints(0)?)?,
        "until" => {
            a.exactly(1)?;
            let count = a.int(0)?;
            lists::until_step(0, count, if count < 0 { -1 } else { 1 })?
        }
        "untilStep" => {
            a.exactly(3)?;
            lists::until_step(a.int(0)?, a.int(1)?, a.int(2)?)?
        }
        "add1" => {
            a.exactly(1)?;
            Value::Int(to_int64(a.any(0)).wrapping_add(1))
        }
        "add" => Value::Int(a.rest(0).iter().map(to_int64).fold(0, i64::wrapping_add)),
        "mul" => {
            a.at_least(1)?;
            Value::Int(a.rest(1).iter().map(to_int64).fold(to_int64(a.any(0)), i64::wrapping_mul))
        }
        "sub" | "div" | "mod" => {
            a.exactly(2)?;
            let (x, y) = (to_int64(a.any(0)), to_int64(a.any(1)));
            if y == 0 && name != "sub" {
                return Err("runtime error: integer divide by zero".into());
            }
            Value::Int(match name {
                "sub" => x.wrapping_sub(y),
                "div" => x.wrapping_div(y),
                _ => x.wrapping_rem(y),
            })
        }
        "add1f" => {
            a.exactly(1)?;
            numbers::decimal_op("add", a.any(0), &[Value::Int(1)])?
        }
        "addf" => numbers::decimal_op("add", &Value::Float(0.0), a.rest(0))?,
        "subf" | "mulf" | "divf" => {
            a.at_least(1)?;
            numbers::decimal_op(&name[..3], a.any(0), a.rest(1))?
        }
        "biggest" | "max" | "min" => {
            a.at_least(1)?;
            let first = to_int64(a.any(0));
            let all = a.rest(1).iter().map(to_int64);
            Value::Int(if name == "min" { all.fold(first, i64::min) } else { all.fold(first, i64::max) })
        }
        "maxf" | "minf" => {
            a.at_least(1)?;
            let first = to_float64(a.any(0));
            let all = a.rest(1).iter().map(to_float64);
            Value::Float(if name == "minf" { all.fold(first, go_min) } else { all.fold(first, go_max) })
        }
        "ceil" | "floor" => {
            a.exactly(1)?;
            let x = to_float64(a.any(0));
            Value::Float(if name == "ceil" { x.ceil() } else { x.floor() })
        }
        "round" => {
            a.at_least(2)?;
            let places = a.int(1)?;
            let round_on = if a.len() > 2 { a.float(2)? } else { 0.5 };
            for i in 3..a.len() {
                a.float(i)?;
            }
            Value::Float(numbers::round(to_float64(a.any(0)), places, round_on))
        }
        // defaults, JSON, flow
        "default" => {
            a.at_least(1)?;
            match a.rest(1).first() {
                Some(given) if !empty(given) => given.clone(),
                _ => a.any(0).clone(),
            }
        }
        "empty" => {
            a.exactly(1)?;
            Value::Bool(empty(a.any(0)))
        }
        "coalesce" => a.rest(0).iter().find(|v| !empty(v)).cloned().unwrap_or(Value::Nil),
        "all" => Value::Bool(a.rest(0).iter().all(|v| !empty(v))),
        "any" => Value::Bool(a.rest(0).iter().any(|v| !empty(v))),
        "compact" => {
            a.exactly(1)?;
            lists::compact(a.any(0))?
        }
        "fromJson" | "mustFromJson" => {
            a.exactly(1)?;
            match encoding::from_json(a.string(0)?) {
                Ok(v) => v,
                Err(e) if name == "mustFromJson" => return Err(e),
                Err(_) => Value::Nil,
            }
        }
        "toJson" | "toRawJson" => {
            a.exactly(1)?;
            string(encoding::to_json(a.any(0), !name.ends_with("RawJson")))
        }
        "toPrettyJson" => {
            a.exactly(1)?;
            string(encoding::to_pretty_json(a.any(0)))
        }
        "ternary" => {
            a.exactly(3)?;
            if a.bool(2)? { a.any(0).clone() } else { a.any(1).clone() }
        }
        "deepCopy" => {
            a.exactly(1)?;
            if *a.any(0) == Value::Nil {
                return Err("deepCopy error: reflect: call of reflect.Value.Type on zero Value".into());
            }
            a.any(0).clone()
        }
        "fail" => {
            a.exactly(1)?;
            return Err(a.string(0)?.to_owned());
        }
        // reflection
        "typeOf" | "kindOf" => {
            a.exactly(1)?;
            let v = a.any(0);
            string(if name == "typeOf" { v.type_name() } else { kind(v) })
        }
        "typeIs" | "typeIsLike" | "kindIs" => {
            a.exactly(2)?;
            let (target, v) = (a.string(0)?, a.any(1));
            Value::Bool(match name {
                "kindIs" => target == kind(v),
                "typeIs" => target == v.type_name(),
                _ => target == v.type_name() || target == format!("*{}", v.type_name()),
            })
        }
        "deepEqual" => {
            a.exactly(2)?;
            Value::Bool(a.any(0) == a.any(1))
        }
        // lists
        "list" | "tuple" => Value::Array(a.rest(0).to_vec()),
        "append" | "push" | "prepend" => {
            a.exactly(2)?;
            if name == "prepend" {
                lists::prepend(a.any(0), a.any(1))?
            } else {
                lists::push(a.any(0), a.any(1))?
            }
        }
        "first" | "rest" | "last" | "initial" => {
            a.exactly(1)?;
            lists::end(name, a.any(0))?
        }
        "reverse" => {
            a.exactly(1)?;
            lists::reverse(a.any(0))?
        }
        "uniq" => {
            a.exactly(1)?;
            lists::uniq(a.any(0))?
        }
        "without" => {
            a.at_least(1)?;
            lists::without(a.any(0), a.rest(1))?
        }
        "has" => {
            a.exactly(2)?;
            lists::has(a.any(0), a.any(1))?
        }
        "slice" => {
            a.at_least(1)?;
            lists::slice(a.any(0), a.rest(1))?
        }
        "concat" => lists::concat(a.rest(0))?,
        "chunk" => {
            a.exactly(2)?;
            lists::chunk(a.int(0)?, a.any(1))?
        }
        // dictionaries
        "dict" => dicts::dict(a.rest(0)),
        "get" => {
            a.exactly(2)?;
            let (map, key) = (a.map(0)?, a.string(1)?);
            map.get(key).cloned().unwrap_or_else(|| string(""))
        }
        "set" => {
            a.exactly(3)?;
            let (mut map, key) = (a.map(0)?, a.string(1)?);
            map.insert(key.to_owned(), a.any(2).clone());
            Value::Map(map)
        }
        "unset" => {
            a.exactly(2)?;
            let (mut map, key) = (a.map(0)?, a.string(1)?);
            map.remove(key);
            Value::Map(map)
        }
        "hasKey" => {
            a.exactly(2)?;
            let (map, key) = (a.map(0)?, a.string(1)?);
            Value::Bool(map.contains_key(key))
        }
        "pluck" => {
            a.at_least(1)?;
            dicts::pluck(a.string(0)?, &a.maps(1)?)
        }
        "keys" => dicts::keys(&a.maps(0)?),
        "pick" | "omit" => {
            a.at_least(1)?;
            let (map, keys) = (a.map(0)?, a.strings(1)?);
            if name == "pick" { dicts::pick(&map, &keys) } else { dicts::omit(&map, &keys) }
        }
        "merge" | "mergeOverwrite" => {
            a.at_least(1)?;
            dicts::merge(a.map(0)?, &a.maps(1)?, name == "mergeOverwrite")
        }
        "values" => {
            a.exactly(1)?;
            Value::Array(a.map(0)?.into_values().collect())
        }
        "dig" => dicts::dig(a.rest(0))?,
        // random
        "randAlphaNum" | "randAlpha" | "randNumeric" | "randAscii" => {
            a.exactly(1)?;
            let alphabet = match name {
                "randAlphaNum" => format!("{}{}", random::ALPHA, random::NUMERIC),
                "randAlpha" => random::ALPHA.to_owned(),
                "randNumeric" => random::NUMERIC.to_owned(),
                _ => random::ascii(),
            };
            string(random::string(a.int(0)?, &alphabet))
        }
        "randInt" => {
            a.exactly(2)?;
            random::int(a.int(0)?, a.int(1)?)?
        }
        "randBytes" => {
            a.exactly(1)?;
            random::bytes(a.int(0)?)?
        }
        "uuidv4" => {
            a.exactly(0)?;
            string(random::uuid())
        }
        "shuffle" => {
            a.exactly(1)?;
            string(random::shuffle(a.string(0)?))
        }
        // dates
        "date" => {
            a.exactly(2)?;
            string(time::date_in_zone(a.string(0)?, a.any(1)))
        }
        "dateInZone" | "date_in_zone" => {
            a.exactly(3)?;
            let (layout, date) = (a.string(0)?, a.any(1));
            a.string(2)?;
            string(time::date_in_zone(layout, date))
        }
        "htmlDate" => {
            a.exactly(1)?;
            string(time::date_in_zone("2006-01-02", a.any(0)))
        }
        "htmlDateInZone" => {
            a.exactly(2)?;
            a.string(1)?;
            string(time::date_in_zone("2006-01-02", a.any(0)))
        }
        "duration" | "durationRound" | "ago" => {
            a.exactly(1)?;
            string(match name {
                "duration" => time::duration(a.any(0)),
                "durationRound" => time::duration_round(a.any(0)),
                _ => time::ago(a.any(0)),
            })
        }
        // regular expressions
        "regexMatch" | "mustRegexMatch" => {
            a.exactly(2)?;
            regex::is_match(a.string(0)?, a.string(1)?, name == "mustRegexMatch")?
        }
        "regexFindAll" => {
            a.exactly(3)?;
            regex::find_all(a.string(0)?, a.string(1)?, a.int(2)?)?
        }
        "regexFind" => {
            a.exactly(2)?;
            regex::find(a.string(0)?, a.string(1)?)?
        }
        "regexReplaceAll" | "regexReplaceAllLiteral" => {
            a.exactly(3)?;
            regex::replace_all(a.string(0)?, a.string(1)?, a.string(2)?, name.ends_with("Literal"))?
        }
        "regexSplit" => {
            a.exactly(3)?;
            regex::split(a.string(0)?, a.string(1)?, a.int(2)?)?
        }
        other => return Err(format!("sprig function {other} is not supported by hera")),
    })
}

/// The functions of one `string` that return a string (or a bool).
fn one_string(name: &str, s: &str) -> Value {
    match name {
        "trim" => string(s.trim()),
        "upper" => string(s.to_uppercase()),
        "lower" => string(s.to_lowercase()),
        "title" => string(strings::title(s)),
        "untitle" => string(strings::untitle(s)),
        "nospace" => string(strings::nospace(s)),
        "initials" => string(strings::initials(s)),
        "swapcase" => string(strings::swapcase(s)),
        "b64enc" => string(base64_encode(s.as_bytes())),
        "b64dec" => match base64_decode(s) {
            Some(bytes) => string(String::from_utf8_lossy(&bytes)),
            None => string(format!("illegal base64 data at input byte {}", base64_error_at(s))),
        },
        "b32enc" => string(encoding::base32_encode(s.as_bytes())),
        "b32dec" => string(encoding::base32_decode(s)),
        "adler32sum" => string(encoding::adler32(s.as_bytes())),
        "base" | "osBase" => string(paths::base(s)),
        "dir" | "osDir" => string(paths::dir(s)),
        "clean" | "osClean" => string(paths::clean(s)),
        "ext" | "osExt" => string(paths::ext(s)),
        "isAbs" | "osIsAbs" => Value::Bool(s.starts_with('/')),
        _ => string(regex::quote_meta(s)),
    }
}

/// Where Go's base64 decoder reports bad input: the first byte outside
/// the alphabet, else the start of the incomplete last quantum.
fn base64_error_at(s: &str) -> usize {
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=';
    s.bytes().position(|b| !alphabet(b)).unwrap_or(s.len() / 4 * 4)
}

/// `strings.Replace(s, old, new, -1)`: an empty `old` matches before each character and at the end.
fn go_replace(s: &str, old: &str, new: &str) -> String {
    if !old.is_empty() {
        return s.replace(old, new);
    }
    let mut out = String::from(new);
    for c in s.chars() {
        out.push(c);
        out.push_str(new);
    }
    out
}

/// `math.Max` (NaN wins; +0 over -0).
fn go_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() { f64::NAN } else { a.max(b) }
}

/// `math.Min`.
fn go_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() { f64::NAN } else { a.min(b) }
}

//! Loops: `withItems`, `withParam` and `withSequence` expanded into one
//! step or task per item, named as Argo names them (`processItem`,
//! `generateNodeName`, `expandSequence`).

use super::substitute::{self, Strict, Variables};
use crate::model;
use serde_json::Value;

/// `ShouldExpand`: whether a step or task loops (an empty `withItems`
/// list is no loop: the step runs once).
pub(crate) fn should_expand(
    with_items: Option<&Vec<model::Item>>,
    with_param: Option<&str>,
    with_sequence: Option<&model::Sequence>,
) -> bool {
    with_items.is_some_and(|i| !i.is_empty())
        || with_param.is_some_and(|p| !p.is_empty())
        || with_sequence.is_some()
}

/// The items of a loop, or why there are none.
pub(crate) fn items(
    with_items: Option<&Vec<model::Item>>,
    with_param: Option<&str>,
    with_sequence: Option<&model::Sequence>,
) -> Result<Vec<Value>, String> {
    if let Some(items) = with_items.filter(|i| !i.is_empty()) {
        return Ok(items.clone());
    }
    if let Some(param) = with_param.filter(|p| !p.is_empty()) {
        return match serde_json::from_str::<Value>(param) {
            Ok(Value::Array(items)) => Ok(items),
            Ok(_) => Err(format!(
                "withParam value could not be parsed as a JSON list: {}: json: cannot unmarshal object into Go value of type []v1alpha1.Item",
                param.trim()
            )),
            Err(e) => {
                Err(format!("withParam value could not be parsed as a JSON list: {}: {e}", param.trim()))
            }
        };
    }
    if let Some(sequence) = with_sequence {
        return expand_sequence(sequence);
    }
    Err("expandStep() was called with withItems and withParam empty".into())
}

/// `expandSequence`.
fn expand_sequence(seq: &model::Sequence) -> Result<Vec<Value>, String> {
    let number = |v: &model::IntOrString| -> Result<i64, String> {
        let text = match v {
            model::IntOrString::Int(i) => i.to_string(),
            model::IntOrString::String(s) => s.clone(),
        };
        text.parse().map_err(|_| format!("strconv.Atoi: parsing {text:?}: invalid syntax"))
    };
    let start = seq.start.as_ref().map(number).transpose()?.unwrap_or(0);
    let end = match (&seq.end, &seq.count) {
        (Some(end), _) => number(end)?,
        (None, Some(count)) => {
            let count = number(count)?;
            if count == 0 {
                return Ok(Vec::new());
            }
            start + count - 1
        }
        (None, None) => return Err("neither end nor count was specified in withSequence".into()),
    };
    let format = seq.format.as_deref().unwrap_or("%d");
    let render = |i: i64| Value::String(go_sprintf_int(format, i));
    Ok(if start <= end {
        (start..=end).map(render).collect()
    } else {
        (end..=start).rev().map(render).collect()
    })
}

/// Go's `fmt.Sprintf(format, i)` for the integer verbs sequences use
/// (`%d`, `%02d`, `%x`, `%o`, `%5d`...).
fn go_sprintf_int(format: &str, i: i64) -> String {
    let Some(at) = format.find('%') else { return format!("{format}%!(EXTRA int={i})") };
    let rest = &format[at + 1..];
    let spec_len = rest.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(rest.len());
    let (flags, verb) = (&rest[..spec_len], rest[spec_len..].chars().next().unwrap_or('d'));
    let zero = flags.starts_with('0');
    let width: usize = flags.trim_start_matches('0').parse().unwrap_or(0);
    let body = match verb {
        'x' => format!("{i:x}"),
        'X' => format!("{i:X}"),
        'o' => format!("{i:o}"),
        'b' => format!("{i:b}"),
        _ => i.to_string(),
    };
    let padded = if zero { format!("{body:0>width$}") } else { format!("{body:>width$}") };
    format!("{}{}{}", &format[..at], padded, &rest[spec_len + verb.len_utf8()..])
}

/// The text of an item as `{{item}}` gives it, and the node name suffix.
fn describe(item: &Value) -> Result<(String, String), String> {
    Ok(match item {
        Value::String(s) => (s.clone(), s.clone()),
        Value::Number(_) | Value::Bool(_) => (item.to_string(), item.to_string()),
        Value::Object(map) => {
            let mut parts: Vec<String> = map.iter().map(|(k, v)| format!("{k}:{}", go_print(v))).collect();
            parts.sort();
            (super::scope::go_json(item), parts.join(","))
        }
        Value::Array(list) => (
            super::scope::go_json(item),
            format!("[{}]", list.iter().map(go_print).collect::<Vec<_>>().join(" ")),
        ),
        Value::Null => return Err("withItems expected string, number, list, or map. received: null".into()),
    })
}

/// Go's `%v` of a JSON value decoded into `interface{}`.
fn go_print(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        Value::Array(list) => format!("[{}]", list.iter().map(go_print).collect::<Vec<_>>().join(" ")),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            format!(
                "map[{}]",
                keys.iter().map(|k| format!("{k}:{}", go_print(&map[*k]))).collect::<Vec<_>>().join(" ")
            )
        }
        other => other.to_string(),
    }
}

/// `processItem`: one item's step or task (`T` is the step or task type),
/// its name `name(index:desc)` and its body with `{{item…}}` substituted.
pub(crate) fn expand_one<T>(
    body: &T,
    name: &str,
    index: usize,
    item: &Value,
    globals: &Variables,
    lenient: bool,
    expressions: substitute::Expressions<'_>,
) -> Result<(String, T), String>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    let (text, desc) = describe(item)?;
    let mut vars = globals.clone();
    vars.insert("item".into(), Some(text));
    if let Value::Object(map) = item {
        for (k, v) in map {
            vars.insert(format!("item.{k}"), Some(go_print(v)));
        }
    }
    if lenient {
        vars.retain(|_, v| v.is_some());
    }
    let strict = if lenient { Strict::None } else { Strict::All };
    let expanded = substitute::object(body, &vars, strict, expressions)?;
    let clean = desc.replace(['(', ')'], "");
    Ok((format!("{name}({index}:{clean})"), expanded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_count_up_or_down_in_go_format() {
        let seq = |start: i64, end: Option<i64>, count: Option<i64>, format: Option<&str>| model::Sequence {
            start: Some(model::IntOrString::Int(start)),
            end: end.map(model::IntOrString::Int),
            count: count.map(model::IntOrString::Int),
            format: format.map(str::to_owned),
        };
        assert_eq!(
            expand_sequence(&seq(2, Some(4), None, None)).unwrap(),
            vec![Value::from("2"), Value::from("3"), Value::from("4")]
        );
        assert_eq!(expand_sequence(&seq(3, Some(1), None, None)).unwrap().len(), 3);
        assert_eq!(
            expand_sequence(&seq(0, None, Some(2), Some("test%02d"))).unwrap(),
            vec![Value::from("test00"), Value::from("test01")]
        );
        assert!(expand_sequence(&seq(0, None, Some(0), None)).unwrap().is_empty());
    }

    #[test]
    fn item_names_follow_generate_node_name() {
        let none = |_: &str, _: &Variables, _: Strict<'_>| Ok(None);
        let body = serde_json::json!({"v": "{{item}} {{item.a}}"});
        let (name, out) = expand_one(
            &body,
            "s",
            1,
            &serde_json::json!({"b": 2, "a": "x(y)"}),
            &Variables::default(),
            false,
            &none,
        )
        .unwrap();
        assert_eq!(name, "s(1:a:xy,b:2)");
        assert_eq!(out["v"], r#"{"a":"x(y)","b":2} x(y)"#);
        let (name, _) =
            expand_one(&body, "s", 0, &serde_json::json!([1, "a"]), &Variables::default(), true, &none)
                .unwrap();
        assert_eq!(name, "s(0:[1 a])");
    }
}

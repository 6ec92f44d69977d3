//! Tokens of a `when` expression, read the way govaluate's lexer reads them
//! (`parsing.go` `readToken`, `lexerState.go` `checkExpressionSyntax`).
//!
//! The quirks are kept on purpose, because they decide what Argo accepts:
//! a symbol is every non-alphanumeric character up to a space (`1<-2` is the
//! token `<-`, which is invalid), a number is digits and dots (`1.2.3` fails
//! to parse), a bare word is a variable (Argo then treats it as a string),
//! a word with a dot is an accessor (`a.b`), and a quoted string that parses
//! as a date is a date.

use super::time;
use super::value::{Value, go_format};
use std::fmt;

/// What kind of token (govaluate's `TokenKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Unknown,
    Prefix,
    Numeric,
    Boolean,
    String,
    Pattern,
    Time,
    Variable,
    Separator,
    Accessor,
    Comparator,
    LogicalOp,
    Modifier,
    Clause,
    ClauseClose,
    Ternary,
}

impl Kind {
    /// govaluate's name for the kind, as its messages print it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Unknown => "UNKNOWN",
            Kind::Prefix => "PREFIX",
            Kind::Numeric => "NUMERIC",
            Kind::Boolean => "BOOLEAN",
            Kind::String => "STRING",
            Kind::Pattern => "PATTERN",
            Kind::Time => "TIME",
            Kind::Variable => "VARIABLE",
            Kind::Separator => "SEPARATOR",
            Kind::Accessor => "ACCESSOR",
            Kind::Comparator => "COMPARATOR",
            Kind::LogicalOp => "LOGICALOP",
            Kind::Modifier => "MODIFIER",
            Kind::Clause => "CLAUSE",
            Kind::ClauseClose => "CLAUSE_CLOSE",
            Kind::Ternary => "TERNARY",
        }
    }

    /// Whether an expression may end after this kind (`isEOF`).
    fn may_end(self) -> bool {
        matches!(
            self,
            Kind::ClauseClose
                | Kind::Numeric
                | Kind::Boolean
                | Kind::String
                | Kind::Time
                | Kind::Pattern
                | Kind::Variable
                | Kind::Accessor
        )
    }

    /// The kinds that may follow this one (`validNextKinds`).
    pub fn may_precede(self, next: Kind) -> bool {
        use Kind::*;
        let allowed: &[Kind] = match self {
            Unknown | Clause => {
                &[Prefix, Numeric, Boolean, Variable, Pattern, Accessor, String, Time, Clause, ClauseClose]
            }
            ClauseClose => &[
                Comparator,
                Modifier,
                Numeric,
                Boolean,
                Variable,
                String,
                Pattern,
                Time,
                Clause,
                ClauseClose,
                LogicalOp,
                Ternary,
                Separator,
            ],
            Numeric | Boolean | String | Variable => {
                &[Modifier, Comparator, LogicalOp, ClauseClose, Ternary, Separator]
            }
            Time | Pattern => &[Modifier, Comparator, LogicalOp, ClauseClose, Separator],
            Modifier => &[Prefix, Numeric, Variable, Accessor, String, Boolean, Clause, ClauseClose],
            Comparator => {
                &[Prefix, Numeric, Boolean, Variable, Accessor, String, Time, Clause, ClauseClose, Pattern]
            }
            LogicalOp => &[Prefix, Numeric, Boolean, Variable, Accessor, String, Time, Clause, ClauseClose],
            Prefix => &[Numeric, Boolean, Variable, Accessor, Clause, ClauseClose],
            Ternary => &[Prefix, Numeric, Boolean, String, Time, Variable, Accessor, Clause, Separator],
            Accessor => &[Clause, Modifier, Comparator, LogicalOp, ClauseClose, Ternary, Separator],
            Separator => &[Prefix, Numeric, Boolean, String, Time, Variable, Accessor, Clause],
        };
        // The unknown state (the start) may not be followed by `)`; a clause may.
        !(self == Unknown && next == ClauseClose) && allowed.contains(&next)
    }
}

/// One token: its kind and value.
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub kind: Kind,
    pub value: TokenValue,
}

/// A token's value.
#[derive(Clone, Debug)]
pub(super) enum TokenValue {
    /// A literal (number, boolean, string, pattern, date as unix seconds).
    Literal(Value),
    /// An operator or a variable name.
    Text(String),
    /// The parts of `a.b.c`.
    Parts(Vec<String>),
    /// `(` or `)`.
    Paren(char),
    /// A date, printed as Go prints a `time.Time`.
    Time(time::Moment),
}

impl fmt::Display for TokenValue {
    /// As govaluate's messages print a token value (`%v`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenValue::Literal(value) => write!(f, "{}", go_format(value)),
            TokenValue::Text(text) => f.write_str(text),
            TokenValue::Parts(parts) => write!(f, "[{}]", parts.join(" ")),
            // Go prints a rune with %v as its number.
            TokenValue::Paren(c) => write!(f, "{}", *c as u32),
            TokenValue::Time(moment) => write!(f, "{moment}"),
        }
    }
}

impl Token {
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            TokenValue::Text(text) => Some(text),
            _ => None,
        }
    }
}

const PREFIXES: [&str; 3] = ["-", "!", "~"];
const MODIFIERS: [&str; 11] = ["+", "-", "*", "/", "%", "**", "&", "|", "^", ">>", "<<"];
const LOGICAL: [&str; 2] = ["&&", "||"];
pub(super) const COMPARATORS: [&str; 9] = ["==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in"];
const TERNARIES: [&str; 3] = ["?", ":", "??"];

/// A cursor over the characters of the expression (`lexerStream`).
struct Stream {
    chars: Vec<char>,
    position: usize,
}

impl Stream {
    fn can_read(&self) -> bool {
        self.position < self.chars.len()
    }

    fn read(&mut self) -> Option<char> {
        let c = self.chars.get(self.position).copied();
        self.position += 1;
        c
    }

    fn rewind(&mut self, amount: isize) {
        self.position = self.position.saturating_add_signed(-amount);
    }

    /// `readUntilFalse`: characters while `condition` holds; a backslash
    /// escapes the next character; whitespace is kept, skipped or ends the
    /// token as asked. The flag says whether the condition (or a space)
    /// ended it, rather than the end of the input.
    fn read_while(
        &mut self,
        include_whitespace: bool,
        break_whitespace: bool,
        condition: impl Fn(char) -> bool,
    ) -> (String, bool) {
        let mut out = String::new();
        while self.can_read() {
            let Some(mut c) = self.read() else { break };
            if c == '\\' {
                match self.read() {
                    Some(escaped) => c = escaped,
                    // Go reads past the end here and panics; an unclosed token is what it means.
                    None => return (out, false),
                }
                out.push(c);
                continue;
            }
            if c.is_whitespace() {
                if break_whitespace && !out.is_empty() {
                    return (out, true);
                }
                if !include_whitespace {
                    continue;
                }
            }
            if condition(c) {
                out.push(c);
            } else {
                self.rewind(1);
                return (out, true);
            }
        }
        (out, false)
    }

    /// `readTokenUntilFalse`: from the character just read.
    fn read_token(&mut self, condition: impl Fn(char) -> bool) -> String {
        self.rewind(1);
        self.read_while(false, true, condition).0
    }
}

fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

fn is_quote(c: char) -> bool {
    c == '\'' || c == '"'
}

fn is_not_alphanumeric(c: char) -> bool {
    !(c.is_ascii_digit() || c.is_alphabetic() || matches!(c, '(' | ')' | '[' | ']') || is_quote(c))
}

fn is_variable_name(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || c == '_' || c == '.'
}

/// Reads every token (`parseTokens`), then checks parentheses balance.
pub(super) fn tokens(expression: &str) -> Result<Vec<Token>, String> {
    let mut stream = Stream { chars: expression.chars().collect(), position: 0 };
    let mut out = Vec::new();
    let mut state = Kind::Unknown;
    while stream.can_read() {
        let Some(token) = read_token(&mut stream, state)? else { break };
        state = token.kind;
        out.push(token);
    }
    check_balance(&out)?;
    Ok(out)
}

fn literal(kind: Kind, value: Value) -> Token {
    Token { kind, value: TokenValue::Literal(value) }
}

fn text(kind: Kind, text: impl Into<String>) -> Token {
    Token { kind, value: TokenValue::Text(text.into()) }
}

/// One token, or `None` when only whitespace is left (`readToken`).
fn read_token(stream: &mut Stream, state: Kind) -> Result<Option<Token>, String> {
    while let Some(c) = stream.read() {
        if c.is_whitespace() {
            continue;
        }
        if is_numeric(c) {
            if stream.can_read() && c == '0' {
                let next = stream.read();
                if stream.can_read() && next == Some('x') {
                    let (digits, _) = stream.read_while(false, true, |c| c.is_ascii_hexdigit());
                    return match u64::from_str_radix(&digits, 16) {
                        Ok(n) => Ok(Some(literal(Kind::Numeric, Value::Number(n as f64)))),
                        Err(_) => Err(format!("Unable to parse hex value '{digits}' to uint64\n")),
                    };
                }
                stream.rewind(1);
            }
            let digits = stream.read_token(is_numeric);
            return match digits.parse::<f64>() {
                Ok(n) => Ok(Some(literal(Kind::Numeric, Value::Number(n)))),
                Err(_) => Err(format!("Unable to parse numeric value '{digits}' to float64\n")),
            };
        }
        if c == ',' {
            return Ok(Some(text(Kind::Separator, ",")));
        }
        if c == '[' {
            let (name, closed) = stream.read_while(true, false, |c| c != ']');
            if !closed {
                return Err("Unclosed parameter bracket".into());
            }
            stream.rewind(-1);
            return Ok(Some(text(Kind::Variable, name)));
        }
        if c.is_alphabetic() {
            let word = stream.read_token(is_variable_name);
            return Ok(Some(word_token(word)?));
        }
        if is_quote(c) {
            let (content, closed) = stream.read_while(true, false, |c| !is_quote(c));
            if !closed {
                return Err("Unclosed string literal".into());
            }
            stream.rewind(-1);
            return Ok(Some(match time::parse(&content) {
                Some(moment) => Token { kind: Kind::Time, value: TokenValue::Time(moment) },
                None => literal(Kind::String, Value::String(content)),
            }));
        }
        if c == '(' || c == ')' {
            let kind = if c == '(' { Kind::Clause } else { Kind::ClauseClose };
            return Ok(Some(Token { kind, value: TokenValue::Paren(c) }));
        }
        let symbol = stream.read_token(is_not_alphanumeric);
        let kind = if state.may_precede(Kind::Prefix) && PREFIXES.contains(&symbol.as_str()) {
            Kind::Prefix
        } else if MODIFIERS.contains(&symbol.as_str()) {
            Kind::Modifier
        } else if LOGICAL.contains(&symbol.as_str()) {
            Kind::LogicalOp
        } else if COMPARATORS.contains(&symbol.as_str()) {
            Kind::Comparator
        } else if TERNARIES.contains(&symbol.as_str()) {
            Kind::Ternary
        } else {
            return Err(format!("Invalid token: '{symbol}'"));
        };
        return Ok(Some(text(kind, symbol)));
    }
    Ok(None)
}

/// A bare word: a boolean, `in`, an accessor (`a.b`) or a variable.
fn word_token(word: String) -> Result<Token, String> {
    match word.as_str() {
        "true" => return Ok(literal(Kind::Boolean, Value::Bool(true))),
        "false" => return Ok(literal(Kind::Boolean, Value::Bool(false))),
        "in" | "IN" => return Ok(text(Kind::Comparator, "in")),
        _ => {}
    }
    if word.find('.').is_some_and(|at| at > 0) {
        if word.ends_with('.') {
            return Err(format!("Hanging accessor on token '{word}'"));
        }
        let parts: Vec<String> = word.split('.').map(str::to_owned).collect();
        for part in &parts[1..] {
            if let Some(first) = part.chars().next()
                && first.to_uppercase().next() != Some(first)
            {
                return Err(format!("Unable to access unexported field '{part}' in token '{word}'"));
            }
        }
        return Ok(Token { kind: Kind::Accessor, value: TokenValue::Parts(parts) });
    }
    Ok(text(Kind::Variable, word))
}

fn check_balance(tokens: &[Token]) -> Result<(), String> {
    let mut depth = 0i64;
    for token in tokens {
        match token.kind {
            Kind::Clause => depth += 1,
            Kind::ClauseClose => depth -= 1,
            _ => {}
        }
    }
    if depth != 0 { Err("Unbalanced parenthesis".into()) } else { Ok(()) }
}

/// Checks that each token may follow the one before (`checkExpressionSyntax`).
pub(super) fn check_syntax(tokens: &[Token]) -> Result<(), String> {
    let mut state = Kind::Unknown;
    let mut last: Option<&Token> = None;
    for token in tokens {
        if !state.may_precede(token.kind) {
            if let Some(last) = last
                && last.kind == Kind::Variable
                && token.kind == Kind::Clause
            {
                return Err(format!("Undefined function {}", last.value));
            }
            let last_value = last.map_or_else(|| "<nil>".to_owned(), |t| t.value.to_string());
            return Err(format!(
                "Cannot transition token types from {} [{last_value}] to {} [{}]",
                state.name(),
                token.kind.name(),
                token.value
            ));
        }
        state = token.kind;
        last = Some(token);
    }
    if !state.may_end() {
        return Err("Unexpected end of expression".into());
    }
    Ok(())
}

/// A string right of `=~`/`!~` becomes a compiled pattern (`optimizeTokens`).
pub(super) fn compile_patterns(tokens: &mut [Token]) -> Result<(), String> {
    for index in 0..tokens.len() {
        let is_match =
            tokens[index].kind == Kind::Comparator && matches!(tokens[index].text(), Some("=~" | "!~"));
        let Some(next) = tokens.get_mut(index + 1).filter(|_| is_match) else { continue };
        if let TokenValue::Literal(Value::String(source)) = &next.value
            && next.kind == Kind::String
        {
            let pattern = super::value::compile(source)?;
            next.kind = Kind::Pattern;
            next.value = TokenValue::Literal(Value::Pattern(pattern));
        }
    }
    Ok(())
}

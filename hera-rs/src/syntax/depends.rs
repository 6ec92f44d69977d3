//! `depends` expressions of DAG tasks: task names, optionally with a
//! result (`A.Failed`), combined with `&&`/`and`, `||`/`or`, `!`/`not` and
//! parentheses — the part of the expr language Argo evaluates them in.

/// The results a dependency can name.
pub const RESULTS: [&str; 8] =
    ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"];

/// One `task` or `task.Result` in an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operand<'a> {
    /// The task's name.
    pub task: &'a str,
    /// The result, if one is named (not checked against [`RESULTS`] here).
    pub result: Option<&'a str>,
}

/// One token of an expression, as [`tokens`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// `(`
    Open,
    /// `)`
    Close,
    /// `!` or `not`
    Not,
    /// `&&` or `and`
    And,
    /// `||` or `or`
    Or,
    /// A run of letters, digits, `-`, `_` and `.` (a task, `task.Result`,
    /// or something malformed such as `a.b.c`).
    Word(&'a str),
    /// Any other character (a lone `&` or `|` too).
    Other(char),
}

/// The tokens of `text`, each with its byte offset; never fails (the one
/// reader of `depends`: [`parse`] is strict about what it gets, the graph
/// lenient).
pub fn tokens(text: &str) -> impl Iterator<Item = (Token<'_>, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        let rest = text.get(i..).filter(|r| !r.is_empty())?;
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.';
        let (token, len) = match bytes[i] {
            b'(' => (Token::Open, 1),
            b')' => (Token::Close, 1),
            b'!' => (Token::Not, 1),
            b'&' if rest.starts_with("&&") => (Token::And, 2),
            b'|' if rest.starts_with("||") => (Token::Or, 2),
            b if is_word(b) && b != b'.' => {
                let len = rest.bytes().position(|b| !is_word(b)).unwrap_or(rest.len());
                let token = match &rest[..len] {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    word => Token::Word(word),
                };
                (token, len)
            }
            _ => {
                let c = rest.chars().next().unwrap_or_default();
                (Token::Other(c), c.len_utf8())
            }
        };
        i += len;
        Some((token, start))
    })
}

/// Parses `text`, returning its operands in order, or a message saying
/// what is wrong and where (1-based column).
pub fn parse(text: &str) -> Result<Vec<Operand<'_>>, String> {
    let tokens = strict_tokens(text)?;
    let mut parser = Parser { tokens: &tokens, position: 0, depth: 0, operands: Vec::new() };
    if tokens.is_empty() {
        return Err("the expression is empty".into());
    }
    parser.or()?;
    if let Some((_, column)) = tokens.get(parser.position) {
        return Err(format!("unexpected {} at column {column}", describe(tokens[parser.position].0)));
    }
    Ok(parser.operands)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strict<'a> {
    Open,
    Close,
    Not,
    And,
    Or,
    Operand(&'a str, Option<&'a str>),
}

/// The tokens [`parse`] accepts, with their 1-based columns.
fn strict_tokens(text: &str) -> Result<Vec<(Strict<'_>, usize)>, String> {
    // Columns count characters; counted on from the previous token.
    let (mut offset, mut column) = (0, 1);
    let mut out = Vec::new();
    for (token, at) in tokens(text) {
        column += text[offset..at].chars().count();
        offset = at;
        let strict = match token {
            Token::Open => Strict::Open,
            Token::Close => Strict::Close,
            Token::Not => Strict::Not,
            Token::And => Strict::And,
            Token::Or => Strict::Or,
            Token::Word(word) if !word.starts_with(|c: char| c.is_ascii_alphanumeric()) => {
                return Err(unexpected(word.chars().next().unwrap_or_default(), column));
            }
            Token::Word(word) => match word.split_once('.') {
                Some((task, result)) if !task.is_empty() && !result.is_empty() && !result.contains('.') => {
                    Strict::Operand(task, Some(result))
                }
                Some(_) => return Err(format!("'{word}' at column {column} is not `task` or `task.Result`")),
                None => Strict::Operand(word, None),
            },
            Token::Other(c) => return Err(unexpected(c, column)),
        };
        out.push((strict, column));
    }
    Ok(out)
}

fn unexpected(c: char, column: usize) -> String {
    format!("unexpected '{c}' at column {column}: use &&, ||, ! and parentheses")
}

fn describe(token: Strict<'_>) -> String {
    match token {
        Strict::Open => "'('".into(),
        Strict::Close => "')'".into(),
        Strict::Not => "'!'".into(),
        Strict::And => "'&&'".into(),
        Strict::Or => "'||'".into(),
        Strict::Operand(task, Some(result)) => format!("'{task}.{result}'"),
        Strict::Operand(task, None) => format!("'{task}'"),
    }
}

/// Deepest nesting of `(` and `!` read (the engine's expr parser has the same
/// limit): hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

struct Parser<'t, 'a> {
    tokens: &'t [(Strict<'a>, usize)],
    position: usize,
    depth: usize,
    operands: Vec<Operand<'a>>,
}

impl<'a> Parser<'_, 'a> {
    fn peek(&self) -> Option<Strict<'a>> {
        self.tokens.get(self.position).map(|(t, _)| *t)
    }

    fn or(&mut self) -> Result<(), String> {
        self.and()?;
        while self.peek() == Some(Strict::Or) {
            self.position += 1;
            self.and()?;
        }
        Ok(())
    }

    fn and(&mut self) -> Result<(), String> {
        self.unary()?;
        while self.peek() == Some(Strict::And) {
            self.position += 1;
            self.unary()?;
        }
        Ok(())
    }

    /// Reads what follows a `(` or `!` just read, one level deeper.
    fn deeper(&mut self, read: fn(&mut Self) -> Result<(), String>) -> Result<(), String> {
        if self.depth == MAX_DEPTH {
            let column = self.tokens[self.position - 1].1;
            return Err(format!("nested more than {MAX_DEPTH} levels deep at column {column}"));
        }
        self.depth += 1;
        let read = read(self);
        self.depth -= 1;
        read
    }

    fn unary(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(Strict::Not) => {
                self.position += 1;
                self.deeper(Self::unary)
            }
            Some(Strict::Open) => {
                let column = self.tokens[self.position].1;
                self.position += 1;
                self.deeper(Self::or)?;
                if self.peek() != Some(Strict::Close) {
                    return Err(format!("'(' at column {column} is not closed"));
                }
                self.position += 1;
                Ok(())
            }
            Some(Strict::Operand(task, result)) => {
                self.position += 1;
                self.operands.push(Operand { task, result });
                Ok(())
            }
            Some(other) => {
                let column = self.tokens[self.position].1;
                Err(format!("expected a task at column {column}, found {}", describe(other)))
            }
            None => Err("the expression ends where a task was expected".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_nesting_is_refused_not_a_stack_overflow() {
        let nested = |n: usize| "(".repeat(n) + "a" + &")".repeat(n);
        assert_eq!(parse(&nested(128)).unwrap().len(), 1);
        assert_eq!(parse(&nested(100_000)), Err("nested more than 128 levels deep at column 129".into()));
        assert_eq!(
            parse(&("!".repeat(200) + "a")),
            Err("nested more than 128 levels deep at column 129".into())
        );
        let chain = vec!["a"; 100_000].join(" && ");
        assert_eq!(parse(&chain).unwrap().len(), 100_000);
    }

    #[test]
    fn operands_in_order() {
        let found = parse("(A.Succeeded || B-2.Failed) && !c and not (d or e.AnySucceeded)").unwrap();
        let tasks: Vec<(&str, Option<&str>)> = found.iter().map(|o| (o.task, o.result)).collect();
        assert_eq!(
            tasks,
            [
                ("A", Some("Succeeded")),
                ("B-2", Some("Failed")),
                ("c", None),
                ("d", None),
                ("e", Some("AnySucceeded"))
            ]
        );
    }

    #[test]
    fn malformed_expressions_say_where() {
        assert_eq!(parse("a &&").unwrap_err(), "the expression ends where a task was expected");
        assert_eq!(parse("(a || b").unwrap_err(), "'(' at column 1 is not closed");
        assert_eq!(parse("a b").unwrap_err(), "unexpected 'b' at column 3");
        assert_eq!(parse("a & b").unwrap_err(), "unexpected '&' at column 3: use &&, ||, ! and parentheses");
        assert_eq!(parse("a.b.c").unwrap_err(), "'a.b.c' at column 1 is not `task` or `task.Result`");
        assert_eq!(parse("  ").unwrap_err(), "the expression is empty");
        assert_eq!(parse("&& a").unwrap_err(), "expected a task at column 1, found '&&'");
    }
}

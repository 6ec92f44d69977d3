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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Open,
    Close,
    Not,
    And,
    Or,
    Operand(&'a str, Option<&'a str>),
}

/// Parses `text`, returning its operands in order, or a message saying
/// what is wrong and where (1-based column).
pub fn parse(text: &str) -> Result<Vec<Operand<'_>>, String> {
    let tokens = tokenize(text)?;
    let mut parser = Parser { tokens: &tokens, position: 0, operands: Vec::new() };
    if tokens.is_empty() {
        return Err("the expression is empty".into());
    }
    parser.or()?;
    if let Some((_, column)) = tokens.get(parser.position) {
        return Err(format!("unexpected {} at column {column}", describe(tokens[parser.position].0)));
    }
    Ok(parser.operands)
}

fn tokenize(text: &str) -> Result<Vec<(Token<'_>, usize)>, String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let column = text[..i].chars().count() + 1;
        let rest = &text[i..];
        let c = bytes[i];
        let (token, len) = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => (Token::Open, 1),
            b')' => (Token::Close, 1),
            b'!' => (Token::Not, 1),
            b'&' if rest.starts_with("&&") => (Token::And, 2),
            b'|' if rest.starts_with("||") => (Token::Or, 2),
            c if c.is_ascii_alphanumeric() => {
                let len =
                    rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'));
                let word = &rest[..len.unwrap_or(rest.len())];
                let token = match word {
                    "and" => Token::And,
                    "or" => Token::Or,
                    "not" => Token::Not,
                    _ => match word.split_once('.') {
                        Some((task, result))
                            if !task.is_empty() && !result.is_empty() && !result.contains('.') =>
                        {
                            Token::Operand(task, Some(result))
                        }
                        Some(_) => {
                            return Err(format!(
                                "'{word}' at column {column} is not `task` or `task.Result`"
                            ));
                        }
                        None => Token::Operand(word, None),
                    },
                };
                (token, word.len())
            }
            _ => {
                let shown = rest.chars().next().unwrap_or_default();
                return Err(format!(
                    "unexpected '{shown}' at column {column}: use &&, ||, ! and parentheses"
                ));
            }
        };
        out.push((token, column));
        i += len;
    }
    Ok(out)
}

fn describe(token: Token<'_>) -> String {
    match token {
        Token::Open => "'('".into(),
        Token::Close => "')'".into(),
        Token::Not => "'!'".into(),
        Token::And => "'&&'".into(),
        Token::Or => "'||'".into(),
        Token::Operand(task, Some(result)) => format!("'{task}.{result}'"),
        Token::Operand(task, None) => format!("'{task}'"),
    }
}

struct Parser<'t, 'a> {
    tokens: &'t [(Token<'a>, usize)],
    position: usize,
    operands: Vec<Operand<'a>>,
}

impl<'a> Parser<'_, 'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.position).map(|(t, _)| *t)
    }

    fn or(&mut self) -> Result<(), String> {
        self.and()?;
        while self.peek() == Some(Token::Or) {
            self.position += 1;
            self.and()?;
        }
        Ok(())
    }

    fn and(&mut self) -> Result<(), String> {
        self.unary()?;
        while self.peek() == Some(Token::And) {
            self.position += 1;
            self.unary()?;
        }
        Ok(())
    }

    fn unary(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(Token::Not) => {
                self.position += 1;
                self.unary()
            }
            Some(Token::Open) => {
                let column = self.tokens[self.position].1;
                self.position += 1;
                self.or()?;
                if self.peek() != Some(Token::Close) {
                    return Err(format!("'(' at column {column} is not closed"));
                }
                self.position += 1;
                Ok(())
            }
            Some(Token::Operand(task, result)) => {
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

//! The parser: expr v1.17's `parser/parser.go` (`parseExpression`,
//! `parsePrimary`, `parsePostfixExpression`, `parseConditional`), a
//! precedence climber over [`lex`](super::lex)'s tokens.

use super::SyntaxError;
use super::ast::{Expr, Node};
use super::builtins::{BUILTINS, PREDICATES};
use super::lex::{Tok, Token};

/// Deepest nesting the parser follows (brackets, unary operators, calls).
pub(crate) const MAX_DEPTH: usize = 128;
/// Tallest tree evaluation is asked to walk.
pub(crate) const MAX_HEIGHT: usize = 2000;

/// Binary operators: precedence and right-associativity (`operator.Binary`).
fn binary(op: &str) -> Option<(u16, bool)> {
    Some(match op {
        "|" => (0, false),
        "or" | "||" => (10, false),
        "and" | "&&" => (15, false),
        "==" | "!=" | "<" | ">" | ">=" | "<=" | "in" | "matches" | "contains" | "startsWith" | "endsWith" => {
            (20, false)
        }
        ".." => (25, false),
        "+" | "-" => (30, false),
        "*" | "/" | "%" => (60, false),
        "**" | "^" => (100, true),
        "??" => (500, false),
        _ => return None,
    })
}

/// `&&`/`and` and `||`/`or`: the operators a [`Node::Logic`] run chains.
fn is_logical(op: &str) -> bool {
    matches!(op, "&&" | "and" | "||" | "or")
}

fn is_comparison(op: &str) -> bool {
    matches!(op, "==" | "!=" | "<" | ">" | ">=" | "<=")
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    closures: usize,
}

/// Parses a whole expression.
pub(crate) fn parse(tokens: Vec<Token>) -> Result<Expr, SyntaxError> {
    let mut p = Parser { tokens, pos: 0, depth: 0, closures: 0 };
    let e = p.expression(0)?;
    if p.tok() != &Tok::Eof {
        return Err(p.unexpected());
    }
    Ok(e)
}

impl Parser {
    fn tok(&self) -> &Tok {
        &self.tokens[self.pos.min(self.tokens.len() - 1)].tok
    }
    fn at(&self) -> usize {
        self.tokens[self.pos.min(self.tokens.len() - 1)].at
    }
    fn next(&mut self) {
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
    }
    fn is(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError::new(self.at(), message)
    }
    fn unexpected(&self) -> SyntaxError {
        let shown = match self.tok() {
            Tok::Eof => return self.error("unexpected end of expression"),
            Tok::Int(n) => format!("Number(\"{n}\")"),
            Tok::Float(n) => format!("Number(\"{n}\")"),
            Tok::Str(s) => format!("String({s:?})"),
            Tok::Ident(s) => format!("Identifier(\"{s}\")"),
            Tok::Pointer(s) => format!("Operator(\"#{s}\")"),
            Tok::Op(o) => format!("Operator(\"{o}\")"),
        };
        self.error(format!("unexpected token {shown}"))
    }
    fn expect(&mut self, op: &str) -> Result<(), SyntaxError> {
        if self.is(op) {
            self.next();
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }
    fn node(&self, node: Node, at: usize) -> Result<Expr, SyntaxError> {
        let e = Expr::new(node, at);
        if e.height > MAX_HEIGHT {
            return Err(SyntaxError::new(at, format!("expression too large (deeper than {MAX_HEIGHT})")));
        }
        Ok(e)
    }
    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!("expression nested too deeply (more than {MAX_DEPTH} levels)")));
        }
        Ok(())
    }

    /// `parseExpression`.
    fn expression(&mut self, precedence: u16) -> Result<Expr, SyntaxError> {
        self.enter()?;
        let e = self.expression_inner(precedence);
        self.depth -= 1;
        e
    }

    fn expression_inner(&mut self, precedence: u16) -> Result<Expr, SyntaxError> {
        if precedence == 0 && self.is("let") {
            return self.let_binding();
        }
        let mut left = self.primary()?;
        let mut previous: &str = "";
        while let Tok::Op(op) = *self.tok() {
            let mut op = op;
            let at = self.at();
            let negate = op == "not";
            if negate {
                let backup = self.pos;
                self.next();
                match *self.tok() {
                    Tok::Op(o @ ("in" | "matches" | "contains" | "startsWith" | "endsWith")) => {
                        if binary(o).is_some_and(|(p, _)| p >= precedence) {
                            op = o;
                        } else {
                            self.pos = backup;
                            break;
                        }
                    }
                    _ => return Err(self.unexpected()),
                }
            }
            let Some((p, right_assoc)) = binary(op).filter(|(p, _)| *p >= precedence) else { break };
            self.next();
            if op == "|" {
                let Tok::Ident(name) = self.tok().clone() else { return Err(self.unexpected()) };
                let name_at = self.at();
                self.next();
                left = self.call(name, name_at, vec![left])?;
            } else {
                if previous == "??" && op != "??" {
                    return Err(SyntaxError::new(
                        at,
                        format!(
                            "Operator ({op}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses."
                        ),
                    ));
                }
                if is_comparison(op) {
                    left = self.comparison(left, op, at, p)?;
                } else {
                    let right = self.expression(if right_assoc { p } else { p + 1 })?;
                    // A constant pattern is compiled with the program.
                    if op == "matches"
                        && let Node::Str(pattern) = &right.node
                        && let Err(e) = regex::Regex::new(pattern)
                    {
                        return Err(SyntaxError::new(at, format!("error parsing regexp: {e}")));
                    }
                    left = if is_logical(op) {
                        self.logic(left, op, at, right)?
                    } else {
                        self.node(Node::Binary(op, Box::new(left), Box::new(right)), at)?
                    };
                    if negate {
                        left = self.node(Node::Unary("not", Box::new(left)), at)?;
                    }
                }
            }
            previous = op;
        }
        if precedence == 0 {
            left = self.conditional(left)?;
        }
        Ok(left)
    }

    /// `left op right` for a logical operator: a flat run, extended when
    /// `left` is already a run of the same precedence (a chain `a && b && c`
    /// is one node of height 2, not a tree as tall as it is long).
    fn logic(&self, left: Expr, op: &'static str, at: usize, right: Expr) -> Result<Expr, SyntaxError> {
        let class = binary(op).map(|(p, _)| p);
        match left.node {
            Node::Logic(first, mut rest)
                if rest.first().and_then(|(o, _, _)| binary(o)).map(|(p, _)| p) == class =>
            {
                rest.push((op, at, right));
                self.node(Node::Logic(first, rest), left.at)
            }
            node => {
                let left = Expr { node, ..left };
                self.node(Node::Logic(Box::new(left), vec![(op, at, right)]), at)
            }
        }
    }

    /// `parseComparison`: `a < b < c` is `a < b && b < c`.
    fn comparison(&mut self, left: Expr, op: &'static str, at: usize, p: u16) -> Result<Expr, SyntaxError> {
        let mut root: Option<Expr> = None;
        let (mut left, mut op, mut at) = (left, op, at);
        loop {
            let right = self.expression(p + 1)?;
            let cmp = self.node(Node::Binary(op, Box::new(left), Box::new(right.clone())), at)?;
            root = Some(match root {
                None => cmp,
                Some(r) => self.node(Node::Binary("&&", Box::new(r), Box::new(cmp)), at)?,
            });
            match *self.tok() {
                Tok::Op(o) if is_comparison(o) => {
                    op = o;
                    at = self.at();
                    self.next();
                    left = right;
                }
                _ => break,
            }
        }
        Ok(root.unwrap_or_else(|| Expr::new(Node::Nil, at)))
    }

    fn let_binding(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.at();
        self.next();
        let Tok::Ident(name) = self.tok().clone() else { return Err(self.unexpected()) };
        self.next();
        self.expect("=")?;
        let value = self.expression(0)?;
        self.expect(";")?;
        let body = self.expression(0)?;
        self.node(Node::Let(name, Box::new(value), Box::new(body)), at)
    }

    /// `parseConditional`: `c ? a : b` and `a ?: b`.
    fn conditional(&mut self, mut node: Expr) -> Result<Expr, SyntaxError> {
        while self.is("?") {
            let at = self.at();
            self.next();
            let (yes, no) = if self.is(":") {
                self.next();
                (node.clone(), self.expression(0)?)
            } else {
                let yes = self.expression(0)?;
                self.expect(":")?;
                (yes, self.expression(0)?)
            };
            node = self.node(Node::Conditional(Box::new(node), Box::new(yes), Box::new(no)), at)?;
        }
        Ok(node)
    }

    /// `parsePrimary`.
    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        self.enter()?;
        let e = self.primary_inner();
        self.depth -= 1;
        e
    }

    fn primary_inner(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.at();
        match *self.tok() {
            Tok::Op(op @ ("not" | "!" | "-" | "+")) => {
                self.next();
                let operand = self.expression(if matches!(op, "-" | "+") { 90 } else { 50 })?;
                let op = if op == "!" { "not" } else { op };
                let e = self.node(Node::Unary(op, Box::new(operand)), at)?;
                self.postfix(e)
            }
            Tok::Op("(") => {
                self.next();
                let e = self.expression(0)?;
                self.expect(")")?;
                self.postfix(e)
            }
            _ => self.secondary(),
        }
    }

    /// `parseSecondary`: literals, names, calls, pointers, `[...]`, `{...}`.
    fn secondary(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.at();
        let tok = self.tok().clone();
        let node = match tok {
            Tok::Int(n) => {
                self.next();
                Node::Int(n)
            }
            Tok::Float(n) => {
                self.next();
                Node::Float(n)
            }
            Tok::Str(s) => {
                self.next();
                Node::Str(s)
            }
            Tok::Pointer(name) => {
                if self.closures == 0 {
                    return Err(self.error("cannot use pointer accessor outside predicate"));
                }
                self.next();
                Node::Pointer(name)
            }
            Tok::Op(".") if self.closures > 0 => {
                self.next();
                let Tok::Ident(name) = self.tok().clone() else { return Err(self.unexpected()) };
                self.next();
                let pointer = self.node(Node::Pointer(String::new()), at)?;
                let property = self.node(Node::Str(name), at)?;
                Node::Member { object: Box::new(pointer), property: Box::new(property), optional: false }
            }
            Tok::Ident(name) => {
                self.next();
                if self.is("(") {
                    let e = self.call(name, at, Vec::new())?;
                    return self.postfix(e);
                }
                match name.as_str() {
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    "nil" => Node::Nil,
                    _ => Node::Ident(name),
                }
            }
            Tok::Op("[") => {
                self.next();
                Node::Array(self.list("]")?)
            }
            Tok::Op("{") => {
                self.next();
                let mut pairs = Vec::new();
                while !self.is("}") {
                    if !pairs.is_empty() {
                        self.expect(",")?;
                        if self.is("}") {
                            break;
                        }
                    }
                    let key_at = self.at();
                    let key = match self.tok().clone() {
                        Tok::Str(s) | Tok::Ident(s) => {
                            self.next();
                            self.node(Node::Str(s), key_at)?
                        }
                        Tok::Int(n) => {
                            self.next();
                            self.node(Node::Int(n), key_at)?
                        }
                        Tok::Op("(") => self.expression(0)?,
                        _ => {
                            return Err(self.error(
                                "a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses",
                            ));
                        }
                    };
                    self.expect(":")?;
                    pairs.push((key, self.expression(0)?));
                }
                self.next();
                Node::Map(pairs)
            }
            _ => return Err(self.unexpected()),
        };
        let e = self.node(node, at)?;
        self.postfix(e)
    }

    /// Comma-separated expressions up to `close` (consumed); a trailing comma is allowed.
    fn list(&mut self, close: &str) -> Result<Vec<Expr>, SyntaxError> {
        let mut items = Vec::new();
        while !self.is(close) {
            if !items.is_empty() {
                self.expect(",")?;
                if self.is(close) {
                    break;
                }
            }
            items.push(self.expression(0)?);
        }
        self.next();
        Ok(items)
    }

    /// `parseCall`: a builtin (predicates get closures) or a name's function.
    fn call(&mut self, name: String, at: usize, mut args: Vec<Expr>) -> Result<Expr, SyntaxError> {
        let piped = !args.is_empty();
        if !self.is("(") {
            if piped {
                return Err(self.unexpected());
            }
        } else {
            self.next();
        }
        if PREDICATES.contains(&name.as_str()) {
            let mut n = args.len();
            while !self.is(")") {
                if n > 0 {
                    self.expect(",")?;
                }
                let e = if n == 1 { self.closure()? } else { self.expression(0)? };
                args.push(e);
                n += 1;
            }
            self.next();
            return self.node(Node::Builtin(name, args), at);
        }
        args.extend(self.list(")")?);
        if BUILTINS.contains(&name.as_str()) {
            return self.node(Node::Builtin(name, args), at);
        }
        let callee = self.node(Node::Ident(name), at)?;
        self.node(Node::Call(Box::new(callee), args), at)
    }

    /// `parseClosure`: `{ body }` or a bare body.
    fn closure(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.at();
        let braced = self.is("{");
        if braced {
            self.next();
        }
        self.closures += 1;
        let body = self.expression(0);
        self.closures -= 1;
        let body = body?;
        if braced {
            self.expect("}")?;
        }
        self.node(Node::Closure(Box::new(body)), at)
    }

    /// `parsePostfixExpression`: `.x`, `?.x`, `[i]`, `[a:b]`, `(args)`.
    fn postfix(&mut self, mut node: Expr) -> Result<Expr, SyntaxError> {
        loop {
            let at = self.at();
            if self.is(".") || self.is("?.") {
                let optional = self.is("?.");
                self.next();
                if optional && self.is("[") {
                    self.next();
                    let property = self.expression(0)?;
                    self.expect("]")?;
                    node = self.node(
                        Node::Member { object: Box::new(node), property: Box::new(property), optional },
                        at,
                    )?;
                    continue;
                }
                let name = match self.tok().clone() {
                    Tok::Ident(name) => name,
                    Tok::Op(o) if o.chars().all(char::is_alphabetic) => o.to_owned(),
                    _ => return Err(self.error("expected name")),
                };
                let name_at = self.at();
                self.next();
                let property = self.node(Node::Str(name), name_at)?;
                node = self.node(
                    Node::Member { object: Box::new(node), property: Box::new(property), optional },
                    at,
                )?;
                if self.is("(") {
                    self.next();
                    let args = self.list(")")?;
                    node = self.node(Node::Call(Box::new(node), args), at)?;
                }
            } else if self.is("[") {
                self.next();
                if self.is(":") {
                    self.next();
                    let to = if self.is("]") { None } else { Some(Box::new(self.expression(0)?)) };
                    self.expect("]")?;
                    node = self.node(Node::Slice { object: Box::new(node), from: None, to }, at)?;
                    continue;
                }
                let from = self.expression(0)?;
                if self.is(":") {
                    self.next();
                    let to = if self.is("]") { None } else { Some(Box::new(self.expression(0)?)) };
                    self.expect("]")?;
                    node = self
                        .node(Node::Slice { object: Box::new(node), from: Some(Box::new(from)), to }, at)?;
                } else {
                    self.expect("]")?;
                    node = self.node(
                        Node::Member { object: Box::new(node), property: Box::new(from), optional: false },
                        at,
                    )?;
                }
            } else {
                return Ok(node);
            }
        }
    }
}

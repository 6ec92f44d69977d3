//! The syntax tree the parser builds, each node with its byte offset.

/// A node of the syntax tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Ident(String),
    /// `#` (empty), `#index`, `#acc`.
    Pointer(String),
    Unary(&'static str, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    /// A left-associative run of one logical operator class (`a && b and c`,
    /// `a || b or c`), kept flat: Argo builds a 2000-way `&&` from a task's
    /// `dependencies`, which nested would be 2000 levels deep. Each link is
    /// the operator, its offset and its right operand; evaluation folds them
    /// left to right, exactly as the nested binary nodes would.
    Logic(Box<Expr>, Vec<(&'static str, usize, Expr)>),
    /// `obj.prop`, `obj[prop]`, `obj?.prop`.
    Member {
        object: Box<Expr>,
        property: Box<Expr>,
        optional: bool,
    },
    Slice {
        object: Box<Expr>,
        from: Option<Box<Expr>>,
        to: Option<Box<Expr>>,
    },
    /// A call of a builtin by name; closures among the arguments.
    Builtin(String, Vec<Expr>),
    /// A call of a function value (an env function, `sprig.upper`).
    Call(Box<Expr>, Vec<Expr>),
    Closure(Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    Array(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Let(String, Box<Expr>, Box<Expr>),
}

/// A node and where its source starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Expr {
    pub node: Node,
    pub at: usize,
    /// The height of the subtree (a leaf is 1): bounded by the parser so
    /// evaluation cannot recurse without limit.
    pub height: usize,
}

impl Expr {
    pub fn new(node: Node, at: usize) -> Expr {
        let children = |e: &Expr| e.height;
        let h = match &node {
            Node::Unary(_, a) | Node::Closure(a) => children(a),
            Node::Binary(_, a, b) | Node::Let(_, a, b) => children(a).max(children(b)),
            Node::Logic(first, rest) => {
                rest.iter().map(|(_, _, e)| children(e)).fold(children(first), usize::max)
            }
            Node::Member { object, property, .. } => children(object).max(children(property)),
            Node::Slice { object, from, to } => children(object)
                .max(from.as_deref().map_or(0, children))
                .max(to.as_deref().map_or(0, children)),
            Node::Builtin(_, args) | Node::Array(args) => args.iter().map(children).max().unwrap_or(0),
            Node::Call(f, args) => args.iter().map(children).max().unwrap_or(0).max(children(f)),
            Node::Conditional(a, b, c) => children(a).max(children(b)).max(children(c)),
            Node::Map(pairs) => pairs.iter().map(|(k, v)| children(k).max(children(v))).max().unwrap_or(0),
            _ => 0,
        };
        Expr { node, at, height: h + 1 }
    }

    /// Every name read from the environment, in order, each once
    /// (`let` names and closure pointers left out), each with its offset.
    pub fn identifiers(&self, bound: &mut Vec<String>, out: &mut Vec<(String, usize)>) {
        if let Node::Ident(name) = &self.node {
            if !bound.contains(name) && !out.iter().any(|(n, _)| n == name) {
                out.push((name.clone(), self.at));
            }
            return;
        }
        let mut visit = |e: &Expr, bound: &mut Vec<String>| e.identifiers(bound, out);
        match &self.node {
            Node::Unary(_, a) | Node::Closure(a) => visit(a, bound),
            Node::Binary(_, a, b) => {
                visit(a, bound);
                visit(b, bound);
            }
            Node::Logic(first, rest) => {
                visit(first, bound);
                rest.iter().for_each(|(_, _, e)| visit(e, bound));
            }
            Node::Let(name, value, body) => {
                visit(value, bound);
                bound.push(name.clone());
                visit(body, bound);
                bound.pop();
            }
            Node::Member { object, property, .. } => {
                visit(object, bound);
                visit(property, bound);
            }
            Node::Slice { object, from, to } => {
                visit(object, bound);
                from.iter().chain(to).for_each(|e| visit(e, bound));
            }
            Node::Builtin(_, args) | Node::Array(args) => args.iter().for_each(|e| visit(e, bound)),
            Node::Call(f, args) => {
                visit(f, bound);
                args.iter().for_each(|e| visit(e, bound));
            }
            Node::Conditional(a, b, c) => [a, b, c].into_iter().for_each(|e| visit(e, bound)),
            Node::Map(pairs) => pairs.iter().for_each(|(k, v)| {
                visit(k, bound);
                visit(v, bound);
            }),
            _ => {}
        }
    }
}

impl Expr {
    /// Argo's `getIdentifiers` (`util/template/expression_template.go`):
    /// every identifier, and every member chain of plain names rooted at an
    /// identifier as a dotted path (`inputs.parameters.x`), in Argo's (children-first) order, each
    /// once; members left of `??` and the object of a `?.` are guarded and
    /// left out.
    pub fn paths(&self, guarded: bool, out: &mut Vec<String>) {
        let push = |p: String, out: &mut Vec<String>| {
            if !out.contains(&p) {
                out.push(p);
            }
        };
        match &self.node {
            Node::Ident(name) => push(name.clone(), out),
            Node::Member { object, property, optional } => {
                // `ast.Walk` visits children first.
                let object_guarded = guarded || (*optional && matches!(object.node, Node::Member { .. }));
                object.paths(object_guarded, out);
                property.paths(guarded, out);
                if !guarded && let Some(path) = self.member_path() {
                    push(path, out);
                }
            }
            Node::Binary("??", left, right) => {
                left.paths(true, out);
                right.paths(guarded, out);
            }
            Node::Unary(_, a) | Node::Closure(a) => a.paths(guarded, out),
            Node::Binary(_, a, b) | Node::Let(_, a, b) => {
                a.paths(guarded, out);
                b.paths(guarded, out);
            }
            Node::Logic(first, rest) => {
                first.paths(guarded, out);
                rest.iter().for_each(|(_, _, e)| e.paths(guarded, out));
            }
            Node::Slice { object, from, to } => {
                object.paths(guarded, out);
                from.iter().chain(to).for_each(|e| e.paths(guarded, out));
            }
            Node::Builtin(_, args) | Node::Array(args) => args.iter().for_each(|e| e.paths(guarded, out)),
            Node::Call(f, args) => {
                f.paths(guarded, out);
                args.iter().for_each(|e| e.paths(guarded, out));
            }
            Node::Conditional(a, b, c) => [a, b, c].into_iter().for_each(|e| e.paths(guarded, out)),
            Node::Map(pairs) => pairs.iter().for_each(|(k, v)| {
                k.paths(guarded, out);
                v.paths(guarded, out);
            }),
            _ => {}
        }
    }

    /// `getMemberPath`: `a.b.c` for a chain of non-optional string members on an identifier.
    fn member_path(&self) -> Option<String> {
        let mut parts = Vec::new();
        let mut current = self;
        loop {
            match &current.node {
                Node::Member { object, property, optional: false } => {
                    let Node::Str(name) = &property.node else { return None };
                    parts.push(name.as_str());
                    current = object;
                }
                Node::Ident(name) => {
                    parts.push(name);
                    parts.reverse();
                    return Some(parts.join("."));
                }
                _ => return None,
            }
        }
    }
}

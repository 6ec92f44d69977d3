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
    /// (`let` names and closure pointers left out).
    pub fn identifiers(&self, bound: &mut Vec<String>, out: &mut Vec<String>) {
        if let Node::Ident(name) = &self.node {
            if !bound.contains(name) && !out.contains(name) {
                out.push(name.clone());
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

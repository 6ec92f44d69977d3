//! From tokens to a tree of stages, the way govaluate plans it
//! (`stagePlanner.go`): one recursive-descent level per precedence, each
//! parsing its right side with itself (so `a - b - c` first reads as
//! `a - (b - c)`), then `reorderStages`/`mirrorStageSubtree`, which turn
//! runs of equal precedence back into left-to-right order. The reordering
//! is mirrored exactly, including where it is not what a grammar would do,
//! because Argo's results are what it does.

use super::lex::{Kind, Token, TokenValue};
use super::value::Value;

/// What a stage does (govaluate's `OperatorSymbol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Symbol {
    Variable,
    Literal,
    Noop,
    Eq,
    Neq,
    Gt,
    Lt,
    Gte,
    Lte,
    Req,
    Nreq,
    In,
    And,
    Or,
    Plus,
    Minus,
    BitAnd,
    BitOr,
    BitXor,
    LeftShift,
    RightShift,
    Multiply,
    Divide,
    Modulus,
    Exponent,
    Negate,
    Invert,
    BitNot,
    TernaryTrue,
    TernaryFalse,
    Coalesce,
    Access,
    Separate,
}

impl Symbol {
    /// How govaluate prints the symbol in type errors (`==` prints as `=`).
    pub fn name(self) -> &'static str {
        use Symbol::*;
        match self {
            Noop => "NOOP",
            Variable => "VALUE",
            Eq => "=",
            Neq => "!=",
            Gt => ">",
            Lt => "<",
            Gte => ">=",
            Lte => "<=",
            Req => "=~",
            Nreq => "!~",
            And => "&&",
            Or => "||",
            In => "in",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            LeftShift => "<<",
            RightShift => ">>",
            Plus => "+",
            Minus | Negate => "-",
            Multiply => "*",
            Divide => "/",
            Modulus => "%",
            Exponent => "**",
            Invert => "!",
            BitNot => "~",
            TernaryTrue => "?",
            TernaryFalse => ":",
            Coalesce => "??",
            Literal | Access | Separate => "",
        }
    }

    /// `findOperatorPrecedenceForSymbol`, which only the reordering uses.
    fn precedence(self) -> u8 {
        use Symbol::*;
        match self {
            Noop => 0,
            Variable | Literal => 1,
            Access => 2,
            Negate | Invert | BitNot => 3,
            Exponent => 4,
            Plus | Minus => 5,
            BitAnd | BitOr | BitXor => 6,
            LeftShift | RightShift => 7,
            Multiply | Divide | Modulus => 8,
            Eq | Neq | Gt | Lt | Gte | Lte | Req | Nreq | In => 9,
            TernaryTrue | TernaryFalse | Coalesce => 10,
            And => 11,
            Or => 12,
            Separate => 13,
        }
    }
}

/// What a leaf stage yields.
#[derive(Clone, Debug)]
pub(super) enum Leaf {
    /// An operator stage: its value comes from its sides.
    None,
    /// A literal value.
    Literal(Value),
    /// A parameter, which Argo never supplies (`No parameter 'x' found.`).
    Parameter(String),
}

/// One stage of the plan.
#[derive(Clone, Debug)]
pub(super) struct Stage {
    pub symbol: Symbol,
    pub left: Option<usize>,
    pub right: Option<usize>,
    pub leaf: Leaf,
    /// The message format of type errors at this stage's precedence level.
    pub error_format: &'static str,
}

pub(super) const LOGICAL_ERROR: &str =
    "Value '%v' cannot be used with the logical operator '%v', it is not a bool";
pub(super) const MODIFIER_ERROR: &str =
    "Value '%v' cannot be used with the modifier '%v', it is not a number";
pub(super) const COMPARATOR_ERROR: &str =
    "Value '%v' cannot be used with the comparator '%v', it is not a number";
pub(super) const TERNARY_ERROR: &str =
    "Value '%v' cannot be used with the ternary operator '%v', it is not a bool";
pub(super) const PREFIX_ERROR: &str = "Value '%v' cannot be used with the prefix '%v'";

/// A precedence level: which token kind and symbols it takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Separator,
    Ternary,
    LogicalOr,
    LogicalAnd,
    Comparator,
    Bitwise,
    Shift,
    Additive,
    Multiplicative,
    Exponential,
    Prefix,
}

impl Level {
    /// The level its left side is planned with: the next tighter one
    /// (exponents take a value, prefixes nothing on their left).
    fn next(self) -> Option<Level> {
        use Level::*;
        match self {
            Separator => Some(Ternary),
            Ternary => Some(LogicalOr),
            LogicalOr => Some(LogicalAnd),
            LogicalAnd => Some(Comparator),
            Comparator => Some(Bitwise),
            Bitwise => Some(Shift),
            Shift => Some(Additive),
            Additive => Some(Multiplicative),
            Multiplicative => Some(Exponential),
            Exponential | Prefix => None,
        }
    }

    fn kind(self) -> Kind {
        match self {
            Level::Separator => Kind::Separator,
            Level::Ternary => Kind::Ternary,
            Level::LogicalOr | Level::LogicalAnd => Kind::LogicalOp,
            Level::Comparator => Kind::Comparator,
            Level::Prefix => Kind::Prefix,
            _ => Kind::Modifier,
        }
    }

    fn symbol(self, text: &str) -> Option<Symbol> {
        use Symbol::*;
        Some(match (self, text) {
            (Level::Separator, ",") => Separate,
            (Level::Ternary, "?") => TernaryTrue,
            (Level::Ternary, ":") => TernaryFalse,
            (Level::Ternary, "??") => Coalesce,
            (Level::LogicalOr, "||") => Or,
            (Level::LogicalAnd, "&&") => And,
            (Level::Comparator, "==") => Eq,
            (Level::Comparator, "!=") => Neq,
            (Level::Comparator, ">") => Gt,
            (Level::Comparator, ">=") => Gte,
            (Level::Comparator, "<") => Lt,
            (Level::Comparator, "<=") => Lte,
            (Level::Comparator, "=~") => Req,
            (Level::Comparator, "!~") => Nreq,
            (Level::Comparator, "in") => In,
            (Level::Bitwise, "^") => BitXor,
            (Level::Bitwise, "&") => BitAnd,
            (Level::Bitwise, "|") => BitOr,
            (Level::Shift, ">>") => RightShift,
            (Level::Shift, "<<") => LeftShift,
            (Level::Additive, "+") => Plus,
            (Level::Additive, "-") => Minus,
            (Level::Multiplicative, "*") => Multiply,
            (Level::Multiplicative, "/") => Divide,
            (Level::Multiplicative, "%") => Modulus,
            (Level::Exponential, "**") => Exponent,
            (Level::Prefix, "-") => Negate,
            (Level::Prefix, "!") => Invert,
            (Level::Prefix, "~") => BitNot,
            _ => return None,
        })
    }

    fn error_format(self) -> &'static str {
        match self {
            Level::Separator => "",
            Level::Ternary => TERNARY_ERROR,
            Level::LogicalOr | Level::LogicalAnd => LOGICAL_ERROR,
            Level::Comparator => COMPARATOR_ERROR,
            Level::Prefix => PREFIX_ERROR,
            _ => MODIFIER_ERROR,
        }
    }
}

/// The planned stages; the root is `root`.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub stages: Vec<Stage>,
    pub root: Option<usize>,
}

/// Deepest nesting of parentheses (and calls) planned.
const MAX_NESTING: usize = 128;

/// Deepest plan evaluated: operands of one long chain (`a || b || …`) each
/// add a level.
const MAX_PLAN_DEPTH: usize = 2048;

struct Planner<'t> {
    tokens: &'t [Token],
    index: usize,
    nesting: usize,
    plan: Plan,
}

impl Planner<'_> {
    fn has_next(&self) -> bool {
        self.index < self.tokens.len()
    }

    fn next(&mut self) -> Result<&Token, String> {
        let token = self.tokens.get(self.index).ok_or("Unexpected end of expression")?;
        self.index += 1;
        Ok(token)
    }

    fn rewind(&mut self) {
        self.index = self.index.saturating_sub(1);
    }

    fn push(&mut self, stage: Stage) -> usize {
        self.plan.stages.push(stage);
        self.plan.stages.len() - 1
    }

    /// `planPrecedenceLevel`. Go reads the right side of an operator by
    /// recursing into the same level, so `a || b || c` is `a || (b || c)`;
    /// this loop builds that same right-leaning chain without a stack frame
    /// per operand.
    fn level(&mut self, level: Level) -> Result<Option<usize>, String> {
        let mut chain: Vec<(Option<usize>, Symbol)> = Vec::new();
        let last = loop {
            let left = match (level, level.next()) {
                (_, Some(next)) => self.level(next)?,
                (Level::Exponential, None) => self.function()?,
                (_, None) => None,
            };
            if self.has_next() {
                let token = self.next()?;
                let symbol = (token.kind == level.kind())
                    .then(|| token.text().and_then(|t| level.symbol(t)))
                    .flatten();
                if let Some(symbol) = symbol {
                    if level != Level::Prefix {
                        chain.push((left, symbol));
                        continue;
                    }
                    // A prefix applies to one value.
                    let right = self.function()?;
                    break Some(self.stage(symbol, left, right, level));
                }
            }
            // Go rewinds here even when nothing was read: the token read again is
            // a value, which no level takes, so it changes nothing.
            self.rewind();
            break left;
        };
        let mut right = last;
        for (left, symbol) in chain.into_iter().rev() {
            right = Some(self.stage(symbol, left, right, level));
        }
        Ok(right)
    }

    /// Pushes an operator's stage.
    fn stage(&mut self, symbol: Symbol, left: Option<usize>, right: Option<usize>, level: Level) -> usize {
        self.push(Stage { symbol, left, right, leaf: Leaf::None, error_format: level.error_format() })
    }

    /// Enters one more parenthesis or call: refused past [`MAX_NESTING`], so
    /// hostile input cannot exhaust the stack (Go's stacks grow; ours do not).
    fn nest(&mut self) -> Result<(), String> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(format!("expression nested too deeply (more than {MAX_NESTING} levels)"));
        }
        Ok(())
    }

    /// `planFunction` (no functions in Argo's `when`) and `planAccessor`.
    fn function(&mut self) -> Result<Option<usize>, String> {
        if !self.has_next() {
            return Ok(None);
        }
        let token = self.next()?.clone();
        if token.kind != Kind::Accessor {
            self.rewind();
            return self.value();
        }
        let TokenValue::Parts(parts) = &token.value else { unreachable!("accessor tokens hold their parts") };
        let mut right = None;
        if self.has_next() {
            let is_call = self.next()?.kind == Kind::Clause;
            self.rewind();
            if is_call {
                self.nest()?;
                right = self.level(Level::Separator)?;
                self.nesting -= 1;
            }
        }
        // Every accessor reads a parameter first, and Argo passes none.
        let stage = Stage {
            symbol: Symbol::Access,
            left: None,
            right,
            leaf: Leaf::Parameter(parts[0].clone()),
            error_format: "Unable to access parameter field or method '%v': %v",
        };
        Ok(Some(self.push(stage)))
    }

    /// `planValue`: literals, parameters, parentheses and prefixes.
    fn value(&mut self) -> Result<Option<usize>, String> {
        if !self.has_next() {
            return Ok(None);
        }
        let token = self.next()?.clone();
        let (symbol, leaf) = match (&token.kind, &token.value) {
            (Kind::Clause, _) => {
                self.nest()?;
                let inner = self.tokens_stage()?;
                self.nesting -= 1;
                self.next()?; // the `)`: parentheses are balanced
                let stage = Stage {
                    symbol: Symbol::Noop,
                    left: None,
                    right: inner,
                    leaf: Leaf::None,
                    error_format: "",
                };
                return Ok(Some(self.push(stage)));
            }
            (Kind::ClauseClose, _) => {
                self.rewind();
                return Ok(None);
            }
            (Kind::Variable, TokenValue::Text(name)) => (Symbol::Variable, Leaf::Parameter(name.clone())),
            (Kind::Numeric | Kind::String | Kind::Pattern | Kind::Boolean, TokenValue::Literal(v)) => {
                (Symbol::Literal, Leaf::Literal(v.clone()))
            }
            // A date is its Unix time in seconds.
            (Kind::Time, TokenValue::Time(moment)) => {
                (Symbol::Literal, Leaf::Literal(Value::Number(moment.unix() as f64)))
            }
            (Kind::Prefix, _) => {
                self.rewind();
                return self.level(Level::Prefix);
            }
            (kind, value) => {
                return Err(format!("Unable to plan token kind: '{}', value: '{value}'", kind.name()));
            }
        };
        Ok(Some(self.push(Stage { symbol, left: None, right: None, leaf, error_format: "" })))
    }

    /// `planTokens`.
    fn tokens_stage(&mut self) -> Result<Option<usize>, String> {
        if !self.has_next() {
            return Ok(None);
        }
        self.level(Level::Separator)
    }
}

/// Plans `tokens` (`planStages`, without the constant folding, which never
/// changes a result).
pub(super) fn plan(tokens: &[Token]) -> Result<Plan, String> {
    let mut planner = Planner { tokens, index: 0, nesting: 0, plan: Plan::default() };
    let root = planner.tokens_stage()?;
    let mut plan = planner.plan;
    if let Some(root) = root {
        reorder(&mut plan.stages, root);
        if depth(&plan.stages, root) > MAX_PLAN_DEPTH {
            return Err(format!(
                "expression too long to evaluate (more than {MAX_PLAN_DEPTH} levels of operators)"
            ));
        }
    }
    plan.root = root;
    Ok(plan)
}

/// The depth of the tree below `root`, without recursion (the evaluator
/// recurses, so this decides whether it may).
fn depth(stages: &[Stage], root: usize) -> usize {
    let mut deepest = 0;
    let mut todo = vec![(root, 1)];
    while let Some((index, level)) = todo.pop() {
        deepest = deepest.max(level);
        let stage = &stages[index];
        todo.extend([stage.left, stage.right].into_iter().flatten().map(|child| (child, level + 1)));
    }
    deepest
}

/// `reorderStages`: runs of equal precedence down the right spine are mirrored.
fn reorder(stages: &mut [Stage], root: usize) {
    let mut identical: Vec<usize> = Vec::new();
    let mut precedence = stages[root].symbol.precedence();
    let mut next = Some(root);
    while let Some(current) = next {
        next = stages[current].right;
        if let Some(left) = stages[current].left {
            reorder(stages, left);
        }
        let current_precedence = stages[current].symbol.precedence();
        if current_precedence == precedence {
            identical.push(current);
            continue;
        }
        if identical.len() > 1 {
            mirror(stages, &identical);
        }
        identical = vec![current];
        precedence = current_precedence;
    }
    if identical.len() > 1 {
        mirror(stages, &identical);
    }
}

/// `mirrorStageSubtree`, step by step.
fn mirror(stages: &mut [Stage], run: &[usize]) {
    let n = run.len();
    for &s in run {
        let stage = &mut stages[s];
        std::mem::swap(&mut stage.left, &mut stage.right);
    }
    let (root, end) = (run[0], run[n - 1]);
    let carry = stages[end].left;
    stages[end].left = stages[root].right;
    stages[root].right = carry;
    for i in 0..(n - 2) / 2 + 1 {
        let (front, inverse) = (run[i + 1], run[n - i - 1]);
        let carry = stages[front].right;
        stages[front].right = stages[inverse].right;
        stages[inverse].right = carry;
    }
    for i in 0..n / 2 {
        let (front, inverse) = (run[i], run[n - i - 1]);
        // `swapWith`: everything but the children.
        let (a, b) = (stages[front].clone(), stages[inverse].clone());
        for (target, source) in [(front, b), (inverse, a)] {
            let stage = &mut stages[target];
            stage.symbol = source.symbol;
            stage.leaf = source.leaf;
            stage.error_format = source.error_format;
        }
    }
}

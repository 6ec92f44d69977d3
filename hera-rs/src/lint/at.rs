//! Field paths composed lazily: rules say where they look at every field
//! they check, but a [`FieldPath`] (which owns its segments) is built only
//! for the fields that have a finding.

use crate::path::{FieldPath, Segment};

/// Segments an [`At`] holds before it builds its path.
const DEPTH: usize = 8;

/// A segment, kept small (24 bytes: [`At`] is copied on every step down).
#[derive(Clone, Copy, Debug)]
enum Part<'a> {
    Key(&'a str),
    Index(u32),
    Named(u32, &'a str),
}

impl Part<'_> {
    /// The segment, at `index` (for indices past `u32`).
    fn segment_at(self, index: usize) -> Segment {
        match self.segment() {
            Segment::Item { name, .. } => Segment::Item { index, name },
            other => other,
        }
    }

    fn segment(self) -> Segment {
        match self {
            Part::Key(key) => Segment::Key(key.to_owned()),
            Part::Index(index) => Segment::Item { index: index as usize, name: None },
            Part::Named(index, name) => {
                Segment::Item { index: index as usize, name: (!name.is_empty()).then(|| name.to_owned()) }
            }
        }
    }
}

/// Where a rule is looking: a [`FieldPath`] it borrows, followed by a few
/// borrowed segments. [`At::key`], [`At::index`] and [`At::named`] copy it
/// (no allocation); [`At::path`] builds the path, for a finding.
#[derive(Clone, Debug)]
pub struct At<'a> {
    repr: Repr<'a>,
}

#[derive(Clone, Debug)]
enum Repr<'a> {
    Lazy {
        base: &'a FieldPath,
        parts: [Part<'a>; DEPTH],
        len: u8,
    },
    /// Deeper than [`DEPTH`] below its base: built after all.
    Built(FieldPath),
}

impl<'a> At<'a> {
    /// `base` itself.
    pub fn new(base: &'a FieldPath) -> Self {
        At { repr: Repr::Lazy { base, parts: [Part::Index(0); DEPTH], len: 0 } }
    }

    /// This path, then the mapping key `key`.
    #[must_use]
    pub fn key(&self, key: &'a str) -> Self {
        self.with(Part::Key(key))
    }

    /// This path, then the list item at `index`.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        match u32::try_from(index) {
            Ok(index) => self.with(Part::Index(index)),
            Err(_) => self.built(Segment::Item { index, name: None }),
        }
    }

    /// This path, then the list item at `index` called `name` (an empty
    /// name falls back to the index).
    #[must_use]
    pub fn named(&self, index: usize, name: &'a str) -> Self {
        match u32::try_from(index) {
            Ok(index) => self.with(Part::Named(index, name)),
            Err(_) => self.built(Part::Named(0, name).segment_at(index)),
        }
    }

    fn with(&self, part: Part<'a>) -> Self {
        match &self.repr {
            Repr::Lazy { base, parts, len } if usize::from(*len) < DEPTH => {
                let mut parts = *parts;
                parts[usize::from(*len)] = part;
                At { repr: Repr::Lazy { base, parts, len: len + 1 } }
            }
            _ => self.built(part.segment()),
        }
    }

    fn built(&self, segment: Segment) -> Self {
        At { repr: Repr::Built(self.path().join(&[segment])) }
    }

    /// The path, built.
    pub fn path(&self) -> FieldPath {
        match &self.repr {
            Repr::Lazy { base, parts, len } => {
                let tail: Vec<Segment> = parts[..usize::from(*len)].iter().map(|p| p.segment()).collect();
                base.join(&tail)
            }
            Repr::Built(path) => path.clone(),
        }
    }
}

/// What findings can be placed at: a [`FieldPath`] or an [`At`].
pub trait ToPath {
    /// The path, built.
    fn to_path(&self) -> FieldPath;
}

impl ToPath for FieldPath {
    fn to_path(&self) -> FieldPath {
        self.clone()
    }
}

impl ToPath for At<'_> {
    fn to_path(&self) -> FieldPath {
        self.path()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_same_path_as_field_path_at_any_depth() {
        let base = FieldPath::keys("spec.templates");
        let mut at = At::new(&base).named(0, "main").key("steps").index(1).named(2, "");
        let mut path = base.named(0, "main").key("steps").index(1).named(2, "");
        assert_eq!(at.path(), path);
        for i in 0..2 * DEPTH {
            at = at.named(i, "x").key("k");
            path = path.named(i, "x").key("k");
            assert_eq!(at.path(), path);
        }
        assert_eq!(at.path().to_string(), path.to_string());
        let huge = usize::MAX;
        assert_eq!(At::new(&base).index(huge).named(huge, "n").path(), base.index(huge).named(huge, "n"));
    }
}

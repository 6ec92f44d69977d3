//! A small line diff, to show a changed script or manifest compactly.

/// Lines of context around each change.
const CONTEXT: usize = 1;
/// Past this many printed lines, the rest is summarised.
const MAX_LINES: usize = 40;
/// Past this many cells, the middle is shown as all removed, then all added,
/// instead of computing a longest common subsequence.
const MAX_TABLE: usize = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op<'t> {
    Same(&'t str),
    Removed(&'t str),
    Added(&'t str),
}

/// The line number (from 1, on the first side) of the first difference, and
/// the changed lines with one line of context: `  same`, `- old`, `+ new`,
/// `…` between separate places.
pub(super) fn line_diff(a: &str, b: &str) -> (usize, Vec<String>) {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    if a == b {
        // Same lines, so the texts differ in their line ends.
        return (a.len().max(1), vec!["(only the line ends differ)".to_owned()]);
    }
    let ops = edit_script(&a, &b);
    let changed: Vec<usize> = (0..ops.len()).filter(|&i| !matches!(ops[i], Op::Same(_))).collect();
    let first_line = 1 + ops[..changed.first().copied().unwrap_or(0)]
        .iter()
        .filter(|op| !matches!(op, Op::Added(_)))
        .count();
    let shown: Vec<bool> =
        (0..ops.len()).map(|i| changed.iter().any(|&c| i + CONTEXT >= c && i <= c + CONTEXT)).collect();
    let mut lines = Vec::new();
    let mut previous: Option<usize> = None;
    for (i, op) in ops.iter().enumerate().filter(|(i, _)| shown[*i]) {
        if previous.is_some_and(|p| p + 1 != i) {
            lines.push("…".to_owned());
        }
        previous = Some(i);
        let line = match op {
            Op::Same(line) => format!("  {line}"),
            Op::Removed(line) => format!("- {line}"),
            Op::Added(line) => format!("+ {line}"),
        };
        lines.push(line.trim_end().to_owned());
    }
    if lines.len() > MAX_LINES {
        let more = lines.len() - MAX_LINES;
        lines.truncate(MAX_LINES);
        lines.push(format!("… ({more} more lines)"));
    }
    (first_line, lines)
}

/// Common head and tail as they are; the middle by longest common
/// subsequence when it is small enough.
fn edit_script<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<Op<'t>> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (middle_a, middle_b) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<Op<'t>> = a[..head].iter().map(|l| Op::Same(l)).collect();
    if middle_a.len().saturating_mul(middle_b.len()) <= MAX_TABLE {
        ops.extend(lcs_script(middle_a, middle_b));
    } else {
        ops.extend(middle_a.iter().map(|l| Op::Removed(l)));
        ops.extend(middle_b.iter().map(|l| Op::Added(l)));
    }
    ops.extend(a[a.len() - tail..].iter().map(|l| Op::Same(l)));
    ops
}

fn lcs_script<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<Op<'t>> {
    let (n, m) = (a.len(), b.len());
    // suffix[i][j]: length of the longest common subsequence of a[i..], b[j..].
    let mut suffix = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            suffix[i][j] =
                if a[i] == b[j] { suffix[i + 1][j + 1] + 1 } else { suffix[i + 1][j].max(suffix[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same(a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || suffix[i + 1][j] >= suffix[i][j + 1]) {
            ops.push(Op::Removed(a[i]));
            i += 1;
        } else {
            ops.push(Op::Added(b[j]));
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let a = "import sys\nx = 1\nprint(x)\na\nb\nc\nd\nend\n";
        let b = "import sys\nx = 2\nprint(x)\na\nb\nc\nd\nthe end\n";
        let (first, lines) = line_diff(a, b);
        assert_eq!(first, 2);
        assert_eq!(
            lines,
            ["  import sys", "- x = 1", "+ x = 2", "  print(x)", "…", "  d", "- end", "+ the end"]
        );
    }

    #[test]
    fn added_lines_and_long_texts() {
        let (first, lines) = line_diff("a\nb", "a\nnew\nb");
        assert_eq!((first, lines), (2, vec!["  a".into(), "+ new".into(), "  b".into()]));
        let long_a: String = (0..200).map(|i| format!("{i}\n")).collect();
        let long_b: String = (0..200).map(|i| format!("{}\n", i * 2)).collect();
        let (_, lines) = line_diff(&long_a, &long_b);
        assert_eq!(line_diff("a\n", "a"), (1, vec!["(only the line ends differ)".to_owned()]));
        assert_eq!(lines.len(), MAX_LINES + 1);
        assert!(lines.last().unwrap().ends_with("more lines)"));
    }
}

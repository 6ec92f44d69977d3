//! Graphs of dependencies (DAG tasks, containerSet containers): cycles and
//! ancestry, in time linear in the graph (ancestry in bitsets).

/// A cycle in `task → dependencies` (task indices), as the tasks along it.
/// Iterative, so a chain of any length does not deepen the stack.
pub fn find_cycle(graph: &[Vec<usize>]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; graph.len()];
    for root in 0..graph.len() {
        if marks[root] != Mark::New {
            continue;
        }
        // (node, next edge to follow); the stack is the current path.
        let mut stack = vec![(root, 0)];
        marks[root] = Mark::Open;
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            match graph[node].get(*edge) {
                Some(&next) => {
                    *edge += 1;
                    match marks[next] {
                        Mark::New => {
                            marks[next] = Mark::Open;
                            stack.push((next, 0));
                        }
                        Mark::Open => {
                            let start = stack.iter().position(|&(n, _)| n == next).unwrap_or(0);
                            let mut cycle: Vec<usize> = stack[start..].iter().map(|&(n, _)| n).collect();
                            cycle.push(next);
                            return Some(cycle);
                        }
                        Mark::Done => {}
                    }
                }
                None => {
                    marks[node] = Mark::Done;
                    stack.pop();
                }
            }
        }
    }
    None
}

/// Which nodes are ancestors of which, for an acyclic `node → dependencies`
/// graph: one bitset per node, filled in topological order, so a 200-task
/// chain costs 200 × 200 bits rather than 200² set insertions.
pub struct Ancestry {
    words: usize,
    bits: Vec<u64>,
}

impl Ancestry {
    /// The ancestry of `graph`, or `None` if it has a cycle.
    pub fn new(graph: &[Vec<usize>]) -> Option<Self> {
        let n = graph.len();
        let words = n.div_ceil(64).max(1);
        let mut bits = vec![0u64; n * words];
        for node in topological_order(graph)? {
            for &dependency in &graph[node] {
                let (from, to) = (dependency * words, node * words);
                for w in 0..words {
                    bits[to + w] |= bits[from + w];
                }
                bits[to + dependency / 64] |= 1 << (dependency % 64);
            }
        }
        Some(Ancestry { words, bits })
    }

    /// Whether `ancestor` comes (transitively) before `node`.
    pub fn is_ancestor(&self, ancestor: usize, node: usize) -> bool {
        self.bits[node * self.words + ancestor / 64] & (1 << (ancestor % 64)) != 0
    }
}

/// Nodes with their dependencies first (Kahn's algorithm), or `None` on a cycle.
fn topological_order(graph: &[Vec<usize>]) -> Option<Vec<usize>> {
    let n = graph.len();
    let mut waiting: Vec<usize> = graph.iter().map(Vec::len).collect();
    let mut dependents = vec![Vec::new(); n];
    for (node, dependencies) in graph.iter().enumerate() {
        for &dependency in dependencies {
            dependents[dependency].push(node);
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&node| waiting[node] == 0).collect();
    let mut next = 0;
    while next < order.len() {
        let node = order[next];
        next += 1;
        for &dependent in &dependents[node] {
            waiting[dependent] -= 1;
            if waiting[dependent] == 0 {
                order.push(dependent);
            }
        }
    }
    (order.len() == n).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_and_ancestors() {
        // 0 <- 1 <- 2, 0 <- 3
        let graph = vec![vec![], vec![0], vec![1], vec![0]];
        assert_eq!(find_cycle(&graph), None);
        let ancestry = Ancestry::new(&graph).unwrap();
        assert!(ancestry.is_ancestor(0, 2) && ancestry.is_ancestor(1, 2) && ancestry.is_ancestor(0, 3));
        assert!(!ancestry.is_ancestor(1, 3) && !ancestry.is_ancestor(2, 0) && !ancestry.is_ancestor(2, 2));
        let cyclic = vec![vec![2], vec![0], vec![1]];
        assert_eq!(find_cycle(&cyclic), Some(vec![0, 2, 1, 0]));
        assert!(Ancestry::new(&cyclic).is_none());
    }

    #[test]
    fn a_long_chain_has_every_earlier_task_as_ancestor() {
        let graph: Vec<Vec<usize>> = (0..300).map(|i| if i == 0 { vec![] } else { vec![i - 1] }).collect();
        let ancestry = Ancestry::new(&graph).unwrap();
        assert!(
            ancestry.is_ancestor(0, 299) && ancestry.is_ancestor(150, 151) && !ancestry.is_ancestor(151, 150)
        );
    }
}

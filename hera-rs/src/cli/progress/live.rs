//! A running workflow on stderr: its node tree redrawn in place on a
//! terminal — at most ten times a second ([`FASTEST`]) and at least once a
//! second ([`SLOWEST`]), so the durations of running nodes advance — or one
//! line per change.
//!
//! The [`Display`] runs on one thread and is fed [`Event`]s through a
//! channel: by the local engine's [`Live`] trace (from the engine's
//! thread), or by the server's watch and log streams (from theirs).
//! [`drive`] waits for them with a [`Ticker`], which also tells the time;
//! tests give it a fake one.

use super::tree;
use crate::model::{NodeStatus, Workflow, WorkflowStatus};
use crate::run::trace::Trace;
use crate::support::Output;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The shortest time between two redraws.
pub(crate) const FASTEST: Duration = Duration::from_millis(100);
/// The longest time between two redraws.
pub(crate) const SLOWEST: Duration = Duration::from_secs(1);

/// What a [`Display`] is told.
#[derive(Debug)]
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(crate) enum Event {
    /// A local run began: its workflow (named, no status yet), and when.
    Started(Box<Workflow>, DateTime<Utc>),
    /// A node of a local run was created or changed; `at` is its latest
    /// time in seconds since the start, on the engine's clock (which skips
    /// waits unless `--real-time`).
    Node(Box<NodeStatus>, f64),
    /// The workflow as the server sent it.
    Workflow(Box<Workflow>),
    /// A line of a pod's log.
    Log {
        /// The pod.
        pod: String,
        /// The line.
        content: String,
    },
}

/// What the display shows (a local run: only the tree; its lines are the
/// engine's own [`crate::run::trace::Lines`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(crate) enum Show {
    /// The tree, redrawn in place.
    Tree,
    /// One line per node change (`NAME DISPLAY PHASE[: MESSAGE]`).
    Lines,
    /// One line per phase of the workflow (`--wait`).
    Phase,
    /// Nothing but log lines.
    Nothing,
}

/// Redraws a block of text in place: up over the lines drawn last time
/// (`ESC [ n A`), clear to the end of the screen (`ESC [ J`), the new
/// text. Lines are not wrapped while drawn (`ESC [ ? 7 l`), so a line
/// wider than the terminal is cut instead of taking two rows the count
/// would miss.
#[derive(Debug, Default)]
pub(crate) struct Screen {
    drawn: usize,
}

impl Screen {
    /// The bytes that replace what was drawn with `text` (whole lines).
    pub(crate) fn paint(&mut self, text: &str) -> String {
        let mut out = self.erase();
        out.push_str("\x1b[?7l");
        out.push_str(text);
        out.push_str("\x1b[?7h");
        self.drawn = text.lines().count();
        out
    }

    /// The bytes that remove what was drawn.
    pub(crate) fn erase(&mut self) -> String {
        let out = if self.drawn > 0 { format!("\x1b[{}A\x1b[J", self.drawn) } else { String::new() };
        self.drawn = 0;
        out
    }

    /// The bytes that print `line` (with its newline) above the block, and
    /// the block again below it.
    pub(crate) fn above(&mut self, line: &str, text: &str) -> String {
        let mut out = self.erase();
        out.push_str(line);
        out.push_str(&self.paint(text));
        out
    }
}

/// The local engine's clock, as far as the display can tell: the latest
/// node time seen (`offset`, seconds since `started`), at `seen`.
#[derive(Debug)]
struct EngineClock {
    started: DateTime<Utc>,
    offset: f64,
    seen: Instant,
}

impl EngineClock {
    fn now(&self, now: Instant) -> f64 {
        self.offset + now.saturating_duration_since(self.seen).as_secs_f64()
    }
}

/// A running workflow as it is shown.
pub(crate) struct Display {
    show: Show,
    /// At the end, remove the tree (a summary follows) instead of drawing it a last time.
    erase_at_end: bool,
    workflow: Workflow,
    clock: Option<EngineClock>,
    /// Pod name → node display name.
    pods: HashMap<String, String>,
    seen: HashMap<String, (String, String)>,
    last_phase: String,
    screen: Screen,
    dirty: bool,
    painted: Option<Instant>,
    rows: Rows,
}

/// How many rows the tree may take while it is redrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rows {
    /// Any number (not a terminal).
    All,
    /// The terminal's (stderr's) height, asked at each redraw.
    Terminal,
    /// This many (tests).
    #[cfg_attr(not(test), allow(dead_code))]
    Fixed(usize),
}

impl Rows {
    /// `Terminal` when stderr is one, else `All`.
    pub(crate) fn of_stderr(terminal: bool) -> Rows {
        if terminal { Rows::Terminal } else { Rows::All }
    }

    fn get(self) -> Option<usize> {
        match self {
            Rows::All => None,
            Rows::Terminal => {
                terminal_size::terminal_size_of(std::io::stderr()).map(|(_, height)| usize::from(height.0))
            }
            Rows::Fixed(rows) => Some(rows),
        }
    }
}

/// `text` cut to `rows` rows, less one for the cursor below it: a tree
/// taller than the screen would scroll out of reach of the cursor-up.
fn cut(text: String, rows: Option<usize>) -> String {
    let Some(rows) = rows else { return text };
    let room = rows.saturating_sub(1).max(2);
    let count = text.lines().count();
    if count <= room {
        return text;
    }
    let mut out: String = text.lines().take(room - 1).flat_map(|line| [line, "\n"]).collect();
    out.push_str(&format!("… {} more rows (the whole tree at the end)\n", count - (room - 1)));
    out
}

impl Display {
    /// A display that shows `show`.
    pub(crate) fn new(show: Show, erase_at_end: bool) -> Display {
        Display {
            show,
            erase_at_end,
            workflow: Workflow::default(),
            clock: None,
            pods: HashMap::new(),
            seen: HashMap::new(),
            last_phase: String::new(),
            screen: Screen::default(),
            dirty: false,
            painted: None,
            rows: Rows::All,
        }
    }

    /// Limits the redrawn tree to `rows`.
    pub(crate) fn rows(mut self, rows: Rows) -> Display {
        self.rows = rows;
        self
    }

    /// The node a pod runs (its display name), else the pod's own name.
    pub(crate) fn node_of<'a>(&'a self, pod: &'a str) -> &'a str {
        self.pods.get(pod).map_or(pod, String::as_str)
    }

    /// Whether the workflow has been seen.
    pub(crate) fn has_workflow(&self) -> bool {
        self.workflow.metadata.name.is_some()
    }

    /// Takes `event` in, at `now`, writing what it prints.
    pub(crate) fn apply(
        &mut self,
        event: Event,
        now: Instant,
        wall: DateTime<Utc>,
        write: &mut dyn FnMut(&str),
    ) {
        match event {
            Event::Started(workflow, started) => {
                self.workflow = *workflow;
                self.workflow.status = Some(WorkflowStatus {
                    phase: Some("Running".into()),
                    started_at: Some(crate::run::format_time(started, 0.0)),
                    nodes: Some(Default::default()),
                    ..Default::default()
                });
                self.clock = Some(EngineClock { started, offset: 0.0, seen: now });
                self.dirty = true;
            }
            Event::Node(node, at) => {
                if let Some(clock) = &mut self.clock
                    && at > clock.now(now)
                {
                    clock.offset = at;
                    clock.seen = now;
                }
                let status = self.workflow.status.get_or_insert_default();
                status.nodes.get_or_insert_default().insert(node.id.clone(), *node);
                self.dirty = true;
            }
            Event::Workflow(workflow) => {
                self.workflow = *workflow;
                self.pods = tree::pods(&self.workflow);
                self.dirty = true;
                match self.show {
                    Show::Lines => {
                        for line in tree::changes(&self.workflow, &mut self.seen) {
                            write(&format!("{line}\n"));
                        }
                    }
                    Show::Phase => {
                        let status = self.workflow.status.as_ref();
                        let phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
                        if !phase.is_empty() && phase != self.last_phase && !finished(status) {
                            let metadata = &self.workflow.metadata;
                            write(&format!(
                                "Workflow {}/{} {phase}\n",
                                metadata.namespace.as_deref().unwrap_or(""),
                                metadata.name.as_deref().unwrap_or("")
                            ));
                        }
                        self.last_phase = phase;
                    }
                    Show::Tree | Show::Nothing => {}
                }
            }
            Event::Log { pod, content } => {
                let line = format!("{}: {content}\n", self.node_of(&pod));
                if self.show == Show::Tree && self.painted.is_some() {
                    let text = self.text(now, wall);
                    write(&self.screen.above(&line, &text));
                    self.painted = Some(now);
                    self.dirty = false;
                } else {
                    write(&line);
                }
            }
        }
        self.paint_if_due(now, wall, write);
    }

    /// Redraws the tree if it is time: something changed and the last
    /// redraw is [`FASTEST`] old, or it is [`SLOWEST`] old.
    pub(crate) fn paint_if_due(&mut self, now: Instant, wall: DateTime<Utc>, write: &mut dyn FnMut(&str)) {
        if self.show != Show::Tree || !self.has_workflow() {
            return;
        }
        let due = match self.painted {
            None => true,
            Some(last) => {
                let age = now.saturating_duration_since(last);
                (self.dirty && age >= FASTEST) || age >= SLOWEST
            }
        };
        if due {
            let text = self.text(now, wall);
            write(&self.screen.paint(&text));
            self.painted = Some(now);
            self.dirty = false;
        }
    }

    /// The end: the tree drawn a last time, or removed.
    pub(crate) fn finish(&mut self, now: Instant, wall: DateTime<Utc>, write: &mut dyn FnMut(&str)) {
        if self.show != Show::Tree || !self.has_workflow() {
            return;
        }
        if self.erase_at_end {
            write(&self.screen.erase());
        } else {
            // Whole: nothing is redrawn after it.
            let text = self.whole(now, wall);
            write(&self.screen.paint(&text));
        }
    }

    /// The tree at `now`, cut to the rows there are.
    fn text(&self, now: Instant, wall: DateTime<Utc>) -> String {
        cut(self.whole(now, wall), self.rows.get())
    }

    /// The tree at `now` (a local run's durations by the engine's clock).
    fn whole(&self, now: Instant, wall: DateTime<Utc>) -> String {
        let at = match &self.clock {
            Some(clock) => clock.started + chrono::Duration::milliseconds((clock.now(now) * 1000.0) as i64),
            None => wall,
        };
        tree::render(&self.workflow, at)
    }
}

/// Whether the workflow has finished (`finishedAt` set, or a final phase;
/// the `--wait` line of the final phase is the caller's).
fn finished(status: Option<&WorkflowStatus>) -> bool {
    status.is_some_and(|s| {
        s.finished_at.is_some() || matches!(s.phase.as_deref(), Some("Succeeded" | "Failed" | "Error"))
    })
}

/// What a [`Ticker`] waited for.
#[derive(Debug)]
pub(crate) enum Step<E> {
    /// An event came.
    Event(E),
    /// None came within [`FASTEST`].
    Tick,
    /// None will come: every sender is gone.
    End,
}

/// The display's time and wait.
pub(crate) trait Ticker<E> {
    /// The next event, or a tick when none comes within [`FASTEST`].
    fn next(&mut self, events: &Receiver<E>) -> Step<E>;
    /// Now, for pacing the redraws.
    fn now(&self) -> Instant;
    /// Now, for the durations of a server's running nodes.
    fn wall(&self) -> DateTime<Utc>;
}

/// The real clock.
#[derive(Debug, Default)]
pub(crate) struct Clock;

impl<E> Ticker<E> for Clock {
    fn next(&mut self, events: &Receiver<E>) -> Step<E> {
        match events.recv_timeout(FASTEST) {
            Ok(event) => Step::Event(event),
            Err(RecvTimeoutError::Timeout) => Step::Tick,
            Err(RecvTimeoutError::Disconnected) => Step::End,
        }
    }

    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Shows `events` on `display` until they end or `on` says to stop; `on`
/// takes each event in (most pass it to [`Display::apply`]).
pub(crate) fn drive<E, T: Ticker<E>>(
    display: &mut Display,
    ticker: &mut T,
    events: &Receiver<E>,
    write: &mut dyn FnMut(&str),
    mut on: impl FnMut(E, &mut Display, Instant, DateTime<Utc>, &mut dyn FnMut(&str)) -> bool,
) {
    loop {
        match ticker.next(events) {
            Step::Event(event) => {
                if !on(event, display, ticker.now(), ticker.wall(), write) {
                    break;
                }
            }
            Step::Tick => display.paint_if_due(ticker.now(), ticker.wall(), write),
            Step::End => break,
        }
    }
    display.finish(ticker.now(), ticker.wall(), write);
}

/// Where a display on its own thread writes: the process's stderr, or a
/// buffer the command copies into its [`Output`] at the end (tests, library
/// callers).
#[derive(Clone, Debug)]
pub(crate) enum Sink {
    /// The process's stderr.
    Stderr,
    /// A buffer.
    Buffer(Arc<Mutex<Vec<u8>>>),
}

impl Sink {
    /// The sink for `out`'s stderr.
    pub(crate) fn for_output(out: &Output<'_>) -> Sink {
        if out.is_standard() { Sink::Stderr } else { Sink::Buffer(Arc::default()) }
    }

    /// Copies what was buffered into `out`'s stderr.
    pub(crate) fn drain_into(&self, out: &mut Output<'_>) {
        if let Sink::Buffer(buffer) = self {
            let bytes = std::mem::take(&mut *buffer.lock().unwrap_or_else(|e| e.into_inner()));
            out.error_text(&String::from_utf8_lossy(&bytes));
        }
    }
}

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stderr => std::io::stderr().write(bytes),
            Sink::Buffer(buffer) => {
                buffer.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(bytes);
                Ok(bytes.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stderr => std::io::stderr().flush(),
            Sink::Buffer(_) => Ok(()),
        }
    }
}

/// The local engine's trace for the live tree: each node change, as
/// Argo's `NodeStatus`, to the display's thread.
pub(crate) struct Live {
    events: Sender<Event>,
    started: DateTime<Utc>,
}

impl Trace for Live {
    fn start(&mut self, workflow: &Workflow, started: DateTime<Utc>) {
        self.started = started;
        let _ = self.events.send(Event::Started(Box::new(workflow.clone()), started));
    }

    fn node(&mut self, node: &crate::run::Node) {
        let at = node.finished_at.unwrap_or(node.started_at).max(node.started_at);
        let status = crate::run::node_status(node, self.started);
        let _ = self.events.send(Event::Node(Box::new(status), at));
    }
}

/// Starts the live tree of a local run on its own thread, writing to
/// `sink`: the trace to give the run, and the thread, which ends (the tree
/// removed) once the run, and so the trace, is dropped.
pub(crate) fn local(sink: Sink, rows: Rows) -> (Live, std::thread::JoinHandle<()>) {
    let (events, received) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let mut sink = sink;
        let mut display = Display::new(Show::Tree, true).rows(rows);
        let mut write = |text: &str| {
            let _ = sink.write_all(text.as_bytes());
            let _ = sink.flush();
        };
        drive(&mut display, &mut Clock, &received, &mut write, |event, display, now, wall, write| {
            display.apply(event, now, wall, write);
            true
        });
    });
    (Live { events, started: Utc::now() }, thread)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::cell::{Cell, RefCell};
    use std::collections::VecDeque;
    use std::rc::Rc;

    /// A ticker that plays a script: each step advances the fake clock by
    /// its milliseconds, then gives its event, or a tick. `step` says which
    /// step is being played, so what is written can be told apart.
    struct Script {
        steps: VecDeque<(u64, Option<Event>)>,
        start: Instant,
        elapsed: Duration,
        step: Rc<Cell<usize>>,
    }

    impl Ticker<Event> for Script {
        fn next(&mut self, _events: &Receiver<Event>) -> Step<Event> {
            let Some((advance, event)) = self.steps.pop_front() else {
                self.step.set(self.step.get() + 1);
                return Step::End;
            };
            self.step.set(self.step.get() + 1);
            self.elapsed += Duration::from_millis(advance);
            event.map_or(Step::Tick, Step::Event)
        }
        fn now(&self) -> Instant {
            self.start + self.elapsed
        }
        fn wall(&self) -> DateTime<Utc> {
            DateTime::parse_from_rfc3339("2026-01-01T00:00:10Z").unwrap().with_timezone(&Utc)
                + chrono::Duration::from_std(self.elapsed).unwrap()
        }
    }

    /// Plays `script` on `display` through [`drive`]: what each step wrote
    /// (the last entry is the end's).
    fn play(display: &mut Display, script: Vec<(u64, Option<Event>)>) -> Vec<String> {
        let step = Rc::new(Cell::new(0));
        let count = script.len();
        let mut ticker = Script {
            steps: script.into(),
            start: Instant::now(),
            elapsed: Duration::ZERO,
            step: step.clone(),
        };
        let writes = RefCell::new(vec![String::new(); count + 2]);
        let (_keep, events) = mpsc::channel::<Event>();
        let mut write = |text: &str| writes.borrow_mut()[step.get()].push_str(text);
        drive(display, &mut ticker, &events, &mut write, |event, display, now, wall, write| {
            display.apply(event, now, wall, write);
            true
        });
        let mut writes = writes.into_inner();
        writes.remove(0);
        writes
    }

    /// The number of lines of a drawing.
    fn rows(drawn: &str) -> usize {
        drawn.matches('\n').count()
    }

    fn workflow(phase: &str) -> Box<Workflow> {
        Box::new(
            serde_json::from_value(json!({
                "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
                "metadata": {"name": "wf", "namespace": "argo"}, "spec": {},
                "status": {"phase": "Running", "startedAt": "2026-01-01T00:00:00Z", "nodes": {
                    "wf": {"id": "wf", "name": "wf", "displayName": "wf", "type": "Steps", "phase": "Running",
                        "templateName": "main", "children": ["wf-1"], "startedAt": "2026-01-01T00:00:00Z"},
                    "wf-1": {"id": "wf-1", "name": "wf.a", "displayName": "a", "type": "Pod", "phase": phase,
                        "templateName": "echo", "boundaryID": "wf", "startedAt": "2026-01-01T00:00:00Z"}
                }}
            }))
            .unwrap(),
        )
    }

    #[test]
    fn the_screen_goes_up_over_what_it_drew() {
        let mut screen = Screen::default();
        assert_eq!(screen.paint("a\nb\n"), "\x1b[?7la\nb\n\x1b[?7h");
        assert_eq!(screen.paint("c\n"), "\x1b[2A\x1b[J\x1b[?7lc\n\x1b[?7h");
        assert_eq!(screen.above("log\n", "c\n"), "\x1b[1A\x1b[Jlog\n\x1b[?7lc\n\x1b[?7h");
        assert_eq!(screen.erase(), "\x1b[1A\x1b[J");
        assert_eq!(screen.erase(), "");
    }

    #[test]
    fn the_tree_is_redrawn_when_it_changes_at_most_every_tenth_of_a_second_and_at_least_every_second() {
        let mut display = Display::new(Show::Tree, false);
        let writes = play(
            &mut display,
            vec![
                (0, Some(Event::Workflow(workflow("Pending")))),
                // A change 50 ms later waits; the tick after 100 ms draws it.
                (50, Some(Event::Workflow(workflow("Running")))),
                (60, None),
                // Nothing changes: no redraw before a second has passed.
                (500, None),
                (500, None),
            ],
        );
        let lines = rows(&writes[0]);
        assert!(writes[0].starts_with("\x1b[?7lName:"), "{:?}", writes[0]);
        assert!(writes[0].contains("◷ a"), "{}", writes[0]);
        assert_eq!(writes[1], "", "too soon");
        assert!(writes[2].starts_with(&format!("\x1b[{lines}A\x1b[J")), "{:?}", writes[2]);
        assert!(writes[2].contains("● a"), "{}", writes[2]);
        assert_eq!(writes[3], "", "nothing changed, not a second yet");
        // A second after the last: redrawn, the running pod's duration on.
        assert!(writes[4].starts_with(&format!("\x1b[{lines}A\x1b[J")), "{:?}", writes[4]);
        assert!(writes[4].contains("  11s"), "{}", writes[4]);
        assert!(writes[2].contains("  10s"), "{}", writes[2]);
        // The end draws it once more (erase_at_end is off).
        assert!(writes[5].starts_with(&format!("\x1b[{lines}A\x1b[J")), "{:?}", writes[5]);
    }

    #[test]
    fn log_lines_go_above_the_tree_prefixed_with_their_node() {
        let mut display = Display::new(Show::Tree, true);
        let pod = crate::run::names::pod_name("wf", "wf.a", "echo");
        let writes = play(
            &mut display,
            vec![
                (0, Some(Event::Log { pod: pod.clone(), content: "early".into() })),
                (0, Some(Event::Workflow(workflow("Running")))),
                (10, Some(Event::Log { pod: pod.clone(), content: "hello".into() })),
                (10, Some(Event::Log { pod: "other-pod".into(), content: "who".into() })),
            ],
        );
        // Before the workflow is known, the pod's own name.
        assert_eq!(writes[0], format!("{pod}: early\n"));
        let lines = rows(&writes[1]);
        assert!(
            writes[2].starts_with(&format!("\x1b[{lines}A\x1b[Ja: hello\n\x1b[?7lName:")),
            "{:?}",
            writes[2]
        );
        assert!(writes[3].contains("other-pod: who\n"), "{:?}", writes[3]);
        // The end removes the tree.
        assert_eq!(writes[4], format!("\x1b[{lines}A\x1b[J"));
    }

    #[test]
    fn a_tree_taller_than_the_terminal_is_cut_while_redrawn_and_whole_at_the_end() {
        let mut display = Display::new(Show::Tree, false).rows(Rows::Fixed(5));
        let writes = play(&mut display, vec![(0, Some(Event::Workflow(workflow("Running"))))]);
        // Four rows (one left for the cursor): three of the tree, then what is left out.
        let drawn = writes[0].trim_start_matches("\x1b[?7l").trim_end_matches("\x1b[?7h");
        assert_eq!(rows(drawn), 4, "{drawn}");
        assert!(drawn.ends_with("… 5 more rows (the whole tree at the end)\n"), "{drawn}");
        assert!(writes[1].starts_with("\x1b[4A\x1b[J") && writes[1].contains("● a"), "{:?}", writes[1]);
        assert_eq!(cut("a\nb\n".into(), Some(3)), "a\nb\n");
        assert_eq!(cut("a\nb\n".into(), None), "a\nb\n");
    }

    #[test]
    fn lines_and_phases_without_a_terminal() {
        let mut display = Display::new(Show::Lines, false);
        let writes = play(
            &mut display,
            vec![
                (0, Some(Event::Workflow(workflow("Pending")))),
                (0, Some(Event::Workflow(workflow("Running")))),
            ],
        );
        assert_eq!(writes, ["wf wf Running\nwf a Pending\n", "wf a Running\n", ""]);
        let mut display = Display::new(Show::Phase, false);
        let writes = play(
            &mut display,
            vec![
                (0, Some(Event::Workflow(workflow("Pending")))),
                (0, Some(Event::Workflow(workflow("Running")))),
            ],
        );
        assert_eq!(writes, ["Workflow argo/wf Running\n", "", ""]);
    }

    #[test]
    fn a_local_run_is_drawn_from_its_nodes_on_the_engines_clock() {
        let started = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        let mut display = Display::new(Show::Tree, true);
        let mut base = *workflow("Running");
        base.status = None;
        let nodes = workflow("Running").status.unwrap().nodes.unwrap();
        let writes = play(
            &mut display,
            vec![
                (0, Some(Event::Started(Box::new(base), started))),
                (0, Some(Event::Node(Box::new(nodes["wf"].clone()), 0.0))),
                // The engine skipped a 30 s wait: its clock is ahead of ours.
                (200, Some(Event::Node(Box::new(nodes["wf-1"].clone()), 30.0))),
                (1000, None),
            ],
        );
        assert!(writes[0].contains("Status:              Running"), "{}", writes[0]);
        assert!(writes[2].contains("● a") && writes[2].contains("30s"), "{}", writes[2]);
        assert!(writes[3].contains("31s"), "{}", writes[3]);
    }

    #[test]
    fn the_live_trace_feeds_a_display_thread_that_removes_its_tree_at_the_end() {
        let sink = Sink::Buffer(Arc::default());
        let (mut live, thread) = local(sink.clone(), Rows::All);
        let mut base = *workflow("Running");
        base.status = None;
        live.start(&base, Utc::now());
        drop(live);
        thread.join().unwrap();
        let Sink::Buffer(buffer) = sink else { unreachable!() };
        let text = String::from_utf8(buffer.lock().unwrap().clone()).unwrap();
        assert!(text.starts_with("\x1b[?7lName:                wf\n"), "{text:?}");
        let lines = text.split("\x1b[?7h").next().unwrap().lines().count();
        assert!(text.ends_with(&format!("\x1b[?7h\x1b[{lines}A\x1b[J")), "{text:?}");
    }
}

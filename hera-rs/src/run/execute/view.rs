//! A node's private view of the machine's filesystem: it reads the host's
//! files, but what it writes under the directories it uses (`/tmp`, its
//! output and artifact paths, its volume mounts) stays its own — an overlay
//! in a mount namespace of its own (and, but for root, a user namespace).
//! A path whose top directory this machine lacks (`/outputs/…`, a file at
//! the root such as `/result.txt`) gets a root of the node's own: a
//! directory on the host into which every top-level entry of `/` is bound,
//! the overlays mounted, the missing directories made, and the command run
//! in it (`chroot`), so what the node writes there is its own and readable
//! from the host afterwards. Where Linux cannot give a view, nodes run
//! without it and share the host's directories; the engine says so once.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::host::Launch;

/// The directories of one node that get a private overlay, and where each
/// overlay's writes land on the host.
#[derive(Clone, Debug)]
pub struct View {
    /// (directory as the node sees it, upper directory on the host)
    layers: Vec<(PathBuf, PathBuf)>,
    root: PathBuf,
    /// The top-level entries of `/` the node needs and this machine lacks:
    /// with any, the node runs in a root of its own (`rootfs`).
    missing: Vec<String>,
    /// The directories to make in that root: the top directory of the
    /// paths, and the directories themselves (mount paths, the working
    /// directory).
    make: Vec<PathBuf>,
    /// Volumes: (directory as the node sees it, the host directory bound there).
    binds: Vec<(PathBuf, PathBuf)>,
    /// The run's directory, which holds the layers, the node's root and
    /// the volumes: the mounts name them relative to it, from a working
    /// directory opened before any mount, so an overlay that covers it
    /// (`/tmp`) does not hide them from the mounts after it.
    base: PathBuf,
}

/// Whether this machine can make private views (probed once).
pub fn available() -> bool {
    unshare().is_some()
}

/// The options of `unshare(1)` that make a view's namespaces here: a mount
/// namespace for root, with a user namespace for anyone else; none where
/// views cannot be made.
fn unshare() -> Option<&'static [&'static str]> {
    #[cfg(target_os = "linux")]
    return super::namespace::way().map(|way| match way {
        super::namespace::Way::Thread => &["--mount", "--fork"][..],
        super::namespace::Way::Child => &["--mount", "--map-root-user", "--fork"][..],
    });
    #[cfg(not(target_os = "linux"))]
    None
}

/// Whether an overlay can be mounted over `top` in a node's namespace
/// (probed once per directory). Linux refuses it over a directory that
/// holds mounts of the outer namespace (they are locked there, as
/// `/mnt/…` is on some machines); such a directory is left out of the
/// node's own root instead, as a missing one is, so the node gets an
/// empty directory of its own there.
fn overlays(top: &Path) -> bool {
    static PROBED: std::sync::Mutex<Vec<(PathBuf, bool)>> = std::sync::Mutex::new(Vec::new());
    if top == Path::new("/tmp") {
        return true;
    }
    let mut probed = PROBED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, works)) = probed.iter().find(|(dir, _)| dir == top) {
        return *works;
    }
    let scratch = std::env::temp_dir().join(format!("hera-overlay-probe-{}", std::process::id()));
    let (upper, work) = (scratch.join("upper"), scratch.join("work"));
    let works = std::fs::create_dir_all(&upper).is_ok()
        && std::fs::create_dir_all(&work).is_ok()
        && Command::new("unshare")
            .args(unshare().unwrap_or_default())
            .args(["mount", "-t", "overlay", "overlay", "-o"])
            .arg(format!(
                "lowerdir={},upperdir={},workdir={}",
                top.display(),
                upper.display(),
                work.display()
            ))
            .arg(top)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    let _ = std::fs::remove_dir_all(&scratch);
    probed.push((top.to_owned(), works));
    works
}

impl View {
    /// A view over `/tmp` and the top-level directories of `paths` (files
    /// the node reads or writes) and `dirs` (directories it works in), its
    /// writes kept under `root`. A path whose top-level entry is not a
    /// directory of this machine (missing, or a file directly under `/`)
    /// gives the node a root of its own, in which such directories and
    /// the top directory of such paths are made.
    pub fn new(root: &Path, base: &Path, paths: &[&str], dirs: &[&str]) -> View {
        let mut tops: Vec<PathBuf> = vec![PathBuf::from("/tmp")];
        let mut missing = Vec::new();
        let mut make = Vec::new();
        for (path, is_dir) in paths.iter().map(|p| (p, false)).chain(dirs.iter().map(|d| (d, true))) {
            let mut components = Path::new(path).components();
            let (Some(std::path::Component::RootDir), Some(std::path::Component::Normal(name))) =
                (components.next(), components.next())
            else {
                continue;
            };
            let top = Path::new("/").join(name);
            if !top.is_dir() || top.is_symlink() || !overlays(&top) {
                let name = name.to_string_lossy().into_owned();
                if !missing.contains(&name) {
                    missing.push(name);
                }
                // A directory the node works in is made whole (Kubernetes
                // makes mount points, the runtime the working directory);
                // of a file's path only the top directory, as the image's
                // root would have it: the rest is the program's to make.
                let deeper = Path::new(path).components().count() > 2;
                if is_dir {
                    make.push(PathBuf::from(path));
                } else if deeper {
                    make.push(top.clone());
                }
            } else if !tops.contains(&top) {
                tops.push(top);
            }
        }
        let layers =
            tops.into_iter().enumerate().map(|(i, top)| (top, root.join(format!("layer-{i}")))).collect();
        View { layers, root: root.to_owned(), missing, make, binds: Vec::new(), base: base.to_owned() }
    }

    /// Binds the host directory `host` at `path` in the view (a volume,
    /// which the pods that mount it share as the host's directory).
    pub fn bind(mut self, host: PathBuf, path: &str) -> View {
        self.binds.push((PathBuf::from(path), host));
        self
    }

    /// The node's own root, when it needs one.
    fn rootfs(&self) -> Option<PathBuf> {
        (!self.missing.is_empty()).then(|| self.root.join("rootfs"))
    }

    /// Wraps `argv` so it runs inside the view, in `working_dir` (made in
    /// the node's own root when it has one, `/` there by default; else it
    /// must exist).
    pub fn command(&self, argv: &[String], working_dir: Option<&str>) -> Result<Launch, String> {
        let create = |dir: &Path| {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
        };
        let rootfs = self.rootfs();
        #[cfg(target_os = "linux")]
        if rootfs.is_none() {
            return self.entered(argv, working_dir);
        }
        let host = |path: &Path| shell_quote(&self.relative(path).display().to_string());
        // `$PWD`, not `$(pwd)`: the shell checks it against its working
        // directory at start, and a command substitution would fork.
        let mut script = format!("set -e\nwd=$PWD\ncd {}\n", shell_quote(&self.base.display().to_string()));
        if let Some(rootfs) = &rootfs {
            create(rootfs)?;
            for dir in &self.make {
                create(&rootfs.join(dir.strip_prefix("/").unwrap_or(dir)))?;
            }
            // Every top-level entry but the overlaid and the missing ones,
            // bound into the node's root (a symbolic link copied as one).
            let skip: Vec<String> = self
                .layers
                .iter()
                .filter_map(|(top, _)| top.file_name().map(|n| n.to_string_lossy().into_owned()))
                .chain(self.missing.iter().cloned())
                .collect();
            script.push_str(&format!("r={}\n", shell_quote(&rootfs.display().to_string())));
            script.push_str("for e in /* /.[!.]*; do\n  [ -e \"$e\" ] || [ -L \"$e\" ] || continue\n  n=${e#/}\n  case \"$n\" in\n");
            for name in &skip {
                script.push_str(&format!("    {}) continue ;;\n", shell_quote(name)));
            }
            script.push_str(
                "  esac\n  if [ -L \"$e\" ]; then ln -sfn \"$(readlink \"$e\")\" \"$r/$n\"\n  elif [ -d \"$e\" ]; then mkdir -p \"$r/$n\"; mount --rbind \"$e\" \"$r/$n\"\n  else touch \"$r/$n\"; mount --bind \"$e\" \"$r/$n\"; fi\ndone\n",
            );
        }
        let prefix = rootfs.as_ref().map(|r| r.display().to_string()).unwrap_or_default();
        for (i, (top, upper)) in self.layers.iter().enumerate() {
            let work = self.root.join(format!("work-{i}"));
            create(upper)?;
            create(&work)?;
            let target = format!("{prefix}{}", top.display());
            // On the host's own root the directory exists (View::new
            // overlays only directories the machine has): no mkdir process.
            if rootfs.is_some() || !top.is_dir() {
                script.push_str(&format!("mkdir -p {}\n", shell_quote(&target)));
            }
            script.push_str(&format!(
                "mount -t overlay overlay -o lowerdir={},upperdir={},workdir={} {target}\n",
                shell_quote(&top.display().to_string()),
                host(upper),
                host(&work),
                target = shell_quote(&target),
            ));
        }
        // `--no-canonicalize`: mount(8) would resolve a relative source
        // through the mounts above.
        for (path, source) in &self.binds {
            let target = shell_quote(&format!("{prefix}{}", path.display()));
            script.push_str(&format!(
                "mkdir -p {target}\nmount --no-canonicalize --bind {} {target}\n",
                host(source)
            ));
        }
        match &rootfs {
            // The working directory is set inside the new root; without
            // one, `/`, as in an image that sets no WORKDIR (a script's
            // `open("result.txt", "w")` is then its `/result.txt`).
            Some(_) => {
                let wd = shell_quote(working_dir.unwrap_or("/"));
                script.push_str(&format!(
                    "wd={wd}\nexec chroot \"$r\" /bin/sh -c 'mkdir -p \"$0\" && cd \"$0\" && exec \"$@\"' \"$wd\" \"$@\"\n"
                ));
            }
            None => script.push_str("cd \"$wd\"\nexec \"$@\"\n"),
        }
        let mut command = Command::new("unshare");
        command.args(unshare().unwrap_or_default()).args(["sh", "-c", &script, "hera-node"]);
        command.args(argv);
        if let (None, Some(dir)) = (&rootfs, working_dir) {
            command.current_dir(dir);
        }
        Ok(Launch::from(command))
    }

    /// A host path as the mounts name it: relative to the run's directory.
    fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.base).ok().filter(|r| !r.as_os_str().is_empty()).unwrap_or(path)
    }

    /// `argv` as a process that enters the view itself, before its exec
    /// (`namespace`): for a view on the host's own root, the common case.
    #[cfg(target_os = "linux")]
    fn entered(&self, argv: &[String], working_dir: Option<&str>) -> Result<Launch, String> {
        let create = |dir: &Path| {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
        };
        let start = match working_dir {
            Some(dir) => PathBuf::from(dir),
            None => std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?,
        };
        let mut entry = super::namespace::Entry::new(&self.base, &start)?;
        for (i, (top, upper)) in self.layers.iter().enumerate() {
            let work = self.root.join(format!("work-{i}"));
            create(upper)?;
            create(&work)?;
            entry.overlay(top, top, self.relative(upper), self.relative(&work))?;
        }
        for (path, source) in &self.binds {
            entry.bind(self.relative(source), path)?;
        }
        let mut command = Command::new(&argv[0]);
        command.args(&argv[1..]);
        Ok(Launch { command, view: Some(entry) })
    }

    /// Where `path` of the node is on the host when it is in a volume (the
    /// innermost one).
    fn in_bind(&self, path: &str) -> Option<PathBuf> {
        self.binds
            .iter()
            .filter_map(|(at, host)| Path::new(path).strip_prefix(at).ok().map(|rest| (at, host.join(rest))))
            .max_by_key(|(at, _)| at.components().count())
            .map(|(_, file)| file)
    }

    /// Where `path` of the node is on the host, for a path in no overlay:
    /// in the node's own root when it has one and the path starts with a
    /// missing entry.
    fn in_rootfs(&self, path: &str) -> Option<PathBuf> {
        let rest = Path::new(path).strip_prefix("/").ok()?;
        let first = rest.components().next()?.as_os_str().to_string_lossy().into_owned();
        self.missing.contains(&first).then(|| self.rootfs()).flatten().map(|r| r.join(rest))
    }

    /// Where a file the node wrote at `path` is on the host (its own
    /// layer or root first, then the host's file it could read).
    pub fn host_path(&self, path: &str) -> PathBuf {
        if let Some(bound) = self.in_bind(path) {
            return bound;
        }
        for (top, upper) in &self.layers {
            if let Ok(rest) = Path::new(path).strip_prefix(top) {
                let mine = upper.join(rest);
                if mine.exists() {
                    return mine;
                }
            }
        }
        self.in_rootfs(path).unwrap_or_else(|| PathBuf::from(path))
    }

    /// Where to put a file the node must find at `path` (an input artifact).
    pub fn place(&self, path: &str) -> PathBuf {
        if let Some(bound) = self.in_bind(path) {
            return bound;
        }
        for (top, upper) in &self.layers {
            if let Ok(rest) = Path::new(path).strip_prefix(top) {
                return upper.join(rest);
            }
        }
        self.in_rootfs(path).unwrap_or_else(|| PathBuf::from(path))
    }
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

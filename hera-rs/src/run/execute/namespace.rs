//! Entering a node's private view: the process that becomes the node's
//! command runs in a mount namespace of its own, with the view's overlays
//! and volumes mounted by `mount(2)` — one process per node, where
//! `unshare(1)`, a shell and a `mount(8)` per mount took about 15 ms
//! (mount(8) reads the whole mount table before it mounts).
//!
//! Root needs nothing more: its pod thread enters the namespace itself and
//! starts the command from there, without forking the engine. Other users
//! need a user namespace too (the engine's user mapped to root in it), which
//! a threaded process cannot enter: their child enters both between fork
//! and exec.
//!
//! This is the crate's one module with unsafe code: `unshare`, and
//! `CommandExt::pre_exec`, whose closure runs in the forked child of a
//! program that may have threads. The closure only makes system calls
//! (rustix's, which take the `CStr`s prepared here before the fork without
//! allocating), so it holds no lock another thread could have held at the
//! fork.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::io;
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command};

use rustix::fs::{Mode, OFlags};
use rustix::io::Errno;
use rustix::mount::{MountFlags, MountPropagationFlags};
use rustix::thread::{LinkNameSpaceType, UnshareFlags};

/// How nodes enter their views on this machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Way {
    /// Root, allowed to mount: a pod's thread enters a mount namespace.
    Thread,
    /// Anyone else: the child enters a user namespace and a mount namespace.
    Child,
}

/// How nodes enter their views here, or `None` where they cannot (no
/// namespaces for this user): probed once, on a thread of its own for root
/// (no process), with `unshare(1)` otherwise.
pub(super) fn way() -> Option<Way> {
    static WAY: std::sync::OnceLock<Option<Way>> = std::sync::OnceLock::new();
    *WAY.get_or_init(|| {
        let root = rustix::process::geteuid().is_root();
        // SAFETY: a mount namespace unshares the probe thread's filesystem
        // attributes, not its file descriptor table; the thread then ends.
        let thread = || {
            unsafe { rustix::thread::unshare_unsafe(UnshareFlags::NEWNS) }.is_ok()
                && rustix::mount::mount_change(
                    c"/",
                    MountPropagationFlags::PRIVATE | MountPropagationFlags::REC,
                )
                .is_ok()
        };
        if root && std::thread::spawn(thread).join().unwrap_or(false) {
            return Some(Way::Thread);
        }
        let child = Command::new("unshare")
            .args(["--mount", "--map-root-user", "--fork", "true"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        child.is_ok_and(|s| s.success()).then_some(Way::Child)
    })
}

/// What a node's process mounts before its command runs, in order.
#[derive(Debug)]
pub(super) struct Entry {
    /// The directory the overlays' layers and the volumes are named from:
    /// entered before any mount, so an overlay that covers it (`/tmp`)
    /// does not hide them from the mounts after it.
    base: CString,
    mounts: Vec<Mount>,
    /// Where the command starts, entered after the mounts (so inside them).
    working_dir: CString,
    /// The user namespace's maps (uid, gid) for [`Way::Child`]; none for
    /// [`Way::Thread`], whose pod thread enters the mount namespace itself.
    maps: Option<(Vec<u8>, Vec<u8>)>,
}

#[derive(Debug)]
enum Mount {
    /// An overlay filesystem at `target` (its options name the layers).
    Overlay { target: CString, options: CString },
    /// A directory bound at `target`, whose missing directories (outermost
    /// first) are made before.
    Bind { source: CString, target: CString, make: Vec<CString> },
}

fn c_path(path: &Path) -> Result<CString, String> {
    CString::new(path.as_os_str().as_bytes()).map_err(|_| format!("{} contains a NUL byte", path.display()))
}

/// A path as overlayfs options name it: `\`, `,` and `:` escaped.
fn option_path(path: &Path) -> String {
    let mut escaped = String::new();
    for c in path.display().to_string().chars() {
        if matches!(c, '\\' | ',' | ':') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

impl Entry {
    /// An entry that names its layers and volumes from `base` and starts
    /// the command in `working_dir`.
    pub(super) fn new(base: &Path, working_dir: &Path) -> Result<Entry, String> {
        Ok(Entry {
            base: c_path(base)?,
            mounts: Vec::new(),
            working_dir: c_path(working_dir)?,
            maps: (way() == Some(Way::Child)).then(|| {
                (
                    format!("0 {} 1\n", rustix::process::getuid().as_raw()).into_bytes(),
                    format!("0 {} 1\n", rustix::process::getgid().as_raw()).into_bytes(),
                )
            }),
        })
    }

    /// Mounts an overlay at `target`: `lower` read through, writes kept in
    /// `upper` (`work` is overlayfs's scratch directory beside it).
    pub(super) fn overlay(
        &mut self,
        target: &Path,
        lower: &Path,
        upper: &Path,
        work: &Path,
    ) -> Result<(), String> {
        let options = format!(
            "lowerdir={},upperdir={},workdir={}",
            option_path(lower),
            option_path(upper),
            option_path(work)
        );
        let options =
            CString::new(options).map_err(|_| format!("{} contains a NUL byte", upper.display()))?;
        self.mounts.push(Mount::Overlay { target: c_path(target)?, options });
        Ok(())
    }

    /// Binds the directory `source` at `target`, making the directories of
    /// `target` that are missing then (inside the overlays mounted before).
    pub(super) fn bind(&mut self, source: &Path, target: &Path) -> Result<(), String> {
        let make = target.ancestors().collect::<Vec<_>>().into_iter().rev().skip(1).map(c_path);
        let make = make.collect::<Result<Vec<_>, _>>()?;
        self.mounts.push(Mount::Bind { source: c_path(source)?, target: c_path(target)?, make });
        Ok(())
    }

    /// Starts `command` inside the view.
    ///
    /// Root needs no user namespace, and a thread may enter a mount
    /// namespace of its own: this thread enters it, mounts, starts the
    /// command (std's `posix_spawn`, so the engine's memory is not copied)
    /// and goes back. Forking the engine, with its threads, and the copy's
    /// write faults after were most of what a view cost. Others need a user
    /// namespace, which a threaded process cannot enter: their child enters
    /// both between fork and exec.
    pub(super) fn spawn(mut self, mut command: Command) -> io::Result<Child> {
        let Some((uid_map, gid_map)) = self.maps.take() else {
            return self.spawn_from_this_thread(&mut command);
        };
        // SAFETY: the closure runs between fork and exec; `enter` makes
        // system calls only, on memory the closure owns, and allocates
        // nothing (an error is an errno, which `io::Error` keeps inline).
        unsafe {
            command.pre_exec(move || self.enter(&uid_map, &gid_map));
        }
        command.spawn()
    }

    /// Enters the view's mount namespace on this thread, starts `command`
    /// there, and comes back to the engine's namespace and directory.
    fn spawn_from_this_thread(&self, command: &mut Command) -> io::Result<Child> {
        thread_local! {
            // The engine's mount namespace, to come back to: kept open, as
            // a pool thread starts many pods.
            static HOME: std::cell::OnceCell<std::os::fd::OwnedFd> = const { std::cell::OnceCell::new() };
        }
        HOME.with(|home| {
            let home = match home.get() {
                Some(fd) => fd,
                None => {
                    let ns = c"/proc/thread-self/ns/mnt";
                    let fd = rustix::fs::open(ns, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
                    home.get_or_init(|| fd)
                }
            };
            self.spawn_and_return(command, home.as_fd())
        })
    }

    /// [`Entry::spawn_from_this_thread`] once `home` is open.
    fn spawn_and_return(
        &self,
        command: &mut Command,
        home: std::os::fd::BorrowedFd<'_>,
    ) -> io::Result<Child> {
        let directory = std::env::current_dir()?;
        // SAFETY: a mount namespace unshares this thread's filesystem
        // attributes (root, working directory), not the file descriptor
        // table `unshare_unsafe` is unsafe for.
        unsafe { rustix::thread::unshare_unsafe(UnshareFlags::NEWNS) }?;
        let spawned = self.mount().and_then(|()| command.spawn());
        let back = rustix::thread::move_into_link_name_space(home, Some(LinkNameSpaceType::Mount))
            .and_then(|()| rustix::process::chdir(&directory));
        if let Err(e) = back {
            // The thread would start the next pods inside this one's view.
            eprintln!("hera: cannot leave a node's mount namespace ({e}): stopping");
            std::process::abort();
        }
        spawned
    }

    /// Enters a user and a mount namespace, maps the engine's user to root
    /// in it, mounts, and changes to the working directory.
    fn enter(&self, uid_map: &[u8], gid_map: &[u8]) -> io::Result<()> {
        // SAFETY: neither flag unshares the file descriptor table, the case
        // `unshare_unsafe` is unsafe for; the child has one thread.
        unsafe { rustix::thread::unshare_unsafe(UnshareFlags::NEWUSER | UnshareFlags::NEWNS) }?;
        // An unprivileged process must give up setgroups before it may map
        // its group (kernels before 3.19 have no such file).
        match write_file(c"/proc/self/setgroups", b"deny") {
            Ok(()) | Err(Errno::NOENT) => {}
            Err(e) => return Err(e.into()),
        }
        write_file(c"/proc/self/uid_map", uid_map)?;
        write_file(c"/proc/self/gid_map", gid_map)?;
        self.mount()
    }

    /// In the view's namespace: mounts, and changes to the working directory.
    fn mount(&self) -> io::Result<()> {
        // As unshare(1) does: nothing mounted here reaches another namespace.
        rustix::mount::mount_change(c"/", MountPropagationFlags::PRIVATE | MountPropagationFlags::REC)?;
        rustix::process::chdir(self.base.as_c_str())?;
        for mount in &self.mounts {
            match mount {
                Mount::Overlay { target, options } => rustix::mount::mount(
                    c"overlay",
                    target.as_c_str(),
                    c"overlay",
                    MountFlags::empty(),
                    Some(options.as_c_str()),
                )?,
                Mount::Bind { source, target, make } => {
                    for dir in make {
                        match rustix::fs::mkdir(dir.as_c_str(), Mode::from_raw_mode(0o755)) {
                            Ok(()) | Err(Errno::EXIST) => {}
                            Err(e) => return Err(e.into()),
                        }
                    }
                    rustix::mount::mount_bind(source.as_c_str(), target.as_c_str())?;
                }
            }
        }
        rustix::process::chdir(self.working_dir.as_c_str())?;
        Ok(())
    }
}

fn write_file(path: &std::ffi::CStr, content: &[u8]) -> Result<(), Errno> {
    let file = rustix::fs::open(path, OFlags::WRONLY | OFlags::CLOEXEC, Mode::empty())?;
    let written = rustix::io::write(&file, content)?;
    if written == content.len() { Ok(()) } else { Err(Errno::IO) }
}

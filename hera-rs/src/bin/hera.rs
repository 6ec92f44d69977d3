//! The `hera` command: tools over Argo Workflows YAML (`hera fmt`).

// See the `mimalloc` entry of Cargo.toml for why the command has its own
// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hera::cli::tool_main()
}

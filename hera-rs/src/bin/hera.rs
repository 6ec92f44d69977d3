//! The `hera` command: tools over Argo Workflows YAML (`hera fmt`).

fn main() -> std::process::ExitCode {
    hera::cli::tool_main()
}

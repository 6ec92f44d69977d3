//! Compile-time checks of hera-rs, run by `cargo test -p hera-rs-ui`:
//! `tests/ui/{pass,fail}` are `#[script]` signatures that compile and
//! misuses that must not (the `.stderr` files are the reviewed messages),
//! `tests/ui/stubs_{pass,fail}` calls of the stubs `hera generate rust
//! --stubs` writes. The package holds no code of its own.

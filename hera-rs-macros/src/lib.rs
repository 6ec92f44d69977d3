//! Procedural macros of hera-rs, re-exported by the `hera-rs` crate as
//! `hera::script` and `hera::Outputs`. Depend on `hera-rs`, not on this crate.
//!
//! The reference of each macro is on the macro itself: `hera::script` and
//! `hera::Outputs` in hera-rs's documentation. The code examples there are
//! tested as hera-rs's doctests (they need `hera`, which this crate cannot
//! depend on).

mod errors;
mod naming;
mod outputs;
mod script;

use proc_macro::TokenStream;

#[doc = include_str!("script.md")]
#[proc_macro_attribute]
pub fn script(attr: TokenStream, item: TokenStream) -> TokenStream {
    script::expand(attr.into(), item.into()).into()
}

#[doc = include_str!("outputs.md")]
#[proc_macro_derive(Outputs)]
pub fn derive_outputs(input: TokenStream) -> TokenStream {
    outputs::expand(input.into()).into()
}

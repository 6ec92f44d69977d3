use hera::script;

/// Readable, but not writable: its default cannot be written into the template.
#[derive(serde::Deserialize, Default)]
struct Window {
    size: usize,
}

#[script]
fn widen(#[default(Window::default())] window: Window) -> usize {
    window.size * 2
}

fn main() {}

//! The image policy, in one place: a default image per object (`.image(..)`)
//! for every container and script template without one, an override for
//! tests ([`BuildOptions::image_override`](super::BuildOptions), from
//! `IMAGE_NAME` in a program), a tag per environment, and `emit` refusing
//! the override (deployed files must name the released image).

use crate::model;

/// The environment variable a program reads for the image override.
pub const IMAGE_NAME_VAR: &str = "IMAGE_NAME";

/// The image to fill in: the override, else the object's default.
pub(crate) fn effective<'a>(default: Option<&'a str>, image_override: Option<&'a str>) -> Option<&'a str> {
    image_override.or(default)
}

/// Gives a container or script template `image` unless it names its own.
pub(crate) fn fill(template: &mut model::Template, image: &str) {
    if let Some(container) = &mut template.container {
        container.image.get_or_insert_with(|| image.to_owned());
    }
    if let Some(script) = &mut template.script {
        script.image.get_or_insert_with(|| image.to_owned());
    }
}

/// `image` with its tag replaced by `tag` (a digest cannot be retagged).
pub(crate) fn with_tag(image: &str, tag: &str) -> Result<String, String> {
    if image.contains('@') {
        return Err(format!("image '{image}' is pinned by digest; its tag cannot be set"));
    }
    let name_start = image.rfind('/').map_or(0, |i| i + 1);
    let repository = match image[name_start..].rfind(':') {
        Some(colon) => &image[..name_start + colon],
        None => image,
    };
    Ok(format!("{repository}:{tag}"))
}

/// Why `emit` does not run with an image override.
pub(crate) fn emit_refusal() -> String {
    format!(
        "emit: refusing to run with {IMAGE_NAME_VAR} set: it overrides the image for tests, and the \
         files emitted for deployment must name the released image; unset it"
    )
}

#[cfg(test)]
mod tests {
    use super::with_tag;

    #[test]
    fn retagging_keeps_registry_ports() {
        assert_eq!(with_tag("ghcr.io/acme/app:v1.2.3", "rc"), Ok("ghcr.io/acme/app:rc".into()));
        assert_eq!(with_tag("localhost:5000/app", "rc"), Ok("localhost:5000/app:rc".into()));
        assert_eq!(with_tag("alpine", "3"), Ok("alpine:3".into()));
        assert!(with_tag("alpine@sha256:abc", "3").is_err());
    }
}

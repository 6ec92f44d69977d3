//! Rules the builders report while building an object (not checks of
//! [`crate::lint::lint`]: what they catch cannot be written in YAML, or
//! is lost in it). The builders make their findings with
//! [`Finding::builder`](crate::lint::Finding::builder).

use crate::lint::Rule;
use crate::lint::Severity::Error;
use crate::lint::rule::declare_rule;

macro_rules! builder_rules {
    ($($(#[$meta:meta])* $name:ident = $id:literal, $summary:literal, $remediation:literal;)*) => {$(
        $(#[$meta])*
        pub static $name: Rule = Rule {
            id: $id,
            severity: Error,
            summary: $summary,
            remediation: $remediation,
            builder: true,
        };
    )*};
}

builder_rules! {
    /// Two different templates of one object share a name.
    DUPLICATE_TEMPLATE = "duplicate-template",
        "the templates an object uses have different names: two different templates named alike would be one in YAML",
        "give one of the templates another name (the builders add each template once by name)";
    /// A step or task reads an output of a step or task of another template.
    FOREIGN_REFERENCE = "foreign-reference",
        "a step or task refers only to outputs of steps or tasks of its own template",
        "pass the value in as an input parameter or artifact of the template instead";
    /// `onExit` given a call with arguments or a templateRef.
    ON_EXIT_ARGUMENTS = "on-exit-arguments",
        "onExit names a template only: a handler with arguments or a templateRef would lose them",
        "use .hook(\"exit\", call), which keeps arguments and templateRef";
    /// A workflow template's version is not semver.
    VERSION = "version",
        "a workflow template's version is a semantic version (MAJOR.MINOR.PATCH), as it becomes part of its name",
        "write the version as MAJOR.MINOR.PATCH, e.g. 1.2.0";
    /// A value the builders could not serialise.
    SERIALISE = "serialise",
        "withItems entries, workflow parameters' defaults and resource manifests serialise (to JSON or YAML)",
        "pass values whose Serialize implementation succeeds (maps with string keys, no non-finite floats)";
    /// An environment the project applies does not fit its objects.
    ENVIRONMENT = "environment",
        "a project environment's image tag applies to the image, and every parameter it sets is declared in some object's spec.arguments",
        "fix the environment's image tag, or declare the parameter in spec.arguments (or drop it from the environment)";
}

declare_rule! {
    /// `unversioned`: a WorkflowTemplate or ClusterWorkflowTemplate without a
    /// version, in a project that publishes releases.
    pub static UNVERSIONED = {
        id: "unversioned",
        severity: Warning,
        summary: "in a project that uses release labels or versioned objects, every WorkflowTemplate and ClusterWorkflowTemplate is versioned: an unversioned one is overwritten in place by the next emit or apply",
        remediation: "add .versioned(hera::package_version!()) to the template (or --allow unversioned when overwriting it in place is meant)",
        builder: true,
    };
}

//! WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow: create, get,
//! update, delete and list, through one description of each kind.

use super::client::{Client, Method};
use super::error::ServerError;
use super::typed::typed;
use super::workflows::items;
use crate::model::{ClusterWorkflowTemplate, CronWorkflow, ObjectMeta, WorkflowTemplate};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A kind the server stores by name: where it lives in the API and the
/// field its request bodies carry it in.
pub trait Stored: Serialize + DeserializeOwned + Clone {
    /// The kind.
    const KIND: &'static str;
    /// The API collection (`workflow-templates`).
    const COLLECTION: &'static str;
    /// The body field (`template`, `cronWorkflow`).
    const FIELD: &'static str;
    /// Whether the kind is cluster-scoped (no namespace).
    const CLUSTER: bool;
    /// The object's metadata.
    fn meta(&self) -> &ObjectMeta;
    /// The object's metadata, to change.
    fn meta_mut(&mut self) -> &mut ObjectMeta;
}

macro_rules! stored {
    ($type:ty, $collection:literal, $field:literal, $cluster:literal) => {
        impl Stored for $type {
            const KIND: &'static str = <$type>::KIND;
            const COLLECTION: &'static str = $collection;
            const FIELD: &'static str = $field;
            const CLUSTER: bool = $cluster;
            fn meta(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
        }
    };
}

stored!(WorkflowTemplate, "workflow-templates", "template", false);
stored!(ClusterWorkflowTemplate, "cluster-workflow-templates", "template", true);
stored!(CronWorkflow, "cron-workflows", "cronWorkflow", false);

fn collection<T: Stored>(namespace: &str) -> String {
    if T::CLUSTER {
        format!("/api/v1/{}", T::COLLECTION)
    } else {
        format!("/api/v1/{}/{namespace}", T::COLLECTION)
    }
}

fn what<T: Stored>(namespace: &str, name: &str) -> String {
    if T::CLUSTER { format!("{} {name}", T::KIND) } else { format!("{} {namespace}/{name}", T::KIND) }
}

/// The request body: `{namespace?, name?, <field>: object}`.
fn body<T: Stored>(
    namespace: &str,
    name: Option<&str>,
    object: &T,
) -> Result<serde_json::Value, ServerError> {
    let mut body = serde_json::Map::new();
    if !T::CLUSTER {
        body.insert("namespace".into(), namespace.into());
    }
    if let Some(name) = name {
        body.insert("name".into(), name.into());
    }
    let object = serde_json::to_value(object)
        .map_err(|e| ServerError::Config(format!("cannot encode {}: {e}", T::KIND)))?;
    body.insert(T::FIELD.into(), object);
    Ok(serde_json::Value::Object(body))
}

fn name_of<T: Stored>(object: &T) -> Result<String, ServerError> {
    object
        .meta()
        .name
        .clone()
        .ok_or_else(|| ServerError::Config(format!("a {} to store needs metadata.name", T::KIND)))
}

impl Client {
    /// Creates `object` (409 [`ServerError::Conflict`] when it exists).
    pub fn create<T: Stored>(&self, namespace: &str, object: &T) -> Result<T, ServerError> {
        let name = name_of(object)?;
        let what = what::<T>(namespace, &name);
        let value = self.call_value(
            Method::Post,
            &collection::<T>(namespace),
            &[],
            Some(&body(namespace, None, object)?),
            &what,
        )?;
        typed(value, T::KIND, &what)
    }

    /// The object `name`.
    pub fn get<T: Stored>(&self, namespace: &str, name: &str) -> Result<T, ServerError> {
        let what = what::<T>(namespace, name);
        let path = format!("{}/{name}", collection::<T>(namespace));
        typed(self.call_value::<()>(Method::Get, &path, &[], None, &what)?, T::KIND, &what)
    }

    /// The object `name`, or `None` when there is none.
    pub fn find<T: Stored>(&self, namespace: &str, name: &str) -> Result<Option<T>, ServerError> {
        match self.get(namespace, name) {
            Ok(object) => Ok(Some(object)),
            Err(ServerError::NotFound { .. }) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Every object of the kind in `namespace` (all, for a cluster kind).
    pub fn list<T: Stored>(&self, namespace: &str) -> Result<Vec<T>, ServerError> {
        let what =
            if T::CLUSTER { format!("the {}s", T::KIND) } else { format!("the {}s of {namespace}", T::KIND) };
        let value = self.call_value::<()>(Method::Get, &collection::<T>(namespace), &[], None, &what)?;
        items(value, T::KIND, &what)
    }

    /// Replaces the stored object with `object`: reads the live
    /// `metadata.resourceVersion`, then PUTs (Hera's
    /// `WorkflowTemplate.update`, argo-workflows#5465). A conflict (someone
    /// changed it in between) is retried once, then reported.
    pub fn update<T: Stored>(&self, namespace: &str, object: &T) -> Result<T, ServerError> {
        let name = name_of(object)?;
        let mut tries = 0;
        loop {
            let live: T = self.get(namespace, &name)?;
            match self.put_version(namespace, &name, object, live.meta().resource_version.clone()) {
                Err(ServerError::Conflict { .. }) if tries == 0 => tries += 1,
                result => return result,
            }
        }
    }

    /// PUTs `object` with `resource_version` (no read first).
    pub fn put_version<T: Stored>(
        &self,
        namespace: &str,
        name: &str,
        object: &T,
        resource_version: Option<String>,
    ) -> Result<T, ServerError> {
        let what = what::<T>(namespace, name);
        let mut object = object.clone();
        object.meta_mut().resource_version = resource_version;
        let path = format!("{}/{name}", collection::<T>(namespace));
        let value =
            self.call_value(Method::Put, &path, &[], Some(&body(namespace, Some(name), &object)?), &what)?;
        typed(value, T::KIND, &what)
    }

    /// Deletes the object `name`.
    pub fn delete<T: Stored>(&self, namespace: &str, name: &str) -> Result<(), ServerError> {
        let what = what::<T>(namespace, name);
        let path = format!("{}/{name}", collection::<T>(namespace));
        self.call_value::<()>(Method::Delete, &path, &[], None, &what).map(|_| ())
    }

    /// Asks the server to lint `object`.
    pub fn lint<T: Stored>(&self, namespace: &str, object: &T) -> Result<T, ServerError> {
        let name =
            object.meta().name.clone().or_else(|| object.meta().generate_name.clone()).unwrap_or_default();
        let what = what::<T>(namespace, &name);
        let path = format!("{}/lint", collection::<T>(namespace));
        typed(
            self.call_value(Method::Post, &path, &[], Some(&body(namespace, None, object)?), &what)?,
            T::KIND,
            &what,
        )
    }
}

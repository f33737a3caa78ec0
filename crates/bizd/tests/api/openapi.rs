//! The wire contract as a reviewed artifact: any change to the generated OpenAPI document shows
//! as a diff of its snapshot (`cargo insta review` to accept one on purpose).

#[test]
fn the_openapi_document_is_the_reviewed_one() {
    let doc = serde_json::to_value(bizd::app::openapi()).unwrap();
    insta::assert_json_snapshot!("openapi", doc);
}

/// A documented `default` must be a value of its schema: utoipa writes `"default": null` for an
/// `Option` field given a non-null `value_type` in a `#[serde(default)]` body, which schema
/// validators (and generated clients) refuse. Caught here, before the validator in test.sh.
#[test]
fn no_schema_documents_a_null_default_its_type_refuses() {
    fn walk(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                if map.get("default") == Some(&serde_json::Value::Null) {
                    let allows_null = match map.get("type") {
                        Some(serde_json::Value::String(t)) => t == "null",
                        Some(serde_json::Value::Array(ts)) => ts.iter().any(|t| t == "null"),
                        _ => true, // oneOf/anyOf/$ref: not judged here
                    };
                    if !allows_null {
                        out.push(path.to_owned());
                    }
                }
                for (k, v) in map {
                    walk(v, &format!("{path}/{k}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let doc = serde_json::to_value(bizd::app::openapi()).unwrap();
    let mut bad = Vec::new();
    walk(&doc, "", &mut bad);
    assert!(bad.is_empty(), "null defaults on non-null types: {bad:#?}");
}

/// utoipa names a schema component after its Rust type and keeps one of two types with the same
/// name silently: the document then describes one section's answer with another's shape. Every
/// type deriving `ToSchema` must have a name of its own.
#[test]
fn every_schema_component_has_a_name_of_its_own() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut seen: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut derives = false;
            for line in text.lines() {
                let line = line.trim();
                if line.starts_with("#[derive(") {
                    derives = line.contains("ToSchema");
                    continue;
                }
                if line.starts_with("#[") || line.starts_with("///") {
                    continue;
                }
                if derives {
                    let name = line
                        .strip_prefix("pub struct ")
                        .or_else(|| line.strip_prefix("pub enum "))
                        .or_else(|| line.strip_prefix("struct "))
                        .or_else(|| line.strip_prefix("enum "))
                        .and_then(|rest| {
                            rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                                .next()
                        });
                    if let Some(name) = name {
                        seen.entry(name.to_owned())
                            .or_default()
                            .push(path.display().to_string());
                    }
                }
                derives = false;
            }
        }
    }
    assert!(seen.len() > 100, "{} schema types found", seen.len());
    let shared: Vec<_> = seen.iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(
        shared.is_empty(),
        "schema names used by several types: {shared:?}"
    );
}

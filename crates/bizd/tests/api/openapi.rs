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

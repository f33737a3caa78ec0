//! The wire contract as a reviewed artifact: any change to the generated OpenAPI document shows
//! as a diff of its snapshot (`cargo insta review` to accept one on purpose).

#[test]
fn the_openapi_document_is_the_reviewed_one() {
    let doc = serde_json::to_value(bizd::app::openapi()).unwrap();
    insta::assert_json_snapshot!("openapi", doc);
}

use serde_json::{json, Map, Value};

use super::json::UsersLocationPath;
use crate::http::{ApiResult, Envelope, LocationAccess, Path};
use bizd_domain::access::Permission;
use bizd_domain::permissions::Limit;

/// User: get a list of rights (`GET /user/permissions/{location_id}`): the signed-in user's own
/// rights in the location, grouped as the reference's sample is (`timetable`, `clients`, …):
/// each group holds its `<slug>_access` flag and its limits (`master_id` 0 = every team
/// member, `last_days_count` -1 = all).
#[utoipa::path(
    get, path = "/user/permissions/{location_id}", operation_id = "get_permission_list", tag = "Users & Permissions",
    params(UsersLocationPath),
    security(("BearerPartnerUser" = [])),
    responses((status = 200, body = Envelope<Object>))
)]
pub async fn get_permission_list(
    access: LocationAccess,
    Path(_path): Path<UsersLocationPath>,
) -> ApiResult<Envelope<Value>> {
    let grants = &access.grants;
    let mut data = Map::new();
    for p in Permission::ALL {
        let mut group = Map::new();
        group.insert(p.key(), json!(grants.grants(p)));
        for l in p.limits() {
            let name = match l {
                Limit::TimetableTeamMember => "master_id",
                Limit::ClientHistoryDays => "last_days_count",
            };
            group.insert(name.into(), json!(grants.limit(l).unwrap_or(l.unlimited())));
        }
        data.insert(p.slug().into(), Value::Object(group));
    }
    data.insert("user_role".into(), json!(grants.role.slug()));
    Ok(Envelope::one(Value::Object(data)))
}

//! Client tags ("categories" / "labels" on the wire) and their links to clients.

use bizd_domain::client::{Client, Tag};
use sea_query::{Expr, Order, Query};

use super::{ClientTagLinks, ClientTags};
use crate::{Conn, StoreResult};

/// Most values per `IN (…)` list of a bulk operation.
pub(super) const LIST_CHUNK: usize = 100;

/// Creates a client tag of the location.
pub async fn insert_tag(
    c: &mut Conn<'_>,
    location_id: i64,
    title: &str,
    color: &str,
    now: i64,
) -> StoreResult<i64> {
    let stmt = Query::insert()
        .into_table(ClientTags::Table)
        .columns([
            ClientTags::LocationId,
            ClientTags::Title,
            ClientTags::Color,
            ClientTags::CreatedAt,
        ])
        .values_panic([location_id.into(), title.into(), color.into(), now.into()])
        .returning_col(ClientTags::Id)
        .to_owned();
    c.scalar(&stmt).await?.ok_or(crate::StoreError::NotFound)
}

/// The live tags of the location among `ids`, by id.
pub async fn tags_among(c: &mut Conn<'_>, location_id: i64, ids: &[i64]) -> StoreResult<Vec<Tag>> {
    let mut tags = Vec::new();
    for chunk in ids.chunks(LIST_CHUNK) {
        let stmt = Query::select()
            .columns([ClientTags::Id, ClientTags::Title, ClientTags::Color])
            .from(ClientTags::Table)
            .and_where(Expr::col(ClientTags::LocationId).eq(location_id))
            .and_where(Expr::col(ClientTags::DeletedAt).is_null())
            .and_where(Expr::col(ClientTags::Id).is_in(chunk.iter().copied()))
            .to_owned();
        let rows: Vec<(i64, String, String)> = c.all(&stmt).await?;
        tags.extend(
            rows.into_iter()
                .map(|(id, title, color)| Tag { id, title, color }),
        );
    }
    tags.sort_by_key(|t| t.id);
    Ok(tags)
}

/// Which of `ids` are not live tags of the location.
pub async fn unknown_tags(
    c: &mut Conn<'_>,
    location_id: i64,
    ids: &[i64],
) -> StoreResult<Vec<i64>> {
    let found = tags_among(c, location_id, ids).await?;
    Ok(ids
        .iter()
        .copied()
        .filter(|id| !found.iter().any(|t| t.id == *id))
        .collect())
}

pub(super) async fn link(c: &mut Conn<'_>, client_id: i64, tags: &[i64]) -> StoreResult<()> {
    if tags.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert()
        .into_table(ClientTagLinks::Table)
        .columns([ClientTagLinks::ClientId, ClientTagLinks::TagId])
        .to_owned();
    for tag in tags {
        stmt.values_panic([client_id.into(), (*tag).into()]);
    }
    c.execute(&stmt).await?;
    Ok(())
}

/// Fills in the tags of each client.
pub(super) async fn attach(c: &mut Conn<'_>, clients: &mut [Client]) -> StoreResult<()> {
    if clients.is_empty() {
        return Ok(());
    }
    let stmt = Query::select()
        .column((ClientTagLinks::Table, ClientTagLinks::ClientId))
        .columns([
            (ClientTags::Table, ClientTags::Id),
            (ClientTags::Table, ClientTags::Title),
            (ClientTags::Table, ClientTags::Color),
        ])
        .from(ClientTagLinks::Table)
        .inner_join(
            ClientTags::Table,
            Expr::col((ClientTags::Table, ClientTags::Id))
                .equals((ClientTagLinks::Table, ClientTagLinks::TagId)),
        )
        .and_where(
            Expr::col((ClientTagLinks::Table, ClientTagLinks::ClientId))
                .is_in(clients.iter().map(|c| c.id)),
        )
        .order_by((ClientTags::Table, ClientTags::Id), Order::Asc)
        .to_owned();
    let rows: Vec<(i64, i64, String, String)> = c.all(&stmt).await?;
    for (client_id, id, title, color) in rows {
        if let Some(client) = clients.iter_mut().find(|c| c.id == client_id) {
            client.fields.tag_ids.push(id);
            client.tags.push(Tag { id, title, color });
        }
    }
    Ok(())
}

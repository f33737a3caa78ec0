//! The availability board: one read of everything [`bizd_domain::availability`] needs about
//! some team members over some dates — a handful of queries, whatever the number of team
//! members and days (the public flow's `book_dates` asks 60 days × 50 team members at once).

use std::collections::HashMap;

use bizd_domain::appointment::MAX_SEANCE_LENGTH;
use bizd_domain::availability::{Board, ResourceLoad};
use bizd_domain::schedule::{day_instants, parse_date, Interval};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::{Conn, StoreResult};

/// What to read.
#[derive(Debug, Clone, Copy)]
pub struct BoardQuery<'a> {
    pub location_id: i64,
    pub team_member_ids: &'a [i64],
    /// Local dates, inclusive.
    pub from: Date,
    pub to: Date,
    /// The chosen services: their resources are read.
    pub service_ids: &'a [i64],
    /// Links not open to online booking are left out (the public flow).
    pub online_only: bool,
    /// An appointment being moved: its own time and resources do not count as taken.
    pub except_record: Option<i64>,
}

/// Reads the board for `q` in the location's zone `tz`.
pub async fn board(c: &mut Conn<'_>, q: &BoardQuery<'_>, tz: &TimeZone) -> StoreResult<Board> {
    let mut out = Board::default();
    if q.team_member_ids.is_empty() {
        return Ok(out);
    }
    let (from_day, to_day) = (q.from.to_string(), q.to.to_string());
    for iv in super::intervals_of(
        c,
        q.location_id,
        Some(q.team_member_ids),
        &from_day,
        &to_day,
    )
    .await?
    {
        if let Some(date) = parse_date(&iv.date) {
            out.intervals
                .entry((iv.team_member_id, date))
                .or_default()
                .push(Interval {
                    from: iv.from,
                    to: iv.to,
                });
        }
    }
    let start = day_instants(q.from, tz).map_or(0, |d| d.0);
    // A session of the last day may run past its midnight.
    let end = day_instants(q.to, tz).map_or(0, |d| d.1) + MAX_SEANCE_LENGTH;
    for b in super::busy(c, q.location_id, q.team_member_ids, start, end).await? {
        if Some(b.id) != q.except_record {
            out.busy
                .entry(b.team_member_id)
                .or_default()
                .push((b.starts_at, b.ends_at()));
        }
    }
    for spans in out.busy.values_mut() {
        spans.sort_unstable();
    }
    for links in crate::services::links_of_location(c, q.location_id)
        .await?
        .into_values()
    {
        for l in links {
            if q.team_member_ids.contains(&l.team_member_id) && (l.is_online || !q.online_only) {
                out.lengths
                    .entry(l.team_member_id)
                    .or_default()
                    .insert(l.service_id, l.seance_length);
            }
        }
    }
    let needed = super::resources_of_services(c, q.location_id, q.service_ids).await?;
    if !needed.is_empty() {
        let ids: Vec<i64> = needed.iter().map(|(r, _)| *r).collect();
        let mut loads: HashMap<i64, ResourceLoad> = HashMap::new();
        let mut slot: HashMap<i64, usize> = HashMap::new();
        for (resource_id, instance_id) in super::resource_instances(c, &ids).await? {
            let load = loads.entry(resource_id).or_insert_with(|| ResourceLoad {
                resource_id,
                instances: Vec::new(),
            });
            slot.insert(instance_id, load.instances.len());
            load.instances.push(Vec::new());
        }
        for h in super::holdings(c, &ids, start, end).await? {
            if Some(h.record_id) == q.except_record {
                continue;
            }
            if let (Some(load), Some(&i)) = (
                loads.get_mut(&h.resource_id),
                slot.get(&h.resource_instance_id),
            ) {
                load.instances[i].push((h.starts_at, h.starts_at + h.length));
            }
        }
        // A needed resource without instances can never be had: it stays, empty, and refuses.
        out.resources = ids
            .into_iter()
            .map(|id| {
                loads.remove(&id).unwrap_or(ResourceLoad {
                    resource_id: id,
                    instances: Vec::new(),
                })
            })
            .collect();
    }
    Ok(out)
}

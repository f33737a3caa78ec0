//! Online booking: a location's settings for the public flow (one row per location, from its
//! creation), its booking forms ([`forms`]), the phone codes and the outbox ([`codes`]), and the
//! reads of appointments the public flow and booking-site users need ([`records`]).

pub mod codes;
pub mod forms;
pub mod records;

use sea_query::{Expr, Iden, Query, SimpleExpr};

use crate::{Conn, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum OnlineBookingSettings {
    Table,
    LocationId,
    ConfirmNumber,
    AnyMaster,
    SeanceDelayStep,
    ActivityOnlineRecordClientsCountMax,
    BookingWindowDays,
    SeanceStep,
    ClientOnlineRecordsMax,
    UpdatedAt,
}
use OnlineBookingSettings as S;

/// A location's online booking settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OnlineSettings {
    /// A booking needs the code sent to the phone (`book_code`).
    pub confirm_number: bool,
    /// The booker may leave the team member to the location ("any team member").
    pub any_master: bool,
    /// Minimum notice before a session, in minutes.
    pub seance_delay_step: i64,
    pub activity_online_record_clients_count_max: i64,
    /// Days ahead that may be booked, today included (0 = no limit).
    pub booking_window_days: i64,
    /// Seconds between offered sessions (0 = the calendar's step).
    pub seance_step: i64,
    /// Future online appointments one client may hold (0 = no limit).
    pub client_online_records_max: i64,
}
crate::sqlite_row!(OnlineSettings {
    confirm_number,
    any_master,
    seance_delay_step,
    activity_online_record_clients_count_max,
    booking_window_days,
    seance_step,
    client_online_records_max
});

impl Default for OnlineSettings {
    /// What a new location starts with (the column defaults).
    fn default() -> Self {
        OnlineSettings {
            confirm_number: false,
            any_master: true,
            seance_delay_step: 0,
            activity_online_record_clients_count_max: 1,
            booking_window_days: 60,
            seance_step: 0,
            client_online_records_max: 0,
        }
    }
}

/// The settings row and the default booking form of a new location (part of its create
/// transaction).
pub async fn insert_defaults(c: &mut Conn<'_>, location_id: i64, now: i64) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(S::Table)
        .columns([S::LocationId, S::UpdatedAt])
        .values_panic([location_id.into(), now.into()])
        .to_owned();
    c.execute(&stmt).await?;
    let form = forms::FormFields {
        title: "Online booking".into(),
        is_default: true,
        ..forms::FormFields::default()
    };
    forms::insert(c, location_id, &form, now).await?;
    Ok(())
}

/// The location's online booking settings (the defaults should the row be missing).
pub async fn settings(c: &mut Conn<'_>, location_id: i64) -> StoreResult<OnlineSettings> {
    let stmt = Query::select()
        .columns([
            S::ConfirmNumber,
            S::AnyMaster,
            S::SeanceDelayStep,
            S::ActivityOnlineRecordClientsCountMax,
            S::BookingWindowDays,
            S::SeanceStep,
            S::ClientOnlineRecordsMax,
        ])
        .from(S::Table)
        .and_where(Expr::col(S::LocationId).eq(location_id))
        .to_owned();
    Ok(c.optional(&stmt).await?.unwrap_or_default())
}

/// Stores every field of the location's settings (a location without a row gets one).
pub async fn update_settings(
    c: &mut Conn<'_>,
    location_id: i64,
    s: &OnlineSettings,
    now: i64,
) -> StoreResult<()> {
    let values: Vec<(S, SimpleExpr)> = vec![
        (S::ConfirmNumber, s.confirm_number.into()),
        (S::AnyMaster, s.any_master.into()),
        (S::SeanceDelayStep, s.seance_delay_step.into()),
        (
            S::ActivityOnlineRecordClientsCountMax,
            s.activity_online_record_clients_count_max.into(),
        ),
        (S::BookingWindowDays, s.booking_window_days.into()),
        (S::SeanceStep, s.seance_step.into()),
        (
            S::ClientOnlineRecordsMax,
            s.client_online_records_max.into(),
        ),
        (S::UpdatedAt, now.into()),
    ];
    let stmt = Query::update()
        .table(S::Table)
        .values(values.clone())
        .and_where(Expr::col(S::LocationId).eq(location_id))
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        let insert = Query::insert()
            .into_table(S::Table)
            .columns([S::LocationId, S::UpdatedAt])
            .values_panic([location_id.into(), now.into()])
            .to_owned();
        c.execute(&insert).await?;
        c.execute(&stmt).await?;
    }
    Ok(())
}

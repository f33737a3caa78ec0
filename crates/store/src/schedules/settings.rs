//! The appointment calendar settings of a location: one row per location, inserted with the
//! location (and backfilled for older ones by the migration).

use sea_query::{Expr, Iden, Query, SimpleExpr};

use crate::{Conn, StoreResult};

#[derive(Iden, Clone, Copy)]
pub(crate) enum TimetableSettingsTable {
    #[iden = "timetable_settings"]
    Table,
    LocationId,
    RecordType,
    ActivityRecordClientsCountMax,
    IsShowNewsletterAgreement,
    IsShowPersonalDataProcessingAgreement,
    TimetableStep,
    UpdatedAt,
}
use TimetableSettingsTable as T;

/// A location's appointment calendar settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimetableSettings {
    /// 0 mixed, 1 individual appointment, 2 group event.
    pub record_type: i64,
    /// Seats in one group event, 1–255.
    pub activity_record_clients_count_max: i64,
    pub is_show_newsletter_agreement: bool,
    pub is_show_personal_data_processing_agreement: bool,
    /// Seconds between the calendar's sessions.
    pub timetable_step: i64,
}
crate::sqlite_row!(TimetableSettings {
    record_type,
    activity_record_clients_count_max,
    is_show_newsletter_agreement,
    is_show_personal_data_processing_agreement,
    timetable_step
});

impl Default for TimetableSettings {
    /// What a new location starts with (the column defaults).
    fn default() -> Self {
        TimetableSettings {
            record_type: 0,
            activity_record_clients_count_max: 1,
            is_show_newsletter_agreement: false,
            is_show_personal_data_processing_agreement: false,
            timetable_step: 900,
        }
    }
}

/// The settings row of a new location (part of the location's create transaction).
pub async fn insert_default_settings(
    c: &mut Conn<'_>,
    location_id: i64,
    now: i64,
) -> StoreResult<()> {
    let stmt = Query::insert()
        .into_table(T::Table)
        .columns([T::LocationId, T::UpdatedAt])
        .values_panic([location_id.into(), now.into()])
        .to_owned();
    c.execute(&stmt).await?;
    Ok(())
}

/// The location's calendar settings (the defaults should the row be missing).
pub async fn timetable_settings(
    c: &mut Conn<'_>,
    location_id: i64,
) -> StoreResult<TimetableSettings> {
    let stmt = Query::select()
        .columns([
            T::RecordType,
            T::ActivityRecordClientsCountMax,
            T::IsShowNewsletterAgreement,
            T::IsShowPersonalDataProcessingAgreement,
            T::TimetableStep,
        ])
        .from(T::Table)
        .and_where(Expr::col(T::LocationId).eq(location_id))
        .to_owned();
    Ok(c.optional(&stmt).await?.unwrap_or_default())
}

/// Stores the location's settings (every field); a location without a settings row gets one.
pub async fn update_settings(
    c: &mut Conn<'_>,
    location_id: i64,
    s: &TimetableSettings,
    now: i64,
) -> StoreResult<()> {
    let values: Vec<(T, SimpleExpr)> = vec![
        (T::RecordType, s.record_type.into()),
        (
            T::ActivityRecordClientsCountMax,
            s.activity_record_clients_count_max.into(),
        ),
        (
            T::IsShowNewsletterAgreement,
            s.is_show_newsletter_agreement.into(),
        ),
        (
            T::IsShowPersonalDataProcessingAgreement,
            s.is_show_personal_data_processing_agreement.into(),
        ),
        (T::TimetableStep, s.timetable_step.into()),
        (T::UpdatedAt, now.into()),
    ];
    let stmt = Query::update()
        .table(T::Table)
        .values(values)
        .and_where(Expr::col(T::LocationId).eq(location_id))
        .to_owned();
    if c.execute(&stmt).await? == 0 {
        insert_default_settings(c, location_id, now).await?;
        c.execute(&stmt).await?;
    }
    Ok(())
}

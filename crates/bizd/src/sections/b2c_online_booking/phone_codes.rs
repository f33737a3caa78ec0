//! Phone confirmation codes, shared by the public flow (`book_code`, `book_record`) and the
//! booking-site sign-in (`POST /user/auth`): six random digits, stored as a digest bound to the
//! phone, valid for ten minutes, five wrong attempts at most, five codes per phone per hour.
//! The code reaches the phone through the outbox (`bizd admin outbox`) until the notifications
//! section brings a gateway.

use bizd_store::online_booking::codes;
use rand::Rng;

use crate::app::AppState;
use crate::http::ApiError;
use crate::security::{digests_equal, token_hash};

/// Seconds a code stays valid.
pub const CODE_TTL: i64 = 600;
/// Wrong attempts after which a code is dead.
pub const MAX_ATTEMPTS: i64 = 5;
/// Codes one phone may be sent per hour.
pub const CODES_PER_HOUR: i64 = 5;

fn digest(phone: &str, code: &str) -> String {
    token_hash(&format!("{phone}:{}", code.trim()))
}

/// Sends a new code to `phone` (digits): 429 past the hourly limit.
pub async fn send(state: &AppState, location_id: Option<i64>, phone: &str) -> Result<(), ApiError> {
    let now = state.clock.now();
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    let mut tx = state.db.write().await?;
    if codes::codes_sent_since(&mut tx, phone, now - 3600).await? >= CODES_PER_HOUR {
        return Err(ApiError::RateLimited);
    }
    codes::insert_code(
        &mut tx,
        location_id,
        phone,
        &digest(phone, &code),
        now + CODE_TTL,
        now,
    )
    .await?;
    let body = format!("Your confirmation code: {code}. It is valid for 10 minutes.");
    codes::push(&mut tx, location_id, "sms", phone, &body, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks `code` against the newest live code of `phone`; a wrong one counts an attempt (in
/// its own transaction, so a refused booking still counts it). Returns the code's id, for
/// [`codes::use_code`] in the transaction the code confirms.
pub async fn check(state: &AppState, phone: &str, code: &str) -> Result<i64, ApiError> {
    let now = state.clock.now();
    let wrong = || super::rules::refuse(432, "Incorrect SMS verification code.", None);
    let mut tx = state.db.write().await?;
    let Some(live) = codes::live_code(&mut tx, phone, now).await? else {
        return Err(wrong());
    };
    if live.attempts >= MAX_ATTEMPTS {
        return Err(wrong());
    }
    if !digests_equal(&digest(phone, code), &live.code_hash) {
        codes::count_attempt(&mut tx, live.id).await?;
        tx.commit().await?;
        return Err(wrong());
    }
    Ok(live.id)
}

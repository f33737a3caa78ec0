//! Secrets: random tokens stored as SHA-256 digests, passwords as argon2id hashes.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A new random token: 160 bits from the OS generator, hex-encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the database keeps of a token. Tokens are high-entropy, so a fast digest is enough; the
/// lookup is by digest, so the secret itself is never compared or stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Constant-time equality of two digests.
pub fn digests_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

static CHEAP_HASHES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Test suites only: new password hashes use the smallest argon2id cost (8 KiB, one pass)
/// instead of the recommended 19 MiB × 2, so a test's sign-ins cost microseconds. Stored hashes
/// carry their own parameters, so verification is unaffected. Never called by the server.
pub fn use_cheap_password_hashes_for_tests() {
    CHEAP_HASHES.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// argon2id with the crate's recommended parameters and a random salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    let argon = if CHEAP_HASHES.load(std::sync::atomic::Ordering::Relaxed) {
        let params = argon2::Params::new(8, 1, 1, None).expect("valid minimal argon2 parameters");
        Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
    } else {
        Argon2::default()
    };
    argon
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

/// Verifies in constant time (argon2's own comparison). A malformed stored hash never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Hashing is CPU-heavy: keep it off the async workers.
pub async fn hash_password_blocking(password: String) -> String {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .expect("hashing task panicked")
}

pub async fn verify_password_blocking(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, &stored))
        .await
        .unwrap_or(false)
}

/// Digits of a phone number, for lookups (`+1 (315) 555-0175` → `13155550175`).
pub fn phone_digits(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 5 && !phone.contains('@')).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_passwords() {
        let t = new_token();
        assert_eq!(t.len(), 40);
        assert_ne!(t, new_token());
        assert!(digests_equal(&token_hash(&t), &token_hash(&t)));
        assert!(!digests_equal(&token_hash(&t), &token_hash("other")));
        let h = hash_password("secret");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("secret", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("secret", "garbage"));
        assert_eq!(
            phone_digits("+1 (315) 555-0175").as_deref(),
            Some("13155550175")
        );
        assert_eq!(phone_digits("a@b.c"), None);
    }
}

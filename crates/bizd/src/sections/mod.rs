//! One module per section of the reference; each exposes `routes()`.

pub mod appointments;
pub mod authentication_b2b;
pub mod b2c_online_booking;
pub mod clients;
pub mod comments;
pub mod inventory;
pub mod location_chains;
pub mod locations;
pub mod online_booking_settings;
pub mod online_booking_users;
pub mod payments;
pub mod products;
pub mod sales;
pub mod schedule_and_resources;
pub mod services;
pub mod team_members;
pub mod users_and_permissions;

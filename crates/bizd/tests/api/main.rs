//! The integration suite: one binary, one module per API section plus the shared plumbing.
//! Every test gets a fresh database (`TestApp::new`) and drives the real router.

mod common;

mod access;
mod access_cache;
mod appointments;
mod authentication_b2b;
mod cli;
mod clients;
mod comments;
mod concurrency;
mod idempotency;
mod inventory;
mod isolation;
mod limits;
mod location_chains;
mod locations;
mod money;
mod online_booking;
mod openapi;
mod payments;
mod plumbing;
mod products;
mod sales;
mod schedule_and_resources;
mod security;
mod services;
mod shapes;
mod storage;
mod team_members;
mod users_and_permissions;

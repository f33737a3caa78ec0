//! The integration suite: one binary, one module per API section plus the shared plumbing.
//! Every test gets a fresh database (`TestApp::new`) and drives the real router.

mod common;

mod access_cache;
mod authentication_b2b;
mod cli;
mod clients;
mod isolation;
mod limits;
mod location_chains;
mod locations;
mod plumbing;
mod security;
mod services;
mod storage;
mod team_members;

//! bizd: a self-hosted server for the Altegio / YCLIENTS Business Management B2B API v1.

pub mod app;
pub mod bootstrap;
pub mod cli;
pub mod demo;
pub mod http;
pub mod openapi;
pub mod sections;
pub mod security;

//! congvan: task tables of Vietnamese administrative documents as JSON.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`pdf`] (glyphs, rules) → [`layout`] (words, lines) → [`table`] (grids,
//! cells) → [`records`] (task records, document) → [`validate`] (findings) →
//! [`output`] (the JSON contract).

pub mod layout;
pub mod pdf;
pub mod text;

//! crosscheck finds where sources contradict each other.
//!
//! The pipeline, one way: sources (`source`) and rules (`rules`) go into the
//! `engine`, which compiles the rules once and streams the sources through
//! the `matcher`; the matcher reads values with the grammars of `extract`
//! (whose words are the per-language tables of `lang`), finds the countries
//! and other entities a figure is about (`entity`), and yields facts
//! (`fact`); the comparer (`compare`) groups facts by what they describe
//! and turns them into findings (`finding`), which `triage` judges against
//! the rules' grades, the suppressions and a baseline; the engine hands back a `run`,
//! which `report` renders. The library never prints; the binary (`src/cli`)
//! owns arguments, settings and exit codes.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod cache;
pub mod calendar;
pub mod compare;
pub mod diag;
pub mod engine;
pub mod entity;
pub mod escape;
pub mod examples;
pub mod extract;
pub mod fact;
pub mod finding;
pub mod interchange;
pub mod lang;
pub mod matcher;
pub mod report;
pub mod rules;
pub mod run;
pub mod sentences;
pub mod source;
pub mod text;
pub mod triage;
pub mod value;

pub use engine::{Engine, Extraction, Options};
pub use run::Run;

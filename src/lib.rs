//! crosscheck finds where sources contradict each other.
//!
//! The pipeline: sources (`source`) and rules (`rules`) go into the matcher
//! (`matcher`), which reads values with the grammars of `extract` and yields
//! facts (`fact`); the comparer (`compare`) groups facts by what they describe
//! and turns them into findings (`finding`); `report` renders the findings.
//! Data flows one way, and nothing below `app` prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod calendar;
pub mod diag;
pub mod extract;
pub mod source;
pub mod report;
pub mod app;
pub mod cli;
pub mod rules;
pub mod fact;
pub mod matcher;
pub mod compare;
pub mod finding;
pub mod examples;

//! crosscheck finds where sources contradict each other.
//!
//! The pipeline: sources (`source`) and rules (`rules`) go into the matcher
//! (`matcher`), which reads values with the grammars of `extract` and yields
//! facts (`fact`); the comparer (`compare`) groups facts by what they describe
//! and turns them into findings (`finding`); `report` renders the findings.
//! Data flows one way, and nothing below `app` prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod authoring;
pub mod calendar;
pub mod cli;
pub mod compare;
pub mod config;
pub mod diag;
pub mod examples;
pub mod explain;
pub mod extract;
pub mod fact;
pub mod finding;
pub mod matcher;
pub mod report;
pub mod rules;
pub mod source;
pub mod values;

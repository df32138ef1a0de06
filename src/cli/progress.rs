//! The progress bar of long runs: on standard error, only on a terminal,
//! never in CI logs or with `-q`, and only once a run has taken half a
//! second.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const DELAY: std::time::Duration = std::time::Duration::from_millis(500);

/// A bar, or nothing where no bar belongs.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false");
        if quiet || ci || !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        pb.set_style(
            ProgressStyle::with_template("{spinner} {pos} sources · {msg} · {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Bar(Some(pb))
    }

    /// The engine's callback: counts sources and bytes.
    pub fn callback(&self) -> Option<Arc<dyn Fn(u64) + Send + Sync>> {
        let pb = self.0.clone()?;
        let started = std::time::Instant::now();
        let bytes = AtomicU64::new(0);
        let shown = AtomicBool::new(false);
        Some(Arc::new(move |b: u64| {
            let total = bytes.fetch_add(b, Ordering::Relaxed) + b;
            let secs = started.elapsed().as_secs_f64();
            if !shown.load(Ordering::Relaxed) && started.elapsed() > DELAY {
                shown.store(true, Ordering::Relaxed);
                pb.set_draw_target(ProgressDrawTarget::stderr());
            }
            pb.inc(1);
            pb.set_message(format!(
                "{:.1} MB · {:.1} MB/s",
                total as f64 / 1e6,
                total as f64 / 1e6 / secs.max(1e-3)
            ));
        }))
    }

    /// Removes the bar before the report is printed.
    pub fn clear(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}

//! The default language model of `typo.confusable`: `default.lm`.

use std::fs;
use std::path::Path;

use crate::lm;
use crate::words::Words;

/// Writes `default.lm`: the default character bigram model, counted from
/// the words of the word list, each weighted by its frequency.
pub(crate) fn build_default_model(words: &Words<'_>, out: &Path) {
    let mut counter = lm::Counter::default();
    for (w, &(f, _)) in words {
        counter.add(w, f);
    }
    fs::write(out.join("default.lm"), counter.to_bytes(1)).expect("write default.lm");
}

//! The built-in contextual model of [jiaodui](https://crates.io/crates/jiaodui):
//! a character 4-gram model of official Chinese prose with the confusion
//! sets, in the format that `jiaodui::__ctx::ContextModel` reads
//! (version 1). A data crate: no code, no dependencies.
//!
//! The file is built from 新闻联播 transcripts (2012–2026) and national laws
//! and regulations (to 2025), 44 M Han characters, by
//!
//! ```sh
//! cargo run --release -p jiaodui-tools --bin build-model -- \
//!     --min-counts 2,3,4 -o model/jiaodui.ctx ../shared/corpus/*.txt.gz
//! ```
//!
//! The same input gives the same bytes. Only statistics are stored, never
//! a sentence of the corpus.
#![forbid(unsafe_code)]
#![no_std]

/// The model file.
pub static MODEL: &[u8] = include_bytes!("../jiaodui.ctx");

/// The format version of [`MODEL`].
pub const FORMAT_VERSION: u32 = 1;

/// The minimum counts of kept n-grams of orders 2, 3 and 4.
pub const MIN_COUNTS: [u32; 3] = [2, 3, 4];

/// The date the corpus snapshot was counted.
pub const BUILT: &str = "2026-12-04";

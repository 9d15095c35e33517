use std::path::Path;

use crate::error::{Error, ErrorKind};
use crate::lm;

static DEFAULT_LM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.lm"));

/// A character bigram language model, used by `typo.confusable` to judge
/// whether a replacement makes the text more probable.
///
/// The default model ships inside the crate (counted from the general word
/// list). An office's best model is one built from its own archive of clean
/// publications: [`LanguageModel::train`] (or `jiaodui lm build`) counts it,
/// [`LanguageModel::from_file`] loads it, [`LinterBuilder::language_model`](crate::LinterBuilder::language_model)
/// uses it.
///
/// ```
/// use jiaodui::{LanguageModel, Linter};
///
/// let bytes = LanguageModel::train(["总体方案已经印发。", "总体要求是稳中求进。"]);
/// let model = LanguageModel::from_bytes(&bytes)?;
/// let linter = Linter::builder().language_model(model).build()?;
/// # Ok::<(), jiaodui::Error>(())
/// ```
///
/// A file that is truncated, corrupt or of another format version is
/// refused with an error that says so:
///
/// ```
/// let err = jiaodui::LanguageModel::from_bytes(b"JIAODUI-LM\r\n\x02").unwrap_err();
/// assert!(err.to_string().contains("truncated"));
/// ```
#[derive(Clone, Debug)]
pub struct LanguageModel {
    pub(crate) model: lm::Model,
}

impl LanguageModel {
    /// The default model.
    pub fn builtin() -> LanguageModel {
        LanguageModel {
            model: lm::Model::from_static(DEFAULT_LM).expect("the build script writes a valid model"),
        }
    }

    /// Reads a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<LanguageModel, Error> {
        Self::parse("<bytes>", bytes)
    }

    /// Reads a model file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<LanguageModel, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|error| {
            Error::new(ErrorKind::Io {
                path: path.to_path_buf(),
                error,
            })
        })?;
        Self::parse(&path.display().to_string(), &bytes)
    }

    fn parse(source: &str, bytes: &[u8]) -> Result<LanguageModel, Error> {
        lm::Model::from_bytes(bytes)
            .map(|model| LanguageModel { model })
            .map_err(|reason| {
                Error::new(ErrorKind::Model {
                    source: source.to_string(),
                    reason,
                })
            })
    }

    /// Counts a model from clean texts and returns the bytes of its file.
    /// The texts may be produced lazily (read one file at a time).
    pub fn train<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> Vec<u8> {
        let mut counter = lm::Counter::default();
        for t in texts {
            counter.add(t.as_ref(), 1);
        }
        counter.to_bytes(1)
    }
}

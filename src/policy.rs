//! The data of the formulation, political-term, agency and leader rules,
//! parsed from the dictionaries embedded in the binary (the build script (`build/`) has
//! checked them and compiled their patterns into the automaton).

use crate::diagnostic::Origin;
use crate::error::{Error, ErrorKind};
use crate::tsv;

static FORMULATIONS: &str = include_str!("../dictionaries/formulations.tsv");
static TERMS: &str = include_str!("../dictionaries/political-terms.tsv");
static AGENCIES: &str = include_str!("../dictionaries/agencies.tsv");
static LEADERS: &str = include_str!("../dictionaries/leaders.tsv");

pub(crate) struct Policy {
    pub(crate) formulations: Vec<tsv::Formulation<'static>>,
    /// Whether each formulation has six or more Han characters (only these
    /// may miss or gain a character, or have a swap).
    pub(crate) long: Vec<bool>,
    /// The characters of each formulation.
    pub(crate) chars: Vec<Vec<char>>,
    pub(crate) terms: Vec<tsv::Term<'static>>,
    pub(crate) agencies: Vec<tsv::Agency<'static>>,
}

impl Policy {
    pub(crate) fn builtin() -> Policy {
        let formulations = tsv::parse_formulations(FORMULATIONS).unwrap_or_default();
        let long = formulations
            .iter()
            .map(|f| f.canonical.chars().filter(|&c| crate::tsv::is_han(c)).count() >= 6)
            .collect();
        let chars = formulations.iter().map(|f| f.canonical.chars().collect()).collect();
        Policy {
            formulations,
            long,
            chars,
            terms: tsv::parse_terms(TERMS).unwrap_or_default(),
            agencies: tsv::parse_agencies(AGENCIES).unwrap_or_default(),
        }
    }
}

/// The path of a built-in list, for the origin of its findings.
pub(crate) const FORMULATIONS_PATH: &str = "dictionaries/formulations.tsv";
pub(crate) const TERMS_PATH: &str = "dictionaries/political-terms.tsv";
pub(crate) const AGENCIES_PATH: &str = "dictionaries/agencies.tsv";
pub(crate) const LEADERS_PATH: &str = "dictionaries/leaders.tsv";

/// Line `line` of a built-in list.
pub(crate) fn origin(path: &'static str, line: usize) -> Option<Origin> {
    Some(Origin::new(path.into(), line))
}

/// A name of the leaders list.
#[derive(Debug, Clone)]
pub(crate) struct Leader {
    pub(crate) name: String,
    pub(crate) role: String,
    /// Where the name is listed.
    pub(crate) origin: Origin,
}

/// The built-in leaders list.
pub(crate) fn builtin_leaders() -> Vec<Leader> {
    let source: std::sync::Arc<str> = LEADERS_PATH.into();
    tsv::parse_leaders(LEADERS)
        .unwrap_or_default()
        .into_iter()
        .map(|l| Leader {
            name: l.name.to_string(),
            role: l.role.to_string(),
            origin: Origin::new(source.clone(), l.line),
        })
        .collect()
}

/// Parses a user leaders list (the format of `dictionaries/leaders.tsv`).
pub(crate) fn parse_leaders(source: &str, text: &str) -> Result<Vec<Leader>, Error> {
    let list = tsv::parse_leaders(text).map_err(|e| {
        Error::new(ErrorKind::Dictionary {
            source: source.to_string(),
            line: e.line,
            reason: e.reason,
        })
    })?;
    let source: std::sync::Arc<str> = source.into();
    Ok(list
        .into_iter()
        .map(|l| Leader {
            name: l.name.to_string(),
            role: l.role.to_string(),
            origin: Origin::new(source.clone(), l.line),
        })
        .collect())
}

//! Tests of the contextual model.

//! The rules for text entered by people. Plain functions: nothing to inject.

use crate::LoanError;

/// The longest title, author or name accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// `text` with surrounding white space removed, if it is a usable `field`: not blank, at most
/// [`MAX_TEXT_CHARS`] characters, no control characters.
///
/// # Errors
/// [`LoanError::Invalid`] naming `field` and the rule broken.
pub fn text(field: &'static str, text: &str) -> Result<String, LoanError> {
    let invalid = |reason: &str| LoanError::Invalid {
        field,
        reason: reason.to_string(),
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(invalid("must not be empty"));
    }
    if trimmed.chars().count() > MAX_TEXT_CHARS {
        return Err(invalid(&format!(
            "must be at most {MAX_TEXT_CHARS} characters"
        )));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(invalid("must not contain control characters"));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_checks() {
        assert_eq!(text("title", "  Dune ").unwrap(), "Dune");
        assert_eq!(
            text("title", " \t").unwrap_err().to_string(),
            "invalid title: must not be empty"
        );
        assert_eq!(
            text("name", &"x".repeat(201)).unwrap_err().to_string(),
            "invalid name: must be at most 200 characters"
        );
        assert!(text("name", &"é".repeat(200)).is_ok());
        assert_eq!(
            text("author", "a\u{7}b").unwrap_err().to_string(),
            "invalid author: must not contain control characters"
        );
    }
}

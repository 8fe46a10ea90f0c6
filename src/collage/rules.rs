//! What a collage caption must be (pure). The caption is the picture's alternative text
//! as well as its label, so it has to describe something: a file name or a single
//! character tells a screen-reader user nothing.

pub const MIN_CAPTION: usize = 3;
pub const MAX_CAPTION: usize = 200;

#[derive(Debug, PartialEq, Eq)]
pub enum CaptionError {
    Missing,
    TooShort,
    TooLong,
    /// "IMG_2041.jpg" and friends: the camera's name for the file, not a description.
    FileName,
}

impl CaptionError {
    pub fn message_id(&self) -> &'static str {
        match self {
            CaptionError::Missing => "collage-err-caption-missing",
            CaptionError::TooShort => "collage-err-caption-short",
            CaptionError::TooLong => "collage-err-caption-long",
            CaptionError::FileName => "collage-err-caption-file",
        }
    }
}

/// The caption as it will be kept: on one line, spaces collapsed.
pub fn caption(raw: &str) -> Result<String, CaptionError> {
    let c = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = c.chars().count();
    if n == 0 {
        return Err(CaptionError::Missing);
    }
    if n < MIN_CAPTION {
        return Err(CaptionError::TooShort);
    }
    if n > MAX_CAPTION {
        return Err(CaptionError::TooLong);
    }
    if looks_like_file_name(&c) {
        return Err(CaptionError::FileName);
    }
    Ok(c)
}

fn looks_like_file_name(c: &str) -> bool {
    if c.contains(' ') {
        return false;
    }
    let lower = c.to_lowercase();
    const EXTENSIONS: [&str; 7] = [".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif", ".tif"];
    EXTENSIONS.iter().any(|e| lower.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_description_is_kept_on_one_line() {
        assert_eq!(caption("  People   listening\r\nto each other "), Ok("People listening to each other".into()));
    }

    #[test]
    fn empty_short_long_and_file_names_are_refused() {
        assert_eq!(caption(" \n "), Err(CaptionError::Missing));
        assert_eq!(caption("ok"), Err(CaptionError::TooShort));
        assert_eq!(caption(&"a".repeat(MAX_CAPTION + 1)), Err(CaptionError::TooLong));
        assert_eq!(caption("IMG_2041.JPG"), Err(CaptionError::FileName));
        assert_eq!(caption("photo.png"), Err(CaptionError::FileName));
        assert!(caption("A table with tea.jpg mugs").is_ok(), "a sentence that mentions a file is fine");
    }

    proptest! {
        #[test]
        fn accepted_captions_are_trimmed_and_within_bounds(s in "\\PC{0,260}") {
            if let Ok(c) = caption(&s) {
                let n = c.chars().count();
                prop_assert!((MIN_CAPTION..=MAX_CAPTION).contains(&n));
                prop_assert_eq!(c.trim(), c.as_str());
                prop_assert!(!c.contains("  ") && !c.contains('\n'));
            }
        }
    }
}

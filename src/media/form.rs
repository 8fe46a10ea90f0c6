//! Reading a multipart form that carries files as well as text: the one loop behind the
//! profile, introduction, collage and board forms. Files stream to the media folder's
//! `tmp` as they arrive. After a refused file the rest of the form is still read (later
//! files are skipped unread), so the page comes back with everything the person typed;
//! only a body far over the limits is cut short, so an oversized upload costs us a
//! bounded amount of reading.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::extract::multipart::Field;

use super::{Accept, Received, UploadError};
use crate::config::Config;
use crate::i18n::Tr;

/// A form with more text fields than this is not one of ours.
pub const MAX_FIELDS: usize = 64;
/// The longest text field read from a multipart form.
const MAX_TEXT_FIELD: usize = 16 * 1024;

/// A file field the form expects: its name, what it accepts, and the Fluent id of its
/// label, which error messages name.
pub struct FileField {
    pub name: &'static str,
    pub accept: Accept,
    pub label_id: &'static str,
}

/// What was read. Files not taken are thrown away by [`UploadForm::discard`].
#[derive(Default)]
pub struct UploadForm {
    pub text: HashMap<String, String>,
    files: HashMap<&'static str, Received>,
    /// Messages for the person, in their language.
    pub errors: Vec<String>,
    /// The body was far over the limits and the fields after the refused file were never
    /// read: the caller fills what is missing from the saved form (never widening a
    /// visibility) rather than judging half a form.
    pub cut_short: bool,
    /// A file was refused (its message is in `errors`): nothing may be written.
    pub refused: bool,
    /// The refused file field's name and its message (also in `errors`), for forms that
    /// show each message next to its field.
    pub file_error: Option<(&'static str, String)>,
}

impl UploadForm {
    /// A text field, or "" when it was not sent.
    pub fn get(&self, name: &str) -> &str {
        self.text.get(name).map(String::as_str).unwrap_or("")
    }

    /// Take a received file out of the form; the caller now stores or discards it.
    pub fn take(&mut self, name: &str) -> Option<Received> {
        self.files.remove(name)
    }

    /// Throw away every file still held.
    pub async fn discard(self) {
        for (_, r) in self.files {
            super::discard(r).await;
        }
    }
}

/// Read the whole form. Unknown text fields (the CSRF token among them) are kept in
/// `text` like the rest; a repeated file field replaces the earlier file.
pub async fn read(config: &Config, tr: &Tr, mp: &mut Multipart, files: &[FileField]) -> UploadForm {
    let mut form = UploadForm::default();
    let mut fields = 0;
    // How much of refused or skipped files we read through to reach the fields after
    // them: the largest upload any field takes, once.
    let mut skip_budget = skip_budget(config);
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                form.errors.push(tr.t("error-bad-form"));
                form.cut_short = true;
                break;
            }
        };
        fields += 1;
        if fields > MAX_FIELDS {
            form.errors.push(tr.t("error-bad-form"));
            form.cut_short = true;
            break;
        }
        let name = field.name().unwrap_or("").to_string();
        if let Some(f) = files.iter().find(|f| f.name == name) {
            if form.refused {
                // Nothing will be stored after a refusal: read past this file unkept.
                if !skip(&mut field, &mut skip_budget).await {
                    form.cut_short = true;
                    break;
                }
                continue;
            }
            match super::receive_from(config, &mut field, f.accept).await {
                Ok(Some(r)) => {
                    if let Some(old) = form.files.insert(f.name, r) {
                        super::discard(old).await;
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    let message = e.message(tr, &tr.t(f.label_id));
                    form.errors.push(message.clone());
                    form.file_error = Some((f.name, message));
                    form.refused = true;
                    for (_, r) in form.files.drain() {
                        super::discard(r).await;
                    }
                    if !skip(&mut field, &mut skip_budget).await {
                        form.cut_short = true;
                        break;
                    }
                }
            }
            continue;
        }
        match text_field(field).await {
            Ok(t) => {
                form.text.insert(name, t);
            }
            Err(e) => form.errors.push(e.message(tr, "")),
        }
    }
    form
}

/// How much of refused or skipped files a form reads through to reach the fields after
/// them: the largest upload any field takes, once.
pub fn skip_budget(config: &Config) -> u64 {
    [config.max_image_mb, config.max_audio_mb, config.max_video_mb, config.max_file_mb].into_iter().max().unwrap_or(1)
        * 1024
        * 1024
}

/// Read the rest of a field without keeping it; false when it is longer than `budget`
/// (which it spends) or broken.
pub async fn skip(field: &mut Field<'_>, budget: &mut u64) -> bool {
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                let n = chunk.len() as u64;
                if n > *budget {
                    return false;
                }
                *budget -= n;
            }
            Ok(None) => return true,
            Err(_) => return false,
        }
    }
}

/// Read a multipart text field, refusing one that is absurdly long.
pub async fn text_field(mut field: Field<'_>) -> Result<String, UploadError> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| UploadError::BadForm)? {
        buf.extend_from_slice(&chunk);
        if buf.len() > MAX_TEXT_FIELD {
            return Err(UploadError::BadForm);
        }
    }
    String::from_utf8(buf).map_err(|_| UploadError::BadForm)
}

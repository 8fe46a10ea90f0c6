//! Media: photos, voice and video clips and other files that features attach to things.
//! Uploads stream to disk under the data directory (a 200 MB video never sits in
//! memory), are recognised by their magic bytes, and photos are re-encoded on the
//! server. The bytes are served at `/media/{id}` only after asking whoever owns the
//! thing the file belongs to (a profile field's visibility, a course's membership),
//! with Range support so video can seek. See docs/decisions/0006-media.md.

pub mod access;
pub mod form;
pub mod picture;
pub mod range;
pub mod sniff;
pub mod trash;
pub mod webm;

use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::extract::multipart::Field;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

use crate::app::AppState;
use crate::config::Config;
use crate::db::entity::{media, membership};
use crate::error::{AppError, AppResult};
use crate::policy::{self, Action, Actor, Role};
use crate::time::now_ms;
use crate::web::Viewer;
use crate::web::context::CurrentUser;
use sniff::{Format, Kind};

pub fn router() -> Router<AppState> {
    Router::new().route("/media/{media_id}", get(serve))
}

/// What a form field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accept {
    Image,
    /// A voice or video clip.
    Clip,
    /// Voice only (how to say my name).
    Audio,
    /// Anything we recognise: pictures, sound, video and documents (attachments, files).
    Any,
}

impl Accept {
    fn allows(self, kind: Kind) -> bool {
        match self {
            Accept::Image => kind == Kind::Image,
            Accept::Clip => matches!(kind, Kind::Audio | Kind::Video),
            Accept::Audio => kind == Kind::Audio,
            Accept::Any => true,
        }
    }
}

/// Why an upload was refused, in words the form can show.
#[derive(Debug, PartialEq, Eq)]
pub enum UploadError {
    /// Not a kind of file this field takes (or not one we recognise at all).
    WrongType,
    /// Over the limit, which is named in megabytes.
    TooBig { limit_mb: u64 },
    /// A cut-off or broken image.
    Corrupt,
    /// The form itself was malformed.
    BadForm,
    /// A picture wider or taller (or with more pixels) than we decode.
    TooManyPixels { max_side: u32 },
    /// The file would take the person past their storage quota.
    OverQuota { used_mb: u64, allowed_mb: u64 },
}

impl UploadError {
    /// The sentence for the reader, naming the field's label.
    pub fn message(&self, tr: &crate::i18n::Tr, field_label: &str) -> String {
        match self {
            UploadError::WrongType => tr.t1("media-err-type", "field", field_label),
            UploadError::TooBig { limit_mb } => tr.t2("media-err-too-big", "field", field_label, "limit", limit_mb),
            UploadError::Corrupt => tr.t1("media-err-corrupt", "field", field_label),
            UploadError::BadForm => tr.t("error-bad-form"),
            UploadError::TooManyPixels { max_side } => tr.t2("abuse-err-pixels", "field", field_label, "max", max_side),
            UploadError::OverQuota { used_mb, allowed_mb } => crate::i18n::message(
                tr.0,
                "abuse-err-quota",
                &[("field", field_label), ("used", &used_mb.to_string()), ("allowed", &allowed_mb.to_string())],
            ),
        }
    }
}

fn limit_mb(config: &Config, kind: Kind) -> u64 {
    match kind {
        Kind::Image => config.max_image_mb,
        Kind::Audio => config.max_audio_mb,
        Kind::Video => config.max_video_mb,
        Kind::File => config.max_file_mb,
    }
}

fn media_dir(config: &Config) -> PathBuf {
    config.data_path("media")
}

/// A file received and checked, waiting in the media folder's `tmp`.
#[derive(Debug)]
pub struct Received {
    tmp: PathBuf,
    pub size: u64,
    pub sha256: String,
    pub format: Format,
}

/// Stream one multipart file field to disk. `Ok(None)` when no file was chosen.
pub async fn receive(config: &Config, mut field: Field<'_>, accept: Accept) -> Result<Option<Received>, UploadError> {
    receive_from(config, &mut field, accept).await
}

/// [`receive`] that leaves the field with the caller, who may read on past a refusal.
pub async fn receive_from(
    config: &Config,
    field: &mut Field<'_>,
    accept: Accept,
) -> Result<Option<Received>, UploadError> {
    let largest = [Kind::Image, Kind::Audio, Kind::Video, Kind::File]
        .into_iter()
        .filter(|k| accept.allows(*k))
        .map(|k| limit_mb(config, k))
        .max()
        .unwrap_or(1);
    let dir = media_dir(config).join("tmp");
    tokio::fs::create_dir_all(&dir).await.map_err(|_| UploadError::BadForm)?;
    let tmp = dir.join(crate::auth::tokens::new_token());
    let mut out = tokio::fs::File::create(&tmp).await.map_err(|_| UploadError::BadForm)?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut head: Vec<u8> = Vec::with_capacity(4096);
    let mut format: Option<Format> = None;
    let mut limit = largest * 1024 * 1024;
    // The uploader's storage quota, when the request came through the upload gate.
    let room = crate::abuse::uploads::room();
    let result: Result<(), UploadError> = async {
        while let Some(chunk) = field.chunk().await.map_err(|_| UploadError::BadForm)? {
            size += chunk.len() as u64;
            if let Some(r) = room
                && !r.fits(size)
            {
                let mb = |b: u64| b.div_ceil(crate::abuse::uploads::MB);
                return Err(UploadError::OverQuota { used_mb: mb(r.used), allowed_mb: mb(r.allowed) });
            }
            if format.is_none() && head.len() < 4096 {
                head.extend_from_slice(&chunk[..chunk.len().min(4096 - head.len())]);
                if head.len() >= 4096 {
                    let f = sniff::sniff(&head).ok_or(UploadError::WrongType)?;
                    if !accept.allows(f.kind()) {
                        return Err(UploadError::WrongType);
                    }
                    limit = limit_mb(config, f.kind()) * 1024 * 1024;
                    format = Some(f);
                }
            }
            if size > limit {
                let kind = format.map(|f| f.kind());
                return Err(UploadError::TooBig { limit_mb: kind.map(|k| limit_mb(config, k)).unwrap_or(largest) });
            }
            hasher.update(&chunk);
            out.write_all(&chunk).await.map_err(|_| UploadError::BadForm)?;
        }
        Ok(())
    }
    .await;
    let _ = out.flush().await;
    drop(out);
    let checked = result.and_then(|()| {
        if size == 0 {
            return Ok(None);
        }
        let f = match format {
            Some(f) => f,
            None => sniff::sniff(&head).ok_or(UploadError::WrongType)?,
        };
        if !accept.allows(f.kind()) {
            return Err(UploadError::WrongType);
        }
        if size > limit_mb(config, f.kind()) * 1024 * 1024 {
            return Err(UploadError::TooBig { limit_mb: limit_mb(config, f.kind()) });
        }
        Ok(Some(f))
    });
    match checked {
        Ok(Some(format)) => {
            crate::abuse::uploads::spend(size);
            Ok(Some(Received { tmp, size, sha256: hex::encode(hasher.finalize()), format }))
        }
        Ok(None) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            Ok(None)
        }
        Err(e) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            Err(e)
        }
    }
}

static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// A file in its final place, ready to be recorded in the caller's transaction.
#[derive(Debug)]
pub struct Stored {
    pub storage_key: String,
    pub kind: Kind,
    /// The extension matching the stored bytes (a re-encoded picture is a JPEG).
    pub extension: &'static str,
    pub content_type: &'static str,
    pub size: u64,
    pub sha256: String,
    pub has_thumb: bool,
    /// How long a recording plays (ms), when we could tell.
    pub duration_ms: Option<i64>,
}

/// Move a received file into place; photos are squared and re-encoded first.
pub async fn store(config: &Config, r: Received) -> Result<Stored, UploadError> {
    store_shaped(config, r, false).await
}

/// Like `store`, but pictures keep their proportions (attachments and files are shown as
/// the author took them, only scaled down and re-encoded without EXIF).
pub async fn store_fitted(config: &Config, r: Received) -> Result<Stored, UploadError> {
    store_shaped(config, r, true).await
}

async fn store_shaped(config: &Config, r: Received, fitted: bool) -> Result<Stored, UploadError> {
    let key = crate::auth::tokens::new_token();
    let dir = media_dir(config);
    let kind = r.format.kind();
    let result = if kind == Kind::Image {
        let bytes = tokio::fs::read(&r.tmp).await.map_err(|_| UploadError::BadForm)?;
        let format = r.format;
        // Decoding takes up to picture's memory cap; a few at a time keep the server up
        // when many people upload at once.
        let _permit = DECODES.acquire().await.map_err(|_| UploadError::BadForm)?;
        let squares = tokio::task::spawn_blocking(move || {
            if fitted { picture::process_fitted(&bytes, format) } else { picture::process(&bytes, format) }
        })
        .await
        .map_err(|_| UploadError::Corrupt)?
        .map_err(|e| match e {
            picture::PictureError::TooLarge => UploadError::TooManyPixels { max_side: picture::MAX_SIDE },
            picture::PictureError::Corrupt => UploadError::Corrupt,
        });
        match squares {
            Ok(s) => {
                let size = s.photo.len() as u64;
                let write = async {
                    tokio::fs::write(dir.join(&key), &s.photo).await?;
                    tokio::fs::write(dir.join(format!("{key}.thumb")), &s.thumb).await
                };
                write.await.map_err(|_| UploadError::BadForm).map(|()| Stored {
                    storage_key: key.clone(),
                    kind,
                    extension: "jpg",
                    content_type: "image/jpeg",
                    size,
                    sha256: hex::encode(Sha256::digest(&s.photo)),
                    has_thumb: true,
                    duration_ms: None,
                })
            }
            Err(e) => Err(e),
        }
    } else if matches!(r.format, Format::Webm { .. }) {
        store_recording(&r, &dir.join(&key)).await.map(|(size, sha256, duration_ms)| Stored {
            storage_key: key.clone(),
            kind,
            extension: r.format.extension(),
            content_type: r.format.content_type(),
            size,
            sha256,
            has_thumb: false,
            duration_ms,
        })
    } else {
        tokio::fs::rename(&r.tmp, dir.join(&key)).await.map_err(|_| UploadError::BadForm).map(|()| Stored {
            storage_key: key.clone(),
            kind,
            extension: r.format.extension(),
            content_type: r.format.content_type(),
            size: r.size,
            sha256: r.sha256.clone(),
            has_thumb: false,
            duration_ms: None,
        })
    };
    let _ = tokio::fs::remove_file(&r.tmp).await;
    result
}

/// Put a WebM recording in place made seekable (`webm`): its size, hash and length.
/// A file the rewriter does not understand is kept as it came, without a length.
async fn store_recording(r: &Received, to: &std::path::Path) -> Result<(u64, String, Option<i64>), UploadError> {
    let bytes = tokio::fs::read(&r.tmp).await.map_err(|_| UploadError::BadForm)?;
    // The rewrite holds the file twice in memory: a few at a time, like pictures.
    let _permit = DECODES.acquire().await.map_err(|_| UploadError::BadForm)?;
    let (bytes, made) = tokio::task::spawn_blocking(move || {
        let made = webm::make_seekable(&bytes);
        (bytes, made)
    })
    .await
    .map_err(|_| UploadError::Corrupt)?;
    match made {
        Ok(webm::Seekable { bytes: Some(out), duration_ms }) => {
            tokio::fs::write(to, &out).await.map_err(|_| UploadError::BadForm)?;
            Ok((out.len() as u64, hex::encode(Sha256::digest(&out)), i64::try_from(duration_ms).ok()))
        }
        Ok(webm::Seekable { bytes: None, duration_ms }) => {
            tokio::fs::write(to, &bytes).await.map_err(|_| UploadError::BadForm)?;
            Ok((r.size, r.sha256.clone(), i64::try_from(duration_ms).ok()))
        }
        Err(_) => {
            tokio::fs::write(to, &bytes).await.map_err(|_| UploadError::BadForm)?;
            Ok((r.size, r.sha256.clone(), None))
        }
    }
}

/// Bytes the server fetched itself (an LMS's picture of a person), received like an
/// uploaded picture: sniffed from their first bytes (only pictures, within the image
/// limit) and written to the temporary folder, ready for [`store`].
pub async fn received_image(config: &Config, bytes: &[u8]) -> Result<Received, UploadError> {
    let format = sniff::sniff(&bytes[..bytes.len().min(4096)]).ok_or(UploadError::WrongType)?;
    if format.kind() != Kind::Image {
        return Err(UploadError::WrongType);
    }
    if bytes.len() as u64 > limit_mb(config, Kind::Image) * 1024 * 1024 {
        return Err(UploadError::TooBig { limit_mb: limit_mb(config, Kind::Image) });
    }
    let dir = media_dir(config).join("tmp");
    tokio::fs::create_dir_all(&dir).await.map_err(|_| UploadError::BadForm)?;
    let tmp = dir.join(crate::auth::tokens::new_token());
    tokio::fs::write(&tmp, bytes).await.map_err(|_| UploadError::BadForm)?;
    Ok(Received { tmp, size: bytes.len() as u64, sha256: hex::encode(Sha256::digest(bytes)), format })
}

/// Throw away a received file that will not be kept (the rest of the form was wrong).
pub async fn discard(r: Received) {
    let _ = tokio::fs::remove_file(&r.tmp).await;
}

impl Stored {
    pub async fn insert(
        &self,
        db: &impl ConnectionTrait,
        owner: i64,
        course_id: Option<i64>,
        purpose: &str,
    ) -> Result<media::Model, DbErr> {
        media::ActiveModel {
            user_id: Set(owner),
            course_id: Set(course_id),
            kind: Set(self.kind.as_str().to_string()),
            purpose: Set(purpose.to_string()),
            content_type: Set(self.content_type.to_string()),
            size: Set(self.size as i64),
            sha256: Set(self.sha256.clone()),
            storage_key: Set(self.storage_key.clone()),
            has_thumb: Set(self.has_thumb),
            created_at: Set(now_ms()),
            duration_ms: Set(self.duration_ms),
            ..Default::default()
        }
        .insert(db)
        .await
    }

    /// Remove the files again (the transaction that would have recorded them failed).
    pub async fn remove(&self, config: &Config) {
        remove_files(config, &self.storage_key).await;
    }
}

/// Store bytes made on the server (the demo's generated faces) as an image.
pub async fn store_generated_jpeg(config: &Config, photo: Vec<u8>, thumb: Vec<u8>) -> std::io::Result<Stored> {
    let key = crate::auth::tokens::new_token();
    let dir = media_dir(config);
    tokio::fs::create_dir_all(&dir).await?;
    tokio::fs::write(dir.join(&key), &photo).await?;
    tokio::fs::write(dir.join(format!("{key}.thumb")), &thumb).await?;
    Ok(Stored {
        storage_key: key,
        kind: Kind::Image,
        extension: "jpg",
        content_type: "image/jpeg",
        size: photo.len() as u64,
        sha256: hex::encode(Sha256::digest(&photo)),
        has_thumb: true,
        duration_ms: None,
    })
}

pub async fn remove_files(config: &Config, storage_key: &str) {
    let dir = media_dir(config);
    let _ = tokio::fs::remove_file(dir.join(storage_key)).await;
    let _ = tokio::fs::remove_file(dir.join(format!("{storage_key}.thumb"))).await;
}

/// Delete a media row (in the caller's transaction) and put its files in the trash; the
/// caller removes the files after committing (or leaves them to `trash::empty`).
pub async fn delete_row(db: &impl ConnectionTrait, id: i64) -> Result<Option<String>, DbErr> {
    let Some(m) = media::Entity::find_by_id(id).one(db).await? else { return Ok(None) };
    media::Entity::delete_by_id(id).exec(db).await?;
    trash::put(db, std::slice::from_ref(&m.storage_key), now_ms()).await?;
    Ok(Some(m.storage_key))
}

/// The actor for a course the request did not come through (`/media/…` has no course
/// in its path, but its file may belong to one).
async fn actor_in(state: &AppState, user: &CurrentUser, course_id: i64) -> Result<Actor, DbErr> {
    let role = membership::Entity::find()
        .filter(membership::Column::CourseId.eq(course_id))
        .filter(membership::Column::UserId.eq(user.id))
        .one(&state.db)
        .await?
        .and_then(|m| Role::parse(&m.role));
    Ok(Actor {
        signed_in: true,
        site_admin: user.is_site_admin,
        role,
        tutors_somewhere: role == Some(Role::Tutor),
        ..Actor::default()
    })
}

/// Store a file made on the server (the demo's documents) as it is.
pub async fn store_generated_file(config: &Config, bytes: &[u8]) -> std::io::Result<Stored> {
    let format = sniff::sniff(bytes).ok_or_else(|| std::io::Error::other("unrecognised file"))?;
    let key = crate::auth::tokens::new_token();
    let dir = media_dir(config);
    tokio::fs::create_dir_all(&dir).await?;
    tokio::fs::write(dir.join(&key), bytes).await?;
    Ok(Stored {
        storage_key: key,
        kind: format.kind(),
        extension: format.extension(),
        content_type: format.content_type(),
        size: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(bytes)),
        has_thumb: false,
        duration_ms: None,
    })
}

/// Whether this person may see this file: the question goes to the thing it belongs to.
pub async fn may_see(state: &AppState, viewer: &CurrentUser, m: &media::Model) -> AppResult<bool> {
    if let Some(field) = crate::profiles::field_for_purpose(&m.purpose) {
        return crate::profiles::may_see_field(state, viewer, m.user_id, field).await;
    }
    if m.purpose == crate::forum::attachments::PURPOSE {
        let Some(course_id) = m.course_id else { return Ok(false) };
        let actor = actor_in(state, viewer, course_id).await?;
        return crate::forum::attachments::may_see(state, &actor, viewer.id, m.id).await;
    }
    if m.purpose == crate::feedback::PURPOSE {
        return Ok(crate::feedback::queries::may_see_media(&state.db, m.id, viewer.id).await?);
    }
    if m.purpose == crate::files::PURPOSE {
        let Some(course_id) = m.course_id else { return Ok(false) };
        let actor = actor_in(state, viewer, course_id).await?;
        return Ok(policy::allows(&actor, Action::ViewFiles));
    }
    if let Some(course_id) = m.course_id {
        let actor = actor_in(state, viewer, course_id).await?;
        return Ok(policy::allows(&actor, Action::ViewCourse));
    }
    Ok(viewer.id == m.user_id)
}

/// The name a download is saved under: the one the thing it belongs to keeps.
async fn download_name(db: sea_orm::DatabaseConnection, m: &media::Model) -> AppResult<String> {
    let name = if m.purpose == crate::forum::attachments::PURPOSE {
        crate::forum::attachments::name_of(&db, m.id).await?
    } else if m.purpose == crate::files::PURPOSE {
        crate::files::name_of(&db, m.id).await?
    } else {
        None
    };
    Ok(name.unwrap_or_else(|| format!("file-{}", m.id)))
}

/// `attachment` with the name as plain ASCII (for old clients) and as UTF-8 (RFC 6266).
pub fn content_disposition_attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Private: a file is only for people the policy lets in, so no shared cache keeps it;
/// a day in the browser's cache, then one cheap revalidation (a 304 by ETag). A file's
/// bytes never change under its id (a new photo is a new file), so the ETag is its hash.
const CACHE_CONTROL: &str = "private, max-age=86400";

/// Whether an `If-None-Match` header names this ETag (a list, `*`, or weak forms).
fn etag_matches(header: &str, etag: &str) -> bool {
    header.split(',').map(str::trim).any(|t| t == "*" || t == etag || t.strip_prefix("W/") == Some(etag))
}

#[derive(Deserialize)]
struct ServeQuery {
    #[serde(default)]
    size: String,
}

async fn serve(
    State(state): State<AppState>,
    Viewer(ctx): Viewer,
    Path(media_id): Path<i64>,
    Query(q): Query<ServeQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let viewer = ctx.user.as_ref().ok_or(AppError::SignInRequired)?;
    // One indexed query finds the file and decides for faces and course files.
    let (m, access) = access::lookup(&state.db, media_id, viewer).await?.ok_or(AppError::NotFound)?;
    let allowed = match access {
        access::Access::Allowed => true,
        access::Access::Denied => false,
        access::Access::AskOwner => may_see(&state, viewer, &m).await?,
    };
    // Someone who may not see it learns nothing more than about a file that is not there.
    if !allowed {
        return Err(AppError::NotFound);
    }
    let thumb = q.size == "thumb" && m.has_thumb;
    let etag = format!("\"{}{}\"", &m.sha256[..m.sha256.len().min(32)], if thumb { "-t" } else { "" });
    // The browser has it already: answer before touching the disk.
    if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| etag_matches(v, &etag)) {
        let mut h = HeaderMap::new();
        h.insert(header::ETAG, HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.into()))?);
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
        return Ok((StatusCode::NOT_MODIFIED, h).into_response());
    }
    let name = if thumb { format!("{}.thumb", m.storage_key) } else { m.storage_key.clone() };
    let path = media_dir(&state.config).join(name);
    let mut file = tokio::fs::File::open(&path).await.map_err(|_| AppError::NotFound)?;
    let len = file.metadata().await.map_err(|e| AppError::Internal(e.into()))?.len();

    let mut res_headers = HeaderMap::new();
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &str| {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    set(&mut res_headers, header::CONTENT_TYPE, &m.content_type);
    set(&mut res_headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(&mut res_headers, header::ACCEPT_RANGES, "bytes");
    // Private: the file is only for people the policy lets in, so no shared cache keeps it.
    set(&mut res_headers, header::CACHE_CONTROL, CACHE_CONTROL);
    set(&mut res_headers, header::ETAG, &etag);
    // Documents and text are always downloaded, so a browser never renders uploaded
    // markup (HTML, SVG) in our origin; pictures, sound and video play in the page.
    let disposition = if m.kind == Kind::File.as_str() {
        let name = download_name(state.db.clone(), &m).await?;
        content_disposition_attachment(&name)
    } else {
        "inline".to_string()
    };
    set(&mut res_headers, header::CONTENT_DISPOSITION, &disposition);
    set(&mut res_headers, header::CONTENT_SECURITY_POLICY, "default-src 'none'; sandbox");

    let range_header = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let (status, start, count) = match range::parse(range_header, len) {
        range::Ranged::Full => (StatusCode::OK, 0, len),
        range::Ranged::Part { start, end } => {
            set(&mut res_headers, header::CONTENT_RANGE, &format!("bytes {start}-{end}/{len}"));
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
        range::Ranged::Unsatisfiable => {
            set(&mut res_headers, header::CONTENT_RANGE, &format!("bytes */{len}"));
            return Ok((StatusCode::RANGE_NOT_SATISFIABLE, res_headers).into_response());
        }
    };
    set(&mut res_headers, header::CONTENT_LENGTH, &count.to_string());
    file.seek(std::io::SeekFrom::Start(start)).await.map_err(|e| AppError::Internal(e.into()))?;
    let reader = file.take(count);
    let stream = futures::stream::unfold(reader, |mut r| async move {
        let mut buf = vec![0u8; 64 * 1024];
        match r.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok::<_, std::io::Error>(axum::body::Bytes::from(buf)), r))
            }
            Err(e) => Some((Err(e), r)),
        }
    });
    Ok((status, res_headers, Body::from_stream(stream)).into_response())
}

/// A file name as shown and offered for download: the last part of what the sender's
/// computer called it, without control characters, at most 120 characters, ending in the
/// extension of what the bytes really are (so "notes.html" that is text is saved as
/// "notes.html.txt" and never opened as a web page).
pub fn clean_name(raw: &str, extension: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let mut name: String = last.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string();
    name = name.trim_start_matches('.').to_string();
    if name.chars().count() > 120 {
        name = name.chars().take(120).collect();
    }
    if name.is_empty() {
        return format!("file.{extension}");
    }
    let has = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let fits = match has.as_deref() {
        Some(e) => {
            e == extension || (extension == "jpg" && e == "jpeg") || (extension == "txt" && matches!(e, "md" | "csv"))
        }
        None => false,
    };
    if fits { name } else { format!("{name}.{extension}") }
}

/// A size for people: "800 B", "12 KB", "3.4 MB".
pub fn human_size(bytes: i64) -> String {
    let b = bytes.max(0) as f64;
    if b < 1024.0 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.0} KB", (b / 1024.0).ceil())
    } else {
        format!("{:.1} MB", b / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_match_the_bytes() {
        assert_eq!(clean_name("C:\\Users\\kari\\Week 1.pdf", "pdf"), "Week 1.pdf");
        assert_eq!(clean_name("../../etc/passwd", "txt"), "passwd.txt");
        assert_eq!(clean_name("notes.html", "txt"), "notes.html.txt");
        assert_eq!(clean_name("photo.JPEG", "jpg"), "photo.JPEG");
        assert_eq!(clean_name("photo.png", "jpg"), "photo.png.jpg");
        assert_eq!(clean_name("", "zip"), "file.zip");
        assert_eq!(clean_name(".hidden", "txt"), "hidden.txt");
        assert_eq!(clean_name("a\u{0}b\nc.md", "txt"), "abc.md");
        assert!(clean_name(&"x".repeat(500), "pdf").chars().count() <= 124);
    }

    #[test]
    fn etags_match_as_browsers_send_them() {
        assert!(etag_matches("\"abc\"", "\"abc\""));
        assert!(etag_matches("W/\"abc\", \"x\"", "\"abc\""));
        assert!(etag_matches("*", "\"abc\""));
        assert!(!etag_matches("\"abc-t\"", "\"abc\""));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(800), "800 B");
        assert_eq!(human_size(1500), "2 KB");
        assert_eq!(human_size(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}

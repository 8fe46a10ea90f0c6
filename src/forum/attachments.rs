//! Files attached to forum posts: pictures shown inline (with the author's alt text),
//! sound and video in a player (with an optional transcript), and documents offered as
//! downloads. The bytes are `media` rows with the purpose [`PURPOSE`]; serving asks
//! [`may_see`], which follows the post: deleted posts have none, hidden posts show
//! theirs only to the author and the teaching team.

use std::collections::HashMap;

use axum::body::to_bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::app::AppState;
use crate::config::Config;
use crate::db::entity::{forum_attachment, forum_post, media};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::media::{Accept, Received, Stored, UploadError};
use crate::policy::{self, Action, Actor};
use crate::time::now_ms;
use crate::web::context::FORM_LIMIT;

/// The `media.purpose` of an attachment.
pub const PURPOSE: &str = "forum_attachment";
/// How many files one post carries.
pub const MAX_PER_POST: usize = 5;
pub const MAX_DESCRIPTION: usize = 2_000;
/// A text field of a post form (the body is at most 20 000 characters, up to 4 bytes each),
/// read generously, so that an over-long post comes back with its text and a message in words
/// (the body limit itself is `forum::MAX_BODY` characters), yet bounded.
const MAX_TEXT_FIELD: usize = 512 * 1024;
const MAX_TEXT_FIELDS: usize = 32;

/// A file chosen in one of the form's slots.
pub struct Incoming {
    pub slot: usize,
    pub name: String,
    pub received: Received,
}

/// A post form sent as multipart: its text fields and the files chosen.
#[derive(Default)]
pub struct PostForm {
    pub text: HashMap<String, String>,
    pub files: Vec<Incoming>,
    /// Why the form was refused while reading it (a file too big or of the wrong kind);
    /// the files are already thrown away then.
    pub error: Option<String>,
    /// The slot of the refused file and why, to show next to that file field.
    pub file_error: Option<(usize, String)>,
}

/// One slot of the attachment fields as the page shows it.
pub struct Slot {
    pub n: usize,
    pub description: String,
    pub error: Option<String>,
}

/// The attachment fields of a post form; `open` when something in them needs a look.
pub struct Slots {
    pub list: Vec<Slot>,
    pub open: bool,
}

impl Slots {
    /// `n` empty slots.
    pub fn empty(n: usize) -> Slots {
        Slots { list: (1..=n).map(|n| Slot { n, description: String::new(), error: None }).collect(), open: false }
    }

    /// The slots again after a refused form: each description as typed, the refused file's
    /// message next to its field.
    pub fn again(n: usize, form: &PostForm) -> Slots {
        let list: Vec<Slot> = (1..=n)
            .map(|i| Slot {
                n: i,
                description: form.field(&format!("describe_{i}")),
                error: form.file_error.as_ref().filter(|(slot, _)| *slot == i).map(|(_, m)| m.clone()),
            })
            .collect();
        let open = list.iter().any(|s| s.error.is_some() || !s.description.trim().is_empty());
        Slots { list, open }
    }
}

impl PostForm {
    pub fn field(&self, name: &str) -> String {
        self.text.get(name).cloned().unwrap_or_default()
    }

    /// The description typed for a slot (alt text or transcript), trimmed.
    fn description(&self, slot: usize) -> String {
        self.field(&format!("describe_{slot}")).trim().replace("\r\n", "\n")
    }

    /// Throw the received files away (the rest of the form was wrong).
    pub async fn discard(&mut self) {
        for f in self.files.drain(..) {
            crate::media::discard(f.received).await;
        }
    }

    /// New descriptions typed on the edit form for attachments already on the post.
    pub fn redescribed(&self) -> Vec<(i64, String)> {
        self.text
            .iter()
            .filter_map(|(k, v)| {
                let id = k.strip_prefix("describe_a")?.parse().ok()?;
                Some((id, v.trim().replace("\r\n", "\n")))
            })
            .collect()
    }

    /// The ids ticked under "remove" on the edit form.
    pub fn removed(&self) -> Vec<i64> {
        self.text
            .iter()
            .filter(|(k, v)| k.starts_with("remove_") && v.as_str() == "1")
            .filter_map(|(k, _)| k["remove_".len()..].parse().ok())
            .collect()
    }
}

/// The slot a file field fills: `file_1` … `file_5`.
fn slot_of(name: &str) -> Option<usize> {
    name.strip_prefix("file_").and_then(|n| n.parse().ok()).filter(|n| (1..=MAX_PER_POST).contains(n))
}

async fn read_text(mut field: axum::extract::multipart::Field<'_>) -> Result<String, UploadError> {
    let mut buf = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(|_| UploadError::BadForm)? {
        buf.extend_from_slice(&chunk);
        if buf.len() > MAX_TEXT_FIELD {
            return Err(UploadError::BadForm);
        }
    }
    String::from_utf8(buf).map_err(|_| UploadError::BadForm)
}

/// A post form's body: multipart from the page (it may carry files), or a plain
/// urlencoded form from scripts and older pages, which carries text only.
pub enum Body {
    Multipart(Multipart),
    Plain(Vec<(String, String)>),
}

impl FromRequest<AppState> for Body {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if multipart {
            return Multipart::from_request(req, state)
                .await
                .map(Body::Multipart)
                .map_err(|_| AppError::BadRequest("error-bad-form"));
        }
        // These routes lift the global body limit for files; plain forms keep it.
        let bytes = to_bytes(req.into_body(), FORM_LIMIT).await.map_err(|_| AppError::PayloadTooLarge)?;
        Ok(Body::Plain(url::form_urlencoded::parse(&bytes).into_owned().collect()))
    }
}

/// Read a post form. After a refused file the rest of the form is still read (later files
/// are skipped unread), so the page comes back with everything typed; only a body far
/// over the limits is cut short.
pub async fn read(config: &Config, tr: Tr, body: Body) -> PostForm {
    let mut form = PostForm::default();
    let mut mp = match body {
        Body::Multipart(mp) => mp,
        Body::Plain(fields) => {
            form.text = fields.into_iter().take(MAX_TEXT_FIELDS).collect();
            return form;
        }
    };
    let mut skip_budget = crate::media::form::skip_budget(config);
    loop {
        let mut field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                form.error.get_or_insert_with(|| tr.t("error-bad-form"));
                break;
            }
        };
        let name = field.name().unwrap_or("").to_string();
        if let Some(slot) = slot_of(&name) {
            if form.file_error.is_some() {
                // Nothing is stored after a refusal: read past this file unkept.
                if !crate::media::form::skip(&mut field, &mut skip_budget).await {
                    break;
                }
                continue;
            }
            let file_name = field.file_name().unwrap_or("").to_string();
            match crate::media::receive_from(config, &mut field, Accept::Any).await {
                Ok(Some(received)) => {
                    form.files.retain(|f| f.slot != slot);
                    form.files.push(Incoming { slot, name: file_name, received });
                }
                Ok(None) => {}
                Err(e) => {
                    let label = if file_name.is_empty() { tr.t1("attach-slot", "n", slot) } else { file_name };
                    let message = refusal(&e, tr, &label);
                    form.error.get_or_insert_with(|| message.clone());
                    form.file_error = Some((slot, message));
                    if !crate::media::form::skip(&mut field, &mut skip_budget).await {
                        break;
                    }
                }
            }
        } else if form.text.len() >= MAX_TEXT_FIELDS {
            form.error.get_or_insert_with(|| tr.t("error-bad-form"));
            break;
        } else {
            match read_text(field).await {
                Ok(t) => {
                    form.text.insert(name, t);
                }
                Err(e) => {
                    form.error.get_or_insert_with(|| e.message(&tr, ""));
                    break;
                }
            }
        }
    }
    if form.error.is_some() {
        form.discard().await;
    }
    form.files.sort_by_key(|f| f.slot);
    form
}

/// Why a file was refused, naming it; a wrong type lists what may be attached.
pub fn refusal(e: &UploadError, tr: Tr, label: &str) -> String {
    match e {
        UploadError::WrongType => tr.t1("attach-err-type", "field", label),
        other => other.message(&tr, label),
    }
}

/// Check the descriptions and how many files the post would carry (`keeping` already on it).
pub fn check(form: &PostForm, tr: Tr, keeping: usize) -> Result<(), String> {
    if keeping + form.files.len() > MAX_PER_POST {
        return Err(tr.t1("attach-err-count", "max", MAX_PER_POST));
    }
    for slot in 1..=MAX_PER_POST {
        if form.description(slot).chars().count() > MAX_DESCRIPTION {
            return Err(tr.t1("attach-err-description", "max", MAX_DESCRIPTION));
        }
    }
    if form.redescribed().iter().any(|(_, d)| d.chars().count() > MAX_DESCRIPTION) {
        return Err(tr.t1("attach-err-description", "max", MAX_DESCRIPTION));
    }
    Ok(())
}

/// A file in its final place, with what the author said about it.
pub struct Ready {
    pub stored: Stored,
    pub name: String,
    pub description: String,
}

/// Put the received files in place (pictures re-encoded); on a failure nothing is kept.
pub async fn store_all(config: &Config, tr: Tr, form: &mut PostForm) -> Result<Vec<Ready>, String> {
    let mut ready: Vec<Ready> = vec![];
    let files: Vec<Incoming> = form.files.drain(..).collect();
    let mut rest = files.into_iter();
    for f in rest.by_ref() {
        let description = form.description(f.slot);
        match crate::media::store_fitted(config, f.received).await {
            Ok(stored) => {
                let name = crate::media::clean_name(&f.name, stored.extension);
                ready.push(Ready { stored, name, description });
            }
            Err(e) => {
                for r in &ready {
                    r.stored.remove(config).await;
                }
                for left in rest {
                    crate::media::discard(left.received).await;
                }
                let label = if f.name.is_empty() { tr.t1("attach-slot", "n", f.slot) } else { f.name };
                return Err(e.message(&tr, &label));
            }
        }
    }
    Ok(ready)
}

/// Remove stored files again (the transaction that would have recorded them failed).
pub async fn unstore(config: &Config, ready: &[Ready]) {
    for r in ready {
        r.stored.remove(config).await;
    }
}

/// Record the files on a post, after the `existing` ones, in the caller's transaction.
pub async fn insert(
    db: &impl ConnectionTrait,
    post: &forum_post::Model,
    owner: i64,
    ready: &[Ready],
    existing: usize,
) -> Result<(), DbErr> {
    let now = now_ms();
    for (i, r) in ready.iter().enumerate() {
        let m = r.stored.insert(db, owner, Some(post.course_id), PURPOSE).await?;
        forum_attachment::ActiveModel {
            post_id: Set(post.id),
            course_id: Set(post.course_id),
            user_id: Set(owner),
            media_id: Set(m.id),
            kind: Set(r.stored.kind.as_str().to_string()),
            name: Set(r.name.clone()),
            size: Set(r.stored.size as i64),
            description: Set(r.description.clone()),
            position: Set((existing + i) as i32),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Change the descriptions of a post's attachments (ids of other posts are ignored).
pub async fn redescribe(db: &impl ConnectionTrait, post_id: i64, changes: &[(i64, String)]) -> Result<(), DbErr> {
    for (id, description) in changes {
        forum_attachment::Entity::update_many()
            .col_expr(forum_attachment::Column::Description, sea_orm::sea_query::Expr::value(description.clone()))
            .filter(forum_attachment::Column::Id.eq(*id))
            .filter(forum_attachment::Column::PostId.eq(post_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// A post's attachments, in order.
pub async fn of_post(db: &impl ConnectionTrait, post_id: i64) -> Result<Vec<forum_attachment::Model>, DbErr> {
    forum_attachment::Entity::find()
        .filter(forum_attachment::Column::PostId.eq(post_id))
        .order_by_asc(forum_attachment::Column::Position)
        .order_by_asc(forum_attachment::Column::Id)
        .all(db)
        .await
}

/// Delete some of a post's attachments (or all, with `None`) in the caller's transaction;
/// returns the storage keys, whose files the caller removes after committing.
pub async fn delete(db: &impl ConnectionTrait, post_id: i64, only: Option<&[i64]>) -> Result<Vec<String>, DbErr> {
    let mut q = forum_attachment::Entity::find().filter(forum_attachment::Column::PostId.eq(post_id));
    if let Some(ids) = only {
        q = q.filter(forum_attachment::Column::Id.is_in(ids.to_vec()));
    }
    let gone = q.all(db).await?;
    if gone.is_empty() {
        return Ok(vec![]);
    }
    let media_ids: Vec<i64> = gone.iter().map(|a| a.media_id).collect();
    let keys = media::Entity::find()
        .filter(media::Column::Id.is_in(media_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.storage_key)
        .collect();
    forum_attachment::Entity::delete_many()
        .filter(forum_attachment::Column::Id.is_in(gone.iter().map(|a| a.id).collect::<Vec<_>>()))
        .exec(db)
        .await?;
    media::Entity::delete_many().filter(media::Column::Id.is_in(media_ids)).exec(db).await?;
    Ok(keys)
}

/// What the thread page shows of one attachment.
pub struct AttachmentView {
    pub id: i64,
    pub kind: String,
    pub name: String,
    pub size: String,
    pub description: String,
    pub url: String,
    /// How long a recording plays ("1:05"), when known.
    pub length: Option<String>,
}

impl AttachmentView {
    pub fn is_image(&self) -> bool {
        self.kind == "image"
    }
    pub fn is_audio(&self) -> bool {
        self.kind == "audio"
    }
    pub fn is_video(&self) -> bool {
        self.kind == "video"
    }
}

/// Every attachment of the given posts in one query, by post (with a recording's length
/// from its media row).
pub async fn for_posts(
    db: &impl ConnectionTrait,
    post_ids: &[i64],
) -> Result<HashMap<i64, Vec<AttachmentView>>, DbErr> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
    let mut out: HashMap<i64, Vec<AttachmentView>> = HashMap::new();
    if post_ids.is_empty() {
        return Ok(out);
    }
    let a = Alias::new("a");
    let m = Alias::new("md");
    let q = Query::select()
        .columns(
            ["id", "post_id", "media_id", "kind", "name", "size", "description"].map(|c| (a.clone(), Alias::new(c))),
        )
        .expr_as(Expr::col((m.clone(), Alias::new("duration_ms"))), Alias::new("duration_ms"))
        .from_as(forum_attachment::Entity, a.clone())
        .join_as(
            JoinType::LeftJoin,
            media::Entity,
            m.clone(),
            Expr::col((m.clone(), Alias::new("id"))).equals((a.clone(), Alias::new("media_id"))),
        )
        .and_where(Expr::col((a.clone(), Alias::new("post_id"))).is_in(post_ids.to_vec()))
        .order_by((a.clone(), Alias::new("position")), Order::Asc)
        .order_by((a.clone(), Alias::new("id")), Order::Asc)
        .to_owned();
    for r in db.query_all(&q).await? {
        let media_id: i64 = r.try_get("", "media_id")?;
        let size: i64 = r.try_get("", "size")?;
        let duration: Option<i64> = r.try_get("", "duration_ms")?;
        out.entry(r.try_get("", "post_id")?).or_default().push(AttachmentView {
            id: r.try_get("", "id")?,
            url: format!("/media/{media_id}"),
            size: crate::media::human_size(size),
            kind: r.try_get("", "kind")?,
            name: r.try_get("", "name")?,
            description: r.try_get("", "description")?,
            length: duration.map(crate::media::webm::clock),
        });
    }
    Ok(out)
}

/// Whether someone may see an attachment: they must see the course's spaces, the post
/// must stand, and a hidden post's files are for its author and the teaching team.
pub async fn may_see(state: &AppState, actor: &Actor, viewer_id: i64, media_id: i64) -> AppResult<bool> {
    if !policy::allows(actor, Action::ViewSpaces) {
        return Ok(false);
    }
    let Some(a) =
        forum_attachment::Entity::find().filter(forum_attachment::Column::MediaId.eq(media_id)).one(&state.db).await?
    else {
        return Ok(false);
    };
    let Some(p) = forum_post::Entity::find_by_id(a.post_id).one(&state.db).await? else { return Ok(false) };
    if p.deleted_at.is_some() {
        return Ok(false);
    }
    if p.hidden_at.is_some() {
        return Ok(p.author_id == Some(viewer_id) || policy::allows(actor, Action::ModerateSpaces));
    }
    Ok(true)
}

/// The name a downloaded attachment is saved under.
pub async fn name_of(db: &impl ConnectionTrait, media_id: i64) -> Result<Option<String>, DbErr> {
    Ok(forum_attachment::Entity::find()
        .filter(forum_attachment::Column::MediaId.eq(media_id))
        .one(db)
        .await?
        .map(|a| a.name))
}

/// The help text beside the file fields, naming the limits.
pub fn hint(tr: Tr, config: &Config) -> String {
    let (max, image, audio, video, file) = (
        MAX_PER_POST.to_string(),
        config.max_image_mb.to_string(),
        config.max_audio_mb.to_string(),
        config.max_video_mb.to_string(),
        config.max_file_mb.to_string(),
    );
    crate::i18n::message(
        tr.0,
        "attach-hint",
        &[("max", &max), ("image", &image), ("audio", &audio), ("video", &video), ("file", &file)],
    )
}

//! The course's files area: nested folders the teaching team keeps, files anyone in the
//! course may download, and uploads by students when the tutor turns that on (students
//! then rename, move and delete only their own). The bytes are `media` rows with the
//! purpose [`PURPOSE`], recognised by their bytes and limited like every upload, and
//! served at `/media/{id}` to the course's members only.

pub mod tree;

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Set, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{course_file, file_folder, file_setting};
use crate::error::{AppError, AppResult};
use crate::media::{Accept, Received};
use crate::policy::Action;
use crate::time::now_ms;
use crate::web::paging::{Cursor, PageParams, Paged, Pager};
use crate::web::{CourseCtx, Page, render, with_notice};

/// The `media.purpose` of a file in a course's files area.
pub const PURPOSE: &str = "course_file";
/// Files one upload form may carry.
pub const MAX_PER_UPLOAD: usize = 10;

pub fn router() -> Router<AppState> {
    Router::new()
        // The upload form posts to its folder's own address, so a refused upload comes
        // back there (`/files/upload?folder=` stays for older pages).
        .route("/courses/{course_id}/files", get(top).post(upload_top).layer(DefaultBodyLimit::disable()))
        .route("/courses/{course_id}/files/folders", post(create_folder))
        .route(
            "/courses/{course_id}/files/folders/{folder_id}",
            get(folder_page).post(upload_here).layer(DefaultBodyLimit::disable()),
        )
        .route("/courses/{course_id}/files/folders/{folder_id}/rename", post(rename_folder))
        .route("/courses/{course_id}/files/folders/{folder_id}/delete", post(delete_folder))
        .route("/courses/{course_id}/files/upload", post(upload).layer(DefaultBodyLimit::disable()))
        .route("/courses/{course_id}/files/settings", post(save_settings))
        .route("/courses/{course_id}/files/{file_id}/rename", post(rename_file))
        .route("/courses/{course_id}/files/{file_id}/move", post(move_file))
        .route("/courses/{course_id}/files/{file_id}/delete", post(delete_file))
}

/// The name a downloaded file is saved under.
pub async fn name_of(db: &impl ConnectionTrait, media_id: i64) -> Result<Option<String>, DbErr> {
    Ok(course_file::Entity::find().filter(course_file::Column::MediaId.eq(media_id)).one(db).await?.map(|f| f.name))
}

/// Whether students may upload in this course (off until the tutor turns it on).
pub async fn students_upload(db: &impl ConnectionTrait, course_id: i64) -> Result<bool, DbErr> {
    Ok(file_setting::Entity::find_by_id(course_id).one(db).await?.is_some_and(|s| s.students_upload))
}

fn me(c: &CourseCtx) -> i64 {
    c.ctx.user.as_ref().map(|u| u.id).unwrap_or(0)
}

/// Who may do what here, from the policy and the course's setting.
struct Powers {
    manage: bool,
    upload: bool,
}

impl Powers {
    async fn of(state: &AppState, c: &CourseCtx) -> AppResult<Powers> {
        let manage = c.may(Action::ManageFiles);
        let upload = manage || (c.may(Action::ShareFiles) && students_upload(&state.db, c.course.id).await?);
        Ok(Powers { manage, upload })
    }

    /// The teaching team changes any file; a student only their own, while uploads are on.
    fn may_change(&self, file: &course_file::Model, me: i64) -> bool {
        self.manage || (self.upload && file.user_id == me)
    }
}

async fn folders_of(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<file_folder::Model>, DbErr> {
    file_folder::Entity::find()
        .filter(file_folder::Column::CourseId.eq(course_id))
        .order_by_asc(file_folder::Column::Name)
        .order_by_asc(file_folder::Column::Id)
        .all(db)
        .await
}

async fn folder_in(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<file_folder::Model> {
    file_folder::Entity::find_by_id(id)
        .filter(file_folder::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn file_in(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<course_file::Model> {
    course_file::Entity::find_by_id(id)
        .filter(course_file::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)
}

fn folder_link(course_id: i64, folder: Option<i64>) -> String {
    match folder {
        Some(id) => format!("/courses/{course_id}/files/folders/{id}"),
        None => format!("/courses/{course_id}/files"),
    }
}

// ---------------------------------------------------------------------------------
// The listing.

pub struct FolderRow {
    pub id: i64,
    pub name: String,
}

pub struct FileRow {
    pub id: i64,
    pub url: String,
    pub name: String,
    pub size: String,
    pub uploader: String,
    pub when: String,
    pub may_change: bool,
    /// Feedback on this file, for its uploader (released) and the teaching team.
    pub feedback: Vec<crate::feedback::views::OnItemView>,
}

pub struct Destination {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "files/folder.html")]
struct FolderPage {
    page: Page,
    course_id: i64,
    course_title: String,
    folder: Option<FolderRow>,
    trail: Vec<FolderRow>,
    subfolders: Vec<FolderRow>,
    files: Vec<FileRow>,
    pager: Pager,
    destinations: Vec<Destination>,
    may_manage: bool,
    may_upload: bool,
    students_upload: bool,
    upload_hint: String,
    error: Option<String>,
    /// Why an upload was refused, shown next to the file field.
    upload_error: Option<String>,
}

impl FolderPage {
    fn here(&self) -> String {
        self.folder.as_ref().map(|f| f.id.to_string()).unwrap_or_default()
    }
}

/// Files a folder's page lists at a time.
pub const PAGE_SIZE: u64 = 50;

async fn view(
    state: &AppState,
    c: &CourseCtx,
    folder: Option<i64>,
    p: &PageParams,
    error: Option<String>,
) -> AppResult<FolderPage> {
    c.require(Action::ViewFiles)?;
    let db = &state.db;
    let tr = c.ctx.tr();
    let powers = Powers::of(state, c).await?;
    let folders = folders_of(db, c.course.id).await?;
    let nodes: Vec<tree::Node> =
        folders.iter().map(|f| tree::Node { id: f.id, parent: f.parent_id, name: f.name.clone() }).collect();
    // The folder's files by name, a page at a time.
    let size = p.size(PAGE_SIZE);
    let (dir, from) = p.cursor();
    let order = dir.order(Order::Asc);
    let mut q = course_file::Entity::find().filter(course_file::Column::CourseId.eq(c.course.id));
    q = match folder {
        Some(id) => q.filter(course_file::Column::FolderId.eq(id)),
        None => q.filter(course_file::Column::FolderId.is_null()),
    };
    if let Some(cur) = &from {
        q = q.filter(cur.condition(course_file::Column::Name, course_file::Column::Id, order.clone()));
    }
    let files = q
        .order_by(course_file::Column::Name, order.clone())
        .order_by(course_file::Column::Id, order)
        .limit(size + 1)
        .all(db)
        .await?;
    let paged = Paged::build(files, size, dir, from.as_ref(), folder_link(c.course.id, folder), |f| {
        Cursor::text(f.name.clone(), f.id)
    });
    let files = paged.items;
    let uploader_ids: Vec<i64> = files.iter().map(|f| f.user_id).collect();
    let people = crate::people::cards(db, c.course.id, crate::people::Seer::of(c), &uploader_ids).await?;
    let page = match folder.and_then(|id| nodes.iter().find(|n| n.id == id)) {
        Some(n) => Page::titled(&c.ctx, n.name.clone()),
        None => Page::new(&c.ctx, "files-title"),
    };
    let me = me(c);
    // Feedback on the files shown: one statement bound to the reader (their own,
    // released; all of it for the teaching team).
    let mut feedback_on: std::collections::HashMap<i64, Vec<crate::feedback::views::OnItemView>> =
        std::collections::HashMap::new();
    if c.may(Action::ViewFeedback) {
        let ids: Vec<i64> = files.iter().map(|f| f.id).collect();
        let staff = c.may(Action::GiveFeedback);
        for f in crate::feedback::queries::on_items(db, c.course.id, "file", &ids, me, staff).await? {
            let (file, view) = crate::feedback::views::OnItemView::of(f, &tr);
            feedback_on.entry(file).or_default().push(view);
        }
    }
    let rows = files
        .iter()
        .map(|f| FileRow {
            id: f.id,
            url: format!("/media/{}", f.media_id),
            name: f.name.clone(),
            size: crate::media::human_size(f.size),
            uploader: people.get(&f.user_id).map(|u| u.name.clone()).unwrap_or_else(|| tr.t("forum-former-member")),
            when: page.when(&f.updated_at),
            may_change: powers.may_change(f, me),
            feedback: feedback_on.remove(&f.id).unwrap_or_default(),
        })
        .collect();
    let mut destinations = vec![Destination { id: String::new(), label: tr.t("files-top") }];
    destinations.extend(
        tree::all_paths(&nodes)
            .into_iter()
            .map(|(id, path)| Destination { id: id.to_string(), label: path.join(" / ") }),
    );
    Ok(FolderPage {
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        folder: folder
            .and_then(|id| nodes.iter().find(|n| n.id == id))
            .map(|n| FolderRow { id: n.id, name: n.name.clone() }),
        trail: folder
            .map(|id| tree::trail(&nodes, id))
            .unwrap_or_default()
            .into_iter()
            .map(|(id, name)| FolderRow { id, name })
            .collect(),
        subfolders: nodes
            .iter()
            .filter(|n| n.parent == folder)
            .map(|n| FolderRow { id: n.id, name: n.name.clone() })
            .collect(),
        files: rows,
        pager: paged.pager,
        destinations,
        may_manage: powers.manage,
        may_upload: powers.upload,
        students_upload: students_upload(db, c.course.id).await?,
        upload_hint: upload_hint(c, state),
        error,
        upload_error: None,
        page,
    })
}

fn upload_hint(c: &CourseCtx, state: &AppState) -> String {
    let cfg = &state.config;
    let (max, image, audio, video, file) = (
        MAX_PER_UPLOAD.to_string(),
        cfg.max_image_mb.to_string(),
        cfg.max_audio_mb.to_string(),
        cfg.max_video_mb.to_string(),
        cfg.max_file_mb.to_string(),
    );
    crate::i18n::message(
        c.ctx.tr().0,
        "files-upload-hint",
        &[("max", &max), ("image", &image), ("audio", &audio), ("video", &video), ("file", &file)],
    )
}

async fn top(State(state): State<AppState>, c: CourseCtx, Query(p): Query<PageParams>) -> AppResult<Response> {
    render(&view(&state, &c, None, &p, None).await?)
}

async fn folder_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, folder_id)): Path<(i64, i64)>,
    Query(p): Query<PageParams>,
) -> AppResult<Response> {
    c.require(Action::ViewFiles)?;
    let f = folder_in(&state, &c, folder_id).await?;
    render(&view(&state, &c, Some(f.id), &p, None).await?)
}

async fn refuse(state: &AppState, c: &CourseCtx, folder: Option<i64>, msg: String) -> AppResult<Response> {
    let mut res = render(&view(state, c, folder, &PageParams::default(), Some(msg)).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

// ---------------------------------------------------------------------------------
// Folders.

#[derive(Deserialize)]
struct FolderForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent_id: String,
}

/// An optional folder id from a form: empty means the top.
fn folder_field(raw: &str) -> AppResult<Option<i64>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|_| AppError::BadRequest("error-bad-form"))
}

async fn name_taken(
    db: &impl ConnectionTrait,
    course_id: i64,
    parent: Option<i64>,
    name: &str,
    not: i64,
) -> AppResult<bool> {
    let siblings = file_folder::Entity::find()
        .filter(file_folder::Column::CourseId.eq(course_id))
        .filter(match parent {
            Some(p) => file_folder::Column::ParentId.eq(p),
            None => file_folder::Column::ParentId.is_null(),
        })
        .all(db)
        .await?;
    Ok(siblings.iter().any(|f| f.id != not && f.name.to_lowercase() == name.to_lowercase()))
}

async fn create_folder(State(state): State<AppState>, c: CourseCtx, Form(f): Form<FolderForm>) -> AppResult<Response> {
    c.require(Action::ManageFiles)?;
    let parent = folder_field(&f.parent_id)?;
    if let Some(p) = parent {
        folder_in(&state, &c, p).await?;
    }
    let tr = c.ctx.tr();
    let name = match tree::folder_name(&f.name) {
        Ok(n) => n,
        Err(id) => return refuse(&state, &c, parent, tr.t(id)).await,
    };
    let txn = state.db.begin().await?;
    if name_taken(&txn, c.course.id, parent, &name, 0).await? {
        return refuse(&state, &c, parent, tr.t("files-err-folder-exists")).await;
    }
    let made = file_folder::ActiveModel {
        course_id: Set(c.course.id),
        parent_id: Set(parent),
        name: Set(name),
        created_by: Set(Some(me(&c))),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(with_notice("notice-files-folder-made", Redirect::to(&folder_link(c.course.id, Some(made.id))), c.ctx.secure))
}

#[derive(Deserialize)]
struct NameForm {
    #[serde(default)]
    name: String,
}

async fn rename_folder(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, folder_id)): Path<(i64, i64)>,
    Form(f): Form<NameForm>,
) -> AppResult<Response> {
    c.require(Action::ManageFiles)?;
    let folder = folder_in(&state, &c, folder_id).await?;
    let tr = c.ctx.tr();
    let name = match tree::folder_name(&f.name) {
        Ok(n) => n,
        Err(id) => return refuse(&state, &c, Some(folder.id), tr.t(id)).await,
    };
    if name_taken(&state.db, c.course.id, folder.parent_id, &name, folder.id).await? {
        return refuse(&state, &c, Some(folder.id), tr.t("files-err-folder-exists")).await;
    }
    let id = folder.id;
    let mut a: file_folder::ActiveModel = folder.into();
    a.name = Set(name);
    a.update(&state.db).await?;
    Ok(with_notice("notice-saved", Redirect::to(&folder_link(c.course.id, Some(id))), c.ctx.secure))
}

/// Only an empty folder goes, so nobody loses files by deleting a folder.
async fn delete_folder(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, folder_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ManageFiles)?;
    let folder = folder_in(&state, &c, folder_id).await?;
    let txn = state.db.begin().await?;
    let has_files =
        course_file::Entity::find().filter(course_file::Column::FolderId.eq(folder.id)).one(&txn).await?.is_some();
    let has_folders =
        file_folder::Entity::find().filter(file_folder::Column::ParentId.eq(folder.id)).one(&txn).await?.is_some();
    if has_files || has_folders {
        drop(txn);
        return refuse(&state, &c, Some(folder.id), c.ctx.tr().t("files-err-folder-not-empty")).await;
    }
    file_folder::Entity::delete_by_id(folder.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(with_notice(
        "notice-files-folder-deleted",
        Redirect::to(&folder_link(c.course.id, folder.parent_id)),
        c.ctx.secure,
    ))
}

// ---------------------------------------------------------------------------------
// Files.

#[derive(Deserialize, Default)]
struct UploadQuery {
    #[serde(default)]
    folder: String,
}

async fn upload(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(q): Query<UploadQuery>,
    mp: Multipart,
) -> AppResult<Response> {
    let folder = folder_field(&q.folder)?;
    upload_into(&state, &c, folder, mp).await
}

async fn upload_top(State(state): State<AppState>, c: CourseCtx, mp: Multipart) -> AppResult<Response> {
    upload_into(&state, &c, None, mp).await
}

async fn upload_here(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, folder_id)): Path<(i64, i64)>,
    mp: Multipart,
) -> AppResult<Response> {
    upload_into(&state, &c, Some(folder_id), mp).await
}

/// The folder's page again with an upload's refusal next to the file field.
async fn refuse_upload(state: &AppState, c: &CourseCtx, folder: Option<i64>, msg: String) -> AppResult<Response> {
    let mut page = view(state, c, folder, &PageParams::default(), None).await?;
    page.upload_error = Some(msg);
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

async fn upload_into(state: &AppState, c: &CourseCtx, folder: Option<i64>, mut mp: Multipart) -> AppResult<Response> {
    c.require(Action::ViewFiles)?;
    if !Powers::of(state, c).await?.upload {
        return Err(AppError::Forbidden);
    }
    if let Some(id) = folder {
        folder_in(state, c, id).await?;
    }
    let tr = c.ctx.tr();
    let mut received: Vec<(String, Received)> = vec![];
    let mut error = None;
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                error = Some(tr.t("error-bad-form"));
                break;
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        if received.len() >= MAX_PER_UPLOAD {
            error = Some(tr.t1("files-err-count", "max", MAX_PER_UPLOAD));
            break;
        }
        let name = field.file_name().unwrap_or("").to_string();
        match crate::media::receive(&state.config, field, Accept::Any).await {
            Ok(Some(r)) => received.push((name, r)),
            Ok(None) => {}
            Err(e) => {
                let label = if name.is_empty() { tr.t("files-file") } else { name };
                error = Some(crate::forum::attachments::refusal(&e, tr, &label));
                break;
            }
        }
    }
    if error.is_none() && received.is_empty() {
        error = Some(tr.t("files-err-none"));
    }
    if let Some(msg) = error {
        for (_, r) in received {
            crate::media::discard(r).await;
        }
        return refuse_upload(state, c, folder, msg).await;
    }
    let mut stored = vec![];
    let mut rest = received.into_iter();
    for (name, r) in rest.by_ref() {
        match crate::media::store_fitted(&state.config, r).await {
            Ok(s) => {
                let clean = crate::media::clean_name(&name, s.extension);
                stored.push((clean, s));
            }
            Err(e) => {
                for (_, s) in &stored {
                    s.remove(&state.config).await;
                }
                for (_, left) in rest {
                    crate::media::discard(left).await;
                }
                let label = if name.is_empty() { tr.t("files-file") } else { name };
                return refuse_upload(state, c, folder, crate::forum::attachments::refusal(&e, tr, &label)).await;
            }
        }
    }
    let me = me(c);
    let written: Result<(), DbErr> = async {
        let txn = state.db.begin().await?;
        let now = now_ms();
        for (name, s) in &stored {
            let m = s.insert(&txn, me, Some(c.course.id), PURPOSE).await?;
            course_file::ActiveModel {
                course_id: Set(c.course.id),
                folder_id: Set(folder),
                user_id: Set(me),
                media_id: Set(m.id),
                kind: Set(s.kind.as_str().to_string()),
                name: Set(name.clone()),
                size: Set(s.size as i64),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        txn.commit().await
    }
    .await;
    if let Err(e) = written {
        for (_, s) in &stored {
            s.remove(&state.config).await;
        }
        return Err(e.into());
    }
    Ok(with_notice("notice-files-uploaded", Redirect::to(&folder_link(c.course.id, folder)), c.ctx.secure))
}

/// A file the asker may change, or why not.
async fn changeable(state: &AppState, c: &CourseCtx, file_id: i64) -> AppResult<course_file::Model> {
    c.require(Action::ViewFiles)?;
    let f = file_in(state, c, file_id).await?;
    if !Powers::of(state, c).await?.may_change(&f, me(c)) {
        return Err(AppError::Forbidden);
    }
    Ok(f)
}

async fn rename_file(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, file_id)): Path<(i64, i64)>,
    Form(form): Form<NameForm>,
) -> AppResult<Response> {
    let f = changeable(&state, &c, file_id).await?;
    let folder = f.folder_id;
    let raw = form.name.trim();
    if raw.is_empty() || raw.chars().count() > 120 {
        return refuse(&state, &c, folder, c.ctx.tr().t("files-err-name")).await;
    }
    // The extension stays the one that matches the bytes.
    let ext = f.name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_else(|| "bin".into());
    let name = crate::media::clean_name(raw, &ext);
    let mut a: course_file::ActiveModel = f.into();
    a.name = Set(name);
    a.updated_at = Set(now_ms());
    a.update(&state.db).await?;
    Ok(with_notice("notice-saved", Redirect::to(&folder_link(c.course.id, folder)), c.ctx.secure))
}

#[derive(Deserialize)]
struct MoveForm {
    #[serde(default)]
    folder_id: String,
}

async fn move_file(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, file_id)): Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    let f = changeable(&state, &c, file_id).await?;
    let to = folder_field(&form.folder_id)?;
    if let Some(id) = to {
        folder_in(&state, &c, id).await?;
    }
    let mut a: course_file::ActiveModel = f.into();
    a.folder_id = Set(to);
    a.update(&state.db).await?;
    Ok(with_notice("notice-files-moved", Redirect::to(&folder_link(c.course.id, to)), c.ctx.secure))
}

async fn delete_file(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, file_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let f = changeable(&state, &c, file_id).await?;
    let folder = f.folder_id;
    let txn = state.db.begin().await?;
    course_file::Entity::delete_by_id(f.id).exec(&txn).await?;
    let key = crate::media::delete_row(&txn, f.media_id).await?;
    txn.commit().await?;
    if let Some(k) = key {
        crate::media::remove_files(&state.config, &k).await;
    }
    Ok(with_notice("notice-files-deleted", Redirect::to(&folder_link(c.course.id, folder)), c.ctx.secure))
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    students_upload: Option<String>,
}

async fn save_settings(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    c.require(Action::ManageFiles)?;
    let on = f.students_upload.is_some_and(|v| v == "1" || v == "on");
    let txn = state.db.begin().await?;
    match file_setting::Entity::find_by_id(c.course.id).one(&txn).await? {
        Some(s) => {
            let mut a: file_setting::ActiveModel = s.into();
            a.students_upload = Set(on);
            a.update(&txn).await?;
        }
        None => {
            file_setting::ActiveModel { course_id: Set(c.course.id), students_upload: Set(on) }.insert(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(with_notice("notice-saved", Redirect::to(&folder_link(c.course.id, None)), c.ctx.secure))
}

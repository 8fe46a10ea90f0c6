//! Reading the spaces: the course's spaces (made lazily), unread markers, a page of a
//! space's threads, a window of a thread's posts and what it shows, the moderation
//! queue, and small lists for a course home newsfeed. Each is one statement, whatever
//! the size of the course; lists read only the columns their pages show.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Query, QueryStatementBuilder};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, DerivePartialModel, EntityTrait, Order,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};

use crate::db::entity::{
    forum_course_read, forum_post, forum_reaction, forum_read, forum_report, forum_space, forum_thread, membership,
    user,
};
use crate::web::paging::{Cursor, Dir};

/// The kinds of space. Stored by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Discussion,
    Qa,
    Social,
    Announcements,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Discussion, Kind::Qa, Kind::Social, Kind::Announcements];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Discussion => "discussion",
            Kind::Qa => "qa",
            Kind::Social => "social",
            Kind::Announcements => "announcements",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_id(self) -> &'static str {
        match self {
            Kind::Discussion => "forum-kind-discussion",
            Kind::Qa => "forum-kind-qa",
            Kind::Social => "forum-kind-social",
            Kind::Announcements => "forum-kind-announcements",
        }
    }
}

/// The spaces every course starts with: key, kind, Fluent ids of title and about.
pub const DEFAULTS: [(&str, Kind, &str, &str); 3] = [
    ("introductions", Kind::Discussion, "forum-default-introductions", "forum-default-introductions-about"),
    ("coffee", Kind::Social, "forum-default-coffee", "forum-default-coffee-about"),
    ("announcements", Kind::Announcements, "forum-default-announcements", "forum-default-announcements-about"),
];

/// Write the default spaces of a new course (in the caller's transaction).
pub async fn create_defaults(db: &impl ConnectionTrait, course_id: i64, tr: crate::i18n::Tr) -> Result<(), DbErr> {
    let now = crate::time::now_ms();
    for (i, (key, kind, title, about)) in DEFAULTS.iter().enumerate() {
        forum_space::ActiveModel {
            course_id: Set(course_id),
            kind: Set(kind.as_str().into()),
            title: Set(tr.t(title)),
            about: Set(tr.t(about)),
            position: Set(i as i32),
            archived: Set(false),
            default_key: Set(Some(key.to_string())),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The course's spaces in order, making the defaults for a course that predates them
/// (two first visitors at once: the unique key index stops the second, which then reads).
pub async fn spaces(
    db: &DatabaseConnection,
    course_id: i64,
    tr: crate::i18n::Tr,
) -> Result<Vec<forum_space::Model>, DbErr> {
    let list = ordered_spaces(db, course_id).await?;
    if list.iter().any(|s| s.default_key.is_some()) {
        return Ok(list);
    }
    let txn = db.begin().await?;
    match create_defaults(&txn, course_id, tr).await {
        Ok(()) => txn.commit().await?,
        Err(e) if crate::db::is_unique_violation(&e) => txn.rollback().await?,
        Err(e) => return Err(e),
    }
    ordered_spaces(db, course_id).await
}

async fn ordered_spaces(db: &impl ConnectionTrait, course_id: i64) -> Result<Vec<forum_space::Model>, DbErr> {
    forum_space::Entity::find()
        .filter(forum_space::Column::CourseId.eq(course_id))
        .order_by_asc(forum_space::Column::Position)
        .order_by_asc(forum_space::Column::Id)
        .all(db)
        .await
}

/// The post id up to which "mark all read" has read the course for this person.
pub async fn course_mark(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<i64, DbErr> {
    Ok(forum_course_read::Entity::find()
        .filter(forum_course_read::Column::CourseId.eq(course_id))
        .filter(forum_course_read::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|r| r.last_post_id)
        .unwrap_or(0))
}

/// Threads with posts the person has not read, per space of the course: a thread is
/// unread when its newest standing post is past both the person's mark in it and their
/// "mark all read" of the course (`mark`). One statement over the course's threads, not
/// its posts. Posting marks one's own post read, so one's own posts are never new.
pub async fn unread_by_space(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
    mark: i64,
) -> Result<HashMap<i64, i64>, DbErr> {
    let (t, r) = (forum_thread::Entity, forum_read::Entity);
    let q =
        Query::select()
            .column((t, forum_thread::Column::SpaceId))
            .expr_as(Func::count(Expr::col((t, forum_thread::Column::Id))), Alias::new("n"))
            .from(t)
            .join(
                JoinType::LeftJoin,
                r,
                Expr::col((r, forum_read::Column::ThreadId))
                    .equals((t, forum_thread::Column::Id))
                    .and(Expr::col((r, forum_read::Column::UserId)).eq(user_id)),
            )
            .and_where(Expr::col((t, forum_thread::Column::CourseId)).eq(course_id))
            .and_where(Expr::col((t, forum_thread::Column::LastPostId)).gt(mark))
            .and_where(Expr::col((r, forum_read::Column::LastPostId)).is_null().or(
                Expr::col((t, forum_thread::Column::LastPostId)).gt(Expr::col((r, forum_read::Column::LastPostId))),
            ))
            .group_by_col((t, forum_thread::Column::SpaceId))
            .to_owned();
    let mut out = HashMap::new();
    for row in db.query_all(&q).await? {
        out.insert(row.try_get::<i64>("", "space_id")?, row.try_get::<i64>("", "n")?);
    }
    Ok(out)
}

/// The person's marks in these threads (thread id → last post id read).
pub async fn marks(db: &impl ConnectionTrait, user_id: i64, thread_ids: &[i64]) -> Result<HashMap<i64, i64>, DbErr> {
    Ok(forum_read::Entity::find()
        .select_only()
        .column(forum_read::Column::ThreadId)
        .column(forum_read::Column::LastPostId)
        .filter(forum_read::Column::UserId.eq(user_id))
        .filter(forum_read::Column::ThreadId.is_in(thread_ids.to_vec()))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Per space: threads, unanswered questions. One statement.
pub async fn space_counts(db: &impl ConnectionTrait, course_id: i64) -> Result<HashMap<i64, (i64, i64)>, DbErr> {
    let rows: Vec<(i64, i64, i64)> = forum_thread::Entity::find()
        .select_only()
        .column(forum_thread::Column::SpaceId)
        .expr(Func::count(Expr::col(forum_thread::Column::Id)))
        .expr(Func::count(Expr::case(forum_thread::Column::AnswerPostId.is_null(), 1)))
        .filter(forum_thread::Column::CourseId.eq(course_id))
        .group_by(forum_thread::Column::SpaceId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(s, n, open)| (s, (n, open))).collect())
}

/// Names of people by id, for bylines: only ids and names are read (never password
/// hashes or anything else of the account).
pub async fn names(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, String>, DbErr> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Name)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The name of a member of the course; `None` for anyone else (search by author names
/// only the course's members, never any account on the site).
pub async fn member_name(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<Option<String>, DbErr> {
    let (m, u) = (membership::Entity, user::Entity);
    let q = Query::select()
        .column((u, user::Column::Name))
        .from(m)
        .join(JoinType::InnerJoin, u, Expr::col((u, user::Column::Id)).equals((m, membership::Column::UserId)))
        .and_where(Expr::col((m, membership::Column::CourseId)).eq(course_id))
        .and_where(Expr::col((m, membership::Column::UserId)).eq(user_id))
        .to_owned();
    match db.query_one(&q).await? {
        Some(r) => Ok(Some(r.try_get("", "name")?)),
        None => Ok(None),
    }
}

/// A page of a space's threads by last activity (then id), newest first, `size + 1`
/// rows from the cursor for `Paged::build`.
pub async fn thread_page(
    db: &impl ConnectionTrait,
    space_id: i64,
    unanswered_only: bool,
    dir: Dir,
    from: Option<&Cursor>,
    size: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let order = dir.order(Order::Desc);
    let mut q = forum_thread::Entity::find().filter(forum_thread::Column::SpaceId.eq(space_id));
    if unanswered_only {
        q = q.filter(forum_thread::Column::AnswerPostId.is_null());
    }
    if let Some(c) = from {
        q = q.filter(c.condition(forum_thread::Column::LastPostAt, forum_thread::Column::Id, order.clone()));
    }
    q.order_by(forum_thread::Column::LastPostAt, order.clone())
        .order_by(forum_thread::Column::Id, order)
        .limit(size + 1)
        .all(db)
        .await
}

/// The pinned threads of a space, most recently active first, for the top of its first page.
pub async fn pinned(
    db: &impl ConnectionTrait,
    space_id: i64,
    unanswered_only: bool,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let mut q = forum_thread::Entity::find()
        .filter(forum_thread::Column::SpaceId.eq(space_id))
        .filter(forum_thread::Column::Pinned.eq(true));
    if unanswered_only {
        q = q.filter(forum_thread::Column::AnswerPostId.is_null());
    }
    q.order_by_desc(forum_thread::Column::LastPostAt)
        .order_by_desc(forum_thread::Column::Id)
        .limit(super::rules::PINNED_SHOWN)
        .all(db)
        .await
}

/// What a thread page shows of a post: everything but its Markdown source and search
/// text, which only the edit form and the index need.
#[derive(Clone, Debug, DerivePartialModel)]
#[sea_orm(entity = "forum_post::Entity")]
pub struct PostRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub opening: bool,
    pub author_id: Option<i64>,
    pub body_html: String,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    pub deleted_at: Option<i64>,
    pub hidden_at: Option<i64>,
    pub hidden_reason: Option<String>,
}

/// The opening post of a thread.
pub async fn opening(db: &impl ConnectionTrait, thread_id: i64) -> Result<Option<PostRow>, DbErr> {
    forum_post::Entity::find()
        .filter(forum_post::Column::ThreadId.eq(thread_id))
        .filter(forum_post::Column::Opening.eq(true))
        .order_by_asc(forum_post::Column::Id)
        .into_partial_model::<PostRow>()
        .one(db)
        .await
}

/// A window of a thread's replies in id order from the cursor, `size + 1` rows.
pub async fn window(
    db: &impl ConnectionTrait,
    thread_id: i64,
    dir: Dir,
    from: Option<&Cursor>,
    size: u64,
) -> Result<Vec<PostRow>, DbErr> {
    let order = dir.order(Order::Asc);
    let mut q = forum_post::Entity::find()
        .filter(forum_post::Column::ThreadId.eq(thread_id))
        .filter(forum_post::Column::Opening.eq(false));
    if let Some(c) = from {
        q = q.filter(c.condition(forum_post::Column::Id, forum_post::Column::Id, order.clone()));
    }
    q.order_by(forum_post::Column::Id, order).limit(size + 1).into_partial_model::<PostRow>().all(db).await
}

/// Where a reader stands in a thread: the first reply (to know whether a window is the
/// first) and the first post by someone else past their mark. Two index seeks, whatever
/// the length of the thread.
pub async fn first_reply_and_unread(
    db: &impl ConnectionTrait,
    thread_id: i64,
    user_id: i64,
    mark: i64,
) -> Result<(Option<i64>, Option<i64>), DbErr> {
    let first = |q: sea_orm::Select<forum_post::Entity>| {
        q.filter(forum_post::Column::ThreadId.eq(thread_id))
            .select_only()
            .column(forum_post::Column::Id)
            .order_by_asc(forum_post::Column::Id)
            .into_tuple::<i64>()
    };
    let reply = first(forum_post::Entity::find().filter(forum_post::Column::Opening.eq(false)));
    let unread = first(
        forum_post::Entity::find().filter(forum_post::Column::Id.gt(mark)).filter(
            sea_orm::Condition::any()
                .add(forum_post::Column::AuthorId.is_null())
                .add(forum_post::Column::AuthorId.ne(user_id)),
        ),
    );
    let (reply, unread) = futures::join!(reply.one(db), unread.one(db));
    Ok((reply?, unread?))
}

/// The reactions on these posts with the reactors' names, in the order given. One
/// statement: the names come with the reactions, not by a lookup per reactor.
pub async fn reactions(
    db: &impl ConnectionTrait,
    post_ids: &[i64],
) -> Result<HashMap<i64, Vec<(i64, String, String)>>, DbErr> {
    let (r, u) = (forum_reaction::Entity, user::Entity);
    let q = Query::select()
        .column((r, forum_reaction::Column::PostId))
        .column((r, forum_reaction::Column::UserId))
        .column((r, forum_reaction::Column::Emoji))
        .column((u, user::Column::Name))
        .from(r)
        .join(JoinType::InnerJoin, u, Expr::col((u, user::Column::Id)).equals((r, forum_reaction::Column::UserId)))
        .and_where(Expr::col((r, forum_reaction::Column::PostId)).is_in(post_ids.to_vec()))
        .order_by((r, forum_reaction::Column::Id), Order::Asc)
        .to_owned();
    let mut out: HashMap<i64, Vec<(i64, String, String)>> = HashMap::new();
    for row in db.query_all(&q).await? {
        out.entry(row.try_get("", "post_id")?).or_default().push((
            row.try_get("", "user_id")?,
            row.try_get("", "emoji")?,
            row.try_get("", "name")?,
        ));
    }
    Ok(out)
}

/// One open report as the moderation queue shows it.
pub struct ReportRow {
    pub id: i64,
    pub post_id: i64,
    pub reporter_id: i64,
    pub reason: String,
    pub created_at: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub author_id: Option<i64>,
    pub hidden: bool,
    /// The start of the post's source, to cut the excerpt from.
    pub excerpt: String,
}

/// A page of the course's open reports, oldest first, `size + 1` rows, with the post and
/// thread each is about. One statement.
pub async fn open_reports(
    db: &impl ConnectionTrait,
    course_id: i64,
    dir: Dir,
    from: Option<&Cursor>,
    size: u64,
) -> Result<Vec<ReportRow>, DbErr> {
    let (r, p, t) = (forum_report::Entity, forum_post::Entity, forum_thread::Entity);
    let order = dir.order(Order::Asc);
    let mut q = Query::select()
        .columns([
            (r, forum_report::Column::Id),
            (r, forum_report::Column::PostId),
            (r, forum_report::Column::ReporterId),
            (r, forum_report::Column::Reason),
            (r, forum_report::Column::CreatedAt),
        ])
        .column((p, forum_post::Column::ThreadId))
        .column((p, forum_post::Column::AuthorId))
        .column((p, forum_post::Column::HiddenAt))
        .expr_as(
            Func::cust("SUBSTR").arg(Expr::col((p, forum_post::Column::Body))).arg(1).arg(super::rules::EXCERPT_CHARS),
            Alias::new("excerpt"),
        )
        .expr_as(Expr::col((t, forum_thread::Column::Title)), Alias::new("thread_title"))
        .from(r)
        .join(JoinType::InnerJoin, p, Expr::col((p, forum_post::Column::Id)).equals((r, forum_report::Column::PostId)))
        .join(
            JoinType::InnerJoin,
            t,
            Expr::col((t, forum_thread::Column::Id)).equals((p, forum_post::Column::ThreadId)),
        )
        .and_where(Expr::col((r, forum_report::Column::CourseId)).eq(course_id))
        .and_where(Expr::col((r, forum_report::Column::Status)).eq("open"))
        .order_by((r, forum_report::Column::Id), order.clone())
        .limit(size + 1)
        .to_owned();
    if let Some(c) = from {
        q.cond_where(c.condition((r, forum_report::Column::Id), (r, forum_report::Column::Id), order));
    }
    let mut out = vec![];
    for row in db.query_all(&q).await? {
        out.push(ReportRow {
            id: row.try_get("", "id")?,
            post_id: row.try_get("", "post_id")?,
            reporter_id: row.try_get("", "reporter_id")?,
            reason: row.try_get("", "reason")?,
            created_at: row.try_get("", "created_at")?,
            thread_id: row.try_get("", "thread_id")?,
            thread_title: row.try_get("", "thread_title")?,
            author_id: row.try_get("", "author_id")?,
            hidden: row.try_get::<Option<i64>>("", "hidden_at")?.is_some(),
            excerpt: row.try_get("", "excerpt")?,
        });
    }
    Ok(out)
}

/// How many reports wait in the course's queue.
pub async fn open_report_count(db: &impl ConnectionTrait, course_id: i64) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    forum_report::Entity::find()
        .filter(forum_report::Column::CourseId.eq(course_id))
        .filter(forum_report::Column::Status.eq("open"))
        .count(db)
        .await
}

/// Keep a thread's `last_post_id` right after a post was written, deleted, hidden or
/// restored: the newest post that stands. In the caller's transaction, so the unread
/// markers never see a half-done change.
pub async fn refresh_last_post(db: &impl ConnectionTrait, thread_id: i64) -> Result<(), DbErr> {
    let newest = Query::select()
        .expr(Func::coalesce([Func::max(Expr::col(forum_post::Column::Id)).into(), Expr::val(0i64)]))
        .from(forum_post::Entity)
        .and_where(forum_post::Column::ThreadId.eq(thread_id))
        .and_where(forum_post::Column::DeletedAt.is_null())
        .and_where(forum_post::Column::HiddenAt.is_null())
        .to_owned();
    forum_thread::Entity::update_many()
        .col_expr(forum_thread::Column::LastPostId, Expr::SubQuery(None, Box::new(newest.into_sub_query_statement())))
        .filter(forum_thread::Column::Id.eq(thread_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Record that a person has read a thread up to `last_post_id` (never backwards).
pub async fn mark_read(
    db: &impl ConnectionTrait,
    thread_id: i64,
    user_id: i64,
    last_post_id: i64,
) -> Result<(), DbErr> {
    let existing = forum_read::Entity::find()
        .filter(forum_read::Column::ThreadId.eq(thread_id))
        .filter(forum_read::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(r) if r.last_post_id >= last_post_id => Ok(()),
        Some(r) => {
            forum_read::Entity::update_many()
                .col_expr(forum_read::Column::LastPostId, Expr::value(last_post_id))
                .filter(forum_read::Column::Id.eq(r.id))
                .filter(forum_read::Column::LastPostId.lt(last_post_id))
                .exec(db)
                .await?;
            Ok(())
        }
        None => {
            let r = forum_read::ActiveModel {
                thread_id: Set(thread_id),
                user_id: Set(user_id),
                last_post_id: Set(last_post_id),
                ..Default::default()
            }
            .insert(db)
            .await;
            match r {
                // Two tabs at once: the other one recorded it.
                Err(e) if crate::db::is_unique_violation(&e) => Ok(()),
                other => other.map(|_| ()),
            }
        }
    }
}

/// Mark everything in the course read up to its newest post.
pub async fn mark_course_read(db: &DatabaseConnection, course_id: i64, user_id: i64) -> Result<(), DbErr> {
    let newest = forum_post::Entity::find()
        .filter(forum_post::Column::CourseId.eq(course_id))
        .order_by_desc(forum_post::Column::Id)
        .one(db)
        .await?
        .map(|p| p.id)
        .unwrap_or(0);
    let existing = forum_course_read::Entity::find()
        .filter(forum_course_read::Column::CourseId.eq(course_id))
        .filter(forum_course_read::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(r) => {
            let mut a: forum_course_read::ActiveModel = r.into();
            a.last_post_id = Set(newest);
            a.update(db).await?;
        }
        None => {
            let r = forum_course_read::ActiveModel {
                course_id: Set(course_id),
                user_id: Set(user_id),
                last_post_id: Set(newest),
                ..Default::default()
            }
            .insert(db)
            .await;
            if let Err(e) = r
                && !crate::db::is_unique_violation(&e)
            {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// The newest threads of the course's open spaces, for a newsfeed.
pub async fn recent_threads(
    db: &impl ConnectionTrait,
    course_id: i64,
    limit: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let open = forum_space::Column::Archived.eq(false);
    newest_threads(db, course_id, open, forum_thread::Column::LastPostAt, limit).await
}

/// The newest announcements of the course, newest first.
pub async fn recent_announcements(
    db: &impl ConnectionTrait,
    course_id: i64,
    limit: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let announcements = forum_space::Column::Kind.eq(Kind::Announcements.as_str());
    newest_threads(db, course_id, announcements, forum_thread::Column::CreatedAt, limit).await
}

/// The course's threads in the spaces `which` picks, newest by `by` first: one query,
/// since both lists are read on every course home.
async fn newest_threads(
    db: &impl ConnectionTrait,
    course_id: i64,
    which: sea_orm::sea_query::SimpleExpr,
    by: forum_thread::Column,
    limit: u64,
) -> Result<Vec<forum_thread::Model>, DbErr> {
    let spaces = sea_orm::sea_query::Query::select()
        .column(forum_space::Column::Id)
        .from(forum_space::Entity)
        .and_where(forum_space::Column::CourseId.eq(course_id))
        .and_where(which)
        .to_owned();
    forum_thread::Entity::find()
        .filter(forum_thread::Column::SpaceId.in_subquery(spaces))
        .order_by_desc(by)
        .order_by_desc(forum_thread::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

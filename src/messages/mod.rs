//! Direct messages: private conversations between a few members of one course. Only the
//! participants read a conversation (the teaching team does not read students' messages).
//! A tutor can turn student-to-student messages off: students then still reach the
//! teaching team, and conversations among students only become read-only. Blocking is
//! per account: a blocked person's new messages do not reach me, and they cannot start a
//! conversation with me. Unblocking takes them back: the conversation shows whole again,
//! since the messages were held back from me rather than deleted.

pub mod compose;
pub mod recipients;
pub mod rules;

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Set, Statement, TransactionTrait,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::entity::{block, conversation, conversation_member, message, social_setting};
use crate::error::{AppError, AppResult};
use crate::notifications::{self, Kind};
use crate::people::{Card, Seer};
use crate::policy::{Action, Role};
use crate::time::now_ms;
use crate::web::paging::{Cursor, Dir, PageParams, Paged, Pager};
use crate::web::{CourseCtx, Page, render, with_notice};
use sea_orm::sea_query::ExprTrait;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/courses/{course_id}/messages", get(list).post(start))
        .route("/courses/{course_id}/messages/settings", post(save_settings))
        .route("/courses/{course_id}/messages/block", post(block_person))
        .route("/courses/{course_id}/messages/unblock", post(unblock_person))
        .route("/courses/{course_id}/messages/{conversation_id}", get(show).post(reply))
        .merge(compose::router())
}

/// The course's social settings, or the defaults when the tutor has changed none.
pub async fn settings(db: &impl ConnectionTrait, course_id: i64) -> Result<social_setting::Model, DbErr> {
    Ok(social_setting::Entity::find_by_id(course_id).one(db).await?.unwrap_or(social_setting::Model {
        course_id,
        student_messages: true,
        calendar_token: None,
    }))
}

/// Save settings, creating the row the first time.
pub async fn save_setting(db: &impl ConnectionTrait, s: social_setting::Model) -> Result<(), DbErr> {
    let exists = social_setting::Entity::find_by_id(s.course_id).one(db).await?.is_some();
    let a = social_setting::ActiveModel {
        course_id: Set(s.course_id),
        student_messages: Set(s.student_messages),
        calendar_token: Set(s.calendar_token),
    };
    if exists {
        a.update(db).await?;
    } else {
        a.insert(db).await?;
    }
    Ok(())
}

/// Unread messages per conversation of one person in one course: messages from others
/// after they last read, leaving out what people they blocked wrote since blocking.
pub async fn unread_counts(
    db: &impl ConnectionTrait,
    course_id: i64,
    user_id: i64,
) -> Result<HashMap<i64, i64>, DbErr> {
    let sql = "SELECT cm.conversation_id AS cid, COUNT(m.id) AS n FROM conversation_members cm \
         JOIN conversations c ON c.id = cm.conversation_id \
         JOIN messages m ON m.conversation_id = cm.conversation_id AND m.created_at > cm.last_read_at \
         LEFT JOIN blocks b ON b.user_id = cm.user_id AND b.blocked_id = m.user_id AND b.created_at <= m.created_at \
         WHERE cm.user_id = $1 AND c.course_id = $2 \
         AND (m.user_id IS NULL OR m.user_id <> $1) AND b.id IS NULL \
         GROUP BY cm.conversation_id";
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), sql, [user_id.into(), course_id.into()]);
    let mut out = HashMap::new();
    for r in db.query_all_raw(stmt).await? {
        out.insert(r.try_get::<i64>("", "cid")?, r.try_get::<i64>("", "n")?);
    }
    Ok(out)
}

/// Whether `user_id` blocked `other` (one indexed statement).
pub async fn has_blocked(db: &impl ConnectionTrait, user_id: i64, other: i64) -> Result<bool, DbErr> {
    Ok(block::Entity::find()
        .filter(block::Column::UserId.eq(user_id))
        .filter(block::Column::BlockedId.eq(other))
        .one(db)
        .await?
        .is_some())
}

/// The total of unread messages for one person in one course (for the course home).
pub async fn unread_total(db: &impl ConnectionTrait, course_id: i64, user_id: i64) -> Result<i64, DbErr> {
    Ok(unread_counts(db, course_id, user_id).await?.values().sum())
}

pub struct ConversationRow {
    pub id: i64,
    pub with: String,
    pub unread: i64,
    pub last: i64,
    pub read_only: bool,
}

pub struct PersonChoice {
    pub id: i64,
    pub name: String,
}

#[derive(Template)]
#[template(path = "messages/list.html")]
struct ListPage {
    page: Page,
    course_id: i64,
    course_title: String,
    conversations: Vec<ConversationRow>,
    pager: Pager,
    total_unread: i64,
    /// A page of the people I blocked, oldest block first, and the next page's start.
    blocked: Vec<PersonChoice>,
    blocked_more: Option<i64>,
    blocked_paged: bool,
    students_may: bool,
    students_off_for_me: bool,
    may_manage: bool,
}

/// The page's own parameters beside the paging ones (read as a second `Query`, since a
/// flattened struct would read numbers as text).
#[derive(Deserialize, Default)]
struct ListQuery {
    /// The unblock list reads on after this block.
    blocked_after: Option<i64>,
}

/// Participants of conversations, by conversation.
async fn participants(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>, DbErr> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for chunk in ids.chunks(400) {
        for p in conversation_member::Entity::find()
            .filter(conversation_member::Column::ConversationId.is_in(chunk.to_vec()))
            .order_by_asc(conversation_member::Column::Id)
            .all(db)
            .await?
        {
            out.entry(p.conversation_id).or_default().push(p.user_id);
        }
    }
    Ok(out)
}

/// People of these conversations by id, with their role if they are still members.
type People = HashMap<i64, Card>;

fn names(ids: &[i64], me: i64, people: &People, tr: &crate::i18n::Tr) -> String {
    let list: Vec<String> = ids
        .iter()
        .filter(|id| **id != me)
        .map(|id| {
            people
                .get(id)
                .filter(|p| p.role.is_some())
                .map(|p| p.name.clone())
                .unwrap_or_else(|| tr.t("messages-former-member"))
        })
        .collect();
    if list.is_empty() { tr.t("messages-just-you") } else { list.join(", ") }
}

fn roles_of(ids: &[i64], people: &People) -> Vec<Role> {
    ids.iter().filter_map(|id| people.get(id).and_then(|p| p.role)).collect()
}

/// A conversation list reads this many at a time, the latest first.
pub const CONVERSATIONS_PAGE: u64 = 30;
/// A conversation shows this many messages at a time, opening at the newest.
pub const MESSAGES_PAGE: u64 = 40;

async fn list_page(state: &AppState, c: &CourseCtx, p: &PageParams, lq: &ListQuery) -> AppResult<ListPage> {
    let me = c.user()?.id;
    let tr = c.ctx.tr();
    let db = &state.db;
    let s = settings(db, c.course.id).await?;
    let size = p.size(CONVERSATIONS_PAGE);
    let (dir, from) = p.cursor();
    let order = dir.order(Order::Desc);
    let mut q = conversation::Entity::find().filter(conversation::Column::CourseId.eq(c.course.id)).filter(
        conversation::Column::Id.in_subquery(
            sea_orm::sea_query::Query::select()
                .column(conversation_member::Column::ConversationId)
                .from(conversation_member::Entity)
                .and_where(conversation_member::Column::UserId.eq(me))
                .to_owned(),
        ),
    );
    if let Some(cur) = &from {
        q = q.filter(cur.condition(conversation::Column::LastMessageAt, conversation::Column::Id, order.clone()));
    }
    let mine = q
        .order_by(conversation::Column::LastMessageAt, order.clone())
        .order_by(conversation::Column::Id, order)
        .limit(size + 1)
        .all(db)
        .await?;
    let base = format!("/courses/{}/messages", c.course.id);
    let paged = Paged::build(mine, size, dir, from.as_ref(), base, |c| Cursor::int(c.last_message_at, c.id));
    let ids: Vec<i64> = paged.items.iter().map(|c| c.id).collect();
    let people = participants(db, &ids).await?;
    let all_ids: Vec<i64> = people.values().flatten().copied().collect();
    let (unread, cards) = futures::join!(
        unread_counts(db, c.course.id, me),
        crate::people::cards(db, c.course.id, Seer::of(c), &all_ids)
    );
    let (unread, cards) = (unread?, cards?);
    let conversations = paged
        .items
        .iter()
        .map(|conv| {
            let p = people.get(&conv.id).cloned().unwrap_or_default();
            ConversationRow {
                id: conv.id,
                with: names(&p, me, &cards, &tr),
                unread: unread.get(&conv.id).copied().unwrap_or(0),
                last: conv.last_message_at,
                read_only: !rules::writable(s.student_messages, &roles_of(&p, &cards)),
            }
        })
        .collect::<Vec<_>>();
    // A site admin who is not a member writes as if teaching (as in `start`).
    let my_role = c.role.unwrap_or(Role::Tutor);
    // New conversations start on the composer (a type-ahead, bounded); blocking starts
    // on a person (their profile or a conversation). Here only the unblock list, paged.
    let mut blocks_q = block::Entity::find().filter(block::Column::UserId.eq(me));
    if let Some(after) = lq.blocked_after {
        blocks_q = blocks_q.filter(block::Column::Id.gt(after));
    }
    let mut my_blocks: Vec<block::Model> =
        blocks_q.order_by_asc(block::Column::Id).limit(BLOCKED_PAGE + 1).all(db).await?;
    let blocked_more = (my_blocks.len() as u64 > BLOCKED_PAGE).then(|| my_blocks[BLOCKED_PAGE as usize - 1].id);
    my_blocks.truncate(BLOCKED_PAGE as usize);
    let names_of =
        crate::groups::queries::people(db, &my_blocks.iter().map(|b| b.blocked_id).collect::<Vec<_>>()).await?;
    let blocked = my_blocks
        .iter()
        .map(|b| PersonChoice {
            id: b.blocked_id,
            name: names_of.get(&b.blocked_id).map(|u| u.name.clone()).unwrap_or_default(),
        })
        .collect();
    Ok(ListPage {
        page: Page::new(&c.ctx, "messages-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        total_unread: unread.values().sum(),
        conversations,
        pager: paged.pager,
        blocked,
        blocked_more,
        blocked_paged: lq.blocked_after.is_some(),
        students_may: s.student_messages,
        students_off_for_me: !s.student_messages && !my_role.is_teaching(),
        may_manage: c.may(Action::ManageMessaging),
    })
}

/// The unblock list reads this many at a time.
pub const BLOCKED_PAGE: u64 = 30;

async fn list(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(p): Query<PageParams>,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    render(&list_page(&state, &c, &p, &q).await?)
}

pub(crate) fn conversation_link(course_id: i64, id: i64) -> String {
    format!("/courses/{course_id}/messages/{id}")
}

/// A conversation opened at one of its messages.
pub(crate) fn message_link(course_id: i64, id: i64, message_id: i64) -> String {
    format!("/courses/{course_id}/messages/{id}?message={message_id}#message-{message_id}")
}

#[derive(Deserialize, Default)]
struct ShowQuery {
    /// Open the page at this message (a notification's link).
    message: Option<i64>,
}

/// Start a conversation: the form sends `to` once per chosen person. This is the
/// composer's "Send" at the list's address (kept for forms and links made before the
/// composer); a refusal answers with the composer, each message next to its field.
async fn start(state: State<AppState>, c: CourseCtx, raw: Bytes) -> AppResult<Response> {
    compose::send_post(state, c, raw).await
}

/// Send a first message to `to` (the writer left out), continuing the conversation of
/// exactly these people if there is one. The inner error is the Fluent id of what is
/// wrong with the form (the body, or whom it goes to); nothing is written then.
pub(crate) async fn send_new(
    state: &AppState,
    c: &CourseCtx,
    to: &[i64],
    text: &str,
) -> AppResult<Result<i64, &'static str>> {
    let me = c.user()?.id;
    let to: Vec<i64> = to.to_vec();
    let body = match rules::body(text) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    let db = &state.db;
    // Only the memberships of the people named, whatever the class size.
    let members: HashMap<i64, crate::db::entity::membership::Model> = crate::db::entity::membership::Entity::find()
        .filter(crate::db::entity::membership::Column::CourseId.eq(c.course.id))
        .filter(crate::db::entity::membership::Column::UserId.is_in(to.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m))
        .collect();
    let s = settings(db, c.course.id).await?;
    let blocked_me: HashSet<i64> = block::Entity::find()
        .filter(block::Column::BlockedId.eq(me))
        .filter(block::Column::UserId.is_in(to.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.user_id)
        .collect();
    // Invited people have not joined yet: nobody reads for them.
    let others: Vec<(i64, Option<Role>)> = to
        .iter()
        .map(|id| {
            let m = members.get(id).filter(|m| m.state != crate::policy::MemberState::Invited.as_str());
            (*id, m.and_then(|m| Role::parse(&m.role)))
        })
        .collect();
    // A site admin who is not a member writes as if teaching.
    let my_role = c.role.unwrap_or(Role::Tutor);
    if let Err(e) = rules::check_new(my_role, &others, s.student_messages, &blocked_me) {
        return Ok(Err(e));
    }
    // The same people again continue their conversation rather than start a second one.
    let mut everyone: Vec<i64> = to.clone();
    everyone.push(me);
    everyone.sort_unstable();
    let existing = conversation_member::Entity::find()
        .filter(conversation_member::Column::UserId.eq(me))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.conversation_id)
        .collect::<Vec<_>>();
    let mut found = None;
    if !existing.is_empty() {
        let in_course: Vec<i64> = conversation::Entity::find()
            .filter(conversation::Column::Id.is_in(existing))
            .filter(conversation::Column::CourseId.eq(c.course.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        for (id, mut p) in participants(db, &in_course).await? {
            p.sort_unstable();
            if p == everyone {
                found = Some(id);
            }
        }
    }
    let now = now_ms();
    let txn = db.begin().await?;
    let conv_id = match found {
        Some(id) => id,
        None => {
            let conv = conversation::ActiveModel {
                course_id: Set(c.course.id),
                created_at: Set(now),
                last_message_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for id in &everyone {
                conversation_member::ActiveModel {
                    conversation_id: Set(conv.id),
                    user_id: Set(*id),
                    last_read_at: Set(0),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            conv.id
        }
    };
    post_message(&txn, c.course.id, conv_id, me, &body, &to, now).await?;
    txn.commit().await?;
    Ok(Ok(conv_id))
}

/// Write a message, move the conversation up, mark it read for its writer, and notify
/// the others unless they blocked the writer.
async fn post_message(
    txn: &impl ConnectionTrait,
    course_id: i64,
    conv_id: i64,
    me: i64,
    body: &str,
    others: &[i64],
    now: i64,
) -> Result<(), DbErr> {
    let written = message::ActiveModel {
        conversation_id: Set(conv_id),
        user_id: Set(Some(me)),
        body: Set(body.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    conversation::Entity::update_many()
        .col_expr(conversation::Column::LastMessageAt, sea_orm::sea_query::Expr::value(now))
        .filter(conversation::Column::Id.eq(conv_id))
        .exec(txn)
        .await?;
    conversation_member::Entity::update_many()
        .col_expr(conversation_member::Column::LastReadAt, sea_orm::sea_query::Expr::value(now))
        .filter(conversation_member::Column::ConversationId.eq(conv_id))
        .filter(conversation_member::Column::UserId.eq(me))
        .exec(txn)
        .await?;
    let blocking_me: HashSet<i64> = block::Entity::find()
        .filter(block::Column::BlockedId.eq(me))
        .filter(block::Column::UserId.is_in(others.to_vec()))
        .all(txn)
        .await?
        .into_iter()
        .map(|b| b.user_id)
        .collect();
    // A notice links to its message; grouped notices keep the first one's link, so the
    // reader opens the conversation at the first message they have not read.
    let link = message_link(course_id, conv_id, written.id);
    for id in others.iter().filter(|id| !blocking_me.contains(id)) {
        notifications::notify(
            txn,
            notifications::New {
                user_id: *id,
                course_id: Some(course_id),
                kind: Kind::Message,
                actor_id: Some(me),
                subject: body,
                link: &link,
            },
        )
        .await?;
    }
    Ok(())
}

pub struct MessageView {
    pub id: i64,
    pub author: String,
    pub mine: bool,
    pub html: String,
    pub at: i64,
}

#[derive(Template)]
#[template(path = "messages/show.html")]
struct ShowPage {
    page: Page,
    course_id: i64,
    course_title: String,
    id: i64,
    with: String,
    messages: Vec<MessageView>,
    /// Older (`prev`) and newer (`next`) messages.
    pager: Pager,
    read_only: bool,
    /// The other participants: id, name, whether I blocked them.
    others: Vec<(i64, String, bool)>,
    error: Option<String>,
    body: String,
}

/// A conversation of this course that the asker takes part in; anyone else gets a 404,
/// the teaching team and site admins included.
async fn my_conversation(state: &AppState, c: &CourseCtx, id: i64) -> AppResult<(conversation::Model, Vec<i64>)> {
    let conv = conversation::Entity::find_by_id(id)
        .filter(conversation::Column::CourseId.eq(c.course.id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = participants(&state.db, &[conv.id]).await?.remove(&conv.id).unwrap_or_default();
    if !people.contains(&c.user()?.id) {
        return Err(AppError::NotFound);
    }
    Ok((conv, people))
}

async fn show_page(
    state: &AppState,
    c: &CourseCtx,
    id: i64,
    p: &PageParams,
    at_message: Option<i64>,
    error: Option<String>,
    body: String,
) -> AppResult<ShowPage> {
    let me = c.user()?.id;
    let tr = c.ctx.tr();
    let (conv, people) = my_conversation(state, c, id).await?;
    let db = &state.db;
    // A window of messages in reading order (oldest first). Without a cursor the page
    // opens at the newest, read backwards from the end.
    let size = p.size(MESSAGES_PAGE);
    let (mut dir, mut from) = p.cursor();
    if from.is_none()
        && let Some(at) = at_message
        && let Some(m) =
            message::Entity::find_by_id(at).filter(message::Column::ConversationId.eq(conv.id)).one(db).await?
    {
        // Read forward from just before it, so that it opens the page.
        from = Some(Cursor::int(m.created_at, m.id - 1));
        dir = Dir::Forward;
    }
    let newest = from.is_none();
    if newest {
        dir = Dir::Backward;
    }
    let order = dir.order(Order::Asc);
    // What someone I blocked wrote after I blocked them does not reach me.
    let held_back = sea_orm::sea_query::Query::select()
        .expr(sea_orm::sea_query::Expr::val(1))
        .from(block::Entity)
        .and_where(block::Column::UserId.eq(me))
        .and_where(
            sea_orm::sea_query::Expr::col((block::Entity, block::Column::BlockedId))
                .equals((message::Entity, message::Column::UserId)),
        )
        .and_where(
            sea_orm::sea_query::Expr::col((block::Entity, block::Column::CreatedAt))
                .lte(sea_orm::sea_query::Expr::col((message::Entity, message::Column::CreatedAt))),
        )
        .to_owned();
    let mut q = message::Entity::find()
        .filter(message::Column::ConversationId.eq(conv.id))
        .filter(sea_orm::sea_query::Expr::exists(held_back).not());
    if let Some(cur) = &from {
        q = q.filter(cur.condition(message::Column::CreatedAt, message::Column::Id, order.clone()));
    }
    let list =
        q.order_by(message::Column::CreatedAt, order.clone()).order_by(message::Column::Id, order).limit(size + 1);
    let mine_blocks = block::Entity::find()
        .filter(block::Column::UserId.eq(me))
        .filter(block::Column::BlockedId.is_in(people.clone()))
        .all(db);
    let (list, s, mine_blocks, cards) = futures::join!(
        list.all(db),
        settings(db, c.course.id),
        mine_blocks,
        crate::people::cards(db, c.course.id, Seer::of(c), &people)
    );
    let (s, mine_blocks, cards) = (s?, mine_blocks?, cards?);
    let base = conversation_link(c.course.id, conv.id);
    let mut paged = Paged::build(list?, size, dir, from.as_ref(), base, |m| Cursor::int(m.created_at, m.id));
    if newest {
        // Nothing is newer than the newest.
        paged.pager.next = None;
    }
    let messages = paged
        .items
        .into_iter()
        .map(|m| MessageView {
            id: m.id,
            author: match m.user_id.and_then(|uid| cards.get(&uid)) {
                Some(p) => p.name.clone(),
                None => tr.t("messages-former-member"),
            },
            mine: m.user_id == Some(me),
            html: crate::markdown::to_html(&m.body),
            at: m.created_at,
        })
        .collect();
    conversation_member::Entity::update_many()
        .col_expr(conversation_member::Column::LastReadAt, sea_orm::sea_query::Expr::value(now_ms()))
        .filter(conversation_member::Column::ConversationId.eq(conv.id))
        .filter(conversation_member::Column::UserId.eq(me))
        .exec(db)
        .await?;
    let others = people
        .iter()
        .filter_map(|p| cards.get(p).filter(|card| *p != me && card.role.is_some()))
        .map(|card| (card.user_id, card.name.clone(), mine_blocks.iter().any(|b| b.blocked_id == card.user_id)))
        .collect();
    Ok(ShowPage {
        page: Page::new(&c.ctx, "messages-conversation"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        id: conv.id,
        with: names(&people, me, &cards, &tr),
        messages,
        pager: paged.pager,
        read_only: !rules::writable(s.student_messages, &roles_of(&people, &cards)),
        others,
        error,
        body,
    })
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Query(p): Query<PageParams>,
    Query(sq): Query<ShowQuery>,
) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    render(&show_page(&state, &c, id, &p, sq.message, None, String::new()).await?)
}

async fn show_again(state: &AppState, c: &CourseCtx, id: i64, error: &str, body: String) -> AppResult<Response> {
    let mut res =
        render(&show_page(state, c, id, &PageParams::default(), None, Some(c.ctx.tr().t(error)), body).await?)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

#[derive(Deserialize)]
struct BodyForm {
    #[serde(default)]
    body: String,
}

async fn reply(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, id)): Path<(i64, i64)>,
    Form(f): Form<BodyForm>,
) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Message).await?;
    let me = c.user()?.id;
    let (conv, people) = my_conversation(&state, &c, id).await?;
    let members = crate::people::cards(&state.db, c.course.id, Seer::of(&c), &people).await?;
    let s = settings(&state.db, c.course.id).await?;
    if !rules::writable(s.student_messages, &roles_of(&people, &members)) {
        return show_again(&state, &c, id, "messages-err-read-only", f.body).await;
    }
    let body = match rules::body(&f.body) {
        Ok(b) => b,
        Err(e) => return show_again(&state, &c, id, e, f.body).await,
    };
    let others: Vec<i64> =
        people.iter().copied().filter(|p| *p != me && members.get(p).is_some_and(|m| m.role.is_some())).collect();
    let txn = state.db.begin().await?;
    post_message(&txn, c.course.id, conv.id, me, &body, &others, now_ms()).await?;
    txn.commit().await?;
    Ok(with_notice("notice-message-sent", Redirect::to(&conversation_link(c.course.id, conv.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    student_messages: String,
}

async fn save_settings(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    c.require(Action::ManageMessaging)?;
    let mut s = settings(&state.db, c.course.id).await?;
    s.student_messages = match f.student_messages.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::BadRequest("messages-err-setting")),
    };
    save_setting(&state.db, s).await?;
    Ok(with_notice("notice-saved", Redirect::to(&format!("/courses/{}/messages", c.course.id)), c.ctx.secure))
}

#[derive(Deserialize)]
struct PersonForm {
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    back: String,
}

fn back_to(c: &CourseCtx, f: &PersonForm) -> String {
    let list = format!("/courses/{}/messages", c.course.id);
    let profiles = format!("/courses/{}/people", c.course.id);
    // Only back into this course's messages or profiles, never to an address someone typed.
    let within = |prefix: &str| {
        f.back.starts_with(&format!("{prefix}/"))
            && f.back.len() > prefix.len() + 1
            && f.back[prefix.len() + 1..].chars().all(|ch| ch.is_ascii_digit())
    };
    if within(&list) || within(&profiles) { f.back.clone() } else { list }
}

/// Block a member of this course (the block then holds in every course).
async fn block_person(State(state): State<AppState>, c: CourseCtx, Form(f): Form<PersonForm>) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    let me = c.user()?.id;
    let target: i64 = f.user_id.parse().map_err(|_| AppError::BadRequest("messages-err-person"))?;
    let member = crate::courses::queries::membership_of(&state.db, c.course.id, target).await?;
    if target == me || member.is_none() {
        return Err(AppError::BadRequest("messages-err-person"));
    }
    let inserted = block::ActiveModel {
        user_id: Set(me),
        blocked_id: Set(target),
        created_at: Set(now_ms()),
        ..Default::default()
    }
    .insert(&state.db)
    .await;
    match inserted {
        Ok(_) => {}
        // Blocked already: that is what they asked for.
        Err(e) if crate::db::is_unique_violation(&e) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(with_notice("notice-blocked", Redirect::to(&back_to(&c, &f)), c.ctx.secure))
}

async fn unblock_person(State(state): State<AppState>, c: CourseCtx, Form(f): Form<PersonForm>) -> AppResult<Response> {
    c.require(Action::UseMessages)?;
    let me = c.user()?.id;
    let target: i64 = f.user_id.parse().map_err(|_| AppError::BadRequest("messages-err-person"))?;
    block::Entity::delete_many()
        .filter(block::Column::UserId.eq(me))
        .filter(block::Column::BlockedId.eq(target))
        .exec(&state.db)
        .await?;
    Ok(with_notice("notice-unblocked", Redirect::to(&back_to(&c, &f)), c.ctx.secure))
}

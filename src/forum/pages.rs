//! The pages of the spaces: the list of spaces, a space's threads, a thread, a post's
//! edit form and history, the moderation queue and search. Each reads a fixed number of
//! statements whatever the size of the course: lists are keyset pages
//! (`web::paging`), and what a page's items need comes in one query per kind of thing.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::access::{may_reply, may_start, me, post_in, space_in, thread_in};
use super::queries::{self, Kind, PostRow};
use super::rules::{self, DEFAULT_STARTERS, EMOJIS, THREAD_WINDOW};
use super::views::*;
use super::{attachments, search, text};
use crate::app::AppState;
use crate::db::entity::{forum_post, forum_post_revision, forum_prompt, forum_space, forum_thread};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::notifications::Hearing;
use crate::notifications::rules::Target;
use crate::policy::Action;
use crate::web::paging::{Cursor, Dir, PageParams, Paged, base_href};
use crate::web::{CourseCtx, Page, render};

fn author_name(people: &HashMap<i64, String>, id: Option<i64>, tr: Tr) -> String {
    id.and_then(|id| people.get(&id)).cloned().unwrap_or_else(|| tr.t("forum-former-member"))
}

pub(super) async fn starters_of(db: &impl ConnectionTrait, course_id: i64, tr: Tr) -> AppResult<Vec<String>> {
    let custom = forum_prompt::Entity::find().filter(forum_prompt::Column::CourseId.eq(course_id)).one(db).await?;
    Ok(match custom {
        Some(p) => text::starters(&p.body),
        None => DEFAULT_STARTERS.iter().map(|id| tr.t(id)).collect(),
    })
}

// ---------------------------------------------------------------------------------
// The list of spaces: a handful, made by the teaching team, so not paged; the counts
// per space come in one statement each.

pub(super) async fn index(State(state): State<AppState>, c: CourseCtx) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let (db, tr, me) = (&state.db, c.ctx.tr(), me(&c));
    let may_moderate = c.may(Action::ModerateSpaces);
    let (list, counts, mark, starters, open_reports) = futures::join!(
        queries::spaces(db, c.course.id, tr),
        queries::space_counts(db, c.course.id),
        queries::course_mark(db, c.course.id, me),
        starters_of(db, c.course.id, tr),
        async { if may_moderate { queries::open_report_count(db, c.course.id).await } else { Ok(0) } },
    );
    let (list, counts) = (list?, counts?);
    let unread = queries::unread_by_space(db, c.course.id, me, mark?).await?;
    let may_manage = c.may(Action::ManageSpaces);
    let spaces = list
        .into_iter()
        .filter(|s| !s.archived || may_manage || counts.contains_key(&s.id))
        .map(|s| {
            let (threads, open) = counts.get(&s.id).copied().unwrap_or((0, 0));
            let is_qa = s.kind == Kind::Qa.as_str();
            SpaceRow {
                about_html: crate::markdown::to_html(&s.about),
                threads,
                unanswered: if is_qa { open } else { 0 },
                unread: unread.get(&s.id).copied().unwrap_or(0),
                space: s,
            }
        })
        .collect();
    render(&IndexPage {
        page: Page::new(&c.ctx, "forum-title"),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        spaces,
        may_manage,
        may_moderate,
        open_reports: open_reports?,
        kinds: Kind::ALL,
        starters: starters?.join("\n"),
    })
}

// ---------------------------------------------------------------------------------
// One space: a page of its threads by last activity.

pub(super) async fn space_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, space_id)): Path<(i64, i64)>,
    Query(q): Query<SpaceQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let s = space_in(&state, &c, space_id).await?;
    render(&space_view(&state, &c, s, q, None, Default::default()).await?)
}

pub(super) async fn space_view(
    state: &AppState,
    c: &CourseCtx,
    space: forum_space::Model,
    q: SpaceQuery,
    error: Option<String>,
    draft: (String, String),
) -> AppResult<SpacePage> {
    let (db, tr, me) = (&state.db, c.ctx.tr(), me(c));
    let unanswered_only = q.filter == "unanswered" && space.kind == Kind::Qa.as_str();
    let params = PageParams { after: q.after, before: q.before, size: None };
    let (dir, from) = params.cursor();
    let size = rules::THREADS_PAGE;
    let (rows, pinned, mark, hearing) = futures::join!(
        queries::thread_page(db, space.id, unanswered_only, dir, from.as_ref(), size),
        queries::pinned(db, space.id, unanswered_only),
        queries::course_mark(db, c.course.id, me),
        Hearing::load(db, c.course.id, me, Target::Space, space.id),
    );
    let base = base_href(
        &format!("/courses/{}/spaces/{}", c.course.id, space.id),
        &[("filter", if unanswered_only { "unanswered" } else { "" })],
    );
    let paged = Paged::build(rows?, size, dir, from.as_ref(), base, |t| Cursor::int(t.last_post_at, t.id));
    // Pinned threads head the first page only.
    let pinned = if from.is_none() { pinned? } else { vec![] };
    let ids: Vec<i64> = paged.items.iter().chain(&pinned).map(|t| t.id).collect();
    let authors: Vec<i64> = paged.items.iter().chain(&pinned).filter_map(|t| t.author_id).collect();
    let (marks, people) = futures::join!(queries::marks(db, me, &ids), queries::names(db, &authors));
    let (marks, people, mark) = (marks?, people?, mark?);
    let usual_answer = if space.kind == Kind::Qa.as_str() {
        crate::presence::response::usual_answer(db, &tr, c.course.id).await?
    } else {
        None
    };
    let page = Page::titled(&c.ctx, space.title.clone());
    let row = |t: forum_thread::Model| ThreadRow {
        author: author_name(&people, t.author_id, tr),
        unread: t.last_post_id > mark.max(marks.get(&t.id).copied().unwrap_or(0)),
        last: page.when(&t.last_post_at),
        thread: t,
    };
    let pinned = pinned.into_iter().map(row).collect();
    let Paged { items, pager } = paged;
    let threads = items.into_iter().map(row).collect();
    Ok(SpacePage {
        hearing: hearing?,
        usual_answer,
        about_html: crate::markdown::to_html(&space.about),
        is_qa: space.kind == Kind::Qa.as_str(),
        may_start: may_start(c, &space),
        may_manage: c.may(Action::ManageSpaces),
        page,
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        space,
        pinned,
        threads,
        pager,
        unanswered_only,
        error,
        body_error: None,
        draft_title: draft.0,
        draft_body: draft.1,
        attach_hint: attachments::hint(tr, &state.config),
        attach_slots: attachments::Slots::empty(attachments::MAX_PER_POST),
    })
}

// ---------------------------------------------------------------------------------
// A thread: the opening post and a window of about 30 replies.

pub(super) async fn thread_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, thread_id)): Path<(i64, i64)>,
    Query(q): Query<ThreadQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let (thread, space) = thread_in(&state, &c, thread_id).await?;
    let (page, read_to) = thread_view(&state, &c, thread, space, q, None, None).await?;
    let res = render(&page)?;
    if read_to > 0 {
        queries::mark_read(&state.db, thread_id, c.user()?.id, read_to).await?;
    }
    Ok(res)
}

/// A thread page, and how far it has shown the thread (for the reader's mark).
///
/// The page opens where the reader is: at `?post=` when a link points at a post, at the
/// cursor when paging, else at the first post by someone else past the reader's mark
/// (from the start when there is none). The opening post is always on top. Each window
/// is the next posts in the order they were written; `rules::arrange` lays them out.
pub(super) async fn thread_view(
    state: &AppState,
    c: &CourseCtx,
    thread: forum_thread::Model,
    space: forum_space::Model,
    q: ThreadQuery,
    error: Option<String>,
    draft: Option<String>,
) -> AppResult<(ThreadPage, i64)> {
    let (db, tr, me) = (&state.db, c.ctx.tr(), me(c));
    let this = [thread.id];
    let (read, course_mark, opening, starters, hearing) = futures::join!(
        queries::marks(db, me, &this),
        queries::course_mark(db, c.course.id, me),
        queries::opening(db, thread.id),
        starters_of(db, c.course.id, tr),
        Hearing::load(db, c.course.id, me, Target::Thread, thread.id),
    );
    let hearing = hearing?;
    let marker = course_mark?.max(read?.get(&thread.id).copied().unwrap_or(0));
    let (opening, starters) = (opening?, starters?);
    let (first_reply, first_unread) = queries::first_reply_and_unread(db, thread.id, me, marker).await?;
    let params = PageParams { after: q.after.clone(), before: q.before.clone(), size: None };
    let (dir, from) = match (params.cursor(), q.post, first_unread) {
        ((dir, Some(cur)), _, _) => (dir, Some(cur)),
        (_, Some(at), _) => (Dir::Forward, Some(Cursor::id(at - 1))),
        (_, None, Some(u)) if opening.as_ref().is_none_or(|o| o.id != u) => (Dir::Forward, Some(Cursor::id(u - 1))),
        _ => (Dir::Forward, None),
    };
    let rows = queries::window(db, thread.id, dir, from.as_ref(), THREAD_WINDOW).await?;
    let base = format!("/courses/{}/threads/{}", c.course.id, thread.id);
    let Paged { items, mut pager } = Paged::build(rows, THREAD_WINDOW, dir, from.as_ref(), base, |p| Cursor::id(p.id));
    // A window that starts with the first reply has nothing before it, however it was reached.
    if items.first().map(|p| p.id) == first_reply || items.is_empty() && dir == Dir::Forward && from.is_none() {
        pager.prev = None;
    }
    // The last page reads the thread to its end (`last_post_id` too: a post removed since
    // must not stay "new" forever).
    let read_to = match (&pager.next, items.last()) {
        (Some(_), Some(last)) => last.id,
        (_, last) => {
            let shown = last.map(|p| p.id).into_iter().chain(opening.as_ref().map(|o| o.id)).max().unwrap_or(0);
            shown.max(thread.last_post_id)
        }
    };
    let ids: Vec<i64> = opening.iter().chain(&items).map(|p| p.id).collect();
    let authors: Vec<i64> = opening.iter().chain(&items).filter_map(|p| p.author_id).collect();
    // Feedback on the posts shown: one statement bound to the reader, who sees only what
    // is for them (the teaching team sees all of it).
    let feedback = async {
        if c.may(Action::ViewFeedback) {
            let staff = c.may(Action::GiveFeedback);
            crate::feedback::queries::on_items(db, c.course.id, "post", &ids, me, staff).await
        } else {
            Ok(vec![])
        }
    };
    let (reactions, attached, people, feedback) = futures::join!(
        queries::reactions(db, &ids),
        attachments::for_posts(db, &ids),
        queries::names(db, &authors),
        feedback
    );
    let (mut reactions, mut attached, people) = (reactions?, attached?, people?);
    let mut feedback_on: HashMap<i64, Vec<crate::feedback::views::OnItemView>> = HashMap::new();
    for f in feedback? {
        let (post, view) = crate::feedback::views::OnItemView::of(f, &tr);
        feedback_on.entry(post).or_default().push(view);
    }

    let moderator = c.may(Action::ModerateSpaces);
    let is_qa = space.kind == Kind::Qa.as_str();
    let asker = thread.author_id == Some(me) && me != 0;
    let may_post = !space.archived && c.may(Action::PostInSpaces);
    let page = Page::titled(&c.ctx, thread.title.clone());
    let mut view = |p: PostRow| -> PostView {
        let mine = p.author_id == Some(me) && me != 0;
        let (hidden, deleted) = (p.hidden_at.is_some(), p.deleted_at.is_some());
        let show_body = !deleted && (!hidden || mine || moderator);
        let list = reactions.remove(&p.id).unwrap_or_default();
        PostView {
            id: p.id,
            author: author_name(&people, p.author_id, tr),
            author_id: p.author_id,
            html: if show_body { p.body_html } else { String::new() },
            deleted,
            hidden,
            show_body,
            hidden_reason: if hidden && (mine || moderator) { p.hidden_reason } else { None },
            when: page.when(&p.created_at),
            edited: p.edited_at.is_some() && !deleted,
            reactions: reaction_views(&list, me),
            is_answer: thread.answer_post_id == Some(p.id),
            unread: p.id > marker && !mine,
            mine,
            may_answer: is_qa && !p.opening && !deleted && (asker || moderator) && may_post,
            children: vec![],
            continues: None,
            attachments: if show_body { attached.remove(&p.id).unwrap_or_default() } else { vec![] },
            feedback: feedback_on.remove(&p.id).unwrap_or_default(),
        }
    };
    let opening = opening.map(&mut view);
    let replies: Vec<PostView> = rules::arrange(items, |p| p.id, |p| p.parent_id)
        .into_iter()
        .map(|e| PostView {
            continues: e.continues,
            children: e.children.into_iter().map(&mut view).collect(),
            ..view(e.post)
        })
        .collect();
    let all = || opening.iter().chain(&replies).chain(replies.iter().flat_map(|r| r.children.iter()));
    let reply_to = q.reply.filter(|r| all().any(|p| p.id == *r));
    let draft = draft.unwrap_or_else(|| match (reply_to, q.starter.and_then(|i| starters.get(i))) {
        (Some(rid), Some(s)) => {
            let name = all()
                .find(|p| p.id == rid)
                .filter(|p| p.author_id.is_some() && !p.mine)
                .map(|p| format!("@{} ", p.author))
                .unwrap_or_default();
            format!("{name}{s}")
        }
        _ => String::new(),
    });
    Ok((
        ThreadPage {
            hearing,
            page,
            course_id: c.course.id,
            course_title: c.course.title.clone(),
            may_reply: may_reply(c, &space, &thread),
            may_post,
            may_moderate: moderator,
            is_qa,
            space,
            thread,
            opening,
            replies,
            first_unread,
            pager,
            reply_to,
            draft,
            error,
            body_error: None,
            starters,
            attach_hint: attachments::hint(tr, &state.config),
            attach_slots: attachments::Slots::empty(attachments::MAX_PER_POST),
        },
        read_to,
    ))
}

/// The reaction buttons of a post from its reactions (user, emoji, name) in order.
fn reaction_views(list: &[(i64, String, String)], me: i64) -> Vec<ReactionView> {
    EMOJIS
        .iter()
        .map(|e| {
            let who: Vec<&(i64, String, String)> = list.iter().filter(|(_, x, _)| x == e).collect();
            ReactionView {
                emoji: e,
                count: who.len(),
                names: who.iter().map(|(_, _, n)| n.as_str()).collect::<Vec<_>>().join(", "),
                mine: who.iter().any(|(u, _, _)| *u == me),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// One post: the edit form and the history.

#[allow(clippy::too_many_arguments)]
pub(super) async fn edit_page(
    state: &AppState,
    c: &CourseCtx,
    p: &forum_post::Model,
    thread: forum_thread::Model,
    title: String,
    body: String,
    error: Option<String>,
) -> AppResult<EditPage> {
    let existing = attachments::for_posts(&state.db, &[p.id]).await?.remove(&p.id).unwrap_or_default();
    let free = attachments::MAX_PER_POST.saturating_sub(existing.len());
    Ok(EditPage {
        page: Page::new(&c.ctx, "forum-edit-title"),
        course_id: c.course.id,
        thread,
        post_id: p.id,
        opening: p.opening,
        title,
        body,
        error,
        existing,
        attach_hint: attachments::hint(c.ctx.tr(), &state.config),
        attach_slots: attachments::Slots::empty(free),
    })
}

pub(super) async fn history(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, post_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    let (p, t, _) = post_in(&state, &c, post_id).await?;
    let mine = p.author_id.is_some() && p.author_id == c.ctx.user.as_ref().map(|u| u.id);
    if p.deleted_at.is_some() || (p.hidden_at.is_some() && !mine && !c.may(Action::ModerateSpaces)) {
        return Err(AppError::NotFound);
    }
    let revisions = forum_post_revision::Entity::find()
        .filter(forum_post_revision::Column::PostId.eq(p.id))
        .order_by_desc(forum_post_revision::Column::Id)
        .all(&state.db)
        .await?;
    let people = queries::names(&state.db, &p.author_id.into_iter().collect::<Vec<_>>()).await?;
    let page = Page::new(&c.ctx, "forum-history-title");
    // Earlier versions are shown as they were written, without re-resolving mentions.
    let earlier = revisions
        .iter()
        .map(|r| RevisionView { when: page.when(&r.created_at), html: crate::markdown::to_html(&r.body) })
        .collect();
    render(&HistoryPage {
        course_id: c.course.id,
        post_id: p.id,
        author: author_name(&people, p.author_id, c.ctx.tr()),
        current: RevisionView { when: page.when(&p.edited_at.unwrap_or(p.created_at)), html: p.body_html },
        earlier,
        thread: t,
        page,
    })
}

// ---------------------------------------------------------------------------------
// The moderation queue: open reports, oldest first, a page at a time.

pub(super) async fn reports(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(params): Query<PageParams>,
) -> AppResult<Response> {
    c.require(Action::ModerateSpaces)?;
    let db = &state.db;
    let (dir, from) = params.cursor();
    let size = rules::REPORTS_PAGE;
    let rows = queries::open_reports(db, c.course.id, dir, from.as_ref(), size).await?;
    let base = format!("/courses/{}/reports", c.course.id);
    let paged = Paged::build(rows, size, dir, from.as_ref(), base, |r| Cursor::id(r.id));
    let ids: Vec<i64> = paged.items.iter().flat_map(|r| [Some(r.reporter_id), r.author_id]).flatten().collect();
    let people = queries::names(db, &ids).await?;
    let page = Page::new(&c.ctx, "forum-reports-title");
    let tr = c.ctx.tr();
    let Paged { items, pager } = paged;
    let reports = items
        .into_iter()
        .map(|r| ReportView {
            id: r.id,
            post_id: r.post_id,
            thread_id: r.thread_id,
            thread_title: r.thread_title,
            author: author_name(&people, r.author_id, tr),
            reporter: author_name(&people, Some(r.reporter_id), tr),
            reason: r.reason,
            when: page.when(&r.created_at),
            excerpt: text::snippet(&r.excerpt, "", 280).into_iter().map(|(s, _)| s).collect(),
            hidden: r.hidden,
        })
        .collect();
    render(&ReportsPage { page, course_id: c.course.id, course_title: c.course.title.clone(), reports, pager })
}

// ---------------------------------------------------------------------------------
// Search: by words (full-text, ranked) and/or by a member of the course.

pub(super) async fn search_page(
    State(state): State<AppState>,
    c: CourseCtx,
    Query(sq): Query<SearchQuery>,
) -> AppResult<Response> {
    c.require(Action::ViewSpaces)?;
    crate::abuse::check(&state, &c.ctx, crate::abuse::Act::Search).await?;
    let (db, tr) = (&state.db, c.ctx.tr());
    let q: String = rules::squash(&sq.q).chars().take(100).collect();
    let words = rules::search_words(&q);
    // Only a member of this course is an author here: anyone else is nobody, with no
    // name shown and nothing found.
    let author = match sq.author {
        Some(a) => queries::member_name(db, c.course.id, a).await?.map(|name| (a, name)),
        None => None,
    };
    let searched = !q.is_empty() || sq.author.is_some();
    let params = PageParams { after: sq.after, before: sq.before, size: None };
    let (dir, from) = params.cursor();
    let size = rules::SEARCH_PAGE;
    let author_id = author.as_ref().map(|(id, _)| *id);
    let (found, total) = match (words.is_empty(), author_id) {
        (false, _) if sq.author.is_none() || author_id.is_some() => {
            search::by_words(db, c.course.id, &words, author_id, dir, from.as_ref(), size).await?
        }
        (true, Some(a)) => search::by_author(db, c.course.id, a, dir, from.as_ref(), size).await?,
        _ => (vec![], 0),
    };
    let author_param = author_id.map(|a| a.to_string()).unwrap_or_default();
    let base = base_href(&format!("/courses/{}/spaces/search", c.course.id), &[("q", &q), ("author", &author_param)]);
    let Paged { items, pager } = Paged::build(found, size, dir, from.as_ref(), base, |f| Cursor::int(f.score, f.id));
    let thread_ids: Vec<i64> = items.iter().map(|f| f.thread_id).collect();
    let authors: Vec<i64> = items.iter().filter_map(|f| f.author_id).collect();
    let (titles, people) = futures::join!(
        forum_thread::Entity::find()
            .filter(forum_thread::Column::Id.is_in(thread_ids))
            .filter(forum_thread::Column::CourseId.eq(c.course.id))
            .all(db),
        queries::names(db, &authors),
    );
    let titles: HashMap<i64, String> = titles?.into_iter().map(|t| (t.id, t.title)).collect();
    let people = people?;
    let page = Page::new(&c.ctx, "forum-search-title");
    let mark = words.first().map(String::as_str).unwrap_or("");
    let hits = items
        .into_iter()
        .map(|f| {
            let title = titles.get(&f.thread_id).map(String::as_str).unwrap_or_default();
            // The title is marked only where the opening post matched by it.
            Hit {
                thread_id: f.thread_id,
                post_id: f.id,
                author: author_name(&people, f.author_id, tr),
                when: page.when(&f.created_at),
                pieces: text::snippet(&f.excerpt, mark, 200),
                title: if f.opening { text::snippet(title, mark, 200) } else { vec![(title.to_string(), false)] },
            }
        })
        .collect();
    render(&SearchPage {
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        author_name: author.map(|(_, name)| name),
        author: author_id,
        q,
        hits,
        total,
        searched,
        pager,
        page,
    })
}

//! Copying a course's structure for its next run: the spaces (without threads) and their
//! question starters, the wiki's pages as they read now, the survey's questions (closed,
//! unpublished), the tutor's expectations, the weekly routine, the group rules (group sets
//! as empty drafts with their settings), the board's columns, the time budget's
//! activities and the course's switches. Never people, posts, answers or groups: the new
//! class starts from the structure, not from the old class.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::db::entity::{
    board_column, budget_activity, course, expectation, file_setting, forum_prompt, forum_space, group_set, membership,
    routine_entry, social_setting, survey, survey_question, wiki_page, wiki_revision,
};
use crate::policy::{MemberState, Role};

/// Copy `from` into a new course titled `title` starting on `start_date`, with `tutor` as
/// its one member. Runs in the caller's transaction; returns the new course.
pub async fn copy_course(
    db: &impl ConnectionTrait,
    from: &course::Model,
    title: String,
    start_date: String,
    tutor: i64,
    now: i64,
) -> Result<course::Model, DbErr> {
    let to = course::ActiveModel {
        title: Set(title),
        description: Set(from.description.clone()),
        start_date: Set(start_date),
        time_zone: Set(from.time_zone.clone()),
        start_mode: Set(from.start_mode.clone()),
        join_code: Set(Some(crate::auth::tokens::join_code())),
        join_enabled: Set(true),
        created_by: Set(Some(tutor)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let id = to.id;
    membership::ActiveModel {
        course_id: Set(id),
        user_id: Set(tutor),
        role: Set(Role::Tutor.as_str().into()),
        state: Set(MemberState::Active.as_str().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;

    for s in forum_space::Entity::find().filter(forum_space::Column::CourseId.eq(from.id)).all(db).await? {
        forum_space::ActiveModel {
            course_id: Set(id),
            kind: Set(s.kind),
            title: Set(s.title),
            about: Set(s.about),
            position: Set(s.position),
            archived: Set(s.archived),
            default_key: Set(s.default_key),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for p in forum_prompt::Entity::find()
        .filter(forum_prompt::Column::CourseId.eq(from.id))
        .order_by_asc(forum_prompt::Column::Id)
        .all(db)
        .await?
    {
        forum_prompt::ActiveModel { course_id: Set(id), body: Set(p.body), ..Default::default() }.insert(db).await?;
    }

    // The wiki as it reads now, as a first revision by the person copying: the old
    // history names the old class.
    for p in wiki_page::Entity::find().filter(wiki_page::Column::CourseId.eq(from.id)).all(db).await? {
        let page = wiki_page::ActiveModel {
            course_id: Set(id),
            slug: Set(p.slug),
            title: Set(p.title.clone()),
            body: Set(p.body.clone()),
            revision: Set(1),
            locked: Set(p.locked),
            updated_by: Set(Some(tutor)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        wiki_revision::ActiveModel {
            page_id: Set(page.id),
            number: Set(1),
            title: Set(p.title),
            body: Set(p.body),
            author_id: Set(Some(tutor)),
            note: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    if let Some(sv) = survey::Entity::find().filter(survey::Column::CourseId.eq(from.id)).one(db).await? {
        let new = survey::ActiveModel {
            course_id: Set(id),
            title: Set(sv.title),
            intro: Set(sv.intro),
            published: Set(false),
            opens_at: Set(None),
            closes_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for q in survey_question::Entity::find().filter(survey_question::Column::SurveyId.eq(sv.id)).all(db).await? {
            survey_question::ActiveModel {
                survey_id: Set(new.id),
                key: Set(q.key),
                kind: Set(q.kind),
                prompt: Set(q.prompt),
                help: Set(q.help),
                options: Set(q.options),
                required: Set(q.required),
                profile_field: Set(q.profile_field),
                position: Set(q.position),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }

    if let Some(e) = expectation::Entity::find_by_id(from.id).one(db).await? {
        expectation::ActiveModel {
            course_id: Set(id),
            body: Set(e.body),
            version: Set(1),
            updated_by: Set(Some(tutor)),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
    }

    for r in routine_entry::Entity::find().filter(routine_entry::Column::CourseId.eq(from.id)).all(db).await? {
        routine_entry::ActiveModel {
            course_id: Set(id),
            weekday: Set(r.weekday),
            start_minute: Set(r.start_minute),
            duration_minutes: Set(r.duration_minutes),
            title: Set(r.title),
            kind: Set(r.kind),
            location: Set(r.location),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    // Group rules: the settings, as drafts with no groups; planning them for the new
    // class is one click on the set's page.
    for g in group_set::Entity::find()
        .filter(group_set::Column::CourseId.eq(from.id))
        .order_by_asc(group_set::Column::Id)
        .all(db)
        .await?
    {
        group_set::ActiveModel {
            course_id: Set(id),
            kind: Set(g.kind),
            title: Set(g.title),
            status: Set("draft".into()),
            settings: Set(g.settings),
            report: Set("null".into()),
            created_by: Set(Some(tutor)),
            created_at: Set(now),
            published_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }

    for c in board_column::Entity::find().filter(board_column::Column::CourseId.eq(from.id)).all(db).await? {
        board_column::ActiveModel {
            course_id: Set(id),
            title: Set(c.title),
            position: Set(c.position),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for a in budget_activity::Entity::find().filter(budget_activity::Column::CourseId.eq(from.id)).all(db).await? {
        budget_activity::ActiveModel {
            course_id: Set(id),
            name: Set(a.name),
            position: Set(a.position),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    if let Some(s) = social_setting::Entity::find_by_id(from.id).one(db).await? {
        // A new calendar feed address: the old one was shared with the old class.
        social_setting::ActiveModel {
            course_id: Set(id),
            student_messages: Set(s.student_messages),
            calendar_token: Set(None),
        }
        .insert(db)
        .await?;
    }
    if let Some(f) = file_setting::Entity::find_by_id(from.id).one(db).await? {
        file_setting::ActiveModel { course_id: Set(id), students_upload: Set(f.students_upload) }.insert(db).await?;
    }
    Ok(to)
}

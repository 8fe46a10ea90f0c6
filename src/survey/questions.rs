//! The teaching team edits the survey's questions while it is a draft: add, edit, move,
//! delete. Answers depend on the questions, so a published survey's are fixed.

use super::*;

fn parse_question_form(f: &QuestionForm) -> Result<rules::QuestionDraft, crate::validate::Invalid> {
    rules::parse_question(&f.kind, &f.prompt, &f.help, &f.options, f.required.is_some(), &f.profile_field)
}

pub(super) async fn add_question(
    State(state): State<AppState>,
    c: CourseCtx,
    Form(f): Form<QuestionForm>,
) -> AppResult<Response> {
    let s = draft_survey(&state, &c).await?;
    let qs = questions_of(&state.db, s.id).await?;
    let draft = match parse_question_form(&f) {
        Ok(d) if qs.len() < rules::MAX_QUESTIONS => d,
        other => {
            let id = other.err().map(|e| e.0).unwrap_or("survey-err-too-many");
            let mut page = page_for(&state, &c, None).await?;
            page.error = Some(c.ctx.tr().t(id));
            page.new_question = f;
            return unprocessable(&page);
        }
    };
    let taken: Vec<String> = qs.iter().map(|q| q.key.clone()).collect();
    survey_question::ActiveModel {
        survey_id: Set(s.id),
        key: Set(rules::key_for(&draft.prompt, &taken)),
        kind: Set(draft.kind.as_str().into()),
        prompt: Set(draft.prompt),
        help: Set(draft.help),
        options: Set(draft.options.join("\n")),
        required: Set(draft.required),
        profile_field: Set(draft.profile_field),
        position: Set(qs.iter().map(|q| q.position + 1).max().unwrap_or(0)),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(back(&c, "notice-survey-question-added"))
}

/// The key stays as it was: later capabilities may already know it.
pub(super) async fn edit_question(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, question_id)): Path<(i64, i64)>,
    Form(f): Form<QuestionForm>,
) -> AppResult<Response> {
    let s = draft_survey(&state, &c).await?;
    let q = question_in(&state, &s, question_id).await?;
    let draft = match parse_question_form(&f) {
        Ok(d) => d,
        Err(e) => {
            let mut page = page_for(&state, &c, None).await?;
            page.error = Some(c.ctx.tr().t1("survey-err-question", "error", c.ctx.tr().t(e.0)));
            return unprocessable(&page);
        }
    };
    let mut a: survey_question::ActiveModel = q.into();
    a.kind = Set(draft.kind.as_str().into());
    a.prompt = Set(draft.prompt);
    a.help = Set(draft.help);
    a.options = Set(draft.options.join("\n"));
    a.required = Set(draft.required);
    a.profile_field = Set(draft.profile_field);
    a.update(&state.db).await?;
    Ok(back(&c, "notice-saved"))
}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    #[serde(default)]
    direction: String,
}

pub(super) async fn move_question(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, question_id)): Path<(i64, i64)>,
    Form(f): Form<MoveForm>,
) -> AppResult<Response> {
    let s = draft_survey(&state, &c).await?;
    question_in(&state, &s, question_id).await?;
    let step: isize = match f.direction.as_str() {
        "up" => -1,
        "down" => 1,
        _ => return Err(AppError::BadRequest("survey-err-direction")),
    };
    let txn = state.db.begin().await?;
    let mut ids: Vec<i64> = questions_of(&txn, s.id).await?.iter().map(|q| q.id).collect();
    if let Some(i) = ids.iter().position(|id| *id == question_id) {
        let j = i as isize + step;
        if (0..ids.len() as isize).contains(&j) {
            ids.swap(i, j as usize);
        }
    }
    // Renumbered from 0 every time, so positions never drift apart or collide.
    for (pos, id) in ids.iter().enumerate() {
        survey_question::Entity::update_many()
            .col_expr(survey_question::Column::Position, sea_orm::sea_query::Expr::value(pos as i32))
            .filter(survey_question::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(back(&c, "notice-survey-question-moved"))
}

pub(super) async fn delete_question(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, question_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let s = draft_survey(&state, &c).await?;
    let q = question_in(&state, &s, question_id).await?;
    survey_question::Entity::delete_by_id(q.id).exec(&state.db).await?;
    Ok(back(&c, "notice-survey-question-deleted"))
}

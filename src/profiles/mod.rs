//! Full profiles: one per person, shown in every course they are in. Each field has a
//! visibility its owner chooses (`visibility.rs` decides who sees what); the first
//! fields that group planning reads (organisation, circumstance tags, birthday) stay in
//! `profiles`, the rest live in `profile_details`.

pub mod in_course;
pub mod visibility;

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::get;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionTrait};

use crate::app::AppState;
use crate::db::entity::{membership, profile, profile_detail, user};
use crate::error::{AppError, AppResult};
use crate::media::Accept;
use crate::media::form::FileField;
use crate::policy::{Action, Role};
use crate::time::now_ms;
use crate::web::context::CurrentUser;
use crate::web::{CourseCtx, Page, SignedIn, render, with_notice};
use visibility::{Choices, Field, Relation, Visibility};

pub const PURPOSE_PHOTO: &str = "profile_photo";
pub const PURPOSE_NAME_AUDIO: &str = "name_audio";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/account/profile", get(edit_page).post(save).layer(axum::extract::DefaultBodyLimit::disable()))
        .route("/courses/{course_id}/people/{user_id}", get(show))
}

/// The profile field a piece of profile media belongs to.
pub fn field_for_purpose(purpose: &str) -> Option<Field> {
    match purpose {
        PURPOSE_PHOTO => Some(Field::Photo),
        PURPOSE_NAME_AUDIO => Some(Field::NameSay),
        _ => None,
    }
}

pub fn empty_details(user_id: i64) -> profile_detail::Model {
    profile_detail::Model {
        user_id,
        pronouns: String::new(),
        name_say: String::new(),
        name_audio_id: None,
        photo_id: None,
        photo_caption: String::new(),
        bio: String::new(),
        job: String::new(),
        location: String::new(),
        interests: String::new(),
        looking_forward: String::new(),
        use_for: String::new(),
        circumstances_note: String::new(),
        contact: String::new(),
        visibility: "{}".into(),
        updated_at: 0,
    }
}

pub async fn details_of(db: &impl ConnectionTrait, user_id: i64) -> Result<profile_detail::Model, DbErr> {
    Ok(profile_detail::Entity::find_by_id(user_id).one(db).await?.unwrap_or_else(|| empty_details(user_id)))
}

/// Many people's details at once (for "Meet the class").
pub async fn details_of_many(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, profile_detail::Model>, DbErr> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(400) {
        for d in
            profile_detail::Entity::find().filter(profile_detail::Column::UserId.is_in(chunk.to_vec())).all(db).await?
        {
            out.insert(d.user_id, d);
        }
    }
    Ok(out)
}

/// How `viewer` stands to `owner`, across every course they share. Site admins count as
/// a teaching team: they may look after any course, but "only me" stays the owner's.
pub async fn relation(db: &impl ConnectionTrait, viewer: &CurrentUser, owner: i64) -> Result<Relation, DbErr> {
    if viewer.id == owner {
        return Ok(Relation::Myself);
    }
    if viewer.is_site_admin {
        return Ok(Relation::TeachingTeam);
    }
    let mine = membership::Entity::find().filter(membership::Column::UserId.eq(viewer.id)).all(db).await?;
    let theirs: Vec<i64> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(owner))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.course_id)
        .collect();
    let shared: Vec<_> = mine.iter().filter(|m| theirs.contains(&m.course_id)).collect();
    if shared.iter().any(|m| Role::parse(&m.role).is_some_and(Role::is_teaching)) {
        Ok(Relation::TeachingTeam)
    } else if shared.is_empty() {
        Ok(Relation::Other)
    } else {
        Ok(Relation::Classmate)
    }
}

/// The relation within one course, when the viewer's role there is already known.
pub fn relation_in_course(viewer_id: i64, viewer_role: Option<Role>, site_admin: bool, owner: i64) -> Relation {
    if viewer_id == owner {
        Relation::Myself
    } else if site_admin || viewer_role.is_some_and(Role::is_teaching) {
        Relation::TeachingTeam
    } else if viewer_role.is_some() {
        Relation::Classmate
    } else {
        Relation::Other
    }
}

pub async fn may_see_field(state: &AppState, viewer: &CurrentUser, owner: i64, field: Field) -> AppResult<bool> {
    let rel = relation(&state.db, viewer, owner).await?;
    let d = details_of(&state.db, owner).await?;
    Ok(Choices::from_json(&d.visibility).shows(field, rel))
}

/// One field as a viewer may see it, for the profile page.
pub struct Shown {
    pub label: String,
    pub text: String,
    /// The field's visibility, shown to the owner and the teaching team as a reminder.
    pub note: Option<String>,
}

#[derive(Template)]
#[template(path = "profiles/show.html")]
struct ShowPage {
    page: Page,
    course_id: i64,
    course_title: String,
    name: String,
    initials: String,
    hue: i64,
    pronouns: Option<String>,
    photo: Option<(i64, String)>,
    name_say: Option<String>,
    name_audio: Option<i64>,
    local_time: Option<(String, String)>,
    interests: Vec<String>,
    fields: Vec<Shown>,
    is_me: bool,
    /// Whether to offer "Send a message" (the form itself asks the messaging rules).
    message_to: Option<i64>,
    /// Offer "Block" (or "Unblock", when `true`): blocking starts on a person.
    block: Option<bool>,
    owner_id: i64,
    intro_line: Option<String>,
    survey_answers: Vec<crate::survey::ProfileAnswer>,
    shout_outs: Vec<crate::recognition::ShoutOutView>,
}

async fn show(
    State(state): State<AppState>,
    c: CourseCtx,
    Path((_, user_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    c.require(Action::ViewCourse)?;
    let viewer = c.user()?.clone();
    let member = membership::Entity::find()
        .filter(membership::Column::CourseId.eq(c.course.id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = user::Entity::find_by_id(member.user_id).one(&state.db).await?.ok_or(AppError::NotFound)?;
    let rel = relation(&state.db, &viewer, owner.id).await?;
    let d = details_of(&state.db, owner.id).await?;
    let basics = crate::accounts::profile_of(&state.db, owner.id).await?;
    let choices = Choices::from_json(&d.visibility);
    let tr = c.ctx.tr();
    let show = |f: Field| choices.shows(f, rel);
    let note = |f: Field| {
        let v = choices.get(f);
        (v != Visibility::Class && rel != Relation::Classmate).then(|| tr.t(v.label_id()))
    };
    let mut fields = vec![];
    let mut push = |f: Field, text: String| {
        if show(f) && !text.trim().is_empty() {
            fields.push(Shown { label: tr.t(f.label_id()), text, note: note(f) });
        }
    };
    push(Field::Bio, d.bio.clone());
    let work = [basics.organisation.as_str(), d.job.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    push(Field::Work, work);
    push(Field::Location, d.location.clone());
    push(Field::LookingForward, d.looking_forward.clone());
    push(Field::UseFor, d.use_for.clone());
    let circumstances = [basics.circumstances.as_str(), d.circumstances_note.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
    push(Field::Circumstances, circumstances);
    push(Field::Contact, d.contact.clone());
    push(Field::Birthday, basics.birthday.clone().map(|b| birthday_words(&b, &tr)).unwrap_or_default());
    let intro_line = crate::introductions::first_line(&state.db, c.course.id, owner.id).await?;
    // Only the answers the person agreed to show: `profile_answers` filters.
    let survey_answers = crate::survey::profile_answers(&state.db, c.course.id, owner.id).await?;
    let shout_outs = crate::recognition::shout_outs_for(&state.db, c.course.id, owner.id).await?;
    let block = if rel != Relation::Myself && c.may(Action::UseMessages) {
        Some(crate::messages::has_blocked(&state.db, viewer.id, owner.id).await?)
    } else {
        None
    };
    let page = ShowPage {
        page: Page::titled(&c.ctx, owner.name.clone()),
        course_id: c.course.id,
        course_title: c.course.title.clone(),
        initials: crate::courses::queries::initials(&owner.name),
        hue: (owner.id * 47) % 360,
        name: owner.name.clone(),
        pronouns: (show(Field::Pronouns) && !d.pronouns.is_empty()).then(|| d.pronouns.clone()),
        photo: if show(Field::Photo) { d.photo_id.map(|id| (id, d.photo_caption.clone())) } else { None },
        name_say: (show(Field::NameSay) && !d.name_say.is_empty()).then(|| d.name_say.clone()),
        name_audio: if show(Field::NameSay) { d.name_audio_id } else { None },
        local_time: show(Field::Location)
            .then(|| (owner.time_zone.clone(), crate::time::local_time_now(&owner.time_zone))),
        interests: if show(Field::Interests) { crate::groups::planning::tags(&d.interests) } else { vec![] },
        fields,
        is_me: rel == Relation::Myself,
        message_to: (rel != Relation::Myself
            && c.may(Action::UseMessages)
            && member.role != crate::policy::Role::Observer.as_str()
            && member.state != crate::policy::MemberState::Invited.as_str())
        .then_some(owner.id),
        block,
        owner_id: owner.id,
        intro_line,
        survey_answers,
        shout_outs,
    };
    render(&page)
}

/// "MM-DD" as words ("14 March").
fn birthday_words(b: &str, tr: &crate::i18n::Tr) -> String {
    match crate::groups::planning::parse_birthday(b) {
        Some((m, d)) => tr.t2("profile-birthday-on", "day", d, "month", tr.t(&format!("month-{m}"))),
        None => String::new(),
    }
}

/// What the edit form holds: the saved values, or what was typed when it was refused.
#[derive(Clone, Default)]
struct FormValues {
    pronouns: String,
    name_say: String,
    photo_caption: String,
    bio: String,
    organisation: String,
    job: String,
    location: String,
    time_zone: String,
    interests: String,
    looking_forward: String,
    use_for: String,
    circumstances: String,
    circumstances_note: String,
    contact: String,
    birthday: String,
}

#[derive(Template)]
#[template(path = "profiles/edit.html")]
struct EditPage {
    page: Page,
    v: FormValues,
    choices: Vec<(Field, String, Visibility)>,
    visibilities: Vec<(Visibility, String)>,
    zones: Vec<String>,
    photo_id: Option<i64>,
    name_audio_id: Option<i64>,
    /// Each message with the id of the field it is about, shown next to that field and
    /// listed (linked) above the form.
    errors: Vec<(&'static str, String)>,
    image_mb: u64,
    audio_mb: u64,
    days: Vec<u8>,
    months: Vec<(u8, String)>,
}

impl EditPage {
    fn err(&self, id: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| *f == id).map(|(_, m)| m.as_str())
    }

    fn birthday_part(&self, month: bool) -> u8 {
        crate::groups::planning::parse_birthday(&self.v.birthday).map(|(m, d)| if month { m } else { d }).unwrap_or(0)
    }

    fn label_of(&self, key: &str) -> &str {
        self.choices.iter().find(|(f, _, _)| f.key() == key).map(|(_, l, _)| l.as_str()).unwrap_or("")
    }

    fn vis_of(&self, key: &str) -> &'static str {
        self.choices.iter().find(|(f, _, _)| f.key() == key).map(|(_, _, v)| v.key()).unwrap_or("class")
    }
}

async fn edit_page_for(
    state: &AppState,
    me: &SignedIn,
    values: Option<FormValues>,
    choices: Option<Choices>,
    errors: Vec<(&'static str, String)>,
) -> AppResult<EditPage> {
    let d = details_of(&state.db, me.user.id).await?;
    let basics = crate::accounts::profile_of(&state.db, me.user.id).await?;
    let tr = me.ctx.tr();
    let v = values.unwrap_or_else(|| saved_values(me, &d, &basics));
    let choices = choices.unwrap_or_else(|| Choices::from_json(&d.visibility));
    Ok(EditPage {
        page: Page::new(&me.ctx, "profile-edit-title"),
        v,
        choices: Field::ALL.iter().map(|f| (*f, tr.t(f.label_id()), choices.get(*f))).collect(),
        visibilities: Visibility::ALL.iter().map(|v| (*v, tr.t(v.label_id()))).collect(),
        zones: crate::time::zone_names(),
        photo_id: d.photo_id,
        name_audio_id: d.name_audio_id,
        errors,
        image_mb: state.config.max_image_mb,
        audio_mb: state.config.max_audio_mb,
        days: (1..=31).collect(),
        months: (1..=12).map(|m| (m, tr.t(&format!("month-{m}")))).collect(),
    })
}

/// The form as saved.
fn saved_values(me: &SignedIn, d: &profile_detail::Model, basics: &profile::Model) -> FormValues {
    FormValues {
        pronouns: d.pronouns.clone(),
        name_say: d.name_say.clone(),
        photo_caption: d.photo_caption.clone(),
        bio: d.bio.clone(),
        organisation: basics.organisation.clone(),
        job: d.job.clone(),
        location: d.location.clone(),
        time_zone: me.user.time_zone.clone(),
        interests: d.interests.clone(),
        looking_forward: d.looking_forward.clone(),
        use_for: d.use_for.clone(),
        circumstances: basics.circumstances.clone(),
        circumstances_note: d.circumstances_note.clone(),
        contact: d.contact.clone(),
        birthday: basics.birthday.clone().unwrap_or_default(),
    }
}

async fn edit_page(State(state): State<AppState>, me: SignedIn) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    render(&edit_page_for(&state, &me, None, None, vec![]).await?)
}

pub const MAX_SHORT: usize = 120;
pub const MAX_LONG: usize = 2000;

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn block(s: &str) -> String {
    s.trim().replace("\r\n", "\n")
}

async fn save(State(state): State<AppState>, me: SignedIn, mut mp: Multipart) -> AppResult<Response> {
    me.require(&state, Action::EditOwnAccount).await?;
    let tr = me.ctx.tr();
    let mut form = crate::media::form::read(
        &state.config,
        &tr,
        &mut mp,
        &[
            FileField { name: "photo", accept: Accept::Image, label_id: "profile-photo" },
            FileField { name: "name_audio", accept: Accept::Audio, label_id: "profile-name-audio" },
        ],
    )
    .await;
    let (photo, audio) = (form.take("photo"), form.take("name_audio"));
    // A refused file comes back with everything else typed; a field never read (a body
    // cut short) keeps its saved value, and its visibility the saved choice: nothing is
    // ever shown more widely than the person chose.
    let file_error = form.file_error.take();
    let mut errors: Vec<(&'static str, String)> = vec![];
    for e in std::mem::take(&mut form.errors) {
        match &file_error {
            Some((field, m)) if *m == e => errors.push((field, e)),
            _ => errors.push(("profile-form", e)),
        }
    }
    let text = std::mem::take(&mut form.text);
    let d = details_of(&state.db, me.user.id).await?;
    let saved = saved_values(&me, &d, &crate::accounts::profile_of(&state.db, me.user.id).await?);
    let saved_choices = Choices::from_json(&d.visibility);
    let v = read_values(&text, &saved);
    let mut choices = Choices::default();
    for f in Field::ALL {
        let chosen = text.get(&format!("vis_{}", f.key())).and_then(|s| Visibility::parse(s));
        choices.set(f, chosen.unwrap_or_else(|| saved_choices.get(f)));
    }
    let get = |k: &str| text.get(k).map(String::as_str).unwrap_or("");
    let short = [
        (&v.pronouns, "profile-pronouns", "pronouns"),
        (&v.name_say, "profile-name-say", "name_say"),
        (&v.photo_caption, "profile-photo-caption", "photo_caption"),
        (&v.organisation, "field-organisation", "organisation"),
        (&v.job, "profile-job", "job"),
        (&v.location, "profile-location", "location"),
    ];
    for (value, label, id) in short {
        if value.chars().count() > MAX_SHORT {
            errors.push((id, tr.t2("profile-err-too-long", "field", tr.t(label), "max", MAX_SHORT)));
        }
    }
    let long = [
        (&v.bio, "profile-bio", "bio"),
        (&v.looking_forward, "profile-looking-forward", "looking_forward"),
        (&v.use_for, "profile-use-for", "use_for"),
        (&v.circumstances_note, "profile-circumstances-note", "circumstances_note"),
        (&v.contact, "profile-contact", "contact"),
        (&v.interests, "profile-interests", "interests"),
        (&v.circumstances, "field-circumstances", "circumstances"),
    ];
    for (value, label, id) in long {
        if value.chars().count() > MAX_LONG {
            errors.push((id, tr.t2("profile-err-too-long", "field", tr.t(label), "max", MAX_LONG)));
        }
    }
    if !v.birthday.is_empty() && crate::groups::planning::parse_birthday(&v.birthday).is_none() {
        errors.push(("birthday_day", tr.t("err-birthday")));
    }
    if crate::validate::time_zone(&v.time_zone).is_err() {
        errors.push(("time_zone", tr.t("err-time-zone")));
    }
    if !errors.is_empty() {
        for r in [photo, audio].into_iter().flatten() {
            crate::media::discard(r).await;
        }
        form.discard().await;
        let mut res = render(&edit_page_for(&state, &me, Some(v), Some(choices), errors).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    form.discard().await;
    // The photo is decoded now; a cut-off image is refused here with the form kept.
    let mut stored = vec![];
    for (r, label) in [(photo, "profile-photo"), (audio, "profile-name-audio")] {
        match r {
            Some(r) => match crate::media::store(&state.config, r).await {
                Ok(s) => stored.push(Some(s)),
                Err(e) => {
                    errors.push((
                        if label == "profile-photo" { "photo" } else { "name_audio" },
                        e.message(&tr, &tr.t(label)),
                    ));
                    stored.push(None);
                }
            },
            None => stored.push(None),
        }
    }
    if !errors.is_empty() {
        for s in stored.iter().flatten() {
            s.remove(&state.config).await;
        }
        let mut res = render(&edit_page_for(&state, &me, Some(v), Some(choices), errors).await?)?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    }
    let new_audio = stored.pop().flatten();
    let new_photo = stored.pop().flatten();
    let remove_photo = get("remove_photo") == "1";
    let remove_audio = get("remove_name_audio") == "1";
    let written =
        write_profile(&state, &me, &v, &choices, new_photo.as_ref(), new_audio.as_ref(), remove_photo, remove_audio)
            .await;
    match written {
        Ok(old_keys) => {
            for k in old_keys {
                crate::media::remove_files(&state.config, &k).await;
            }
            Ok(with_notice("notice-saved", Redirect::to("/account/profile"), me.ctx.secure))
        }
        Err(e) => {
            for s in [new_photo, new_audio].iter().flatten() {
                s.remove(&state.config).await;
            }
            Err(e.into())
        }
    }
}

/// What was sent, tidied; a field that was not sent keeps its saved value. The birthday
/// comes from two selects (day and month) or, from older clients, "MM-DD" text.
fn read_values(text: &HashMap<String, String>, saved: &FormValues) -> FormValues {
    let pick =
        |k: &str, saved: &String, tidy: fn(&str) -> String| text.get(k).map(|s| tidy(s)).unwrap_or(saved.clone());
    let tags = |s: &str| crate::groups::planning::tags(s).join("; ");
    let birthday = match (text.get("birthday_month"), text.get("birthday_day")) {
        (Some(m), Some(d)) => birthday_from_parts(m, d),
        _ => pick("birthday", &saved.birthday, |s| s.trim().to_string()),
    };
    FormValues {
        pronouns: pick("pronouns", &saved.pronouns, one_line),
        name_say: pick("name_say", &saved.name_say, one_line),
        photo_caption: pick("photo_caption", &saved.photo_caption, one_line),
        bio: pick("bio", &saved.bio, block),
        organisation: pick("organisation", &saved.organisation, one_line),
        job: pick("job", &saved.job, one_line),
        location: pick("location", &saved.location, one_line),
        time_zone: pick("time_zone", &saved.time_zone, |s| s.trim().to_string()),
        interests: pick("interests", &saved.interests, tags),
        looking_forward: pick("looking_forward", &saved.looking_forward, block),
        use_for: pick("use_for", &saved.use_for, block),
        circumstances: pick("circumstances", &saved.circumstances, tags),
        circumstances_note: pick("circumstances_note", &saved.circumstances_note, block),
        contact: pick("contact", &saved.contact, block),
        birthday,
    }
}

/// The two selects of the birthday as "MM-DD"; both empty is no birthday, and a day that
/// does not exist in the month is kept as typed for the form to refuse.
fn birthday_from_parts(month: &str, day: &str) -> String {
    match (month.trim().parse::<u8>(), day.trim().parse::<u8>()) {
        (Ok(m), Ok(d)) => format!("{m:02}-{d:02}"),
        _ if month.trim().is_empty() && day.trim().is_empty() => String::new(),
        _ => format!("{}-{}", month.trim(), day.trim()),
    }
}

/// Everything in one transaction; returns the storage keys of replaced media, whose
/// files go once the transaction has committed.
#[allow(clippy::too_many_arguments)]
async fn write_profile(
    state: &AppState,
    me: &SignedIn,
    v: &FormValues,
    choices: &Choices,
    new_photo: Option<&crate::media::Stored>,
    new_audio: Option<&crate::media::Stored>,
    remove_photo: bool,
    remove_audio: bool,
) -> Result<Vec<String>, DbErr> {
    let txn = state.db.begin().await?;
    let uid = me.user.id;
    let now = now_ms();
    let existing = profile_detail::Entity::find_by_id(uid).one(&txn).await?;
    let d = existing.clone().unwrap_or_else(|| empty_details(uid));
    let mut old_keys = vec![];
    let mut photo_id = d.photo_id;
    if (new_photo.is_some() || remove_photo)
        && let Some(old) = photo_id.take()
    {
        old_keys.extend(crate::media::delete_row(&txn, old).await?);
    }
    if let Some(s) = new_photo {
        photo_id = Some(s.insert(&txn, uid, None, PURPOSE_PHOTO).await?.id);
    }
    let mut audio_id = d.name_audio_id;
    if (new_audio.is_some() || remove_audio)
        && let Some(old) = audio_id.take()
    {
        old_keys.extend(crate::media::delete_row(&txn, old).await?);
    }
    if let Some(s) = new_audio {
        audio_id = Some(s.insert(&txn, uid, None, PURPOSE_NAME_AUDIO).await?.id);
    }
    let row = profile_detail::ActiveModel {
        user_id: Set(uid),
        pronouns: Set(v.pronouns.clone()),
        name_say: Set(v.name_say.clone()),
        name_audio_id: Set(audio_id),
        photo_id: Set(photo_id),
        photo_caption: Set(v.photo_caption.clone()),
        bio: Set(v.bio.clone()),
        job: Set(v.job.clone()),
        location: Set(v.location.clone()),
        interests: Set(v.interests.clone()),
        looking_forward: Set(v.looking_forward.clone()),
        use_for: Set(v.use_for.clone()),
        circumstances_note: Set(v.circumstances_note.clone()),
        contact: Set(v.contact.clone()),
        visibility: Set(choices.to_json()),
        updated_at: Set(now),
    };
    if existing.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    let basics = profile::ActiveModel {
        user_id: Set(uid),
        organisation: Set(v.organisation.clone()),
        circumstances: Set(v.circumstances.clone()),
        birthday: Set((!v.birthday.is_empty()).then(|| v.birthday.clone())),
        updated_at: Set(now),
    };
    if profile::Entity::find_by_id(uid).one(&txn).await?.is_some() {
        basics.update(&txn).await?;
    } else {
        basics.insert(&txn).await?;
    }
    if v.time_zone != me.user.time_zone
        && let Some(u) = user::Entity::find_by_id(uid).one(&txn).await?
    {
        let mut a: user::ActiveModel = u.into();
        a.time_zone = Set(v.time_zone.clone());
        a.updated_at = Set(now);
        a.update(&txn).await?;
    }
    txn.commit().await?;
    Ok(old_keys)
}

/// A member as a card on "Meet the class": only what the viewer may see.
pub struct Card {
    pub user_id: i64,
    pub name: String,
    pub initials: String,
    pub hue: i64,
    pub role: Role,
    pub pronouns: Option<String>,
    pub photo_id: Option<i64>,
    pub time_zone: Option<String>,
    pub local_time: Option<String>,
    pub organisation: Option<String>,
    pub interests: Vec<String>,
}

pub fn card(
    m: &crate::courses::queries::Member,
    d: Option<&profile_detail::Model>,
    basics: Option<&profile::Model>,
    rel: Relation,
) -> Card {
    let empty = empty_details(m.user_id);
    let d = d.unwrap_or(&empty);
    let choices = Choices::from_json(&d.visibility);
    let show = |f: Field| choices.shows(f, rel);
    Card {
        user_id: m.user_id,
        name: m.name.clone(),
        initials: m.initials(),
        hue: m.hue(),
        role: m.role,
        pronouns: (show(Field::Pronouns) && !d.pronouns.is_empty()).then(|| d.pronouns.clone()),
        photo_id: if show(Field::Photo) { d.photo_id } else { None },
        time_zone: show(Field::Location).then(|| m.time_zone.clone()),
        local_time: show(Field::Location).then(|| crate::time::local_time_now(&m.time_zone)),
        organisation: basics
            .filter(|b| show(Field::Work) && !b.organisation.is_empty())
            .map(|b| b.organisation.clone()),
        interests: if show(Field::Interests) { crate::groups::planning::tags(&d.interests) } else { vec![] },
    }
}

/// Put the profile photos the reader may see on the course home's cards (members of
/// the course in `c`).
pub async fn add_photos<'a>(
    db: &impl ConnectionTrait,
    c: &CourseCtx,
    cards: impl Iterator<Item = &'a mut crate::courses::PersonCard>,
) -> Result<(), DbErr> {
    let Some(viewer) = c.ctx.user.as_ref() else { return Ok(()) };
    // A large class's home runs this on every visit: one query for the members who have
    // a photo, reading only the two columns needed rather than whole profiles, and each
    // distinct visibility setting (most people share a few) parsed once.
    let sql = "SELECT d.user_id AS uid, d.photo_id AS photo, d.visibility AS vis FROM profile_details d \
               JOIN memberships m ON m.user_id = d.user_id \
               WHERE m.course_id = $1 AND d.photo_id IS NOT NULL";
    let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, [c.course.id.into()]);
    let mut photos: HashMap<i64, (i64, String)> = HashMap::new();
    for r in db.query_all_raw(stmt).await? {
        photos.insert(r.try_get("", "uid")?, (r.try_get("", "photo")?, r.try_get("", "vis")?));
    }
    let mut parsed: HashMap<&str, Choices> = HashMap::new();
    for card in cards {
        let Some((photo, vis)) = photos.get(&card.user_id) else { continue };
        let rel = relation_in_course(viewer.id, c.role, viewer.is_site_admin, card.user_id);
        if parsed.entry(vis.as_str()).or_insert_with(|| Choices::from_json(vis)).shows(Field::Photo, rel) {
            card.photo_id = Some(*photo);
        }
    }
    Ok(())
}

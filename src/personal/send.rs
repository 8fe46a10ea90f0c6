//! Rendering a message for each recipient (when it is composed: the preview shows
//! exactly what goes out) and sending it (in a job): one in-app message per student in
//! their conversation with the sender, and one email through the outbox.
//!
//! Sending is one transaction that starts by moving the send from "scheduled" to
//! "sent" with a conditional update: a second run (a retry, another replica, a restart
//! after a crash) finds nothing to do, and a run that fails half-way leaves nothing
//! behind, so the job's retry starts clean. The emails are then the outbox's: throttled,
//! leased, retried with backoff, one Message-ID per row (docs/decisions/0008-jobs.md).

use std::collections::{HashMap, HashSet};

use homeroom_presence::template::{Compiled, Condition, FieldSet, Mode};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
    Value,
};

use super::fields::{self, Facts};
use super::queries::{Class, all};
use super::rules::{Checked, FieldError, explain};
use crate::app::AppState;
use crate::db::entity::{conversation, conversation_member, personal_recipient, personal_send};
use crate::mail::{Mailer, OutgoingEmail};

/// One student's copy.
pub struct Rendered {
    pub student_id: i64,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub body_text: String,
    pub variant: String,
}

/// Who gets the message: the chosen active students, or those the condition holds for.
pub fn recipients<'a>(
    class: &'a Class,
    fields: &FieldSet,
    who: &str,
    to: &[i64],
    condition: &Condition,
    zone: &str,
    now: i64,
) -> Result<Vec<&'a Facts>, FieldError> {
    let mut out = vec![];
    for f in &class.students {
        let take = if who == "chosen" {
            to.contains(&f.id)
        } else {
            let values = fields::values(f, fields, now, zone, &f.locale);
            condition.holds(&values).map_err(|e| explain("condition", &e))?
        };
        if take {
            out.push(f);
        }
    }
    if out.is_empty() {
        let field = if who == "chosen" { "to" } else { "condition" };
        return Err((field, "personal-err-nobody-meets", vec![]));
    }
    Ok(out)
}

/// Render the message for each recipient; the first student it cannot be rendered for
/// is named in the error.
pub fn render_all(
    subject: &Compiled,
    body: &Compiled,
    students: &[&Facts],
    fields: &FieldSet,
    zone: &str,
    now: i64,
) -> Result<Vec<Rendered>, FieldError> {
    let named = |field: &'static str, f: &Facts, e| {
        let (field, id, mut args) = explain(field, &e);
        args.push(("name", f.name.clone()));
        (field, id, args)
    };
    students
        .iter()
        .map(|f| {
            let v = fields::values(f, fields, now, zone, &f.locale);
            Ok(Rendered {
                student_id: f.id,
                name: f.name.clone(),
                subject: subject.render(&v, Mode::Text).map_err(|e| named("subject", f, e))?,
                body: body.render(&v, Mode::Markdown).map_err(|e| named("body", f, e))?,
                body_text: body.render(&v, Mode::Text).map_err(|e| named("body", f, e))?,
                variant: body.variant(&v).map_err(|e| named("body", f, e))?,
            })
        })
        .collect()
}

/// Replace a draft's recipients with a fresh rendering, in the caller's transaction.
pub async fn store_recipients(db: &impl ConnectionTrait, send_id: i64, rendered: Vec<Rendered>) -> Result<(), DbErr> {
    personal_recipient::Entity::delete_many().filter(personal_recipient::Column::SendId.eq(send_id)).exec(db).await?;
    let rows: Vec<personal_recipient::Model> = rendered
        .into_iter()
        .map(|r| personal_recipient::Model {
            id: 0,
            send_id,
            student_id: r.student_id,
            name: r.name,
            variant: r.variant,
            subject: r.subject,
            body: r.body,
            body_text: r.body_text,
            conversation_id: None,
            message_id: None,
            email_id: None,
            error: None,
        })
        .collect();
    super::rows::insert_recipients(db, &rows).await
}

/// Save a new draft with its recipients' copies.
pub async fn create_draft(
    db: &impl ConnectionTrait,
    course_id: i64,
    sender_id: i64,
    checked: &Checked,
    rendered: Vec<Rendered>,
    now: i64,
) -> Result<i64, DbErr> {
    let s = personal_send::ActiveModel {
        course_id: Set(course_id),
        sender_id: Set(sender_id),
        subject: Set(checked.subject.source().to_string()),
        body: Set(checked.body.source().to_string()),
        who: Set(checked.who.to_string()),
        condition: Set(checked.condition.source().to_string()),
        status: Set("draft".into()),
        send_at: Set(None),
        sent_at: Set(None),
        total: Set(rendered.len() as i32),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    store_recipients(db, s.id, rendered).await?;
    Ok(s.id)
}

/// The job: send one scheduled message now. `Ok(false)` when there was nothing to do.
pub async fn dispatch(state: &AppState, send_id: i64, now: i64) -> anyhow::Result<bool> {
    let txn = state.db.begin().await?;
    let done = deliver(&txn, &state.mailer, &state.config.base_url(), send_id, now).await?;
    txn.commit().await?;
    if done {
        state.mailer.wake();
    }
    Ok(done)
}

/// Send in the caller's transaction (the job's own, or the demo's seeding).
pub async fn deliver(
    txn: &impl ConnectionTrait,
    mailer: &Mailer,
    base: &str,
    send_id: i64,
    now: i64,
) -> Result<bool, DbErr> {
    let claimed = personal_send::Entity::update_many()
        .col_expr(personal_send::Column::Status, Expr::value("sent"))
        .col_expr(personal_send::Column::SentAt, Expr::value(now))
        .col_expr(personal_send::Column::UpdatedAt, Expr::value(now))
        .filter(personal_send::Column::Id.eq(send_id))
        .filter(personal_send::Column::Status.eq("scheduled"))
        .exec(txn)
        .await?;
    if claimed.rows_affected != 1 {
        // Sent already, taken back to a draft, or gone.
        return Ok(false);
    }
    let send =
        personal_send::Entity::find_by_id(send_id).one(txn).await?.ok_or(DbErr::RecordNotFound("send".into()))?;
    let recipients = personal_recipient::Entity::find()
        .filter(personal_recipient::Column::SendId.eq(send_id))
        .order_by_asc(personal_recipient::Column::Id)
        .all(txn)
        .await?;
    let people = people(txn, &send).await?;
    let sender_name = people.sender_name.clone();
    let course_title = people.course_title.clone();

    // Who can be reached: still an active student, and not blocking the sender.
    let mut errors: HashMap<i64, &'static str> = HashMap::new();
    for r in &recipients {
        if !people.addresses.contains_key(&r.student_id) {
            errors.insert(r.student_id, "personal-failed-left");
        } else if people.blocking.contains(&r.student_id) {
            errors.insert(r.student_id, "personal-failed-blocked");
        }
    }
    let reachable: Vec<&personal_recipient::Model> =
        recipients.iter().filter(|r| !errors.contains_key(&r.student_id)).collect();

    // Each student's conversation with the sender: the one they have, or a new one.
    let mut conv_of = existing_conversations(txn, &send).await?;
    let missing: Vec<i64> = reachable.iter().map(|r| r.student_id).filter(|s| !conv_of.contains_key(s)).collect();
    for chunk in missing.chunks(300) {
        let convs = chunk.iter().map(|_| conversation::ActiveModel {
            course_id: Set(send.course_id),
            created_at: Set(now),
            last_message_at: Set(now),
            ..Default::default()
        });
        // Returned in the order inserted, as the demo's seeding relies on too.
        let ids = conversation::Entity::insert_many(convs).exec_with_returning_keys(txn).await?;
        let mut members = vec![];
        for (student, conv) in chunk.iter().zip(ids) {
            conv_of.insert(*student, conv);
            for user in [send.sender_id, *student] {
                members.push(conversation_member::ActiveModel {
                    conversation_id: Set(conv),
                    user_id: Set(user),
                    last_read_at: Set(if user == send.sender_id { now } else { 0 }),
                    ..Default::default()
                });
            }
        }
        conversation_member::Entity::insert_many(members).exec_without_returning(txn).await?;
    }

    // The messages, then the conversations moved up and read by their writer.
    let messages: Vec<(i64, &str)> = reachable.iter().map(|r| (conv_of[&r.student_id], r.body.as_str())).collect();
    let message_of = super::rows::insert_messages(txn, send.sender_id, now, &messages).await?;
    for chunk in reachable.chunks(300) {
        let convs: Vec<i64> = chunk.iter().map(|r| conv_of[&r.student_id]).collect();
        conversation::Entity::update_many()
            .col_expr(conversation::Column::LastMessageAt, Expr::value(now))
            .filter(conversation::Column::Id.is_in(convs.clone()))
            .exec(txn)
            .await?;
        conversation_member::Entity::update_many()
            .col_expr(conversation_member::Column::LastReadAt, Expr::value(now))
            .filter(conversation_member::Column::ConversationId.is_in(convs))
            .filter(conversation_member::Column::UserId.eq(send.sender_id))
            .exec(txn)
            .await?;
    }

    // The emails, each with the way back into the conversation.
    let emails: Vec<OutgoingEmail> = reachable
        .iter()
        .map(|r| {
            let (address, locale) = people.addresses[&r.student_id].clone();
            let link = format!("{base}/courses/{}/messages/{}", send.course_id, conv_of[&r.student_id]);
            let footer = crate::i18n::message(
                crate::i18n::Locale::parse(&locale).unwrap_or_default(),
                "personal-email-footer",
                &[("sender", &sender_name), ("course", &course_title), ("link", &link)],
            );
            OutgoingEmail {
                to_address: address,
                to_user_id: Some(r.student_id),
                subject: r.subject.clone(),
                body_text: format!("{}\n\n-- \n{footer}\n", r.body_text),
            }
        })
        .collect();
    let email_of: HashMap<i64, i64> =
        mailer.queue_returning(txn, emails).await?.into_iter().filter_map(|e| Some((e.to_user_id?, e.id))).collect();

    // What became of each recipient, written back in a few statements.
    let rendered: Vec<personal_recipient::Model> = recipients
        .into_iter()
        .map(|r| {
            let conv = conv_of.get(&r.student_id).copied().filter(|_| !errors.contains_key(&r.student_id));
            personal_recipient::Model {
                conversation_id: conv,
                message_id: conv.and_then(|c| message_of.get(&c).copied()),
                email_id: email_of.get(&r.student_id).copied().filter(|_| conv.is_some()),
                error: errors.get(&r.student_id).map(|e| e.to_string()),
                ..r
            }
        })
        .collect();
    personal_recipient::Entity::delete_many().filter(personal_recipient::Column::SendId.eq(send_id)).exec(txn).await?;
    super::rows::insert_recipients(txn, &rendered).await?;
    // The messages are contacts: the radar's job records them in the ledger.
    crate::presence::request_refresh(txn, send.course_id, &format!("personal-{send_id}"), now).await?;
    Ok(true)
}

struct People {
    sender_name: String,
    course_title: String,
    /// Active students among the recipients: address and language.
    addresses: HashMap<i64, (String, String)>,
    /// Recipients who blocked the sender.
    blocking: HashSet<i64>,
}

async fn people(db: &impl ConnectionTrait, send: &personal_send::Model) -> Result<People, DbErr> {
    let s = || vec![Value::from(send.id)];
    let named = all(
        db,
        "SELECT u.name AS name, c.title AS title FROM users u, courses c WHERE u.id = $1 AND c.id = $2",
        vec![send.sender_id.into(), send.course_id.into()],
    )
    .await?;
    let (sender_name, course_title) = match named.first() {
        Some(r) => (r.try_get("", "name")?, r.try_get("", "title")?),
        None => (String::new(), String::new()),
    };
    let mut addresses = HashMap::new();
    for r in all(
        db,
        "SELECT u.id AS id, u.email AS email, u.locale AS locale FROM personal_recipients r \
         JOIN personal_sends s ON s.id = r.send_id JOIN users u ON u.id = r.student_id \
         JOIN memberships m ON m.user_id = r.student_id AND m.course_id = s.course_id \
         WHERE r.send_id = $1 AND m.role = 'student' AND m.state = 'active' AND u.deactivated_at IS NULL",
        s(),
    )
    .await?
    {
        addresses.insert(r.try_get::<i64>("", "id")?, (r.try_get("", "email")?, r.try_get("", "locale")?));
    }
    let mut blocking = HashSet::new();
    for r in all(
        db,
        "SELECT b.user_id AS id FROM blocks b JOIN personal_recipients r ON r.student_id = b.user_id \
         JOIN personal_sends s ON s.id = r.send_id WHERE r.send_id = $1 AND b.blocked_id = s.sender_id",
        s(),
    )
    .await?
    {
        blocking.insert(r.try_get::<i64>("", "id")?);
    }
    Ok(People { sender_name, course_title, addresses, blocking })
}

/// The sender's conversations in the course with exactly one other person, by that person.
/// Set-based: the sender's two-person conversations are found by one grouped pass over
/// their own memberships (no count per conversation).
async fn existing_conversations(
    db: &impl ConnectionTrait,
    send: &personal_send::Model,
) -> Result<HashMap<i64, i64>, DbErr> {
    let rows = all(
        db,
        "SELECT MIN(o.conversation_id) AS conv, o.user_id AS other FROM conversation_members o \
         JOIN (SELECT n.conversation_id AS id FROM conversation_members me \
               JOIN conversations c ON c.id = me.conversation_id AND c.course_id = $2 \
               JOIN conversation_members n ON n.conversation_id = me.conversation_id \
               WHERE me.user_id = $1 GROUP BY n.conversation_id HAVING COUNT(*) = 2) pair \
           ON pair.id = o.conversation_id \
         WHERE o.user_id <> $1 GROUP BY o.user_id",
        vec![send.sender_id.into(), send.course_id.into()],
    )
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(r.try_get::<i64>("", "other")?, r.try_get::<i64>("", "conv")?);
    }
    Ok(out)
}

//! A personalised message in the demo course: the tutor's week-three check-in, composed
//! with merge fields and conditions and sent through the same code as the compose page,
//! with a few students' replies in their conversations.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::db::entity::{conversation, message, personal_recipient, personal_send};
use crate::mail::Mailer;
use crate::personal::{fields, queries, rules::ComposeForm, send};

const SUBJECT: &str = "How is week three going, {{ first_name }}?";
const BODY: &str = "Hi {{ first_name }},

{% if days_since_posted >= 7 %}
I have not seen you in the forum for a little while. No pressure at all: I would just love to hear how the course is going for you.
{% else %}
Thank you for your posts lately; others have picked up on them too.
{% endif %}
{% if survey.goals %}
You wrote that your goal is \"{{ survey.goals }}\". How is that going?
{% endif %}
{% if group > 0 %}
Your breakout group ({{ group_members }}) meets again on Thursday.
{% endif %}

Ingrid";

const REPLIES: [&str; 3] = [
    "Thanks for checking in! Busy weeks at work, but I am catching up this weekend.",
    "It is going well, the breakout on Thursday really helped.",
    "Honestly a bit overwhelmed. Could we talk for ten minutes?",
];

pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    mailer: &Mailer,
    base_url: &str,
    now: i64,
) -> anyhow::Result<()> {
    let day = 24 * 60 * 60 * 1000;
    let sent_at = now - 3 * day;
    let class = queries::class(txn, course_id).await?;
    let set = fields::field_set(&class.survey_keys);
    let ids: Vec<i64> = class.students.iter().map(|s| s.id).collect();
    let form = ComposeForm {
        subject: SUBJECT.into(),
        body: BODY.into(),
        who: "condition".into(),
        condition: String::new(),
        to: vec![],
    };
    let checked = form.check(&set, &ids).map_err(|e| anyhow::anyhow!("demo message: {e:?}"))?;
    let who = send::recipients(&class, &set, checked.who, &[], &checked.condition, "Europe/Oslo", sent_at)
        .map_err(|e| anyhow::anyhow!("demo message: {e:?}"))?;
    let rendered = send::render_all(&checked.subject, &checked.body, &who, &set, "Europe/Oslo", sent_at)
        .map_err(|e| anyhow::anyhow!("demo message: {e:?}"))?;
    let id = send::create_draft(txn, course_id, tutor_id, &checked, rendered, sent_at).await?;
    personal_send::Entity::update_many()
        .col_expr(personal_send::Column::Status, Expr::value("scheduled"))
        .filter(personal_send::Column::Id.eq(id))
        .exec(txn)
        .await?;
    send::deliver(txn, mailer, base_url, id, sent_at).await?;
    // A few answered.
    let answered = personal_recipient::Entity::find()
        .filter(personal_recipient::Column::SendId.eq(id))
        .order_by_asc(personal_recipient::Column::Id)
        .all(txn)
        .await?;
    for (i, r) in answered.iter().filter(|r| r.conversation_id.is_some()).step_by(7).take(REPLIES.len()).enumerate() {
        let conv = r.conversation_id.unwrap_or_default();
        let at = sent_at + (i as i64 + 1) * 3 * 60 * 60 * 1000;
        message::ActiveModel {
            conversation_id: Set(conv),
            user_id: Set(Some(r.student_id)),
            body: Set(REPLIES[i].into()),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        conversation::Entity::update_many()
            .col_expr(conversation::Column::LastMessageAt, Expr::value(at))
            .filter(conversation::Column::Id.eq(conv))
            .exec(txn)
            .await?;
    }
    Ok(())
}

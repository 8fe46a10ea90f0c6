//! The demo course's weekly messages: this week's voice message from the tutor and last
//! week's, each with its transcript, a few reactions, a student's reply and the tutor's
//! answer, written through the same functions the routes call. The recordings' rows are
//! seeded in the seeding transaction; their sound (a short chime made in code: we ship
//! no recorded voice) is written afterwards by [`write_clips`], as the demo's pictures are.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::db::entity::{course, media};

const PREFIX: &str = "demo-weekly-";
const WEEK: i64 = 7 * 24 * 3_600_000;

const THIS_WEEK: &str = "Hello everyone, and welcome to a new week. This week we move from getting to know each \
other to sharing what we know: each group brings one example of a course that made people feel they belonged. \
I loved reading your reflections last week, especially the ideas about evening learners. Remember the live \
session on Thursday, and do reply here with one thing you want to try this week.";
const LAST_WEEK: &str = "Hi all! This first week is about arriving. Please write your introduction, add a photo or \
a voice clip if you like, and welcome two classmates. There is no wrong way to do this. I am looking forward to \
meeting you all on Thursday.";

async fn clip(db: &impl ConnectionTrait, owner: i64, course_id: i64, n: i64, at: i64) -> Result<i64, DbErr> {
    let m = media::ActiveModel {
        user_id: Set(owner),
        course_id: Set(Some(course_id)),
        kind: Set("audio".into()),
        purpose: Set(super::PURPOSE.into()),
        content_type: Set("audio/wav".into()),
        size: Set(0),
        sha256: Set(String::new()),
        storage_key: Set(format!("{PREFIX}{course_id}-{n}")),
        has_thumb: Set(false),
        created_at: Set(at),
        duration_ms: Set(Some(CLIP_MS)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(m.id)
}

/// Seed last week's and this week's messages, reactions and replies.
pub async fn seed(
    txn: &impl ConnectionTrait,
    course: &course::Model,
    tutor: i64,
    students: &[i64],
    now: i64,
) -> Result<(), DbErr> {
    let draft = |title: &str, transcript: &str, body: &str| super::rules::Draft {
        title: title.into(),
        transcript: transcript.into(),
        body: body.into(),
    };
    let last_at = now - WEEK;
    let last_week = super::rules::week_of(last_at, &course.time_zone).week;
    let title = format!("Week {}", super::rules::title_number(&course.start_date, last_week));
    let c = clip(txn, tutor, course.id, 1, last_at).await?;
    let d = draft(&title, LAST_WEEK, "Introductions are open until Friday.");
    let (last, _) = super::post_in(txn, course, tutor, &d, Some(("voice", c)), last_at).await?;
    // This week's went out an hour ago (or at the start of the week, if that is later);
    // the class answered since.
    let this_week = super::rules::week_of(now, &course.time_zone);
    let at = (now - 3_600_000).max(this_week.start_ms);
    let step = (now - at) / 5;
    let title = format!("Week {}", super::rules::title_number(&course.start_date, this_week.week));
    let c = clip(txn, tutor, course.id, 2, at).await?;
    let d = draft(&title, THIS_WEEK, "Live session on Thursday at 18:00 (Oslo time).");
    let (this, _) = super::post_in(txn, course, tutor, &d, Some(("voice", c)), at).await?;
    for (i, s) in students.iter().take(5).enumerate() {
        let emoji = super::rules::EMOJIS[i % 3];
        super::queries::toggle_reaction(txn, this.id, *s, emoji, at + step).await?;
        super::queries::toggle_reaction(txn, last.id, *s, "👍", last_at + 3_600_000).await?;
    }
    let (Some(first), Some(second)) = (students.first(), students.get(1)) else { return Ok(()) };
    let Some(m) = super::queries::message(txn, course.id, this.id).await? else { return Ok(()) };
    let asked = super::reply_in(
        txn,
        &m,
        *first,
        false,
        None,
        "Thank you! I want to try a two-minute voice check-in at the start of my Tuesday class.",
        at + 2 * step,
    )
    .await?;
    let student = Some(crate::policy::Role::Student.as_str().to_string());
    super::reply_in(
        txn,
        &m,
        tutor,
        true,
        Some((asked, *first, student)),
        "Lovely idea. Tell us on Thursday how it went!",
        at + 3 * step,
    )
    .await?;
    super::reply_in(txn, &m, *second, false, None, "Looking forward to Thursday.", at + 4 * step).await?;
    Ok(())
}

/// How long the demo's chime plays.
const CLIP_MS: i64 = 3_000;
const RATE: u32 = 8_000;

/// A short chime as a WAV file (8 kHz, 16-bit mono): two soft notes that fade.
pub fn chime() -> Vec<u8> {
    let samples = (RATE as i64 * CLIP_MS / 1000) as usize;
    let mut data = Vec::with_capacity(samples * 2);
    for i in 0..samples {
        let t = i as f64 / RATE as f64;
        let (freq, start) = if t < 1.2 { (523.25, 0.0) } else { (659.25, 1.2) };
        let fade = (-(t - start) * 2.5).exp();
        let v = (2.0 * std::f64::consts::PI * freq * t).sin() * fade * 0.3;
        data.extend_from_slice(&((v * i16::MAX as f64) as i16).to_le_bytes());
    }
    let mut out = Vec::with_capacity(44 + data.len());
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// Write the demo's recordings that are missing (at each demo start) and record their sizes.
pub async fn write_clips(config: &crate::config::Config, db: &DatabaseConnection) -> anyhow::Result<()> {
    let rows = media::Entity::find().filter(media::Column::StorageKey.starts_with(PREFIX)).all(db).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let dir = config.data_path("media");
    tokio::fs::create_dir_all(&dir).await?;
    let bytes = chime();
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    for m in rows {
        if !tokio::fs::try_exists(dir.join(&m.storage_key)).await.unwrap_or(false) {
            tokio::fs::write(dir.join(&m.storage_key), &bytes).await?;
        }
        if m.size == 0 {
            media::Entity::update_many()
                .col_expr(media::Column::Size, Expr::value(bytes.len() as i64))
                .col_expr(media::Column::Sha256, Expr::value(sha.clone()))
                .filter(media::Column::Id.eq(m.id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::media::sniff::{Format, sniff};

    #[test]
    fn the_chime_is_a_wav_file() {
        let w = super::chime();
        assert_eq!(sniff(&w), Some(Format::Wav));
        assert_eq!(w.len(), 44 + 8_000 * 3 * 2);
    }
}

//! The demo course's attachments and files area: a picture and a PDF on forum posts, and
//! folders ("Week 1", "Readings") with a course overview, a reading list and a student's
//! upload. Like the faces, the rows are seeded in the seeding transaction and the bytes
//! are drawn and written afterwards by [`write_files`] (seeding knows no data directory).

use std::io::Write;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::db::entity::{
    course_file, file_folder, file_setting, forum_attachment, forum_post, forum_space, forum_thread, media,
};
use crate::groups::planning::Person;

const PREFIX: &str = "demo-file-";

/// What each demo file is: its storage key suffix, kind, content type, name.
struct Demo {
    key: &'static str,
    kind: &'static str,
    content_type: &'static str,
    name: &'static str,
}

const LAKE: Demo = Demo { key: "lake", kind: "image", content_type: "image/jpeg", name: "lake.jpg" };
const CHART: Demo = Demo { key: "chart", kind: "image", content_type: "image/jpeg", name: "my-week.jpg" };
const OVERVIEW: Demo =
    Demo { key: "overview", kind: "file", content_type: "application/pdf", name: "Course overview.pdf" };
const WEEK1: Demo = Demo { key: "week1", kind: "file", content_type: "application/pdf", name: "Week 1 plan.pdf" };
const READINGS: Demo =
    Demo { key: "readings", kind: "file", content_type: "text/plain; charset=utf-8", name: "Reading list.txt" };
const SUMMARY: Demo =
    Demo { key: "summary", kind: "file", content_type: "text/plain; charset=utf-8", name: "Group summary.txt" };

async fn media_row(
    txn: &impl ConnectionTrait,
    d: &Demo,
    owner: i64,
    course_id: i64,
    purpose: &str,
    at: i64,
) -> Result<media::Model, sea_orm::DbErr> {
    media::ActiveModel {
        user_id: Set(owner),
        course_id: Set(Some(course_id)),
        kind: Set(d.kind.into()),
        purpose: Set(purpose.into()),
        content_type: Set(d.content_type.into()),
        size: Set(0),
        sha256: Set(String::new()),
        // The same document may be both attached and in the files area: two stored copies.
        storage_key: Set(format!(
            "{PREFIX}{}-{}-{course_id}",
            d.key,
            if purpose == crate::files::PURPOSE { "f" } else { "a" }
        )),
        has_thumb: Set(d.kind == "image"),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// The first opening post in the course's space with this default key, if any.
async fn opening_post(
    txn: &impl ConnectionTrait,
    course_id: i64,
    key: &str,
) -> Result<Option<forum_post::Model>, sea_orm::DbErr> {
    let Some(space) = forum_space::Entity::find()
        .filter(forum_space::Column::CourseId.eq(course_id))
        .filter(forum_space::Column::DefaultKey.eq(key))
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    let Some(thread) = forum_thread::Entity::find()
        .filter(forum_thread::Column::SpaceId.eq(space.id))
        .order_by_asc(forum_thread::Column::Id)
        .one(txn)
        .await?
    else {
        return Ok(None);
    };
    forum_post::Entity::find()
        .filter(forum_post::Column::ThreadId.eq(thread.id))
        .filter(forum_post::Column::Opening.eq(true))
        .one(txn)
        .await
}

async fn attach(
    txn: &impl ConnectionTrait,
    post: &forum_post::Model,
    d: &Demo,
    description: &str,
    position: i32,
) -> Result<(), sea_orm::DbErr> {
    let Some(owner) = post.author_id else { return Ok(()) };
    let m = media_row(txn, d, owner, post.course_id, crate::forum::attachments::PURPOSE, post.created_at).await?;
    forum_attachment::ActiveModel {
        post_id: Set(post.id),
        course_id: Set(post.course_id),
        user_id: Set(owner),
        media_id: Set(m.id),
        kind: Set(d.kind.into()),
        name: Set(d.name.into()),
        size: Set(0),
        description: Set(description.into()),
        position: Set(position),
        created_at: Set(post.created_at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn file(
    txn: &impl ConnectionTrait,
    course_id: i64,
    folder: Option<i64>,
    owner: i64,
    d: &Demo,
    at: i64,
) -> Result<(), sea_orm::DbErr> {
    let m = media_row(txn, d, owner, course_id, crate::files::PURPOSE, at).await?;
    course_file::ActiveModel {
        course_id: Set(course_id),
        folder_id: Set(folder),
        user_id: Set(owner),
        media_id: Set(m.id),
        kind: Set(d.kind.into()),
        name: Set(d.name.into()),
        size: Set(0),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

async fn folder(
    txn: &impl ConnectionTrait,
    course_id: i64,
    name: &str,
    by: i64,
    at: i64,
) -> Result<i64, sea_orm::DbErr> {
    Ok(file_folder::ActiveModel {
        course_id: Set(course_id),
        parent_id: Set(None),
        name: Set(name.into()),
        created_by: Set(Some(by)),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?
    .id)
}

/// Seed after the forum: attachments on two opening posts and the files area.
pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    people: &[Person],
    now: i64,
) -> anyhow::Result<()> {
    const DAY: i64 = 24 * 3_600_000;
    if let Some(p) = opening_post(txn, course_id, "coffee").await? {
        attach(txn, &p, &LAKE, "A calm lake at sunset with green hills and an orange sun", 0).await?;
        attach(txn, &p, &CHART, "A bar chart of my study hours: most on Tuesday and Thursday evenings", 1).await?;
    }
    if let Some(p) = opening_post(txn, course_id, "announcements").await? {
        attach(txn, &p, &WEEK1, "", 0).await?;
    }
    file_setting::ActiveModel { course_id: Set(course_id), students_upload: Set(true) }.insert(txn).await?;
    let week1 = folder(txn, course_id, "Week 1", tutor_id, now - 26 * DAY).await?;
    let readings = folder(txn, course_id, "Readings", tutor_id, now - 26 * DAY).await?;
    file(txn, course_id, None, tutor_id, &OVERVIEW, now - 26 * DAY).await?;
    file(txn, course_id, Some(week1), tutor_id, &WEEK1, now - 25 * DAY).await?;
    file(txn, course_id, Some(readings), tutor_id, &READINGS, now - 25 * DAY).await?;
    if let Some(student) = people.get(2) {
        file(txn, course_id, Some(week1), student.user_id, &SUMMARY, now - 18 * DAY).await?;
    }
    Ok(())
}

/// The bytes of a demo file and, for pictures, the preview.
fn generate(key: &str) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
    let picture = |img: image::RgbImage| {
        let img = image::DynamicImage::ImageRgb8(img);
        let big = crate::media::picture::jpeg(&img).ok()?;
        let small =
            crate::media::picture::jpeg(&crate::media::picture::fit(&img, crate::media::picture::FIT_THUMB)).ok()?;
        Some((big, Some(small)))
    };
    match key {
        "lake" => picture(lake(800, 500)),
        "chart" => picture(chart(640, 400)),
        "overview" => Some((
            pdf(&[
                "Flexible Learning in Practice",
                "Course overview",
                "",
                "Week 1: getting to know each other and the platform.",
                "Week 2: flexibility - what it means for you and your learners.",
                "Week 3: designing a flexible activity together in groups.",
                "",
                "Live sessions on Wednesdays; questions answered within a day.",
            ]),
            None,
        )),
        "week1" => Some((
            pdf(&[
                "Week 1 plan",
                "",
                "1. Introduce yourself in Introductions (a photo helps).",
                "2. Fill in the start-of-course survey.",
                "3. Put a note on the expectations board.",
                "4. Meet your partner for a short video call.",
            ]),
            None,
        )),
        "readings" => Some((
            "Reading list\n\n\
             Week 1: Bates, Teaching in a Digital Age, chapter 4.\n\
             Week 2: Garrison, E-Learning in the 21st Century, chapter 3.\n\
             Week 3: Salmon, E-tivities, chapters 1 and 2.\n"
                .as_bytes()
                .to_vec(),
            None,
        )),
        "summary" => Some((
            "Our group's summary of week 1\n\n\
             - We all work full time, so evenings and weekends suit us.\n\
             - Two of us have taught online before; two are new to it.\n\
             - We want to try a shared reading log next week.\n"
                .as_bytes()
                .to_vec(),
            None,
        )),
        _ => None,
    }
}

/// A lake at sunset: sky gradient, sun, hills and water with the sun's reflection.
pub fn lake(w: u32, h: u32) -> image::RgbImage {
    let horizon = h * 3 / 5;
    let (sx, sy, sr) = (w as f32 * 0.68, horizon as f32 * 0.72, h as f32 * 0.09);
    image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let hill = horizon as f32 - (h as f32 * 0.12) * (1.0 + (fx / w as f32 * 7.0).sin()) / 2.0;
        if y < horizon {
            let d = ((fx - sx).powi(2) + (fy - sy).powi(2)).sqrt();
            if d < sr {
                return image::Rgb([255, 190, 60]);
            }
            if fy > hill {
                return image::Rgb([40, 90, 50]);
            }
            let t = fy / horizon as f32;
            image::Rgb([
                (250.0 * t + 60.0 * (1.0 - t)) as u8,
                (140.0 * t + 80.0 * (1.0 - t)) as u8,
                (90.0 * (1.0 - t) + 70.0) as u8,
            ])
        } else {
            let glint = (fx - sx).abs() < sr * (1.0 - (fy - horizon as f32) / (h - horizon) as f32) && (y / 6) % 2 == 0;
            if glint { image::Rgb([240, 170, 70]) } else { image::Rgb([30, 70, 110]) }
        }
    })
}

/// A bar chart of a week's study hours.
pub fn chart(w: u32, h: u32) -> image::RgbImage {
    const HOURS: [u32; 7] = [1, 3, 1, 3, 0, 2, 2];
    let bar = w / 9;
    image::RgbImage::from_fn(w, h, |x, y| {
        let base = h - h / 8;
        if y == base || (x == bar / 2 && y <= base) {
            return image::Rgb([40, 40, 40]);
        }
        let slot = x / bar;
        if (1..=7).contains(&slot) && x % bar > bar / 5 && x % bar < bar * 4 / 5 {
            let top = base - HOURS[(slot - 1) as usize] * (base - h / 8) / 3;
            if y >= top && y < base {
                return image::Rgb([40, 110, 170]);
            }
        }
        image::Rgb([250, 250, 245])
    })
}

/// A one-page PDF with the lines in Helvetica, with a correct cross-reference table.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 14 Tf 72 760 Td 18 TL\n");
    for l in lines {
        let escaped: String = l
            .chars()
            .filter(|c| c.is_ascii())
            .map(|c| if matches!(c, '(' | ')' | '\\') { format!("\\{c}") } else { c.to_string() })
            .collect();
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{o}\nendobj\n", i + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out
}

/// Write the demo files that are missing (at each demo start) and record their sizes.
pub async fn write_files(config: &crate::config::Config, db: &DatabaseConnection) -> anyhow::Result<()> {
    let rows = media::Entity::find().filter(media::Column::StorageKey.starts_with(PREFIX)).all(db).await?;
    let dir = config.data_path("media");
    tokio::fs::create_dir_all(&dir).await?;
    for m in rows {
        if tokio::fs::try_exists(dir.join(&m.storage_key)).await.unwrap_or(false) {
            continue;
        }
        let key = m.storage_key.trim_start_matches(PREFIX).split('-').next().unwrap_or_default().to_string();
        let Some((bytes, thumb)) = tokio::task::spawn_blocking(move || generate(&key)).await? else { continue };
        tokio::fs::write(dir.join(&m.storage_key), &bytes).await?;
        if let Some(t) = thumb {
            tokio::fs::write(dir.join(format!("{}.thumb", m.storage_key)), &t).await?;
        }
        let size = bytes.len() as i64;
        forum_attachment::Entity::update_many()
            .col_expr(forum_attachment::Column::Size, Expr::value(size))
            .filter(forum_attachment::Column::MediaId.eq(m.id))
            .exec(db)
            .await?;
        course_file::Entity::update_many()
            .col_expr(course_file::Column::Size, Expr::value(size))
            .filter(course_file::Column::MediaId.eq(m.id))
            .exec(db)
            .await?;
        let mut a: media::ActiveModel = m.into();
        a.size = Set(size);
        a.sha256 = Set(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)));
        a.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::sniff::{Format, sniff};

    #[test]
    fn generated_files_are_what_they_claim() {
        for key in ["lake", "chart", "overview", "week1", "readings", "summary"] {
            let (bytes, thumb) = generate(key).unwrap();
            let f = sniff(&bytes).unwrap();
            let want = match key {
                "lake" | "chart" => Format::Jpeg,
                "overview" | "week1" => Format::Pdf,
                _ => Format::Text,
            };
            assert_eq!(f, want, "{key}");
            assert_eq!(thumb.is_some(), f == Format::Jpeg);
        }
        let doc = pdf(&["Hello (world)"]);
        let text = String::from_utf8_lossy(&doc);
        assert!(text.contains("(Hello \\(world\\)) Tj"));
        // The cross-reference table points at each object.
        let xref: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[xref..].starts_with("xref"));
        let first: usize = text[xref..].lines().nth(3).unwrap()[..10].parse().unwrap();
        assert!(text[first..].starts_with("1 0 obj"));
    }
}

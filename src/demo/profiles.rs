//! The demo's profiles and introductions: most students filled in their profile and
//! introduced themselves, a few have not (so the tutor's "not introduced yet" list and
//! nudge have someone to show), and the tutor's introduction is pinned. Faces are drawn
//! in code: a silhouette on each person's own colour.

use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::db::entity::{introduction, introduction_reply, media, profile_detail};
use crate::groups::planning::Person;
use crate::profiles::visibility::{Choices, Field, Visibility};

const FACE_PREFIX: &str = "demo-face-";

const PRONOUNS: [&str; 4] = ["she/her", "he/him", "they/them", ""];
const INTERESTS: [&str; 14] = [
    "hiking",
    "photography",
    "chess",
    "podcasts",
    "gardening",
    "choir",
    "running",
    "game-based learning",
    "accessibility",
    "open educational resources",
    "cooking",
    "knitting",
    "cycling",
    "languages",
];
const HOPES: [&str; 5] = [
    "Activities that make a large online class feel small.",
    "How to get quiet students talking without putting them on the spot.",
    "Better group work across time zones.",
    "Keeping people going in week five, when life gets busy.",
    "Ideas I can try with my own learners next month.",
];
const USES: [&str; 4] = [
    "I am redesigning our onboarding course for new staff.",
    "I teach a blended course and want the online weeks to feel less lonely.",
    "I will share what works with my team.",
    "I start teaching online in the spring and want a head start.",
];
const OPENERS: [&str; 5] = [
    "Hello everyone! I'm {name} and I work at {org}.",
    "Hi all, {name} here, joining from {place}.",
    "Greetings from {place}! I'm {name}.",
    "Hei! My name is {name}, and I'm with {org}.",
    "Good to meet you all. I'm {name} from {org}.",
];
const WELCOMES: [&str; 6] = [
    "Welcome!",
    "Great to have you here!",
    "Hello from Oslo!",
    "Nice to meet you!",
    "Welcome aboard :)",
    "Hi, neighbour!",
];

/// The place part of a time zone: "America/Sao_Paulo" is "Sao Paulo".
fn place(zone: &str) -> String {
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}

/// Profiles and introductions for the demo course, in the seed's transaction.
#[allow(clippy::too_many_arguments)]
pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    ta_id: i64,
    students: &[Person],
    at: i64,
    rng: &mut StdRng,
) -> anyhow::Result<()> {
    let mut ids = vec![tutor_id, ta_id];
    ids.extend(students.iter().map(|s| s.user_id));
    let zones: std::collections::HashMap<i64, String> =
        crate::groups::queries::people(txn, &ids).await?.into_iter().map(|(id, u)| (id, u.time_zone)).collect();
    let hour = 60 * 60 * 1000;
    let tutor_intro = introduction::ActiveModel {
        course_id: Set(course_id),
        user_id: Set(tutor_id),
        body: Set("Welcome to Flexible Learning in Practice! I'm Ingrid, and I have taught online and blended courses at the University of Bergen for twelve years.\n\nI love courses where people really get to know each other, so over the next eight weeks we will try out the very activities we study. Please introduce yourself below: where you are, what you do, and one thing you hope to take away. A photo or a short voice clip is very welcome.".into()),
        photo_id: Set(None),
        clip_id: Set(None),
        transcript: Set(String::new()),
        pinned: Set(true),
        created_at: Set(at - 72 * hour),
        updated_at: Set(at - 72 * hour),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    introduction::ActiveModel {
        course_id: Set(course_id),
        user_id: Set(ta_id),
        body: Set("Hola! I'm Tomás, the teaching assistant. I'll be around in the forums and the live sessions, mostly in Madrid time. Ask me anything about the tools.".into()),
        photo_id: Set(None),
        clip_id: Set(None),
        transcript: Set(String::new()),
        pinned: Set(true),
        created_at: Set(at - 70 * hour),
        updated_at: Set(at - 70 * hour),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut face_for = vec![tutor_id, ta_id];
    face_for.extend(students.iter().map(|s| s.user_id));
    for (i, uid) in face_for.iter().enumerate() {
        // Most have a photo; a few keep the initials.
        if i % 5 == 3 {
            continue;
        }
        let m = media::ActiveModel {
            user_id: Set(*uid),
            course_id: Set(None),
            kind: Set("image".into()),
            purpose: Set(crate::profiles::PURPOSE_PHOTO.into()),
            content_type: Set("image/jpeg".into()),
            size: Set(0),
            sha256: Set(String::new()),
            storage_key: Set(format!("{FACE_PREFIX}{uid}")),
            has_thumb: Set(true),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let mut choices = Choices::default();
        if i % 7 == 6 {
            choices.set(Field::Location, Visibility::Tutors);
        }
        let (interests, hope, using) = if *uid == tutor_id || *uid == ta_id {
            ("online pedagogy; hiking".to_string(), String::new(), String::new())
        } else {
            let a = INTERESTS[rng.random_range(0..INTERESTS.len())];
            let b = INTERESTS[rng.random_range(0..INTERESTS.len())];
            (format!("{a}; {b}"), HOPES[i % HOPES.len()].to_string(), USES[i % USES.len()].to_string())
        };
        let zone = zones.get(uid).cloned().unwrap_or_default();
        profile_detail::ActiveModel {
            user_id: Set(*uid),
            pronouns: Set(PRONOUNS[i % PRONOUNS.len()].into()),
            name_say: Set(String::new()),
            name_audio_id: Set(None),
            photo_id: Set(Some(m.id)),
            photo_caption: Set(String::new()),
            bio: Set(format!(
                "Based in {}. I design and teach courses for adults and try to make them feel like a community.",
                place(&zone)
            )),
            job: Set(["Lecturer", "Learning designer", "Trainer", "Teacher", "Educational developer"][i % 5].into()),
            location: Set(place(&zone)),
            interests: Set(interests),
            looking_forward: Set(hope),
            use_for: Set(using),
            circumstances_note: Set(String::new()),
            contact: Set("Message me here, or in the live sessions.".into()),
            visibility: Set(choices.to_json()),
            updated_at: Set(at),
        }
        .insert(txn)
        .await?;
    }
    // Every student but a handful has introduced themselves; some were welcomed.
    for (i, s) in students.iter().enumerate() {
        if i % 6 == 5 {
            continue;
        }
        let opener = OPENERS[i % OPENERS.len()]
            .replace("{name}", s.name.split_whitespace().next().unwrap_or(&s.name))
            .replace("{org}", &s.organisation)
            .replace("{place}", &place(zones.get(&s.user_id).map(String::as_str).unwrap_or("")));
        let body = format!("{opener}\n\n{}", HOPES[(i + 2) % HOPES.len()]);
        let intro = introduction::ActiveModel {
            course_id: Set(course_id),
            user_id: Set(s.user_id),
            body: Set(body),
            photo_id: Set(None),
            clip_id: Set(None),
            transcript: Set(String::new()),
            pinned: Set(false),
            created_at: Set(at - (60 - i as i64) * hour),
            updated_at: Set(at - (60 - i as i64) * hour),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if i % 3 != 2 {
            introduction_reply::ActiveModel {
                introduction_id: Set(tutor_intro.id),
                user_id: Set(s.user_id),
                body: Set(format!("Thank you, Ingrid! {}", WELCOMES[i % WELCOMES.len()])),
                created_at: Set(at - (59 - i as i64) * hour),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        if i > 0 && i % 2 == 0 {
            introduction_reply::ActiveModel {
                introduction_id: Set(intro.id),
                user_id: Set(students[i - 1].user_id),
                body: Set(WELCOMES[(i / 2) % WELCOMES.len()].into()),
                created_at: Set(at - (58 - i as i64) * hour),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// A face drawn in code: a head-and-shoulders silhouette on a colour of its own.
pub fn face(seed: i64, side: u32) -> image::RgbImage {
    let hue = ((seed * 47) % 360) as f32;
    let bg = hsl(hue, 0.45, 0.55);
    let fg = hsl(hue, 0.35, 0.9);
    let s = side as f32;
    image::RgbImage::from_fn(side, side, |x, y| {
        let (x, y) = (x as f32 / s, y as f32 / s);
        let head = (x - 0.5).powi(2) + (y - 0.4).powi(2) < 0.18f32.powi(2);
        let shoulders = y > 0.68 && (x - 0.5).powi(2) / 0.34f32.powi(2) + (y - 1.0).powi(2) / 0.32f32.powi(2) < 1.0;
        if head || shoulders { fg } else { bg }
    })
}

fn hsl(h: f32, s: f32, l: f32) -> image::Rgb<u8> {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    image::Rgb([to(r), to(g), to(b)])
}

/// Write the demo's faces into the media folder (the seed records them in the database,
/// which knows nothing of the data directory). Runs at each demo start; only missing
/// files are drawn.
pub async fn write_faces(config: &crate::config::Config, db: &DatabaseConnection) -> anyhow::Result<()> {
    let rows = media::Entity::find().filter(media::Column::StorageKey.starts_with(FACE_PREFIX)).all(db).await?;
    let dir = config.data_path("media");
    tokio::fs::create_dir_all(&dir).await?;
    for m in rows {
        if tokio::fs::try_exists(dir.join(&m.storage_key)).await.unwrap_or(false) {
            continue;
        }
        let seed = m.user_id;
        let (photo, thumb) = tokio::task::spawn_blocking(move || {
            let big = image::DynamicImage::ImageRgb8(face(seed, 256));
            let small = image::DynamicImage::ImageRgb8(face(seed, 96));
            (crate::media::picture::jpeg(&big), crate::media::picture::jpeg(&small))
        })
        .await?;
        let (Ok(photo), Ok(thumb)) = (photo, thumb) else { continue };
        tokio::fs::write(dir.join(&m.storage_key), &photo).await?;
        tokio::fs::write(dir.join(format!("{}.thumb", m.storage_key)), &thumb).await?;
        let mut a: media::ActiveModel = m.into();
        a.size = Set(photo.len() as i64);
        a.sha256 = Set(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&photo)));
        a.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn faces_differ_by_person() {
        let a = super::face(1, 32);
        let b = super::face(2, 32);
        assert_ne!(a.get_pixel(0, 0), b.get_pixel(0, 0));
        assert_eq!(a.get_pixel(16, 13), a.get_pixel(16, 30), "head and shoulders share a colour");
        assert_ne!(a.get_pixel(0, 0), a.get_pixel(16, 13));
    }
}

//! The demo's collage of what a good collaborative environment looks like, and two board
//! notes with a picture. The pictures are drawn in code (simple scenes of shapes), so
//! the demo needs no image files; the seed records them, `write_pictures` draws them
//! into the media folder at each demo start.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::db::entity::{board_column, board_note, collage_item, media};
use crate::groups::planning;

const PREFIX: &str = "demo-scene-";

/// (scene, caption): the collage's pictures, in the order people added them.
const COLLAGE: [(usize, &str); 8] = [
    (0, "A round table where everyone can see each other's faces"),
    (1, "A bridge: we meet halfway when we disagree"),
    (2, "A garden where small things grow week by week"),
    (3, "Many different hands on one shared plan"),
    (4, "A window left open: questions are always welcome"),
    (5, "Stepping stones across a river, one small step at a time"),
    (6, "A quiet corner to think before we talk"),
    (7, "Sunrise over the mountains: starting fresh each week"),
];

/// (scene, description) for the first two notes of the board.
const NOTES: [(usize, &str); 2] = [(0, "A round table of people talking"), (4, "An open window with light coming in")];

fn row(owner: i64, course_id: i64, purpose: &str, key: String, at: i64) -> media::ActiveModel {
    media::ActiveModel {
        user_id: Set(owner),
        course_id: Set(Some(course_id)),
        kind: Set("image".into()),
        purpose: Set(purpose.into()),
        content_type: Set("image/jpeg".into()),
        size: Set(0),
        sha256: Set(String::new()),
        storage_key: Set(key),
        has_thumb: Set(true),
        created_at: Set(at),
        ..Default::default()
    }
}

pub async fn seed(
    txn: &impl ConnectionTrait,
    course_id: i64,
    tutor_id: i64,
    people: &[planning::Person],
    at: i64,
) -> anyhow::Result<()> {
    let hour = 3_600_000;
    for (i, (scene, caption)) in COLLAGE.iter().enumerate() {
        let owner =
            if i == 0 { tutor_id } else { people.get(i * 4 % people.len().max(1)).map_or(tutor_id, |p| p.user_id) };
        let when = at + i as i64 * 5 * hour;
        let m =
            row(owner, course_id, crate::collage::PURPOSE, format!("{PREFIX}{scene}-c{i}"), when).insert(txn).await?;
        collage_item::ActiveModel {
            course_id: Set(course_id),
            user_id: Set(owner),
            media_id: Set(m.id),
            caption: Set(caption.to_string()),
            created_at: Set(when),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let columns: Vec<i64> = board_column::Entity::find()
        .filter(board_column::Column::CourseId.eq(course_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let notes = board_note::Entity::find()
        .filter(board_note::Column::ColumnId.is_in(columns))
        .order_by_asc(board_note::Column::Id)
        .all(txn)
        .await?;
    for (note, (scene, alt)) in notes.into_iter().skip(1).step_by(3).zip(NOTES) {
        let m = row(note.user_id, course_id, crate::board::PURPOSE_IMAGE, format!("{PREFIX}{scene}-n{}", note.id), at)
            .insert(txn)
            .await?;
        let mut a: board_note::ActiveModel = note.into();
        a.image_id = Set(Some(m.id));
        a.image_alt = Set(alt.to_string());
        a.update(txn).await?;
    }
    Ok(())
}

/// The scene number from a storage key like `demo-scene-3-c2`.
fn scene_of(key: &str) -> Option<usize> {
    key.strip_prefix(PREFIX)?.split('-').next()?.parse().ok()
}

/// Write the demo's pictures into the media folder; only missing files are drawn.
pub async fn write_pictures(config: &crate::config::Config, db: &DatabaseConnection) -> anyhow::Result<()> {
    let rows = media::Entity::find().filter(media::Column::StorageKey.starts_with(PREFIX)).all(db).await?;
    let dir = config.data_path("media");
    tokio::fs::create_dir_all(&dir).await?;
    for m in rows {
        let Some(n) = scene_of(&m.storage_key) else { continue };
        if tokio::fs::try_exists(dir.join(&m.storage_key)).await.unwrap_or(false) {
            continue;
        }
        let (photo, thumb) = tokio::task::spawn_blocking(move || {
            let big = image::DynamicImage::ImageRgb8(scene(n, 512));
            let small = image::DynamicImage::ImageRgb8(scene(n, 96));
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

type Rgb = image::Rgb<u8>;

const fn rgb(r: u8, g: u8, b: u8) -> Rgb {
    image::Rgb([r, g, b])
}

/// One of eight scenes, drawn on a unit square and sampled at `side` pixels.
pub fn scene(n: usize, side: u32) -> image::RgbImage {
    let s = side as f32;
    image::RgbImage::from_fn(side, side, |px, py| {
        let (x, y) = ((px as f32 + 0.5) / s, (py as f32 + 0.5) / s);
        paint(n % 8, x, y)
    })
}

fn circle(x: f32, y: f32, cx: f32, cy: f32, r: f32) -> bool {
    (x - cx).powi(2) + (y - cy).powi(2) < r * r
}

fn sky(y: f32, top: Rgb, bottom: Rgb) -> Rgb {
    let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * y).round() as u8;
    rgb(mix(top[0], bottom[0]), mix(top[1], bottom[1]), mix(top[2], bottom[2]))
}

fn paint(n: usize, x: f32, y: f32) -> Rgb {
    match n {
        // A round table with six people around it.
        0 => {
            if circle(x, y, 0.5, 0.5, 0.2) {
                return rgb(150, 100, 60);
            }
            for k in 0..6 {
                let a = k as f32 * std::f32::consts::TAU / 6.0;
                if circle(x, y, 0.5 + 0.32 * a.cos(), 0.5 + 0.32 * a.sin(), 0.07) {
                    return [rgb(230, 90, 80), rgb(80, 150, 220), rgb(240, 190, 60)][k % 3];
                }
            }
            rgb(245, 238, 225)
        }
        // A bridge over water.
        1 => {
            let arch = y > 0.55 && (x - 0.5).powi(2) / 0.16 + (y - 0.95).powi(2) / 0.16 > 1.0 && y < 0.62;
            if arch || (y > 0.52 && y < 0.56 && x > 0.1 && x < 0.9) {
                return rgb(120, 80, 50);
            }
            if y > 0.62 { rgb(60, 120, 180) } else { sky(y, rgb(170, 210, 240), rgb(230, 240, 250)) }
        }
        // A garden: stems and flowers of different heights.
        2 => {
            for k in 0..5 {
                let cx = 0.15 + k as f32 * 0.175;
                let top = 0.35 + (k % 3) as f32 * 0.12;
                if circle(x, y, cx, top, 0.06) {
                    return [rgb(240, 110, 140), rgb(250, 200, 60), rgb(170, 110, 220)][k % 3];
                }
                if (x - cx).abs() < 0.012 && y > top && y < 0.8 {
                    return rgb(60, 140, 70);
                }
            }
            if y > 0.8 { rgb(110, 80, 50) } else { rgb(225, 240, 220) }
        }
        // Many hands (coloured palms) around one plan (a sheet).
        3 => {
            if x > 0.35 && x < 0.65 && y > 0.3 && y < 0.7 {
                let line = ((y - 0.3) * 20.0).fract() < 0.15 && x > 0.39 && x < 0.61;
                return if line { rgb(120, 120, 140) } else { rgb(255, 255, 250) };
            }
            for (k, (cx, cy)) in
                [(0.2, 0.2), (0.8, 0.2), (0.2, 0.8), (0.8, 0.8), (0.5, 0.12), (0.5, 0.88)].iter().enumerate()
            {
                if circle(x, y, *cx, *cy, 0.09) {
                    return [rgb(200, 150, 110), rgb(120, 80, 50), rgb(240, 200, 170)][k % 3];
                }
            }
            rgb(90, 160, 150)
        }
        // An open window with light.
        4 => {
            let frame = (x > 0.2 && x < 0.8 && y > 0.15 && y < 0.85)
                && ((x - 0.5).abs() < 0.02
                    || (y - 0.5).abs() < 0.02
                    || !(0.24..=0.76).contains(&x)
                    || !(0.19..=0.81).contains(&y));
            if frame {
                return rgb(250, 250, 250);
            }
            if x > 0.2 && x < 0.8 && y > 0.15 && y < 0.85 {
                return sky(y, rgb(120, 190, 250), rgb(255, 230, 150));
            }
            rgb(200, 120, 90)
        }
        // Stepping stones across a river.
        5 => {
            for k in 0..5 {
                if circle(x, y, 0.12 + k as f32 * 0.19, 0.5 + if k % 2 == 0 { 0.06 } else { -0.06 }, 0.07) {
                    return rgb(150, 150, 150);
                }
            }
            if y > 0.3 && y < 0.7 { rgb(70, 140, 200) } else { rgb(120, 180, 90) }
        }
        // A quiet corner: an armchair and a lamp.
        6 => {
            if circle(x, y, 0.75, 0.3, 0.08) {
                return rgb(255, 220, 120);
            }
            if (x - 0.75).abs() < 0.01 && y > 0.3 && y < 0.8 {
                return rgb(60, 60, 60);
            }
            let chair = (x > 0.2 && x < 0.55 && y > 0.55 && y < 0.8) || (x > 0.2 && x < 0.3 && y > 0.35 && y < 0.8);
            if chair {
                return rgb(90, 110, 170);
            }
            if y > 0.8 { rgb(160, 120, 80) } else { rgb(235, 225, 210) }
        }
        // Sunrise over mountains.
        _ => {
            let peak = |cx: f32, h: f32| y > 1.0 - h + (x - cx).abs() * 1.2;
            if peak(0.3, 0.55) || peak(0.7, 0.45) {
                return rgb(80, 90, 110);
            }
            if circle(x, y, 0.5, 0.62, 0.14) {
                return rgb(255, 200, 80);
            }
            sky(y, rgb(250, 150, 120), rgb(255, 225, 180))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_scene_is_a_picture_of_its_own() {
        let scenes: Vec<_> = (0..8).map(|n| super::scene(n, 24)).collect();
        for (i, a) in scenes.iter().enumerate() {
            let colours: std::collections::HashSet<_> = a.pixels().collect();
            assert!(colours.len() >= 2, "scene {i} has something in it");
            for b in &scenes[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(super::scene_of("demo-scene-3-c2"), Some(3));
        assert_eq!(super::scene_of("demo-face-3"), None);
    }
}
